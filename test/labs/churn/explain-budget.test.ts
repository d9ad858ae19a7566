import { describe, expect, it } from 'vitest';
import { createRecorder, type RecordedMetric } from '../../../src/labs/record.js';
import type { Design } from '../../../src/labs/churn/design.js';
import { explainWithShap, shapMinRows } from '../../../src/labs/churn/shap.js';
import { fitGradientBoosting, fitRandomForest, shapWorkPerRow, treeShap, type TreeEnsemble } from '../../../src/ml/trees/index.js';
import { createRng } from '../../../src/ml/random.js';
import { createFitPool } from '../../../src/labs/churn/fit-pool.js';

function design(rows: number): Design {
  const data = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    data[i * 2] = (i % 10) / 10;
    data[i * 2 + 1] = ((i * 7) % 13) / 13;
  }
  return { rows, cols: 2, data, featureNames: ['a', 'b'] };
}

describe('explain stage: the SHAP cost budget', () => {
  const rows = 3000;
  const x = design(rows);
  const ids = Array.from({ length: rows }, (_, i) => `c${i}`);
  const noise = createRng(11);
  const y = Uint8Array.from({ length: rows }, (_, i) => (x.data[i * 2]! + 0.5 * x.data[i * 2 + 1]! + 0.3 * noise.next() > 0.8 ? 1 : 0));
  const boosting = fitGradientBoosting(x, y, { nEstimators: 20, maxDepth: 3, learningRate: 0.1, rng: createRng(1) });
  const forest = fitRandomForest(x, y, { nTrees: 5, minSamplesLeaf: 2, maxFeatures: 2, rng: createRng(1) });
  const explain = (model: TreeEnsemble, recorded: RecordedMetric[], workBudget?: number) =>
    explainWithShap({ model, modelName: model.kind, x, ids, y, probabilities: model.predictProba(x), threshold: 0.5, examples: 3, rec: createRecorder('explain', recorded), workBudget });

  it('explains every test row when the whole set fits the budget (formula unchanged)', async () => {
    const recorded: RecordedMetric[] = [];
    const out = await explain(boosting, recorded);
    expect(out.explainedRows).toBe(rows);
    expect(out.method).not.toMatch(/budget/);
    expect(recorded.find((m) => m.key === 'explain.global.a')!.formula).toBe('mean over explained test rows of |SHAP value|');
    // the global figure is mean |SHAP| over all rows, as TreeSHAP on the whole design gives it
    const all = treeShap(boosting, x).values;
    const meanAbsA = all.reduce((s, v) => s + Math.abs(v[0]!), 0) / rows;
    expect(out.global.find((g) => g.feature === 'a')!.meanAbsShap).toBeCloseTo(meanAbsA, 5);
    expect(out.additivityMaxError).toBeLessThan(1e-9);
  });

  it('over the budget, the global ranking uses an evenly spaced sample of budget / work rows (at least shapMinRows), examples included', async () => {
    const recorded: RecordedMetric[] = [];
    const work = shapWorkPerRow(forest);
    const out = await explain(forest, recorded, work * 400); // 400 rows fit
    const step = Math.ceil(rows / 400); // 8: rows 0, 8, ..., 2992 = 375 rows, plus up to 3 examples off the grid
    expect(out.explainedRows).toBeGreaterThanOrEqual(Math.ceil(rows / step));
    expect(out.explainedRows).toBeLessThanOrEqual(Math.ceil(rows / step) + 3);
    expect(out.method).toMatch(new RegExp(`every ${step}th of ${rows} test rows`));
    expect(recorded.find((m) => m.key === 'explain.global.a')!.formula).toMatch(new RegExp(`every ${step}th test row`));
    expect(out.examples).toHaveLength(3);
    const tiny = await explain(forest, [], work);
    expect(tiny.explainedRows).toBeGreaterThanOrEqual(Math.ceil(rows / Math.ceil(rows / shapMinRows)));
    expect(tiny.explainedRows).toBeLessThan(rows);
  });
});

describe('explain stage on the fit pool', () => {
  it('gives the same figures, row for row, when the rows are explained in chunks on two workers', async () => {
    const rows = 300;
    const x = design(rows);
    const ids = Array.from({ length: rows }, (_, i) => `c${i}`);
    const noise = createRng(5);
    const y = Uint8Array.from({ length: rows }, (_, i) => (x.data[i * 2]! + 0.3 * noise.next() > 0.6 ? 1 : 0));
    const forest = fitRandomForest(x, y, { nTrees: 4, minSamplesLeaf: 1, maxFeatures: 2, rng: createRng(2) });
    const base = { model: forest, modelName: 'random_forest' as const, x, ids, y, probabilities: forest.predictProba(x), threshold: 0.5, examples: 3 };
    const alone = await explainWithShap({ ...base, rec: createRecorder('explain', []) });
    const pool = createFitPool(2);
    try {
      const pooled = await explainWithShap({ ...base, rec: createRecorder('explain', []), pool, poolWork: 0 });
      expect(pooled).toEqual(alone);
      expect(pooled.explainedRows).toBe(rows);
    } finally {
      await pool.close();
    }
  });
});

describe('shapWorkPerRow', () => {
  const rng = createRng(3);
  const rows = 600;
  const cols = 4;
  const data = Float64Array.from({ length: rows * cols }, () => rng.normal());
  const y = Uint8Array.from({ length: rows }, (_, i) => (data[i * cols]! + 0.5 * data[i * cols + 1]! + 0.3 * rng.normal() > 0 ? 1 : 0));

  it('counts a tabled depth-3 tree as its splits, a deep tree as nodes plus Σ (depth + 1)² over leaves', () => {
    const boost = fitGradientBoosting({ rows, cols, data }, y, { nEstimators: 5, maxDepth: 3, learningRate: 0.1, rng: createRng(1) });
    const splits = boost.trees.reduce((s, t) => s + Array.from(t.feature).filter((f) => f >= 0).length, 0);
    expect(shapWorkPerRow(boost)).toBe(2 * splits);
    const forest = fitRandomForest({ rows, cols, data }, y, { nTrees: 2, minSamplesLeaf: 1, maxFeatures: 2, rng: createRng(1) });
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
