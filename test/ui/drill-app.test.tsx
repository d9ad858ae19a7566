import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { closeState, openState } from '../../src/data/state.js';
import { RunStore } from '../../src/data/runs.js';
import { drillQuestions } from '../../src/drill/session.js';
import { loadCards, rate } from '../../src/drill/scheduler.js';
import { AnswerEditor, DrillApp } from '../../src/ui/drill/DrillApp.js';
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

  it('takes q as answer text and says that q quits after submitting', async () => {
    let submitted: string | undefined;
    const ui = render(<AnswerEditor onSubmit={(t) => (submitted = t)} />);
    expect(ui.lastFrame()).toMatch(/After submitting: 1-4 rate, s skip, q quit/);
    await tick();
    ui.stdin.write('quality q');
    await frameMatching(ui, /2 words/);
    expect(ui.lastFrame()).toMatch(/quality q/);
    expect(submitted).toBeUndefined();
  });
});

describe('DrillApp', () => {
  it('shows the question, then feedback and the model answer, rates, undoes and quits with a summary', async () => {
    const db = openState({ home: makeTempHome() });
    const store = new RunStore(db);
    const queue = (await drillQuestions({}, makeTempHome())).questions.filter((q) => ['class-imbalance-smote', 'data-leakage'].includes(q.id));
    const renderAnswer = async (q: { id: string }) => `MODEL ANSWER FOR ${q.id}`;
    const ui = render(<DrillApp queue={queue} db={db} store={store} renderAnswer={renderAnswer} />);
    expect(ui.lastFrame()).toMatch(/\[1\/2\]/);
    ui.stdin.write('I compared class weights and SMOTE inside the training folds.');
    await frameMatching(ui, /10 words/);
    await press(ui, '\u001b');
    const feedback = await frameMatching(ui, /1 Again/);
    expect(feedback).toMatch(/Feedback/);
    expect(feedback).toMatch(/MODEL ANSWER FOR/);
    await press(ui, '3');
    await frameMatching(ui, /\[2\/2\]/);
    expect(loadCards(db).size).toBe(1);
    await press(ui, '\u001b');
    await frameMatching(ui, /1 Again/);
    await press(ui, 'u');
    await frameMatching(ui, /Undid Good/);
    expect(loadCards(db).size).toBe(0);
    await press(ui, 'q');
    const summary = await frameMatching(ui, /Session summary/);
    expect(summary).toMatch(/0 rated/);
  });

  it('after the last card, the summary waits so the last rating can be undone', async () => {
    const db = openState({ home: makeTempHome() });
    const store = new RunStore(db);
    const queue = (await drillQuestions({}, makeTempHome())).questions.filter((q) => q.id === 'data-leakage');
    const ui = render(<DrillApp queue={queue} db={db} store={store} renderAnswer={async () => 'MODEL ANSWER'} />);
    await press(ui, '\u001b');
    await frameMatching(ui, /1 Again/);
    rate(db, { questionId: 'from-an-earlier-session', rating: 3, answer: '', feedback: [] });
    await press(ui, 'u'); // nothing rated in this session yet: an earlier session's rating stays
    await frameMatching(ui, /Nothing to undo in this session/);
    expect(loadCards(db).size).toBe(1);
    await press(ui, '4');
    const summary = await frameMatching(ui, /u undo the last rating/);
    expect(summary).toMatch(/1 rated \(Again 0 · Hard 0 · Good 0 · Easy 1\)/);
    expect(loadCards(db).size).toBe(2);
    await press(ui, 'u');
    expect(await frameMatching(ui, /Undid Easy on "data-leakage"/)).toMatch(/0 rated/);
    expect(loadCards(db).size).toBe(1);
    await press(ui, 'q');
    await frameMatching(ui, /Session summary\n.*rated[^\n]*$/); // the waiting hint is gone: the app is done
  });
});
