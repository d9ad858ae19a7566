/**
 * SMOTE cases by hand: which class is the minority on a tie, two minority rows, the default k,
 * SMOTE-NC with no continuous column (Med² taken as 1), the Med² of the sample standard deviation
 * deciding a neighbour, and the lowest level winning a tied vote.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/ml/random.js';
import { smote } from '../../src/ml/smote.js';

/** Rows of [features..., label]. */
function table(rows: number[][]) {
  const cols = rows[0]!.length - 1;
  return { x: { rows: rows.length, cols, data: Float64Array.from(rows.flatMap((r) => r.slice(0, cols))) }, y: Uint8Array.from(rows.map((r) => r[cols]!)) };
}

/** For each base row: the set of neighbours SMOTE drew for it. */
function neighboursByBase(origins: { base: number; neighbour: number }[]): Map<number, number[]> {
  const out = new Map<number, Set<number>>();
  for (const o of origins) out.set(o.base, (out.get(o.base) ?? new Set()).add(o.neighbour));
  return new Map([...out].map(([b, s]) => [b, [...s].sort((p, q) => p - q)]));
}

describe('SMOTE by hand', () => {
  it('with as many positives as negatives the positives are the minority (label 1); the default count is then 0', () => {
    const { x, y } = table([[0, 1], [1, 0], [2, 1], [3, 0], [4, 1], [5, 0]]);
    expect(smote(x, y, { rng: createRng(1) }).origins).toEqual([]);
    const r = smote(x, y, { count: 6, k: 1, rng: createRng(1) });
    expect([...r.y.subarray(6)]).toEqual([1, 1, 1, 1, 1, 1]);
    for (const o of r.origins) {
      expect(y[o.base]).toBe(1);
      expect(y[o.neighbour]).toBe(1);
      // k = 1 on the line 0, 2, 4: 0 and 4 pair with 2, and 2 with 0 (the lower row on the tie)
      expect(o.neighbour).toBe(o.base === 2 ? 0 : 2);
    }
  });

  it('two minority rows: every synthetic row lies between them', () => {
    const { x, y } = table([[0, 0, 1], [4, 2, 1], [9, 9, 0], [8, 8, 0], [7, 7, 0], [6, 6, 0]]);
    const r = smote(x, y, { rng: createRng(3) });
    expect(r.x.rows).toBe(8);
    expect(r.origins.map((o) => [o.base, o.neighbour].sort())).toEqual([[0, 1], [0, 1]]);
    r.origins.forEach((o, s) => {
      const t = o.base === 0 ? o.gap : 1 - o.gap;
      expect(r.x.data[(6 + s) * 2]).toBeCloseTo(4 * t, 12);
      expect(r.x.data[(6 + s) * 2 + 1]).toBeCloseTo(2 * t, 12);
    });
  });

  it('the default k is 5: a row draws its neighbours from its five nearest minority rows and no other', () => {
    // minority rows at 0, 1, 3, 6, 10, 15, 21, 28 (rows 0-7), majority rows far away
    const positions = [0, 1, 3, 6, 10, 15, 21, 28];
    const { x, y } = table([...positions.map((p) => [p, 1]), ...Array.from({ length: 10 }, (_, i) => [100 + i, 0])]);
    const r = smote(x, y, { count: 4000, rng: createRng(7) });
    const drawn = neighboursByBase(r.origins);
    for (const [base, seen] of drawn) {
      const nearest = positions.map((p, row) => ({ row, d: Math.abs(p - positions[base]!) })).filter((c) => c.row !== base).sort((p, q) => p.d - q.d || p.row - q.row).slice(0, 5).map((c) => c.row);
      expect(seen).toEqual(nearest.sort((p, q) => p - q));
    }
    expect(drawn.size).toBe(8);
  });
});

describe('SMOTE-NC by hand', () => {
  it('with no continuous column every differing category adds the same Med² (1): the nearest rows are those with the fewest differences', () => {
    // two flags (columns 0 and 1) and a two-level one-hot group (columns 2, 3)
    const { x, y } = table([
      [0, 0, 1, 0, 1], // row 0: (0, 0, level 0)
      [0, 0, 0, 1, 1], // row 1: one difference from row 0
      [1, 1, 0, 1, 1], // row 2: three differences
      [1, 0, 1, 0, 1], // row 3: one difference
      [1, 1, 1, 0, 1], // row 4: two differences
      ...Array.from({ length: 7 }, () => [0, 1, 0, 1, 0]),
    ]);
    const r = smote(x, y, { k: 2, count: 300, rng: createRng(2), categorical: [[0], [1], [2, 3]] });
    const drawn = neighboursByBase(r.origins);
    expect(drawn.get(0)).toEqual([1, 3]);
    // row 2 (1, 1, level 1): row 4 differs in one category, rows 1 and 3 in two (row 1 is the lower)
    expect(drawn.get(2)).toEqual([1, 4]);
  });

  it('Med² is the squared sample standard deviation (n − 1) of the minority\'s continuous column: it decides the nearest row', () => {
    // columns: a flag (0) and the continuous value (1), so the value is read at an offset
    // minority rows: (flag 0, 0), (1, 0.2), (0, 1.3), (1, 3); sample variance 1.8892, population 1.4169
    // row 0 to row 1: 0.04 + Med²; to row 2: 1.69 — row 2 is nearer with the sample variance, row 1 with the population one
    const { x, y } = table([[0, 0, 1], [1, 0.2, 1], [0, 1.3, 1], [1, 3, 1], ...Array.from({ length: 6 }, (_, i) => [0, 50 + i, 0])]);
    const r = smote(x, y, { k: 1, count: 60, rng: createRng(4), categorical: [[0]] });
    expect(neighboursByBase(r.origins).get(0)).toEqual([2]);
    expect(neighboursByBase(r.origins).get(1)).toEqual([0]);
  });

  it('a one-hot row with no 1 is a category of its own: it differs from every level and casts no vote', () => {
    // columns: value (0), a two-level group (1, 2); row 0 has neither level
    // row 0 to row 1 (level 1): 0.09 + Med²; to row 2 (level 0): 0.01 + Med²; Med² = sample variance of 0, 0.3, 0.1, 5 (6.0)
    const { x, y } = table([[0, 0, 0, 1], [0.3, 0, 1, 1], [0.1, 1, 0, 1], [5, 1, 0, 1], ...Array.from({ length: 6 }, (_, i) => [50 + i, 1, 0, 0])]);
    const r = smote(x, y, { k: 1, count: 60, rng: createRng(8), categorical: [[1, 2]] });
    expect(neighboursByBase(r.origins).get(0)).toEqual([2]);
    // row 1's nearest is row 2 (0.04 + Med²) before row 0 (0.09 + Med²): level 0
    r.origins.forEach((o, s) => {
      if (o.base === 1) expect([...r.x.data.subarray((10 + s) * 3 + 1, (10 + s) * 3 + 3)]).toEqual([1, 0]);
    });
    // k = 2 from row 2: rows 1 (level 1) and 0 (no level): level 1 wins, row 0 does not vote for level 0
    const r2 = smote(x, y, { k: 2, count: 60, rng: createRng(8), categorical: [[1, 2]] });
    r2.origins.forEach((o, s) => {
      if (o.base === 2) expect([...r2.x.data.subarray((10 + s) * 3 + 1, (10 + s) * 3 + 3)]).toEqual([0, 1]);
    });
  });

  it('the third level of a group wins when it is the most frequent', () => {
    // a three-level group (columns 1-3): row 0's two nearest rows are both at level 2
    const { x, y } = table([
      [0, 1, 0, 0, 1],
      [1, 0, 0, 1, 1],
      [1.2, 0, 0, 1, 1],
      [30, 0, 1, 0, 1],
      ...Array.from({ length: 6 }, (_, i) => [90 + i, 1, 0, 0, 0]),
    ]);
    const r = smote(x, y, { k: 2, count: 40, rng: createRng(5), categorical: [[1, 2, 3]] });
    const fromRow0 = r.origins.flatMap((o, s) => (o.base === 0 ? [s] : []));
    expect(fromRow0.length).toBeGreaterThan(3);
    for (const s of fromRow0) expect([...r.x.data.subarray((10 + s) * 4 + 1, (10 + s) * 4 + 4)]).toEqual([0, 0, 1]);
  });

  it('a tied vote takes the lowest level (a flag: 0), as numpy\'s argmax', () => {
    // a three-level group (columns 1-3): row 0 at level 0, its two nearest rows at levels 2 and 1
    // a flag (column 4): row 0's two nearest have 1 and 0
    const { x, y } = table([
      [0, 1, 0, 0, 1, 1],
      [1, 0, 0, 1, 1, 1],
      [1.1, 0, 1, 0, 0, 1],
      [30, 0, 0, 1, 1, 1],
      [31, 0, 0, 1, 1, 1],
      ...Array.from({ length: 7 }, (_, i) => [90 + i, 1, 0, 0, 0, 0]),
    ]);
    const r = smote(x, y, { k: 2, count: 80, rng: createRng(6), categorical: [[1, 2, 3], [4]] });
    const fromRow0 = r.origins.flatMap((o, s) => (o.base === 0 ? [s] : []));
    expect(fromRow0.length).toBeGreaterThan(5);
    for (const s of fromRow0) expect([...r.x.data.subarray((12 + s) * 5 + 1, (12 + s) * 5 + 5)]).toEqual([0, 1, 0, 0]);
  });
});
