/**
 * Run ids carry 2 random bytes after the second they start in: two runs in the same second may
 * draw the same bytes, and the second one must get a new id instead of failing with
 * "UNIQUE constraint failed: runs.id" (seen as a flaky test with 50 runs in one second).
 */
import { describe, expect, it, vi } from 'vitest';

// the first three draws are the same two bytes; then they differ
const draws = [Buffer.from([0xab, 0xcd]), Buffer.from([0xab, 0xcd]), Buffer.from([0xab, 0xcd]), Buffer.from([0x01, 0x02])];
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, randomBytes: (n: number) => (n === 2 && draws.length ? draws.shift()! : actual.randomBytes(n)) };
});

const { openState } = await import('../../src/data/state.js');
const { RunStore } = await import('../../src/data/runs.js');
const { makeTempHome } = await import('../helpers/home.js');

describe('run ids', () => {
  it('a run whose id is taken draws another instead of failing', () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z'), toFake: ['Date'] });
    try {
      const store = new RunStore(openState({ home: makeTempHome() }));
      const first = store.start({ lab: 'churn' });
      const second = store.start({ lab: 'churn' });
      expect(first.id).toBe('churn-20261201-100000-abcd');
      // abcd twice more (taken), then 0102
      expect(second.id).toBe('churn-20261201-100000-0102');
      first.finish();
      second.finish();
      expect(store.list().map((r) => r.id).sort()).toEqual(['churn-20261201-100000-0102', 'churn-20261201-100000-abcd']);
    } finally {
      vi.useRealTimers();
    }
  });
});
