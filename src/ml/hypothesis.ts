/**
 * A/B-test statistics. Distribution functions come from jstat (normal quantile 0.975 =
 * 1.959964 here; simple-statistics' table lookup gives 1.9572, too coarse for sample sizes).
 */
import jstatModule from 'jstat';

const { jStat } = jstatModule;

export const normalQuantile = (p: number): number => jStat.normal.inv(p, 0, 1);
const normalCdf = (x: number): number => jStat.normal.cdf(x, 0, 1);

export interface TestResult {
  test: string;
  statistic: number;
  pValue: number;
  /** Difference B − A with its (1 − alpha) confidence interval. */
  difference: number;
  ci: [number, number];
  df?: number;
}

/** Two-proportion z-test: pooled standard error for the test, unpooled for the interval. */
export function twoProportionZTest(successA: number, nA: number, successB: number, nB: number, alpha = 0.05): TestResult {
  const pA = successA / nA;
  const pB = successB / nB;
  const pooled = (successA + successB) / (nA + nB);
  const z = (pB - pA) / Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const se = Math.sqrt((pA * (1 - pA)) / nA + (pB * (1 - pB)) / nB);
  const zc = normalQuantile(1 - alpha / 2);
  return { test: 'two-proportion z-test', statistic: z, pValue: 2 * (1 - normalCdf(Math.abs(z))), difference: pB - pA, ci: [pB - pA - zc * se, pB - pA + zc * se] };
}

export function meanAndVariance(xs: ArrayLike<number>): { n: number; mean: number; variance: number } {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i]! / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - mean) ** 2;
  return { n, mean, variance: ss / (n - 1) };
}

/** Welch's t-test (unequal variances) with the Welch-Satterthwaite degrees of freedom. */
export function welchTTest(a: ArrayLike<number>, b: ArrayLike<number>, alpha = 0.05): TestResult {
  const A = meanAndVariance(a);
  const B = meanAndVariance(b);
  const va = A.variance / A.n;
  const vb = B.variance / B.n;
  const se = Math.sqrt(va + vb);
  const t = (B.mean - A.mean) / se;
  const df = (va + vb) ** 2 / (va ** 2 / (A.n - 1) + vb ** 2 / (B.n - 1));
  const tc = jStat.studentt.inv(1 - alpha / 2, df);
  return { test: 'Welch t-test', statistic: t, df, pValue: 2 * (1 - jStat.studentt.cdf(Math.abs(t), df)), difference: B.mean - A.mean, ci: [B.mean - A.mean - tc * se, B.mean - A.mean + tc * se] };
}

/** Pearson chi-square test of independence on an r × c table of counts. */
export function chiSquareIndependence(table: number[][]): { statistic: number; df: number; pValue: number; expected: number[][] } {
  const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = table[0]!.map((_, j) => table.reduce((a, r) => a + r[j]!, 0));
  const total = rows.reduce((a, b) => a + b, 0);
  const expected = table.map((_, i) => cols.map((c) => (rows[i]! * c) / total));
  let statistic = 0;
  table.forEach((r, i) => r.forEach((o, j) => (statistic += (o - expected[i]![j]!) ** 2 / expected[i]![j]!)));
  const df = (table.length - 1) * (cols.length - 1);
  return { statistic, df, pValue: 1 - jStat.chisquare.cdf(statistic, df), expected };
}

/**
 * Sample size per arm to detect an absolute lift `mde` over `baseline` (two-sided):
 *   n = (z_{1−α/2} √(2 p̄(1 − p̄)) + z_{1−β} √(p1(1 − p1) + p2(1 − p2)))² / (p2 − p1)², p̄ = (p1 + p2)/2
 * (the standard formula without continuity correction).
 */
export function sampleSizeProportions(baseline: number, mde: number, alpha = 0.05, power = 0.8): number {
  const p1 = baseline;
  const p2 = baseline + mde;
  const pBar = (p1 + p2) / 2;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  return Math.ceil((za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2);
}

/** Sample size per arm for a difference in means `mde` with standard deviation `sd`: n = 2 (z_{1−α/2} + z_{1−β})² σ² / δ². */
export function sampleSizeMeans(sd: number, mde: number, alpha = 0.05, power = 0.8): number {
  return Math.ceil((2 * (normalQuantile(1 - alpha / 2) + normalQuantile(power)) ** 2 * sd ** 2) / mde ** 2);
}

/**
 * Wilson score interval for a proportion k / n (Wilson 1927): better coverage than the Wald
 * interval for small groups and rates near 0 or 1, and never outside [0, 1].
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half-width = z √(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n)
 */
export function wilsonInterval(successes: number, n: number, alpha = 0.05): [number, number] {
  if (n === 0) return [Number.NaN, Number.NaN];
  const z = normalQuantile(1 - alpha / 2);
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Paired t-test on per-fold scores of two models evaluated on the same folds (B − A). With
 * `testTrainRatio` (rows held out / rows trained on per fold) the variance is inflated by
 * (1/k + ratio): Nadeau & Bengio's (2003) corrected resampled t-test, because CV folds share
 * training rows and the plain test is overconfident.
 */
export function pairedTTest(a: ArrayLike<number>, b: ArrayLike<number>, options: { testTrainRatio?: number; alpha?: number } = {}): TestResult & { sd: number } {
  const k = a.length;
  const d = Float64Array.from({ length: k }, (_, i) => b[i]! - a[i]!);
  const { mean, variance } = meanAndVariance(d);
  const factor = options.testTrainRatio === undefined ? 1 / k : 1 / k + options.testTrainRatio;
  const se = Math.sqrt(variance * factor);
  const df = k - 1;
  const t = se === 0 ? (mean === 0 ? 0 : Math.sign(mean) * Infinity) : mean / se;
  const tc = jStat.studentt.inv(1 - (options.alpha ?? 0.05) / 2, df);
  const pValue = Number.isFinite(t) ? 2 * (1 - jStat.studentt.cdf(Math.abs(t), df)) : 0;
  return { test: options.testTrainRatio === undefined ? 'paired t-test' : 'corrected resampled t-test (Nadeau-Bengio)', statistic: t, df, pValue, difference: mean, ci: [mean - tc * se, mean + tc * se], sd: Math.sqrt(variance) };
}
