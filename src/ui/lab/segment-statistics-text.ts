/**
 * The segment lab's lines for issue 17's figures (cancellation pairs and, with
 * --net-cancellations, R1 beside netted figures; the partial final month; the counting rules),
 * printed after the main text summary. The HTML report renders the same figures from the run.
 */
import type { runSegmentLab } from '../../labs/segment/run.js';
import { renderTable } from '../text.js';

type SegmentResult = Awaited<ReturnType<typeof runSegmentLab>>;

const money = (v: number) => v.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function segmentStatisticsLines(r: SegmentResult): string[] {
  const out: string[] = [];
  out.push(`RFM scores: ${r.rfm.scoring}`);
  if (r.cohorts.partialMonth) out.push(`Cohorts: ${r.cohorts.partialMonth.note}; month-1 retention ${pct(r.cohorts.month1Retention)}`);
  if ('counting' in r.recommendations && r.recommendations.counting) out.push(`Co-purchase rules: ${r.recommendations.counting}`);
  const c = r.cancellations;
  out.push(`Cancellations: ${c.pairs} of ${c.cancellationLines} cancellation lines matched to the purchase they cancel (${c.rule}): ${money(c.revenue)} of R1 revenue (${pct(c.revenueShare)}), ${c.customers} customers. R1 keeps these purchases${c.net ? '' : '; --net-cancellations shows RFM, concentration and CLV without them'}.`);
  if (c.largest.length) out.push(renderTable(['customer', 'item', 'quantity', 'amount', 'bought', 'cancelled'], c.largest.map((p) => [p.customer, p.item, p.quantity, money(p.amount), p.purchaseDate, p.cancellationDate])));
  if (c.net) {
    const n = c.net;
    out.push('', `Net of matched cancellations (R1 beside net): ${n.customers} customers (${n.customersRemoved} left with no purchase), revenue ${money(n.revenue)}`);
    out.push(renderTable(['segment', 'customers R1', 'net', 'revenue share R1', 'net'], n.segments.map((s) => [s.name, s.r1Customers, s.netCustomers, pct(s.r1RevenueShare), pct(s.netRevenueShare)])));
    const keys = ['top1Share', 'top10Share', 'top20Share', 'gini'] as const;
    out.push(renderTable(['concentration', 'R1', 'net'], keys.map((k) => [k, n.concentration.r1[k].toFixed(4), (n.concentration.net as Record<string, number>)[k]!.toFixed(4)])));
    out.push(`Mean 12-month CLV: R1 ${money(n.clv.r1Mean12m)}, net ${n.clv.netMean12m === null ? 'not fitted (too few customers left)' : money(n.clv.netMean12m)}`);
    for (const e of n.examples) out.push(`  customer ${e.customer}: monetary ${money(e.r1Monetary)} (M = ${e.r1MScore}) → net ${money(e.netMonetary)}${e.netMScore === null ? ' (no purchase left)' : ` (M = ${e.netMScore})`}`);
  }
  return out;
}
