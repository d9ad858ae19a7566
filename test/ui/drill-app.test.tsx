import { afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import { render } from 'ink-testing-library';
import { closeState, openState } from '../../src/data/state.js';
import { RunStore } from '../../src/data/runs.js';
import { drillQuestions } from '../../src/drill/session.js';
import { loadCards } from '../../src/drill/scheduler.js';
import { AnswerEditor, DrillApp } from '../../src/ui/drill/DrillApp.js';
import { makeTempHome } from '../helpers/home.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));
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
    await tick();
    expect(ui.lastFrame()).toMatch(/3 words/);
    ui.stdin.write('\u001b');
    await tick();
    expect(submitted).toBe('first line\nsecond');
  });
});

describe('DrillApp', () => {
  it('shows the question, then feedback and the model answer, rates, undoes and quits with a summary', async () => {
    const db = openState({ home: makeTempHome() });
    const store = new RunStore(db);
    const queue = drillQuestions().questions.filter((q) => ['class-imbalance-smote', 'data-leakage'].includes(q.id));
    const renderAnswer = async (q: { id: string }) => `MODEL ANSWER FOR ${q.id}`;
    const ui = render(<DrillApp queue={queue} db={db} store={store} renderAnswer={renderAnswer} />);
    expect(ui.lastFrame()).toMatch(/\[1\/2\]/);
    ui.stdin.write('I compared class weights and SMOTE inside the training folds.');
    await tick();
    ui.stdin.write('\u001b');
    await tick();
    expect(ui.lastFrame()).toMatch(/Feedback/);
    expect(ui.lastFrame()).toMatch(/MODEL ANSWER FOR/);
    expect(ui.lastFrame()).toMatch(/1 Again/);
    ui.stdin.write('3');
    await tick();
    expect(ui.lastFrame()).toMatch(/\[2\/2\]/);
    expect(loadCards(db).size).toBe(1);
    ui.stdin.write('\u001b');
    await tick();
    ui.stdin.write('u');
    await tick();
    expect(ui.lastFrame()).toMatch(/Undid Good/);
    expect(loadCards(db).size).toBe(0);
    ui.stdin.write('q');
    await tick();
    expect(ui.lastFrame()).toMatch(/Session summary/);
    expect(ui.lastFrame()).toMatch(/0 rated/);
  });
});
