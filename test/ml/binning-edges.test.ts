/**
 * Feature binning at its edges: no rows, exactly 256 and 257 distinct values (the two ways edges
 * are made), a maximum repeated past the quantile positions, and two adjacent doubles, whose
 * midpoint rounds to the lower one (a value equal to its edge must still go left).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/ml/random.js';
import { binFeatures } from '../../src/ml/trees/binning.js';
import { fitRandomForest } from '../../src/ml/trees/index.js';

describe('binFeatures edge cases', () => {
  it('no rows: one bin per column, no edges, no ones', () => {
    const b = binFeatures({ rows: 0, cols: 2, data: new Float64Array(0) });
    expect(b.edges.map((e) => [...e])).toEqual([[], []]);
    expect([...b.bins]).toEqual([1, 1]);
    expect([...b.isBinary]).toEqual([0, 0]);
    expect([...b.onesStart]).toEqual([0]);
    expect(b.ones).toHaveLength(0);
  });

  it('256 distinct values: 255 midpoint edges, one bin per value', () => {
    const data = Float64Array.from({ length: 256 }, (_, i) => 255 - i);
    const b = binFeatures({ rows: 256, cols: 1, data });
    expect(b.bins[0]).toBe(256);
    expect([...b.edges[0]!]).toEqual(Array.from({ length: 255 }, (_, i) => i + 0.5));
    expect([...b.codes]).toEqual(Array.from({ length: 256 }, (_, i) => 255 - i));
  });

  it('257 distinct values: quantile edges above the values at positions floor(b · 257 / 256), b = 1..255', () => {
    const data = Float64Array.from({ length: 257 }, (_, i) => i);
    const b = binFeatures({ rows: 257, cols: 1, data });
    // floor(b · 257 / 256) = b for b < 256: edges 1.5 .. 255.5, so 0 and 1 share bin 0
    expect([...b.edges[0]!]).toEqual(Array.from({ length: 255 }, (_, i) => i + 1.5));
    expect(b.bins[0]).toBe(256);
    expect(b.codes[0]).toBe(0);
    expect(b.codes[1]).toBe(0);
    expect(b.codes[2]).toBe(1);
    expect(b.codes[256]).toBe(255);
  });

  it('a maximum repeated past the quantile positions gives no edge at or above it', () => {
    // 0..299 once, then 700 more copies of 299: positions floor(b · 1000 / 256) >= 299 hold 299
    const data = Float64Array.from({ length: 1000 }, (_, i) => Math.min(i, 299));
    const b = binFeatures({ rows: 1000, cols: 1, data });
    const e = [...b.edges[0]!];
    // b = 1..76 fall below position 299 (76 · 1000 / 256 = 296.9): 76 edges, the last at 296.5
    expect(e).toHaveLength(76);
    expect(e[0]).toBe(3.5);
    expect(e[75]).toBe(296.5);
    expect(b.bins[0]).toBe(77);
    expect(b.codes[999]).toBe(76);
    expect(b.codes[296]).toBe(75);
    expect(b.codes[297]).toBe(76);
  });

  it('adjacent doubles: the midpoint rounds to the lower value, which still goes left (bins and trees)', () => {
    const up = 1 + 2 ** -52;
    expect((1 + up) / 2).toBe(1);
    // three distinct values so the sorted path is used too
    for (const third of [[], [5]]) {
      const values = [1, up, 1, up, ...third];
      const b = binFeatures({ rows: values.length, cols: 1, data: Float64Array.from(values) });
      expect(b.edges[0]![0]).toBe(1);
      expect([...b.codes].slice(0, 4)).toEqual([0, 1, 0, 1]);
    }
    const x = { rows: 4, cols: 1, data: Float64Array.from([1, up, 1, up]) };
    const forest = fitRandomForest(x, Uint8Array.from([0, 1, 0, 1]), { nTrees: 1, bootstrap: false, rng: createRng(1) });
    expect([...forest.predictProba(x)]).toEqual([0, 1, 0, 1]);
  });
});
