/**
 * The seeded generator against a Python port of mulberry32 (Tommy Ettinger's public-domain C
 * reference: state += 0x6D2B79F5; t = (s ^ s >> 15) * (s | 1); t ^= t + (t ^ t >> 7) * (t | 61);
 * (t ^ t >> 14) / 2^32), run once and pasted; stratified splits and the cost threshold by hand.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../../src/ml/random.js';
import { stratifiedHoldout, stratifiedKFold } from '../../src/ml/split.js';
import { chooseThresholdByCost, netValueAt } from '../../src/ml/threshold.js';

describe('mulberry32', () => {
  it('the first draws for seeds 0, 1, 42 and 0xdeadbeef are those of the reference algorithm', () => {
    const draws = (seed: number) => {
      const rng = createRng(seed);
      return [rng.next(), rng.next(), rng.next()];
    };
    expect(draws(0)).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
    expect(draws(1)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    expect(draws(42)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    expect(draws(0xdeadbeef)).toEqual([0.9413696140982211, 0.26719574979506433, 0.772033357527107]);
    // the seed is taken as an unsigned 32-bit integer: −1 is 0xffffffff
    expect(createRng(-1).next()).toBe(0.8964226141106337);
  });

  it('int, normal (Box-Muller), shuffle (Fisher-Yates from the end) and child from seed 7, as the Python port', () => {
    const ints = createRng(7);
    expect(Array.from({ length: 8 }, () => ints.int(10))).toEqual([0, 0, 9, 6, 5, 4, 4, 2]);
    const normals = createRng(7);
    expect(normals.normal()).toBeCloseTo(2.759372987028844, 12);
    expect(normals.normal()).toBeCloseTo(-0.06805135650735404, 12);
    expect(normals.normal()).toBeCloseTo(-0.9459489604452885, 12);
    expect(createRng(7).shuffle([0, 1, 2, 3, 4, 5, 6, 7])).toEqual([4, 6, 1, 2, 3, 5, 7, 0]);
    // shuffling 8 items takes 7 draws: the next draw is the 8th of the sequence
    const afterShuffle = createRng(7);
    afterShuffle.shuffle([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(afterShuffle.next()).toBe(0.23992518591694534);
    // child: seed floor(next() · 2^32) = 50271532
    expect(createRng(7).child().next()).toBe(createRng(50271532).next());
    expect(createRng(50271532).next()).toBe(0.3792292682919651);
  });

  it('shuffle returns the same array, a permutation of it (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 40 }), fc.integer(), (xs, seed) => {
        const copy = xs.slice();
        const out = createRng(seed).shuffle(copy);
        expect(out).toBe(copy);
        expect([...out].sort((p, q) => p - q)).toEqual([...xs].sort((p, q) => p - q));
      }),
    );
  });
});

describe('stratified splits', () => {
  it('hold-out: round(fraction × class size) of each class, indices ascending, nothing lost or doubled', () => {
    // class 0: 7 rows → round(1.75) = 2; class 1: 3 rows → round(0.75) = 1
    const y = [0, 1, 0, 0, 1, 0, 0, 1, 0, 0];
    const { train, test } = stratifiedHoldout(y, 0.25, createRng(3));
    expect(test.length).toBe(3);
    expect(test.filter((i) => y[i] === 1).length).toBe(1);
    expect(train.length).toBe(7);
    expect([...train, ...test].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(train).toEqual([...train].sort((p, q) => p - q));
    expect(test).toEqual([...test].sort((p, q) => p - q));
  });

  it('hold-out on 40 rows returns both parts in ascending row order', () => {
    const y = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const { train, test } = stratifiedHoldout(y, 0.3, createRng(11));
    expect(test.length).toBe(12); // round(0.3 · 30) + round(0.3 · 10)
    expect(test).toEqual([...test].sort((p, q) => p - q));
    expect(train).toEqual([...train].sort((p, q) => p - q));
  });

  it('hold-out rejects fractions outside (0, 1)', () => {
    for (const bad of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => stratifiedHoldout([0, 1, 0, 1], bad, createRng(1))).toThrow(/testFraction must be in \(0, 1\)/);
  });

  it('k folds keep dealing where the previous class stopped: classes of 5 and 4 rows give three folds of 3', () => {
    const y = [1, 0, 1, 0, 0, 1, 0, 0, 1];
    const folds = stratifiedKFold(y, 3, createRng(5));
    expect(folds.map((f) => f.validation.length)).toEqual([3, 3, 3]);
    for (const f of folds) {
      expect(f.train.length).toBe(6);
      expect([...f.train, ...f.validation].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(f.validation).toEqual([...f.validation].sort((p, q) => p - q));
      expect(f.train).toEqual([...f.train].sort((p, q) => p - q));
    }
    // class 0 (dealt first, by label) fills folds 0, 1, 2, 0, 1; class 1 continues with 2, 0, 1, 2
    expect(folds.map((f) => f.validation.filter((i) => y[i] === 1).length)).toEqual([1, 1, 2]);
  });

  it('k folds reject k < 2, a fractional k, and a class smaller than k', () => {
    expect(() => stratifiedKFold([0, 1, 0, 1], 1, createRng(1))).toThrow(/k must be an integer >= 2, got 1/);
    expect(() => stratifiedKFold([0, 1, 0, 1], 2.5, createRng(1))).toThrow(/k must be an integer >= 2/);
    expect(() => stratifiedKFold([0, 0, 0, 1, 1], 3, createRng(1))).toThrow(/a class has 2 rows, fewer than the 3 folds/);
    expect(stratifiedKFold([0, 0, 0, 1, 1, 1], 3, createRng(1))).toHaveLength(3);
    expect(stratifiedKFold([0, 0, 1, 1], 2, createRng(1))).toHaveLength(2);
  });
});

describe('threshold by cost', () => {
  const cost = { offerCost: 10, savedValue: 100, successRate: 0.5 }; // a saved churner is worth 50 − 10 = 40, a non-churner −10

  it('tied scores are one candidate: 0.9 → 40, 0.7 (two rows) → 70, 0.2 → 60', () => {
    const choice = chooseThresholdByCost([1, 0, 1, 0], [0.9, 0.7, 0.7, 0.2], cost);
    expect(choice.curve).toEqual([
      { threshold: 0.9, netValue: 40, targeted: 1 },
      { threshold: 0.7, netValue: 70, targeted: 3 },
      { threshold: 0.2, netValue: 60, targeted: 4 },
    ]);
    expect(choice).toMatchObject({ threshold: 0.7, netValue: 70, targeted: 3, netValueTargetNobody: 0, netValueTargetEveryone: 60 });
    expect(choice.formula).toMatch(/score ≥ t/);
  });

  it('scores given in any order are sorted highest first', () => {
    const choice = chooseThresholdByCost([0, 1, 0, 1], [0.2, 0.7, 0.7, 0.9], cost);
    expect(choice.curve.map((c) => c.threshold)).toEqual([0.9, 0.7, 0.2]);
    expect(choice.threshold).toBe(0.7);
  });

  it('a later threshold of equal value does not replace the first (fewer offers for the same money)', () => {
    // y = 1, 0, 0, 0, 0, 1: 40, 30, 20, 10, 0, 40 → the best, 40, is first reached at 0.9 with one offer
    const choice = chooseThresholdByCost([1, 0, 0, 0, 0, 1], [0.9, 0.8, 0.7, 0.6, 0.5, 0.4], cost);
    expect(choice.curve.map((c) => c.netValue)).toEqual([40, 30, 20, 10, 0, 40]);
    expect(choice).toMatchObject({ threshold: 0.9, targeted: 1, netValue: 40 });
  });

  it('when no offer pays, target nobody: threshold 1, value 0', () => {
    const choice = chooseThresholdByCost([0, 0, 0], [0.8, 0.6, 0.3], cost);
    expect(choice).toMatchObject({ threshold: 1, netValue: 0, targeted: 0, netValueTargetEveryone: -30, netValueAtDefault: -20 });
    expect(chooseThresholdByCost([], [], cost)).toMatchObject({ threshold: 1, netValue: 0, netValueTargetEveryone: 0, curve: [] });
  });

  it('netValueAt counts a score equal to the threshold as targeted', () => {
    expect(netValueAt([1, 0, 1], [0.5, 0.5, 0.49], 0.5, cost)).toBe(30);
    expect(netValueAt([1, 0, 1], [0.5, 0.5, 0.49], 0.4, cost)).toBe(70);
  });
});
