/**
 * Known values for the parts of src/ml the larger suites use only indirectly: the BG/NBD
 * per-customer predictions (the published CDNOW example), the Gamma-Gamma spend, the Lorenz
 * curve, log loss, the Cholesky solve and the row helpers. References: Fader, Hardie & Lee (2005)
 * and scipy 1.17 / scikit-learn 1.2 / numpy (python3, computed once and pasted, named at each figure).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bgNbdLogLikelihood, bgNbdTotalLogLikelihood, conditionalExpectedPurchases, conditionalExpectedSpend, fitBgNbd, fitGammaGamma, hyp2f1, logGamma, probabilityAlive } from '../../src/ml/clv.js';
import { gini, lorenzCurve, topShare } from '../../src/ml/concentration.js';
import { choleskySolve } from '../../src/ml/logistic.js';
import { rowOf, selectRows } from '../../src/ml/matrix.js';
import { logLoss } from '../../src/ml/metrics.js';

// BG/NBD parameters Fader, Hardie & Lee (2005) estimate on the CDNOW sample
const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('BG/NBD predictions per customer', () => {
  it('the paper\'s example: x = 2, tx = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks', () => {
    // published 1.226; scipy.special.hyp2f1 in eq. (10) gives 1.226028174767135
    expect(conditionalExpectedPurchases(cdnow, 39, { x: 2, tx: 30.43, T: 38.86 })).toBeCloseTo(1.226028174767135, 9);
  });

  it('eq. (10) for a customer with no repeat purchase and for one who went quiet (scipy hyp2f1)', () => {
    expect(conditionalExpectedPurchases(cdnow, 39, { x: 0, tx: 0, T: 38.86 })).toBeCloseTo(0.19509805201125396, 9);
    expect(conditionalExpectedPurchases(cdnow, 10, { x: 5, tx: 5, T: 39 })).toBeCloseTo(0.003025026948260153, 9);
  });

  it('P(alive), eq. (11): 1 without repeat purchases, 0.7266 for the paper\'s customer, 0.0027 for one quiet since week 5', () => {
    expect(probabilityAlive(cdnow, { x: 0, tx: 0, T: 30 })).toBe(1);
    expect(probabilityAlive(cdnow, { x: 2, tx: 30.43, T: 38.86 })).toBeCloseTo(0.726578570080673, 10);
    expect(probabilityAlive(cdnow, { x: 5, tx: 5, T: 39 })).toBeCloseTo(0.0026724549647031254, 10);
  });

  it('a more recent last purchase means more likely alive (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.double({ min: 1, max: 30, noNaN: true }), fc.double({ min: 0.5, max: 9, noNaN: true }), (x, tx, gap) => {
        const T = 40;
        expect(probabilityAlive(cdnow, { x, tx: tx + gap, T })).toBeGreaterThan(probabilityAlive(cdnow, { x, tx, T }));
      }),
    );
  });
});

describe('CLV fits on small data sets: the maximum-likelihood estimates scipy finds', () => {
  // 40 customers simulated from BG/NBD (r 0.5, α 3, a 0.7, b 2.5) with numpy, tx and T to 0.1 week,
  // as [x, tx, T]. scipy.optimize.minimize (Nelder-Mead, then BFGS) of eq. (6) over log-parameters,
  // the likelihood written with scipy.special.gammaln: r 0.389831, α 3.293594, a 0.244094, b 0.556068,
  // log-likelihood −256.461061
  const customers = [[0, 0.0, 21.4], [13, 17.6, 22.8], [0, 0.0, 20.3], [0, 0.0, 23.5], [9, 25.2, 32.0], [0, 0.0, 33.8], [1, 4.3, 37.9], [2, 15.1, 32.7], [0, 0.0, 27.0], [2, 29.3, 34.0], [0, 0.0, 35.8], [0, 0.0, 24.8], [1, 4.2, 33.5], [0, 0.0, 35.7], [14, 27.3, 27.7], [2, 35.0, 39.8], [1, 2.8, 39.4], [1, 8.5, 34.8], [0, 0.0, 38.6], [12, 35.8, 36.2], [4, 35.8, 36.0], [0, 0.0, 20.2], [1, 5.6, 32.0], [0, 0.0, 23.7], [0, 0.0, 32.5], [2, 2.0, 34.9], [0, 0.0, 35.2], [6, 22.8, 25.9], [0, 0.0, 25.4], [1, 5.6, 35.2], [1, 3.0, 27.7], [2, 4.5, 38.5], [1, 18.8, 23.0], [0, 0.0, 26.5], [3, 38.4, 39.1], [1, 12.5, 20.4], [1, 12.7, 23.3], [0, 0.0, 29.1], [3, 5.9, 26.2], [0, 0.0, 24.4]].map(([x, tx, T]) => ({ x: x!, tx: tx!, T: T! }));

  it('BG/NBD', () => {
    const fit = fitBgNbd(customers);
    expect(fit.params.r).toBeCloseTo(0.3898310131782005, 4);
    expect(fit.params.alpha).toBeCloseTo(3.2935940068810243, 3);
    expect(fit.params.a).toBeCloseTo(0.24409391735121475, 4);
    expect(fit.params.b).toBeCloseTo(0.5560683721445063, 4);
    expect(fit.logLik).toBeCloseTo(-256.46106097285156, 7);
    expect(fit.iterations).toBeGreaterThan(0);
  });

  // 60 repeat buyers as [x, average spend m]: ν ~ Gamma(3, rate 10), spends ~ Gamma(2, rate ν)
  // (numpy). scipy's optimum of the Gamma-Gamma likelihood: p 12.905997, q 2.122444, v 0.922402,
  // log-likelihood −187.273408
  const buyers = [[4, 44.28], [4, 4.94], [5, 6.88], [5, 18.81], [1, 9.68], [4, 4.32], [5, 9.26], [1, 14.34], [5, 4.02], [4, 6.33], [3, 2.44], [4, 17.27], [3, 7.53], [4, 4.16], [5, 18.46], [4, 3.81], [4, 2.51], [3, 8.03], [3, 1.19], [4, 2.39], [3, 9.98], [3, 3.57], [5, 5.93], [5, 10.92], [2, 8.4], [2, 5.65], [4, 13.13], [4, 3.18], [5, 7.06], [5, 1.54], [4, 9.33], [2, 4.61], [4, 8.88], [1, 15.08], [4, 8.76], [3, 7.67], [5, 24.16], [3, 2.1], [1, 6.95], [2, 6.63], [1, 11.79], [1, 5.54], [3, 3.24], [1, 7.41], [4, 14.85], [4, 5.9], [2, 13.88], [5, 8.03], [3, 46.67], [2, 3.96], [1, 6.56], [4, 28.54], [4, 3.77], [4, 13.65], [5, 4.84], [3, 7.07], [1, 7.17], [3, 7.8], [4, 2.57], [1, 15.56]].map(([x, m]) => ({ x: x!, m: m! }));

  it('Gamma-Gamma', () => {
    const fit = fitGammaGamma(buyers);
    expect(fit.params.p).toBeCloseTo(12.9059970466198, 2);
    expect(fit.params.q).toBeCloseTo(2.122444356117035, 3);
    expect(fit.params.v).toBeCloseTo(0.9224023529155312, 3);
    expect(fit.logLik).toBeCloseTo(-187.27340767338265, 7);
  });
});

describe('BG/NBD likelihood of a very frequent buyer', () => {
  it('eq. (6) for x = 500, tx = 0.5, T = 40: the two exponentials differ by e^1095, summed without overflow (mpmath, 30 digits)', () => {
    const customer = { x: 500, tx: 0.5, T: 40 };
    expect(bgNbdLogLikelihood(cdnow, customer)).toBeCloseTo(1798.5267532153511648, 6);
    expect(bgNbdTotalLogLikelihood(cdnow, [customer, customer])).toBeCloseTo(2 * 1798.5267532153511648, 6);
  });
});

describe('special functions', () => {
  it('logGamma as scipy.special.gammaln, below 0.5 (reflection) and for large arguments', () => {
    expect(logGamma(0.3)).toBeCloseTo(1.0957979948180756, 12);
    expect(logGamma(15.7)).toBeCloseTo(27.079888499653403, 11);
    expect(logGamma(100.5)).toBeCloseTo(361.43554046777757, 10);
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
  });

  it('2F1 as scipy.special.hyp2f1', () => {
    expect(hyp2f1(2.243, 4.426, 4.219, 0.4)).toBeCloseTo(3.345500110053091, 11);
    // 2F1(1, 1; 2; z) = −ln(1 − z) / z
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 12);
  });
});

describe('Gamma-Gamma spend', () => {
  it('E[spend | x, m] = p(v + x m) / (p x + q − 1), by hand', () => {
    // p = 6.25, q = 3.74, v = 15.44 (CDNOW estimates); x = 3, m = 40: 6.25 · 135.44 / 21.49
    expect(conditionalExpectedSpend({ p: 6.25, q: 3.74, v: 15.44 }, 3, 40)).toBeCloseTo((6.25 * 135.44) / 21.49, 12);
    // x = 0: the population mean p v / (q − 1)
    expect(conditionalExpectedSpend({ p: 6.25, q: 3.74, v: 15.44 }, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
  });
});

describe('concentration', () => {
  it('Lorenz curve of 1, 2, 3, 4 at every customer, at half-way points, and of an all-zero total', () => {
    const full = lorenzCurve([4, 1, 3, 2]);
    expect(full).toHaveLength(5);
    const expected = [[0, 0], [0.25, 0.1], [0.5, 0.3], [0.75, 0.6], [1, 1]];
    full.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(expected[i]![0]!, 12);
      expect(y).toBeCloseTo(expected[i]![1]!, 12);
    });
    // two points: the half-way customer (0.5, 0.3) and the end
    expect(lorenzCurve([4, 1, 3, 2], 2)).toEqual([[0, 0], [0.5, 0.30000000000000004], [1, 1]].map(([x, y]) => [x, expect.closeTo(y!, 12)]));
    expect(lorenzCurve([0, 0, 0], 3)).toEqual([[0, 0], [1 / 3, 0], [2 / 3, 0], [1, 0]]);
  });

  it('Lorenz curve thins 1,000 customers to about `points` points, ends at (1, 1) and never rises above the diagonal (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (xs, points) => {
        const curve = lorenzCurve(xs, points);
        expect(curve.length).toBeLessThanOrEqual(Math.min(xs.length, points) + 2);
        expect(curve.at(-1)![0]).toBe(1);
        for (let k = 1; k < curve.length; k++) {
          expect(curve[k]![0]).toBeGreaterThan(curve[k - 1]![0]);
          expect(curve[k]![1]).toBeGreaterThanOrEqual(curve[k - 1]![1] - 1e-12);
          expect(curve[k]![1]).toBeLessThanOrEqual(curve[k]![0] + 1e-12);
        }
      }),
    );
  });

  it('Gini: 1, 2, 3, 4 is (−3·1 − 1·2 + 1·3 + 3·4)/(4·10) = 0.25; empty and all-zero are 0', () => {
    expect(gini([3, 1, 4, 2])).toBeCloseTo(0.25, 12);
    expect(gini([])).toBe(0);
    expect(gini([0, 0])).toBe(0);
  });

  it('top share takes the largest values, not the first ones', () => {
    expect(topShare([1, 2, 7, 0], 0.25)).toEqual({ share: 0.7, customers: 1 });
    expect(topShare([1, 2, 7, 0], 0.5).share).toBeCloseTo(0.9, 12);
    expect(topShare([0, 0, 0], 0.5)).toEqual({ share: 0, customers: 2 });
  });
});

describe('log loss', () => {
  it('as sklearn.metrics.log_loss, probabilities clipped at 1e-15', () => {
    expect(logLoss([1, 0, 1, 1, 0], [0.9, 0.2, 0.6, 0.35, 0.05])).toBeCloseTo(0.38808902192485106, 12);
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 9); // 34.539, not Infinity
    expect(logLoss([1, 0], [1, 0])).toBeCloseTo(-Math.log(1 - 1e-15), 12);
  });
});

describe('Cholesky solve', () => {
  it('solves the classic 3 × 3 example as numpy.linalg.solve', () => {
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    const v = choleskySolve(a, Float64Array.from([1, 2, 3]), 3);
    expect(v[0]).toBeCloseTo(28.583333333333393, 9);
    expect(v[1]).toBeCloseTo(-7.666666666666683, 9);
    expect(v[2]).toBeCloseTo(1.3333333333333357, 9);
  });

  it('a 4 × 4 system (rows below the second pivot use earlier columns of L) as numpy.linalg.solve', () => {
    const a = Float64Array.from([10, 2, 3, 1, 2, 9, 1, 2, 3, 1, 8, 4, 1, 2, 4, 7]);
    const v = choleskySolve(a, Float64Array.from([1, 2, 3, 4]), 4);
    [-0.00702247191011236, 0.10533707865168539, 0.13061797752808987, 0.4676966292134832].forEach((x, i) => expect(v[i]).toBeCloseTo(x, 12));
  });

  it('rejects a matrix that is not positive definite', () => {
    expect(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toThrow(/not positive definite/);
    expect(() => choleskySolve(Float64Array.from([0, 0, 0, 1]), Float64Array.from([1, 1]), 2)).toThrow(/not positive definite/);
  });

  it('A v = b for random symmetric positive-definite A = M Mᵀ + I (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * n, maxLength: n * n }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n }))), ([n, m, b]) => {
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
          let s = i === j ? 1 : 0;
          for (let k = 0; k < n; k++) s += m[i * n + k]! * m[j * n + k]!;
          a[i * n + j] = s;
        }
        const v = choleskySolve(Float64Array.from(a), Float64Array.from(b), n);
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += a[i * n + j]! * v[j]!;
          expect(s).toBeCloseTo(b[i]!, 6);
        }
      }),
    );
  });
});

describe('row helpers', () => {
  it('rowOf and selectRows pick rows by number, in the given order, repeats allowed', () => {
    const x = { rows: 3, cols: 2, data: Float64Array.from([1, 2, 3, 4, 5, 6]) };
    expect([...rowOf(x, 1)]).toEqual([3, 4]);
    const s = selectRows(x, [2, 0, 2]);
    expect(s.rows).toBe(3);
    expect(s.cols).toBe(2);
    expect([...s.data]).toEqual([5, 6, 1, 2, 5, 6]);
  });
});

describe('silhouette against scikit-learn', () => {
  it('sklearn.metrics.silhouette_score on ten points in three clusters of unequal size', async () => {
    const { silhouetteScore } = await import('../../src/ml/kmeans.js');
    const points = [[0, 0], [0.5, 0.2], [1, 0.1], [4, 4], [4.5, 3.8], [5, 4.4], [0, 5], [0.3, 5.5], [9, 9], [8.5, 9.2]];
    const x = { rows: 10, cols: 2, data: Float64Array.from(points.flat()) };
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 1, 1]);
    expect(silhouetteScore(x, labels, 3)).toBeCloseTo(0.5825541467749316, 12);
  });
});

describe('k-means helpers against scikit-learn', () => {
  it('silhouette with three columns (the unrolled RFM path), a singleton cluster (scores 0) and an unused label', async () => {
    const { silhouetteScore } = await import('../../src/ml/kmeans.js');
    const points = [[0, 0, 1], [0.5, 0.2, 1.2], [1, 0.1, 0.8], [4, 4, 4], [4.5, 3.8, 4.1], [5, 4.4, 3.9], [0, 5, 2], [9, 9, 9], [8.5, 9.2, 9.1]];
    const x = { rows: 9, cols: 3, data: Float64Array.from(points.flat()) };
    // labels 0, 1 and 3; label 2 has no rows (k = 4)
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 3, 1, 1]);
    expect(silhouetteScore(x, labels, 4)).toBeCloseTo(0.416635830816542, 12);
  });

  it('k-means rejects k outside 1..rows; standardise leaves a constant column at 0 (std taken as 1)', async () => {
    const { fitKMeans, standardise } = await import('../../src/ml/kmeans.js');
    const { createRng } = await import('../../src/ml/random.js');
    const x = { rows: 3, cols: 2, data: Float64Array.from([1, 5, 2, 5, 3, 5]) };
    expect(() => fitKMeans(x, 0, { rng: createRng(1) })).toThrow('k must be between 1 and the number of rows, got 0');
    expect(() => fitKMeans(x, 4, { rng: createRng(1) })).toThrow(/got 4/);
    const s = standardise(x);
    expect([...s.stds]).toEqual([Math.sqrt(2 / 3), 1]);
    expect([...s.means]).toEqual([2, 5]);
    expect([1, 3, 5].map((i) => s.x.data[i])).toEqual([0, 0, 0]);
    // one cluster of everything: the centroid is the mean, the inertia the total squared deviation
    const one = fitKMeans(x, 1, { rng: createRng(1), nInit: 1 });
    expect([...one.centroids]).toEqual([2, 5]);
    expect(one.inertia).toBeCloseTo(2, 12);
    expect([...one.labels]).toEqual([0, 0, 0]);
  });
});
