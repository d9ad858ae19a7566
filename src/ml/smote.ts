/**
 * SMOTE (Chawla, Bowyer, Hall & Kegelmeyer 2002): synthetic minority rows on the segments between
 * a minority row and one of its k nearest minority neighbours (Euclidean distance on the given,
 * already encoded features). Applied to training data only: oversampling before a split leaks
 * copies of test rows into training, which is the mistake the churn lab shows on purpose.
 */
import type { Matrix } from './matrix.js';
import type { Rng } from './random.js';

export interface SmoteOptions {
  k?: number;
  /** Synthetic rows to add; default balances the classes. */
  count?: number;
  rng: Rng;
}

export interface SmoteResult {
  x: Matrix;
  y: Uint8Array;
  /** For each synthetic row: the minority row, its neighbour and the gap (for tests and explanations). */
  origins: { base: number; neighbour: number; gap: number }[];
}

function nearestNeighbours(x: Matrix, members: number[], k: number): Int32Array[] {
  const cols = x.cols;
  const d = x.data;
  return members.map((a) => {
    const best: { j: number; dist: number }[] = [];
    for (const b of members) {
      if (b === a) continue;
      let dist = 0;
      for (let c = 0; c < cols; c++) {
        const diff = d[a * cols + c]! - d[b * cols + c]!;
        dist += diff * diff;
      }
      if (best.length < k || dist < best[best.length - 1]!.dist) {
        best.push({ j: b, dist });
        best.sort((p, q) => p.dist - q.dist || p.j - q.j);
        if (best.length > k) best.pop();
      }
    }
    return Int32Array.from(best, (b) => b.j);
  });
}

export function smote(x: Matrix, y: Uint8Array, options: SmoteOptions): SmoteResult {
  const k = options.k ?? 5;
  const minority: number[] = [];
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i]!;
  const minorityLabel = positives <= y.length - positives ? 1 : 0;
  for (let i = 0; i < y.length; i++) if (y[i] === minorityLabel) minority.push(i);
  const count = options.count ?? y.length - 2 * minority.length;
  if (minority.length < 2 || count <= 0) return { x, y, origins: [] };
  const neighbours = nearestNeighbours(x, minority, Math.min(k, minority.length - 1));
  const data = new Float64Array((x.rows + count) * x.cols);
  data.set(x.data);
  const labels = new Uint8Array(x.rows + count);
  labels.set(y);
  const origins: SmoteResult['origins'] = [];
  for (let s = 0; s < count; s++) {
    const m = options.rng.int(minority.length);
    const base = minority[m]!;
    const candidates = neighbours[m]!;
    const neighbour = candidates[options.rng.int(candidates.length)]!;
    const gap = options.rng.next();
    const row = x.rows + s;
    for (let c = 0; c < x.cols; c++) {
      const a = x.data[base * x.cols + c]!;
      data[row * x.cols + c] = a + gap * (x.data[neighbour * x.cols + c]! - a);
    }
    labels[row] = minorityLabel;
    origins.push({ base, neighbour, gap });
  }
  return { x: { rows: x.rows + count, cols: x.cols, data }, y: labels, origins };
}
