import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binFeatures, explainRow, fitGradientBoosting, fitRandomForest, treeDepth, treeExpectedValue, treeModelFromJSON, treeShap, treeShapSingle, type TreeArrays } from '../../src/ml/trees/index.js';
import { predictTree } from '../../src/ml/trees/tree.js';
import { createRng } from '../../src/ml/random.js';
import type { Matrix } from '../../src/ml/matrix.js';
import { bruteForceShapley } from '../helpers/shapley.js';

function randomData(rows: number, cols: number, seed: number): { x: Matrix; y: Uint8Array } {
  const rng = createRng(seed);
  const data = new Float64Array(rows * cols);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = 0;
    for (let j = 0; j < cols; j++) {
      const v = j % 2 ? (rng.next() < 0.4 ? 1 : 0) : Math.round(rng.normal() * 10) / 2;
      data[i * cols + j] = v;
      z += (j === 0 ? 0.3 : j === 1 ? 1.2 : 0.1) * v;
    }
    y[i] = rng.next() < 1 / (1 + Math.exp(-z + 0.5)) ? 1 : 0;
  }
  return { x: { rows, cols, data }, y };
}

describe('TreeSHAP', () => {
  it('matches brute-force Shapley values on a hand-built tree that splits twice on one feature', () => {
    // x0 <= 0.5 ? (x1 <= 0.5 ? 1 : (x0 <= 0.2 ? 3 : 4)) : (x2 <= 0.5 ? 5 : 10)
    const tree: TreeArrays = {
      feature: Int32Array.from([0, 1, -1, 0, -1, -1, 2, -1, -1]),
      threshold: Float64Array.from([0.5, 0.5, 0, 0.2, 0, 0, 0.5, 0, 0]),
      left: Int32Array.from([1, 2, -1, 4, -1, -1, 7, -1, -1]),
      right: Int32Array.from([6, 3, -1, 5, -1, -1, 8, -1, -1]),
      value: Float64Array.from([0, 0, 1, 0, 3, 4, 0, 5, 10]),
      cover: Float64Array.from([100, 60, 20, 40, 10, 30, 40, 25, 15]),
    };
    for (const row of [[0.1, 0.9, 0.9], [0.3, 0.9, 0.1], [0.9, 0.1, 0.9], [0.4, 0.2, 0.2]]) {
      const x = Float64Array.from(row);
      const phi = new Float64Array(3);
      treeShapSingle(tree, { rows: 1, cols: 3, data: x }, 0, phi);
      const expected = bruteForceShapley(tree, x, 3);
      for (let j = 0; j < 3; j++) expect(phi[j]).toBeCloseTo(expected[j]!, 12);
      expect(phi.reduce((a, b) => a + b, 0) + treeExpectedValue(tree)).toBeCloseTo(predictTree(tree, { rows: 1, cols: 3, data: x }, 0), 12);
    }
  });

  it('matches brute force on a fitted depth-4 tree with 5 features', () => {
    const { x, y } = randomData(300, 5, 3);
    const forest = fitRandomForest(x, y, { nTrees: 1, maxDepth: 4, maxFeatures: 5, bootstrap: false, rng: createRng(1) });
    const tree = forest.trees[0]!;
    for (let r = 0; r < 10; r++) {
      const row = x.data.slice(r * 5, r * 5 + 5);
      const phi = new Float64Array(5);
      treeShapSingle(tree, { rows: 1, cols: 5, data: row }, 0, phi);
      const expected = bruteForceShapley(tree, row, 5);
      for (let j = 0; j < 5; j++) expect(phi[j]).toBeCloseTo(expected[j]!, 12);
    }
  });

  it('the per-tree pattern tables give the same values as the recursion (property; trees that split one feature twice included)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 5 }), (seed, cols) => {
        const { x, y } = randomData(150, cols, seed);
        for (const model of [fitRandomForest(x, y, { nTrees: 4, minSamplesLeaf: 2, maxDepth: 6, rng: createRng(seed) }), fitGradientBoosting(x, y, { nEstimators: 8, maxDepth: 3, learningRate: 0.3, rng: createRng(seed) }), fitRandomForest(x, y, { nTrees: 4, maxDepth: 3, rng: createRng(seed) })]) {
          const fast = treeShap(model, x);
          for (let i = 0; i < x.rows; i++) {
            const slow = new Float64Array(cols);
            for (const t of model.trees) treeShapSingle(t, x, i, slow, model.scale);
            for (let j = 0; j < cols; j++) expect(Math.abs(fast.values[i]![j]! - slow[j]!)).toBeLessThan(1e-12);
          }
          // the explained output is the model's own prediction, to the bit
          const proba = model.predictProba(x);
          for (let i = 0; i < x.rows; i++) expect(explainRow(model, x, i).probability).toBe(proba[i]);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('adds up: expected value + Σ SHAP = model output within 1e-9, for forests and boosting (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2, max: 6 }), (seed, cols) => {
        const { x, y } = randomData(120, cols, seed);
        for (const model of [fitRandomForest(x, y, { nTrees: 5, minSamplesLeaf: 3, rng: createRng(seed) }), fitGradientBoosting(x, y, { nEstimators: 10, maxDepth: 3, learningRate: 0.3, rng: createRng(seed) })]) {
          const s = treeShap(model, x);
          for (let i = 0; i < x.rows; i++) {
            const total = s.values[i]!.reduce((a, b) => a + b, s.expectedValue);
            expect(Math.abs(total - s.rawOutput[i]!)).toBeLessThan(1e-9);
          }
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('tree learner', () => {
  it('finds the hand-computed best Gini split and stops at pure nodes', () => {
    // x: 1 2 3 4 5 6, y: 0 0 0 1 1 1 → the split x <= 3.5 leaves two pure children
    const x = { rows: 6, cols: 1, data: Float64Array.from([1, 2, 3, 4, 5, 6]) };
    const forest = fitRandomForest(x, Uint8Array.from([0, 0, 0, 1, 1, 1]), { nTrees: 1, bootstrap: false, rng: createRng(1) });
    const t = forest.trees[0]!;
    expect(t.feature[0]).toBe(0);
    expect(t.threshold[0]).toBe(3.5);
    expect([...t.feature.slice(1)]).toEqual([-1, -1]);
    expect(forest.predictProba(x)).toEqual(Float64Array.from([0, 0, 0, 1, 1, 1]));
  });

  it('respects maxDepth and minSamplesLeaf', () => {
    const { x, y } = randomData(400, 4, 9);
    const shallow = fitRandomForest(x, y, { nTrees: 3, maxDepth: 2, rng: createRng(2) });
    for (const t of shallow.trees) expect(treeDepth(t)).toBeLessThanOrEqual(2);
    const leafy = fitRandomForest(x, y, { nTrees: 1, minSamplesLeaf: 40, bootstrap: false, rng: createRng(2) });
    const t = leafy.trees[0]!;
    for (let node = 0; node < t.feature.length; node++) if (t.feature[node]! < 0) expect(t.cover[node]).toBeGreaterThanOrEqual(40);
  });

  it('class weights change leaf values as computed by hand', () => {
    // one leaf (no split possible): 1 positive, 3 negatives; weight 3 on positives → 3 / (3 + 3) = 0.5
    const x = { rows: 4, cols: 1, data: Float64Array.from([1, 1, 1, 1]) };
    const y = Uint8Array.from([1, 0, 0, 0]);
    expect(fitRandomForest(x, y, { nTrees: 1, bootstrap: false, rng: createRng(1) }).predictProba(x)[0]).toBe(0.25);
    expect(fitRandomForest(x, y, { nTrees: 1, bootstrap: false, rng: createRng(1), sampleWeight: Float64Array.from([3, 1, 1, 1]) }).predictProba(x)[0]).toBe(0.5);
  });

  it('same seed same forest, other seed other forest; JSON round-trip predicts identically', () => {
    const { x, y } = randomData(300, 6, 4);
    const a = fitRandomForest(x, y, { nTrees: 10, rng: createRng(7) });
    expect(fitRandomForest(x, y, { nTrees: 10, rng: createRng(7) }).predictProba(x)).toEqual(a.predictProba(x));
    expect(fitRandomForest(x, y, { nTrees: 10, rng: createRng(8) }).predictProba(x)).not.toEqual(a.predictProba(x));
    const g = fitGradientBoosting(x, y, { nEstimators: 20, maxDepth: 3, learningRate: 0.1, rng: createRng(1) });
    for (const m of [a, g]) expect(treeModelFromJSON(JSON.parse(JSON.stringify(m.toJSON()))).predictProba(x)).toEqual(m.predictProba(x));
  });

  it('histogram subtraction (full histograms on large nodes) grows the same forest as scanning every node', () => {
    const { x, y } = randomData(3000, 8, 21);
    const subtracted = fitRandomForest(x, y, { nTrees: 6, minSamplesLeaf: 3, maxFeatures: 3, rng: createRng(5), fullHistogramMinRows: 64 });
    const scanned = fitRandomForest(x, y, { nTrees: 6, minSamplesLeaf: 3, maxFeatures: 3, rng: createRng(5), fullHistogramMinRows: Infinity });
    expect(subtracted.trees.map((t) => [...t.feature])).toEqual(scanned.trees.map((t) => [...t.feature]));
    const a = subtracted.predictProba(x);
    const b = scanned.predictProba(x);
    for (let i = 0; i < x.rows; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-12);
  });

  it('boosting fits separable data to a small log-loss', () => {
    const x = { rows: 200, cols: 1, data: Float64Array.from({ length: 200 }, (_, i) => i) };
    const y = Uint8Array.from({ length: 200 }, (_, i) => (i >= 100 ? 1 : 0));
    const p = fitGradientBoosting(x, y, { nEstimators: 200, maxDepth: 2, learningRate: 0.3, minChildWeight: 0, rng: createRng(1) }).predictProba(x);
    let loss = 0;
    for (let i = 0; i < 200; i++) loss -= Math.log(y[i] ? p[i]! : 1 - p[i]!) / 200;
    expect(loss).toBeLessThan(0.05);
  });

  it('binning thresholds reproduce the binned split on raw values', () => {
    const { x } = randomData(500, 3, 11);
    const b = binFeatures(x);
    for (let j = 0; j < 3; j++) {
      for (let i = 0; i < 500; i++) {
        const code = b.codes[i * 3 + j]!;
        const v = x.data[i * 3 + j]!;
        if (code > 0) expect(v).toBeGreaterThan(b.edges[j]![code - 1]!);
        if (code < b.edges[j]!.length) expect(v).toBeLessThanOrEqual(b.edges[j]![code]!);
      }
    }
  });
});
