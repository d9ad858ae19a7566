import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accuracy, averagePrecision, confusionAt, explainedMetrics, f1, precision, prCurve, recall, rocAuc, rocCurve } from '../../src/ml/metrics.js';

describe('confusion and threshold metrics', () => {
  it('counts at a threshold (score >= t is positive) and derives the rates', () => {
    const y = [1, 1, 1, 0, 0, 0, 0, 1];
    const s = [0.9, 0.6, 0.4, 0.7, 0.2, 0.1, 0.5, 0.5];
    const c = confusionAt(y, s, 0.5);
    expect(c).toEqual({ tp: 3, fp: 2, tn: 2, fn: 1 });
    expect(accuracy(c)).toBeCloseTo(5 / 8, 15);
    expect(precision(c)).toBeCloseTo(3 / 5, 15);
    expect(recall(c)).toBeCloseTo(3 / 4, 15);
    expect(f1(c)).toBeCloseTo((2 * 0.6 * 0.75) / 1.35, 15);
    expect(precision({ tp: 0, fp: 0, tn: 3, fn: 1 })).toBe(0);
  });

  it('explains each figure with its formula and inputs', () => {
    const m = explainedMetrics([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1], 0.5);
    expect(m.recall).toEqual({ value: 0.5, formula: 'tp / (tp + fn)', inputs: { tp: 1, fn: 1 } });
    expect(m.precision.inputs).toEqual({ tp: 1, fp: 1 });
  });
});

describe('ROC-AUC', () => {
  it('matches a hand count: y=[0,0,1,1], s=[0.1,0.4,0.35,0.8] → 3 of 4 pairs ordered = 0.75', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it('counts a tied positive/negative pair as one half', () => {
    // pairs: (p=0.5 vs n=0.5) tie → 0.5; (p=0.5 vs n=0.2) → 1; (p=0.9 vs both) → 2. Total 3.5 / 4.
    expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.2])).toBe(0.875);
    expect(rocAuc([1, 0, 1, 0], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('equals the trapezoidal area under its ROC curve (ties collapsed), for any scores', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 6 })), { minLength: 2, maxLength: 40 }), (pairs) => {
        const y = pairs.map(([b]) => (b ? 1 : 0));
        const s = pairs.map(([, v]) => v / 6);
        if (!y.includes(1) || !y.includes(0)) return;
        const curve = rocCurve(y, s);
        let area = 0;
        for (let i = 1; i < curve.length; i++) area += ((curve[i]!.x - curve[i - 1]!.x) * (curve[i]!.y + curve[i - 1]!.y)) / 2;
        expect(rocAuc(y, s)).toBeCloseTo(area, 12);
      }),
    );
  });
});

describe('PR curve and average precision', () => {
  it('matches a hand-computed average precision', () => {
    // sorted by score: 0.8 (1), 0.4 (0), 0.35 (1), 0.1 (0); P = 2
    // thresholds: 0.8 → R=0.5 P=1; 0.4 → R=0.5 P=0.5; 0.35 → R=1 P=2/3; 0.1 → R=1 P=0.5
    // AP = 0.5·1 + 0·0.5 + 0.5·(2/3) + 0 = 0.8333… (scikit-learn's average_precision_score gives the same)
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 15);
    expect(prCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).map((p) => [p.x, p.y])).toEqual([
      [0.5, 1],
      [0.5, 0.5],
      [1, 2 / 3],
      [1, 0.5],
    ]);
  });

  it('collapses tied scores into one threshold', () => {
    // both rows at 0.5: one point R=1, P=0.5 → AP = 0.5
    expect(averagePrecision([1, 0], [0.5, 0.5])).toBe(0.5);
  });
});

describe('metrics at the edges and against scikit-learn 1.2 (python3, computed once and pasted)', () => {
  const y = [1, 1, 1, 0, 0, 0, 0, 1];
  const s = [0.9, 0.6, 0.4, 0.7, 0.2, 0.1, 0.5, 0.5];

  it('ROC curve = sklearn.metrics.roc_curve(drop_intermediate=False), our start at threshold ∞ where sklearn writes max + 1', () => {
    const curve = rocCurve(y, s);
    expect(curve.map((p) => p.x)).toEqual([0.0, 0.0, 0.25, 0.25, 0.5, 0.5, 0.75, 1.0]);
    expect(curve.map((p) => p.y)).toEqual([0.0, 0.25, 0.25, 0.5, 0.75, 1.0, 1.0, 1.0]);
    expect(curve.map((p) => p.threshold)).toEqual([Infinity, 0.9, 0.7, 0.6, 0.5, 0.4, 0.2, 0.1]);
  });

  it('PR curve = sklearn.metrics.precision_recall_curve (its points in reverse, without the final (0, 1))', () => {
    const curve = prCurve(y, s);
    expect(curve.map((p) => p.threshold)).toEqual([0.9, 0.7, 0.6, 0.5, 0.4, 0.2, 0.1]);
    expect(curve.map((p) => p.x)).toEqual([0.25, 0.25, 0.5, 0.75, 1.0, 1.0, 1.0]);
    const precisions = [1.0, 0.5, 0.6666666666666666, 0.6, 0.6666666666666666, 0.5714285714285714, 0.5];
    curve.forEach((p, i) => expect(p.y).toBeCloseTo(precisions[i]!, 15));
  });

  it('one class only: AUC undefined, curves with zero rates instead of 0/0', () => {
    expect(rocAuc([0, 0, 0], [0.1, 0.5, 0.9])).toBeNaN();
    expect(rocAuc([1, 1], [0.1, 0.5])).toBeNaN();
    expect(rocCurve([0, 0], [0.2, 0.8]).map((p) => [p.x, p.y])).toEqual([[0, 0], [0.5, 0], [1, 0]]);
    expect(rocCurve([1, 1], [0.2, 0.8]).map((p) => [p.x, p.y])).toEqual([[0, 0], [0, 0.5], [0, 1]]);
    expect(prCurve([0, 0], [0.2, 0.8]).map((p) => [p.x, p.y])).toEqual([[0, 0], [0, 0]]);
    expect(averagePrecision([0, 0], [0.2, 0.8])).toBe(0);
  });

  it('zero denominators: recall 0 without positives, F1 0 when precision and recall are 0, accuracy 0 of nothing', () => {
    expect(recall({ tp: 0, fp: 2, tn: 1, fn: 0 })).toBe(0);
    expect(f1({ tp: 0, fp: 2, tn: 1, fn: 3 })).toBe(0);
    expect(accuracy({ tp: 0, fp: 0, tn: 0, fn: 0 })).toBe(0);
    expect(confusionAt([1, 0], [0.5, 0.49], 0.5)).toEqual({ tp: 1, fp: 0, tn: 1, fn: 0 });
  });

  it('explainedMetrics records every figure with its formula and inputs (hand count on four rows)', () => {
    // y 1, 0, 1, 0 with scores 0.9, 0.8, 0.3, 0.1 at 0.5: tp 1, fp 1, tn 1, fn 1; AUC 3 of 4 pairs;
    // AP: 0.9 → R ½ P 1, 0.8 → R ½ P ½, 0.3 → R 1 P ⅔: ½ · 1 + ½ · ⅔
    expect(explainedMetrics([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1], 0.5)).toEqual({
      accuracy: { value: 0.5, formula: '(tp + tn) / (tp + fp + tn + fn)', inputs: { tp: 1, fp: 1, tn: 1, fn: 1 } },
      precision: { value: 0.5, formula: 'tp / (tp + fp)', inputs: { tp: 1, fp: 1 } },
      recall: { value: 0.5, formula: 'tp / (tp + fn)', inputs: { tp: 1, fn: 1 } },
      f1: { value: 0.5, formula: '2 · precision · recall / (precision + recall)', inputs: { precision: 0.5, recall: 0.5 } },
      auc: { value: 0.75, formula: 'P(score of a random positive > score of a random negative), ties count 1/2', inputs: { positives: 2, negatives: 2 } },
      prAuc: { value: expect.closeTo(0.5 + 0.5 * (2 / 3), 15), formula: 'Σ_n (R_n − R_{n−1}) · P_n over distinct thresholds (average precision)', inputs: { positives: 2, rows: 4 } },
    });
  });
});

describe('metrics on no rows and log loss at the clip', () => {
  it('curves of nothing: the ROC curve is its start point, the PR curve empty', () => {
    expect(rocCurve([], [])).toEqual([{ threshold: Infinity, x: 0, y: 0 }]);
    expect(prCurve([], [])).toEqual([]);
  });

  it('a negative predicted with probability 1 costs −ln(1 − (1 − 1e-15)) = 34.54 in doubles (python: -math.log(1 - (1 - 1e-15))), not ∞', async () => {
    const { logLoss } = await import('../../src/ml/metrics.js');
    expect(logLoss([0], [1])).toBeCloseTo(34.53957599234088, 9);
  });
});
