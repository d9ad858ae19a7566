/**
 * Per-column drift statistics, chosen the way Evidently does by default (see REFERENCE.md):
 *   reference ≤ 1,000 rows: KS test for numeric columns with more than 5 distinct values,
 *     chi-square otherwise (drift when p < 0.05);
 *   reference > 1,000 rows: Wasserstein distance / reference std for numeric columns,
 *     Jensen-Shannon distance for categorical ones (drift when ≥ 0.1).
 * PSI is computed for every column as the familiar second opinion (< 0.1 stable, 0.1-0.25
 * moderate, > 0.25 significant).
 */
import jstatModule from 'jstat';

const { jStat } = jstatModule as unknown as { jStat: { chisquare: { cdf(x: number, df: number): number } } };

export type DriftKind = 'numeric' | 'categorical';

export interface ColumnDriftResult {
  method: 'wasserstein_normed' | 'jensen_shannon' | 'ks' | 'chi_square';
  /** The distance, or the p-value for the two tests. */
  statistic: number;
  threshold: number;
  drifted: boolean;
  psi: number;
}

/** Population stability index over given bin proportions; empty bins get `epsilon` so the log stays finite. */
export function psiFromProportions(reference: number[], current: number[], epsilon = 1e-4): number {
  let sum = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i]!, epsilon);
    const c = Math.max(current[i]!, epsilon);
    sum += (c - r) * Math.log(c / r);
  }
  return sum;
}

/** Reference-quantile bin edges (deciles by default), deduplicated for columns with few values. */
function quantileEdges(sortedReference: Float64Array, bins: number): number[] {
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const v = sortedReference[Math.min(sortedReference.length - 1, Math.floor((b * sortedReference.length) / bins))]!;
    if (edges.length === 0 || v > edges[edges.length - 1]!) edges.push(v);
  }
  return edges;
}

function binShares(values: Float64Array, edges: number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    let b = 0;
    while (b < edges.length && v >= edges[b]!) b++;
    counts[b]++;
  }
  return counts.map((c) => c / Math.max(1, values.length));
}

export function psi(reference: ArrayLike<number>, current: ArrayLike<number>, bins = 10): number {
  const ref = Float64Array.from(reference).sort();
  const edges = quantileEdges(ref, bins);
  return psiFromProportions(binShares(ref, edges), binShares(Float64Array.from(current), edges));
}

function categoryShares(reference: string[], current: string[]): { ref: number[]; cur: number[]; refCounts: number[]; curCounts: number[] } {
  const levels = [...new Set([...reference, ...current])].sort();
  const index = new Map(levels.map((l, i) => [l, i]));
  const refCounts = new Array<number>(levels.length).fill(0);
  const curCounts = new Array<number>(levels.length).fill(0);
  for (const v of reference) refCounts[index.get(v)!]++;
  for (const v of current) curCounts[index.get(v)!]++;
  return { ref: refCounts.map((c) => c / reference.length), cur: curCounts.map((c) => c / current.length), refCounts, curCounts };
}

/** Jensen-Shannon distance with base-2 logs (scipy.spatial.distance.jensenshannon(p, q, base=2)): in [0, 1]. */
export function jensenShannonDistance(p: number[], q: number[]): number {
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i]! + q[i]!) / 2;
    if (p[i]! > 0) divergence += 0.5 * p[i]! * Math.log2(p[i]! / m);
    if (q[i]! > 0) divergence += 0.5 * q[i]! * Math.log2(q[i]! / m);
  }
  return Math.sqrt(Math.max(0, divergence));
}

/** 1-D Wasserstein (earth mover's) distance between two samples: the area between their empirical CDFs. */
export function wasserstein1d(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  const all = Float64Array.from([...x, ...y]).sort();
  let i = 0;
  let j = 0;
  let distance = 0;
  for (let k = 0; k < all.length - 1; k++) {
    while (i < x.length && x[i]! <= all[k]!) i++;
    while (j < y.length && y[j]! <= all[k]!) j++;
    distance += Math.abs(i / x.length - j / y.length) * (all[k + 1]! - all[k]!);
  }
  return distance;
}

/** Two-sample Kolmogorov-Smirnov: D = max |F_a − F_b| and its asymptotic p-value. */
export function ksTest(a: ArrayLike<number>, b: ArrayLike<number>): { d: number; pValue: number } {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  const ne = (x.length * y.length) / (x.length + y.length);
  const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d; // Stephens' correction (Numerical Recipes)
  let p = 0;
  for (let k = 1; k <= 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return { d, pValue: Math.min(1, Math.max(0, lambda < 1e-3 ? 1 : p)) };
}

/** Chi-square test of homogeneity on two count vectors (categories with zero in both dropped). */
export function chiSquareTest(refCounts: number[], curCounts: number[]): { statistic: number; df: number; pValue: number } {
  const nRef = refCounts.reduce((a, b) => a + b, 0);
  const nCur = curCounts.reduce((a, b) => a + b, 0);
  let statistic = 0;
  let categories = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const total = refCounts[i]! + curCounts[i]!;
    if (total === 0) continue;
    categories++;
    const eRef = (total * nRef) / (nRef + nCur);
    const eCur = (total * nCur) / (nRef + nCur);
    statistic += (refCounts[i]! - eRef) ** 2 / eRef + (curCounts[i]! - eCur) ** 2 / eCur;
  }
  const df = Math.max(1, categories - 1);
  return { statistic, df, pValue: categories < 2 ? 1 : 1 - jStat.chisquare.cdf(statistic, df) };
}

function std(values: Float64Array): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

export function columnDrift(reference: (number | string)[], current: (number | string)[], kind: DriftKind): ColumnDriftResult {
  if (kind === 'numeric') {
    const ref = Float64Array.from(reference as number[]);
    const cur = Float64Array.from(current as number[]);
    const psiValue = psi(ref, cur);
    const distinct = new Set(ref).size;
    if (ref.length > 1000) {
      const scale = std(ref) || 1;
      const statistic = wasserstein1d(ref, cur) / scale;
      return { method: 'wasserstein_normed', statistic, threshold: 0.1, drifted: statistic >= 0.1, psi: psiValue };
    }
    if (distinct > 5) {
      const { pValue } = ksTest(ref, cur);
      return { method: 'ks', statistic: pValue, threshold: 0.05, drifted: pValue < 0.05, psi: psiValue };
    }
    const shares = categoryShares(reference.map(String), current.map(String));
    const { pValue } = chiSquareTest(shares.refCounts, shares.curCounts);
    return { method: 'chi_square', statistic: pValue, threshold: 0.05, drifted: pValue < 0.05, psi: psiFromProportions(shares.ref, shares.cur) };
  }
  const shares = categoryShares(reference.map(String), current.map(String));
  const psiValue = psiFromProportions(shares.ref, shares.cur);
  if (reference.length > 1000) {
    const statistic = jensenShannonDistance(shares.ref, shares.cur);
    return { method: 'jensen_shannon', statistic, threshold: 0.1, drifted: statistic >= 0.1, psi: psiValue };
  }
  const { pValue } = chiSquareTest(shares.refCounts, shares.curCounts);
  return { method: 'chi_square', statistic: pValue, threshold: 0.05, drifted: pValue < 0.05, psi: psiValue };
}
