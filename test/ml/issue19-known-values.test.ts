/**
 * Known values for functions whose one-line mutants the suite let through (issue 19, 13).
 * Reference figures: scipy 1.10 / scikit-learn 1.2 / pandas 1.5 (Debian), computed once and pasted.
 */
import { describe, expect, it } from 'vitest';
import { jensenShannonDistance, ksTest, psi, psiFromProportions, wasserstein1d } from '../../src/ml/drift.js';
import { twoProportionZTest, welchTTest } from '../../src/ml/hypothesis.js';
import { fitLogisticRegression } from '../../src/ml/logistic.js';
import { createRng } from '../../src/ml/random.js';
import { quintileScores } from '../../src/ml/rfm.js';
import { smote } from '../../src/ml/smote.js';
import { fitGradientBoosting, fitRandomForest } from '../../src/ml/trees/index.js';

const a = [0.61, 1.2, 2.3, 0.5, 3.1, 2.2, 1.8, 0.9, 1.1, 2.7, 1.5, 0.3];
const b = [1.9, 2.8, 3.3, 2.1, 4.0, 3.6, 2.5, 1.7, 3.9, 2.2];

describe('two-sample KS test', () => {
  it('matches scipy: D from ks_2samp, p = kolmogorov(λ) with Stephens\' λ = (√ne + 0.12 + 0.11/√ne)·D', () => {
    const r = ksTest(a, b);
    expect(r.d).toBeCloseTo(0.5833333333333334, 12);
    // scipy.special.kolmogorov(λ); the mutant exp(-k²λ²) gives 0.2370
    expect(r.pValue).toBeCloseTo(0.028179342648742868, 9);
  });
});

describe('drift distances', () => {
  it('Wasserstein distance as scipy.stats.wasserstein_distance', () => {
    expect(wasserstein1d(a, b)).toBeCloseTo(1.2825, 12);
    expect(wasserstein1d(b, a)).toBeCloseTo(1.2825, 12);
  });

  it('Jensen-Shannon distance as scipy.spatial.distance.jensenshannon(p, q, base=2), an empty bin included', () => {
    expect(jensenShannonDistance([0.1, 0.4, 0.5, 0], [0.3, 0.3, 0.2, 0.2])).toBeCloseTo(0.4368321514012729, 12);
    expect(jensenShannonDistance([0.3, 0.3, 0.2, 0.2], [0.1, 0.4, 0.5, 0])).toBeCloseTo(0.4368321514012729, 12);
  });

  it('PSI: Σ (c − r)·ln(c / r) with empty bins at 1e-4, from proportions and from samples (reference-quantile bins)', () => {
    expect(psiFromProportions([0.25, 0.25, 0.5, 0], [0.1, 0.3, 0.4, 0.2])).toBeCloseTo(1.6882944444147043, 12);
    // 4 bins: edges 0.9, 1.5, 2.3 from the sorted reference; shares 1/4 each against 0, 0, 0.4, 0.6
    expect(psi(a, b, 4)).toBeCloseTo(4.2873727986867, 10);
    expect(psi(a, a, 4)).toBe(0);
  });
});

describe('Welch t-test and two-proportion z-test', () => {
  it('Welch: t, p and the 95% interval of B − A as scipy.stats.ttest_ind(equal_var=False) and t.ppf', () => {
    const r = welchTTest(a, b);
    expect(r.statistic).toBeCloseTo(3.4173078689668346, 9);
    expect(r.pValue).toBeCloseTo(0.0027777032994001057, 9);
    expect(r.df).toBeCloseTo(19.686579666678277, 9);
    expect(r.ci[0]).toBeCloseTo(0.498847702944505, 7);
    expect(r.ci[1]).toBeCloseTo(2.0661522970554946, 7);
  });

  it('z-test: pooled z and p, unpooled 95% interval (120/1000 against 150/1000)', () => {
    const r = twoProportionZTest(120, 1000, 150, 1000);
    expect(r.statistic).toBeCloseTo(1.963049807622355, 9);
    expect(r.pValue).toBeCloseTo(0.04964038686536878, 8);
    expect(r.ci[0]).toBeCloseTo(7.602882129778554e-5, 7);
    expect(r.ci[1]).toBeCloseTo(0.05992397117870221, 7);
  });
});

describe('RFM quintiles', () => {
  it('give equal values equal scores: the quintile of the average rank (issue 17), derived by hand', () => {
    // sorted 1 1 2 2 5 5 5 5 5 9: midranks 1.5, 3.5, 7, 10; score = floor(5 (midrank - 1) / 10) + 1
    const values = [5, 1, 5, 5, 2, 2, 9, 5, 1, 5];
    expect([...quintileScores(values, true)]).toEqual([4, 1, 4, 4, 2, 2, 5, 4, 1, 4]);
    // lower is better (recency): ranks from the largest, 9 → 1, the 5s → 4, the 2s → 7.5, the 1s → 9.5
    expect([...quintileScores(values, false)]).toEqual([2, 5, 2, 2, 4, 4, 1, 2, 5, 2]);
  });
});

describe('SMOTE with minority rows scattered among the others', () => {
  it('interpolates towards one of the k nearest minority rows, by row number (not position in the minority list)', () => {
    const rng = createRng(4);
    const rows = 50;
    const data = Float64Array.from({ length: rows * 2 }, () => rng.normal());
    const labels = Uint8Array.from({ length: rows }, (_, i) => (i % 5 === 2 ? 1 : 0));
    const minority = [...labels.keys()].filter((i) => labels[i] === 1);
    const k = 3;
    const r = smote({ rows, cols: 2, data }, labels, { k, rng: createRng(8) });
    const dist = (p: number, q: number) => Math.hypot(data[p * 2]! - data[q * 2]!, data[p * 2 + 1]! - data[q * 2 + 1]!);
    expect(r.origins.length).toBe(rows - 2 * minority.length);
    for (const o of r.origins) {
      expect(labels[o.base]).toBe(1);
      expect(labels[o.neighbour]).toBe(1);
      const nearest = minority.filter((m) => m !== o.base).sort((p, q) => dist(o.base, p) - dist(o.base, q)).slice(0, k);
      expect(nearest).toContain(o.neighbour);
    }
  });
});

describe('logistic regression', () => {
  it('does not penalise the intercept: intercept and slope as scikit-learn LogisticRegression(C) with lbfgs', () => {
    const x = { rows: 10, cols: 1, data: Float64Array.from([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]) };
    const y = [0, 0, 0, 1, 0, 1, 1, 1, 1, 1];
    const strong = fitLogisticRegression(x, y, { C: 0.05, tolerance: 1e-12, maxIterations: 200 });
    expect(strong.intercept).toBeCloseTo(-0.1925051076280384, 5);
    expect(strong.coefficients[0]).toBeCloseTo(0.22109221477403349, 5);
    const weak = fitLogisticRegression(x, y, { C: 1, tolerance: 1e-12, maxIterations: 200 });
    expect(weak.intercept).toBeCloseTo(-2.6423880109391735, 5);
    expect(weak.coefficients[0]).toBeCloseTo(1.2037371993368498, 5);
  });
});

describe('trees on 0/1 features', () => {
  it('split on a yes/no feature when it is the only signal (forest and boosting)', () => {
    const rng = createRng(6);
    const rows = 200;
    const data = new Float64Array(rows * 2);
    const y = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      const flag = rng.next() < 0.5 ? 1 : 0;
      data[i * 2] = rng.normal(); // noise
      data[i * 2 + 1] = flag;
      y[i] = flag;
    }
    const x = { rows, cols: 2, data };
    const forest = fitRandomForest(x, y, { nTrees: 5, maxFeatures: 2, maxDepth: 3, rng: createRng(1) });
    const boosting = fitGradientBoosting(x, y, { nEstimators: 20, maxDepth: 2, learningRate: 0.3, rng: createRng(1) });
    for (const model of [forest, boosting]) {
      const p = model.predictProba(x);
      for (let i = 0; i < rows; i++) expect(p[i]! > 0.5 ? 1 : 0).toBe(y[i]);
    }
    expect(forest.trees.every((t) => t.feature[0] === 1)).toBe(true);
  });
});
