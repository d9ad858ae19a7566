/**
 * A/B-test statistics against scipy 1.17 (python3, computed once and pasted; the call is named at
 * each figure) and hand derivations: the parts the other suites leave loose (non-default alpha,
 * intervals of the paired test, unequal arm sizes, sample sizes, Wilson at the edges).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chiSquareIndependence, meanAndVariance, normalQuantile, pairedTTest, sampleSizeMeans, sampleSizeProportions, twoProportionZTest, welchTTest, wilsonInterval } from '../../src/ml/hypothesis.js';

const a = [0.61, 1.2, 2.3, 0.5, 3.1, 2.2, 1.8, 0.9, 1.1, 2.7, 1.5, 0.3];
const b = [1.9, 2.8, 3.3, 2.1, 4.0, 3.6, 2.5, 1.7, 3.9, 2.2];

describe('normal quantile', () => {
  it('is scipy.stats.norm.ppf', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 9);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 9);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.9599639845400545, 9);
  });
});

describe('two-proportion z-test', () => {
  it('unequal arms, 30/200 against 45/250: z and p as the pooled formula with scipy.stats.norm.sf, unpooled 95% interval', () => {
    const r = twoProportionZTest(30, 200, 45, 250);
    expect(r.test).toBe('two-proportion z-test');
    expect(r.statistic).toBeCloseTo(0.8485281374238568, 10);
    expect(r.pValue).toBeCloseTo(0.3961439091520741, 10);
    expect(r.difference).toBeCloseTo(0.03, 12);
    expect(r.ci[0]).toBeCloseTo(-0.03867988996737193, 10);
    expect(r.ci[1]).toBeCloseTo(0.09867988996737193, 10);
  });

  it('alpha 0.10 narrows the interval to ± norm.ppf(0.95)·se (120/1000 against 150/1000)', () => {
    const r = twoProportionZTest(120, 1000, 150, 1000, 0.1);
    expect(r.ci[0]).toBeCloseTo(0.004887011743927389, 10);
    expect(r.ci[1]).toBeCloseTo(0.05511298825607261, 10);
  });

  it('a lower rate in B gives a negative z and the same p as the mirror image', () => {
    const down = twoProportionZTest(45, 250, 30, 200);
    expect(down.statistic).toBeCloseTo(-0.8485281374238568, 10);
    expect(down.pValue).toBeCloseTo(0.3961439091520741, 10);
  });
});

describe('Welch t-test', () => {
  it('alpha 0.10: the 90% interval of scipy.stats.ttest_ind(b, a, equal_var=False).confidence_interval(0.90)', () => {
    const r = welchTTest(a, b, 0.1);
    expect(r.test).toBe('Welch t-test');
    expect(r.difference).toBeCloseTo(2.8 - 1.5175, 10);
    expect(r.ci[0]).toBeCloseTo(0.6347208489931533, 7);
    expect(r.ci[1]).toBeCloseTo(1.9302791510068456, 7);
  });

  it('swapping the groups negates t and the difference and keeps p', () => {
    const ab = welchTTest(a, b);
    const ba = welchTTest(b, a);
    expect(ba.statistic).toBeCloseTo(-ab.statistic, 12);
    expect(ba.difference).toBeCloseTo(-ab.difference, 12);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
  });
});

describe('mean and sample variance', () => {
  it('by hand: 2, 4, 4, 4, 5, 5, 7, 9 has mean 5 and sample variance 32 / 7', () => {
    const r = meanAndVariance([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(r.n).toBe(8);
    expect(r.mean).toBeCloseTo(5, 12);
    expect(r.variance).toBeCloseTo(32 / 7, 12);
  });

  it('is shift-invariant in variance (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.double({ min: -50, max: 50, noNaN: true }), (xs, shift) => {
        const plain = meanAndVariance(xs);
        const moved = meanAndVariance(xs.map((x) => x + shift));
        expect(moved.mean).toBeCloseTo(plain.mean + shift, 6);
        expect(moved.variance).toBeCloseTo(plain.variance, 6);
      }),
    );
  });
});

describe('chi-square test of independence', () => {
  it('3×2 table: statistic, df, p and expected counts as scipy.stats.chi2_contingency(correction=False)', () => {
    const r = chiSquareIndependence([[12, 5], [7, 9], [3, 14]]);
    expect(r.statistic).toBeCloseTo(9.669237012987011, 10);
    expect(r.df).toBe(2);
    expect(r.pValue).toBeCloseTo(0.00794972051330088, 10);
    const expected = [[7.48, 9.52], [7.04, 8.96], [7.48, 9.52]];
    r.expected.forEach((row, i) => row.forEach((e, j) => expect(e).toBeCloseTo(expected[i]![j]!, 10)));
  });

  it('2×3 table: df 2 and expected counts 20 and 15 (scipy)', () => {
    const r = chiSquareIndependence([[10, 20, 30], [25, 15, 5]]);
    expect(r.df).toBe(2);
    expect(r.statistic).toBeCloseTo(23.333333333333336, 10);
    expect(r.expected).toEqual([[20, 20, 20], [15, 15, 15]]);
  });
});

describe('paired t-test', () => {
  const before = [0.85, 0.84, 0.86, 0.845, 0.852];
  const after = [0.851, 0.838, 0.857, 0.849, 0.85];

  it('df, sd, difference and the 95% and 90% intervals as scipy.stats.ttest_rel(b, a).confidence_interval', () => {
    const r = pairedTTest(before, after);
    expect(r.test).toBe('paired t-test');
    expect(r.df).toBe(4);
    expect(r.difference).toBeCloseTo(-0.0004, 12);
    expect(r.sd).toBeCloseTo(0.002880972058177589, 12);
    expect(r.ci[0]).toBeCloseTo(-0.003977199284470113, 10);
    expect(r.ci[1]).toBeCloseTo(0.0031771992844701123, 10);
    const r90 = pairedTTest(before, after, { alpha: 0.1 });
    expect(r90.ci[0]).toBeCloseTo(-0.0031466924465284275, 10);
    expect(r90.ci[1]).toBeCloseTo(0.0023466924465284254, 10);
  });

  it('Nadeau-Bengio (ratio 0.25): se = √(s²(1/k + 0.25)); t, p (scipy.stats.t.sf) and interval', () => {
    const r = pairedTTest(before, after, { testTrainRatio: 0.25 });
    expect(r.test).toBe('corrected resampled t-test (Nadeau-Bengio)');
    expect(r.statistic).toBeCloseTo(-0.20697347352168877, 10);
    expect(r.pValue).toBeCloseTo(0.8461398578063197, 10);
    expect(r.ci[0]).toBeCloseTo(-0.005765798926705169, 10);
    expect(r.ci[1]).toBeCloseTo(0.004965798926705169, 10);
  });

  it('identical scores: t 0 and p 1; a constant non-zero gain: t ±∞ and p 0', () => {
    const same = pairedTTest([0.8, 0.7, 0.9], [0.8, 0.7, 0.9]);
    expect(same.statistic).toBe(0);
    expect(same.pValue).toBeCloseTo(1, 12);
    const better = pairedTTest([1, 2, 3], [3, 4, 5]);
    expect(better.statistic).toBe(Infinity);
    expect(better.pValue).toBe(0);
    const worse = pairedTTest([3, 4, 5], [1, 2, 3]);
    expect(worse.statistic).toBe(-Infinity);
    expect(worse.pValue).toBe(0);
  });
});

describe('sample sizes', () => {
  // n = (z_{1−α/2}√(2p̄(1−p̄)) + z_{1−β}√(p1(1−p1) + p2(1−p2)))² / δ², evaluated in python with
  // scipy.stats.norm.ppf: 3840.85, 2608.86 and 387.34 before rounding up
  it('proportions: 10% → 12%; 30% → 35% at alpha 0.01, power 0.9; a drop 50% → 40%', () => {
    expect(sampleSizeProportions(0.1, 0.02)).toBe(3841);
    expect(sampleSizeProportions(0.3, 0.05, 0.01, 0.9)).toBe(2609);
    expect(sampleSizeProportions(0.5, -0.1)).toBe(388);
  });

  // n = 2(z_{1−α/2} + z_{1−β})²σ²/δ²: 392.44 and 267.83 (scipy quantiles)
  it('means: sd 10, δ 2 → 393; sd 3, δ 1, alpha 0.01, power 0.9 → 268', () => {
    expect(sampleSizeMeans(10, 2)).toBe(393);
    expect(sampleSizeMeans(3, 1, 0.01, 0.9)).toBe(268);
  });
});

describe('Wilson interval', () => {
  it('as scipy.stats.binomtest(k, n).proportion_ci(method="wilson"), at 95% and 90% and at both edges', () => {
    const [lo, hi] = wilsonInterval(81, 263);
    expect(lo).toBeCloseTo(0.2552885198782742, 10);
    expect(hi).toBeCloseTo(0.36620957698280004, 10);
    const [lo90, hi90] = wilsonInterval(15, 148, 0.1);
    expect(lo90).toBeCloseTo(0.06744326224687144, 10);
    expect(hi90).toBeCloseTo(0.14957293174640027, 10);
    const [loAll, hiAll] = wilsonInterval(10, 10);
    expect(loAll).toBeCloseTo(0.7224672001371109, 10);
    expect(hiAll).toBe(1);
    const [loNone, hiNone] = wilsonInterval(0, 10);
    expect(loNone).toBe(0);
    expect(hiNone).toBeCloseTo(0.27753279986288926, 10);
  });

  it('an empty group has no interval', () => {
    const [lo, hi] = wilsonInterval(0, 0);
    expect(lo).toBeNaN();
    expect(hi).toBeNaN();
  });
});
