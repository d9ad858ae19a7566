import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/ml/random.js';
import { stratifiedGroupHoldout, stratifiedGroupKFold, stratifiedHoldout, stratifiedKFold } from '../../src/ml/split.js';

/** 300 customers, 1 in 4 positive, each copied `copies` times under one group key (rows interleaved as the scale bench writes them: copy after copy). */
function copied(copies: number) {
  const customers = 300;
  const y: number[] = [];
  const groups: string[] = [];
  for (let c = 0; c < copies; c++) {
    for (let i = 0; i < customers; i++) {
      y.push(i % 4 === 0 ? 1 : 0);
      groups.push(`c${i}`);
    }
  }
  return { y: Uint8Array.from(y), groups };
}

const sideOf = (n: number, parts: number[][]) => {
  const side = new Int32Array(n).fill(-1);
  parts.forEach((rows, p) => rows.forEach((i) => (side[i] = p)));
  return side;
};

describe('group-aware stratified splits', () => {
  it('with every group a single row, the hold-out and the folds are exactly the row-level ones', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 40, maxLength: 200 }), fc.integer({ min: 1, max: 1000 }), (labels, seed) => {
        const y = Uint8Array.from(labels);
        const positives = labels.filter(Boolean).length;
        fc.pre(positives >= 5 && labels.length - positives >= 5);
        const ids = labels.map((_, i) => `id${i}`);
        expect(stratifiedGroupHoldout(y, ids, 0.2, createRng(seed))).toEqual(stratifiedHoldout(y, 0.2, createRng(seed)));
        expect(stratifiedGroupKFold(y, ids, 5, createRng(seed))).toEqual(stratifiedKFold(y, 5, createRng(seed)));
      }),
      { numRuns: 60 },
    );
  });

  it('a group never straddles the hold-out split or a fold boundary', () => {
    const { y, groups } = copied(10);
    const holdout = stratifiedGroupHoldout(y, groups, 0.2, createRng(42));
    const side = sideOf(y.length, [holdout.train, holdout.test]);
    const sideOfGroup = new Map<string, number>();
    groups.forEach((g, i) => {
      expect(side[i]).toBeGreaterThanOrEqual(0);
      expect(sideOfGroup.get(g) ?? side[i]).toBe(side[i]);
      sideOfGroup.set(g, side[i]!);
    });
    // 75 positive and 225 negative customers: round(0.2 × each) of them go to test, with all 10 copies
    expect(holdout.test.length).toBe(10 * (15 + 45));
    expect(holdout.test.filter((i) => y[i]).length).toBe(10 * 15);

    const folds = stratifiedGroupKFold(y, groups, 5, createRng(3));
    const foldOf = sideOf(y.length, folds.map((f) => f.validation));
    const foldOfGroup = new Map<string, number>();
    groups.forEach((g, i) => {
      expect(foldOfGroup.get(g) ?? foldOf[i]).toBe(foldOf[i]);
      foldOfGroup.set(g, foldOf[i]!);
    });
    for (const f of folds) {
      expect(f.validation.length).toBe(600);
      expect(f.validation.filter((i) => y[i]).length).toBe(150);
      expect(new Set([...f.train, ...f.validation]).size).toBe(y.length);
    }
  });

  it('a group with any positive row counts as positive; rows without a key are their own groups', () => {
    // group "a": rows 0 (negative) and 1 (positive), so it is one positive unit
    const y = Uint8Array.from([0, 1, 0, 0, 1, 0, 1, 0, 0, 1]);
    const groups = ['a', 'a', null, '', 'b', 'c', 'd', 'e', 'f', 'g'];
    for (let seed = 1; seed <= 20; seed++) {
      const { train, test } = stratifiedGroupHoldout(y, groups, 0.5, createRng(seed));
      expect(train.includes(0)).toBe(train.includes(1));
      // 4 positive units (a, b, d, g) and 5 negative (null, '', c, e, f): 2 and round(2.5) = 3 go to test
      const testUnits = new Set(test.map((i) => (groups[i] ? groups[i] : `row${i}`)));
      expect(testUnits.size).toBe(5);
      expect([...testUnits].filter((u) => ['a', 'b', 'd', 'g'].includes(u)).length).toBe(2);
    }
  });

  it('too few groups of a class for the folds is a RangeError naming groups', () => {
    const { y, groups } = copied(3);
    const fewPositives = groups.map((g, i) => (y[i] ? 'one' : g)); // every positive row in one group
    expect(() => stratifiedGroupKFold(y, fewPositives, 5, createRng(1))).toThrow(/a class has 1 groups, fewer than the 5 folds/);
    expect(() => stratifiedGroupHoldout(y, groups.slice(1), 0.2, createRng(1))).toThrow(/groups has 899 entries for 900 rows/);
  });
});

describe('splits of large data', () => {
  it('300,000 rows (a class of 225,000) split without a stack overflow, every row once', () => {
    const y = Uint8Array.from({ length: 300_000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const { train, test } = stratifiedHoldout(y, 0.2, createRng(1));
    expect(test.length).toBe(15_000 + 45_000);
    expect(train.length + test.length).toBe(300_000);
    expect(new Set([...train, ...test]).size).toBe(300_000);
    const groups = Array.from({ length: 300_000 }, (_, i) => `c${i % 150_000}`);
    const folds = stratifiedGroupKFold(y, groups, 5, createRng(2));
    expect(folds.reduce((a, f) => a + f.validation.length, 0)).toBe(300_000);
  });
});

describe('the bootstrap over groups (a cluster bootstrap)', () => {
  it('with every group one row it draws exactly the row bootstrap; with 10 copies per customer its interval is about sqrt(10) times wider than the rows\' one', async () => {
    const { bootstrapIntervals } = await import('../../src/ml/bootstrap.js');
    // 200 customers, positive rate by customer ~0.3; the statistic: the share of positives among the weighted rows
    const customers = 200;
    const yCustomer = Array.from({ length: customers }, (_, i) => (i % 10 < 3 ? 1 : 0));
    const share = (y: ArrayLike<number>) => (w: Int32Array) => {
      let pos = 0;
      let all = 0;
      for (let i = 0; i < y.length; i++) {
        pos += w[i]! * y[i]!;
        all += w[i]!;
      }
      return pos / all;
    };
    const mean = (y: ArrayLike<number>) => (w: Int32Array) => {
      // a statistic that varies within strata: weighted mean of a per-row value
      let s = 0;
      let all = 0;
      for (let i = 0; i < y.length; i++) {
        s += w[i]! * ((i * 37) % 101);
        all += w[i]!;
      }
      return s / all;
    };
    const y1 = Uint8Array.from(yCustomer);
    const ids = yCustomer.map((_, i) => `c${i}`);
    const rows = bootstrapIntervals(y1, { share: share(y1), mean: mean(y1) }, { resamples: 300, rng: createRng(5) });
    const singletons = bootstrapIntervals(y1, { share: share(y1), mean: mean(y1) }, { resamples: 300, rng: createRng(5), groups: ids });
    expect(singletons).toEqual(rows);

    // every customer copied 10 times (rows customer-major): the row bootstrap treats the copies as independent
    const y10 = Uint8Array.from(yCustomer.flatMap((v) => Array(10).fill(v)));
    const groups10 = ids.flatMap((id) => Array(10).fill(id));
    const perCustomerValue = (y: ArrayLike<number>) => (w: Int32Array) => {
      let s = 0;
      let all = 0;
      for (let i = 0; i < y.length; i++) {
        s += w[i]! * ((Math.floor(i / 10) * 37) % 101);
        all += w[i]!;
      }
      return s / all;
    };
    const naive = bootstrapIntervals(y10, { v: perCustomerValue(y10) }, { resamples: 600, rng: createRng(6) }).v!;
    const clustered = bootstrapIntervals(y10, { v: perCustomerValue(y10) }, { resamples: 600, rng: createRng(6), groups: groups10 }).v!;
    const ratio = (clustered.high - clustered.low) / (naive.high - naive.low);
    expect(ratio).toBeGreaterThan(2.4);
    expect(ratio).toBeLessThan(4.2);
  });
});
