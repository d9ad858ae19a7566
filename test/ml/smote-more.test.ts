/**
 * SMOTE and SMOTE-NC (Chawla et al. 2002, section 6.1) checked against the paper's definitions
 * written out here: synthetic rows on the segment to a neighbour, the default count, the minority
 * label, and for categorical groups the Med² distance term and the neighbours' most frequent level.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/ml/random.js';
import { smote } from '../../src/ml/smote.js';

const sampleStd = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
};

describe('plain SMOTE', () => {
  const rows = 12;
  const data = Float64Array.from({ length: rows * 2 }, (_, i) => ((i * 7) % 11) / 3);
  // zeros are the minority here (4 of 12)
  const y = Uint8Array.from({ length: rows }, (_, i) => (i % 3 === 1 ? 0 : 1));

  it('adds n − 2·minority rows of the minority label on segments between minority rows; the originals stay first', () => {
    const r = smote({ rows, cols: 2, data }, y, { k: 2, rng: createRng(5) });
    expect(r.x.rows).toBe(rows + 4);
    expect([...r.x.data.subarray(0, rows * 2)]).toEqual([...data]);
    expect([...r.y.subarray(0, rows)]).toEqual([...y]);
    r.origins.forEach((o, s) => {
      expect(y[o.base]).toBe(0);
      expect(y[o.neighbour]).toBe(0);
      expect(o.neighbour).not.toBe(o.base);
      expect(r.y[rows + s]).toBe(0);
      for (let c = 0; c < 2; c++) {
        const a = data[o.base * 2 + c]!;
        expect(r.x.data[(rows + s) * 2 + c]).toBeCloseTo(a + o.gap * (data[o.neighbour * 2 + c]! - a), 12);
      }
      expect(o.gap).toBeGreaterThanOrEqual(0);
      expect(o.gap).toBeLessThan(1);
    });
  });

  it('an explicit count; nothing to do with fewer than two minority rows or a count of 0', () => {
    expect(smote({ rows, cols: 2, data }, y, { count: 3, rng: createRng(1) }).x.rows).toBe(rows + 3);
    const one = Uint8Array.from({ length: rows }, (_, i) => (i === 0 ? 1 : 0));
    const x = { rows, cols: 2, data };
    expect(smote(x, one, { rng: createRng(1) })).toEqual({ x, y: one, origins: [] });
    expect(smote(x, y, { count: 0, rng: createRng(1) }).origins).toEqual([]);
  });

  it('k larger than the minority: every other minority row is a candidate', () => {
    const r = smote({ rows, cols: 2, data }, y, { k: 50, count: 200, rng: createRng(2) });
    const minority = [1, 4, 7, 10];
    for (const m of minority) {
      const seen = new Set(r.origins.filter((o) => o.base === m).map((o) => o.neighbour));
      expect([...seen].sort((a, b) => a - b)).toEqual(minority.filter((v) => v !== m));
    }
  });
});

describe('SMOTE-NC', () => {
  // one continuous column (0) and a three-level one-hot group (1, 2, 3); all rows minority (y = 1) but 12 majority rows
  const cont = [0, 0.3, 0.5, 0.9, 1.4, 2.0];
  const level = [0, 1, 0, 2, 1, 1];
  const rows = 18;
  const data = new Float64Array(rows * 4);
  const y = new Uint8Array(rows);
  cont.forEach((v, i) => {
    data[i * 4] = v;
    data[i * 4 + 1 + level[i]!] = 1;
    y[i] = 1;
  });
  for (let i = 6; i < rows; i++) data[i * 4] = 10 + i;

  it('neighbours by squared distance plus Med² per differing category; the synthetic row takes the neighbours\' most frequent level', () => {
    const k = 3;
    const r = smote({ rows, cols: 4, data }, y, { k, rng: createRng(9), categorical: [[1, 2, 3]] });
    const med2 = sampleStd(cont) ** 2; // one continuous feature: the median of one std
    const dist = (p: number, q: number) => (cont[p]! - cont[q]!) ** 2 + (level[p] === level[q] ? 0 : med2);
    expect(r.origins.length).toBe(6);
    r.origins.forEach((o, s) => {
      const nearest = [0, 1, 2, 3, 4, 5].filter((m) => m !== o.base).sort((p, q) => dist(o.base, p) - dist(o.base, q) || p - q).slice(0, k);
      expect(nearest).toContain(o.neighbour);
      const row = rows + s;
      const a = cont[o.base]!;
      expect(r.x.data[row * 4]).toBeCloseTo(a + o.gap * (cont[o.neighbour]! - a), 12);
      // the level most frequent among the k nearest (ties: the lowest level)
      const votes = [0, 0, 0];
      for (const m of nearest) votes[level[m]!]!++;
      const mode = votes.indexOf(Math.max(...votes));
      expect([r.x.data[row * 4 + 1], r.x.data[row * 4 + 2], r.x.data[row * 4 + 3]]).toEqual([0, 1, 2].map((l) => (l === mode ? 1 : 0)));
    });
  });

  it('a yes/no flag is a group of one: its synthetic value is the neighbours\' majority 0/1', () => {
    // minority rows 0-3: flag 1, 1, 0, 1 with continuous values close together
    const d = Float64Array.from([0, 1, 0.1, 1, 0.2, 0, 0.3, 1, 5, 0, 6, 0, 7, 0, 8, 0, 9, 0, 10, 0]);
    const yy = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const r = smote({ rows: 10, cols: 2, data: d }, yy, { k: 3, count: 4, rng: createRng(4), categorical: [[1]] });
    // every minority row's three neighbours are the other three rows: two or three of them have the flag
    for (let s = 0; s < 4; s++) expect(r.x.data[(10 + s) * 2 + 1]).toBe(1);
  });
});
