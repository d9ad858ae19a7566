import { describe, expect, it } from 'vitest';
import { RunStore } from '../../src/data/runs.js';
import { openState } from '../../src/data/state.js';
import type { DriftReport } from '../../src/labs/monitor/drift-report.js';
import { stageOutput } from '../../src/labs/stage-output.js';
import { stageLines } from '../../src/ui/walkthrough/stage-view.js';
import { makeTempHome } from '../helpers/home.js';

process.env.NO_COLOR = '1';

function storeWith(figures: [stage: string, key: string, value: number, inputs?: Record<string, unknown>][], artifacts: Record<string, unknown> = {}) {
  const store = new RunStore(openState({ home: makeTempHome() }));
  const run = store.start({ lab: 'churn', dataset: { name: 'telco', sha256: 'x' }, params: {}, seed: 42 });
  for (const [stage, key, value, inputs] of figures) run.metric(key, value, { stage, formula: 'f', inputs });
  for (const [name, value] of Object.entries(artifacts)) run.artifact(name, value);
  run.finish();
  return { store, runId: run.id };
}

describe('stage output beside the walkthrough', () => {
  it('shows the CV stage as a table of models with AUC ± sd and the tuned parameters', () => {
    const figures: [string, string, number][] = [];
    for (const [model, auc] of [['logistic_regression', 0.8491], ['gradient_boosting', 0.8489]] as const) {
      figures.push(['cv', `cv.${model}.auc.mean`, auc], ['cv', `cv.${model}.auc.std`, 0.0048], ['cv', `cv.${model}.precision.mean`, 0.666], ['cv', `cv.${model}.recall.mean`, 0.537], ['cv', `cv.${model}.f1.mean`, 0.594]);
    }
    figures.push(['cv', 'cv.gradient_boosting.tuned.trees', 200], ['cv', 'cv.logistic_regression.tuned.C', 1]);
    const { store, runId } = storeWith(figures);
    const out = stageOutput(store, 'churn:cv')!;
    expect(out.runId).toBe(runId);
    const text = stageLines(out).join('\n');
    expect(text).toMatch(/logistic\s+0\.849 ± 0\.005\s+0\.666\s+0\.537\s+0\.594/);
    expect(text).toMatch(/boosting\s+0\.849 ± 0\.005/);
    expect(text).toMatch(/boosting: trees 200/);
    expect(text).toMatch(/logistic: C 1/);
  });

  it('labels the leaky imbalance treatment as the mistake', () => {
    const { store } = storeWith([
      ['imbalance', 'imbalance.smoteInFolds.auc', 0.843],
      ['imbalance', 'imbalance.smoteInFolds.recall', 0.683],
      ['imbalance', 'imbalance.smoteLeaky.auc', 0.919],
      ['imbalance', 'imbalance.smoteLeaky.recall', 0.858],
    ]);
    const text = stageLines(stageOutput(store, 'churn:imbalance')!).join('\n');
    expect(text).toMatch(/SMOTE in folds\s+0\.843\s+0\.683\s+honest/);
    expect(text).toMatch(/SMOTE before split\s+0\.919\s+0\.858\s+MISTAKE/);
  });

  it('shows the test confusion matrix and SHAP ranked with fairness by group', () => {
    const { store } = storeWith([
      ['test', 'test.tp', 260],
      ['test', 'test.fp', 200],
      ['test', 'test.fn', 114],
      ['test', 'test.tn', 835],
      ['test', 'test.threshold', 0.327],
      ['explain', 'explain.global.tenure', 0.41],
      ['explain', 'explain.global.Contract=Month-to-month', 0.77],
      ['explain', 'explain.additivityMaxError', 7e-15],
      ['fairness', 'fairness.gender.Female.recall', 0.722],
      ['fairness', 'fairness.gender.Female.precision', 0.588],
      ['fairness', 'fairness.gender.Female.positiveRate', 0.347],
    ]);
    const test = stageLines(stageOutput(store, 'churn:test')!).join('\n');
    expect(test).toMatch(/churned\s+260\s+114/);
    expect(test).toMatch(/stayed\s+200\s+835/);
    const explain = stageLines(stageOutput(store, 'churn:explain')!);
    expect(explain[0]).toMatch(/additivity error 7\.0e-15/);
    expect(explain[1]).toMatch(/^Contract=Month-to-month/); // largest mean |SHAP| first
    expect(explain[2]).toMatch(/^tenure/);
    expect(explain.join('\n')).toMatch(/gender = Female\s+0\.722\s+0\.588\s+34\.7%/);
  });

  it('shows the drift table of the newest drift check, drifted columns first', () => {
    const report: DriftReport = {
      referenceRows: 5634,
      currentRows: 1409,
      columns: [
        { column: 'tenure', kind: 'numeric', method: 'wasserstein_normed', statistic: 0.04, threshold: 0.1, drifted: false, psi: 0.01 },
        { column: 'MonthlyCharges', kind: 'numeric', method: 'wasserstein_normed', statistic: 0.307, threshold: 0.1, drifted: true, psi: 0.864 },
      ],
      driftedColumns: 1,
      driftedShare: 0.5,
      datasetDrift: true,
      prediction: { method: 'wasserstein_normed', statistic: 0.04, threshold: 0.1, drifted: false, psi: 0.01, meanReference: 0.265, meanCurrent: 0.266 },
      recommendation: { retrain: true, reasons: [] },
    };
    const { store } = storeWith([['drift', 'drift.driftedShare', 0.5, { source: 'scenario:price-rise' }]], { 'drift:scenario:price-rise': report });
    const lines = stageLines(stageOutput(store, 'churn:drift')!);
    expect(lines.slice(0, 2)).toEqual(['1 of 2 columns drifted (50.0%)', 'batch 1409 rows, reference 5634']);
    expect(lines[4]).toMatch(/^MonthlyCharges\s+Wasserstein\s+0\.307\s+0\.864\s+DRIFT/);
    expect(lines.at(-1)).toBe('recommendation: retrain');
  });

  it('lists the figures of a stage without a view of its own, and nothing for a stage no run has', () => {
    const { store } = storeWith([['split', 'split.testRows', 1409]]);
    expect(stageLines(stageOutput(store, 'churn:split')!)).toEqual(['split.testRows = 1409']);
    expect(stageOutput(store, 'churn:retrain')).toBeUndefined();
  });
});
