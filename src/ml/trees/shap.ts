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

/** Adds one tree's SHAP values for row `row` of x into phi (scaled by `scale`). */
export function treeShapSingle(tree: TreeArrays, x: Matrix, row: number, phi: Float64Array, scale = 1, buffer?: PathBuffer): void {
  const base = row * x.cols;
  const p = buffer ?? newPathBuffer(maxTreeDepth(tree));
  // recurse(node, parentOffset, depth, ...): this level's path starts right after the parent's
  const recurse = (node: number, parentOffset: number, depth: number, zero: number, one: number, feature: number): void => {
    const o = parentOffset + depth;
    if (depth > 0) {
      p.feature.copyWithin(o, parentOffset, parentOffset + depth);
      p.zero.copyWithin(o, parentOffset, parentOffset + depth);
      p.one.copyWithin(o, parentOffset, parentOffset + depth);
      p.weight.copyWithin(o, parentOffset, parentOffset + depth);
    }
    extendPath(p, o, depth, zero, one, feature);
    const split = tree.feature[node]!;
    if (split < 0) {
      const value = tree.value[node]!;
      for (let i = 1; i <= depth; i++) {
        const w = unwoundPathSum(p, o, depth, i);
        phi[p.feature[o + i]!] += scale * w * (p.one[o + i]! - p.zero[o + i]!) * value;
      }
      return;
    }
    const goesLeft = x.data[base + split]! <= tree.threshold[node]!;
    const hot = goesLeft ? tree.left[node]! : tree.right[node]!;
    const cold = goesLeft ? tree.right[node]! : tree.left[node]!;
    const cover = tree.cover[node]!;
    let incomingZero = 1;
    let incomingOne = 1;
    let index = 0;
    while (index <= depth && p.feature[o + index] !== split) index++;
    let d = depth;
    if (index !== depth + 1) {
      incomingZero = p.zero[o + index]!;
      incomingOne = p.one[o + index]!;
      unwindPath(p, o, d, index);
      d -= 1;
    }
    recurse(hot, o, d + 1, (tree.cover[hot]! / cover) * incomingZero, incomingOne, split);
    recurse(cold, o, d + 1, (tree.cover[cold]! / cover) * incomingZero, 0, split);
  };
  recurse(0, 0, 0, 1, 1, -1);
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
  const buffers = model.trees.map((t) => newPathBuffer(maxTreeDepth(t)));
  for (let i = 0; i < x.rows; i++) {
    const phi = new Float64Array(x.cols);
    model.trees.forEach((t, k) => treeShapSingle(t, x, i, phi, scale, buffers[k]));
    values.push(phi);
  }
  return { values, expectedValue, outputSpace: model.kind === 'random_forest' ? 'probability' : 'log-odds', rawOutput };
}
