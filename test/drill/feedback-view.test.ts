/**
 * What the user reads: the feedback's rows, text and tone, for a feedback object written out by
 * hand (every kind of row: score steps with add, subtract and cap, STAR found by label and by
 * role and not found, the quantified result, covered and uncovered points, flags with and without
 * a sentence, each figure verdict, length, and each follow-up source).
 */
import { describe, expect, it } from 'vitest';
import type { AnswerFeedback } from '../../src/drill/feedback.js';
import { feedbackView, feedbackViewRows, wrapWords } from '../../src/drill/feedback-view.js';

const feedback = (over: Partial<AnswerFeedback> = {}): AnswerFeedback =>
  ({
    question: 'q',
    title: 'Q',
    kind: 'behavioural',
    starExpected: true,
    star: {
      situation: { found: true, sentence: 'At my last company churn was rising.', how: 'role' },
      task: { found: true, sentence: 'decide whether it could ship.', how: 'label' },
      action: { found: false, sentence: null, how: null, note: 'labelled "action", but what follows is not a sentence that says something' },
      result: { found: false, sentence: null, how: null },
    },
    quantifiedResult: { found: false, sentence: null, why: 'no result, so nothing to quantify' },
    points: [
      { point: 'Apply SMOTE inside the folds', covered: true, evidence: 'I applied SMOTE inside the folds.', weight: 1, matched: ['smote'], keywords: ['smote'], why: 'covered' },
      { point: 'Move the threshold', covered: true, evidence: 'I tuned the threshold.', weight: 0.75, matched: ['threshold'], keywords: ['threshold'], why: 'covered by one keyword: say more about it' },
      { point: 'Give the base rate', covered: false, evidence: null, weight: 0, matched: [], keywords: ['base rate'], why: 'not mentioned (listen for: base rate)' },
    ],
    flags: [
      { kind: 'blame', sentence: 'They broke it.', why: 'puts the fault on someone else.' },
      { kind: 'no-result', sentence: null, why: 'the story has no outcome.' },
    ],
    figures: [
      { text: '0.84', line: 1, sentence: '', verdict: 'backed', runId: 'run-1', reason: '' },
      { text: '75%', line: 1, sentence: '', verdict: 'differs', reason: 'run-1 measured 69.5%' },
      { text: '40%', line: 1, sentence: '', verdict: 'suspicious', reason: 'too low' },
      { text: '£20k', line: 1, sentence: '', verdict: 'no-run', reason: 'no metric like it' },
      { text: '5', line: 1, sentence: '', verdict: 'setting', reason: 'folds, a setting' },
    ],
    words: 120,
    seconds: [45, 55],
    targetSeconds: 90,
    length: 'on target',
    fillers: {},
    vague: {},
    score: 41,
    scoreSteps: [
      { label: 'talking points', points: 50, kind: 'add' },
      { label: 'red flag blame', points: -15, kind: 'subtract' },
      { label: 'capped', points: 41, kind: 'cap' },
    ],
    followUp: { question: 'What would you do differently?', source: 'answer' },
    summary: [],
    ...over,
  }) as AnswerFeedback;

describe('feedback rows', () => {
  it('renders every kind of row with its text and tone', () => {
    expect(feedbackViewRows(feedback(), { width: 200 })).toEqual([
      { text: 'Score 41/100', tone: 'heading' },
      { text: '   +50  talking points', tone: 'dim' },
      { text: '   −15  red flag blame', tone: 'warn' },
      { text: '   ≤41  capped', tone: 'warn' },
      { text: 'STAR', tone: 'heading' },
      { text: '  ✓ situation "At my last company churn was rising."', tone: 'good' },
      { text: '  ✓ task      "decide whether it could ship." (your label)', tone: 'good' },
      { text: '  ✗ action    labelled "action", but what follows is not a sentence that says something', tone: 'bad' },
      { text: '  ✗ result    not found', tone: 'bad' },
      { text: '  ✗ quantified result: no result, so nothing to quantify', tone: 'bad' },
      { text: 'Talking points', tone: 'heading' },
      { text: '  ✓ Apply SMOTE inside the folds', tone: 'good' },
      { text: '      "I applied SMOTE inside the folds."', tone: 'plain' },
      { text: '  ✓ Move the threshold', tone: 'good' },
      { text: '      "I tuned the threshold." (covered by one keyword: say more about it)', tone: 'plain' },
      { text: '  ✗ Give the base rate', tone: 'bad' },
      { text: '      not mentioned (listen for: base rate)', tone: 'dim' },
      { text: 'Red flags', tone: 'heading' },
      { text: '  ! blame: "They broke it."', tone: 'bad' },
      { text: '      puts the fault on someone else.', tone: 'dim' },
      { text: '  ! no-result', tone: 'bad' },
      { text: '      the story has no outcome.', tone: 'dim' },
      { text: 'Figures against your runs', tone: 'heading' },
      { text: '  ✓ 0.84: matches run run-1', tone: 'good' },
      { text: '  ! 75%: differs: run-1 measured 69.5%', tone: 'bad' },
      { text: '  ! 40%: suspicious: too low', tone: 'bad' },
      { text: '  ? £20k: unverified: no run has this figure (no metric like it)', tone: 'dim' },
      { text: '  · 5: setting: folds, a setting', tone: 'dim' },
      { text: 'Length: 120 words ≈ 45-55 s at 130-160 words a minute; target 90 s (on target)', tone: 'plain' },
      { text: 'Follow-up (from your answer): What would you do differently?', tone: 'heading' },
    ]);
  });

  it('shows a quantified result, one word and one length, a follow-up from the runs or the question, and leaves out empty sections', () => {
    const rows = feedbackView(
      feedback({
        starExpected: false,
        points: [],
        flags: [],
        figures: [],
        scoreSteps: [],
        words: 1,
        seconds: [0, 0],
        followUp: { question: 'Why 0.84?', source: 'runs' },
      }),
    );
    expect(rows).toEqual(['Score 41/100', 'Length: 1 word ≈ 0 s at 130-160 words a minute; target 90 s (on target)', 'Follow-up (from your runs): Why 0.84?']);
    expect(feedbackView(feedback({ starExpected: false, points: [], flags: [], figures: [], scoreSteps: [], followUp: { question: 'Q?', source: 'question' } })).at(-1)).toBe('Follow-up: Q?');
    expect(feedbackView(feedback({ starExpected: false, points: [], flags: [], figures: [], scoreSteps: [], followUp: null })).at(-1)).toMatch(/^Length: /);
    const quantified = feedbackViewRows(feedback({ quantifiedResult: { found: true, sentence: 'Churn fell by 3 points.', why: 'the result holds a figure' } }), { width: 200 });
    expect(quantified).toContainEqual({ text: '  ✓ quantified result: "Churn fell by 3 points."', tone: 'good' });
    expect(feedbackView(feedback({ scoreSteps: [{ label: 'x', points: 0, kind: 'add' }] }), { width: 200 })[1]).toBe('    +0  x');
  });

  it('wraps within the width (at least 40), indenting continuation lines', () => {
    const long = feedback({ followUp: { question: 'word '.repeat(30).trim(), source: 'question' } });
    const rows = feedbackView(long, { width: 10 });
    const follow = rows.slice(rows.findIndex((r) => r.startsWith('Follow-up')));
    expect(follow.every((r) => r.length <= 40)).toBe(true);
    expect(follow.slice(1).every((r) => r.startsWith('  word'))).toBe(true);
    expect(feedbackView(long).every((r) => r.length <= 80)).toBe(true);
  });
});

describe('wrapWords', () => {
  it('keeps the leading spaces of the first line, indents the rest, and cuts a word longer than the room', () => {
    expect(wrapWords('  one two three four five six', 14, 4)).toEqual(['  one two', '    three four', '    five six']);
    expect(wrapWords('abcdefghijklmnopqrstuvwxyz', 10)).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxyz']);
    expect(wrapWords('', 20)).toEqual(['']);
    expect(wrapWords('exactly ten', 11)).toEqual(['exactly ten']);
    expect(wrapWords('exactly ten', 10)).toEqual(['exactly', 'ten']);
    // padding inside a line is kept; a newline inside a quoted sentence reads as a space; a gap at a wrap is dropped
    expect(wrapWords('  ✓ task      "decide."', 80)).toEqual(['  ✓ task      "decide."']);
    expect(wrapWords('a "first\nsecond" b', 80)).toEqual(['a "first second" b']);
    expect(wrapWords('aaaa    bbbb', 10, 2)).toEqual(['aaaa', '  bbbb']);
  });
});
