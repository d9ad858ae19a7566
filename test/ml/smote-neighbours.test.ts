import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestNeighbours } from '../../src/ml/smote.js';

/** Every pair, sorted by (distance, row): the definition the sorted-axis search must reproduce exactly. */
function bruteForce(data: Float64Array, cols: number, members: number[], k: number, continuous: number[], categories: Int32Array[], med2: number): number[][] {
  return members.map((a) => {
    const candidates = members
      .filter((b) => b !== a)
      .map((b) => {
        let dist = 0;
        for (const c of continuous) dist += (data[a * cols + c]! - data[b * cols + c]!) ** 2;
        for (const cat of categories) if (cat[a] !== cat[b]) dist += med2;
        return { b, dist };
      });
    candidates.sort((p, q) => p.dist - q.dist || p.b - q.b);
    return candidates.slice(0, k).map((c) => c.b);
  });
}

describe('SMOTE nearest neighbours', () => {
  it('are exactly the k nearest by (distance, row), ties included, on data with many duplicates and ties', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 4 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 5 })),
        (rows, nCont, nCat, k, levels, values) => {
          const cols = nCont + nCat;
          const data = Float64Array.from({ length: rows * Math.max(cols, 1) }, () => values.next().value as number);
          const continuous = Array.from({ length: nCont }, (_, q) => q);
          const categories = Array.from({ length: nCat }, (_, g) => Int32Array.from({ length: rows }, (_, r) => data[r * cols + nCont + g]! % levels));
          const members = Array.from({ length: rows }, (_, r) => r).filter((r) => r % 3 !== 1 || rows < 6);
          if (members.length < 2) return;
          const kk = Math.min(k, members.length - 1);
          const got = nearestNeighbours({ rows, cols, data }, members, kk, continuous, categories, 2.5).map((n) => [...n]);
          expect(got).toEqual(bruteForce(data, cols, members, kk, continuous, categories, 2.5));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds the true neighbours on spread-out values (the sorted axis prunes, the answer does not change)', () => {
    // rows on a line with a second column of noise: the neighbours of row i are its closest values
    const rows = 200;
    const data = Float64Array.from({ length: rows * 2 }, (_, i) => (i % 2 === 0 ? (i / 2) ** 1.5 : ((i * 7919) % 13) / 13));
    const members = Array.from({ length: rows }, (_, r) => r);
    const got = nearestNeighbours({ rows, cols: 2, data }, members, 5, [0, 1], [], 0).map((n) => [...n]);
    expect(got).toEqual(bruteForce(data, 2, members, 5, [0, 1], [], 0));
    // row 100's five nearest lie within rows 97..103
    expect(got[100]!.every((b) => Math.abs(b - 100) <= 3)).toBe(true);
  });
});
