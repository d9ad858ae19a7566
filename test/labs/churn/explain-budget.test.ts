import { describe, expect, it } from 'vitest';
import { createRecorder, type RecordedMetric } from '../../../src/labs/record.js';
import type { Design, FittedTreeModel } from '../../../src/labs/churn/ml-adapter.js';
import { explainWithShap, shapMinRows, shapWorkBudget } from '../../../src/labs/churn/shap.js';
import { fitGradientBoosting, fitRandomForest, shapWorkPerRow, treeShap } from '../../../src/ml/trees/index.js';
import { createRng } from '../../../src/ml/random.js';

// A model whose SHAP value of feature j is x_j (additive by construction), with a stated cost per row.
function linearModel(workPerRow: number, explainedRows: number[]): FittedTreeModel {
  return {
    predictProba: (x) => Float64Array.from({ length: x.rows }, (_, i) => x.data[i * x.cols]! + x.data[i * x.cols + 1]!),
    toJSON: () => ({}),
    shap: (x) => {
      explainedRows.push(x.rows);
      const values = Array.from({ length: x.rows }, (_, i) => x.data.slice(i * x.cols, (i + 1) * x.cols));
      return { values, expectedValue: 0, outputSpace: 'probability', rawOutput: Float64Array.from(values, (v) => v[0]! + v[1]!) };
    },
    shapWorkPerRow: () => workPerRow,
  };
}

function design(rows: number): Design {
  const data = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    data[i * 2] = (i % 10) / 10;
    data[i * 2 + 1] = 0.5;
  }
  return { rows, cols: 2, data, featureNames: ['a', 'b'] };
}

describe('explain stage: the SHAP cost budget', () => {
  const rows = 3000;
  const x = design(rows);
  const ids = Array.from({ length: rows }, (_, i) => `c${i}`);
  const y = new Uint8Array(rows);
  const p = Float64Array.from({ length: rows }, (_, i) => x.data[i * 2]! + 0.5);

  it('explains every test row when the whole set fits the budget (formula unchanged)', () => {
    const calls: number[] = [];
    const recorded: RecordedMetric[] = [];
    const out = explainWithShap(linearModel(1000, calls), 'gradient_boosting', x, ids, y, p, 0.9, 3, createRecorder('explain', recorded));
    expect(out.explainedRows).toBe(rows);
    expect(out.method).not.toMatch(/budget/);
    expect(recorded.find((m) => m.key === 'explain.global.a')!.formula).toBe('mean over explained test rows of |SHAP value|');
    // mean |x_a| over rows 0..2999 with x_a = (i mod 10)/10 is 0.45
    expect(out.global.find((g) => g.feature === 'a')!.meanAbsShap).toBeCloseTo(0.45, 10);
  });

  it('over the budget, the global ranking uses an evenly spaced sample of budget / work rows (at least shapMinRows), examples included', () => {
    const calls: number[] = [];
    const recorded: RecordedMetric[] = [];
    const work = shapWorkBudget / 400; // 400 rows fit
    const out = explainWithShap(linearModel(work, calls), 'random_forest', x, ids, y, p, 0.9, 3, createRecorder('explain', recorded));
    const step = Math.ceil(rows / 400); // 8: rows 0, 8, ..., 2992 = 375 rows, plus up to 3 examples off the grid
    expect(out.explainedRows).toBeGreaterThanOrEqual(Math.ceil(rows / step));
    expect(out.explainedRows).toBeLessThanOrEqual(Math.ceil(rows / step) + 3);
    expect(out.method).toMatch(new RegExp(`every ${step}th of ${rows} test rows`));
    expect(recorded.find((m) => m.key === 'explain.global.a')!.formula).toMatch(new RegExp(`every ${step}th test row`));
    expect(out.examples).toHaveLength(3);
    const tiny = explainWithShap(linearModel(shapWorkBudget, []), 'random_forest', x, ids, y, p, 0.9, 3, createRecorder('explain', []));
    expect(tiny.explainedRows).toBeGreaterThanOrEqual(Math.ceil(rows / Math.ceil(rows / shapMinRows)));
  });
});

describe('shapWorkPerRow', () => {
  const rng = createRng(3);
  const rows = 600;
  const cols = 4;
  const data = Float64Array.from({ length: rows * cols }, () => rng.normal());
  const y = Uint8Array.from({ length: rows }, (_, i) => (data[i * cols]! + 0.5 * data[i * cols + 1]! + 0.3 * rng.normal() > 0 ? 1 : 0));

  it('counts a tabled depth-3 tree as its splits, a deep tree as nodes plus Σ (depth + 1)² over leaves', () => {
    const boost = fitGradientBoosting({ rows, cols, data }, y, { nEstimators: 5, maxDepth: 3, learningRate: 0.1, seed: 1 });
    const splits = boost.trees.reduce((s, t) => s + Array.from(t.feature).filter((f) => f >= 0).length, 0);
    expect(shapWorkPerRow(boost)).toBe(2 * splits);
    const forest = fitRandomForest({ rows, cols, data }, y, { nTrees: 2, minSamplesLeaf: 1, maxFeatures: 2, seed: 1 });
    let expected = 0;
    for (const t of forest.trees) {
      const walk = (node: number, d: number): void => {
        expected += 1;
        if (t.feature[node]! < 0) expected += (d + 1) ** 2;
        else {
          walk(t.left[node]!, d + 1);
          walk(t.right[node]!, d + 1);
        }
      };
      walk(0, 0);
    }
    expect(shapWorkPerRow(forest)).toBe(expected);
    // deep trees cost far more per row than tabled ones, as the timings say
    expect(shapWorkPerRow(forest)).toBeGreaterThan(shapWorkPerRow(boost));
    expect(treeShap(forest, { rows: 1, cols, data: data.subarray(0, cols) }).values).toHaveLength(1);
  });
});
