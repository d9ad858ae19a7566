import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs';
import type { Question } from '../../src/content/questions.js';
import { closeState, openState, type StateDb } from '../../src/data/state.js';
import { buildQueue, formatInterval, loadCards, orderNew, previewIntervals, rate, setSuspended, type QueueEntry } from '../../src/drill/scheduler.js';
import { cleanAnswer, DrillSession, type FeedbackPort } from '../../src/drill/session.js';
import { makeTempHome } from '../helpers/home.js';

afterEach(() => closeState());

const MIN = 60_000;
const start = new Date('2026-11-02T09:00:00Z');

function question(id: string, group = 'g', followUps: string[] = []): Question {
  return {
    id,
    title: `Question ${id}`,
    roles: ['mle'],
    topics: [group],
    kind: 'technical',
    difficulty: 'easy',
    targetSeconds: 60,
    talkingPoints: [],
    followUps,
    links: [],
    file: `questions/${group}/${id}.md`,
    sections: { Question: `Q ${id}?`, 'What they are probing': 'p', 'Model answer': 'm', Pitfalls: 'x' },
  };
}

/** Feedback that records what it was asked, so the test sees the session hand it the answer. */
const wordCount: FeedbackPort<{ words: number }> = {
  analyse: (answer) => ({ words: answer.split(/\s+/).length }),
  lines: (f) => [{ text: `${f.words} words` }],
  record: (f) => f,
};

/** A session on a fake clock the test moves by hand. */
function session(db: StateDb, queue: QueueEntry<Question>[], learnAheadMinutes = 20, port = wordCount) {
  const clock = { now: new Date(start) };
  const s = new DrillSession({ db, queue, feedback: port, learnAheadMinutes, clock: () => clock.now });
  const wait = (minutes: number) => (clock.now = new Date(clock.now.getTime() + minutes * MIN));
  const answerAndRate = (rating: 1 | 2 | 3 | 4) => {
    s.submitAnswer('an answer');
    s.rate(rating);
  };
  return { s, clock, wait, answerAndRate };
}

const newCards = (...ids: string[]) => ids.map((id) => ({ question: question(id), kind: 'new' as const }));

describe('learning steps in the session', () => {
  it('a card rated Again comes back once its 1-minute step ends, before the cards still waiting', () => {
    const db = openState({ home: makeTempHome() });
    const { s, wait, answerAndRate } = session(db, newCards('a', 'b', 'c'));
    expect(s.current?.question.id).toBe('a');
    answerAndRate(1);
    expect(s.current?.question.id).toBe('b'); // not due yet, and other cards are left
    expect(s.counts).toEqual({ new: 2, learning: 1, review: 0 });
    wait(2);
    answerAndRate(3);
    expect(s.current?.question.id).toBe('a'); // its step ended: it comes before c
    expect(s.current?.kind).toBe('learning');
  });

  it('counts a learning card in the header only once its step ends within the learn-ahead limit (as Anki)', () => {
    const db = openState({ home: makeTempHome() });
    const { s, wait, answerAndRate } = session(db, newCards('a', 'b', 'c'), 5);
    answerAndRate(3); // Good on a new card: the 10-minute step, beyond the 5-minute limit
    expect(s.counts).toEqual({ new: 2, learning: 0, review: 0 });
    wait(6); // now 4 minutes before its step ends: inside the limit
    expect(s.counts).toEqual({ new: 2, learning: 1, review: 0 });
  });

  it('when nothing else is left, a learning card due within the learn-ahead limit is shown early', () => {
    const db = openState({ home: makeTempHome() });
    const { s, answerAndRate } = session(db, newCards('a'), 20);
    answerAndRate(3); // Good on a new card: the 10-minute step
    expect(s.phase).toBe('answer');
    expect(s.current?.question.id).toBe('a');
    answerAndRate(3); // Good again: graduates to days, out of the session
    expect(s.phase).toBe('finished');
    expect(loadCards(db).get('a')!.card.scheduled_days).toBeGreaterThanOrEqual(1);
  });

  it('beyond the learn-ahead limit the session waits, then shows the card when the clock allows', () => {
    const db = openState({ home: makeTempHome() });
    const { s, wait, answerAndRate } = session(db, newCards('a'), 5);
    answerAndRate(3); // due in 10 minutes, learn-ahead 5
    expect(s.phase).toBe('waiting');
    expect(s.waitingUntil).toEqual(new Date(start.getTime() + 5 * MIN));
    wait(4);
    s.refresh();
    expect(s.phase).toBe('waiting');
    wait(1);
    s.refresh();
    expect(s.phase).toBe('answer');
    expect(s.current?.question.id).toBe('a');
  });

  it('with a zero learn-ahead limit a learning card waits for its step to end exactly', () => {
    const db = openState({ home: makeTempHome() });
    const { s, wait, answerAndRate } = session(db, newCards('a'), 0);
    answerAndRate(1);
    expect(s.phase).toBe('waiting');
    wait(0.99);
    s.refresh();
    expect(s.phase).toBe('waiting');
    wait(0.02);
    s.refresh();
    expect(s.current?.question.id).toBe('a');
  });

  it('a lapsed review card relearns in the session; quitting leaves pending steps in the summary', () => {
    const db = openState({ home: makeTempHome() });
    const f = fsrs(generatorParameters({ request_retention: 0.9 }));
    const long = new Date(start.getTime() - 30 * 86_400_000);
    rate(db, { questionId: 'r', rating: 4, answer: '', feedback: [], now: long }); // a review card long ago
    const queue = buildQueue(db, [question('r'), question('n')], { newLimit: 5, dueOnly: false, now: start });
    expect(queue.map((e) => [e.question.id, e.kind])).toEqual([
      ['r', 'review'],
      ['n', 'new'],
    ]);
    const { s, answerAndRate } = session(db, queue, 0);
    const before = loadCards(db).get('r')!.card;
    answerAndRate(1);
    expect(loadCards(db).get('r')!.card.due).toEqual(f.next(before, start, Rating.Again).card.due); // 10-minute relearning step
    expect(s.current?.question.id).toBe('n');
    s.quit();
    expect(s.summary().learningLeft).toEqual([{ questionId: 'r', due: new Date(start.getTime() + 10 * MIN) }]);
  });

  it('learning cards left from an earlier session queue first when due, later ones by their time', () => {
    const db = openState({ home: makeTempHome() });
    rate(db, { questionId: 'x', rating: 1, answer: '', feedback: [], now: new Date(start.getTime() - 5 * MIN) }); // due 4 min ago
    rate(db, { questionId: 'y', rating: 3, answer: '', feedback: [], now: new Date(start.getTime() - 5 * MIN) }); // due in 5 min
    const queue = buildQueue(db, [question('x'), question('y'), question('z')], { newLimit: 5, dueOnly: false, now: start });
    expect(queue.map((e) => [e.question.id, e.kind])).toEqual([
      ['x', 'learning'],
      ['y', 'learning'],
      ['z', 'new'],
    ]);
    const { s, answerAndRate } = session(db, queue, 20);
    expect(s.current?.question.id).toBe('x');
    answerAndRate(3);
    expect(s.current?.question.id).toBe('z'); // y is not due yet and z is waiting
    answerAndRate(4);
    expect(s.current?.question.id).toBe('y'); // nothing else: y within learn-ahead
  });
});

describe('undo', () => {
  it('returns to the undone card on its rating screen, restores its schedule, and the next card waits again', () => {
    const db = openState({ home: makeTempHome() });
    const { s, answerAndRate } = session(db, newCards('a', 'b'));
    s.submitAnswer('my answer to a');
    s.rate(4);
    expect(s.current?.question.id).toBe('b');
    expect(loadCards(db).has('a')).toBe(true);
    s.undo();
    expect(s.phase).toBe('review');
    expect(s.current?.question.id).toBe('a');
    expect(s.current?.answer).toBe('my answer to a');
    expect(loadCards(db).has('a')).toBe(false);
    expect(s.message).toMatch(/Undid Easy on "a"/);
    s.rate(2);
    expect(s.current?.question.id).toBe('b');
    answerAndRate(3);
    expect(s.summary().byRating).toEqual({ 1: 0, 2: 1, 3: 1, 4: 0 });
  });

  it('works from the answer screen and after the last card, and removes the learning step it had added', () => {
    const db = openState({ home: makeTempHome() });
    const { s, answerAndRate } = session(db, newCards('a', 'b'), 0);
    answerAndRate(1); // a goes onto its 1-minute step
    expect(s.phase).toBe('answer'); // b, typing
    s.undo();
    expect(s.current?.question.id).toBe('a');
    expect(s.counts).toEqual({ new: 2, learning: 0, review: 0 });
    s.rate(3);
    answerAndRate(4);
    expect(s.phase).toBe('waiting'); // a on its 10-minute step, learn-ahead 0
    s.undo();
    expect(s.current?.question.id).toBe('b');
    expect(s.phase).toBe('review');
    s.undo();
    expect(s.current?.question.id).toBe('a');
    s.undo();
    expect(s.message).toBe('Nothing to undo in this session');
    expect(loadCards(db).size).toBe(0);
  });

  it('only undoes this session\'s ratings, even when another review was written after them', () => {
    const db = openState({ home: makeTempHome() });
    const { s, answerAndRate } = session(db, newCards('a', 'b'));
    answerAndRate(3);
    rate(db, { questionId: 'elsewhere', rating: 2, answer: '', feedback: [], now: start });
    s.undo();
    expect(s.current?.question.id).toBe('a');
    expect([...loadCards(db).keys()]).toEqual(['elsewhere']);
  });
});

describe('interval previews', () => {
  it('label each rating with the interval ts-fsrs gives: 1m / 6m / 10m / 8d for a new card', () => {
    const db = openState({ home: makeTempHome() });
    const p = previewIntervals(db, 'fresh', start);
    expect([p[1].label, p[2].label, p[3].label, p[4].label]).toEqual(['1m', '6m', '10m', '8d']);
    expect([p[1].learning, p[4].learning]).toEqual([true, false]);
    const f = fsrs(generatorParameters({ request_retention: 0.9 }));
    expect(p[4].due).toEqual(f.repeat(createEmptyCard(start), start)[Rating.Easy].card.due);
  });

  it('follow the stored card: after Good, Good, the next Good is weeks away, Again a 10-minute relearning step', () => {
    const db = openState({ home: makeTempHome() });
    const f = fsrs(generatorParameters({ request_retention: 0.9 }));
    let card = createEmptyCard(start);
    let now = start;
    for (const step of [0, 10, 2 * 24 * 60]) {
      now = new Date(now.getTime() + step * MIN);
      rate(db, { questionId: 'q', rating: 3, answer: '', feedback: [], now });
      card = f.next(card, now, Rating.Good).card;
    }
    const at = card.due;
    const p = previewIntervals(db, 'q', at);
    const expected = f.repeat(card, at);
    for (const r of [1, 2, 3, 4] as const) expect(p[r].due).toEqual(expected[r].card.due);
    expect(p[1].label).toBe('10m');
    expect(p[3].due.getTime() - at.getTime()).toBeGreaterThan(7 * 86_400_000);
  });

  it('format like Anki', () => {
    expect([30_000, MIN, 10 * MIN, 90 * MIN, 86_400_000, 45 * 86_400_000, 400 * 86_400_000].map(formatInterval)).toEqual(['<1m', '1m', '10m', '2h', '1d', '1.5mo', '1.1y']);
  });
});

describe('new cards interleaved across topics', () => {
  it('each new card comes from the group seen least so far, counting earlier sessions', () => {
    const db = openState({ home: makeTempHome() });
    const qs = ['b1', 'b2', 'b3', 's1', 's2', 'm1'].map((id) => question(id, id[0]!));
    const groupOf = (id: string) => id[0]!;
    const order = (opts = {}) =>
      buildQueue(db, qs, { newLimit: 4, dueOnly: false, now: start, groupOf, ...opts })
        .filter((e) => e.kind === 'new')
        .map((e) => e.question.id);
    expect(order()).toEqual(['b1', 's1', 'm1', 'b2']);
    expect(order({ order: 'in-order' })).toEqual(['b1', 'b2', 'b3', 's1']);
    rate(db, { questionId: 'b1', rating: 3, answer: '', feedback: [], now: new Date(start.getTime() - 86_400_000) });
    rate(db, { questionId: 's1', rating: 3, answer: '', feedback: [], now: new Date(start.getTime() - 86_400_000) });
    // b and s have one card seen each, m none: m first, then b and s alternate
    expect(order()).toEqual(['m1', 'b2', 's2', 'b3']);
  });

  it('property: a permutation of the unseen questions whose first cards cover as many groups as possible', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 20 }), (groups) => {
        const db = openState({ home: makeTempHome() });
        const qs = groups.map((g, i) => ({ id: `${g}${i}` }));
        const out = orderNew(db, qs, { groupOf: (id) => id[0]! });
        closeState();
        expect([...out].sort((x, y) => x.id.localeCompare(y.id))).toEqual([...qs].sort((x, y) => x.id.localeCompare(y.id)));
        const distinct = new Set(groups).size;
        expect(new Set(out.slice(0, distinct).map((q) => q.id[0])).size).toBe(distinct);
      }),
      { numRuns: 40 },
    );
  });

  it('random order is a shuffle driven by the given random source', () => {
    const db = openState({ home: makeTempHome() });
    const qs = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
    expect(orderNew(db, qs, { order: 'random', random: () => 0 }).map((q) => q.id)).toEqual(['b', 'c', 'd', 'a']);
    // Fisher-Yates draws j = floor(random · (i + 1)) ≤ i: a source just under 1 always picks i itself, so nothing moves
    expect(orderNew(db, qs, { order: 'random', random: () => 0.999 }).map((q) => q.id)).toEqual(['a', 'b', 'c', 'd']);
    // 0.5: i = 3 → j = 2, i = 2 → j = 1, i = 1 → j = 1
    expect(orderNew(db, qs, { order: 'random', random: () => 0.5 }).map((q) => q.id)).toEqual(['a', 'd', 'b', 'c']);
  });
});

describe('practise now (--id / --topic)', () => {
  it('queues cards not yet due as "ahead"; rating one counts as a review and reschedules it', () => {
    const db = openState({ home: makeTempHome() });
    rate(db, { questionId: 'done', rating: 4, answer: '', feedback: [], now: new Date(start.getTime() - 86_400_000) });
    const notDue = loadCards(db).get('done')!;
    expect(notDue.due.getTime()).toBeGreaterThan(start.getTime());
    expect(buildQueue(db, [question('done')], { newLimit: 5, dueOnly: false, now: start })).toEqual([]);
    const queue = buildQueue(db, [question('done')], { newLimit: 5, dueOnly: false, now: start, practiseNow: true });
    expect(queue.map((e) => e.kind)).toEqual(['ahead']);
    const { s, answerAndRate } = session(db, queue);
    answerAndRate(3);
    expect(s.summary()).toMatchObject({ rated: 1, ahead: 1 });
    const after = loadCards(db).get('done')!;
    expect(after.reps).toBe(notDue.reps + 1);
    expect(after.due).not.toEqual(notDue.due);
    expect((db.prepare('SELECT COUNT(*) AS n FROM drill_reviews').get() as { n: number }).n).toBe(2);
  });

  it('suspended questions stay out of queues, practised now or not, unless asked for by id', () => {
    const db = openState({ home: makeTempHome() });
    setSuspended(db, 'b', true);
    expect(buildQueue(db, [question('a'), question('b')], { newLimit: 5, dueOnly: false, now: start }).map((e) => e.question.id)).toEqual(['a']);
    expect(buildQueue(db, [question('b')], { newLimit: 5, dueOnly: false, now: start, practiseNow: true })).toEqual([]);
    expect(buildQueue(db, [question('b')], { newLimit: 5, dueOnly: false, now: start, practiseNow: true, includeSuspended: true }).map((e) => e.question.id)).toEqual(['b']);
    setSuspended(db, 'b', false);
    expect(buildQueue(db, [question('a'), question('b')], { newLimit: 5, dueOnly: false, now: start }).length).toBe(2);
  });
});

describe('answers and follow-ups', () => {
  it('control bytes never reach the saved answer; the follow-up asked is the question\'s own, saved with the review', () => {
    const db = openState({ home: makeTempHome() });
    const q = question('f', 'g', ['What would you do differently?', 'Who decided?']);
    const s = new DrillSession({ db, queue: [{ question: q, kind: 'new' }], feedback: wordCount, learnAheadMinutes: 20, clock: () => start, reviewsBefore: () => 1 });
    s.submitAnswer('déjà vu 日本\u007f\u007f\u0008 ok\u001b[A');
    expect(s.current?.answer).toBe('déjà vu 日本 ok[A');
    expect(s.phase).toBe('follow-up');
    expect(s.current?.followUp?.question).toBe('Who decided?');
    s.submitFollowUp('I did.\u0000');
    expect(s.phase).toBe('review');
    s.rate(3);
    const row = db.prepare('SELECT answer, feedback FROM drill_reviews').get() as { answer: string; feedback: string };
    expect(row.answer).not.toMatch(/[\u0000-\u0008\u007f]/);
    expect(JSON.parse(row.feedback)).toEqual({ analysis: { words: 4 }, followUp: { question: 'Who decided?', answer: 'I did.' } });
  });

  it('a follow-up drawn by the feedback wins over the written ones; no answer, no follow-up', () => {
    const db = openState({ home: makeTempHome() });
    const port: FeedbackPort<{ words: number }> = { ...wordCount, followUp: (f) => `You used ${f.words} words: why so few?` };
    const q = question('f', 'g', ['written']);
    const s = new DrillSession({ db, queue: [{ question: q, kind: 'new' }, { question: q, kind: 'new' }], feedback: port, learnAheadMinutes: 20, clock: () => start });
    s.submitAnswer('two words');
    expect(s.current?.followUp?.question).toBe('You used 2 words: why so few?');
    expect(s.feedbackLines()).toEqual([{ text: '2 words' }]);
    s.submitFollowUp('');
    s.skip();
    s.submitAnswer('   ');
    expect(s.phase).toBe('review');
    expect(s.current?.followUp).toBeUndefined();
  });

  it('cleanAnswer keeps newlines and text, drops every other control byte', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(cleanAnswer(text)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      }),
    );
    expect(cleanAnswer('a\r\nb\rc')).toBe('a\nb\nc');
  });
});
