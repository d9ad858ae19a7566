/**
 * Bootstrap helpers by hand and against numpy (numpy.quantile, computed once and pasted): the
 * quantile rule at its ends, what a stratified resample may draw, the reported defaults, and
 * resamples on which a statistic is undefined.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bootstrapIntervals, pairedBootstrapDifference, quantileSorted, scoreOrder, stratifiedResampleCounts, weightedConfusion } from '../../src/ml/bootstrap.js';
import { createRng } from '../../src/ml/random.js';

describe('quantiles', () => {
  it('numpy.quantile of 1 1 2 3 4 5 6 9 at 0, 0.1, 0.5, 0.9 and 1', () => {
    const sorted = [1, 1, 2, 3, 4, 5, 6, 9];
    expect(quantileSorted(sorted, 0)).toBe(1);
    expect(quantileSorted(sorted, 0.1)).toBeCloseTo(1.0, 12);
    expect(quantileSorted(sorted, 0.5)).toBeCloseTo(3.5, 12);
    expect(quantileSorted(sorted, 0.9)).toBeCloseTo(6.8999999999999995, 12);
    expect(quantileSorted(sorted, 1)).toBe(9);
    expect(quantileSorted([7], 0.3)).toBe(7);
  });
});

describe('stratified resample counts', () => {
  it('each stratum draws as many rows as it has, only from itself; the buffer is cleared first (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 40 }), fc.integer(), (labels, seed) => {
        const pos = Int32Array.from(labels.flatMap((v, i) => (v ? [i] : [])));
        const neg = Int32Array.from(labels.flatMap((v, i) => (v ? [] : [i])));
        const strata = [pos, neg].filter((s) => s.length > 0);
        const into = new Int32Array(labels.length).fill(5);
        const counts = stratifiedResampleCounts(strata, labels.length, createRng(seed), into);
        expect(counts).toBe(into);
        let drawnPos = 0;
        let drawnNeg = 0;
        counts.forEach((c, i) => (labels[i] ? (drawnPos += c) : (drawnNeg += c)));
        expect(drawnPos).toBe(pos.length);
        expect(drawnNeg).toBe(neg.length);
      }),
    );
    // without a buffer it allocates one of length n
    expect(stratifiedResampleCounts([Int32Array.from([0, 1, 2])], 3, createRng(1)).reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe('bootstrap intervals', () => {
  const y = Uint8Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const share = (w: Int32Array) => {
    let s = 0;
    let n = 0;
    w.forEach((k, i) => ((s += k * (i % 5)), (n += k)));
    return s / n;
  };

  it('reports the defaults (2,000 resamples, level 0.95) and the statistic on the original rows', () => {
    const r = bootstrapIntervals(y, { share }, { rng: createRng(42) }).share!;
    expect(r).toMatchObject({ resamples: 2000, level: 0.95 });
    // each row once: mean of i mod 5 over 0..39 = 2
    expect(r.estimate).toBe(2);
    expect(r.low).toBeLessThan(2);
    expect(r.high).toBeGreaterThan(2);
  });

  it('a 90% interval lies inside the 95% one of the same resamples', () => {
    const wide = bootstrapIntervals(y, { share }, { resamples: 400, rng: createRng(5) }).share!;
    const narrow = bootstrapIntervals(y, { share }, { resamples: 400, rng: createRng(5), level: 0.9 }).share!;
    expect(narrow.level).toBe(0.9);
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });

  it('leaves out resamples where a statistic is undefined, and gives NaN bounds when all are', () => {
    let calls = 0;
    const sometimes = () => (calls++ % 2 === 0 ? Number.NaN : calls);
    const r = bootstrapIntervals(y, { sometimes, never: () => Number.NaN }, { resamples: 10, rng: createRng(1) });
    expect(r.sometimes!.resamples).toBe(5);
    expect(r.sometimes!.low).not.toBeNaN();
    expect(r.never!.resamples).toBe(0);
    expect(r.never!.low).toBeNaN();
    expect(r.never!.high).toBeNaN();
  });

  it('paired difference: B always one better than A → share above zero 1; identical models → 0', () => {
    const better = pairedBootstrapDifference(y, share, (w) => share(w) + 1, { resamples: 50, rng: createRng(2) });
    expect(better.shareAboveZero).toBe(1);
    expect(better.estimate).toBeCloseTo(1, 12);
    expect(better.resamples).toBe(50);
    expect(pairedBootstrapDifference(y, share, share, { resamples: 50, rng: createRng(2) }).shareAboveZero).toBe(0);
    // the default number of resamples is 2,000 here too
    expect(pairedBootstrapDifference(y, share, share, { rng: createRng(2) }).resamples).toBe(2000);
  });
});

describe('score order and weighted confusion', () => {
  it('orders by score descending, ties by row, and marks where each tie group ends', () => {
    const s = scoreOrder([0.2, 0.9, 0.5, 0.9, 0.2]);
    expect([...s.order]).toEqual([1, 3, 2, 0, 4]);
    expect([...s.groupEnd]).toEqual([0, 1, 1, 0, 1]);
  });

  it('a score equal to the threshold counts as predicted positive; weights multiply rows', () => {
    const w = Int32Array.from([2, 1, 0, 3]);
    expect(weightedConfusion([1, 0, 1, 0], [0.5, 0.5, 0.2, 0.1], 0.5, w)).toEqual({ tp: 2, fp: 1, tn: 3, fn: 0 });
    expect(weightedConfusion([1, 0, 1, 0], [0.5, 0.5, 0.2, 0.1], 0.51, w)).toEqual({ tp: 0, fp: 0, tn: 4, fn: 2 });
  });
});

describe('weighted precision and share above zero at the edges', () => {
  it('average precision without positives in the resample is undefined', async () => {
    const { weightedAveragePrecision } = await import('../../src/ml/bootstrap.js');
    const y = [1, 0, 0];
    expect(weightedAveragePrecision(y, scoreOrder([0.9, 0.5, 0.1]), Int32Array.from([0, 2, 1]))).toBeNaN();
    expect(weightedAveragePrecision(y, scoreOrder([0.9, 0.5, 0.1]), Int32Array.from([1, 1, 1]))).toBe(1);
  });

  it('resamples where the difference is undefined are left out of the share', () => {
    const y = Uint8Array.from({ length: 30 }, (_, i) => i % 2);
    let calls = 0;
    // B − A: 1, NaN, 1, NaN, … over the 10 resamples, then once more on the original rows
    const r = pairedBootstrapDifference(y, () => 0, () => (calls++ % 2 === 0 ? 1 : Number.NaN), { resamples: 10, rng: createRng(3) });
    expect(r.resamples).toBe(5);
    expect(r.shareAboveZero).toBe(1);
  });

  it('the share counts resamples only, not the difference on the original rows', () => {
    const y = Uint8Array.from({ length: 30 }, (_, i) => i % 2);
    // +1 on the original rows (every weight 1), −1 on any resample
    const diff = (w: Int32Array) => (w.every((k) => k === 1) ? 1 : -1);
    const r = pairedBootstrapDifference(y, () => 0, diff, { resamples: 20, rng: createRng(3) });
    expect(r.estimate).toBe(1);
    expect(r.shareAboveZero).toBe(0);
  });
});
