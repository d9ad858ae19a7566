/**
 * The mock interview's results and summary as known values, from feedback written out by hand:
 * each flag on both sides of its threshold, the follow-up's score by words, the weakest topics,
 * the requeued questions and the summary lines the user reads; and the drill's feedback port.
 */
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/content/questions.js';
import type { AnswerFeedback } from '../../src/drill/feedback.js';
import { answerFeedbackPort } from '../../src/drill/feedback-port.js';
import { mockResult, summariseMock, summaryLines, REQUEUE_BELOW, type MockResult, type MockTurn } from '../../src/drill/mock.js';

const question = (over: Partial<Question> = {}): Question =>
  ({ id: 'q1', kind: 'technical', topics: ['sql'], targetSeconds: 100, talkingPoints: [{ point: 'A', keywords: ['a'] }, { point: 'B', keywords: ['b'] }, { point: 'C', keywords: ['c'] }], sections: { Question: 'Q?', 'Model answer': 'x' }, followUps: [], ...over }) as Question;
const turn = (q: Question, followUp?: string): MockTurn => ({ question: q, prompt: followUp ?? 'Q?', targetSeconds: followUp ? 60 : q.targetSeconds, ...(followUp ? { followUp } : {}) });
/** The fields mockResult reads, under their earlier names too. */
const feedback = (o: { seconds?: [number, number]; covered?: boolean[]; words?: number; fillers?: Record<string, number>; quantified?: boolean; verdicts?: string[] } = {}): AnswerFeedback => {
  const seconds = o.seconds ?? [60, 75];
  const points = (o.covered ?? [true, true, false]).map((covered, i) => ({ point: 'ABC'[i]!, covered, matched: [], keywords: [] }));
  const figures = (o.verdicts ?? []).map((verdict, i) => ({ text: `${i + 1}%`, verdict }));
  return { speakingSeconds: { low: seconds[0], high: seconds[1] }, talkingPoints: points, numbers: figures, words: o.words ?? 150, fillers: o.fillers ?? {}, quantifiedResult: { found: o.quantified ?? true } } as unknown as AnswerFeedback;
};

describe('mock results', () => {
  const q = question();
  const result = (f: AnswerFeedback, t = turn(q), seconds = 80.4) => mockResult({ turn: t, answer: 'x', seconds }, f);

  it('scores the share of talking points covered, lists the missed ones and each figure', () => {
    expect(result(feedback({ verdicts: ['backed', 'no-run'] }))).toEqual({ id: 'q1', seconds: 80, targetSeconds: 100, spokenSeconds: [60, 75], score: 67, flags: [], missed: ['C'], figures: [{ text: '1%', verdict: 'backed' }, { text: '2%', verdict: 'no-run' }] });
    expect(result(feedback({ covered: [] })).score).toBe(0);
  });
  it('flags too short under 60% of the target spoken slowly, too long over 140% spoken fast', () => {
    expect(result(feedback({ seconds: [50, 59] })).flags).toEqual(['too-short']);
    expect(result(feedback({ seconds: [50, 60] })).flags).toEqual([]);
    expect(result(feedback({ seconds: [140, 170] })).flags).toEqual([]);
    expect(result(feedback({ seconds: [141, 170] })).flags).toEqual(['too-long']);
  });
  it('flags three fillers, not two, and a figure the runs contradict or find suspicious', () => {
    expect(result(feedback({ fillers: { um: 2 } })).flags).toEqual([]);
    expect(result(feedback({ fillers: { um: 2, like: 1 } })).flags).toEqual(['fillers']);
    expect(result(feedback({ verdicts: ['differs'] })).flags).toEqual(['unbacked-figure']);
    expect(result(feedback({ verdicts: ['suspicious'] })).flags).toEqual(['unbacked-figure']);
    expect(result(feedback({ verdicts: ['backed', 'setting'] })).flags).toEqual([]);
  });
  it('expects a quantified result from a project or a STAR story, not from another behavioural question or a follow-up', () => {
    const unquantified = feedback({ quantified: false });
    expect(result(unquantified, turn(question({ kind: 'project' }))).flags).toEqual(['no-result']);
    expect(result(unquantified, turn(question({ kind: 'behavioural', sections: { Question: 'Q?', 'Model answer': '**Situation.** ...' } as Question['sections'] }))).flags).toEqual(['no-result']);
    expect(result(unquantified, turn(question({ kind: 'behavioural', sections: { Question: 'Q?', 'Model answer': 'Say why.' } as Question['sections'] }))).flags).toEqual([]);
    expect(result(unquantified, turn(question({ kind: 'project' }), 'Why?')).flags).toEqual([]);
    expect(result(unquantified).flags).toEqual([]);
  });
  it('scores a follow-up by whether it said something: 20 words or more is 100, fewer in proportion', () => {
    const t = turn(q, 'And then?');
    expect(result(feedback({ words: 20, covered: [false, false, false] }), t)).toMatchObject({ followUp: 'And then?', score: 100, missed: [], targetSeconds: 60 });
    expect(result(feedback({ words: 7 }), t).score).toBe(35);
  });
  it('gives an unanswered turn no score, the no-answer flag, and every point missed (none for a follow-up)', () => {
    expect(mockResult({ turn: turn(q), answer: '', seconds: 2.6 }, undefined)).toEqual({ id: 'q1', seconds: 3, targetSeconds: 100, spokenSeconds: [0, 0], score: 0, flags: ['no-answer'], missed: ['A', 'B', 'C'], figures: [] });
    expect(mockResult({ turn: turn(q, 'Why?'), answer: '', seconds: 1 }, undefined)).toMatchObject({ followUp: 'Why?', missed: [] });
  });
});

describe('mock summary', () => {
  const questions = [question({ id: 'a', topics: ['behavioural', 'conflict'] }), question({ id: 'b', topics: ['sql'] }), question({ id: 'c', topics: ['stats'] }), question({ id: 'd', topics: ['behavioural'] }), question({ id: 'e', topics: ['ml'] })];
  const r = (id: string, score: number, over: Partial<MockResult> = {}): MockResult => ({ id, seconds: 60, targetSeconds: 90, spokenSeconds: [40, 50], score, flags: [], missed: [], figures: [], ...over });
  const results = [
    r('a', 80),
    r('a', 100, { followUp: 'Why?' }),
    r('b', 40, { missed: ['B1', 'B2'] }),
    r('c', 90, { flags: ['fillers'], figures: [{ text: '5%', verdict: 'backed' }] }),
    r('d', REQUEUE_BELOW),
    r('e', 95),
  ];
  const summary = summariseMock(results, questions, 45);
  it('averages scores by topic (not "behavioural"), the three weakest first, and requeues scores under 50 or flagged answers', () => {
    expect(summary.weakest).toEqual([
      { topic: 'sql', score: 40 },
      { topic: 'behavioural', score: 50 },
      { topic: 'conflict', score: 80 },
    ]);
    expect(summary.requeued).toEqual(['b', 'c']);
    expect(summary.totalSeconds).toBe(360);
    expect(summary.minutes).toBe(45);
  });
  it('prints the lines the user reads', () => {
    expect(summaryLines(summary)).toEqual([
      'Mock interview: 6 answers in 6 of 45 min (typing time).',
      'a\n    spoken ≈ 40-50 s against 90 s · points covered 80%',
      '  ↳ follow-up: Why?\n    spoken ≈ 40-50 s against 90 s · points covered 100%',
      'b\n    spoken ≈ 40-50 s against 90 s · points covered 40%',
      '    missed: B1; B2',
      'c\n    spoken ≈ 40-50 s against 90 s · points covered 90% · flags: fillers',
      '    figure 5%: backed',
      'd\n    spoken ≈ 40-50 s against 90 s · points covered 50%',
      'e\n    spoken ≈ 40-50 s against 90 s · points covered 95%',
      'Weakest areas: sql (40%), behavioural (50%), conflict (80%)',
      'Back in your review queue (rated Again): b, c',
    ]);
    expect(summaryLines(summariseMock([], questions, 30))).toEqual(['Mock interview: 0 answers in 0 of 30 min (typing time).', 'Nothing went back to the review queue.']);
    // a question not in the bank counts under "other"
    expect(summariseMock([r('zz', 10)], questions, 30).weakest).toEqual([{ topic: 'other', score: 10 }]);
  });
});

describe('the drill\'s feedback port', () => {
  const port = answerFeedbackPort();
  const q = { kind: 'behavioural' as const, targetSeconds: 20, talkingPoints: [], followUps: ['What next?'] } as unknown as Question;
  it('analyses, gives lines with a tone by their mark, the follow-up, and a JSON record', () => {
    const f = port.analyse('At my last company churn was rising. They broke the pipeline twice. I rebuilt the pipeline from the raw logs.', q);
    const lines = port.lines(f, q);
    expect(lines.slice(0, 4).map((l) => l.tone)).toEqual(['good', 'missing', 'good', 'missing']);
    expect(lines.find((l) => l.text.startsWith('! blame'))?.tone).toBe('warning');
    expect(lines.find((l) => l.text.startsWith('Score'))?.tone).toBeUndefined();
    expect(port.followUp!(f, q)).toBe('Looking back, what would you do differently yourself?');
    expect(port.record(f)).toEqual(JSON.parse(JSON.stringify(f)));
    const follow = port.analyseFollowUp!('I would raise it with their lead earlier.', 'Looking back?', q);
    expect(follow.starExpected).toBe(false);
    expect(port.followUp!(follow, q)).toBeUndefined();
  });
});
