/**
 * Stage 11, fairness: recall, precision and flag rate on the test set for each group of the
 * sensitive attributes present (gender and SeniorCitizen in the Telco data), at the chosen
 * threshold. Large gaps are a finding to discuss, not something the lab silently corrects.
 */
import type { RawRow } from './extract.js';
import { ratesFrom } from './design.js';
import { round, type Recorder } from '../record.js';
import { chiSquareIndependence, wilsonInterval } from '../../ml/hypothesis.js';
import type { FairnessGroup, FairnessTest } from './types.js';

/** Attribute column → short key used in metric names. */
export const fairnessAttributes: { column: string; key: string }[] = [
  { column: 'gender', key: 'gender' },
  { column: 'SeniorCitizen', key: 'senior' },
];

export function fairnessByGroup(rows: RawRow[], y: Uint8Array, p: Float64Array, threshold: number, rec: Recorder): Record<string, Record<string, FairnessGroup>> {
  const out: Record<string, Record<string, FairnessGroup>> = {};
  for (const { column, key } of fairnessAttributes) {
    if (!rows.some((r) => r[column] !== undefined)) continue;
    const values = [...new Set(rows.map((r) => String(r[column])))].sort();
    out[column] = {};
    for (const value of values) {
      const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
      rows.forEach((r, i) => {
        if (String(r[column]) !== value) return;
        const flagged = p[i]! >= threshold;
        if (y[i]) flagged ? c.tp++ : c.fn++;
        else flagged ? c.fp++ : c.tn++;
      });
      const n = c.tp + c.fp + c.tn + c.fn;
      const rates = ratesFrom(c);
      const base = `test rows with ${column} = ${value}, threshold ${threshold.toFixed(3)}`;
      rec.metric(`fairness.${key}.${value}.recall`, rates.recall, `tp / (tp + fn) on ${base}`, { tp: c.tp, fn: c.fn }, 'ratio');
      rec.metric(`fairness.${key}.${value}.precision`, rates.precision, `tp / (tp + fp) on ${base}`, { tp: c.tp, fp: c.fp }, 'ratio');
      rec.metric(`fairness.${key}.${value}.positiveRate`, (c.tp + c.fp) / n, `(tp + fp) / n: share flagged, on ${base}`, { flagged: c.tp + c.fp, rows: n }, 'ratio');
      const recallCi = wilsonInterval(c.tp, c.tp + c.fn);
      const flagCi = wilsonInterval(c.tp + c.fp, n);
      // a group without churners in the test rows has no recall to bound
      if (c.tp + c.fn > 0) {
        rec.metric(`fairness.${key}.${value}.recall.ci95Low`, recallCi[0], `Wilson 95% interval, lower end, for recall = ${c.tp}/${c.tp + c.fn} on ${base}`, { tp: c.tp, positives: c.tp + c.fn }, 'ratio');
        rec.metric(`fairness.${key}.${value}.recall.ci95High`, recallCi[1], `Wilson 95% interval, upper end, for recall = ${c.tp}/${c.tp + c.fn} on ${base}`, { tp: c.tp, positives: c.tp + c.fn }, 'ratio');
      }
      rec.metric(`fairness.${key}.${value}.positiveRate.ci95Low`, flagCi[0], `Wilson 95% interval, lower end, for the flag rate ${c.tp + c.fp}/${n} on ${base}`, { flagged: c.tp + c.fp, rows: n }, 'ratio');
      rec.metric(`fairness.${key}.${value}.positiveRate.ci95High`, flagCi[1], `Wilson 95% interval, upper end, for the flag rate ${c.tp + c.fp}/${n} on ${base}`, { flagged: c.tp + c.fp, rows: n }, 'ratio');
      out[column][value] = {
        rows: n,
        positives: c.tp + c.fn,
        detected: c.tp,
        flagged: c.tp + c.fp,
        recall: round(rates.recall),
        recallCi95: c.tp + c.fn > 0 ? [round(recallCi[0]), round(recallCi[1])] : [0, 1],
        precision: round(rates.precision),
        positiveRate: round((c.tp + c.fp) / n),
        positiveRateCi95: [round(flagCi[0]), round(flagCi[1])],
      };
    }
  }
  return out;
}

export const significanceLevel = 0.05;

/**
 * Is a gap between groups more than chance? Pearson's chi-square test (no continuity correction)
 * on groups × (detected, missed) among the actual churners for recall, and on groups × (flagged,
 * not flagged) among all rows for the flag rate. With two groups this is the two-proportion
 * z-test (χ² = z²). The gap is the largest minus the smallest group rate.
 */
/** `clustered`: the rows come in groups of this column (--group-column with groups of more than one row), which the tests do not model. */
export function fairnessTests(groups: Record<string, Record<string, FairnessGroup>>, rec: Recorder, clustered?: { column: string; largest: number }): Record<string, FairnessTest> {
  const out: Record<string, FairnessTest> = {};
  for (const { column, key } of fairnessAttributes) {
    const byValue = groups[column];
    if (!byValue) continue;
    const values = Object.keys(byValue);
    if (values.length < 2) continue;
    const gs = values.map((v) => byValue[v]!);
    const recallTable = gs.map((g) => [g.detected, g.positives - g.detected]);
    const flagTable = gs.map((g) => [g.flagged, g.rows - g.flagged]);
    // a column of zeros (nobody detected, or everybody) leaves the test undefined: report p = 1
    const test = (table: number[][]) => (table.some((r) => r[0]! + r[1]! === 0) || table.every((r) => r[0] === 0) || table.every((r) => r[1] === 0) ? { statistic: 0, df: values.length - 1, pValue: 1, expected: [] } : chiSquareIndependence(table));
    const recallTest = test(recallTable);
    const flagTest = test(flagTable);
    const rates = (f: (g: FairnessGroup) => number) => gs.map(f);
    const gap = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    const recallGap = gap(rates((g) => g.detected / Math.max(1, g.positives)));
    const flagGap = gap(rates((g) => g.flagged / Math.max(1, g.rows)));
    const minExpected = Math.min(...(recallTest.expected as number[][]).flat(), Infinity);
    const inputs = (table: number[][]) => Object.fromEntries(values.map((v, i) => [v, table[i]]));
    rec.metric(`fairness.${key}.recallGap`, recallGap, `largest − smallest recall across ${column} groups, test set`, inputs(recallTable), 'ratio');
    rec.metric(`fairness.${key}.recallGap.pValue`, recallTest.pValue, `Pearson χ² test (no continuity correction) of equal recall: ${column} groups × (detected, missed) among actual churners`, { ...inputs(recallTable), chiSquare: round(recallTest.statistic, 6), df: recallTest.df }, 'ratio');
    rec.metric(`fairness.${key}.positiveRateGap`, flagGap, `largest − smallest flag rate across ${column} groups, test set`, inputs(flagTable), 'ratio');
    rec.metric(`fairness.${key}.positiveRateGap.pValue`, flagTest.pValue, `Pearson χ² test (no continuity correction) of equal flag rate: ${column} groups × (flagged, not flagged)`, { ...inputs(flagTable), chiSquare: round(flagTest.statistic, 6), df: flagTest.df }, 'ratio');
    const verdict = (p: number) => (p < significanceLevel ? 'significant' : 'not significant');
    out[column] = {
      attribute: key,
      test: 'Pearson chi-square, no continuity correction',
      alpha: significanceLevel,
      recallGap: round(recallGap),
      recallChiSquare: round(recallTest.statistic),
      recallPValue: Number(recallTest.pValue.toPrecision(3)),
      recallVerdict: verdict(recallTest.pValue),
      positiveRateGap: round(flagGap),
      positiveRateChiSquare: round(flagTest.statistic),
      positiveRatePValue: Number(flagTest.pValue.toPrecision(3)),
      positiveRateVerdict: verdict(flagTest.pValue),
      ...noteOf([
        Number.isFinite(minExpected) && minExpected < 5 ? `an expected count is ${minExpected.toFixed(1)} (< 5): the χ² approximation is rough; read the Wilson intervals` : undefined,
        // copies or snapshots of one customer are counted as separate customers: the evidence is overstated
        clustered ? `the test rows come in groups of ${clustered.column} (up to ${clustered.largest} rows each), which the χ² test and the Wilson intervals count as independent customers: they overstate the certainty` : undefined,
      ]),
    };
  }
  return out;
}

function noteOf(notes: (string | undefined)[]): { note?: string } {
  const said = notes.filter((n): n is string => n !== undefined);
  return said.length ? { note: said.join('; ') } : {};
}
