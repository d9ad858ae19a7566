/** The churn lab's issue-17 stages on hand-built inputs: every figure checkable by hand or against scipy. */
import { describe, expect, it } from 'vitest';
import { fairnessByGroup, fairnessTests } from '../../../src/labs/churn/fairness.js';
import { chooseModel, testIntervals } from '../../../src/labs/churn/statistics.js';
import { createRecorder, type RecordedMetric } from '../../../src/labs/record.js';
import { rowsUnseenByBoth } from '../../../src/labs/monitor/compare-models.js';
import type { ReferenceArtifact } from '../../../src/labs/churn/save.js';

/** Rows for one group: `detected` of `positives` churners flagged, `flaggedNegatives` of the rest flagged. */
function group(value: string, rows: number, positives: number, detected: number, flaggedNegatives: number) {
  const out: { row: Record<string, string>; y: number; p: number }[] = [];
  for (let i = 0; i < rows; i++) {
    const positive = i < positives;
    const flagged = positive ? i < detected : i - positives < flaggedNegatives;
    out.push({ row: { SeniorCitizen: value, gender: i % 2 ? 'Male' : 'Female' }, y: positive ? 1 : 0, p: flagged ? 0.9 : 0.1 });
  }
  return out;
}

describe('fairness tests', () => {
  it('reproduces the lab run: senior recall 72/87 vs 188/287, χ² p = 0.0021952 (scipy.stats.chi2_contingency, correction=False)', () => {
    const data = [...group('1', 219, 87, 72, 47), ...group('0', 1190, 287, 188, 153)];
    const sink: RecordedMetric[] = [];
    const rec = createRecorder('fairness', sink);
    const groups = fairnessByGroup(data.map((d) => d.row), Uint8Array.from(data.map((d) => d.y)), Float64Array.from(data.map((d) => d.p)), 0.5, rec);
    const tests = fairnessTests(groups, rec);
    expect(groups.SeniorCitizen!['1']).toMatchObject({ positives: 87, detected: 72, flagged: 119 });
    expect(tests.SeniorCitizen!.recallPValue).toBeCloseTo(0.0022, 6); // 3 significant digits in the result; exact in the run store
    expect(tests.SeniorCitizen!.recallVerdict).toBe('significant');
    expect(tests.SeniorCitizen!.recallGap).toBeCloseTo(72 / 87 - 188 / 287, 4);
    expect(sink.find((m) => m.key === 'fairness.senior.recallGap.pValue')!.value).toBeCloseTo(0.0021951859020738246, 10);
    expect(sink.every((m) => Number.isFinite(m.value))).toBe(true);
  });

  it('with rows in groups of one customer (--group-column) each test notes that it counts them as independent; without, no such note', () => {
    const data = [...group('1', 219, 87, 72, 47), ...group('0', 1190, 287, 188, 153)];
    const rec = createRecorder('fairness', []);
    const groups = fairnessByGroup(data.map((d) => d.row), Uint8Array.from(data.map((d) => d.y)), Float64Array.from(data.map((d) => d.p)), 0.5, rec);
    const clustered = fairnessTests(groups, rec, { column: 'household', largest: 4 });
    const plain = fairnessTests(groups, rec);
    expect(Object.keys(clustered).sort()).toEqual(['SeniorCitizen', 'gender']);
    for (const t of Object.values(clustered)) expect(t.note).toMatch(/groups of household \(up to 4 rows each\).*overstate the certainty/);
    for (const t of Object.values(plain)) expect(t.note ?? '').not.toMatch(/household/);
    // the figures themselves are the same
    expect({ ...clustered.SeniorCitizen, note: undefined }).toEqual({ ...plain.SeniorCitizen, note: undefined });
  });

  it('a group without churners gets no recall interval and no NaN; the test says p = 1 rather than fail', () => {
    const data = [...group('1', 20, 0, 0, 5), ...group('0', 50, 10, 6, 4)];
    const sink: RecordedMetric[] = [];
    const rec = createRecorder('fairness', sink);
    const groups = fairnessByGroup(data.map((d) => d.row), Uint8Array.from(data.map((d) => d.y)), Float64Array.from(data.map((d) => d.p)), 0.5, rec);
    fairnessTests(groups, rec);
    expect(sink.every((m) => Number.isFinite(m.value))).toBe(true);
    expect(sink.some((m) => m.key === 'fairness.senior.1.recall.ci95Low')).toBe(false);
    expect(sink.some((m) => m.key === 'fairness.senior.1.positiveRate.ci95Low')).toBe(true);
  });
});

describe('test intervals', () => {
  it('records no interval for a figure undefined on every resample (nothing flagged), and only finite figures', () => {
    const y = Uint8Array.from({ length: 40 }, (_, i) => (i < 10 ? 1 : 0));
    const p = Float64Array.from({ length: 40 }, (_, i) => (i < 10 ? 0.4 + i / 100 : 0.3 + i / 100));
    const sink: RecordedMetric[] = [];
    const iv = testIntervals(y, p, 1.5, { offerCost: 50, savedValue: 500, successRate: 0.3 }, 1, createRecorder('test', sink));
    expect(sink.every((m) => Number.isFinite(m.value))).toBe(true);
    expect(sink.some((m) => m.key === 'test.precision.ci95Low')).toBe(false);
    expect(sink.find((m) => m.key === 'test.recall.ci95Low')!.value).toBe(0);
    expect(iv.auc[0]).toBeLessThanOrEqual(iv.auc[1]);
    // nothing is flagged at 1.5 (net value 0); at 0.5 the negatives 20..39 (p 0.50..0.69) are flagged,
    // worth −50 each: gain = 0 − (−50 · 20) = 1000
    expect(iv.netValueGain.value).toBe(1000);
  });
});

describe('model choice by the one-standard-error rule', () => {
  it('takes the simplest model within one SE of the best mean (SE = fold std / √k, by hand)', () => {
    const perFold = {
      logistic_regression: [0.84, 0.85, 0.845, 0.85, 0.84], // mean 0.845
      random_forest: [0.83, 0.84, 0.835, 0.83, 0.835], // mean 0.834
      gradient_boosting: [0.845, 0.855, 0.85, 0.852, 0.848], // mean 0.85
    };
    const mean = 0.85;
    const sd = Math.sqrt([0.845, 0.855, 0.85, 0.852, 0.848].reduce((a, x) => a + (x - mean) ** 2, 0) / 4);
    const sink: RecordedMetric[] = [];
    const choice = chooseModel(perFold, 'gradient_boosting', 0.25, createRecorder('cv', sink));
    expect(choice.bestByMean).toBe('gradient_boosting');
    expect(sink.find((m) => m.key === 'cv.choice.standardError')!.value).toBeCloseTo(sd / Math.sqrt(5), 12);
    // cutoff 0.85 − 0.00167 = 0.8483: logistic regression (0.845) is outside, so the rule keeps gradient boosting
    expect(choice.withinOneSe).toEqual(['gradient_boosting']);
    expect(choice.chosen).toBe('gradient_boosting');
    expect(choice.reason).not.toContain('Deployed:');
    const close = chooseModel({ ...perFold, logistic_regression: [0.845, 0.853, 0.85, 0.851, 0.846] }, 'gradient_boosting', 0.25, createRecorder('cv', []));
    expect(close.chosen).toBe('logistic_regression');
    expect(close.reason).toMatch(/Deployed: gradient boosting.*TreeSHAP/);
  });
});

describe('rows both models can be compared on', () => {
  const reference = (training: Record<string, unknown>[], holdout: Record<string, unknown>[], trainingIds?: string[]): ReferenceArtifact => ({
    columns: ['a', 'b'],
    training: training as ReferenceArtifact['training'],
    holdout: holdout.map((record) => ({ record: record as ReferenceArtifact['training'][number], label: true })),
    ...(trainingIds ? { trainingIds } : {}),
  });
  it('by customer id when the old run kept its training ids, else by identical columns', () => {
    const newRef = reference([], [{ id: 'x', a: 1, b: 'p' }, { id: 'y', a: 2, b: 'q' }, { id: 'z', a: 3, b: 'r' }]);
    const byId = rowsUnseenByBoth(reference([{ a: 9, b: 'p' }], [], ['x']), newRef, 'id');
    expect(byId.rows.map((r) => r.record.id)).toEqual(['y', 'z']);
    const byContent = rowsUnseenByBoth(reference([{ a: 2, b: 'q' }], []), newRef, 'id');
    expect(byContent.rows.map((r) => r.record.id)).toEqual(['x', 'z']);
    expect(byContent.rule).toMatch(/column for column/);
  });
});
