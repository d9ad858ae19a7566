import { afterEach, describe, expect, it } from 'vitest';
import { closeState, openState } from '../../src/data/state.js';
import { rate } from '../../src/drill/scheduler.js';
import { activityHeatmap, drillStats } from '../../src/drill/stats.js';
import { makeTempHome } from '../helpers/home.js';

afterEach(() => closeState());

describe('the activity heatmap', () => {
  it('is a full grid: 13 weeks from a Sunday to today, rows of equal width, today in the last column', () => {
    const db = openState({ home: makeTempHome() });
    const now = new Date('2026-12-01T12:00:00Z'); // a Tuesday
    rate(db, { questionId: 'a', rating: 3, answer: '', feedback: [], now: new Date('2026-12-01T09:00:00Z') });
    rate(db, { questionId: 'b', rating: 3, answer: '', feedback: [], now: new Date('2026-12-01T09:05:00Z') });
    rate(db, { questionId: 'c', rating: 3, answer: '', feedback: [], now: new Date('2026-09-06T09:00:00Z') }); // the first Sunday shown
    const { activity } = drillStats(db, [], now);
    expect(activity[0]).toEqual({ day: '2026-09-06', reviews: 1 });
    expect(activity.at(-1)).toEqual({ day: '2026-12-01', reviews: 2 });
    expect(activity.length).toBe(12 * 7 + 3);
    const lines = activityHeatmap(activity).split('\n');
    const rows = lines.slice(1, 8);
    expect(rows.map((r) => r.slice(0, 4))).toEqual(['Sun ', 'Mon ', 'Tue ', 'Wed ', 'Thu ', 'Fri ', 'Sat ']);
    expect(new Set(rows.map((r) => [...r].length)).size).toBe(1);
    expect([...rows[0]!][4]).toBe('▒'); // 1 review against a busiest day of 2
    expect([...rows[2]!].at(-1)).toBe('█'); // today, Tuesday, the last column
    expect([...rows[3]!].at(-1)).toBe(' '); // tomorrow is not drawn
    expect(rows.slice(0, 2).every((r) => !r.includes(' ', 4))).toBe(true); // no gap at the start of any row
    // months start in the weeks holding their first day: October 1 is in the fourth week (index 3)
    expect(lines[0]!.indexOf('Oct')).toBe(4 + 3);
    expect(lines[0]!.indexOf('Nov')).toBe(4 + 8);
    expect(lines.at(-1)).toMatch(/most 2 a day/);
  });
});
