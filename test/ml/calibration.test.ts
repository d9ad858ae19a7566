/**
 * Calibration on small data sets against scikit-learn 1.2.1 (python3, computed once and pasted):
 * isotonic regression with tied scores and two pooled blocks, Platt scaling on ten rows.
 */
import { describe, expect, it } from 'vitest';
import { brierScore, expectedCalibrationError, fitIsotonic, fitPlatt, reliabilityCurve } from '../../src/ml/calibration.js';

describe('isotonic regression', () => {
  // scores with ties at 0.2 and 0.6; outcomes that violate the order twice
  const p = [0.6, 0.1, 0.2, 0.9, 0.2, 0.3, 0.6, 0.5, 0.6];
  const y = [0, 0, 1, 1, 0, 0, 1, 1, 1];

  it('= sklearn.isotonic.IsotonicRegression(out_of_bounds="clip").predict, between, on and beyond the fitted points', () => {
    const iso = fitIsotonic(y, p);
    const at = [0, 0.1, 0.15, 0.2, 0.25, 0.4, 0.55, 0.6, 0.75, 0.9, 1];
    const expected = [0.0, 0.0, 0.1666666666666666, 0.3333333333333333, 0.3333333333333333, 0.5416666666666667, 0.75, 0.75, 0.875, 1.0, 1.0];
    const got = iso.apply(at);
    expected.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 12));
    // X_thresholds_ has 6 distinct scores; the fitted values 0, ⅓, ⅓, ¾, ¾, 1 form 4 blocks
    expect(iso.method).toBe('isotonic');
    expect(iso.parameters).toEqual({ points: 6, blocks: 4 });
  });

  it('ties at the lowest score are averaged too (sklearn: 1/3 up to 0.3, then 2/3 at 0.4, 1 at 0.5)', () => {
    const iso = fitIsotonic([1, 0, 0, 1], [0.1, 0.1, 0.3, 0.5]);
    const expected = [0.3333333333333333, 0.3333333333333333, 0.3333333333333333, 0.6666666666666667, 1.0];
    const got = iso.apply([0.1, 0.2, 0.3, 0.4, 0.5]);
    expected.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 12));
    expect(iso.parameters).toEqual({ points: 3, blocks: 2 });
  });

  it('already monotone outcomes are returned as they are (no pooling)', () => {
    const iso = fitIsotonic([0, 0, 1, 1], [0.1, 0.4, 0.6, 0.9]);
    expect([...iso.apply([0.1, 0.4, 0.5, 0.6, 0.9])]).toEqual([0, 0, 0.5, 1, 1]);
    expect(iso.parameters).toEqual({ points: 4, blocks: 4 });
  });
});

describe('Platt scaling', () => {
  it('= sklearn.calibration._sigmoid_calibration on the log-odds of ten scores: A −0.574900, B 0.148594', () => {
    const p = [0.1, 0.2, 0.3, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
    const y = [0, 0, 1, 0, 0, 1, 1, 0, 1, 1];
    const platt = fitPlatt(y, p);
    expect(platt.method).toBe('platt');
    expect(platt.parameters.a).toBeCloseTo(-0.5749003743672259, 6);
    expect(platt.parameters.b).toBeCloseTo(0.14859431183514055, 6);
    expect(platt.apply([0.25])[0]).toBeCloseTo(0.3142796002233338, 6);
    // the exact optimum of the same loss (Platt's targets 5/6 and 1/7), scipy.optimize.minimize with
    // BFGS (gtol 1e-12) polished by Nelder-Mead: Newton stops within ~1e-8 of it
    expect(platt.parameters.a).toBeCloseTo(-0.5749002444355432, 7);
    expect(platt.parameters.b).toBeCloseTo(0.1485941812371594, 7);
  });

  it('scores of exactly 0 and 1 are clipped to 1e-12 from the ends, so the fit and its output stay finite (scipy as above)', () => {
    const platt = fitPlatt([0, 0, 1, 0, 1, 1], [0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(platt.parameters.a).toBeCloseTo(-0.05239783098473094, 6);
    expect(platt.parameters.b).toBeCloseTo(1.0774401533450681e-7, 6);
    expect(platt.apply([1])[0]).toBeCloseTo(0.8096604633809626, 6);
  });
});

describe('Brier score and ECE by hand', () => {
  it('Brier: mean of (p − y)²; ECE: (2/3)·|½ − 0.3| + (1/3)·|1 − 0.9| on two occupied bins', () => {
    expect(brierScore([1, 0, 1], [0.9, 0.3, 0.3])).toBeCloseTo((0.01 + 0.09 + 0.49) / 3, 15);
    // bins of width ½: 0.3 and 0.3 in the lower (observed ½, predicted 0.3), 0.9 in the upper
    expect(expectedCalibrationError([1, 0, 1], [0.9, 0.3, 0.3], 2)).toBeCloseTo((2 / 3) * 0.2 + (1 / 3) * 0.1, 15);
    const bins = reliabilityCurve([1, 0, 1], [0.9, 0.3, 0.3], 2);
    expect(bins).toEqual([
      { low: 0, high: 0.5, count: 2, meanPredicted: 0.3, observedRate: 0.5 },
      { low: 0.5, high: 1, count: 1, meanPredicted: 0.9, observedRate: 1 },
    ]);
    // an empty bin adds nothing to the ECE: 0.9 alone in the top bin of 10
    expect(expectedCalibrationError([1], [0.9], 10)).toBeCloseTo(0.1, 15);
    // an empty bin has no rates
    const empty = reliabilityCurve([1], [0.9], 2)[0]!;
    expect(empty.count).toBe(0);
    expect(empty.meanPredicted).toBeNaN();
    expect(empty.observedRate).toBeNaN();
  });
});
