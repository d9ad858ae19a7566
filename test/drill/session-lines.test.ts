/** The drill session's one-line messages as the user reads them, with their edges. */
import { describe, expect, it } from 'vitest';
import { cleanAnswer, intervalWords, learningLeftLine, summaryLine } from '../../src/drill/session.js';
import { formatInterval, ratingNames } from '../../src/drill/scheduler.js';

describe('session messages', () => {
  it('intervalWords: minutes up to 89, then hours; never less than a minute', () => {
    expect(intervalWords(0)).toBe('1 minute');
    expect(intervalWords(60_000)).toBe('1 minute');
    expect(intervalWords(90_000)).toBe('2 minutes');
    expect(intervalWords(89 * 60_000)).toBe('89 minutes');
    expect(intervalWords(89.4 * 60_000)).toBe('89 minutes');
    expect(intervalWords(89.5 * 60_000)).toBe('2 hours');
    expect(intervalWords(150 * 60_000)).toBe('3 hours');
  });
  it('learningLeftLine: due at a time to come, or due now since a time past', () => {
    const now = new Date('2026-12-01T10:20:00Z');
    expect(learningLeftLine({ questionId: 'q1', due: new Date('2026-12-01T10:30:00Z') }, now)).toBe('still learning: q1, due at 10:30 UTC (in 10 minutes)');
    expect(learningLeftLine({ questionId: 'q1', due: new Date('2026-12-01T10:20:00Z') }, now)).toBe('still learning: q1, due now (since 10:20 UTC)');
    expect(learningLeftLine({ questionId: 'q2', due: new Date('2026-12-01T10:05:00Z') }, now)).toBe('still learning: q2, due now (since 10:05 UTC)');
  });
  it('summaryLine: ratings by name, skips, and practice ahead of schedule only when there was some', () => {
    const s = { rated: 5, byRating: { 1: 1, 2: 0, 3: 3, 4: 1 }, ahead: 0, skipped: 2, learningLeft: [] };
    expect(summaryLine(s)).toBe('Session: 5 rated (Again 1, Hard 0, Good 3, Easy 1), 2 skipped.');
    expect(summaryLine({ ...s, ahead: 2 })).toBe('Session: 5 rated (Again 1, Hard 0, Good 3, Easy 1), 2 skipped, 2 practised ahead of schedule (counted as reviews).');
  });
  it('formatInterval: each unit from its lower edge, whole numbers without ".0"', () => {
    const MIN = 60_000;
    const DAY = 1440 * MIN;
    expect([59_999, MIN, 59.4 * MIN, 60 * MIN, 23 * 60 * MIN, 24 * 60 * MIN, 29 * DAY, 30 * DAY, 60 * DAY, 364 * DAY, 365 * DAY, 730 * DAY].map(formatInterval)).toEqual(['<1m', '1m', '59m', '1h', '23h', '1d', '29d', '1mo', '2mo', '12.1mo', '1y', '2y']);
    expect(ratingNames).toEqual({ 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' });
  });
  it('cleanAnswer: tabs read as spaces, the ends are trimmed', () => {
    expect(cleanAnswer('\t a\tb \u0007\n')).toBe('a b');
  });
});
