/**
 * K-means against a reference written from its definition: greedy k-means++ seeding (each next
 * centre the best of 2 + floor(ln k) candidates drawn with probability ∝ D², "best" = lowest
 * Σ min D², as scikit-learn's _kmeans_plusplus), Lloyd iterations (nearest centre, first one on a
 * tie; an empty cluster keeps its centre; stop once the squared centre shift is <= tolerance),
 * restarts drawing from the one generator in turn, the first lowest inertia kept. Integer data
 * with many duplicates and equal distances, so ties are decided as stated. The silhouette against
 * Rousseeuw's definition written out, and two scikit-learn values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitKMeans, sampleWithoutReplacement, silhouetteScore, standardise } from '../../src/ml/kmeans.js';
import type { Matrix } from '../../src/ml/matrix.js';
import { createRng, type Rng } from '../../src/ml/random.js';

function squared(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number, cols: number): number {
  let s = 0;
  for (let j = 0; j < cols; j++) s += (a[ai * cols + j]! - b[bi * cols + j]!) ** 2;
  return s;
}

function referenceSeeds(x: Matrix, k: number, rng: Rng): number[] {
  const { rows, cols, data } = x;
  const centres: number[] = [];
  const first = rng.int(rows);
  centres.push(...data.subarray(first * cols, (first + 1) * cols));
  let closest = Array.from({ length: rows }, (_, i) => squared(data, i, data, first, cols));
  let total = closest.reduce((s, v) => s + v, 0);
  const trials = 2 + Math.floor(Math.log(k));
  for (let c = 1; c < k; c++) {
    let best = { total: Infinity, row: -1, closest: closest };
    for (let t = 0; t < trials; t++) {
      // the first row at which the running sum of D² passes a uniform draw on [0, total)
      let target = rng.next() * total;
      let row = rows - 1;
      for (let i = 0; i < rows; i++) {
        target -= closest[i]!;
        if (target < 0) {
          row = i;
          break;
        }
      }
      const after = closest.map((d, i) => Math.min(d, squared(data, i, data, row, cols)));
      const sum = after.reduce((s, v) => s + v, 0);
      if (sum < best.total) best = { total: sum, row, closest: after };
    }
    centres.push(...data.subarray(best.row * cols, (best.row + 1) * cols));
    closest = best.closest;
    total = best.total;
  }
  return centres;
}

function nearest(x: Matrix, centres: number[], k: number, i: number): { label: number; distance: number } {
  let label = 0;
  let distance = Infinity;
  for (let c = 0; c < k; c++) {
    const d = squared(x.data, i, centres, c, x.cols);
    if (d < distance) {
      distance = d;
      label = c;
    }
  }
  return { label, distance };
}

function referenceLloyd(x: Matrix, centres: number[], k: number, maxIterations: number, tolerance: number) {
  const { rows, cols, data } = x;
  let iterations = 0;
  while (iterations < maxIterations) {
    const labels = Array.from({ length: rows }, (_, i) => nearest(x, centres, k, i).label);
    let shift = 0;
    for (let c = 0; c < k; c++) {
      const members = labels.flatMap((l, i) => (l === c ? [i] : []));
      if (members.length === 0) continue;
      for (let j = 0; j < cols; j++) {
        let sum = 0;
        for (const i of members) sum += data[i * cols + j]!;
        const mean = sum / members.length;
        shift += (mean - centres[c * cols + j]!) ** 2;
        centres[c * cols + j] = mean;
      }
    }
    iterations++;
    if (shift <= tolerance) break;
  }
  const assigned = Array.from({ length: rows }, (_, i) => nearest(x, centres, k, i));
  return { centroids: centres, labels: assigned.map((a) => a.label), inertia: assigned.reduce((s, a) => s + a.distance, 0), iterations };
}

function referenceKMeans(x: Matrix, k: number, o: { seed: number; nInit: number; maxIterations: number; tolerance: number }) {
  const rng = createRng(o.seed);
  let best: ReturnType<typeof referenceLloyd> | undefined;
  for (let run = 0; run < o.nInit; run++) {
    const result = referenceLloyd(x, referenceSeeds(x, k, rng), k, o.maxIterations, o.tolerance);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best!;
}

const gridData = fc
  .record({ rows: fc.integer({ min: 1, max: 40 }), cols: fc.integer({ min: 1, max: 4 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      rows: fc.constant(rows),
      cols: fc.constant(cols),
      data: fc.array(fc.constantFrom(0, 1, 2, 4, 4, 9, -3), { minLength: rows * cols, maxLength: rows * cols }),
      k: fc.integer({ min: 1, max: Math.min(rows, 6) }),
    }),
  );

describe('fitKMeans equals the reference', () => {
  it('seeding, Lloyd, restarts and the kept run: labels, iterations, centroids and inertia (1-4 columns, the three-column bounded path included)', () => {
    fc.assert(
      fc.property(
        gridData,
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(1, 2, 3, 300),
        fc.constantFrom(0, 1e-10, 0.5),
        ({ rows, cols, data, k }, seed, nInit, maxIterations, tolerance) => {
          const x = { rows, cols, data: Float64Array.from(data) };
          const got = fitKMeans(x, k, { rng: createRng(seed), nInit, maxIterations, tolerance });
          const want = referenceKMeans(x, k, { seed, nInit, maxIterations, tolerance });
          expect({ labels: [...got.labels], iterations: got.iterations, k: got.k }).toEqual({ labels: want.labels, iterations: want.iterations, k });
          expect(got.centroids).toHaveLength(k * cols);
          got.centroids.forEach((v, q) => expect(Math.abs(v - want.centroids[q]!)).toBeLessThan(1e-12));
          expect(Math.abs(got.inertia - want.inertia)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the default options: 10 restarts, 300 iterations, tolerance 1e-10', () => {
    fc.assert(
      fc.property(gridData, fc.integer({ min: 0, max: 10_000 }), ({ rows, cols, data, k }, seed) => {
        const x = { rows, cols, data: Float64Array.from(data) };
        const got = fitKMeans(x, k, { rng: createRng(seed) });
        const want = referenceKMeans(x, k, { seed, nInit: 10, maxIterations: 300, tolerance: 1e-10 });
        expect({ labels: [...got.labels], iterations: got.iterations }).toEqual({ labels: want.labels, iterations: want.iterations });
        expect(Math.abs(got.inertia - want.inertia)).toBeLessThan(1e-9);
      }),
      { numRuns: 40 },
    );
  });

  it('larger three-column data, where the bounds skip rows (the bounded and the plain path against the reference)', () => {
    for (const seed of [1, 2, 3]) {
      const rng = createRng(seed);
      const rows = 300;
      const x = { rows, cols: 3, data: Float64Array.from({ length: rows * 3 }, (_, q) => (q % 3) * 2 + rng.int(4) + (Math.floor(q / 3) % 4) * 5) };
      for (const k of [2, 4, 7]) {
        const want = referenceKMeans(x, k, { seed, nInit: 2, maxIterations: 300, tolerance: 1e-10 });
        for (const bounds of [true, false]) {
          const got = fitKMeans(x, k, { rng: createRng(seed), nInit: 2, bounds });
          expect([...got.labels]).toEqual(want.labels);
          expect(got.iterations).toBe(want.iterations);
          expect(Math.abs(got.inertia - want.inertia)).toBeLessThan(1e-9);
        }
      }
    }
  });

  it("Hamerly's bounds on three columns: bit-for-bit the plain loop on data around the origin with many ties (centres cross 0, rows sit on boundaries)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 120 }),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom([-1, 0, 1], [-2, -0.5, 0, 0.5, 2], [-3, -1, 1, 3], [0, 0.25, 0.5, 1e-6]),
        (rows, k, seed, values) => {
          const rng = createRng(seed);
          const x = { rows, cols: 3, data: Float64Array.from({ length: rows * 3 }, () => values[rng.int(values.length)]!) };
          const kk = Math.min(k, rows);
          const bounded = fitKMeans(x, kk, { rng: createRng(seed), nInit: 2 });
          const plain = fitKMeans(x, kk, { rng: createRng(seed), nInit: 2, bounds: false });
          expect([...bounded.labels]).toEqual([...plain.labels]);
          expect(bounded.iterations).toBe(plain.iterations);
          expect([...bounded.centroids]).toEqual([...plain.centroids]);
          expect(Object.is(bounded.inertia, plain.inertia)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("Hamerly's bounds on rows tied between two centres and on a centre crossing 0 (cases found by searching for differences): the same labels and iterations as the plain loop", () => {
    // exact ties below and above distance 1 (a skip margin subtracted or divided would keep a stale label), moves across the origin in each column
    const cases: [number, number, number[]][] = [
      [9711, 2, [0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0.5, 0, 1]],
      [7247, 3, [2, 3, 0, 2, 0, 2, 0, 0, 0, 3, 0, 2, 1, 0, 0, 1, 0, 2, 1, 0, 0, 2, 0, 0, 0, 0, 0]],
      [10044, 2, [1, 0, 1, -1, 0, 0, 1, 0, -1, -1, -1, 0, 1, 0, 0, -1, 0, 1, 1, 1, 0, 1, 0, -1, -1, 0, 0, 0, 0, -1, -1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 1, 1, -1, 0, 0, 0, 0, 0, 1, -1, 0]],
      [1589, 2, [-2, 0, 0, 2, 0, 0, -1, 0, 0, -2, -1, 0, -2, 0, 0, 2, -1, -1, -2, 0, 0, -2, 0, 0, 2, 0, -1, -1, 0, -1, -1, 0, 0, -2, -2, 0, 2, 0, 0, -1, 0, 0, -1, 0, 0, 1, 0, 0, -1, 0, -1, 2, 0, 0, 2, 0, 2, -2, 0, 0]],
      [278, 2, [1, -1, 0, 0, -1, 1, 0, 1, 0, 0, -1, 0, 1, 1, 0, 0, 1, 0, -1, -1, 1, 0, -1, 0, 0, 1, 0, 0, 1, 0]],
    ];
    for (const [seed, k, data] of cases) {
      const x = { rows: data.length / 3, cols: 3, data: Float64Array.from(data) };
      const bounded = fitKMeans(x, k, { rng: createRng(seed), nInit: 1 });
      const want = referenceKMeans(x, k, { seed, nInit: 1, maxIterations: 300, tolerance: 1e-10 });
      expect({ labels: [...bounded.labels], iterations: bounded.iterations }).toEqual({ labels: want.labels, iterations: want.iterations });
      expect([...bounded.centroids]).toEqual([...fitKMeans(x, k, { rng: createRng(seed), nInit: 1, bounds: false }).centroids]);
    }
  });

  it('k above the number of distinct points: the clusters left empty keep their centres (two and three columns)', () => {
    for (const cols of [2, 3]) {
      const x = { rows: 6, cols, data: Float64Array.from({ length: 6 * cols }, (_, q) => (Math.floor(q / cols) % 2) * (1 + (q % cols))) };
      for (const seed of [1, 2, 3, 4]) {
        const fit = fitKMeans(x, 4, { rng: createRng(seed), nInit: 1 });
        const want = referenceKMeans(x, 4, { seed, nInit: 1, maxIterations: 300, tolerance: 1e-10 });
        expect([...fit.centroids]).toEqual(want.centroids);
        expect(fit.centroids.every(Number.isFinite)).toBe(true);
        expect([...fit.labels]).toEqual(want.labels);
        expect(fit.inertia).toBe(0);
      }
    }
  });

  it('iterations by hand: two pairs on a line converge in two iterations; tolerance 0 stops on a zero shift, a huge one after the first', () => {
    const x = { rows: 4, cols: 1, data: Float64Array.from([0, 1, 10, 11]) };
    // any seeding puts one centre per pair or moves there in one step: centres 0.5 and 10.5, then no shift
    for (const seed of [1, 2, 3, 4, 5]) {
      const fit = fitKMeans(x, 2, { rng: createRng(seed), nInit: 1, tolerance: 0 });
      expect([2, 3]).toContain(fit.iterations);
      expect([...fit.centroids].sort((a, b) => a - b)).toEqual([0.5, 10.5]);
      expect(fit.inertia).toBe(1);
      expect(fitKMeans(x, 2, { rng: createRng(seed), nInit: 1, tolerance: 1e9 }).iterations).toBe(1);
      expect(fitKMeans(x, 2, { rng: createRng(seed), nInit: 1, maxIterations: 0 }).iterations).toBe(0);
    }
  });

  it('k must be between 1 and the number of rows', () => {
    const x = { rows: 3, cols: 2, data: Float64Array.from([0, 0, 1, 1, 2, 2]) };
    expect(() => fitKMeans(x, 0, { rng: createRng(1) })).toThrow('k must be between 1 and the number of rows, got 0');
    expect(() => fitKMeans(x, 4, { rng: createRng(1) })).toThrow(RangeError);
    expect(fitKMeans(x, 3, { rng: createRng(1) }).inertia).toBe(0);
    expect([...fitKMeans(x, 1, { rng: createRng(1) }).centroids]).toEqual([1, 1]);
  });
});

/** Rousseeuw (1987): s(i) = (b − a) / max(a, b), a the mean distance to the others of i's cluster, b the lowest mean distance to another non-empty cluster; 0 for a row alone in its cluster. */
function bruteSilhouette(x: Matrix, labels: ArrayLike<number>): number {
  const dist = (i: number, j: number) => Math.sqrt(squared(x.data, i, x.data, j, x.cols));
  let total = 0;
  for (let i = 0; i < x.rows; i++) {
    const byCluster = new Map<number, number[]>();
    for (let j = 0; j < x.rows; j++) if (j !== i) byCluster.set(labels[j]!, [...(byCluster.get(labels[j]!) ?? []), dist(i, j)]);
    const own = byCluster.get(labels[i]!);
    if (!own) continue;
    const mean = (v: number[]) => v.reduce((s, d) => s + d, 0) / v.length;
    const a = mean(own);
    const b = Math.min(...[...byCluster].filter(([c]) => c !== labels[i]).map(([, v]) => mean(v)));
    total += (b - a) / Math.max(a, b);
  }
  return total / x.rows;
}

describe('silhouette', () => {
  it('scikit-learn 1.2.1 silhouette_score on three and four columns, a singleton cluster included', () => {
    const x3 = { rows: 8, cols: 3, data: Float64Array.from([0, 0, 0, 1, 0, 2, 0, 3, 1, 5, 5, 5, 6, 4, 5, 5, 6, 7, 9, 0, 1, 2, 2, 2]) };
    expect(silhouetteScore(x3, Int32Array.from([0, 0, 0, 1, 1, 1, 2, 0]), 3)).toBeCloseTo(0.5702732884625323, 12);
    const x4 = { rows: 7, cols: 4, data: Float64Array.from([0, 0, 0, 1, 1, 0, 2, 0, 0, 3, 1, 1, 5, 5, 5, 2, 6, 4, 5, 3, 5, 6, 7, 1, 9, 0, 1, 0]) };
    expect(silhouetteScore(x4, Int32Array.from([0, 0, 1, 1, 1, 2, 2]), 3)).toBeCloseTo(0.05517649411510396, 12);
  });

  it('equals the definition written out (1-4 columns, empty and singleton clusters)', () => {
    fc.assert(
      fc.property(gridData, fc.infiniteStream(fc.integer({ min: 0, max: 3 })), ({ rows, cols, data }, labelStream) => {
        const x = { rows, cols, data: Float64Array.from(data) };
        // k = 5 with labels 0-3: cluster 4 is always empty
        const labels = Int32Array.from({ length: rows }, () => labelStream.next().value as number);
        if (new Set(labels).size < 2) return;
        const got = silhouetteScore(x, labels, 5);
        const want = bruteSilhouette(x, labels);
        if (Number.isNaN(want)) expect(got).toBeNaN();
        else expect(Math.abs(got - want)).toBeLessThan(1e-12);
      }),
      { numRuns: 200 },
    );
  });
});

describe('standardise', () => {
  it('a constant column becomes 0 (its std is taken as 1); means and population stds are returned', () => {
    const s = standardise({ rows: 4, cols: 2, data: Float64Array.from([5, 1, 5, 2, 5, 3, 5, 4]) });
    expect([...s.means]).toEqual([5, 2.5]);
    expect([...s.stds]).toEqual([1, Math.sqrt(1.25)]);
    expect([...s.x.data].filter((_, q) => q % 2 === 0)).toEqual([0, 0, 0, 0]);
    expect(s.x.data[1]).toBeCloseTo(-1.5 / Math.sqrt(1.25), 14);
    expect(s.x.rows).toBe(4);
    expect(s.x.cols).toBe(2);
  });
});

describe('sampleWithoutReplacement', () => {
  it('is a partial Fisher-Yates shuffle: m draws, swap i with i + rng.int(n − i); the generator is left after exactly m draws', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 10_000 }), (n, seed) => {
        const m = seed % (n + 1);
        const pool = Array.from({ length: n }, (_, i) => i);
        const rng = createRng(seed);
        for (let i = 0; i < m; i++) {
          const j = i + rng.int(n - i);
          [pool[i], pool[j]] = [pool[j]!, pool[i]!];
        }
        const used = createRng(seed);
        expect([...sampleWithoutReplacement(n, m, used)]).toEqual(pool.slice(0, m));
        expect(used.next()).toBe(rng.next());
      }),
      { numRuns: 100 },
    );
  });

  it('draws from all rows, not the first m', () => {
    const counts = new Array(20).fill(0);
    const rng = createRng(4);
    for (let t = 0; t < 2000; t++) for (const r of sampleWithoutReplacement(20, 3, rng)) counts[r]++;
    // each row is drawn with probability 3/20: 300 expected, far from 0 and from 2000
    for (const c of counts) expect(c).toBeGreaterThan(220);
    for (const c of counts) expect(c).toBeLessThan(380);
  });
});
