/**
 * A run id taken again and again: the store draws a new one up to 20 times in all, then gives up
 * with SQLite's own error instead of looping for ever (run-ids.test.ts covers the draw that succeeds).
 */
import { describe, expect, it, vi } from 'vitest';

let draws = 0;
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, randomBytes: (n: number) => (n === 2 ? (draws++, Buffer.from([0xee, 0xee])) : actual.randomBytes(n)) };
});

const { openState, closeState } = await import('../../src/data/state.js');
const { RunStore } = await import('../../src/data/runs.js');
const { makeTempHome } = await import('../helpers/home.js');

describe('run ids always taken', () => {
  it('twenty draws, then the UNIQUE constraint error; the store is still usable', () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z'), toFake: ['Date'] });
    try {
      const store = new RunStore(openState({ home: makeTempHome() }));
      const first = store.start({ lab: 'churn' });
      expect(first.id).toBe('churn-20261201-100000-eeee');
      draws = 0;
      expect(() => store.start({ lab: 'churn' })).toThrow(/UNIQUE constraint failed: runs\.id/);
      expect(draws).toBe(20);
      expect(store.list().map((r) => r.id)).toEqual([first.id]);
      // another second: a new id
      vi.setSystemTime(new Date('2026-12-01T10:00:01Z'));
      expect(store.start({ lab: 'churn' }).id).toBe('churn-20261201-100001-eeee');
    } finally {
      vi.useRealTimers();
      closeState();
    }
  });
});
