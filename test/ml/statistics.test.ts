import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bootstrapIntervals, quantileSorted, scoreOrder, weightedAuc, weightedAveragePrecision, weightedConfusion } from '../../src/ml/bootstrap.js';
import { brierScore, expectedCalibrationError, fitIsotonic, fitPlatt, reliabilityCurve } from '../../src/ml/calibration.js';
import { chiSquareIndependence, pairedTTest, wilsonInterval } from '../../src/ml/hypothesis.js';
import { averagePrecision, rocAuc } from '../../src/ml/metrics.js';
import { createRng } from '../../src/ml/random.js';

/** Repeats row i weights[i] times: the resample the weights stand for. */
function materialise(y: number[], s: number[], w: Int32Array) {
  const yy: number[] = [];
  const ss: number[] = [];
  w.forEach((k, i) => {
    for (let r = 0; r < k; r++) {
      yy.push(y[i]!);
      ss.push(s[i]!);
    }
  });
  return { yy, ss };
}

// The deterministic data set used for the frozen scikit-learn values below:
//   p_i = ((37 i) mod 97 + 1) / 99,  y_i = 1 if ((53 i) mod 89) / 89 < p_i^1.5, i = 0..119
const n = 120;
const refP = Array.from({ length: n }, (_, i) => (((i * 37) % 97) + 1) / 99);
const refY = refP.map((p, i) => (((i * 53) % 89) / 89 < p ** 1.5 ? 1 : 0));

describe('weighted statistics equal the plain ones on the materialised resample', () => {
  const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 })), { minLength: 2, maxLength: 40 });
  it('AUC, average precision and confusion counts (ties in scores included)', () => {
    fc.assert(
      fc.property(rows, (data) => {
        const y = data.map((d) => d[0]);
        const s = data.map((d) => d[1] / 6);
        const w = Int32Array.from(data.map((d) => d[2]));
        const { yy, ss } = materialise(y, s, w);
        const order = scoreOrder(s);
        const hasBoth = yy.includes(1) && yy.includes(0);
        if (hasBoth) expect(weightedAuc(y, order, w)).toBeCloseTo(rocAuc(yy, ss), 12);
        else expect(weightedAuc(y, order, w)).toBeNaN();
        if (yy.includes(1)) expect(weightedAveragePrecision(y, order, w)).toBeCloseTo(averagePrecision(yy, ss), 12);
        const c = weightedConfusion(y, s, 0.5, w);
        expect(c.tp).toBe(yy.filter((v, i) => v === 1 && ss[i]! >= 0.5).length);
        expect(c.fp + c.tn + c.tp + c.fn).toBe(yy.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the cost-optimal threshold on weighted rows', () => {
  it('equals chooseThresholdByCost on the materialised resample (ties and empty tie groups included)', async () => {
    const { weightedBestThreshold } = await import('../../src/ml/bootstrap.js');
    const { chooseThresholdByCost } = await import('../../src/ml/threshold.js');
    const cost = { offerCost: 50, savedValue: 500, successRate: 0.3 };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 40 }), (data) => {
        const y = data.map((d) => d[0]);
        const s = data.map((d) => d[1] / 10);
        const w = Int32Array.from(data.map((d) => d[2]));
        const { yy, ss } = materialise(y, s, w);
        const expected = yy.length ? chooseThresholdByCost(yy, ss, cost).threshold : 1;
        expect(weightedBestThreshold(y, s, scoreOrder(s), w, cost.successRate * cost.savedValue, cost.offerCost)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('bootstrap intervals', () => {
  it('quantiles interpolate like numpy: quantile([1,2,3,4], 0.025) = 1.075', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.975)).toBeCloseTo(3.925, 12);
  });

  it('keeps the class balance in every resample and is reproducible with a seed', () => {
    const y = Uint8Array.from(refY);
    const positives = refY.reduce<number>((a, b) => a + b, 0);
    const seen: number[] = [];
    const a = bootstrapIntervals(y, { pos: (w) => (seen.push(w.reduce((s, k, i) => s + (y[i] ? k : 0), 0)), 0) }, { resamples: 50, rng: createRng(3) });
    expect(new Set(seen.slice(0, 50))).toEqual(new Set([positives]));
    const order = scoreOrder(refP);
    const first = bootstrapIntervals(y, { auc: (w) => weightedAuc(y, order, w) }, { resamples: 500, rng: createRng(9) });
    const second = bootstrapIntervals(y, { auc: (w) => weightedAuc(y, order, w) }, { resamples: 500, rng: createRng(9) });
    expect(first).toEqual(second);
    expect(a.pos!.resamples).toBe(50);
  });

  it("recall's interval matches the binomial (Wald) interval r ± 1.96 √(r(1 − r)/P) on a large sample", () => {
    // stratified resampling draws the P positives again, so resampled recall is Binomial(P, r) / P
    const rng = createRng(1);
    const P = 2000;
    const y = Uint8Array.from({ length: 3000 }, (_, i) => (i < P ? 1 : 0));
    const s = Float64Array.from({ length: 3000 }, (_, i) => (i < P ? (rng.next() < 0.7 ? 0.9 : 0.1) : rng.next()));
    const r = weightedConfusion(y, s, 0.5, new Int32Array(3000).fill(1));
    const recall = r.tp / P;
    const iv = bootstrapIntervals(y, { recall: (w) => { const c = weightedConfusion(y, s, 0.5, w); return c.tp / (c.tp + c.fn); } }, { resamples: 4000, rng: createRng(5) }).recall!;
    const half = 1.959964 * Math.sqrt((recall * (1 - recall)) / P);
    expect(iv.estimate).toBeCloseTo(recall, 12);
    expect(iv.low).toBeCloseTo(recall - half, 2);
    expect(iv.high).toBeCloseTo(recall + half, 2);
  });

  it("AUC's interval agrees with DeLong's variance (an independent, analytic standard error)", () => {
    const rng = createRng(11);
    const y = Uint8Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const s = Float64Array.from(y, (v) => rng.normal() + (v ? 1.2 : 0));
    const pos = [...s].filter((_, i) => y[i]);
    const neg = [...s].filter((_, i) => !y[i]);
    const psi = (a: number, b: number) => (a > b ? 1 : a === b ? 0.5 : 0);
    const v10 = pos.map((a) => neg.reduce((t, b) => t + psi(a, b), 0) / neg.length);
    const v01 = neg.map((b) => pos.reduce((t, a) => t + psi(a, b), 0) / pos.length);
    const auc = v10.reduce((a, b) => a + b, 0) / pos.length;
    const variance = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
    };
    const se = Math.sqrt(variance(v10) / pos.length + variance(v01) / neg.length);
    const order = scoreOrder(s);
    const iv = bootstrapIntervals(y, { auc: (w) => weightedAuc(y, order, w) }, { resamples: 3000, rng: createRng(42) }).auc!;
    expect(iv.estimate).toBeCloseTo(auc, 12);
    const width = iv.high - iv.low;
    expect(width / (2 * 1.959964 * se)).toBeGreaterThan(0.9);
    expect(width / (2 * 1.959964 * se)).toBeLessThan(1.1);
    expect(Math.abs((iv.low + iv.high) / 2 - auc)).toBeLessThan(0.01);
  });
});

describe('calibration (frozen scikit-learn 1.2.1 values on the data set above)', () => {
  it('Brier score = sklearn.metrics.brier_score_loss', () => {
    expect(brierScore(refY, refP)).toBeCloseTo(0.20922354861748801, 12);
    expect(brierScore([1, 0], [0.8, 0.3])).toBeCloseTo((0.04 + 0.09) / 2, 15);
  });

  it('reliability curve = sklearn.calibration.calibration_curve(n_bins=10, strategy="uniform"), empty bins kept with count 0', () => {
    const bins = reliabilityCurve(refY, refP, 10);
    expect(bins.map((b) => b.count)).toEqual([12, 12, 13, 13, 12, 12, 12, 12, 13, 9]);
    const observed = [0.08333333333333333, 0.16666666666666666, 0.23076923076923078, 0.3076923076923077, 0.25, 0.5, 0.4166666666666667, 0.5, 0.6923076923076923, 0.8888888888888888];
    const predicted = [0.04545454545454545, 0.14393939393939395, 0.24786324786324787, 0.35431235431235425, 0.4511784511784511, 0.5505050505050505, 0.6506734006734007, 0.75, 0.8539238539238538, 0.9450056116722784];
    bins.forEach((b, i) => {
      expect(b.observedRate).toBeCloseTo(observed[i]!, 12);
      expect(b.meanPredicted).toBeCloseTo(predicted[i]!, 12);
    });
    // a probability on an inner edge belongs to the lower bin (numpy searchsorted, side left)
    expect(reliabilityCurve([1], [0.3], 10)[2]!.count).toBe(1);
    expect(reliabilityCurve([1], [0.3], 10)[5]!.count).toBe(0);
  });

  it('ECE = Σ (n_b / n) |observed − predicted| (numpy computation: 0.10824915824915823)', () => {
    expect(expectedCalibrationError(refY, refP, 10)).toBeCloseTo(0.10824915824915823, 12);
  });

  it("Platt scaling = sklearn.calibration._sigmoid_calibration on the log-odds (A = −0.6103, B = 0.4805)", () => {
    const platt = fitPlatt(refY, refP);
    expect(platt.parameters.a).toBeCloseTo(-0.610307020238921, 4);
    expect(platt.parameters.b).toBeCloseTo(0.48050525875501393, 4);
    const q = platt.apply([0.5]);
    expect(q[0]).toBeCloseTo(1 / (1 + Math.exp(0.48050525875501393)), 4);
  });

  it('isotonic = sklearn.isotonic.IsotonicRegression(out_of_bounds="clip")', () => {
    const iso = fitIsotonic(refY, refP);
    const expected = [0.06666666666666667, 0.06666666666666667, 0.18181818181818182, 0.2727272727272727, 0.3666666666666665, 0.45454545454545453, 0.5, 0.7777777777777778, 1.0];
    const got = iso.apply([0.0, 0.05, 0.2, 0.333, 0.5, 0.61, 0.77, 0.9, 1.0]);
    expected.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 10));
  });

  it('isotonic output is monotone in the score (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 2, maxLength: 60 }), (rows) => {
        const iso = fitIsotonic(rows.map((r) => r[0]), rows.map((r) => r[1]));
        const q = iso.apply(Array.from({ length: 21 }, (_, i) => i / 20));
        for (let i = 1; i < q.length; i++) expect(q[i]!).toBeGreaterThanOrEqual(q[i - 1]! - 1e-12);
      }),
    );
  });
});

describe('tests for fairness gaps and fold-by-fold comparisons (frozen scipy 1.10.1 values)', () => {
  it('Wilson interval: Newcombe (1998) Table I, 81/263 → 0.2553 to 0.3662 and 15/148 → 0.0624 to 0.1605', () => {
    const [lo, hi] = wilsonInterval(81, 263);
    expect(lo).toBeCloseTo(0.2553, 4);
    expect(hi).toBeCloseTo(0.3662, 4);
    const [lo2, hi2] = wilsonInterval(15, 148);
    expect(lo2).toBeCloseTo(0.0624, 4);
    expect(hi2).toBeCloseTo(0.1605, 4);
    expect(wilsonInterval(0, 10)[0]).toBe(0);
  });

  it('chi-square of equal recall = scipy.stats.chi2_contingency(correction=False)', () => {
    // senior citizens: 72 of 87 churners detected vs 188 of 287 (the lab's default run)
    const senior = chiSquareIndependence([[72, 15], [188, 99]]);
    expect(senior.statistic).toBeCloseTo(9.37872156615904, 9);
    expect(senior.pValue).toBeCloseTo(0.0021951859020738246, 9);
    const gender = chiSquareIndependence([[140, 54], [120, 60]]);
    expect(gender.pValue).toBeCloseTo(0.24844024961981304, 9);
    const threeGroups = chiSquareIndependence([[10, 20, 30], [25, 15, 5]]);
    expect(threeGroups.pValue).toBeCloseTo(8.57493910267228e-6, 10);
  });

  it('paired t-test = scipy.stats.ttest_rel; the Nadeau-Bengio correction widens it by √((1/k + ratio)/(1/k))', () => {
    const a = [0.85, 0.84, 0.86, 0.845, 0.852];
    const b = [0.851, 0.838, 0.857, 0.849, 0.85];
    const plain = pairedTTest(a, b);
    expect(plain.statistic).toBeCloseTo(-0.3104602102825332, 10);
    expect(plain.pValue).toBeCloseTo(0.7717151268489592, 8);
    const corrected = pairedTTest(a, b, { testTrainRatio: 0.25 });
    expect(corrected.statistic).toBeCloseTo(-0.3104602102825332 / Math.sqrt((0.2 + 0.25) / 0.2), 10);
    expect(corrected.pValue).toBeGreaterThan(plain.pValue);
  });
});

describe('paired bootstrap of a difference between two models on the same rows', () => {
  it('equals the interval of the per-resample difference, and the share of resamples where B wins', async () => {
    const { pairedBootstrapDifference } = await import('../../src/ml/bootstrap.js');
    const rng = createRng(8);
    const y = Uint8Array.from({ length: 300 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const a = Float64Array.from(y, (v) => rng.normal() + (v ? 1 : 0));
    const b = Float64Array.from(y, (v, i) => a[i]! + 0.3 * rng.normal() + (v ? 0.3 : 0));
    const oa = scoreOrder(a);
    const ob = scoreOrder(b);
    const paired = pairedBootstrapDifference(y, (w) => weightedAuc(y, oa, w), (w) => weightedAuc(y, ob, w), { resamples: 1000, rng: createRng(4) });
    expect(paired.estimate).toBeCloseTo(rocAuc(y, b) - rocAuc(y, a), 12);
    // the same resamples drawn again by hand
    const direct = bootstrapIntervals(y, { d: (w) => weightedAuc(y, ob, w) - weightedAuc(y, oa, w) }, { resamples: 1000, rng: createRng(4) }).d!;
    expect(paired.low).toBeCloseTo(direct.low, 12);
    expect(paired.high).toBeCloseTo(direct.high, 12);
    expect(paired.shareAboveZero).toBeGreaterThan(0.5);
    // pairing: the interval of the difference is narrower than the two separate intervals suggest
    const sep = bootstrapIntervals(y, { a: (w) => weightedAuc(y, oa, w), b: (w) => weightedAuc(y, ob, w) }, { resamples: 1000, rng: createRng(4) });
    expect(paired.high - paired.low).toBeLessThan(sep.a!.high - sep.a!.low + (sep.b!.high - sep.b!.low));
  });
});
