/**
 * Exact path-dependent TreeSHAP: Algorithm 2 of Lundberg, Erion & Lee (2018), "Consistent
 * individualized feature attribution for tree ensembles" (the EXTEND / UNWIND recursion of the
 * shap package's tree_shap.h). Expectations over missing features follow the training cover of
 * each branch. For an ensemble, values are summed over trees and scaled like the output:
 * probability for the forest (mean over trees), log-odds margin for boosting.
 */
import type { Matrix } from '../matrix.js';
import { sigmoid, type TreeEnsemble } from './ensembles.js';
import { predictTree, type TreeArrays } from './tree.js';

/**
 * The path of unique features from the root, as parallel typed arrays. Each recursion level
 * works on its own slice [offset, offset + depth + 1) of one buffer, copied from its parent's, as
 * the reference implementation does; no allocation happens per node.
 */
interface PathBuffer {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
}

function newPathBuffer(maxDepth: number): PathBuffer {
  const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
  return { feature: new Int32Array(size), zero: new Float64Array(size), one: new Float64Array(size), weight: new Float64Array(size) };
}

function extendPath(p: PathBuffer, o: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[o + depth] = feature;
  p.zero[o + depth] = zero;
  p.one[o + depth] = one;
  p.weight[o + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    p.weight[o + i + 1] += (one * p.weight[o + i]! * (i + 1)) / (depth + 1);
    p.weight[o + i] = (zero * p.weight[o + i]! * (depth - i)) / (depth + 1);
  }
}

function unwindPath(p: PathBuffer, o: number, depth: number, index: number): void {
  const one = p.one[o + index]!;
  const zero = p.zero[o + index]!;
  let next = p.weight[o + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = p.weight[o + i]!;
      p.weight[o + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (p.weight[o + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      p.weight[o + i] = (p.weight[o + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    p.feature[o + i] = p.feature[o + i + 1]!;
    p.zero[o + i] = p.zero[o + i + 1]!;
    p.one[o + i] = p.one[o + i + 1]!;
  }
}

function unwoundPathSum(p: PathBuffer, o: number, depth: number, index: number): number {
  const one = p.one[o + index]!;
  const zero = p.zero[o + index]!;
  let next = p.weight[o + depth]!;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = p.weight[o + i]! - (tmp * zero * (depth - i)) / (depth + 1);
    } else {
      total += p.weight[o + i]! / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

function maxTreeDepth(tree: TreeArrays): number {
  let max = 0;
  const stack: [number, number][] = [[0, 0]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (tree.feature[node]! < 0) max = Math.max(max, d);
    else stack.push([tree.left[node]!, d + 1], [tree.right[node]!, d + 1]);
  }
  return max;
}

/**
 * One level of the recursion, following the row's way at each split from `goesLeft` (1 where the
 * row goes left). A top-level function with plain loops rather than a closure with typed-array
 * copyWithin calls: a served prediction explains 100-200 small trees, and measured
 * (bench/predict.js) the per-node call overhead of those calls was most of its cost.
 */
function recurse(
  tree: TreeArrays, goesLeft: Uint8Array, phi: Float64Array, scale: number, p: PathBuffer,
  node: number, parentOffset: number, depth: number, zero: number, one: number, feature: number,
): void {
  const o = parentOffset + depth;
  const pf = p.feature;
  const pz = p.zero;
  const po = p.one;
  const pw = p.weight;
  for (let i = 0; i < depth; i++) {
    pf[o + i] = pf[parentOffset + i]!;
    pz[o + i] = pz[parentOffset + i]!;
    po[o + i] = po[parentOffset + i]!;
    pw[o + i] = pw[parentOffset + i]!;
  }
  extendPath(p, o, depth, zero, one, feature);
  const split = tree.feature[node]!;
  if (split < 0) {
    const value = tree.value[node]!;
    for (let i = 1; i <= depth; i++) {
      const w = unwoundPathSum(p, o, depth, i);
      phi[pf[o + i]!] += scale * w * (po[o + i]! - pz[o + i]!) * value;
    }
    return;
  }
  const left = goesLeft[node] === 1;
  const hot = left ? tree.left[node]! : tree.right[node]!;
  const cold = left ? tree.right[node]! : tree.left[node]!;
  const cover = tree.cover[node]!;
  let incomingZero = 1;
  let incomingOne = 1;
  let index = 0;
  while (index <= depth && pf[o + index] !== split) index++;
  let d = depth;
  if (index !== depth + 1) {
    incomingZero = pz[o + index]!;
    incomingOne = po[o + index]!;
    unwindPath(p, o, d, index);
    d -= 1;
  }
  recurse(tree, goesLeft, phi, scale, p, hot, o, d + 1, (tree.cover[hot]! / cover) * incomingZero, incomingOne, split);
  recurse(tree, goesLeft, phi, scale, p, cold, o, d + 1, (tree.cover[cold]! / cover) * incomingZero, 0, split);
}

/** Which way row `base` of data goes at every split of the tree (leaves are left at 0). */
function directions(tree: TreeArrays, data: Float64Array, base: number, out: Uint8Array): Uint8Array {
  for (let node = 0; node < tree.feature.length; node++) {
    const split = tree.feature[node]!;
    out[node] = split >= 0 && data[base + split]! <= tree.threshold[node]! ? 1 : 0;
  }
  return out;
}

/** Adds one tree's SHAP values for row `row` of x into phi (scaled by `scale`), by the recursion. */
export function treeShapSingle(tree: TreeArrays, x: Matrix, row: number, phi: Float64Array, scale = 1): void {
  const goesLeft = directions(tree, x.data, row * x.cols, new Uint8Array(tree.feature.length));
  recurse(tree, goesLeft, phi, scale, newPathBuffer(maxTreeDepth(tree)), 0, 0, 0, 1, 1, -1);
}

/**
 * A small tree compiled into a table. A tree's SHAP values depend on the row only through the
 * directions it takes at the tree's m splits, so for a tree with m <= MAX_TABLE_SPLITS (boosting's
 * depth-3 trees have 7) the values for each of the 2^m direction patterns are computed once, by the
 * same recursion; explaining a row is then m comparisons and a few additions per tree, which is
 * what lets the API return SHAP reasons with every prediction. (Fast TreeSHAP, Yang 2021, uses
 * the same precompute-per-pattern idea per leaf.) Deeper trees, like the forest's, use the recursion.
 */
interface TreeTable {
  /** The split nodes, in the bit order of the pattern, with their features and thresholds (read without going through the tree). */
  splitNodes: Int32Array;
  splitFeature: Int32Array;
  splitThreshold: Float64Array;
  /** The features the tree uses, in the column order of `values`. */
  features: Int32Array;
  /** values[pattern · features.length + k]: unscaled SHAP value of features[k] for that pattern. */
  values: Float64Array;
  /** The value of the leaf a row with that pattern lands in. */
  leafValue: Float64Array;
}

const MAX_TABLE_SPLITS = 8;

function tableFor(tree: TreeArrays, cols: number): TreeTable | undefined {
  const splitNodes = Int32Array.from(Array.from(tree.feature).flatMap((f, node) => (f >= 0 ? [node] : [])));
  if (splitNodes.length > MAX_TABLE_SPLITS) return undefined;
  const features = Int32Array.from(new Set(Array.from(splitNodes, (node) => tree.feature[node]!)));
  const u = features.length;
  const values = new Float64Array((1 << splitNodes.length) * u);
  const leafValue = new Float64Array(1 << splitNodes.length);
  const goesLeft = new Uint8Array(tree.feature.length);
  const phi = new Float64Array(cols);
  const p = newPathBuffer(maxTreeDepth(tree));
  for (let pattern = 0; pattern < 1 << splitNodes.length; pattern++) {
    splitNodes.forEach((node, bit) => (goesLeft[node] = (pattern >> bit) & 1));
    phi.fill(0);
    recurse(tree, goesLeft, phi, 1, p, 0, 0, 0, 1, 1, -1);
    for (let k = 0; k < u; k++) values[pattern * u + k] = phi[features[k]!]!;
    let node = 0;
    while (tree.feature[node]! >= 0) node = goesLeft[node] === 1 ? tree.left[node]! : tree.right[node]!;
    leafValue[pattern] = tree.value[node]!;
  }
  const splitFeature = Int32Array.from(splitNodes, (node) => tree.feature[node]!);
  const splitThreshold = Float64Array.from(splitNodes, (node) => tree.threshold[node]!);
  return { splitNodes, splitFeature, splitThreshold, features, values, leafValue };
}

/** Cover-weighted mean leaf value of a tree: the tree's expected output over the training data. */
export function treeExpectedValue(tree: TreeArrays): number {
  let sum = 0;
  for (let node = 0; node < tree.feature.length; node++) if (tree.feature[node]! < 0) sum += tree.value[node]! * tree.cover[node]!;
  return sum / tree.cover[0]!;
}

export interface ShapResult {
  /** values[i][j]: contribution of feature j to row i's output. */
  values: Float64Array[];
  expectedValue: number;
  outputSpace: 'probability' | 'log-odds';
  /** The model output the values add up to (with the expected value), per row. */
  rawOutput: Float64Array;
}

/** What explaining a model needs once, not per row: the tables, a path buffer and scratch for the rest, and the expected value. */
interface ShapPlan {
  expectedValue: number;
  /** Per tree: its table, or undefined where the recursion is used. */
  tables: (TreeTable | undefined)[];
  buffer: PathBuffer;
  goesLeft: Uint8Array;
}
const plans = new WeakMap<TreeEnsemble, Map<number, ShapPlan>>();

function planFor(model: TreeEnsemble, cols: number): ShapPlan {
  let byCols = plans.get(model);
  if (!byCols) plans.set(model, (byCols = new Map()));
  let plan = byCols.get(cols);
  if (!plan) {
    plan = {
      expectedValue: model.base + model.scale * model.trees.reduce((s, t) => s + treeExpectedValue(t), 0),
      tables: model.trees.map((t) => tableFor(t, cols)),
      buffer: newPathBuffer(model.trees.reduce((m, t) => Math.max(m, maxTreeDepth(t)), 0)),
      goesLeft: new Uint8Array(model.trees.reduce((m, t) => Math.max(m, t.feature.length), 0)),
    };
    byCols.set(cols, plan);
  }
  return plan;
}

/**
 * SHAP values of one row of x, in the model's output space (they add up to output − expected
 * value), and the output itself: the split directions found for the values also give each tree's
 * leaf, and the leaf values are summed in the same order as the model's own prediction, so
 * output and probability are bit-identical to predictMargin / predictProba.
 */
export function explainRow(model: TreeEnsemble, x: Matrix, row: number): { phi: Float64Array; output: number; probability: number } {
  const { tables, buffer, goesLeft } = planFor(model, x.cols);
  const phi = new Float64Array(x.cols);
  const base = row * x.cols;
  const data = x.data;
  const scale = model.scale;
  let sum = 0;
  for (let k = 0; k < model.trees.length; k++) {
    const tree = model.trees[k]!;
    const table = tables[k];
    if (!table) {
      recurse(tree, directions(tree, data, base, goesLeft), phi, scale, buffer, 0, 0, 0, 1, 1, -1);
      sum += predictTree(tree, x, row);
      continue;
    }
    const { splitFeature, splitThreshold, features, values, leafValue } = table;
    let pattern = 0;
    for (let bit = 0; bit < splitFeature.length; bit++) {
      if (data[base + splitFeature[bit]!]! <= splitThreshold[bit]!) pattern |= 1 << bit;
    }
    const u = features.length;
    const at = pattern * u;
    for (let j = 0; j < u; j++) phi[features[j]!] += scale * values[at + j]!;
    sum += leafValue[pattern]!;
  }
  const output = model.base + scale * sum;
  return { phi, output, probability: model.kind === 'gradient_boosting' ? sigmoid(output) : output };
}

/**
 * The work of explaining one row, in path steps: a tabled tree costs its splits; the recursion
 * visits every node of a tree and at each leaf of depth d does d unwound sums of d steps, so a
 * tree costs Σ over leaves of (d + 1)² plus its nodes. A forest of 100 deep trees on 22k rows is
 * about 35M steps (0.1 s a row here); 200 depth-3 boosting trees, which are tabled, about 1,400.
 */
export function shapWorkPerRow(model: TreeEnsemble): number {
  let work = 0;
  for (const tree of model.trees) {
    let splits = 0;
    for (let node = 0; node < tree.feature.length; node++) if (tree.feature[node]! >= 0) splits++;
    if (splits <= MAX_TABLE_SPLITS) {
      work += 2 * splits; // tabled (tableFor): a comparison per split, an addition per feature
      continue;
    }
    const stack: number[] = [0, 0];
    while (stack.length) {
      const d = stack.pop()!;
      const node = stack.pop()!;
      work += 1;
      if (tree.feature[node]! < 0) work += (d + 1) * (d + 1);
      else stack.push(tree.left[node]!, d + 1, tree.right[node]!, d + 1);
    }
  }
  return work;
}

/** What treeShap returns besides the values: the expected value, the output space and the model outputs of x's rows. */
export function shapBase(model: TreeEnsemble, x: Matrix): Omit<ShapResult, 'values'> {
  const { expectedValue } = planFor(model, x.cols);
  const rawOutput = model.kind === 'random_forest' ? model.predictProba(x) : model.predictMargin(x);
  return { expectedValue, outputSpace: model.kind === 'random_forest' ? 'probability' : 'log-odds', rawOutput };
}

/** SHAP values of rows [start, end) of x, row after row (explainRow's phi). */
export function shapValuesOfRows(model: TreeEnsemble, x: Matrix, start = 0, end = x.rows): Float64Array[] {
  const values: Float64Array[] = [];
  for (let i = start; i < end; i++) values.push(explainRow(model, x, i).phi);
  return values;
}

export function treeShap(model: TreeEnsemble, x: Matrix): ShapResult {
  return { values: shapValuesOfRows(model, x), ...shapBase(model, x) };
}
