/**
 * Stage 11, fairness: recall, precision and flag rate on the test set for each group of the
 * sensitive attributes present (gender and SeniorCitizen in the Telco data), at the chosen
 * threshold. Large gaps are a finding to discuss, not something the lab silently corrects.
 */
import type { RawRow } from './extract.js';
import { ratesFrom } from './design.js';
import { round, type Recorder } from '../record.js';
import type { FairnessGroup } from './types.js';

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
      out[column][value] = { rows: n, positives: c.tp + c.fn, recall: round(rates.recall), precision: round(rates.precision), positiveRate: round((c.tp + c.fp) / n) };
    }
  }
  return out;
}
