import { describe, expect, it } from 'vitest';
import { fitLogisticRegression, logisticFromJSON, logisticGradient } from '../../src/ml/logistic.js';
import { fitPreprocessor, preprocessorFromJSON } from '../../src/ml/preprocess.js';
import { chooseThresholdByCost, netValueAt } from '../../src/ml/threshold.js';
import { createRng } from '../../src/ml/random.js';

describe('logistic regression (Newton/IRLS, L2 with C)', () => {
  const rng = createRng(11);
  const n = 400;
  const data = new Float64Array(n * 2);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    data[i * 2] = rng.normal();
    data[i * 2 + 1] = rng.normal();
    const z = -0.5 + 1.5 * data[i * 2]! - 2 * data[i * 2 + 1]!;
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  const x = { rows: n, cols: 2, data };

  it('stops where the gradient of the penalised objective is zero', () => {
    const m = fitLogisticRegression(x, y, { C: 1 });
    const g = logisticGradient(x, y, Float64Array.from([m.intercept, ...m.coefficients]), { C: 1 });
    expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-8);
    expect(m.coefficients[0]).toBeGreaterThan(0.8);
    expect(m.coefficients[1]).toBeLessThan(-1.2);
  });

  it('matches the closed form on a one-feature 2x2 table without penalty', () => {
    // x ∈ {0,1}; at x=0: 30 of 100 positive, at x=1: 60 of 100. MLE: intercept = logit(0.3), slope = logit(0.6) − logit(0.3).
    const rows = 200;
    const d = Float64Array.from({ length: rows }, (_, i) => (i < 100 ? 0 : 1));
    const labels = Uint8Array.from({ length: rows }, (_, i) => (i < 100 ? (i < 30 ? 1 : 0) : i - 100 < 60 ? 1 : 0));
    const m = fitLogisticRegression({ rows, cols: 1, data: d }, labels, { C: 1e12 });
    const logit = (p: number) => Math.log(p / (1 - p));
    expect(m.intercept).toBeCloseTo(logit(0.3), 8);
    expect(m.coefficients[0]).toBeCloseTo(logit(0.6) - logit(0.3), 8);
  });

  it('shrinks with a smaller C, and round-trips through JSON', () => {
    const loose = fitLogisticRegression(x, y, { C: 10 });
    const tight = fitLogisticRegression(x, y, { C: 0.01 });
    expect(Math.abs(tight.coefficients[0]!)).toBeLessThan(Math.abs(loose.coefficients[0]!));
    const back = logisticFromJSON(JSON.parse(JSON.stringify(loose.toJSON())));
    expect(back.predictProba(x)).toEqual(loose.predictProba(x));
  });

  it('sample weights act like repeated rows', () => {
    const small = { rows: 4, cols: 1, data: Float64Array.from([0, 1, 2, 3]) };
    const labels = Uint8Array.from([0, 1, 0, 1]);
    const weighted = fitLogisticRegression(small, labels, { C: 5, sampleWeight: Float64Array.from([1, 2, 1, 1]) });
    const repeated = fitLogisticRegression({ rows: 5, cols: 1, data: Float64Array.from([0, 1, 1, 2, 3]) }, Uint8Array.from([0, 1, 1, 0, 1]), { C: 5 });
    expect(weighted.intercept).toBeCloseTo(repeated.intercept, 10);
    expect(weighted.coefficients[0]).toBeCloseTo(repeated.coefficients[0]!, 10);
  });
});

describe('preprocessor', () => {
  const train = [
    { tenure: 1, fee: 10, Partner: 'Yes', Contract: 'Month-to-month' },
    { tenure: null, fee: 30, Partner: 'No', Contract: 'Two year' },
    { tenure: 5, fee: 20, Partner: 'No', Contract: 'One year' },
    { tenure: 9, fee: null, Partner: 'Yes', Contract: 'Month-to-month' },
  ];
  const columns = [
    { name: 'tenure', kind: 'numeric' as const },
    { name: 'fee', kind: 'numeric' as const },
    { name: 'Partner', kind: 'categorical' as const },
    { name: 'Contract', kind: 'categorical' as const },
  ];

  it('learns medians, flags and one-hot levels from training rows only', () => {
    const pre = fitPreprocessor(train, columns);
    expect(pre.featureNames).toEqual(['tenure', 'fee', 'Partner', 'Contract=Month-to-month', 'Contract=One year', 'Contract=Two year']);
    const test = pre.transform([{ tenure: null, fee: 1000, Partner: 'Yes', Contract: 'Three year' }]);
    expect([...test.data]).toEqual([5, 1000, 1, 0, 0, 0]); // median tenure of train (1, 5, 9) = 5; unseen contract = zeros
    expect(pre.lastTransform).toEqual({ imputed: 1, unseen: 1 });
  });

  it('standardises with training statistics, and rebuilds identically from JSON', () => {
    const pre = fitPreprocessor(train, columns, { standardize: true });
    const m = pre.transform(train);
    const tenure = [0, 1, 2, 3].map((i) => m.data[i * 6]!);
    expect(tenure.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(Math.sqrt(tenure.reduce((a, b) => a + b * b, 0) / 4)).toBeCloseTo(1, 12);
    const back = preprocessorFromJSON(JSON.parse(JSON.stringify(pre.toJSON())));
    expect(back.transform(train).data).toEqual(m.data);
  });
});

describe('threshold by cost model', () => {
  it('picks the threshold with the best net value, computed by hand', () => {
    // offer 10, saved value 100, success 0.5 → a targeted churner is worth 50 − 10 = 40, a non-churner −10
    const y = [1, 0, 1, 0, 0];
    const s = [0.9, 0.8, 0.6, 0.3, 0.1];
    const cost = { offerCost: 10, savedValue: 100, successRate: 0.5 };
    const choice = chooseThresholdByCost(y, s, cost);
    // t=0.9: 40; t=0.8: 30; t=0.6: 70; t=0.3: 60; t=0.1: 50
    expect(choice.curve.map((c) => c.netValue)).toEqual([40, 30, 70, 60, 50]);
    expect(choice.threshold).toBe(0.6);
    expect(choice.netValue).toBe(70);
    expect(choice.netValueAtDefault).toBe(netValueAt(y, s, 0.5, cost));
    expect(choice.netValueAtDefault).toBe(70);
    expect(choice.netValueTargetEveryone).toBe(50);
  });
});
