import { afterEach, describe, expect, it } from 'vitest';
import { closeState, openState } from '../../src/data/state.js';
import { buildQueue, loadCards, rate } from '../../src/drill/scheduler.js';
import { makeTempHome } from '../helpers/home.js';

afterEach(() => closeState());

describe('the due queue (issue 19, 13)', () => {
  it('puts the most overdue card first, then new questions', () => {
    const db = openState({ home: makeTempHome() });
    const day = 24 * 3600 * 1000;
    const now = new Date('2026-06-01T12:00:00Z');
    // rated "Again" on different days: each is due soon after, so the earliest rated is the most overdue
    rate(db, { questionId: 'b', rating: 1, answer: '', feedback: {}, now: new Date(now.getTime() - 10 * day) });
    rate(db, { questionId: 'a', rating: 1, answer: '', feedback: {}, now: new Date(now.getTime() - 3 * day) });
    rate(db, { questionId: 'c', rating: 1, answer: '', feedback: {}, now: new Date(now.getTime() - 30 * day) });
    const questions = ['a', 'b', 'c', 'new-1', 'new-2'].map((id) => ({ id }));
    const queue = buildQueue(db, questions, { newLimit: 1, dueOnly: false, now });
    // Again puts a card on a relearning step: all three come before the new question, most overdue first
    expect(queue.map((q) => [q.question.id, q.kind === 'new'])).toEqual([['c', false], ['b', false], ['a', false], ['new-1', true]]);
  });

  it('a card whose stored JSON is damaged starts again as new instead of failing the drill', () => {
    const db = openState({ home: makeTempHome() });
    rate(db, { questionId: 'q', rating: 3, answer: '', feedback: {} });
    db.prepare(`UPDATE drill_cards SET card = '{not json' WHERE question_id = 'q'`).run();
    const cards = loadCards(db);
    expect(cards.get('q')!.card.reps).toBe(0);
    expect(() => buildQueue(db, [{ id: 'q' }], { newLimit: 5, dueOnly: false })).not.toThrow();
  });
});
