/**
 * Classification metrics for a binary target (y = 1 positive). Conventions, chosen to match
 * scikit-learn: precision is 0 when nothing is predicted positive, recall 0 when there are no
 * positives; ROC-AUC counts a tied positive/negative pair as one half; PR-AUC is average
 * precision, sum over thresholds of (R_n − R_{n−1}) · P_n, without interpolation.
 */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Predicted positive when score >= threshold. */
export function confusionAt(y: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < y.length; i++) {
    const predicted = scores[i]! >= threshold;
    if (y[i]) predicted ? c.tp++ : c.fn++;
    else predicted ? c.fp++ : c.tn++;
  }
  return c;
}

export const accuracy = (c: Confusion): number => (c.tp + c.tn) / Math.max(1, c.tp + c.fp + c.tn + c.fn);
export const precision = (c: Confusion): number => (c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp));
export const recall = (c: Confusion): number => (c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn));
export function f1(c: Confusion): number {
  const p = precision(c);
  const r = recall(c);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Indices sorted by score, descending (stable, so equal scores keep input order). */
function byScoreDescending(scores: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/**
 * ROC-AUC as the Mann-Whitney statistic: the probability that a random positive scores above a
 * random negative, ties counting one half (equivalently, the trapezoidal area under the ROC
 * curve with tied scores collapsed into one point).
 */
export function rocAuc(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = byScoreDescending(scores);
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < y.length; i++) (y[i] ? positives++ : negatives++);
  if (positives === 0 || negatives === 0) return Number.NaN;
  let area = 0;
  let positivesAbove = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    let groupPos = 0;
    let groupNeg = 0;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) {
      y[order[end]!] ? groupPos++ : groupNeg++;
      end++;
    }
    // every negative in this tie group is beaten by the positives above it, and half-beaten by the tied ones
    area += groupNeg * (positivesAbove + groupPos / 2);
    positivesAbove += groupPos;
    start = end;
  }
  return area / (positives * negatives);
}

export interface CurvePoint {
  threshold: number;
  x: number;
  y: number;
}

/** Cumulative counts at each distinct score, from the highest threshold down. */
function sweep(y: ArrayLike<number>, scores: ArrayLike<number>): { threshold: number; tp: number; fp: number }[] {
  const order = byScoreDescending(scores);
  const points: { threshold: number; tp: number; fp: number }[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    y[i] ? tp++ : fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i]) points.push({ threshold: scores[i]!, tp, fp });
  }
  return points;
}

/** ROC curve points (x = false positive rate, y = true positive rate), starting at (0, 0). */
export function rocCurve(y: ArrayLike<number>, scores: ArrayLike<number>): CurvePoint[] {
  const points = sweep(y, scores);
  const last = points[points.length - 1];
  const P = last?.tp ?? 0;
  const N = last?.fp ?? 0;
  return [{ threshold: Infinity, x: 0, y: 0 }, ...points.map((p) => ({ threshold: p.threshold, x: N ? p.fp / N : 0, y: P ? p.tp / P : 0 }))];
}

/** Precision-recall curve points (x = recall, y = precision), one per distinct threshold. */
export function prCurve(y: ArrayLike<number>, scores: ArrayLike<number>): CurvePoint[] {
  const points = sweep(y, scores);
  const P = points[points.length - 1]?.tp ?? 0;
  return points.map((p) => ({ threshold: p.threshold, x: P ? p.tp / P : 0, y: p.tp / (p.tp + p.fp) }));
}

/** Average precision: sum over distinct thresholds of (R_n − R_{n−1}) · P_n (scikit-learn's definition). */
export function averagePrecision(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  let previousRecall = 0;
  let area = 0;
  for (const p of prCurve(y, scores)) {
    area += (p.x - previousRecall) * p.y;
    previousRecall = p.x;
  }
  return area;
}

export function logLoss(y: ArrayLike<number>, probabilities: ArrayLike<number>, eps = 1e-15): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probabilities[i]!));
    sum -= y[i] ? Math.log(p) : Math.log(1 - p);
  }
  return sum / y.length;
}

export interface ExplainedValue {
  value: number;
  formula: string;
  inputs: Record<string, number>;
}

/** Every threshold metric with the formula and inputs that produced it (for the run store). */
export function explainedMetrics(y: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): Record<'accuracy' | 'precision' | 'recall' | 'f1' | 'auc' | 'prAuc', ExplainedValue> {
  const c = confusionAt(y, scores, threshold);
  const p = precision(c);
  const r = recall(c);
  const positives = c.tp + c.fn;
  return {
    accuracy: { value: accuracy(c), formula: '(tp + tn) / (tp + fp + tn + fn)', inputs: { ...c } },
    precision: { value: p, formula: 'tp / (tp + fp)', inputs: { tp: c.tp, fp: c.fp } },
    recall: { value: r, formula: 'tp / (tp + fn)', inputs: { tp: c.tp, fn: c.fn } },
    f1: { value: f1(c), formula: '2 · precision · recall / (precision + recall)', inputs: { precision: p, recall: r } },
    auc: { value: rocAuc(y, scores), formula: 'P(score of a random positive > score of a random negative), ties count 1/2', inputs: { positives, negatives: y.length - positives } },
    prAuc: { value: averagePrecision(y, scores), formula: 'Σ_n (R_n − R_{n−1}) · P_n over distinct thresholds (average precision)', inputs: { positives, rows: y.length } },
  };
}
