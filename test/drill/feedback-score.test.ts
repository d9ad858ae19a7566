/**
 * The score and what the user reads about it, as known values worked out by hand from the weights
 * in src/drill/feedback.ts: each step's label and points, the length factor on both sides of its
 * boundaries, the cap of a short answer, the talking points' evidence weights and reasons, the
 * summary lines, and the follow-up's own small question.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeState, openState } from '../../src/data/state.js';
import { RunStore } from '../../src/data/runs.js';
import { makeTempHome } from '../helpers/home.js';
import { analyseAnswer, analyseFollowUpAnswer, followUpQuestion, followUpSeconds, spoken, type FeedbackQuestion } from '../../src/drill/feedback.js';

/** Ten words, a plain clause: no filler, no vague word, no keyword. */
const clause = 'I compared the three models on the same folds today.';
const prose = (n: number) => Array.from({ length: n }, () => clause).join(' ');
const plain = (targetSeconds = 60): FeedbackQuestion => ({ kind: 'technical', targetSeconds, talkingPoints: [] });

describe('the score of an answer with no talking points and no story: 70 for clear sentences, 30 for length', () => {
  it('gives 100 to clear prose of the right length, with each step labelled', () => {
    const f = analyseAnswer(prose(7), plain());
    expect([f.words, f.seconds, f.length]).toEqual([70, [26, 32], 'on target']);
    expect(f.scoreSteps).toEqual([
      { label: 'clear sentences: 100% of the words are in sentences that say something', points: 70, kind: 'add' },
      { label: 'length: about 26-32 s against 60 s (on target)', points: 30, kind: 'add' },
    ]);
    expect(f.score).toBe(100);
    expect(f.summary).toEqual(['score 100/100']);
    expect(f.flags).toEqual([]);
  });

  it('counts only the words in sentences that say something', () => {
    // 70 words of prose and a 6-word list of terms: 70/76 = 92%, 0.921 × 70 = 64
    const f = analyseAnswer(`${prose(7)} Churn models retention offers campaigns budgets.`, plain());
    expect(f.words).toBe(76);
    expect(f.scoreSteps).toEqual([
      { label: 'clear sentences: 92% of the words are in sentences that say something', points: 64, kind: 'add' },
      { label: 'length: about 29-35 s against 60 s (on target)', points: 30, kind: 'add' },
      { label: 'red flag keyword-list', points: -15, kind: 'subtract' },
    ]);
    expect(f.score).toBe(79);
    expect(f.summary).toEqual(['score 79/100', 'red flags: keyword-list']);
  });

  it('gives a long answer half the length points up to twice the target, and none beyond', () => {
    // 320 words: 120-148 s, 120 is exactly twice 60: 15 points, less 8 for too-long
    const twice = analyseAnswer(prose(32), plain());
    expect([twice.seconds, twice.length]).toEqual([[120, 148], 'long']);
    expect(twice.scoreSteps.slice(1)).toEqual([
      { label: 'length: about 120-148 s against 60 s (long)', points: 15, kind: 'add' },
      { label: 'red flag too-long', points: -8, kind: 'subtract' },
    ]);
    expect(twice.score).toBe(70 + 15 - 8);
    // 330 words: 124-152 s, beyond twice the target: no length points
    const beyond = analyseAnswer(prose(33), plain());
    expect(beyond.seconds).toEqual([124, 152]);
    expect(beyond.scoreSteps[1]).toEqual({ label: 'length: about 124-152 s against 60 s (long)', points: 0, kind: 'add' });
    expect(beyond.score).toBe(70 - 8);
  });

  it('gives a short answer length points in proportion, and caps its score at 60 scaled the same way', () => {
    // 30 words: 11-14 s; 14 / 30 of the length points (14) and a cap of 60 × 14 / 30 = 28
    const f = analyseAnswer(prose(3), plain());
    expect([f.seconds, f.length]).toEqual([[11, 14], 'short']);
    expect(f.scoreSteps).toEqual([
      { label: 'clear sentences: 100% of the words are in sentences that say something', points: 70, kind: 'add' },
      { label: 'length: about 11-14 s against 60 s (short)', points: 14, kind: 'add' },
      { label: 'capped: too short for a 60 s answer', points: 28, kind: 'cap' },
    ]);
    expect(f.score).toBe(28);
    expect(f.summary).toEqual(['score 28/100', 'red flags: too-short']);
    // a short answer already under its cap is not capped, and the score never goes below 0:
    // a 6-word list, 2-3 s against 20 s: 0 + 9 (3/10 of 30) - 15 = -6, under the cap of 18
    const tiny = analyseAnswer('Churn models retention offers campaigns budgets.', plain(20));
    expect(tiny.scoreSteps).toEqual([
      { label: 'clear sentences: 0% of the words are in sentences that say something', points: 0, kind: 'add' },
      { label: 'length: about 2-3 s against 20 s (short)', points: 9, kind: 'add' },
      { label: 'red flag keyword-list', points: -15, kind: 'subtract' },
    ]);
    expect(tiny.score).toBe(0);
  });

  it('never calls an answer with a written query too short, and does not count the query\'s words', () => {
    const f = analyseAnswer(`${clause}\n\`\`\`sql\nSELECT a, b, c, d, e, f, g FROM t\n\`\`\``, plain());
    expect(f.words).toBe(10);
    expect(f.length).toBe('on target');
    expect(f.flags).toEqual([]);
    // a long answer with a query is still long
    expect(analyseAnswer(`${prose(30)}\n\`\`\`sql\nSELECT a FROM t\n\`\`\``, plain()).length).toBe('long');
    // a block with blank lines around the query is a query too
    expect(analyseAnswer(`${clause}\n\`\`\`\n\n  SELECT a FROM t\n\n\`\`\``, plain()).length).toBe('on target');
    // an empty code block is not a query
    expect(analyseAnswer(`${clause}\n\`\`\`\n\`\`\``, plain()).length).toBe('short');
  });

  it('writes "about N s" once when both speaking rates round alike', () => {
    expect(spoken([12, 12])).toBe('12 s');
    expect(spoken([12, 15])).toBe('12-15 s');
  });
});

describe('the score of a story: 30 for STAR (situation 6, task 6, action 9, result 5, a figure in it 4), 20 for length', () => {
  const story: FeedbackQuestion = { kind: 'behavioural', targetSeconds: 20, talkingPoints: [] };
  const s = 'At my last company the churn model looked too good to be true.';
  const t = 'My task was to decide whether it was ready for the campaign.';
  const a = 'I reran the evaluation with the scaling inside the folds.';
  const r = 'As a result the honest AUC was 0.84, and the campaign went ahead.';

  it('gives 30 for all four parts with a quantified result', () => {
    const f = analyseAnswer([s, t, a, r].join(' '), story);
    expect(f.length).toBe('on target');
    expect(f.scoreSteps).toEqual([
      { label: 'STAR: situation, task, action, result found, result quantified', points: 30, kind: 'add' },
      { label: `length: about ${spoken(f.seconds)} against 20 s (on target)`, points: 20, kind: 'add' },
    ]);
    expect(f.score).toBe(50);
    expect(f.summary).toEqual(['score 50/100', 'STAR: all four parts found']);
  });

  it('takes off each missing part\'s weight and names it', () => {
    const noFigure = analyseAnswer([s, t, a, 'As a result the campaign went ahead with the honest model.'].join(' '), story);
    expect(noFigure.scoreSteps[0]).toEqual({ label: 'STAR: situation, task, action, result found', points: 26, kind: 'add' });
    expect(noFigure.quantifiedResult.why).toBe('the result has no figure: say by how much, measured how');
    const noTask = analyseAnswer([s, a, r].join(' '), story);
    expect(noTask.scoreSteps[0]).toEqual({ label: 'STAR: situation, action, result found, result quantified', points: 24, kind: 'add' });
    expect(noTask.summary[1]).toBe('STAR: task missing');
    const noResult = analyseAnswer([s, t, a].join(' '), story);
    expect(noResult.scoreSteps[0]).toEqual({ label: 'STAR: situation, task, action found', points: 21, kind: 'add' });
    expect(noResult.summary[1]).toBe('STAR: result missing');
    expect(noResult.scoreSteps).toContainEqual({ label: 'red flag no-result', points: -12, kind: 'subtract' });
    const onlyScene = analyseAnswer(s, story);
    expect(onlyScene.summary[1]).toBe('STAR: task, action, result missing');
    const nothing = analyseAnswer('Churn models retention offers campaigns budgets.', story);
    expect(nothing.scoreSteps[0]).toEqual({ label: 'STAR: no part found', points: 0, kind: 'add' });
    expect(nothing.summary[1]).toBe('STAR: situation, task, action, result missing');
  });

  it('expects no story from a technical question, nor from a behavioural one whose model answer is not a STAR template', () => {
    expect(analyseAnswer(r, plain()).starExpected).toBe(false);
    expect(analyseAnswer(r, { ...story, kind: 'project' }).starExpected).toBe(true);
    expect(analyseAnswer(r, { ...story, sections: { 'Model answer': 'Situation: ... Task: ...' } } as FeedbackQuestion).starExpected).toBe(true);
    expect(analyseAnswer(r, { ...story, sections: { 'Model answer': 'Say why this team.' } } as FeedbackQuestion).starExpected).toBe(false);
  });
});

describe('talking points: evidence, weight and the reason given', () => {
  const q: FeedbackQuestion = {
    kind: 'technical',
    targetSeconds: 20,
    talkingPoints: [
      { point: 'Apply SMOTE inside the folds', keywords: ['smote'] },
      { point: 'Move the threshold', keywords: ['threshold'] },
    ],
  };
  const point = (answer: string, i: number, question = q) => analyseAnswer(answer, question).points[i]!;

  it('weighs a keyword with another word of the point 1, a keyword alone 0.75, in vague words 0.7 of that', () => {
    expect(point('I applied SMOTE only inside the training folds of the validation.', 0)).toEqual({
      point: 'Apply SMOTE inside the folds',
      covered: true,
      evidence: 'I applied SMOTE only inside the training folds of the validation.',
      weight: 1,
      matched: expect.arrayContaining(['smote', 'folds']),
      keywords: ['smote'],
      why: 'covered',
    });
    expect(point('I tuned the threshold on the validation data.', 1)).toMatchObject({ covered: true, weight: 0.75, matched: ['threshold'], why: 'covered by one keyword: say more about it' });
    // exactly two: the keyword and one word of the point is already "covered" in full
    const two = point('I used SMOTE within the training folds.', 0);
    expect(two.matched.sort()).toEqual(['folds', 'smote']);
    expect(two).toMatchObject({ covered: true, weight: 1, why: 'covered' });
    const vague = point('Maybe I tuned the threshold on the validation data.', 1);
    expect(vague).toMatchObject({ covered: true, why: 'covered, in vague words: say exactly what' });
    expect(vague.weight).toBeCloseTo(0.525, 10);
  });

  it('quotes the strongest evidence for a point, not the first', () => {
    const f = analyseAnswer('I tried SMOTE on the churn data once. I applied SMOTE only inside the training folds.', q);
    expect(f.points[0]).toMatchObject({ covered: true, evidence: 'I applied SMOTE only inside the training folds.', weight: 1 });
  });

  it('covers a point by its own words only, not by words it shares with the other points', () => {
    const shared: FeedbackQuestion = { kind: 'technical', targetSeconds: 20, talkingPoints: [{ point: 'Compare churn models across folds', keywords: ['zzzz'] }, { point: 'Compare churn thresholds across folds', keywords: ['yyyy'] }] };
    const f = analyseAnswer('I compare churn figures across the folds of the validation.', shared);
    expect(f.points.map((p) => p.covered)).toEqual([false, false]);
  });

  it('scores the points at 65 × evidence / points, with clear sentences 15 and length 20', () => {
    const f = analyseAnswer('I applied SMOTE only inside the training folds of the validation. I tuned the threshold on the validation data.', q);
    expect(f.scoreSteps[0]).toEqual({ label: 'talking points: 2 of 2 covered with evidence (weight 1.75 of 2)', points: Math.round((65 * 1.75) / 2), kind: 'add' });
    expect(f.scoreSteps[1]).toEqual({ label: 'clear sentences: 100% of the words are in sentences that say something', points: 15, kind: 'add' });
    expect(f.summary).toContain('talking points: 2 of 2 covered with evidence');
    const one = analyseAnswer('I applied SMOTE only inside the training folds of the validation.', q);
    expect(one.scoreSteps[0]).toEqual({ label: 'talking points: 1 of 2 covered with evidence (weight 1.00 of 2)', points: 33, kind: 'add' });
    expect(one.summary).toContain('talking points: 1 of 2 covered with evidence');
  });

  it('says why a point is not covered: negated, only listed, someone else, or not said at all', () => {
    expect(point('I never tuned the threshold on the validation data.', 1)).toMatchObject({ covered: false, evidence: null, weight: 0, matched: [], why: 'only in a negated sentence: "I never tuned the threshold on the validation data."' });
    expect(point('Threshold, SMOTE.', 1)).toMatchObject({ covered: false, why: 'only in a list of terms: "Threshold, SMOTE." (only 2 words)' });
    expect(point('I compared the models on the same folds.', 1)).toMatchObject({ covered: false, why: 'not mentioned (listen for: threshold)' });
    const listen: FeedbackQuestion = { kind: 'behavioural', targetSeconds: 20, talkingPoints: [{ point: 'Listen to the stakeholders', keywords: ['listen*'] }] };
    expect(point('The product manager listened to every stakeholder in the room.', 0, listen)).toMatchObject({ covered: false, why: 'only about someone else: "The product manager listened to every stakeholder in the room."; say what you did' });
    expect(point('I listened to every stakeholder in the room first.', 0, listen)).toMatchObject({ covered: true });
    expect(point('We listened to every stakeholder in the room first.', 0, listen)).toMatchObject({ covered: true });
    expect(point('The lead and I listened to every stakeholder in the room.', 0, listen)).toMatchObject({ covered: true });
    // a technical point is not about the candidate: anyone saying it covers it
    expect(point('The product manager listened to every stakeholder in the room.', 0, { ...listen, kind: 'technical' })).toMatchObject({ covered: true });
    // a point that is not an instruction is not about the candidate either
    expect(point('The product manager listened to every stakeholder in the room.', 0, { ...listen, talkingPoints: [{ point: 'Listening to the stakeholders', keywords: ['listen*'] }] })).toMatchObject({ covered: true });
  });

  it.each(['Explain', 'Describe', 'State', 'Mention', 'Show', 'Give', 'Name', 'Use'])('"%s" in a point is an instruction, not a word the answer must say', (verb) => {
    // three words of the point in one sentence cover it; the instruction word is not one of them
    const q1: FeedbackQuestion = { kind: 'technical', targetSeconds: 20, talkingPoints: [{ point: `${verb} churn thresholds`, keywords: ['zzzz'] }] };
    const answer = `I will ${verb.toLowerCase()} churn thresholds to the retention team tomorrow.`;
    expect(point(answer, 0, q1)).toMatchObject({ covered: false, why: 'not mentioned (listen for: zzzz)' });
    // with a third word of its own, the point is covered by its words
    const q2: FeedbackQuestion = { ...q1, talkingPoints: [{ point: `${verb} churn thresholds for retention`, keywords: ['zzzz'] }] };
    expect(point(answer, 0, q2)).toMatchObject({ covered: true, weight: 1 });
  });

  it('keeps the earlier field names as getters that are not in the JSON', () => {
    const f = analyseAnswer('I tuned the threshold on the validation data.', q);
    expect(f.speakingSeconds).toEqual({ low: f.seconds[0], high: f.seconds[1] });
    expect(f.numbers).toBe(f.figures);
    expect(f.lengthVerdict).toBe(f.length);
    expect(f.talkingPoints).toEqual(f.points.map((p) => ({ point: p.point, covered: p.covered, matched: p.matched, keywords: p.keywords })));
    expect(Object.keys(f)).toEqual(['question', 'title', 'kind', 'starExpected', 'star', 'quantifiedResult', 'points', 'flags', 'figures', 'words', 'seconds', 'targetSeconds', 'length', 'fillers', 'vague', 'score', 'scoreSteps', 'followUp', 'summary']);
    expect(f.question).toBe('answer');
    // no run store: no figures, and no follow-up when the question has none of its own
    expect(f.figures).toEqual([]);
    expect(analyseAnswer(prose(7), plain()).followUp).toBeNull();
    expect(f.title).toBeNull();
  });
});

describe('the follow-up answer', () => {
  it('is read against a small question: the follow-up\'s text, 45 s, no talking points, no story, no further follow-up', () => {
    expect(followUpSeconds).toBe(45);
    expect(followUpQuestion('Why that threshold?', { kind: 'behavioural', id: 'conflict-story' })).toEqual({ id: 'conflict-story#follow-up', title: 'Why that threshold?', kind: 'behavioural', targetSeconds: 45, talkingPoints: [], followUps: [], followUpOf: 'conflict-story' });
    expect(followUpQuestion({ question: 'Why?', source: 'answer' }, { kind: 'technical' })).toMatchObject({ id: 'follow-up', title: 'Why?', followUpOf: 'answer' });
    const f = analyseFollowUpAnswer('We chose it with the retention team from the cost of an offer.', 'Why that threshold?', { kind: 'behavioural', id: 'conflict-story' });
    expect(f).toMatchObject({ question: 'conflict-story#follow-up', title: 'Why that threshold?', starExpected: false, targetSeconds: 45, followUp: null });
    // "we" only, but a follow-up answer is not a story: no we-not-i, no no-result
    expect(f.flags.map((x) => x.kind)).toEqual(['too-short']);
    // a follow-up answer gets no further follow-up, even one its flags would ask
    const blaming = analyseFollowUpAnswer('My manager refused to look at the results of the test.', 'Why that threshold?', { kind: 'technical', id: 'x' });
    expect(blaming.flags.map((x) => x.kind)).toContain('blame');
    expect(blaming.followUp).toBeNull();
  });

  it('picks one of the question\'s own follow-ups by the answer: always the same for the same answer, different answers spread over them', () => {
    const q: FeedbackQuestion = { kind: 'technical', targetSeconds: 60, talkingPoints: [], followUps: ['A?', 'B?', 'C?'] };
    const asked = new Set<string>();
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }).filter((t) => t.trim().length > 0 && !/smote/i.test(t)), (text) => {
        const f = analyseAnswer(text, q);
        if (f.followUp?.source !== 'question') return;
        expect(q.followUps).toContain(f.followUp.question);
        expect(analyseAnswer(`  ${text}\n`, q).followUp).toEqual(f.followUp);
        asked.add(f.followUp.question);
      }),
      { numRuns: 80 },
    );
    expect(asked.size).toBe(3);
  });

  it('asks what a listed term did, naming the first keyword of the listed sentence whole, as written', () => {
    const q: FeedbackQuestion = { kind: 'technical', targetSeconds: 20, talkingPoints: [{ point: 'Resampling', keywords: ['smote', 'class weights'] }], followUps: ['Q?'] };
    const f = analyseAnswer('I compared the options on the same folds. Class weights, SMOTE.', q);
    expect(f.followUp).toEqual({ question: 'You mentioned Class weights: what exactly did you do with it in your project, and why?', source: 'answer' });
    const g = analyseAnswer('I compared the options on the same folds. SMOTE, class weights.', q);
    expect(g.followUp).toEqual({ question: 'You mentioned SMOTE: what exactly did you do with it in your project, and why?', source: 'answer' });
  });

  it('reads Windows line ends and an unclosed code block as a person would', () => {
    const crlf = analyseAnswer(`${clause}\r\n${clause}\r\n`, plain());
    expect(crlf.words).toBe(20);
    expect(crlf.points).toEqual([]);
    expect(JSON.stringify(crlf)).not.toContain('\\r');
    // a line end inside a quoted sentence reads as "\n", whichever the platform wrote
    for (const end of ['\r\n', '\r', '\n']) {
      const f = analyseAnswer(`My manager refused to look${end}at the results of the test.`, plain());
      expect(f.flags.find((x) => x.kind === 'blame')?.sentence).toBe('My manager refused to look\nat the results of the test.');
    }
    const open = analyseAnswer(`${clause}\n\`\`\`sql\nSELECT a, b, c FROM t`, plain());
    expect(open.words).toBe(10);
  });

  it('asks a follow-up after a main answer, and none after an empty one', () => {
    const q: FeedbackQuestion = { kind: 'technical', targetSeconds: 60, talkingPoints: [], followUps: ['What would you change?'] };
    expect(analyseAnswer(prose(7), q).followUp).toEqual({ question: 'What would you change?', source: 'question' });
    expect(analyseAnswer('  ', q).followUp).toBeNull();
  });
});

describe('a flag raised more than once', () => {
  afterAll(() => closeState());
  it('takes its penalty per flag, at most twice, and says how many', () => {
    const store = new RunStore(openState({ home: makeTempHome('prep-score-') }));
    const run = store.start({ lab: 'churn', dataset: { name: 'telco', sha256: 'x' } });
    run.metric('test.recall', 0.6952, { stage: 'test', formula: 'tp / (tp + fn)' });
    run.finish();
    const q = plain(20);
    const two = analyseAnswer('The test recall reached 75% on held-out customers. The test recall reached 80% on the next month.', q, store);
    expect(two.flags.filter((f) => f.kind === 'unbacked-figure')).toHaveLength(2);
    expect(two.scoreSteps).toContainEqual({ label: 'red flag unbacked-figure ×2', points: -30, kind: 'subtract' });
    const three = analyseAnswer('The test recall reached 75% on held-out customers. The test recall reached 80% on the next month. The test recall reached 85% in the pilot.', q, store);
    expect(three.flags.filter((f) => f.kind === 'unbacked-figure')).toHaveLength(3);
    expect(three.scoreSteps).toContainEqual({ label: 'red flag unbacked-figure ×3', points: -30, kind: 'subtract' });
  });
});
