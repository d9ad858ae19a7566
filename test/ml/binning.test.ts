import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binFeatures, MAX_BINS } from '../../src/ml/trees/binning.js';

describe('feature binning', () => {
  it('with up to 256 distinct values: edges are the midpoints of consecutive distinct values, codes count the edges below each value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.constantFrom(0, -0, 1, 2.5, -3, 1e-9), { minLength: 160, maxLength: 160 }),
        (rows, cols, pool) => {
          const data = Float64Array.from({ length: rows * cols }, (_, i) => pool[i % pool.length]!);
          const b = binFeatures({ rows, cols, data });
          for (let j = 0; j < cols; j++) {
            const column = Array.from({ length: rows }, (_, i) => data[i * cols + j]!);
            const distinct = [...new Set(column.map((v) => (v === 0 ? 0 : v)))].sort((p, q) => p - q);
            const midpoints = distinct.slice(0, -1).map((v, k) => (v + distinct[k + 1]!) / 2);
            expect([...b.edges[j]!]).toEqual(midpoints);
            expect(b.bins[j]).toBe(distinct.length);
            expect(b.isBinary[j]).toBe(distinct.length === 2 ? 1 : 0);
            column.forEach((v, i) => expect(b.codes[i * cols + j]).toBe(midpoints.filter((e) => v > e).length));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a constant column is one bin, a 0/1 flag two bins split at 0.5 and listed as sparse ones', () => {
    const b = binFeatures({ rows: 4, cols: 3, data: Float64Array.from([7, 0, 5, 7, 1, -1, 7, 1, 5, 7, 0, 2]) });
    expect([...b.bins]).toEqual([1, 2, 3]);
    expect([...b.edges[1]!]).toEqual([0.5]);
    expect([...b.edges[2]!]).toEqual([0.5, 3.5]);
    expect([...b.ones]).toEqual([1, 1]);
    expect([...b.onesStart]).toEqual([0, 0, 1, 2, 2]);
  });

  it('more than 256 distinct values: at most 256 bins, ordered codes', () => {
    const rows = 1000;
    const data = Float64Array.from({ length: rows }, (_, i) => (i * 37) % 1000);
    const b = binFeatures({ rows, cols: 1, data });
    expect(b.bins[0]).toBeLessThanOrEqual(MAX_BINS);
    const byValue = Array.from({ length: rows }, (_, i) => i).sort((p, q) => data[p]! - data[q]!);
    const codes = byValue.map((i) => b.codes[i]!);
    expect(codes).toEqual([...codes].sort((p, q) => p - q));
    expect(codes[codes.length - 1]).toBe(b.bins[0]! - 1);
  });
});
