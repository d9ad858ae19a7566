/**
 * Feature binning by hand: midpoint edges between distinct values, quantile cut points above 256
 * distinct values, the codes, which columns count as two-bin, and the sparse list of their ones.
 */
import { describe, expect, it } from 'vitest';
import { binFeatures, checkFinite } from '../../src/ml/trees/binning.js';

describe('binFeatures', () => {
  it('edges at midpoints, codes by `value <= edge`, two-bin columns and their ones', () => {
    // columns: a yes/no flag, a continuous value with a repeat, a constant
    const x = { rows: 4, cols: 3, data: Float64Array.from([1, 5, 7, 0, 2, 7, 1, 2, 7, 0, 9, 7]) };
    const b = binFeatures(x);
    expect(b.edges.map((e) => [...e])).toEqual([[0.5], [3.5, 7], []]);
    expect([...b.bins]).toEqual([2, 3, 1]);
    expect([...b.isBinary]).toEqual([1, 0, 0]);
    expect([...b.codes]).toEqual([1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0]);
    // rows 0 and 2 have the flag set
    expect([...b.onesStart]).toEqual([0, 1, 1, 2, 2]);
    expect([...b.ones]).toEqual([0, 0]);
    expect(b.rows).toBe(4);
    expect(b.cols).toBe(3);
  });

  it('above 256 distinct values: 255 edges just above the values at positions floor(b · n / 256)', () => {
    const n = 1000;
    const x = { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => n - 1 - i) };
    const b = binFeatures(x);
    expect(b.bins[0]).toBe(256);
    const e = b.edges[0]!;
    expect(e.length).toBe(255);
    expect(e[0]).toBe(3.5); // floor(1000 / 256) = 3
    expect(e[1]).toBe(7.5); // floor(2000 / 256) = 7
    expect(e[254]).toBe(996.5); // floor(255000 / 256) = 996
    // value 999 (row 0) is in the last bin, value 0 (the last row) in the first
    expect(b.codes[0]).toBe(255);
    expect(b.codes[n - 1]).toBe(0);
    expect(b.codes[n - 4]).toBe(0); // value 3 ≤ 3.5
    expect(b.codes[n - 5]).toBe(1); // value 4
  });

  it('a heavily repeated value does not give two equal edges', () => {
    // 600 zeros and 400 distinct values: quantile positions inside the zeros all give the edge above 0 once
    const data = Float64Array.from({ length: 1000 }, (_, i) => (i < 600 ? 0 : i));
    const b = binFeatures({ rows: 1000, cols: 1, data });
    const e = [...b.edges[0]!];
    for (let k = 1; k < e.length; k++) expect(e[k]!).toBeGreaterThan(e[k - 1]!);
    expect(e[0]).toBe(300); // between 0 and 600
    expect(b.bins[0]).toBe(e.length + 1);
  });
});

describe('checkFinite', () => {
  it('names the row and column of the first NaN or infinity', () => {
    expect(() => checkFinite({ rows: 2, cols: 3, data: Float64Array.from([0, 1, 2, 3, Number.NaN, 5]) })).toThrow('feature matrix has a non-finite value at row 1, column 1: impute before fitting');
    expect(() => checkFinite({ rows: 1, cols: 2, data: Float64Array.from([Infinity, 0]) })).toThrow(/row 0, column 0/);
    expect(() => checkFinite({ rows: 1, cols: 2, data: Float64Array.from([1, 2]) })).not.toThrow();
  });
});
