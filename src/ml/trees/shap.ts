/**
 * Exact path-dependent TreeSHAP: Algorithm 2 of Lundberg, Erion & Lee (2018), "Consistent
 * individualized feature attribution for tree ensembles" (the EXTEND / UNWIND recursion of the
 * shap package's tree_shap.h). Expectations over missing features follow the training cover of
 * each branch. For an ensemble, values are summed over trees and scaled like the output:
 * probability for the forest (mean over trees), log-odds margin for boosting.
 */
import type { Matrix } from '../matrix.js';
import type { TreeEnsemble } from './ensembles.js';
import type { TreeArrays } from './tree.js';

interface PathElement {
  feature: number;
  zero: number;
  one: number;
  weight: number;
}

function extendPath(path: PathElement[], depth: number, zero: number, one: number, feature: number): void {
  path[depth] = { feature, zero, one, weight: depth === 0 ? 1 : 0 };
  for (let i = depth - 1; i >= 0; i--) {
    path[i + 1]!.weight += (one * path[i]!.weight * (i + 1)) / (depth + 1);
    path[i]!.weight = (zero * path[i]!.weight * (depth - i)) / (depth + 1);
  }
}

function unwindPath(path: PathElement[], depth: number, index: number): void {
  const { one, zero } = path[index]!;
  let next = path[depth]!.weight;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = path[i]!.weight;
      path[i]!.weight = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (path[i]!.weight * zero * (depth - i)) / (depth + 1);
    } else {
      path[i]!.weight = (path[i]!.weight * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    path[i]!.feature = path[i + 1]!.feature;
    path[i]!.zero = path[i + 1]!.zero;
    path[i]!.one = path[i + 1]!.one;
  }
}

function unwoundPathSum(path: PathElement[], depth: number, index: number): number {
  const { one, zero } = path[index]!;
  let next = path[depth]!.weight;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = path[i]!.weight - (tmp * zero * (depth - i)) / (depth + 1);
    } else {
      total += path[i]!.weight / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

/** Adds one tree's SHAP values for row `row` of x into phi (scaled by `scale`). */
export function treeShapSingle(tree: TreeArrays, x: Matrix, row: number, phi: Float64Array, scale = 1): void {
  const base = row * x.cols;
  const recurse = (node: number, parentPath: PathElement[], depth: number, zero: number, one: number, feature: number): void => {
    const path = parentPath.slice(0, depth + 1).map((e) => ({ ...e }));
    extendPath(path, depth, zero, one, feature);
    const split = tree.feature[node]!;
    if (split < 0) {
      for (let i = 1; i <= depth; i++) {
        const w = unwoundPathSum(path, depth, i);
        const el = path[i]!;
        phi[el.feature] += scale * w * (el.one - el.zero) * tree.value[node]!;
      }
      return;
    }
    const goesLeft = x.data[base + split]! <= tree.threshold[node]!;
    const hot = goesLeft ? tree.left[node]! : tree.right[node]!;
    const cold = goesLeft ? tree.right[node]! : tree.left[node]!;
    const cover = tree.cover[node]!;
    const hotZero = tree.cover[hot]! / cover;
    const coldZero = tree.cover[cold]! / cover;
    let incomingZero = 1;
    let incomingOne = 1;
    let index = 0;
    while (index <= depth && path[index]!.feature !== split) index++;
    let d = depth;
    if (index !== depth + 1) {
      incomingZero = path[index]!.zero;
      incomingOne = path[index]!.one;
      unwindPath(path, d, index);
      d -= 1;
    }
    recurse(hot, path, d + 1, hotZero * incomingZero, incomingOne, split);
    recurse(cold, path, d + 1, coldZero * incomingZero, 0, split);
  };
  recurse(0, [], 0, 1, 1, -1);
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

export function treeShap(model: TreeEnsemble, x: Matrix): ShapResult {
  const scale = model.scale;
  const expectedValue = model.base + scale * model.trees.reduce((s, t) => s + treeExpectedValue(t), 0);
  const values: Float64Array[] = [];
  const rawOutput = model.kind === 'random_forest' ? model.predictProba(x) : model.predictMargin(x);
  for (let i = 0; i < x.rows; i++) {
    const phi = new Float64Array(x.cols);
    for (const t of model.trees) treeShapSingle(t, x, i, phi, scale);
    values.push(phi);
  }
  return { values, expectedValue, outputSpace: model.kind === 'random_forest' ? 'probability' : 'log-odds', rawOutput };
}
