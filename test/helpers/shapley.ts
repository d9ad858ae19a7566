/**
 * Shapley values of one tree by their definition, for the TreeSHAP tests: every subset S of the
 * features, E[f(x) | x_S] along the tree's cover (at a split on a feature in S follow x, else
 * average the children by cover), weighted |S|! (M − |S| − 1)! / M!. Exponential in M: small trees only.
 */
import type { TreeArrays } from '../../src/ml/trees/index.js';

function conditionalExpectation(t: TreeArrays, x: ArrayLike<number>, subset: Set<number>, node = 0): number {
  const f = t.feature[node]!;
  if (f < 0) return t.value[node]!;
  if (subset.has(f)) return conditionalExpectation(t, x, subset, x[f]! <= t.threshold[node]! ? t.left[node]! : t.right[node]!);
  const l = t.left[node]!;
  const r = t.right[node]!;
  return (t.cover[l]! * conditionalExpectation(t, x, subset, l) + t.cover[r]! * conditionalExpectation(t, x, subset, r)) / t.cover[node]!;
}

export function bruteForceShapley(t: TreeArrays, x: ArrayLike<number>, cols: number): number[] {
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  return Array.from({ length: cols }, (_, i) => {
    let phi = 0;
    for (let mask = 0; mask < 1 << cols; mask++) {
      if (mask & (1 << i)) continue;
      const s = new Set<number>();
      for (let j = 0; j < cols; j++) if (mask & (1 << j)) s.add(j);
      phi += ((factorial(s.size) * factorial(cols - s.size - 1)) / factorial(cols)) * (conditionalExpectation(t, x, new Set(s).add(i)) - conditionalExpectation(t, x, s));
    }
    return phi;
  });
}
