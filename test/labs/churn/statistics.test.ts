/** The churn lab's issue-17 stages on hand-built inputs: every figure checkable by hand or against scipy. */
import { describe, expect, it } from 'vitest';
import { chooseFairnessAttributes, fairnessByGroup, fairnessTests } from '../../../src/labs/churn/fairness.js';
import type { ColumnInfo } from '../../../src/labs/churn/extract.js';
import { UsageError } from '../../../src/errors.js';
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

/** The Telco sample's attributes, as chooseFairnessAttributes names them there. */
const telco = [
  { column: 'gender', key: 'gender' },
  { column: 'SeniorCitizen', key: 'senior' },
];

describe('fairness tests', () => {
  it('reproduces the lab run: senior recall 72/87 vs 188/287, χ² p = 0.0021952 (scipy.stats.chi2_contingency, correction=False)', () => {
    const data = [...group('1', 219, 87, 72, 47), ...group('0', 1190, 287, 188, 153)];
    const sink: RecordedMetric[] = [];
    const rec = createRecorder('fairness', sink);
    const { groups } = fairnessByGroup(telco, data.map((d) => d.row), Uint8Array.from(data.map((d) => d.y)), Float64Array.from(data.map((d) => d.p)), 0.5, rec);
    const tests = fairnessTests(telco, groups, rec);
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
    const { groups } = fairnessByGroup(telco, data.map((d) => d.row), Uint8Array.from(data.map((d) => d.y)), Float64Array.from(data.map((d) => d.p)), 0.5, rec);
    const clustered = fairnessTests(telco, groups, rec, { column: 'household', largest: 4 });
    const plain = fairnessTests(telco, groups, rec);
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
    const { groups } = fairnessByGroup(telco, data.map((d) => d.row), Uint8Array.from(data.map((d) => d.y)), Float64Array.from(data.map((d) => d.p)), 0.5, rec);
    fairnessTests(telco, groups, rec);
    expect(sink.every((m) => Number.isFinite(m.value))).toBe(true);
    expect(sink.some((m) => m.key === 'fairness.senior.1.recall.ci95Low')).toBe(false);
    expect(sink.some((m) => m.key === 'fairness.senior.1.positiveRate.ci95Low')).toBe(true);
  });
});

describe('fairness attributes of any dataset', () => {
  const columns: ColumnInfo[] = [
    { name: 'Gender', kind: 'categorical' },
    { name: 'AGE', kind: 'numeric' },
    { name: 'Geography', kind: 'categorical' },
    { name: 'children', kind: 'numeric' },
    { name: 'income', kind: 'numeric' },
  ];
  // ages 1..100, children 0..3, income with cents: hand-checkable quartiles
  const rows = Array.from({ length: 100 }, (_, i) => ({ Gender: i % 2 ? 'Male' : 'Female', AGE: i + 1, Geography: 'France', children: i % 4, income: 1000.5 + i }));

  it('by default takes the columns named like a sensitive attribute, in any case, never the target, id or group column', () => {
    expect(chooseFairnessAttributes(columns, rows, ['Exited', null, null]).map((a) => [a.column, a.key])).toEqual([
      ['Gender', 'gender'],
      ['AGE', 'age'],
    ]);
    expect(chooseFairnessAttributes(columns, rows, ['Gender', null, null]).map((a) => a.column)).toEqual(['AGE']);
    // the Telco sample's SeniorCitizen keeps its key "senior", which its recorded figures use
    expect(chooseFairnessAttributes([{ name: 'SeniorCitizen', kind: 'numeric' }], [{ SeniorCitizen: 0 }, { SeniorCitizen: 1 }], ['Churn', 'customerID', null])).toEqual([{ column: 'SeniorCitizen', key: 'senior' }]);
  });

  it('--fairness names the columns exactly; none, a missing column, a near miss and the target are told apart', () => {
    expect(chooseFairnessAttributes(columns, rows, ['Exited', null, null], ['Geography', 'children']).map((a) => [a.column, a.key, a.bands])).toEqual([
      ['Geography', 'geography', undefined],
      ['children', 'children', undefined], // 4 values: its own groups, not bands
    ]);
    expect(chooseFairnessAttributes(columns, rows, ['Exited', null, null], [])).toEqual([]);
    expect(() => chooseFairnessAttributes(columns, rows, ['Exited', null, null], ['region'])).toThrow(UsageError);
    const nearMiss = (() => {
      try {
        chooseFairnessAttributes(columns, rows, ['Exited', null, null], ['gender']);
      } catch (error) {
        return error as UsageError;
      }
    })();
    expect(nearMiss?.hint).toMatch(/Did you mean "Gender"/);
    expect(() => chooseFairnessAttributes(columns, rows, ['Exited', null, 'Gender'], ['Gender'])).toThrow(/target, id or group column/);
  });

  it('bands a numeric column with many values at its quartiles (values at floor(q·(n−1)) of the sorted values), named by each band\'s own range', () => {
    const [, age] = chooseFairnessAttributes(columns, rows, ['Exited', null, null]);
    // sorted 1..100: index 24 → 25, index 49 → 50, index 74 → 75
    expect(age!.bands).toEqual({ upper: [25, 50, 75], names: ['1-25', '26-50', '51-75', '76-100'] });
    const [income] = chooseFairnessAttributes(columns, rows, ['Exited', null, null], ['income']);
    expect(income!.bands).toEqual({ upper: [1024.5, 1049.5, 1074.5], names: ['Q1', 'Q2', 'Q3', 'Q4'] });
  });

  it('compares the bands; rows without a value are in no group, counted and said in the test\'s note', () => {
    const [, age] = chooseFairnessAttributes(columns, rows, ['Exited', null, null]);
    const withBlanks = rows.map((r, i) => (i < 3 ? { ...r, AGE: null } : r));
    const y = Uint8Array.from(rows, (_, i) => (i % 3 === 0 ? 1 : 0));
    const p = Float64Array.from(rows, (_, i) => (i >= 50 ? 0.9 : 0.1));
    const rec = createRecorder('fairness', []);
    const { groups, leftOut } = fairnessByGroup([age!], withBlanks, y, p, 0.5, rec);
    expect(Object.keys(groups.AGE!)).toEqual(['1-25', '26-50', '51-75', '76-100']);
    expect(leftOut).toEqual({ AGE: 3 });
    expect(groups.AGE!['1-25']!.rows).toBe(22); // ages 4..25
    expect(groups.AGE!['51-75']).toMatchObject({ rows: 25, flagged: 25, recall: 1 });
    const tests = fairnessTests([age!], groups, rec, undefined, leftOut);
    expect(tests.AGE!.recallGap).toBe(1);
    expect(tests.AGE!.note).toMatch(/3 test rows without a AGE value are left out/);
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
