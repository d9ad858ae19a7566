/**
 * `prep stats` figures as known values from cards and reviews written into a fresh state.db by
 * hand: due today and this week on both sides of each edge, true retention, the streak, Again
 * rates and stability by topic, leeches and suspended cards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyCard } from 'ts-fsrs';
import { closeState, openState, type StateDb } from '../../src/data/state.js';
import type { Question } from '../../src/content/questions.js';
import { setSuspended } from '../../src/drill/scheduler.js';
import { drillStats } from '../../src/drill/stats.js';
import { makeTempHome } from '../helpers/home.js';

afterEach(() => closeState());

const now = new Date('2026-12-10T12:00:00Z');
const questions = [
  { id: 'a', title: 'A?', topics: ['sql'] },
  { id: 'b', title: 'B?', topics: ['stats'] },
  { id: 'c', title: 'C?', topics: [] },
] as unknown as Question[];

function card(db: StateDb, id: string, due: string, stability: number, lapses = 0) {
  const c = { ...createEmptyCard(new Date('2026-11-01T00:00:00Z')), due: new Date(due), stability, lapses, last_review: new Date('2026-11-02T00:00:00Z') };
  db.prepare(`INSERT INTO drill_cards (question_id, card, due, lapses, reps, updated_at) VALUES (?, ?, ?, ?, ?, ?)`).run(id, JSON.stringify(c), due, lapses, 3, due);
}
function review(db: StateDb, id: string, rating: number, at: string, mature: boolean) {
  db.prepare(`INSERT INTO drill_reviews (question_id, rating, reviewed_at, answer, feedback, card_before, due_after) VALUES (?, ?, ?, '', '{}', ?, ?)`).run(id, rating, at, mature ? '{}' : null, at);
}

describe('drill stats', () => {
  it('counts due cards up to the end of today and of the sixth day after, inclusive', () => {
    const db = openState({ home: makeTempHome() });
    card(db, 'a', '2026-12-10T23:59:59.999Z', 2);
    card(db, 'b', '2026-12-11T00:00:00.000Z', 5);
    card(db, 'c', '2026-12-16T23:59:59.999Z', 9);
    card(db, 'd', '2026-12-17T00:00:00.000Z', 1);
    card(db, 'e', '2026-12-01T00:00:00.000Z', 3);
    const s = drillStats(db, questions, now);
    expect([s.cards, s.dueToday, s.dueThisWeek]).toEqual([5, 2, 4]);
  });

  it('true retention: the share of reviews of learned cards not rated Again; none before any', () => {
    const db = openState({ home: makeTempHome() });
    expect(drillStats(db, questions, now)).toMatchObject({ cards: 0, reviews: 0, trueRetention: null, streakDays: 0, byTopic: [], leeches: [], suspended: [] });
    review(db, 'a', 1, '2026-12-08T10:00:00Z', false); // a first sight rated Again does not count
    review(db, 'a', 1, '2026-12-09T10:00:00Z', true);
    review(db, 'b', 2, '2026-12-09T11:00:00Z', true);
    review(db, 'b', 4, '2026-12-10T09:00:00Z', true);
    review(db, 'c', 3, '2026-12-10T10:00:00Z', false);
    const s = drillStats(db, questions, now);
    expect(s.reviews).toBe(5);
    expect(s.trueRetention).toBeCloseTo(2 / 3, 12);
  });

  it('the streak: consecutive days with reviews up to today, or up to yesterday before today\'s first review', () => {
    const db = openState({ home: makeTempHome() });
    for (const day of ['2026-12-05', '2026-12-07', '2026-12-08', '2026-12-09']) review(db, 'a', 3, `${day}T10:00:00Z`, true);
    expect(drillStats(db, questions, now).streakDays).toBe(3);
    review(db, 'a', 3, '2026-12-10T08:00:00Z', true);
    expect(drillStats(db, questions, now).streakDays).toBe(4);
    expect(drillStats(db, questions, new Date('2026-12-12T12:00:00Z')).streakDays).toBe(0);
  });

  it('by topic: cards, mean stability (weakest first) and the share of reviews rated Again', () => {
    const db = openState({ home: makeTempHome() });
    card(db, 'a', '2026-12-20T00:00:00Z', 10);
    card(db, 'a2', '2026-12-20T00:00:00Z', 4); // not in the bank: "other"
    card(db, 'b', '2026-12-20T00:00:00Z', 3);
    card(db, 'c', '2026-12-20T00:00:00Z', 8); // no topic: "other"
    review(db, 'a', 1, '2026-12-09T10:00:00Z', true);
    review(db, 'a', 3, '2026-12-09T11:00:00Z', true);
    review(db, 'a', 3, '2026-12-09T12:00:00Z', true);
    review(db, 'a', 4, '2026-12-09T13:00:00Z', true);
    review(db, 'c', 1, '2026-12-09T10:00:00Z', true);
    review(db, 'zz', 1, '2026-12-09T10:00:00Z', true); // no card: "other" too
    expect(drillStats(db, questions, now).byTopic).toEqual([
      { topic: 'stats', cards: 1, meanStability: 3, againRate: null },
      { topic: 'other', cards: 2, meanStability: 6, againRate: 1 },
      { topic: 'sql', cards: 1, meanStability: 10, againRate: 0.25 },
    ]);
  });

  it('leeches: cards with 8 lapses or more, most first, with their title and whether suspended', () => {
    const db = openState({ home: makeTempHome() });
    card(db, 'a', '2026-12-20T00:00:00Z', 1, 8);
    card(db, 'b', '2026-12-20T00:00:00Z', 1, 12);
    card(db, 'c', '2026-12-20T00:00:00Z', 1, 7);
    setSuspended(db, 'b', true);
    setSuspended(db, 'x', true);
    const s = drillStats(db, questions, now);
    expect(s.leeches).toEqual([
      { questionId: 'b', title: 'B?', lapses: 12, suspended: true },
      { questionId: 'a', title: 'A?', lapses: 8, suspended: false },
    ]);
    expect(s.suspended).toEqual(['b', 'x']);
  });
});
