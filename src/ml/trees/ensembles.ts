/**
 * Random forest (bagged Gini trees with per-split feature sampling, probabilities averaged over
 * trees as scikit-learn does) and gradient-boosted trees for binary log-loss (Newton leaf values
 * −G/(H + λ), XGBoost's gain G²/(H + λ)), both grown by tree.ts on binned features.
 */
import type { Matrix } from '../matrix.js';
import type { Rng } from '../random.js';
import { binFeatures } from './binning.js';
import { growTree, predictTree, treeFromJSON, treeToJSON, type TreeArrays, type TreeJSON } from './tree.js';

export interface ForestOptions {
  nTrees: number;
  maxDepth?: number;
  minSamplesLeaf?: number;
  minSamplesSplit?: number;
  /** Features tried per split: 'sqrt' (default), a count, or a fraction in (0, 1). */
  maxFeatures?: number | 'sqrt';
  sampleWeight?: Float64Array;
  bootstrap?: boolean;
  /** Draws each tree's generator (rng.child()): its bootstrap sample and its feature sampling. */
  rng: Rng;
  /** See GrowOptions: for tests and benchmarks of the histogram subtraction. */
  fullHistogramMinRows?: number;
}

export interface BoostingOptions {
  nEstimators: number;
  learningRate: number;
  maxDepth: number;
  minChildWeight?: number;
  lambda?: number;
  subsample?: number;
  sampleWeight?: Float64Array;
  /** Draws each round's generator (rng.child()): its subsample and its feature order. */
  rng: Rng;
}

export interface RandomForestModel {
  kind: 'random_forest';
  trees: TreeArrays[];
  /** Output space of predictions and SHAP values: class-1 probability. */
  base: 0;
  scale: number;
  predictProba(x: Matrix): Float64Array;
  toJSON(): TreeModelJSON;
}

export interface GradientBoostingModel {
  kind: 'gradient_boosting';
  trees: TreeArrays[];
  /** Base margin (log-odds of the weighted prior). Leaf values already include the learning rate. */
  base: number;
  scale: 1;
  predictMargin(x: Matrix): Float64Array;
  predictProba(x: Matrix): Float64Array;
  toJSON(): TreeModelJSON;
}

export type TreeEnsemble = RandomForestModel | GradientBoostingModel;

export interface TreeModelJSON {
  format: 'prep.trees/1';
  kind: 'random_forest' | 'gradient_boosting';
  base: number;
  trees: TreeJSON[];
}

/** Boosting's margin to probability (the same function predictProba applies). */
export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function sumTrees(trees: TreeArrays[], x: Matrix, base: number, scale: number): Float64Array {
  // Tree by tree, not row by row: a deep forest's trees do not fit in cache together, and walking
  // one tree for every row keeps its nodes there. Each row's sum still adds the trees in order
  // from 0, so the result is the same to the last bit.
  const out = new Float64Array(x.rows);
  for (const t of trees) for (let i = 0; i < x.rows; i++) out[i] += predictTree(t, x, i);
  for (let i = 0; i < x.rows; i++) out[i] = base + scale * out[i]!;
  return out;
}

function forestModel(trees: TreeArrays[]): RandomForestModel {
  const scale = 1 / trees.length;
  return {
    kind: 'random_forest',
    trees,
    base: 0,
    scale,
    predictProba: (x) => sumTrees(trees, x, 0, scale),
    toJSON: () => ({ format: 'prep.trees/1', kind: 'random_forest', base: 0, trees: trees.map(treeToJSON) }),
  };
}

function boostingModel(trees: TreeArrays[], base: number): GradientBoostingModel {
  const predictMargin = (x: Matrix) => sumTrees(trees, x, base, 1);
  return {
    kind: 'gradient_boosting',
    trees,
    base,
    scale: 1,
    predictMargin,
    predictProba: (x) => predictMargin(x).map(sigmoid),
    toJSON: () => ({ format: 'prep.trees/1', kind: 'gradient_boosting', base, trees: trees.map(treeToJSON) }),
  };
}

export function fitRandomForest(x: Matrix, y: Uint8Array, o: ForestOptions): RandomForestModel {
  const binned = binFeatures(x);
  const rng = o.rng;
  const weight = o.sampleWeight ?? new Float64Array(x.rows).fill(1);
  const mf = o.maxFeatures ?? 'sqrt';
  const maxFeatures = mf === 'sqrt' ? Math.max(1, Math.round(Math.sqrt(x.cols))) : mf < 1 ? Math.max(1, Math.round(mf * x.cols)) : Math.min(x.cols, Math.round(mf));
  const trees: TreeArrays[] = [];
  const rowWeight = new Float64Array(x.rows);
  const positives = new Float64Array(x.rows);
  for (let t = 0; t < o.nTrees; t++) {
    const treeRng = rng.child();
    if (o.bootstrap === false) rowWeight.set(weight);
    else {
      rowWeight.fill(0);
      for (let k = 0; k < x.rows; k++) rowWeight[treeRng.int(x.rows)]++;
      for (let i = 0; i < x.rows; i++) rowWeight[i] *= weight[i]!;
    }
    for (let i = 0; i < x.rows; i++) positives[i] = rowWeight[i]! * y[i]!;
    trees.push(
      growTree(binned, {
        maxDepth: o.maxDepth ?? Infinity,
        minSamplesLeaf: o.minSamplesLeaf ?? 1,
        minSamplesSplit: o.minSamplesSplit ?? 2,
        maxFeatures,
        rng: treeRng,
        rowWeight,
        minGain: 1e-12,
        fullHistogramMinRows: o.fullHistogramMinRows,
        criterion: { kind: 'gini', first: positives, second: rowWeight, minSecond: 0 },
      }),
    );
  }
  return forestModel(trees);
}

export function fitGradientBoosting(x: Matrix, y: Uint8Array, o: BoostingOptions): GradientBoostingModel {
  const binned = binFeatures(x);
  const rng = o.rng;
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
  const gradient = new Float64Array(x.rows);
  const hessian = new Float64Array(x.rows);
  const rowWeight = new Float64Array(x.rows);
  const leafOfRow = new Int32Array(x.rows);
  const trees: TreeArrays[] = [];
  const subsample = o.subsample ?? 1;
  for (let t = 0; t < o.nEstimators; t++) {
    const treeRng = rng.child();
    for (let i = 0; i < x.rows; i++) {
      const w = subsample >= 1 || treeRng.next() < subsample ? weight[i]! : 0;
      rowWeight[i] = w;
      const p = sigmoid(margin[i]!);
      gradient[i] = w * (p - y[i]!);
      hessian[i] = w * p * (1 - p);
    }
    leafOfRow.fill(-1);
    const tree = growTree(binned, {
      leafOfRow,
      maxDepth: o.maxDepth,
      minSamplesLeaf: 1,
      minSamplesSplit: 2,
      maxFeatures: x.cols,
      rng: treeRng,
      rowWeight,
      minGain: 1e-12,
      criterion: { kind: 'newton', first: gradient, second: hessian, lambda, learningRate: o.learningRate, minSecond: o.minChildWeight ?? 1 },
    });
    trees.push(tree);
    // rows in the sample: the leaf the split search put them in (the same leaf predictTree finds,
    // since thresholds reproduce the bins on training data); rows outside it: walk the tree
    for (let i = 0; i < x.rows; i++) margin[i] += leafOfRow[i]! >= 0 ? tree.value[leafOfRow[i]!]! : predictTree(tree, x, i);
  }
  return boostingModel(trees, base);
}

export function treeModelFromJSON(json: unknown): TreeEnsemble {
  const j = json as TreeModelJSON;
  if (j?.format !== 'prep.trees/1') throw new Error('not a prep tree model (format prep.trees/1)');
  const trees = j.trees.map(treeFromJSON);
  return j.kind === 'random_forest' ? forestModel(trees) : boostingModel(trees, j.base);
}
