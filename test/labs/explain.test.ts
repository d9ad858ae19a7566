import { describe, expect, it } from 'vitest';
import { openState } from '../../src/data/state.js';
import { RunStore } from '../../src/data/runs.js';
import { explainMetric } from '../../src/labs/explain.js';
import { describeMetric } from '../../src/labs/catalogue/index.js';
import { UsageError } from '../../src/errors.js';
import { makeTempHome } from '../helpers/home.js';

function storeWithRun() {
  const store = new RunStore(openState({ home: makeTempHome(), warn: () => {} }));
  const run = store.start({ lab: 'churn', dataset: { name: 'telco', sha256: 'abc' }, seed: 42 });
  run.metric('test.recall', 196 / 374, { stage: 'test', formula: 'tp / (tp + fn)', inputs: { tp: 196, fn: 178 }, unit: 'ratio' });
  run.metric('cv.random_forest.auc.mean', 0.842, { stage: 'cv', formula: 'mean over folds', inputs: { folds: 5 } });
  run.metric('cv.random_forest.auc.std', 0.011, { stage: 'cv', formula: 'std over folds', inputs: { folds: 5 } });
  run.metric('imbalance.smoteLeaky.auc', 0.93, { stage: 'imbalance', formula: 'leaky', inputs: {} });
  run.metric('imbalance.smoteInFolds.auc', 0.84, { stage: 'imbalance', formula: 'honest', inputs: {} });
  run.finish();
  return { store, runId: run.id };
}

describe('prep explain', () => {
  it('explains a metric from the newest run with its formula, inputs and an interview sentence built from the values', () => {
    const { store, runId } = storeWithRun();
    const e = explainMetric(store, 'test.recall');
    expect(e.runId).toBe(runId);
    expect(e.formula).toBe('tp / (tp + fn)');
    expect(e.inputs).toEqual({ tp: 196, fn: 178 });
    expect(e.interview).toContain('52.4%');
    expect(e.interview).toContain('caught 196 of the 374 churners');
    expect(explainMetric(store, 'churn.test.recall', { runId: runId.slice(0, -1) }).value).toBeCloseTo(0.524, 3);
  });

  it('combines mean and std, and puts the leaky figure next to the honest one', () => {
    const { store } = storeWithRun();
    expect(explainMetric(store, 'cv.random_forest.auc.mean').interview).toContain('0.842 ± 0.011');
    const leaky = explainMetric(store, 'imbalance.smoteLeaky.auc');
    expect(leaky.interview).toMatch(/0\.930, a leaky figure, against 0\.840/);
    expect(leaky.meaning).toMatch(/mistake/i);
  });

  it('suggests near keys for an unknown metric, and says to run a lab when there are no runs', () => {
    const { store } = storeWithRun();
    expect(() => explainMetric(store, 'test.recal')).toThrow(UsageError);
    try {
      explainMetric(store, 'test.recal');
    } catch (e) {
      expect((e as UsageError).hint).toContain('test.recall');
    }
    const empty = new RunStore(openState({ home: makeTempHome(), warn: () => {} }));
    expect(() => explainMetric(empty, 'test.auc')).toThrow(/Run a lab first|no run has recorded/);
  });

  it('has a meaning for every key pattern the churn lab must record', () => {
    const keys = [
      'dataset.rows', 'dataset.positives', 'dataset.positiveRate', 'dataset.features', 'clean.missingTotalCharges',
      ...['logistic_regression', 'random_forest', 'gradient_boosting'].flatMap((m) => ['auc', 'accuracy', 'precision', 'recall', 'f1'].flatMap((k) => [`cv.${m}.${k}.mean`, `cv.${m}.${k}.std`])),
      ...['none', 'classWeights', 'smoteInFolds', 'smoteLeaky'].flatMap((v) => [`imbalance.${v}.auc`, `imbalance.${v}.recall`]),
      ...['auc', 'prAuc', 'accuracy', 'precision', 'recall', 'f1', 'threshold', 'tp', 'fp', 'tn', 'fn'].map((k) => `test.${k}`),
      ...['accuracy', 'precision', 'recall', 'f1'].map((k) => `test.default.${k}`),
      ...['offerCost', 'savedValue', 'successRate', 'netValue', 'netValueDefault'].map((k) => `threshold.${k}`),
      'explain.additivityMaxError',
      ...['gender.Female', 'gender.Male', 'senior.0', 'senior.1'].flatMap((g) => ['recall', 'precision', 'positiveRate'].map((k) => `fairness.${g}.${k}`)),
    ];
    for (const key of keys) {
      const d = describeMetric('churn', { key, value: 0.5, inputs: {}, others: new Map() });
      expect(d, key).toBeDefined();
      expect(d!.meaning.length, key).toBeGreaterThan(20);
      expect(d!.interview, key).not.toMatch(/undefined|NaN/);
    }
  });
});
