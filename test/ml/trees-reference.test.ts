/**
 * The tree learners against a reference written from their definitions, without histograms, bins
 * or buffers: at each node every candidate threshold (the midpoint between consecutive distinct
 * training values of a feature) is tried by filtering the node's rows, the best gain wins (first
 * feature tried, then lowest threshold, on ties), and the stopping rules are applied as stated
 * (maxDepth, minSamplesSplit and 2·minSamplesLeaf on the rows of the node, minSamplesLeaf per
 * child, minimum child weight, minimum gain). Trees are compared as trees (from the root), not as
 * arrays, so the node numbering is free.
 *
 * The forest uses integer weights, so every sum is exact and the comparison is exact; boosting
 * compares structure exactly and values to 1e-12 on continuous data without near-ties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/ml/matrix.js';
import { createRng, type Rng } from '../../src/ml/random.js';
import { fitGradientBoosting, fitRandomForest, treeDepth, treeModelFromJSON, type TreeArrays } from '../../src/ml/trees/index.js';

interface RefNode {
  feature: number;
  threshold: number;
  value: number;
  cover: number;
  left?: RefNode;
  right?: RefNode;
}

interface RefCriterion {
  first: Float64Array;
  second: Float64Array;
  score(first: number, second: number): number;
  leafValue(first: number, second: number): number;
  minSecond: number;
}

interface RefOptions {
  maxDepth: number;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  minGain: number;
  /** The features tried at a node that may split (called once per such node, in preorder). */
  tried(): number[];
}

function distinctValues(x: Matrix, j: number): number[] {
  const values = new Set<number>();
  for (let i = 0; i < x.rows; i++) values.add(x.data[i * x.cols + j]!);
  return [...values].sort((a, b) => a - b);
}

function referenceTree(x: Matrix, rowWeight: Float64Array, c: RefCriterion, o: RefOptions): RefNode {
  const distinct = Array.from({ length: x.cols }, (_, j) => distinctValues(x, j));
  const at = (i: number, j: number) => x.data[i * x.cols + j]!;
  const sum = (rows: number[], v: Float64Array) => rows.reduce((s, i) => s + v[i]!, 0);
  const build = (rows: number[], depth: number): RefNode => {
    const sumFirst = sum(rows, c.first);
    const sumSecond = sum(rows, c.second);
    const node: RefNode = { feature: -1, threshold: 0, value: c.leafValue(sumFirst, sumSecond), cover: sum(rows, rowWeight) };
    if (depth >= o.maxDepth || rows.length < o.minSamplesSplit || rows.length < 2 * o.minSamplesLeaf) return node;
    const parentScore = c.score(sumFirst, sumSecond);
    let bestGain = o.minGain;
    let best: { feature: number; threshold: number } | undefined;
    for (const j of o.tried()) {
      const d = distinct[j]!;
      for (let b = 0; b + 1 < d.length; b++) {
        // a threshold whose lower value no row of the node has splits the node as the previous one did
        if (!rows.some((i) => at(i, j) === d[b])) continue;
        const threshold = (d[b]! + d[b + 1]!) / 2;
        const left = rows.filter((i) => at(i, j) <= threshold);
        if (left.length < o.minSamplesLeaf || rows.length - left.length < o.minSamplesLeaf) continue;
        const leftFirst = sum(left, c.first);
        const leftSecond = sum(left, c.second);
        if (leftSecond < c.minSecond || sumSecond - leftSecond < c.minSecond) continue;
        const gain = c.score(leftFirst, leftSecond) + c.score(sumFirst - leftFirst, sumSecond - leftSecond) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          best = { feature: j, threshold };
        }
      }
    }
    if (!best) return node;
    node.feature = best.feature;
    node.threshold = best.threshold;
    node.left = build(rows.filter((i) => at(i, best.feature) <= best.threshold), depth + 1);
    node.right = build(rows.filter((i) => at(i, best.feature) > best.threshold), depth + 1);
    return node;
  };
  const inTree = Array.from({ length: x.rows }, (_, i) => i).filter((i) => rowWeight[i]! > 0);
  return build(inTree, 0);
}

/** The fitted tree from its root, in the reference's shape; values rounded to `digits` when given. */
function asRef(t: TreeArrays, node = 0): RefNode {
  const n: RefNode = { feature: t.feature[node]!, threshold: t.feature[node]! < 0 ? 0 : t.threshold[node]!, value: t.value[node]!, cover: t.cover[node]! };
  if (t.feature[node]! >= 0) {
    n.left = asRef(t, t.left[node]!);
    n.right = asRef(t, t.right[node]!);
  }
  return n;
}

function expectClose(got: RefNode, want: RefNode, path = 'root'): void {
  expect({ path, feature: got.feature, threshold: got.threshold }).toEqual({ path, feature: want.feature, threshold: want.threshold });
  expect(Math.abs(got.value - want.value), `${path} value ${got.value} vs ${want.value}`).toBeLessThan(1e-12);
  expect(Math.abs(got.cover - want.cover), `${path} cover`).toBeLessThan(1e-9);
  if (want.left) {
    expectClose(got.left!, want.left, `${path}.left`);
    expectClose(got.right!, want.right!, `${path}.right`);
  }
}

function refPredict(t: RefNode, x: Matrix, i: number): number {
  let n = t;
  while (n.left) n = x.data[i * x.cols + n.feature]! <= n.threshold ? n.left : n.right!;
  return n.value;
}

const gini = (y: Uint8Array, rowWeight: Float64Array): RefCriterion => ({
  first: Float64Array.from(rowWeight, (w, i) => w * y[i]!),
  second: rowWeight,
  score: (pos, w) => (w > 0 ? (-2 * pos * (w - pos)) / w : 0),
  leafValue: (pos, w) => (w > 0 ? pos / w : 0),
  minSecond: 0,
});

const allFeatures = (cols: number) => () => Array.from({ length: cols }, (_, j) => j);

/** Partial Fisher-Yates over one feature order kept for the whole tree (ForestOptions.maxFeatures). */
function sampledFeatures(cols: number, tries: number, rng: Rng): () => number[] {
  const order = Array.from({ length: cols }, (_, j) => j);
  return () => {
    for (let t = 0; t < tries; t++) {
      const swap = t + rng.int(cols - t);
      [order[t], order[swap]] = [order[swap]!, order[t]!];
    }
    return order.slice(0, tries);
  };
}

const smallData = fc
  .record({ rows: fc.integer({ min: 1, max: 40 }), cols: fc.integer({ min: 1, max: 4 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      rows: fc.constant(rows),
      cols: fc.constant(cols),
      // few distinct values: repeats, empty bins inside nodes, constant and two-valued columns
      data: fc.array(fc.constantFrom(0, 1, 1, 2, 3.5, -1, 7), { minLength: rows * cols, maxLength: rows * cols }),
      y: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: rows, maxLength: rows }),
      weight: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: rows, maxLength: rows }),
    }),
  );

describe('random forest trees equal the reference grower', () => {
  it('without bootstrap, every feature tried: integer weights (0 leaves a row out), depth, leaf and split sizes', () => {
    fc.assert(
      fc.property(smallData, fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 9 }), ({ rows, cols, data, y, weight }, maxDepth, minSamplesLeaf, minSamplesSplit) => {
        const x = { rows, cols, data: Float64Array.from(data) };
        const labels = Uint8Array.from(y);
        const w = Float64Array.from(weight);
        const forest = fitRandomForest(x, labels, { nTrees: 1, bootstrap: false, maxFeatures: cols, sampleWeight: w, maxDepth, minSamplesLeaf, minSamplesSplit, rng: createRng(1) });
        const want = referenceTree(x, w, gini(labels, w), { maxDepth: maxDepth ?? Infinity, minSamplesLeaf, minSamplesSplit, minGain: 1e-12, tried: allFeatures(cols) });
        expect(asRef(forest.trees[0]!)).toEqual(want);
        const p = forest.predictProba(x);
        for (let i = 0; i < rows; i++) expect(p[i]).toBe(refPredict(want, x, i));
      }),
      { numRuns: 150 },
    );
  });

  it('with the defaults (no weights, unlimited depth, leaves of one, splits of two)', () => {
    fc.assert(
      fc.property(smallData, ({ rows, cols, data, y }) => {
        const x = { rows, cols, data: Float64Array.from(data) };
        const labels = Uint8Array.from(y);
        const w = new Float64Array(rows).fill(1);
        const forest = fitRandomForest(x, labels, { nTrees: 1, bootstrap: false, maxFeatures: cols, rng: createRng(1) });
        expect(asRef(forest.trees[0]!)).toEqual(referenceTree(x, w, gini(labels, w), { maxDepth: Infinity, minSamplesLeaf: 1, minSamplesSplit: 2, minGain: 1e-12, tried: allFeatures(cols) }));
      }),
      { numRuns: 60 },
    );
  });

  it('bootstrap: each tree draws n rows with replacement from its own rng.child(), times the sample weight; the forest averages the trees', () => {
    fc.assert(
      fc.property(smallData, fc.integer({ min: 0, max: 1000 }), ({ rows, cols, data, y, weight }, seed) => {
        const x = { rows, cols, data: Float64Array.from(data) };
        const labels = Uint8Array.from(y);
        const w = Float64Array.from(weight);
        const forest = fitRandomForest(x, labels, { nTrees: 3, maxFeatures: cols, sampleWeight: w, rng: createRng(seed) });
        const rng = createRng(seed);
        const trees = [0, 1, 2].map(() => {
          const treeRng = rng.child();
          const rowWeight = new Float64Array(rows);
          for (let k = 0; k < rows; k++) rowWeight[treeRng.int(rows)]++;
          for (let i = 0; i < rows; i++) rowWeight[i] *= w[i]!;
          return referenceTree(x, rowWeight, gini(labels, rowWeight), { maxDepth: Infinity, minSamplesLeaf: 1, minSamplesSplit: 2, minGain: 1e-12, tried: allFeatures(cols) });
        });
        expect(forest.trees.map((t) => asRef(t))).toEqual(trees);
        const p = forest.predictProba(x);
        for (let i = 0; i < rows; i++) {
          let s = 0;
          for (const t of trees) s += refPredict(t, x, i);
          expect(p[i]).toBeCloseTo(s / 3, 14);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('maxFeatures as a count, a fraction or sqrt: the features tried at each node follow one partial Fisher-Yates order per tree', () => {
    const cases: [number | 'sqrt' | undefined, number][] = [[2, 2], [0.5, 3], [0.01, 1], ['sqrt', 2], [undefined, 2], [9, 6]];
    for (const [maxFeatures, tries] of cases) {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
          // six columns (sqrt(6) rounds to 2), nodes on both sides of the 64-row full-histogram cut
          const rng = createRng(seed);
          const rows = 90;
          const cols = 6;
          // columns 1 and 4 are 0/1 flags (counted from the sparse list of ones), the others have five values
          const x = { rows, cols, data: Float64Array.from({ length: rows * cols }, (_, q) => rng.int(q % 3 === 1 ? 2 : 5)) };
          const labels = Uint8Array.from({ length: rows }, (_, i) => (x.data[i * cols]! + x.data[i * cols + 3]! + rng.int(3) > 5 ? 1 : 0));
          const forest = fitRandomForest(x, labels, { nTrees: 2, bootstrap: false, maxFeatures, minSamplesLeaf: 2, rng: createRng(seed) });
          const forestRng = createRng(seed);
          const w = new Float64Array(rows).fill(1);
          for (const tree of forest.trees) {
            const treeRng = forestRng.child();
            const tried = tries >= cols ? allFeatures(cols) : sampledFeatures(cols, tries, treeRng);
            expect(asRef(tree)).toEqual(referenceTree(x, w, gini(labels, w), { maxDepth: Infinity, minSamplesLeaf: 2, minSamplesSplit: 2, minGain: 1e-12, tried }));
          }
        }),
        { numRuns: 8 },
      );
    }
  });
});

describe('gradient boosting trees equal the reference grower', () => {
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

  /** Boosting for log-loss written out: base log-odds of the weighted prior, Newton leaves −lr·G/(H + λ), margins updated by walking each tree. */
  function referenceBoosting(x: Matrix, y: Uint8Array, o: { nEstimators: number; learningRate: number; maxDepth: number; minChildWeight?: number; lambda?: number; subsample?: number; sampleWeight?: Float64Array; seed: number }) {
    const lambda = o.lambda ?? 1;
    const weight = o.sampleWeight ?? new Float64Array(x.rows).fill(1);
    let wPos = 0;
    let wAll = 0;
    for (let i = 0; i < x.rows; i++) {
      wPos += weight[i]! * y[i]!;
      wAll += weight[i]!;
    }
    const prior = Math.min(1 - 1e-6, Math.max(1e-6, wPos / wAll));
    const base = Math.log(prior / (1 - prior));
    const margin = new Float64Array(x.rows).fill(base);
    const rng = createRng(o.seed);
    const trees: RefNode[] = [];
    for (let t = 0; t < o.nEstimators; t++) {
      const treeRng = rng.child();
      const rowWeight = new Float64Array(x.rows);
      const g = new Float64Array(x.rows);
      const h = new Float64Array(x.rows);
      for (let i = 0; i < x.rows; i++) {
        rowWeight[i] = (o.subsample ?? 1) >= 1 || treeRng.next() < o.subsample! ? weight[i]! : 0;
        const p = sigmoid(margin[i]!);
        g[i] = rowWeight[i]! * (p - y[i]!);
        h[i] = rowWeight[i]! * p * (1 - p);
      }
      const tree = referenceTree(x, rowWeight, { first: g, second: h, score: (G, H) => (G * G) / (H + lambda), leafValue: (G, H) => (-o.learningRate * G) / (H + lambda), minSecond: o.minChildWeight ?? 1 }, { maxDepth: o.maxDepth, minSamplesLeaf: 1, minSamplesSplit: 2, minGain: 1e-12, tried: allFeatures(x.cols) });
      trees.push(tree);
      for (let i = 0; i < x.rows; i++) margin[i] += refPredict(tree, x, i);
    }
    return { base, trees, margin };
  }

  const settings = [
    { nEstimators: 4, learningRate: 0.3, maxDepth: 3 },
    { nEstimators: 3, learningRate: 0.5, maxDepth: 2, lambda: 0.2, minChildWeight: 0 },
    { nEstimators: 3, learningRate: 0.1, maxDepth: 4, lambda: 3, minChildWeight: 2.5 },
    { nEstimators: 4, learningRate: 0.3, maxDepth: 3, subsample: 0.6 },
    { nEstimators: 3, learningRate: 0.3, maxDepth: 3, weighted: true },
  ];
  for (const [s, setting] of settings.entries()) {
    it(`setting ${s + 1}: ${JSON.stringify(setting)}`, () => {
      for (const seed of [3, 17]) {
        const rng = createRng(seed * 31 + s);
        const rows = 70;
        const cols = 3;
        const x = { rows, cols, data: Float64Array.from({ length: rows * cols }, () => Math.round(rng.normal() * 1e6) / 1e3) };
        const y = Uint8Array.from({ length: rows }, (_, i) => (x.data[i * cols]! - 0.5 * x.data[i * cols + 1]! + 600 * rng.normal() > 0 ? 1 : 0));
        const sampleWeight = setting.weighted ? Float64Array.from({ length: rows }, (_, i) => 1 + (i % 3)) : undefined;
        const options = { ...setting, sampleWeight, rng: createRng(seed) };
        const model = fitGradientBoosting(x, y, options);
        const want = referenceBoosting(x, y, { ...options, seed });
        expect(model.base).toBe(want.base);
        expect(model.trees).toHaveLength(want.trees.length);
        model.trees.forEach((t, k) => expectClose(asRef(t), want.trees[k]!, `tree ${k}`));
        const margin = model.predictMargin(x);
        const proba = model.predictProba(x);
        for (let i = 0; i < rows; i++) {
          expect(Math.abs(margin[i]! - want.margin[i]!)).toBeLessThan(1e-9);
          expect(proba[i]).toBe(sigmoid(margin[i]!));
        }
      }
    });
  }

  it('the base margin is the log-odds of the weighted prior, clamped to [1e-6, 1 − 1e-6]', () => {
    const x = { rows: 4, cols: 1, data: Float64Array.from([1, 2, 3, 4]) };
    const one = fitGradientBoosting(x, Uint8Array.from([1, 0, 0, 0]), { nEstimators: 0, learningRate: 0.1, maxDepth: 2, rng: createRng(1) });
    expect(one.base).toBeCloseTo(Math.log(1 / 3), 14);
    const weighted = fitGradientBoosting(x, Uint8Array.from([1, 0, 0, 0]), { nEstimators: 0, learningRate: 0.1, maxDepth: 2, sampleWeight: Float64Array.from([3, 1, 1, 1]), rng: createRng(1) });
    expect(weighted.base).toBeCloseTo(0, 14);
    const all = fitGradientBoosting(x, Uint8Array.from([1, 1, 1, 1]), { nEstimators: 0, learningRate: 0.1, maxDepth: 2, rng: createRng(1) });
    expect(all.base).toBeCloseTo(Math.log((1 - 1e-6) / 1e-6), 8);
    const none = fitGradientBoosting(x, Uint8Array.from([0, 0, 0, 0]), { nEstimators: 0, learningRate: 0.1, maxDepth: 2, rng: createRng(1) });
    expect(none.base).toBeCloseTo(Math.log(1e-6 / (1 - 1e-6)), 8);
    expect(none.predictProba(x)[0]).toBeCloseTo(1e-6, 12);
  });
});

describe('tree models from JSON', () => {
  it('refuses anything that is not prep.trees/1, null included', () => {
    expect(() => treeModelFromJSON(null)).toThrow('not a prep tree model (format prep.trees/1)');
    expect(() => treeModelFromJSON(undefined)).toThrow('not a prep tree model');
    expect(() => treeModelFromJSON({ format: 'prep.trees/2', kind: 'random_forest', base: 0, trees: [] })).toThrow('not a prep tree model');
  });

  it('a hand-written forest averages its leaves; a boosting model adds its base and applies the sigmoid', () => {
    const stump = (threshold: number, low: number, high: number) => ({ feature: [0, -1, -1], threshold: [threshold, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, low, high], cover: [4, 2, 2] });
    const x = { rows: 3, cols: 1, data: Float64Array.from([0, 1.5, 3]) };
    const forest = treeModelFromJSON({ format: 'prep.trees/1', kind: 'random_forest', base: 0, trees: [stump(1, 0.2, 0.6), stump(2, 0.4, 1)] });
    expect(forest.kind).toBe('random_forest');
    expect(forest.scale).toBe(0.5);
    expect([...forest.predictProba(x)]).toEqual([0.5 * (0.2 + 0.4), 0.5 * (0.6 + 0.4), 0.5 * (0.6 + 1)]);
    const boost = treeModelFromJSON({ format: 'prep.trees/1', kind: 'gradient_boosting', base: -1, trees: [stump(1, 0.2, 0.6), stump(2, 0.4, 1)] });
    expect(boost.kind).toBe('gradient_boosting');
    expect(boost.base).toBe(-1);
    expect(boost.scale).toBe(1);
    if (boost.kind !== 'gradient_boosting') throw new Error('kind');
    expect([...boost.predictMargin(x)]).toEqual([-1 + (0.2 + 0.4), -1 + (0.6 + 0.4), -1 + (0.6 + 1)]);
    expect([...boost.predictProba(x)]).toEqual([-0.4, 0, 0.6].map((z) => 1 / (1 + Math.exp(-z))));
    expect(boost.toJSON()).toEqual({ format: 'prep.trees/1', kind: 'gradient_boosting', base: -1, trees: [stump(1, 0.2, 0.6), stump(2, 0.4, 1)] });
    expect(forest.toJSON()).toEqual({ format: 'prep.trees/1', kind: 'random_forest', base: 0, trees: [stump(1, 0.2, 0.6), stump(2, 0.4, 1)] });
  });
});

describe('histogram paths: which nodes keep a full histogram, which child is scanned and which derived', () => {
  // With integer weights every histogram sum is exact, so scanning a node, deriving it as parent
  // minus sibling, or building it from the sampled features only must give the same histogram to
  // the bit, and the same tree. Growing deep trees with full histograms at every node (0), from a
  // low cut (1, 16), at the default cut (64) and never (Infinity) and comparing each with the
  // reference catches a buffer reused while a sibling still waits on it, a child given its
  // sibling's histogram, or bin 0 of a two-bin feature left stale.
  function deepData(seed: number) {
    const rng = createRng(seed);
    const rows = 500;
    const cols = 8;
    // columns 1 and 5 are 0/1 flags (two bins, counted from the list of ones), the others have 4 to 9 values
    const x = { rows, cols, data: Float64Array.from({ length: rows * cols }, (_, q) => (q % cols === 1 || q % cols === 5 ? rng.int(2) : rng.int(4 + (q % cols)))) };
    const y = Uint8Array.from({ length: rows }, (_, i) => (x.data[i * cols]! + 2 * x.data[i * cols + 1]! - x.data[i * cols + 6]! / 2 + rng.int(5) > 4 ? 1 : 0));
    const weight = Float64Array.from({ length: rows }, (_, i) => 1 + ((i * 7) % 3));
    return { x, y, weight };
  }

  for (const fullHistogramMinRows of [undefined, 0, 1, 16, Infinity]) {
    it(`fullHistogramMinRows ${fullHistogramMinRows ?? 'default (64)'}: 500 rows, 3 of 8 features per split, weights 1-3, trees of full depth equal the reference exactly`, () => {
      for (const seed of [1, 2, 3]) {
        const { x, y, weight } = deepData(seed);
        const forest = fitRandomForest(x, y, { nTrees: 2, bootstrap: false, maxFeatures: 3, sampleWeight: weight, rng: createRng(seed), fullHistogramMinRows });
        const forestRng = createRng(seed);
        for (const tree of forest.trees) {
          const want = referenceTree(x, weight, gini(y, weight), { maxDepth: Infinity, minSamplesLeaf: 1, minSamplesSplit: 2, minGain: 1e-12, tried: sampledFeatures(x.cols, 3, forestRng.child()) });
          expect(treeDepth(tree)).toBeGreaterThan(6); // deep enough that several levels derive histograms
          expect(asRef(tree)).toEqual(want);
        }
      }
    });
  }

  it('with bootstrap (integer counts as weights) the default cut gives the reference trees too', () => {
    const { x, y } = deepData(9);
    const forest = fitRandomForest(x, y, { nTrees: 3, maxFeatures: 4, minSamplesLeaf: 2, rng: createRng(9) });
    const forestRng = createRng(9);
    for (const tree of forest.trees) {
      const treeRng = forestRng.child();
      const rowWeight = new Float64Array(x.rows);
      for (let k = 0; k < x.rows; k++) rowWeight[treeRng.int(x.rows)]++;
      expect(asRef(tree)).toEqual(referenceTree(x, rowWeight, gini(y, rowWeight), { maxDepth: Infinity, minSamplesLeaf: 2, minSamplesSplit: 2, minGain: 1e-12, tried: sampledFeatures(x.cols, 4, treeRng) }));
    }
  });

  it('a chain deeper than the 48 levels that keep full histograms: nodes below it are scanned, and the tree is still the reference', () => {
    // one feature 0..119 with labels that alternate in runs of one: every split peels a few rows off an end
    const rows = 120;
    const x = { rows, cols: 1, data: Float64Array.from({ length: rows }, (_, i) => i) };
    const y = Uint8Array.from({ length: rows }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const w = new Float64Array(rows).fill(1);
    const forest = fitRandomForest(x, y, { nTrees: 1, bootstrap: false, maxFeatures: 1, rng: createRng(1), fullHistogramMinRows: 0 });
    const tree = forest.trees[0]!;
    expect(treeDepth(tree)).toBeGreaterThan(48);
    expect(asRef(tree)).toEqual(referenceTree(x, w, gini(y, w), { maxDepth: Infinity, minSamplesLeaf: 1, minSamplesSplit: 2, minGain: 1e-12, tried: allFeatures(1) }));
  });
});

describe('tree arrays: one entry per node in every array, leaves marked, children after parents', () => {
  const refDepth = (n: RefNode): number => (n.left ? 1 + Math.max(refDepth(n.left), refDepth(n.right!)) : 0);

  it('forest and boosting trees: equal lengths, leaves with feature, left and right −1, cover = Σ children, treeDepth = the depth from the root', () => {
    const rng = createRng(5);
    const rows = 300;
    const cols = 4;
    const x = { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.int(7)) };
    const y = Uint8Array.from({ length: rows }, (_, i) => (x.data[i * cols]! + x.data[i * cols + 2]! + rng.int(4) > 7 ? 1 : 0));
    const forest = fitRandomForest(x, y, { nTrees: 3, maxFeatures: 2, minSamplesLeaf: 3, rng: createRng(5) });
    const boosting = fitGradientBoosting(x, y, { nEstimators: 3, learningRate: 0.3, maxDepth: 3, rng: createRng(5) });
    for (const tree of [...forest.trees, ...boosting.trees]) {
      const n = tree.feature.length;
      expect([tree.threshold.length, tree.left.length, tree.right.length, tree.value.length, tree.cover.length]).toEqual([n, n, n, n, n]);
      for (let node = 0; node < n; node++) {
        if (tree.feature[node]! < 0) {
          expect([tree.feature[node], tree.left[node], tree.right[node]]).toEqual([-1, -1, -1]);
        } else {
          expect(tree.left[node]).toBeGreaterThan(node);
          expect(tree.right[node]).toBeGreaterThan(tree.left[node]!);
          expect(tree.cover[node]).toBeCloseTo(tree.cover[tree.left[node]!]! + tree.cover[tree.right[node]!]!, 9);
        }
      }
      expect(treeDepth(tree)).toBe(refDepth(asRef(tree)));
    }
    expect(treeDepth(boosting.trees[0]!)).toBe(3);
  });

  it('treeDepth of hand-made trees: a leaf is 0, a stump 1, a lopsided tree counts its longest branch', () => {
    const leaf = { feature: [-1], threshold: [0], left: [-1], right: [-1], value: [0.5], cover: [1] };
    const stump = { feature: [0, -1, -1], threshold: [1, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, 0, 1], cover: [2, 1, 1] };
    // root → right child splits again → its left child splits again: depth 3 on the right, 1 on the left
    const lopsided = { feature: [0, -1, 0, 0, -1, -1, -1], threshold: [1, 0, 2, 3, 0, 0, 0], left: [1, -1, 3, 4, -1, -1, -1], right: [2, -1, 6, 5, -1, -1, -1], value: [0, 0, 0, 0, 1, 0, 1], cover: [4, 1, 3, 2, 1, 1, 1] };
    const model = treeModelFromJSON({ format: 'prep.trees/1', kind: 'random_forest', base: 0, trees: [leaf, stump, lopsided] });
    expect(model.trees.map((t) => treeDepth(t))).toEqual([0, 1, 3]);
  });
});

describe('split rules at their boundaries', () => {
  it('a child whose hessian sum equals the minimum child weight may be made (the rule is "at least")', () => {
    // prior 1/2, so every row's first-round hessian is 0.25; the split x ≤ 2 leaves 0.5 on each side
    const x = { rows: 4, cols: 1, data: Float64Array.from([1, 2, 3, 4]) };
    const y = Uint8Array.from([1, 1, 0, 0]);
    const at = fitGradientBoosting(x, y, { nEstimators: 1, learningRate: 1, maxDepth: 1, lambda: 0, minChildWeight: 0.5, rng: createRng(1) });
    expect(at.trees[0]!.feature[0]).toBe(0);
    expect(at.trees[0]!.threshold[0]).toBe(2.5);
    const above = fitGradientBoosting(x, y, { nEstimators: 1, learningRate: 1, maxDepth: 1, lambda: 0, minChildWeight: 0.5000001, rng: createRng(1) });
    expect(above.trees[0]!.feature[0]).toBe(-1);
  });

  it('maxFeatures 1 is a count (one feature per split), not the fraction 1.0', () => {
    // feature 0 decides the label, features 1-5 are noise: trying all features always splits on 0
    // first; trying one at a time, some roots use a noise feature
    const rng = createRng(3);
    const rows = 200;
    const cols = 6;
    const x = { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.int(3)) };
    const y = Uint8Array.from({ length: rows }, (_, i) => (x.data[i * cols]! > 0 ? 1 : 0));
    const one = fitRandomForest(x, y, { nTrees: 30, maxFeatures: 1, maxDepth: 1, rng: createRng(3) });
    const all = fitRandomForest(x, y, { nTrees: 30, maxFeatures: cols, maxDepth: 1, rng: createRng(3) });
    expect(all.trees.every((t) => t.feature[0] === 0)).toBe(true);
    expect(one.trees.some((t) => t.feature[0]! > 0)).toBe(true);
  });
});
