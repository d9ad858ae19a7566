/** Row selection on designs and label arrays, and the rates every stage reports from a confusion matrix. */
import { accuracy, f1, precision, recall } from '../../ml/metrics.js';
import type { Matrix } from '../../ml/matrix.js';
import type { ConfusionCounts } from './types.js';

/** A dense row-major design matrix with its feature names (what src/ml/preprocess's transform returns). */
export type Design = Matrix & { featureNames: string[] };

export function subsetDesign(x: Design, indices: number[]): Design {
  const data = new Float64Array(indices.length * x.cols);
  indices.forEach((r, i) => data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), i * x.cols));
  return { rows: indices.length, cols: x.cols, data, featureNames: x.featureNames };
}

export function subsetLabels(y: Uint8Array, indices: number[]): Uint8Array {
  return Uint8Array.from(indices, (i) => y[i]!);
}

export function pick<T>(items: T[], indices: number[]): T[] {
  return indices.map((i) => items[i]!);
}

export interface Rates {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The threshold rates of a confusion matrix (src/ml/metrics: precision and recall are 0, not NaN, on empty denominators). */
export function ratesFrom(c: ConfusionCounts): Rates {
  return { accuracy: accuracy(c), precision: precision(c), recall: recall(c), f1: f1(c) };
}

export function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

export function inverseFrequencyWeights(y: Uint8Array): Float64Array {
  let positives = 0;
  for (const v of y) positives += v;
  const wPos = y.length / (2 * positives);
  const wNeg = y.length / (2 * (y.length - positives));
  return Float64Array.from(y, (v) => (v ? wPos : wNeg));
}
