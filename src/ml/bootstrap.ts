/**
 * Bootstrap confidence intervals for test-set figures. A resample is represented by a count per
 * row (how often the row was drawn) instead of a copied array, so every statistic is a weighted
 * sweep over one order sorted once: O(n) per resample, a few milliseconds for 2,000 resamples
 * of 1,409 rows.
 *
 * Resampling is stratified: positives are drawn from the positives and negatives from the
 * negatives, so every resample has the class balance of the original (as scikit-learn users do
 * with `resample(..., stratify=y)`) and AUC is always defined. Intervals are percentile intervals
 * (2.5th and 97.5th percentiles of the resampled statistic, linear interpolation between order
 * statistics, numpy's default).
 */
import type { Rng } from './random.js';
import { groupUnits } from './split.js';

export interface BootstrapInterval {
  /** The statistic on the original rows. */
  estimate: number;
  low: number;
  high: number;
  resamples: number;
  level: number;
}

/** A statistic of weighted rows: weights[i] is how often row i appears in the resample. */
export type WeightedStatistic = (weights: Int32Array) => number;

/** Quantile with linear interpolation between order statistics (numpy's default, "type 7"). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Counts per row for one stratified resample: each class's rows are drawn with replacement from that class. */
export function stratifiedResampleCounts(strata: Int32Array[], n: number, rng: Rng, into = new Int32Array(n)): Int32Array {
  into.fill(0);
  for (const rows of strata) for (let k = 0; k < rows.length; k++) into[rows[rng.int(rows.length)]!]!++;
  return into;
}

function strataOf(y: ArrayLike<number>): Int32Array[] {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] ? pos : neg).push(i);
  return [Int32Array.from(pos), Int32Array.from(neg)].filter((s) => s.length > 0);
}

/**
 * Counts per row for one resample of whole groups (a cluster bootstrap): each class's groups are
 * drawn with replacement from that class (a group is positive when any of its rows is), and every
 * row of a drawn group counts once per draw. With every group a single row, in row order, the
 * draws are stratifiedResampleCounts' own.
 */
function groupResampleCounts(strata: Int32Array[], members: number[][], n: number, rng: Rng, into: Int32Array): Int32Array {
  into.fill(0);
  for (const units of strata) for (let k = 0; k < units.length; k++) for (const row of members[units[rng.int(units.length)]!]!) into[row]!++;
  return into;
}

/**
 * Percentile bootstrap intervals for several statistics of the same rows, all computed on the
 * same resamples (so they are consistent with each other). Statistics that are undefined on a
 * resample (NaN) are left out of that statistic's distribution.
 */
export function bootstrapIntervals(
  y: ArrayLike<number>,
  statistics: Record<string, WeightedStatistic>,
  options: { resamples?: number; rng: Rng; level?: number; groups?: readonly (string | null)[] },
): Record<string, BootstrapInterval> {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const n = y.length;
  // rows that share a group (one customer's snapshots) are not independent: resample whole groups
  const units = options.groups ? groupUnits(y, options.groups) : undefined;
  const strata = units ? strataOf(units.labels) : strataOf(y);
  const rng = options.rng;
  const names = Object.keys(statistics);
  const draws = names.map(() => new Float64Array(resamples));
  const valid = names.map(() => 0);
  const ones = new Int32Array(n).fill(1);
  const counts = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    if (units) groupResampleCounts(strata, units.members, n, rng, counts);
    else stratifiedResampleCounts(strata, n, rng, counts);
    names.forEach((name, s) => {
      const v = statistics[name]!(counts);
      if (!Number.isNaN(v)) draws[s]![valid[s]!++] = v;
    });
  }
  const out: Record<string, BootstrapInterval> = {};
  names.forEach((name, s) => {
    const sorted = draws[s]!.subarray(0, valid[s]!).sort();
    const alpha = (1 - level) / 2;
    out[name] = {
      estimate: statistics[name]!(ones),
      low: sorted.length ? quantileSorted(sorted, alpha) : Number.NaN,
      high: sorted.length ? quantileSorted(sorted, 1 - alpha) : Number.NaN,
      resamples: valid[s]!,
      level,
    };
  });
  return out;
}

/** Row order by score, descending, and where each group of tied scores ends. */
export interface ScoreOrder {
  order: Int32Array;
  /** groupEnd[k] is true when order[k] is the last row of its tie group. */
  groupEnd: Uint8Array;
}

export function scoreOrder(scores: ArrayLike<number>): ScoreOrder {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const groupEnd = new Uint8Array(order.length);
  for (let k = 0; k < order.length; k++) groupEnd[k] = k === order.length - 1 || scores[order[k + 1]!] !== scores[order[k]!] ? 1 : 0;
  return { order, groupEnd };
}

/** Weighted ROC-AUC (Mann-Whitney, ties count ½); equals rocAuc on the rows repeated by their weights. */
export function weightedAuc(y: ArrayLike<number>, s: ScoreOrder, w: Int32Array): number {
  let area = 0;
  let posAbove = 0;
  let groupPos = 0;
  let groupNeg = 0;
  let P = 0;
  let N = 0;
  for (let k = 0; k < s.order.length; k++) {
    const i = s.order[k]!;
    const wi = w[i]!;
    if (y[i]) groupPos += wi;
    else groupNeg += wi;
    if (s.groupEnd[k]) {
      area += groupNeg * (posAbove + groupPos / 2);
      posAbove += groupPos;
      P += groupPos;
      N += groupNeg;
      groupPos = 0;
      groupNeg = 0;
    }
  }
  return P === 0 || N === 0 ? Number.NaN : area / (P * N);
}

/** Weighted average precision, Σ (R_k − R_{k−1}) · P_k over distinct scores; equals averagePrecision on the repeated rows. */
export function weightedAveragePrecision(y: ArrayLike<number>, s: ScoreOrder, w: Int32Array): number {
  let P = 0;
  for (let i = 0; i < y.length; i++) if (y[i]) P += w[i]!;
  if (P === 0) return Number.NaN;
  let tp = 0;
  let fp = 0;
  let previousTp = 0;
  let area = 0;
  for (let k = 0; k < s.order.length; k++) {
    const i = s.order[k]!;
    if (y[i]) tp += w[i]!;
    else fp += w[i]!;
    // a tie group whose rows were all left out of the resample is not a threshold of it
    if (s.groupEnd[k] && tp + fp > 0 && tp !== previousTp) {
      area += ((tp - previousTp) / P) * (tp / (tp + fp));
      previousTp = tp;
    }
  }
  return area;
}

/** Weighted confusion counts at a threshold (predicted positive when score >= threshold). */
export function weightedConfusion(y: ArrayLike<number>, scores: ArrayLike<number>, threshold: number, w: Int32Array) {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w[i]!;
    if (scores[i]! >= threshold) y[i] ? (tp += wi) : (fp += wi);
    else y[i] ? (fn += wi) : (tn += wi);
  }
  return { tp, fp, tn, fn };
}

/**
 * Paired bootstrap of the difference of a statistic between two models scored on the same rows:
 * each resample draws rows once and evaluates both models on them, so the interval reflects the
 * correlation between the models (unlike two separate intervals).
 */
export function pairedBootstrapDifference(
  y: ArrayLike<number>,
  statisticA: WeightedStatistic,
  statisticB: WeightedStatistic,
  options: { resamples?: number; rng: Rng; level?: number },
): BootstrapInterval & { shareAboveZero: number } {
  const resamples = options.resamples ?? 2000;
  // bootstrapIntervals evaluates the statistic on every resample first, then once on the original rows
  const draws: number[] = [];
  const result = bootstrapIntervals(y, { diff: (w) => (draws.push(statisticB(w) - statisticA(w)), draws[draws.length - 1]!) }, { ...options, resamples }).diff!;
  const resampled = draws.slice(0, resamples).filter((d) => !Number.isNaN(d));
  return { ...result, shareAboveZero: resampled.filter((d) => d > 0).length / Math.max(1, resampled.length) };
}

/**
 * The cost-optimal threshold on weighted rows (chooseThresholdByCost on the rows repeated by
 * their weights): sweep the scores from the top, adding each row's net value; the best tie-group
 * boundary wins, and 1 (target nobody) when no threshold pays.
 */
export function weightedBestThreshold(y: ArrayLike<number>, scores: ArrayLike<number>, s: ScoreOrder, w: Int32Array, gainPerChurner: number, offerCost: number): number {
  let value = 0;
  let best = 0;
  let threshold = 1;
  let groupWeight = 0;
  for (let k = 0; k < s.order.length; k++) {
    const i = s.order[k]!;
    value += w[i]! * (y[i]! * gainPerChurner - offerCost);
    groupWeight += w[i]!;
    if (!s.groupEnd[k]) continue;
    // a tie group with no row in the resample is not a threshold of it
    if (groupWeight > 0 && value > best) {
      best = value;
      threshold = scores[i]!;
    }
    groupWeight = 0;
  }
  return threshold;
}
