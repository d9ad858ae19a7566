/**
 * logisticGradient against central finite differences of the objective it differentiates
 * (Σ w_i · logloss_i + ||β||² / (2C), intercept not penalised), written here from its definition;
 * the fit's degenerate cases; the probability's stable branch for large negative margins; and
 * choleskySolve reading only the lower triangle.
 */
import { describe, expect, it } from 'vitest';
import { choleskySolve, fitLogisticRegression, logisticFromJSON, logisticGradient } from '../../src/ml/logistic.js';
import { createRng } from '../../src/ml/random.js';

function objective(x: { rows: number; cols: number; data: Float64Array }, y: number[], beta: Float64Array, C: number, w?: Float64Array): number {
  let total = 0;
  for (let i = 0; i < x.rows; i++) {
    let z = beta[0]!;
    for (let j = 0; j < x.cols; j++) z += beta[j + 1]! * x.data[i * x.cols + j]!;
    // log(1 + e^z) − y·z, the log-loss of one row
    total += (w?.[i] ?? 1) * (Math.log1p(Math.exp(z)) - y[i]! * z);
  }
  for (let j = 1; j < beta.length; j++) total += (beta[j]! * beta[j]!) / (2 * C);
  return total;
}

describe('logisticGradient', () => {
  const rng = createRng(11);
  const rows = 40;
  const cols = 3;
  const x = { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.normal()) };
  const y = Array.from({ length: rows }, () => rng.int(2));
  const beta = Float64Array.from([0.7, -0.4, 1.3, 0.25]); // a nonzero intercept, away from the optimum

  for (const [label, C, w] of [
    ['C = 0.5, unweighted', 0.5, undefined],
    ['C = 3, weights 0.5 to 2', 3, Float64Array.from({ length: rows }, (_, i) => 0.5 + (i % 4) / 2)],
  ] as const) {
    it(`${label}: one entry per coefficient plus the intercept, each the objective's slope`, () => {
      const g = logisticGradient(x, y, beta, { C, sampleWeight: w });
      expect(g).toHaveLength(cols + 1);
      const h = 1e-6;
      for (let j = 0; j <= cols; j++) {
        const up = Float64Array.from(beta);
        const down = Float64Array.from(beta);
        up[j]! += h;
        down[j]! -= h;
        const slope = (objective(x, y, up, C, w) - objective(x, y, down, C, w)) / (2 * h);
        expect(Math.abs(g[j]! - slope), `entry ${j}: ${g[j]} vs ${slope}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(slope)));
      }
    });
  }

  it('is zero at the fitted optimum and the default C is 1', () => {
    const fit = fitLogisticRegression(x, y, { tolerance: 1e-13 });
    const at = Float64Array.from([fit.intercept, ...fit.coefficients]);
    for (const v of logisticGradient(x, y, at)) expect(Math.abs(v)).toBeLessThan(1e-9);
    expect(Math.abs(logisticGradient(x, y, at, { C: 0.25 })[1]!)).toBeGreaterThan(1e-3);
  });
});

describe('fitLogisticRegression, degenerate cases', () => {
  it('every sample weight 0: no row counts, so β = 0 (the intercept pivot is kept positive, not a failed factorisation)', () => {
    const x = { rows: 3, cols: 2, data: Float64Array.from([1, 0, 0, 1, 1, 1]) };
    const fit = fitLogisticRegression(x, [1, 0, 1], { sampleWeight: new Float64Array(3) });
    expect(fit.intercept).toBe(0);
    expect([...fit.coefficients]).toEqual([0, 0]);
  });
});

describe('probabilities at extreme margins', () => {
  it('a margin of −745 gives a positive probability (e^z / (1 + e^z)), not 1 / (1 + ∞) = 0; +745 gives 1; 0 gives 1/2', () => {
    const m = logisticFromJSON({ intercept: 0, coefficients: [1] });
    const p = m.predictProba({ rows: 3, cols: 1, data: Float64Array.from([-745, 745, 0]) });
    expect(p[0]).toBeGreaterThan(0);
    expect(p[0]).toBe(Math.exp(-745) / (1 + Math.exp(-745)));
    expect(p[1]).toBe(1);
    expect(p[2]).toBe(0.5);
  });
});

describe('choleskySolve', () => {
  it('reads only the lower triangle: the same solution with the upper triangle zero or garbage', () => {
    // A = [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]], b = (1, 2, 3); solution from the full symmetric system
    const lower = Float64Array.from([4, 0, 0, 2, 5, 0, 0.4, 1, 3]);
    const garbage = Float64Array.from([4, 99, -7, 2, 5, 1e6, 0.4, 1, 3]);
    const b = Float64Array.from([1, 2, 3]);
    const v = choleskySolve(lower, Float64Array.from(b), 3);
    expect([...choleskySolve(garbage, Float64Array.from(b), 3)]).toEqual([...v]);
    const full = [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3];
    for (let i = 0; i < 3; i++) expect(full[i * 3]! * v[0]! + full[i * 3 + 1]! * v[1]! + full[i * 3 + 2]! * v[2]!).toBeCloseTo(b[i]!, 12);
  });
});
