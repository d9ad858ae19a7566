/**
 * Feature binning for histogram split search: each feature's values map to at most 256 ordered
 * bins, once per fit. A split "bins ≤ b go left" is stored as the real threshold edges[b], so
 * prediction on raw values (`x <= threshold` goes left) reproduces it exactly on training data.
 * Edges are midpoints between consecutive distinct values (between quantile cut points when a
 * feature has more than 256 distinct values), as scikit-learn's thresholds are.
 */
import type { Matrix } from '../matrix.js';

export const MAX_BINS = 256;

export interface BinnedMatrix {
  rows: number;
  cols: number;
  /** Row-major bin codes: codes[i * cols + j] (a row's codes are read together when building histograms). */
  codes: Uint8Array;
  /** edges[j][b]: the threshold between bin b and bin b + 1 of feature j. */
  edges: Float64Array[];
  bins: Int32Array;
  /** 1 for features with exactly two bins (one-hot columns, flags). */
  isBinary: Uint8Array;
  /** For each row i, ones[onesStart[i] .. onesStart[i + 1]) lists its two-bin features in bin 1 (sparse). */
  onesStart: Int32Array;
  ones: Int32Array;
}

export function checkFinite(x: Matrix): void {
  for (let i = 0; i < x.data.length; i++) {
    if (!Number.isFinite(x.data[i]!)) throw new RangeError(`feature matrix has a non-finite value at row ${Math.floor(i / x.cols)}, column ${i % x.cols}: impute before fitting`);
  }
}

export function binFeatures(x: Matrix): BinnedMatrix {
  checkFinite(x);
  const { rows, cols, data } = x;
  const codes = new Uint8Array(rows * cols);
  const edges: Float64Array[] = [];
  const bins = new Int32Array(cols);
  const column = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    // Most columns of an encoded design are flags or one-hot levels: with at most two distinct
    // values the sort below is not needed (its result, the values in order, is known).
    let low = Infinity;
    let high = -Infinity;
    let few = true;
    for (let i = 0; i < rows; i++) {
      const v = data[i * cols + j]!;
      column[i] = v;
      if (v === low || v === high) continue;
      if (low === Infinity) low = v;
      else if (high === -Infinity && v !== low) [low, high] = v < low ? [v, low] : [low, v];
      else few = false;
    }
    const sorted = few ? undefined : Float64Array.from(column).sort();
    const distinct: number[] = [];
    if (sorted) {
      for (let i = 0; i < rows; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
    } else {
      if (low !== Infinity) distinct.push(low);
      if (high !== -Infinity) distinct.push(high);
    }
    let cuts: number[];
    if (distinct.length <= MAX_BINS) {
      cuts = distinct.slice(0, -1).map((v, k) => (v + distinct[k + 1]!) / 2);
    } else {
      cuts = [];
      for (let b = 1; b < MAX_BINS; b++) {
        const v = sorted![Math.floor((b * rows) / MAX_BINS)]!;
        // the edge sits between v and the next distinct value above it
        let lo = 0;
        let hi = distinct.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (distinct[mid]! <= v) lo = mid + 1;
          else hi = mid;
        }
        if (distinct[lo]! > v) {
          const edge = (v + distinct[lo]!) / 2;
          if (cuts.length === 0 || edge > cuts[cuts.length - 1]!) cuts.push(edge);
        }
      }
    }
    const e = Float64Array.from(cuts);
    edges.push(e);
    bins[j] = e.length + 1;
    for (let i = 0; i < rows; i++) {
      const v = column[i]!;
      let lo = 0;
      let hi = e.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= e[mid]!) hi = mid;
        else lo = mid + 1;
      }
      codes[i * cols + j] = lo;
    }
  }
  const isBinary = Uint8Array.from(bins, (b) => (b === 2 ? 1 : 0));
  const onesStart = new Int32Array(rows + 1);
  const onesList: number[] = [];
  for (let i = 0; i < rows; i++) {
    onesStart[i] = onesList.length;
    for (let j = 0; j < cols; j++) if (isBinary[j] && codes[i * cols + j] === 1) onesList.push(j);
  }
  onesStart[rows] = onesList.length;
  return { rows, cols, codes, edges, bins, isBinary, onesStart, ones: Int32Array.from(onesList) };
}
