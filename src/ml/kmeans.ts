/**
 * K-means for a few columns and a few thousand rows: Lloyd's algorithm with k-means++ seeding and
 * restarts, keeping the lowest inertia (as scikit-learn's KMeans(n_init=10)); plus standardisation
 * and the exact silhouette score. Written on typed arrays rather than wrapping ml-kmeans so the
 * restarts, the seeding and the inertia are exactly the protocol REFERENCE.md states (R2) and
 * the restarts share one distance buffer.
 */
import type { Matrix } from './matrix.js';
import type { Rng } from './random.js';

export interface KMeansResult {
  k: number;
  centroids: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
}

/** Standardise each column to mean 0, population std 1 (scikit-learn's StandardScaler). */
export function standardise(x: Matrix): { x: Matrix; means: Float64Array; stds: Float64Array } {
  const means = new Float64Array(x.cols);
  const stds = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) means[j] += x.data[i * x.cols + j]! / x.rows;
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) stds[j] += (x.data[i * x.cols + j]! - means[j]!) ** 2 / x.rows;
  for (let j = 0; j < x.cols; j++) stds[j] = Math.sqrt(stds[j]!) || 1;
  const data = Float64Array.from(x.data, (v, idx) => (v - means[idx % x.cols]!) / stds[idx % x.cols]!);
  return { x: { rows: x.rows, cols: x.cols, data }, means, stds };
}

function squaredDistance(a: Float64Array, ai: number, b: Float64Array, bi: number, cols: number): number {
  let s = 0;
  for (let j = 0; j < cols; j++) {
    const d = a[ai * cols + j]! - b[bi * cols + j]!;
    s += d * d;
  }
  return s;
}

/**
 * Greedy k-means++ (Arthur & Vassilvitskii 2007; the variant scikit-learn uses): each next centre
 * is the best of `2 + floor(ln k)` candidates drawn with probability ∝ D(x)², "best" meaning the
 * one that lowers Σ D(x)² the most. Plain k-means++ (one candidate) lands in worse optima more
 * often: on the retail RFM data at k = 8 it ended 0.2% above scikit-learn's inertia.
 */
function kmeansPlusPlus(x: Matrix, k: number, rng: Rng, localTrials = 2 + Math.floor(Math.log(k))): Float64Array {
  const { rows, cols, data } = x;
  const centroids = new Float64Array(k * cols);
  const first = rng.int(rows);
  centroids.set(data.subarray(first * cols, first * cols + cols), 0);
  const closest = new Float64Array(rows);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    closest[i] = squaredDistance(data, i, centroids, 0, cols);
    total += closest[i]!;
  }
  const candidateClosest = new Float64Array(rows);
  const bestClosest = new Float64Array(rows);
  for (let c = 1; c < k; c++) {
    let bestCandidate = -1;
    let bestTotal = Infinity;
    for (let trial = 0; trial < localTrials; trial++) {
      let target = rng.next() * total;
      let candidate = rows - 1;
      for (let i = 0; i < rows; i++) {
        target -= closest[i]!;
        if (target < 0) {
          candidate = i;
          break;
        }
      }
      let candidateTotal = 0;
      const cb = candidate * cols;
      for (let i = 0, base = 0; i < rows; i++, base += cols) {
        let d = 0; // squaredDistance written out, same order
        for (let j = 0; j < cols; j++) {
          const diff = data[base + j]! - data[cb + j]!;
          d += diff * diff;
        }
        const v = closest[i]! < d ? closest[i]! : d;
        candidateClosest[i] = v;
        candidateTotal += v;
      }
      if (candidateTotal < bestTotal) {
        bestTotal = candidateTotal;
        bestCandidate = candidate;
        bestClosest.set(candidateClosest);
      }
    }
    centroids.set(data.subarray(bestCandidate * cols, bestCandidate * cols + cols), c * cols);
    closest.set(bestClosest);
    total = bestTotal;
  }
  return centroids;
}

/**
 * Assigns each row to its nearest centroid (into labels) and returns the inertia. The distance is
 * written out in the loop (the same sum, in the same order, as squaredDistance): this loop is most
 * of K-means' time, and the call and index arithmetic per (row, centroid) cost more than the sum.
 */
function assign(x: Matrix, centroids: Float64Array, k: number, labels: Int32Array): number {
  const { rows, cols, data } = x;
  if (cols === 3) return assign3(rows, data, centroids, k, labels);
  let inertia = 0;
  for (let i = 0, base = 0; i < rows; i++, base += cols) {
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0, cb = 0; c < k; c++, cb += cols) {
      let d = 0;
      for (let j = 0; j < cols; j++) {
        const diff = data[base + j]! - centroids[cb + j]!;
        d += diff * diff;
      }
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestDistance;
  }
  return inertia;
}

/** assign() for three columns (RFM), unrolled: the same sums in the same order ((0 + d0²) + d1²) + d2². */
function assign3(rows: number, data: Float64Array, centroids: Float64Array, k: number, labels: Int32Array): number {
  let inertia = 0;
  for (let i = 0, base = 0; i < rows; i++, base += 3) {
    const x0 = data[base]!;
    const x1 = data[base + 1]!;
    const x2 = data[base + 2]!;
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0, cb = 0; c < k; c++, cb += 3) {
      const d0 = x0 - centroids[cb]!;
      const d1 = x1 - centroids[cb + 1]!;
      const d2 = x2 - centroids[cb + 2]!;
      const d = 0 + d0 * d0 + d1 * d1 + d2 * d2;
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestDistance;
  }
  return inertia;
}

function lloyd(x: Matrix, centroids: Float64Array, k: number, maxIterations: number, tolerance: number): KMeansResult {
  const { rows, cols, data } = x;
  const labels = new Int32Array(rows);
  let iterations = 0;
  let inertia = 0;
  for (; iterations < maxIterations; iterations++) {
    inertia = assign(x, centroids, k, labels);
    const sums = new Float64Array(k * cols);
    const counts = new Int32Array(k);
    for (let i = 0; i < rows; i++) {
      counts[labels[i]!]++;
      for (let j = 0; j < cols; j++) sums[labels[i]! * cols + j] += data[i * cols + j]!;
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue; // an empty cluster keeps its centre
      for (let j = 0; j < cols; j++) {
        const v = sums[c * cols + j]! / counts[c]!;
        shift += (v - centroids[c * cols + j]!) ** 2;
        centroids[c * cols + j] = v;
      }
    }
    if (shift <= tolerance) {
      iterations++;
      break;
    }
  }
  // final assignment and inertia against the final centroids
  inertia = assign(x, centroids, k, labels);
  return { k, centroids, labels, inertia, iterations };
}

/** A skip must hold with this relative (and, for distances near 0, absolute) room to spare, far above rounding error. */
const boundMargin = 1e-9;

/**
 * lloyd() for three columns with Hamerly's bounds (Hamerly 2010, "Making k-means even faster"):
 * per row an upper bound on the distance to its centre and a lower bound on the distance to any
 * other, moved by how far the centres moved; a row whose bounds prove its centre is still the
 * nearest is not recomputed. A skip needs the proof to hold with `boundMargin` to spare, so every
 * label is the one assign3 would give (no near-tie is decided by a bound), the centroids follow
 * the same path and the result is bit-for-bit lloyd()'s (test/ml/segment-math.test.ts); late
 * iterations recompute only the rows near a boundary.
 */
function lloyd3(x: Matrix, centroids: Float64Array, k: number, maxIterations: number, tolerance: number): KMeansResult {
  const { rows, data } = x;
  const labels = new Int32Array(rows);
  const upper = new Float64Array(rows);
  const lower = new Float64Array(rows);
  const previous = new Float64Array(k * 3);
  const moved = new Float64Array(k);
  const half = new Float64Array(k); // half the distance from each centre to the nearest other one
  const sums = new Float64Array(k * 3);
  const counts = new Int32Array(k);
  /** Nearest centre of row i by every distance, as assign3 (same sum, same first-minimum rule), with fresh bounds. */
  const full = (i: number, base: number) => {
    const x0 = data[base]!;
    const x1 = data[base + 1]!;
    const x2 = data[base + 2]!;
    let best = 0;
    let bestDistance = Infinity;
    let second = Infinity;
    for (let c = 0, cb = 0; c < k; c++, cb += 3) {
      const d0 = x0 - centroids[cb]!;
      const d1 = x1 - centroids[cb + 1]!;
      const d2 = x2 - centroids[cb + 2]!;
      const d = 0 + d0 * d0 + d1 * d1 + d2 * d2;
      if (d < bestDistance) {
        second = bestDistance;
        bestDistance = d;
        best = c;
      } else if (d < second) second = d;
    }
    labels[i] = best;
    upper[i] = Math.sqrt(bestDistance);
    lower[i] = Math.sqrt(second);
    return best;
  };
  // One pass per iteration assigns each row and adds it to its cluster's sums, in row order: the
  // same additions in the same order as lloyd()'s separate update loop.
  const accumulate = (l: number, base: number) => {
    counts[l]!++;
    sums[l * 3] += data[base]!;
    sums[l * 3 + 1] += data[base + 1]!;
    sums[l * 3 + 2] += data[base + 2]!;
  };
  for (let i = 0, base = 0; i < rows; i++, base += 3) accumulate(full(i, base), base);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    previous.set(centroids);
    let shift = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue; // an empty cluster keeps its centre
      for (let j = 0; j < 3; j++) {
        const v = sums[c * 3 + j]! / counts[c]!;
        shift += (v - centroids[c * 3 + j]!) ** 2;
        centroids[c * 3 + j] = v;
      }
    }
    if (shift <= tolerance) {
      iterations++;
      break;
    }
    if (iterations + 1 === maxIterations) continue; // no next assignment: the final one below
    let most = 0;
    let mostAt = -1;
    let runnerUp = 0;
    for (let c = 0; c < k; c++) {
      const d0 = centroids[c * 3]! - previous[c * 3]!;
      const d1 = centroids[c * 3 + 1]! - previous[c * 3 + 1]!;
      const d2 = centroids[c * 3 + 2]! - previous[c * 3 + 2]!;
      moved[c] = Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2);
      if (moved[c]! > most) {
        runnerUp = most;
        most = moved[c]!;
        mostAt = c;
      } else if (moved[c]! > runnerUp) runnerUp = moved[c]!;
      let nearest = Infinity;
      for (let o = 0; o < k; o++) {
        if (o === c) continue;
        const e0 = centroids[c * 3]! - centroids[o * 3]!;
        const e1 = centroids[c * 3 + 1]! - centroids[o * 3 + 1]!;
        const e2 = centroids[c * 3 + 2]! - centroids[o * 3 + 2]!;
        nearest = Math.min(nearest, e0 * e0 + e1 * e1 + e2 * e2);
      }
      half[c] = Math.sqrt(nearest) / 2;
    }
    sums.fill(0);
    counts.fill(0);
    for (let i = 0, base = 0; i < rows; i++, base += 3) {
      let a = labels[i]!;
      const u = upper[i]! + moved[a]!;
      const l = lower[i]! - (a === mostAt ? runnerUp : most);
      lower[i] = l;
      const bound = half[a]! > l ? half[a]! : l;
      if (u * (1 + boundMargin) + boundMargin < bound) {
        upper[i] = u;
      } else {
        const d0 = data[base]! - centroids[a * 3]!;
        const d1 = data[base + 1]! - centroids[a * 3 + 1]!;
        const d2 = data[base + 2]! - centroids[a * 3 + 2]!;
        const exact = Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2);
        upper[i] = exact;
        if (!(exact * (1 + boundMargin) + boundMargin < bound)) a = full(i, base);
      }
      accumulate(a, base);
    }
  }
  // final assignment and inertia against the final centroids
  const inertia = assign(x, centroids, k, labels);
  return { k, centroids, labels, inertia, iterations };
}

export function fitKMeans(x: Matrix, k: number, options: { rng: Rng; nInit?: number; maxIterations?: number; tolerance?: number; /** false: every distance every iteration (what the bounded version must equal) */ bounds?: boolean }): KMeansResult {
  if (k < 1 || k > x.rows) throw new RangeError(`k must be between 1 and the number of rows, got ${k}`);
  let best: KMeansResult | undefined;
  const run1 = x.cols === 3 && options.bounds !== false ? lloyd3 : lloyd;
  for (let run = 0; run < (options.nInit ?? 10); run++) {
    const result = run1(x, kmeansPlusPlus(x, k, options.rng), k, options.maxIterations ?? 300, options.tolerance ?? 1e-10);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best!;
}

/**
 * Mean silhouette (Rousseeuw 1987), Euclidean distance; rows alone in a cluster score 0. It costs
 * O(n²) distances. With `sampleSize` below the row count it is computed on that many rows drawn
 * without replacement by `rng` (distances among the sampled rows only), as scikit-learn's
 * silhouette_score(sample_size=, random_state=) does; otherwise over all rows, exactly.
 */
export function silhouetteScore(x: Matrix, labels: Int32Array, k: number, sampling?: { sampleSize: number; rng: Rng }): number {
  if (sampling && sampling.sampleSize < x.rows) {
    const picked = sampleWithoutReplacement(x.rows, sampling.sampleSize, sampling.rng);
    const data = new Float64Array(picked.length * x.cols);
    const subLabels = new Int32Array(picked.length);
    picked.forEach((row, i) => {
      data.set(x.data.subarray(row * x.cols, (row + 1) * x.cols), i * x.cols);
      subLabels[i] = labels[row]!;
    });
    return exactSilhouette({ rows: picked.length, cols: x.cols, data }, subLabels, k);
  }
  return exactSilhouette(x, labels, k);
}

/** m distinct indices of 0..n-1 in a random order (partial Fisher-Yates). */
export function sampleWithoutReplacement(n: number, m: number, rng: Rng): Int32Array {
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(n - i);
    const tmp = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = tmp;
  }
  return pool.slice(0, m);
}

function exactSilhouette(x: Matrix, labels: Int32Array, k: number): number {
  const { rows, cols, data } = x;
  const counts = new Int32Array(k);
  for (let i = 0; i < rows; i++) counts[labels[i]!]++;
  const sums = new Float64Array(rows * k); // sum of distances from row i to each cluster
  for (let i = 0; i < rows; i++) {
    const ib = i * cols;
    const ik = i * k;
    const li = labels[i]!;
    const x0 = data[ib]!;
    const x1 = cols === 3 ? data[ib + 1]! : 0;
    const x2 = cols === 3 ? data[ib + 2]! : 0;
    for (let j = i + 1; j < rows; j++) {
      const jb = j * cols;
      let s = 0; // squaredDistance written out, same order; unrolled for three columns (RFM)
      if (cols === 3) {
        const d0 = x0 - data[jb]!;
        const d1 = x1 - data[jb + 1]!;
        const d2 = x2 - data[jb + 2]!;
        s = 0 + d0 * d0 + d1 * d1 + d2 * d2;
      } else {
        for (let c = 0; c < cols; c++) {
          const diff = data[ib + c]! - data[jb + c]!;
          s += diff * diff;
        }
      }
      const d = Math.sqrt(s);
      sums[ik + labels[j]!] += d;
      sums[j * k + li] += d;
    }
  }
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const own = labels[i]!;
    if (counts[own]! <= 1) continue;
    const a = sums[i * k + own]! / (counts[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]! > 0) b = Math.min(b, sums[i * k + c]! / counts[c]!);
    total += (b - a) / Math.max(a, b);
  }
  return total / rows;
}
