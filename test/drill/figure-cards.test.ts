/** Your numbers as cards: from the newest run, checked by the figure check, retired when a new run changes them. */
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../../src/data/runs.js';
import { closeState, openState } from '../../src/data/state.js';
import { analyseAnswer } from '../../src/drill/feedback.js';
import { figureQuestions, pinFigure, pinnedFigures } from '../../src/drill/figure-cards.js';
import { makeTempHome } from '../helpers/home.js';

afterEach(() => closeState());

function churnRun(store: RunStore, recall: number) {
  const run = store.start({ lab: 'churn', dataset: { name: 'telco', sha256: 'fixture' } });
  run.metric('test.recall', recall, { stage: 'test', formula: 'tp / (tp + fn)', inputs: { tp: 260, fn: 114 }, unit: 'ratio' });
  run.metric('test.f1', 0.6235, { stage: 'test', formula: '2 p r / (p + r)', unit: 'ratio' });
  run.finish();
  return run.id;
}

describe('figure cards', () => {
  it('asks about the figures a candidate will quote, from the newest run, and backs a right answer with the run', () => {
    const db = openState({ home: makeTempHome() });
    const store = new RunStore(db);
    const runId = churnRun(store, 0.6952);
    const cards = figureQuestions(store, db);
    const recall = cards.find((q) => q.links.includes('churn.test.recall'))!;
    expect(recall.sections.Question).toMatch(/test recall at the chosen threshold/);
    expect(recall.sections.Question).toContain(runId);
    expect(recall.sections.Question).toMatch(/IBM's fictional Telco sample/);
    // a figure no run recorded gets no card
    expect(cards.some((q) => q.links.includes('churn.test.auc'))).toBe(false);
    const good = analyseAnswer('On the held-out customers my test recall was 69.5%: of the churners, the model flagged that share at the cost-based threshold.', recall, store);
    expect(good.figures.map((f) => f.verdict)).toEqual(['backed']);
    expect(good.points[0]!.covered).toBe(true);
    const wrong = analyseAnswer('My test recall was 75% on the held-out customers.', recall, store);
    expect(wrong.figures.map((f) => f.verdict)).toEqual(['differs']);
  });

  it('retires a card when a newer run changes its figure, and adds pinned figures', () => {
    const db = openState({ home: makeTempHome() });
    const store = new RunStore(db);
    churnRun(store, 0.6952);
    const before = figureQuestions(store, db).find((q) => q.links.includes('churn.test.recall'))!.id;
    expect(figureQuestions(store, db).some((q) => q.links.includes('churn.test.f1'))).toBe(false);
    pinFigure(db, 'churn.test.f1');
    expect(pinnedFigures(db)).toEqual(['churn.test.f1']);
    expect(figureQuestions(store, db).some((q) => q.links.includes('churn.test.f1'))).toBe(true);
    churnRun(store, 0.7011);
    const after = figureQuestions(store, db).find((q) => q.links.includes('churn.test.recall'))!.id;
    expect(after).not.toBe(before);
    expect(figureQuestions(store, db).map((q) => q.id)).not.toContain(before);
  });
});
