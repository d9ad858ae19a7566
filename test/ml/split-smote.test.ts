import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/ml/random.js';
import { stratifiedHoldout, stratifiedKFold } from '../../src/ml/split.js';
import { smote } from '../../src/ml/smote.js';

const y = Uint8Array.from({ length: 1003 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // 251 positives

describe('stratified splits', () => {
  it('hold-out keeps the class ratio and covers every row once', () => {
    const { train, test } = stratifiedHoldout(y, 0.2, createRng(42));
    expect(train.length + test.length).toBe(y.length);
    expect(new Set([...train, ...test]).size).toBe(y.length);
    expect(test.filter((i) => y[i]).length).toBe(Math.round(251 * 0.2));
    expect(test.filter((i) => !y[i]).length).toBe(Math.round(752 * 0.2));
  });

  it('k folds: each row validated exactly once, class counts per fold within one of each other', () => {
    const folds = stratifiedKFold(y, 5, createRng(7));
    const seen = new Int32Array(y.length);
    for (const f of folds) {
      for (const i of f.validation) seen[i]++;
      expect(f.train.length + f.validation.length).toBe(y.length);
      expect(new Set([...f.train, ...f.validation]).size).toBe(y.length);
    }
    expect([...seen].every((c) => c === 1)).toBe(true);
    const positives = folds.map((f) => f.validation.filter((i) => y[i]).length);
    const sizes = folds.map((f) => f.validation.length);
    expect(Math.max(...positives) - Math.min(...positives)).toBeLessThanOrEqual(1);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('same seed same folds, another seed other folds', () => {
    const a = stratifiedKFold(y, 5, createRng(1));
    expect(stratifiedKFold(y, 5, createRng(1))).toEqual(a);
    expect(stratifiedKFold(y, 5, createRng(2))).not.toEqual(a);
  });
});

describe('SMOTE', () => {
  const rng = createRng(3);
  const rows = 60;
  const data = Float64Array.from({ length: rows * 3 }, () => rng.normal());
  const labels = Uint8Array.from({ length: rows }, (_, i) => (i < 12 ? 1 : 0));
  const x = { rows, cols: 3, data };

  it('adds synthetic minority rows on segments between a minority row and one of its k nearest minority neighbours', () => {
    const k = 3;
    const r = smote(x, labels, { k, rng: createRng(9) });
    expect(r.y.length).toBe(rows + (48 - 12));
    expect([...r.y.slice(rows)].every((v) => v === 1)).toBe(true);
    const minority = Array.from({ length: 12 }, (_, i) => i);
    const dist = (a: number, b: number) => Math.hypot(...[0, 1, 2].map((c) => data[a * 3 + c]! - data[b * 3 + c]!));
    r.origins.forEach((o, s) => {
      expect(labels[o.base]).toBe(1);
      expect(labels[o.neighbour]).toBe(1);
      const nearest = minority.filter((m) => m !== o.base).sort((a, b) => dist(o.base, a) - dist(o.base, b)).slice(0, k);
      expect(nearest).toContain(o.neighbour);
      expect(o.gap).toBeGreaterThanOrEqual(0);
      expect(o.gap).toBeLessThan(1);
      for (let c = 0; c < 3; c++) {
        const expected = data[o.base * 3 + c]! + o.gap * (data[o.neighbour * 3 + c]! - data[o.base * 3 + c]!);
        expect(r.x.data[(rows + s) * 3 + c]).toBeCloseTo(expected, 12);
      }
    });
  });

  it('is deterministic for a seed', () => {
    expect(smote(x, labels, { rng: createRng(5) }).x.data).toEqual(smote(x, labels, { rng: createRng(5) }).x.data);
  });

  it('SMOTE-NC: categorical features take the neighbours\' most frequent value, continuous ones stay on the segment', () => {
    // columns: 0 continuous, 1-3 a one-hot feature, 4 a yes/no flag
    const r2 = createRng(11);
    const n = 40;
    const d = new Float64Array(n * 5);
    for (let i = 0; i < n; i++) {
      d[i * 5] = r2.normal() * 3;
      d[i * 5 + 1 + r2.int(3)] = 1;
      d[i * 5 + 4] = r2.next() < 0.3 ? 1 : 0;
    }
    const yy = Uint8Array.from({ length: n }, (_, i) => (i < 10 ? 1 : 0));
    const k = 3;
    const groups = [[1, 2, 3], [4]];
    const r = smote({ rows: n, cols: 5, data: d }, yy, { k, rng: createRng(2), categorical: groups });
    const minority = Array.from({ length: 10 }, (_, i) => i);
    // Med: the median of the continuous features' std devs in the minority class (one feature: its std)
    const mean = minority.reduce((a, i) => a + d[i * 5]!, 0) / 10;
    const med = Math.sqrt(minority.reduce((a, i) => a + (d[i * 5]! - mean) ** 2, 0) / 9);
    const cat = (i: number) => [1, 2, 3].findIndex((c) => d[i * 5 + c] === 1);
    const dist = (a: number, b: number) => (d[a * 5]! - d[b * 5]!) ** 2 + (cat(a) !== cat(b) ? med ** 2 : 0) + (d[a * 5 + 4] !== d[b * 5 + 4] ? med ** 2 : 0);
    expect(r.origins.length).toBe(20);
    r.origins.forEach((o, s) => {
      const row = Array.from(r.x.data.subarray((n + s) * 5, (n + s + 1) * 5));
      const nearest = minority.filter((m) => m !== o.base).sort((a, b) => dist(o.base, a) - dist(o.base, b) || a - b).slice(0, k);
      expect(nearest).toContain(o.neighbour);
      expect(row[0]).toBeCloseTo(d[o.base * 5]! + o.gap * (d[o.neighbour * 5]! - d[o.base * 5]!), 12);
      // one-hot stays one-hot, with the category most of the k neighbours have (ties: the lower one)
      expect(row.slice(1, 4).sort()).toEqual([0, 0, 1]);
      const votes = [0, 1, 2].map((g) => nearest.filter((m) => cat(m) === g).length);
      expect(row.slice(1, 4).indexOf(1)).toBe(votes.indexOf(Math.max(...votes)));
      const flagVotes = nearest.filter((m) => d[m * 5 + 4] === 1).length;
      expect(row[4]).toBe(flagVotes > k - flagVotes ? 1 : 0);
    });
  });
});
