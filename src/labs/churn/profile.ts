/**
 * Stage 2, profile: what the table looks like before any modelling. Rows, class balance,
 * missing values by column, and the positive rate by each categorical column and by tenure band,
 * the tables a candidate looks at first ("month-to-month contracts churn most").
 */
import type { ChurnTable } from './extract.js';
import { round, type Recorder } from '../record.js';
import { distinctValuesUpTo } from './clean.js';

export interface RateRow {
  value: string;
  rows: number;
  positives: number;
  rate: number;
}

export interface ChurnProfile {
  rows: number;
  positives: number;
  positiveRate: number;
  /** Accuracy of always predicting the majority class: the floor any model must beat. */
  majorityBaselineAccuracy: number;
  missing: { column: string; missing: number }[];
  /** Positive rate by value of every categorical column with at most 12 values. */
  rateBy: { column: string; rows: RateRow[] }[];
  /** Positive rate by tenure band, when the table has a numeric `tenure` column. */
  rateByTenureBand: RateRow[] | null;
}

export const tenureBands: { label: string; upTo: number }[] = [
  { label: '0-12 months', upTo: 12 },
  { label: '13-24 months', upTo: 24 },
  { label: '25-48 months', upTo: 48 },
  { label: '49+ months', upTo: Infinity },
];

export function tenureBandOf(tenure: number): string {
  return tenureBands.find((b) => tenure <= b.upTo)!.label;
}

function ratesByKey(keys: (string | null)[], y: Uint8Array, order?: string[]): RateRow[] {
  const groups = new Map<string, { rows: number; positives: number }>();
  keys.forEach((k, i) => {
    if (k === null) return;
    const g = groups.get(k) ?? { rows: 0, positives: 0 };
    g.rows++;
    g.positives += y[i]!;
    groups.set(k, g);
  });
  const values = order ? order.filter((v) => groups.has(v)) : [...groups.keys()].sort();
  return values.map((value) => {
    const g = groups.get(value)!;
    return { value, rows: g.rows, positives: g.positives, rate: round(g.positives / g.rows) };
  });
}

export function profileTable(table: ChurnTable, rec: Recorder): ChurnProfile {
  const n = table.rows.length;
  let positives = 0;
  for (const v of table.y) positives += v;
  rec.metric('dataset.rows', n, 'count of rows with a target value', { droppedMissingTarget: table.droppedMissingTarget }, 'rows');
  rec.metric('dataset.positives', positives, `count of rows where ${table.targetColumn} = "${table.positiveLabel}"`, { rows: n }, 'rows');
  const positiveRate = rec.metric('dataset.positiveRate', positives / n, 'positives / rows', { positives, rows: n }, 'ratio');
  const majority = Math.max(positives, n - positives);
  const majorityBaselineAccuracy = rec.metric(
    'dataset.majorityBaselineAccuracy',
    majority / n,
    'max(positives, negatives) / rows: accuracy of always predicting the larger class',
    { positives, negatives: n - positives, rows: n },
    'ratio',
  );

  const missing = table.columns
    .map((c) => ({ column: c.name, missing: table.rows.reduce((s, r) => s + (r[c.name] === null ? 1 : 0), 0) }))
    .filter((m) => m.missing > 0);

  const rateBy: ChurnProfile['rateBy'] = [];
  for (const c of table.columns) {
    // Counting stops past 12 values: a column with more is not tabulated, and counting every
    // distinct value of a numeric column (70,000 strings at 10x Telco) cost more than the rest of
    // the stage.
    const distinct = distinctValuesUpTo(table.rows, c.name, 12);
    const isLowCardinality = c.kind === 'categorical' || distinct <= 2;
    if (!isLowCardinality || distinct > 12 || distinct < 2) continue;
    const keys = table.rows.map((r) => (r[c.name] === null ? null : String(r[c.name])));
    rateBy.push({ column: c.name, rows: ratesByKey(keys, table.y) });
  }

  let rateByTenureBand: RateRow[] | null = null;
  if (table.columns.some((c) => c.name === 'tenure' && c.kind === 'numeric')) {
    const keys = table.rows.map((r) => (typeof r.tenure === 'number' ? tenureBandOf(r.tenure) : null));
    rateByTenureBand = ratesByKey(keys, table.y, tenureBands.map((b) => b.label));
  }
  return { rows: n, positives, positiveRate: round(positiveRate), majorityBaselineAccuracy: round(majorityBaselineAccuracy), missing, rateBy, rateByTenureBand };
}
