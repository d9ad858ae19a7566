/**
 * Calibration: do predicted probabilities match observed frequencies? Brier score, expected
 * calibration error over equal-width bins, the reliability curve behind it, and two ways to
 * recalibrate scores fitted on held-out (out-of-fold) predictions: Platt scaling and isotonic
 * regression. Conventions follow scikit-learn (calibration_curve with strategy "uniform",
 * _sigmoid_calibration, IsotonicRegression with out_of_bounds "clip").
 */

/** Mean squared difference between predicted probability and outcome (0 is perfect; 0.25 is a constant ½). */
export function brierScore(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (p[i]! - y[i]!) ** 2;
  return sum / y.length;
}

export interface ReliabilityBin {
  low: number;
  high: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/**
 * Equal-width bins over [0, 1]. A probability on an inner edge goes to the lower bin (numpy's
 * searchsorted on the inner edges, as scikit-learn's calibration_curve does); empty bins are kept
 * with count 0 so the curve always has `bins` entries.
 */
export function reliabilityCurve(y: ArrayLike<number>, p: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < y.length; i++) {
    let b = 0;
    while (b < bins - 1 && (b + 1) / bins < p[i]!) b++;
    count[b]!++;
    sumP[b]! += p[i]!;
    sumY[b]! += y[i]!;
  }
  return Array.from({ length: bins }, (_, b) => ({
    low: b / bins,
    high: (b + 1) / bins,
    count: count[b]!,
    meanPredicted: count[b] ? sumP[b]! / count[b]! : Number.NaN,
    observedRate: count[b] ? sumY[b]! / count[b]! : Number.NaN,
  }));
}

/** Expected calibration error: Σ over bins of (rows in bin / rows) · |observed rate − mean predicted|. */
export function expectedCalibrationError(y: ArrayLike<number>, p: ArrayLike<number>, bins = 10): number {
  let ece = 0;
  for (const b of reliabilityCurve(y, p, bins)) if (b.count) ece += (b.count / y.length) * Math.abs(b.observedRate - b.meanPredicted);
  return ece;
}

export interface Calibrator {
  method: 'platt' | 'isotonic';
  apply(p: ArrayLike<number>): Float64Array;
  /** What was fitted, for the run store. */
  parameters: Record<string, number>;
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
};

/**
 * Platt scaling on the log-odds f of the predicted probability: P(y = 1 | f) = 1 / (1 + exp(A·f + B)),
 * fitted by Newton's method on the log loss against Platt's smoothed targets (positives
 * (N₊ + 1)/(N₊ + 2), negatives 1/(N₋ + 2)), as in Platt (1999) and scikit-learn.
 */
export function fitPlatt(y: ArrayLike<number>, p: ArrayLike<number>): Calibrator {
  const n = y.length;
  const f = Float64Array.from({ length: n }, (_, i) => logit(p[i]!));
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i]! ? 1 : 0;
  const negatives = n - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let A = 0;
  let B = Math.log((negatives + 1) / (positives + 1));
  const loss = (a: number, b: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const t = y[i] ? hi : lo;
      const z = a * f[i]! + b; // P = 1 / (1 + e^z)
      // −[t log P + (1 − t) log(1 − P)] written stably
      s += z >= 0 ? t * z + Math.log1p(Math.exp(-z)) : (t - 1) * z + Math.log1p(Math.exp(z));
    }
    return s;
  };
  let current = loss(A, B);
  for (let iter = 0; iter < 100; iter++) {
    let gA = 0;
    let gB = 0;
    let hAA = 1e-12;
    let hAB = 0;
    let hBB = 1e-12;
    for (let i = 0; i < n; i++) {
      const t = y[i] ? hi : lo;
      const z = A * f[i]! + B;
      const P = 1 / (1 + Math.exp(z));
      const d = t - P; // d loss / d z
      gA += d * f[i]!;
      gB += d;
      const h = P * (1 - P);
      hAA += h * f[i]! * f[i]!;
      hAB += h * f[i]!;
      hBB += h;
    }
    const det = hAA * hBB - hAB * hAB;
    const dA = -(hBB * gA - hAB * gB) / det;
    const dB = -(-hAB * gA + hAA * gB) / det;
    let step = 1;
    let next = loss(A + step * dA, B + step * dB);
    while (next > current && step > 1e-10) {
      step /= 2;
      next = loss(A + step * dA, B + step * dB);
    }
    A += step * dA;
    B += step * dB;
    const improved = current - next;
    current = next;
    if (Math.abs(gA) + Math.abs(gB) < 1e-10 || improved < 1e-14) break;
  }
  return {
    method: 'platt',
    parameters: { a: A, b: B },
    apply: (q) => Float64Array.from({ length: q.length }, (_, i) => 1 / (1 + Math.exp(A * logit(q[i]!) + B))),
  };
}

/**
 * Isotonic regression of the outcome on the score (pool-adjacent-violators on the distinct
 * scores, tied scores averaged first), predicted by linear interpolation between the fitted
 * points and clipped outside them.
 */
export function fitIsotonic(y: ArrayLike<number>, p: ArrayLike<number>): Calibrator {
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => p[a]! - p[b]!);
  // distinct scores with the mean outcome and weight of the rows tied at each
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (const i of order) {
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === p[i]) {
      ys[last] = (ys[last]! * ws[last]! + y[i]!) / (ws[last]! + 1);
      ws[last]!++;
    } else {
      xs.push(p[i]!);
      ys.push(y[i]!);
      ws.push(1);
    }
  }
  // pool adjacent violators: blocks of (value, weight, first index)
  const value: number[] = [];
  const weight: number[] = [];
  const start: number[] = [];
  for (let k = 0; k < xs.length; k++) {
    value.push(ys[k]!);
    weight.push(ws[k]!);
    start.push(k);
    while (value.length > 1 && value[value.length - 2]! > value[value.length - 1]!) {
      const w = weight[weight.length - 2]! + weight[weight.length - 1]!;
      const v = (value[value.length - 2]! * weight[weight.length - 2]! + value[value.length - 1]! * weight[weight.length - 1]!) / w;
      value.pop();
      weight.pop();
      start.pop();
      value[value.length - 1] = v;
      weight[weight.length - 1] = w;
    }
  }
  const fitted = new Float64Array(xs.length);
  for (let b = 0; b < value.length; b++) for (let k = start[b]!; k < (start[b + 1] ?? xs.length); k++) fitted[k] = value[b]!;
  const interpolate = (x: number): number => {
    if (x <= xs[0]!) return fitted[0]!;
    if (x >= xs[xs.length - 1]!) return fitted[xs.length - 1]!;
    let lo = 0;
    let hi = xs.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= x) lo = mid;
      else hi = mid;
    }
    return fitted[lo]! + ((x - xs[lo]!) / (xs[hi]! - xs[lo]!)) * (fitted[hi]! - fitted[lo]!);
  };
  return {
    method: 'isotonic',
    parameters: { points: xs.length, blocks: value.length },
    apply: (q) => Float64Array.from({ length: q.length }, (_, i) => interpolate(q[i]!)),
  };
}
