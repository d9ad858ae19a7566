/**
 * Figure cards as known values: every quotable figure gets its own interviewer's question (not the
 * generic one), the figure is written as people say it (AUC-like to 3 decimals, thresholds to 2,
 * shares as percentages, counts with separators, others to 3 significant digits), and each dataset
 * is named as it should be (IBM's fictional Telco sample, the UCI Online Retail data).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../../src/data/runs.js';
import { closeState, openState } from '../../src/data/state.js';
import { figureQuestions, pinFigure, pinnedFigures } from '../../src/drill/figure-cards.js';
import { makeTempHome } from '../helpers/home.js';

afterEach(() => closeState());

const churn: [string, number, string | undefined][] = [
  ['dataset.positiveRate', 0.2654, 'ratio'],
  ['cv.gradient_boosting.auc.mean', 0.84567, undefined],
  ['imbalance.smoteLeaky.auc', 0.919, undefined],
  ['test.threshold', 0.3456, undefined],
  ['test.recall', 0.6952, 'ratio'],
  ['test.precision', 0.5132, 'ratio'],
  ['test.auc', 0.843, undefined],
  ['threshold.netValue', 12345, undefined],
  ['serve.latencyP95Ms', 7.8912, 'ms'],
];
const segment: [string, number, string | undefined][] = [
  ['concentration.top10Share', 0.4567, 'ratio'],
  ['segments.champions.revenueShare', 0.6123, 'ratio'],
  ['cohorts.month1Retention', 0.2341, 'ratio'],
  ['kmeans.silhouette', 0.41234, undefined],
];

function record(store: RunStore, lab: string, dataset: string, metrics: [string, number, string | undefined][]) {
  const run = store.start({ lab, dataset: { name: dataset, sha256: 'fixture' } });
  for (const [key, value, unit] of metrics) run.metric(key, value, { stage: key.split('.')[0]!, formula: 'as measured', ...(unit ? { unit } : {}) });
  run.finish();
  return run.id;
}

describe('figure cards, value by value', () => {
  it('asks its own question about each quotable figure and quotes the figure as people say it', () => {
    const db = openState({ home: makeTempHome() });
    const store = new RunStore(db);
    const churnRun = record(store, 'churn', 'telco', churn);
    const segmentRun = record(store, 'segment', 'retail', segment);
    pinFigure(db, 'churn.serve.latencyP95Ms');
    pinFigure(db, 'churn.test.recall'); // already quotable: not twice
    expect(pinnedFigures(db)).toEqual(['churn.serve.latencyP95Ms', 'churn.test.recall']);
    const cards = figureQuestions(store, db);
    const byLink = new Map(cards.map((c) => [c.links[0]!, c]));
    expect(cards.filter((c) => c.links[0] === 'churn.test.recall')).toHaveLength(1);
    const said: Record<string, string> = {
      'churn.dataset.positiveRate': '26.5%',
      'churn.cv.gradient_boosting.auc.mean': '0.846',
      'churn.imbalance.smoteLeaky.auc': '0.919',
      'churn.test.threshold': '0.35',
      'churn.test.recall': '69.5%',
      'churn.test.precision': '51.3%',
      'churn.test.auc': '0.843',
      'churn.threshold.netValue': '12,345',
      'churn.serve.latencyP95Ms': '7.89',
      'segment.concentration.top10Share': '45.7%',
      'segment.segments.champions.revenueShare': '61.2%',
      'segment.cohorts.month1Retention': '23.4%',
      'segment.kmeans.silhouette': '0.412',
    };
    const missing = Object.keys(said).filter((k) => !byLink.has(k));
    expect(missing).toEqual([]);
    const questions = new Set<string>();
    for (const [link, figure] of Object.entries(said)) {
      const card = byLink.get(link)!;
      expect(card.talkingPoints[0], link).toEqual({ point: 'Quote the figure your run measured', keywords: [figure] });
      const [lab] = link.split('.');
      const run = lab === 'churn' ? churnRun : segmentRun;
      const data = lab === 'churn' ? "IBM's fictional Telco sample" : 'the UCI Online Retail data';
      expect(card.sections.Question.endsWith(`? (Your run ${run} on ${data}.)`), link).toBe(true);
      expect(card.title).toBe(`Your number: ${link.slice(lab!.length + 1)} (${lab} lab, ${lab === 'churn' ? 'telco' : 'retail'})`);
      expect(card).toMatchObject({ kind: 'technical', difficulty: 'medium', targetSeconds: 45, roles: ['mle', 'ds', 'analyst'], topics: ['your-numbers', lab], followUps: ['How would you check that figure if someone doubted it?'] });
      questions.add(card.sections.Question);
    }
    // each quotable figure has its own question; only the pinned one asks the generic question
    const generic = [...questions].filter((q) => /^What was your \S+ in the \w+ lab, and what does it mean\?/.test(q));
    expect(generic).toEqual([`What was your serve.latencyP95Ms in the churn lab, and what does it mean? (Your run ${churnRun} on IBM's fictional Telco sample.)`]);
    expect(questions.size).toBe(Object.keys(said).length);
    // the id names lab, key and value: camelCase and dots become dashes
    expect(byLink.get('churn.test.recall')!.id).toMatch(/^figure-churn-test-recall-[0-9a-f]{6}$/);
    expect(byLink.get('segment.segments.champions.revenueShare')!.id).toMatch(/^figure-segment-segments-champions-revenue-share-[0-9a-f]{6}$/);
  });

  it('names another dataset by its name, and ignores a damaged pin list', () => {
    const db = openState({ home: makeTempHome() });
    const store = new RunStore(db);
    const run = record(store, 'churn', 'mycsv', [['test.recall', 0.5, 'ratio']]);
    const card = figureQuestions(store, db).find((c) => c.links[0] === 'churn.test.recall')!;
    expect(card.sections.Question.endsWith(`(Your run ${run} on the "mycsv" data.)`)).toBe(true);
    db.prepare(`INSERT INTO settings (key, value) VALUES ('pinnedFigures', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run('not json');
    expect(pinnedFigures(db)).toEqual([]);
    db.prepare(`UPDATE settings SET value = ? WHERE key = 'pinnedFigures'`).run(JSON.stringify(['churn.test.f1', 3, null]));
    expect(pinnedFigures(db)).toEqual(['churn.test.f1']);
    db.prepare(`UPDATE settings SET value = ? WHERE key = 'pinnedFigures'`).run(JSON.stringify({ a: 1 }));
    expect(pinnedFigures(db)).toEqual([]);
  });
});
