import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { closeState, openState } from '../../src/data/state.js';
import { RunStore } from '../../src/data/runs.js';
import type { Question } from '../../src/content/questions.js';
import type { StateDb } from '../../src/data/state.js';
import { answerFeedbackPort } from '../../src/drill/feedback-port.js';
import { drillQuestions } from '../../src/drill/questions.js';
import { loadCards, rate } from '../../src/drill/scheduler.js';
import { DrillSession } from '../../src/drill/session.js';
import { AnswerEditor, DrillApp } from '../../src/ui/drill/DrillApp.js';
import { displayWidth } from '../../src/ui/drill/screen-text.js';
import { makeTempHome } from '../helpers/home.js';

/**
 * Waits until the last frame matches (Ink renders input asynchronously, and a loaded CI machine
 * can take longer than any fixed pause); fails with the frame if it never does.
 */
async function frameMatching(ui: { lastFrame(): string | undefined }, pattern: RegExp, timeoutMs = 5000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const frame = ui.lastFrame() ?? '';
    if (pattern.test(frame)) return frame;
    if (Date.now() - start > timeoutMs) {
      expect(frame).toMatch(pattern);
      return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 30));
/**
 * Presses a key once the screen has settled: Ink subscribes a newly shown component's input
 * handler in an effect after the frame is drawn, so a key sent the instant a frame appears can
 * arrive before anyone listens (a loaded CI machine showed it with a 30 ms pause).
 */
async function press(ui: { stdin: { write(data: string): void } }, key: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  ui.stdin.write(key);
}
afterEach(() => closeState());

describe('AnswerEditor', () => {
  it('collects typed lines and submits on Escape', async () => {
    let submitted: string | undefined;
    const ui = render(<AnswerEditor onSubmit={(t) => (submitted = t)} />);
    ui.stdin.write('first line');
    await tick();
    ui.stdin.write('\r');
    await tick();
    ui.stdin.write('second');
    await frameMatching(ui, /3 words/);
    ui.stdin.write('\u001b');
    for (let waited = 0; submitted === undefined && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(submitted).toBe('first line\nsecond');
  });

  it('takes q as answer text', async () => {
    let submitted: string | undefined;
    const ui = render(<AnswerEditor onSubmit={(t) => (submitted = t)} hint="then 1-4 rate, s skip, q quit" />);
    expect(ui.lastFrame()).toMatch(/then 1-4 rate, s skip, q quit/);
    await tick();
    ui.stdin.write('quality q');
    await frameMatching(ui, /2 words/);
    expect(ui.lastFrame()).toMatch(/quality q/);
    expect(submitted).toBeUndefined();
  });

  it('handles a burst of backspaces, a paste with newlines, multi-byte characters and control bytes', async () => {
    let submitted: string | undefined;
    const ui = render(<AnswerEditor onSubmit={(t) => (submitted = t)} width={40} />);
    await tick();
    ui.stdin.write('naïve 日本語 café');
    await frameMatching(ui, /café/);
    ui.stdin.write('\u007f\u007f\u007f\u007f\u007f'); // five backspaces in one read: " café" goes
    await frameMatching(ui, /日本語\s+│/);
    expect(ui.lastFrame()).not.toMatch(/caf/);
    ui.stdin.write('\u007f'); // one wide character
    await frameMatching(ui, /日本\s+│/);
    ui.stdin.write(' pasted\rsecond line\u0007\u0001 end');
    await frameMatching(ui, /second line end/);
    // every row of the box has the same width: nothing invisible shifted the border
    const widths = new Set(ui.lastFrame()!.split('\n').filter((l) => l.includes('│')).map(displayWidth));
    expect(widths.size).toBe(1);
    ui.stdin.write('\u001b');
    for (let waited = 0; submitted === undefined && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(submitted).toBe('naïve 日本 pasted\nsecond line end');
  });

  it('Ctrl-Z calls undo instead of typing', async () => {
    let undone = 0;
    const ui = render(<AnswerEditor onSubmit={() => undefined} onUndo={() => undone++} />);
    await tick();
    ui.stdin.write('\u001a');
    for (let waited = 0; undone === 0 && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(undone).toBe(1);
    expect(ui.lastFrame()).toMatch(/0 words/);
  });
});

const sessionFor = (db: StateDb, questions: Question[], store: RunStore) =>
  new DrillSession({ db, queue: questions.map((question) => ({ question, kind: 'new' as const })), feedback: answerFeedbackPort(store), learnAheadMinutes: 20 });

/** Every line fits the screen, and the frame is shorter than the terminal (so Ink never scrolls it away). */
function expectFits(frame: string, columns: number, rows: number): void {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThan(rows);
  expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(columns);
}

describe('DrillApp', () => {
  it('shows the question, the follow-up, then feedback beside the answer with intervals under the ratings; undo returns to the undone card', async () => {
    const db = openState({ home: makeTempHome() });
    const store = new RunStore(db);
    const all = (await drillQuestions({}, makeTempHome())).questions;
    const queue = ['conflict-story', 'data-leakage'].map((id) => all.find((q) => q.id === id)!);
    const session = sessionFor(db, queue, store);
    const renderAnswer = async (q: { id: string }) => `MODEL ANSWER FOR ${q.id}`;
    const ui = render(<DrillApp session={session} renderAnswer={renderAnswer} columns={80} rows={24} />);
    expect(ui.lastFrame()).toMatch(/2 new · 0 learning · 0 review/);
    expectFits(ui.lastFrame()!, 80, 24);
    await press(ui, '\t');
    await frameMatching(ui, /What they are probing: Maturity/);
    await press(ui, 'I disagreed with my manager about shipping, so I listened and proposed a backtest.');
    await frameMatching(ui, /14 words/);
    await press(ui, '\u001b');
    const followUp = await frameMatching(ui, /Interviewer: \S[^\n]*\?/);
    expect(followUp).toMatch(/Your answer/);
    expect(followUp).toMatch(/Tell me about a time you disagreed/); // the question stays on screen
    expectFits(followUp, 80, 24);
    await press(ui, 'Agree on the test first.');
    await frameMatching(ui, /5 words/);
    await press(ui, '\u001b');
    const review = await frameMatching(ui, /1 Again/);
    expect(review).toMatch(/1 Again\s+2 Hard\s+3 Good\s+4 Easy/);
    expect(review).toMatch(/^\s+1m\s+6m\s+10m\s+8d\s*$/m);
    expect(review).toMatch(/Your answer\n\s+I disagreed with my manager/);
    expectFits(review, 80, 24);
    // the panel scrolls to the model answer, pitfalls and the follow-up answer; the question stays
    // the feedback is long (STAR, points, flags, score, follow-up feedback): page down until the pitfalls show
    for (let i = 0; i < 12 && !/Pitfalls/.test(ui.lastFrame()!); i++) await press(ui, '\u001b[6~');
    const scrolled = await frameMatching(ui, /Pitfalls/);
    expect(scrolled).toMatch(/MODEL ANSWER FOR conflict-story/);
    expect(scrolled).toMatch(/Tell me about a time you disagreed/);
    await press(ui, '1');
    await frameMatching(ui, /Again: back in this session in 1 minute/);
    expect(ui.lastFrame()).toMatch(/1 new · 1 learning/);
    expect(loadCards(db).size).toBe(1);
    await press(ui, 'x'); // answer text on the next card, then Ctrl-Z from the editor
    await press(ui, '\u001a');
    const back = await frameMatching(ui, /Undid Again on "conflict-story"/);
    expect(back).toMatch(/Tell me about a time you disagreed/);
    expect(back).toMatch(/1 Again/);
    expect(loadCards(db).size).toBe(0);
    await press(ui, '3');
    await frameMatching(ui, /Good: back in this session in 10 minutes/);
    await press(ui, '\u001b'); // data-leakage, no answer: no follow-up
    await frameMatching(ui, /No answer typed/);
    await press(ui, '4');
    // nothing else left: conflict-story's 10-minute step is within the 20-minute learn-ahead limit
    const learning = await frameMatching(ui, /0 new · 1 learning · 0 review │ learning/);
    expect(learning).toMatch(/Tell me about a time you disagreed/);
    await press(ui, 'q'); // answer text
    await press(ui, '\u001b');
    await frameMatching(ui, /Interviewer/);
    await press(ui, '\u001b'); // an empty follow-up answer passes
    await frameMatching(ui, /1 Again/);
    for (let i = 0; i < 12 && !/\(passed\)/.test(ui.lastFrame()!); i++) await press(ui, '\u001b[6~');
    await frameMatching(ui, /Interviewer: [^\n]*(\n[^\n]*)?\n\s+\(passed\)/);
    await press(ui, 'q');
    const summary = await frameMatching(ui, /Session summary/);
    expect(summary).toMatch(/2 rated \(Again 0, Hard 0, Good 1, Easy 1\)/);
    expect(summary).toMatch(/still learning: conflict-story/);
  });

  it('after the last card, the summary waits so the last rating can be undone; an earlier session\'s rating stays', async () => {
    const db = openState({ home: makeTempHome() });
    const store = new RunStore(db);
    const queue = (await drillQuestions({}, makeTempHome())).questions.filter((q) => q.id === 'data-leakage');
    const ui = render(<DrillApp session={sessionFor(db, queue, store)} renderAnswer={async () => 'MODEL ANSWER'} columns={100} rows={40} />);
    await press(ui, '\u001b');
    await frameMatching(ui, /1 Again/);
    rate(db, { questionId: 'from-an-earlier-session', rating: 3, answer: '', feedback: [] });
    await press(ui, 'u');
    await frameMatching(ui, /Nothing to undo in this session/);
    expect(loadCards(db).size).toBe(1);
    await press(ui, '4');
    const summary = await frameMatching(ui, /u undo the last rating/);
    expect(summary).toMatch(/1 rated \(Again 0, Hard 0, Good 0, Easy 1\)/);
    expect(loadCards(db).size).toBe(2);
    await press(ui, 'u');
    expect(await frameMatching(ui, /Undid Easy on "data-leakage"/)).toMatch(/1 Again/);
    expect(loadCards(db).size).toBe(1);
    await press(ui, 'q');
    await frameMatching(ui, /Session summary/);
    expect(ui.lastFrame()).not.toMatch(/u undo the last rating/);
  });

  it('on a wide screen the answer sits beside the feedback; on 80 columns above it; nothing overflows either', async () => {
    const all = (await drillQuestions({}, makeTempHome())).questions;
    for (const [columns, rows] of [
      [100, 40], // ink-testing-library's terminal is 100 columns wide
      [80, 24],
    ] as const) {
      const db = openState({ home: makeTempHome() });
      const queue = [all.find((q) => q.id === 'class-imbalance-smote')!];
      const ui = render(<DrillApp session={sessionFor(db, queue, new RunStore(db))} renderAnswer={async () => 'MODEL'} columns={columns} rows={rows} />);
      await press(ui, 'I compared class weights and SMOTE inside the training folds, never before the split, because that leaks. Recall went up while AUC stayed flat.');
      await frameMatching(ui, /24 words/);
      await press(ui, '\u001b');
      await frameMatching(ui, /Interviewer/);
      await press(ui, '\u001b');
      const review = await frameMatching(ui, /1 Again/);
      if (columns === 100) {
        expect(review).toMatch(/Your answer\s+│ Feedback/);
        expect(review).toMatch(/because that leaks\. Recall went up while AUC +│ +✓ action/);
      } else {
        expect(review).toMatch(/Your answer\n\s+I compared class weights/);
        expect(review).not.toMatch(/│ Feedback/);
      }
      expectFits(review, columns, rows);
      ui.unmount();
      closeState();
    }
  });
});
