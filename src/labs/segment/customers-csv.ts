/**
 * `prep lab segment --customers FILE.csv`: the per-customer table a CRM import needs, from the
 * run's saved "segments" artifact: recency, frequency, monetary, the three RFM scores, the named
 * segment, the k-means cluster and the 12-month CLV.
 */
import { csvField } from '../../data/datasets/csv-source.js';
import { segmentRules } from '../../ml/rfm.js';
import type { CustomerTableRow } from './run.js';

export const customerCsvColumns = ['customer_id', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'segment', 'cluster', 'clv_12m'] as const;

export function customersCsv(rows: CustomerTableRow[]): string {
  const name = new Map(segmentRules.map((s) => [s.key, s.name]));
  const lines = [customerCsvColumns.join(',')];
  for (const r of rows) {
    lines.push([r.customer, r.recency, r.frequency, r.monetary.toFixed(2), r.r, r.f, r.m, name.get(r.segment) ?? r.segment, r.cluster, r.clv12m === null ? '' : r.clv12m.toFixed(2)].map((v) => csvField(v)).join(','));
  }
  return `${lines.join('\n')}\n`;
}
