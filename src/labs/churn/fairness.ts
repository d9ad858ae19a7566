/**
 * Stage 11, fairness: recall, precision and flag rate on the test set for each group of the
 * sensitive attributes (gender and SeniorCitizen in the Telco data; in another dataset, the
 * columns named like one, or those --fairness names), at the chosen threshold. Large gaps are a
 * finding to discuss, not something the lab silently corrects.
 */
import { UsageError } from '../../errors.js';
import type { ColumnInfo, RawRow } from './extract.js';
import { ratesFrom } from './design.js';
import { round, type Recorder } from '../record.js';
import { chiSquareIndependence, wilsonInterval } from '../../ml/hypothesis.js';
import { sensitiveColumnNames, type FairnessAttribute, type FairnessGroup, type FairnessTest } from './types.js';

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A numeric column with more distinct values than this is banded (ages, incomes); fewer are its own groups (a 0/1 flag, a count of children). */
const maxGroupsUnbanded = 10;

/**
 * The attributes to compare: the columns --fairness names (none for "none"), else every column
 * whose name is a sensitive attribute's. The target, id and group columns are never attributes.
 * Bands come from all rows' values (quartiles), so they do not depend on the split.
 */
export function chooseFairnessAttributes(columns: ColumnInfo[], rows: RawRow[], reserved: (string | null)[], requested?: string[]): FairnessAttribute[] {
  const names = columns.map((c) => c.name);
  let chosen: ColumnInfo[];
  if (requested) {
    chosen = requested.map((name) => {
      if (reserved.includes(name)) throw new UsageError(`--fairness names "${name}", which is the target, id or group column`, 'Name the columns whose groups should be compared, e.g. --fairness gender,age.');
      const column = columns.find((c) => c.name === name);
      if (!column) {
        const near = names.find((n) => squash(n) === squash(name));
        throw new UsageError(`the fairness column "${name}" is not in the dataset`, near ? `Did you mean "${near}"? Column names are matched exactly.` : `Columns: ${names.join(', ')}.`);
      }
      return column;
    });
  } else {
    const wanted = new Set(sensitiveColumnNames.map(squash));
    chosen = columns.filter((c) => wanted.has(squash(c.name)) && !reserved.includes(c.name));
  }
  const keys = new Set<string>();
  return [...new Set(chosen)].map((c) => {
    let key = c.name === 'SeniorCitizen' ? 'senior' : squash(c.name) || 'column';
    while (keys.has(key)) key += '_';
    keys.add(key);
    return { column: c.name, key, ...(c.kind === 'numeric' ? bandsOf(rows, c.name) : {}) };
  });
}

function bandsOf(rows: RawRow[], column: string): { bands?: FairnessAttribute['bands'] } {
  const values = Float64Array.from(rows.flatMap((r) => (typeof r[column] === 'number' ? [r[column] as number] : []))).sort();
  const distinct = new Set(values).size;
  if (distinct <= maxGroupsUnbanded) return {};
  const upper = [...new Set([0.25, 0.5, 0.75].map((q) => values[Math.floor(q * (values.length - 1))]!))].filter((edge) => edge < values[values.length - 1]!);
  const integral = values.every(Number.isInteger);
  const names = [...upper, Infinity].map((high, b) => {
    const low = b === 0 ? -Infinity : upper[b - 1]!;
    const inBand = values.filter((v) => v > low && v <= high);
    // "18-32": the band's own smallest and largest value; names keep out of metric keys' dots
    return integral ? `${inBand[0]}-${inBand[inBand.length - 1]}` : `Q${b + 1}`;
  });
  return { bands: { upper, names } };
}

/** The group a row falls in for an attribute: its value or its band; null when the row has no value (it is left out of that attribute's comparison). */
export function groupOf(attribute: FairnessAttribute, row: RawRow): string | null {
  const v = row[attribute.column];
  if (v === null || v === undefined || v === '') return null;
  if (!attribute.bands || typeof v !== 'number') return String(v);
  const b = attribute.bands.upper.findIndex((edge) => v <= edge);
  return attribute.bands.names[b < 0 ? attribute.bands.upper.length : b]!;
}

/** How a banded attribute's groups were formed, for the formulas. */
function bandNote(a: FairnessAttribute): string {
  return a.bands ? ` (${a.column} in quartile bands, upper ends ${a.bands.upper.join(', ')})` : '';
}

/**
 * `rows`: the test rows as extracted (before cleaning), in the order of y and p. A row without a
 * value of the attribute is in none of its groups ("missing" is not a group of people); `leftOut`
 * counts them by column.
 */
export function fairnessByGroup(attributes: FairnessAttribute[], rows: RawRow[], y: Uint8Array, p: Float64Array, threshold: number, rec: Recorder): { groups: Record<string, Record<string, FairnessGroup>>; leftOut: Record<string, number> } {
  const out: Record<string, Record<string, FairnessGroup>> = {};
  const leftOut: Record<string, number> = {};
  for (const attribute of attributes) {
    const { column, key } = attribute;
    const groups = rows.map((r) => groupOf(attribute, r));
    const missing = groups.filter((g) => g === null).length;
    if (missing > 0) leftOut[column] = missing;
    const values = [...new Set(groups.filter((g): g is string => g !== null))].sort();
    if (values.length === 0) continue;
    out[column] = {};
    for (const value of values) {
      const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
      rows.forEach((r, i) => {
        if (groups[i] !== value) return;
        const flagged = p[i]! >= threshold;
        if (y[i]) flagged ? c.tp++ : c.fn++;
        else flagged ? c.fp++ : c.tn++;
      });
      const n = c.tp + c.fp + c.tn + c.fn;
      const rates = ratesFrom(c);
      const base = `test rows with ${column} = ${value}${bandNote(attribute)}, threshold ${threshold.toFixed(3)}`;
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
  return { groups: out, leftOut };
}

export const significanceLevel = 0.05;

/**
 * Is a gap between groups more than chance? Pearson's chi-square test (no continuity correction)
 * on groups × (detected, missed) among the actual churners for recall, and on groups × (flagged,
 * not flagged) among all rows for the flag rate. With two groups this is the two-proportion
 * z-test (χ² = z²). The gap is the largest minus the smallest group rate.
 */
/** `clustered`: the rows come in groups of this column (--group-column with groups of more than one row), which the tests do not model. */
export function fairnessTests(attributes: FairnessAttribute[], groups: Record<string, Record<string, FairnessGroup>>, rec: Recorder, clustered?: { column: string; largest: number }, leftOut: Record<string, number> = {}): Record<string, FairnessTest> {
  const out: Record<string, FairnessTest> = {};
  for (const { column, key } of attributes) {
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
        leftOut[column] ? `${leftOut[column]} test row${leftOut[column] === 1 ? '' : 's'} without a ${column} value ${leftOut[column] === 1 ? 'is' : 'are'} left out` : undefined,
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
