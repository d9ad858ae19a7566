/**
 * Customer lifetime value: BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy
 * way", Marketing Science 24(2)) for the number of future purchases, and the Gamma-Gamma spend
 * model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves", note on the spend
 * model) for their average value. Per customer: x = repeat purchases, tx = time of the last one
 * since the first, T = time from the first purchase to the end of calibration (same unit).
 */
import { nelderMead } from './optimize.js';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface CustomerSummary {
  x: number;
  tx: number;
  T: number;
}

/** ln Γ(z) for z > 0 (Lanczos approximation, g = 7, n = 9; ~15 significant digits). */
export function logGamma(z: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
  const x = z - 1;
  let sum = c[0]!;
  for (let i = 1; i < 9; i++) sum += c[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Gauss hypergeometric 2F1(a, b; c; z) by its power series, for 0 ≤ z < 1. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let j = 0; j < 100000; j++) {
    term *= ((a + j) * (b + j)) / ((c + j) * (j + 1)) * z;
    sum += term;
    if (Math.abs(term) < 1e-15 * Math.abs(sum)) break;
  }
  return sum;
}

/** BG/NBD log-likelihood of one customer, eq. (6) of the paper. */
export function bgNbdLogLikelihood({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: CustomerSummary): number {
  const lnA1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const lnA2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const lnA3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return lnA1 + lnA2 + lnA3;
  const lnA4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  // ln(e^A3 + e^A4) without overflow
  const m = Math.max(lnA3, lnA4);
  return lnA1 + lnA2 + m + Math.log(Math.exp(lnA3 - m) + Math.exp(lnA4 - m));
}

/**
 * Σ of eq. (6) over customers. The gamma-function terms depend on x only, so they are computed
 * once per distinct x (a few hundred values) rather than once per customer: the fit evaluates
 * this thousands of times.
 */
export function bgNbdTotalLogLikelihood({ r, alpha, a, b }: BgNbdParams, customers: CustomerSummary[]): number {
  const byX = new Map<number, number>();
  const common = logGamma(a + b) - logGamma(b) - logGamma(r) + r * Math.log(alpha);
  let sum = 0;
  for (const { x, tx, T } of customers) {
    let gammaTerms = byX.get(x);
    if (gammaTerms === undefined) {
      gammaTerms = common + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
      byX.set(x, gammaTerms);
    }
    const lnA3 = -(r + x) * Math.log(alpha + T);
    if (x === 0) {
      sum += gammaTerms + lnA3;
      continue;
    }
    const lnA4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
    const m = Math.max(lnA3, lnA4);
    sum += gammaTerms + m + Math.log(Math.exp(lnA3 - m) + Math.exp(lnA4 - m));
  }
  return sum;
}

/**
 * bgNbdTotalLogLikelihood for a fixed set of customers, prepared for the thousands of evaluations
 * of a fit: the logarithms are taken once per distinct T, tx and x, and each customer's term once
 * per distinct (x, tx, T) (on retail, 3,370 customers have about 2,000 distinct triples, and
 * ln(α + T) has a few hundred values). Every term is the same floating-point expression as in
 * bgNbdTotalLogLikelihood and the terms are added in customer order, so the total is
 * bit-for-bit the same (test/ml/segment-math.test.ts).
 */
export function preparedBgNbdLogLikelihood(customers: CustomerSummary[]): (params: BgNbdParams) => number {
  const index = (values: number[]) => {
    const ids = new Map<number, number>();
    const codes = Int32Array.from(values, (v) => {
      let id = ids.get(v);
      if (id === undefined) ids.set(v, (id = ids.size));
      return id;
    });
    return { codes, distinct: Float64Array.from(ids.keys()) };
  };
  const xs = index(customers.map((c) => c.x));
  const txs = index(customers.map((c) => c.tx));
  const ts = index(customers.map((c) => c.T));
  const tripleIds = new Map<string, number>();
  const tripleOf = new Int32Array(customers.length);
  const tripleX: number[] = [];
  const tripleTx: number[] = [];
  const tripleT: number[] = [];
  customers.forEach((_, i) => {
    const key = `${xs.codes[i]},${txs.codes[i]},${ts.codes[i]}`;
    let id = tripleIds.get(key);
    if (id === undefined) {
      tripleIds.set(key, (id = tripleX.length));
      tripleX.push(xs.codes[i]!);
      tripleTx.push(txs.codes[i]!);
      tripleT.push(ts.codes[i]!);
    }
    tripleOf[i] = id;
  });
  const gammaTerms = new Float64Array(xs.distinct.length);
  const logBx = new Float64Array(xs.distinct.length);
  const logAlphaTx = new Float64Array(txs.distinct.length);
  const logAlphaT = new Float64Array(ts.distinct.length);
  const terms = new Float64Array(tripleX.length);
  return ({ r, alpha, a, b }) => {
    const common = logGamma(a + b) - logGamma(b) - logGamma(r) + r * Math.log(alpha);
    for (let k = 0; k < gammaTerms.length; k++) {
      const x = xs.distinct[k]!;
      gammaTerms[k] = common + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
      logBx[k] = Math.log(b + x - 1);
    }
    for (let k = 0; k < logAlphaTx.length; k++) logAlphaTx[k] = Math.log(alpha + txs.distinct[k]!);
    for (let k = 0; k < logAlphaT.length; k++) logAlphaT[k] = Math.log(alpha + ts.distinct[k]!);
    const logA = Math.log(a);
    for (let t = 0; t < terms.length; t++) {
      const xi = tripleX[t]!;
      const x = xs.distinct[xi]!;
      const lnA3 = -(r + x) * logAlphaT[tripleT[t]!]!;
      if (x === 0) {
        terms[t] = gammaTerms[xi]! + lnA3;
        continue;
      }
      const lnA4 = logA - logBx[xi]! - (r + x) * logAlphaTx[tripleTx[t]!]!;
      // exp(m − m) is exactly 1, so only the smaller term needs exp; a non-finite term keeps the original form (its NaN or ∞)
      if (!Number.isFinite(lnA3) || !Number.isFinite(lnA4)) {
        const m = Math.max(lnA3, lnA4);
        terms[t] = gammaTerms[xi]! + m + Math.log(Math.exp(lnA3 - m) + Math.exp(lnA4 - m));
      } else if (lnA3 >= lnA4) terms[t] = gammaTerms[xi]! + lnA3 + Math.log(1 + Math.exp(lnA4 - lnA3));
      else terms[t] = gammaTerms[xi]! + lnA4 + Math.log(Math.exp(lnA3 - lnA4) + 1);
    }
    let sum = 0;
    for (let i = 0; i < tripleOf.length; i++) sum += terms[tripleOf[i]!]!;
    return sum;
  };
}

/** Maximum-likelihood fit over log-parameters (keeps them positive) with Nelder-Mead. */
export function fitBgNbd(customers: CustomerSummary[], start: BgNbdParams = { r: 0.5, alpha: 5, a: 0.8, b: 2.5 }): { params: BgNbdParams; logLik: number; iterations: number } {
  const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) });
  const logLik = preparedBgNbdLogLikelihood(customers);
  let best = nelderMead((v) => -logLik(toParams(v)), [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)], { tolerance: 1e-12, maxIterations: 4000, stall: { iterations: 200, improvement: 1e-6 } });
  // a restart from the optimum polishes a simplex that collapsed early
  best = nelderMead((v) => -logLik(toParams(v)), best.x, { step: 0.1, tolerance: 1e-13, maxIterations: 4000, stall: { iterations: 200, improvement: 1e-6 } });
  return { params: toParams(best.x), logLik: -best.value, iterations: best.iterations };
}

/** E[purchases in (T, T + t] | x, tx, T], eq. (10) of the paper. */
export function conditionalExpectedPurchases({ r, alpha, a, b }: BgNbdParams, t: number, { x, tx, T }: CustomerSummary): number {
  const ratio = (alpha + T) / (alpha + T + t);
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - ratio ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)));
  const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0);
  return numerator / denominator;
}

/** P(alive | x, tx, T): the probability the customer has not dropped out (eq. 11 of the paper). */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: CustomerSummary): number {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
}

/** Gamma-Gamma log-likelihood of one repeat buyer with x repeat purchases of average value m. */
export function gammaGammaLogLikelihood({ p, q, v }: GammaGammaParams, x: number, m: number): number {
  return logGamma(p * x + q) - logGamma(p * x) - logGamma(q) + q * Math.log(v) + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(v + x * m);
}

export function fitGammaGamma(buyers: { x: number; m: number }[], start: GammaGammaParams = { p: 2, q: 3, v: 10 }): { params: GammaGammaParams; logLik: number } {
  const toParams = (u: number[]): GammaGammaParams => ({ p: Math.exp(u[0]!), q: Math.exp(u[1]!), v: Math.exp(u[2]!) });
  const negLL = (u: number[]) => {
    const params = toParams(u);
    let sum = 0;
    for (const b of buyers) sum -= gammaGammaLogLikelihood(params, b.x, b.m);
    return sum;
  };
  let best = nelderMead(negLL, [Math.log(start.p), Math.log(start.q), Math.log(start.v)], { tolerance: 1e-12, maxIterations: 4000 });
  best = nelderMead(negLL, best.x, { step: 0.1, tolerance: 1e-13, maxIterations: 4000, stall: { iterations: 200, improvement: 1e-6 } });
  return { params: toParams(best.x), logLik: -best.value };
}

/** E[average purchase value | x, m] = p(v + x·m) / (p·x + q − 1): a weighted mix of the population mean and the customer's own. */
export function conditionalExpectedSpend({ p, q, v }: GammaGammaParams, x: number, m: number): number {
  return (p * (v + x * m)) / (p * x + q - 1);
}
