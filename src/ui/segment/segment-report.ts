/**
 * The segmentation lab's result as plain text (terminal charts included) and as a self-contained
 * HTML report. Both read only the result object, so they show exactly what was recorded.
 */
import asciichart from 'asciichart';
import { colorEnabled } from '../../env.js';
import { renderTable, style } from '../text.js';
import { renderHtmlReport, type ReportSection } from '../report-html.js';
import type { runSegmentLab } from '../../labs/segment/run.js';

export type SegmentLabResult = Awaited<ReturnType<typeof runSegmentLab>>;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const money = (x: number) => x.toLocaleString('en-GB', { maximumFractionDigits: 0 });

/** Cohort retention as a heatmap of shaded blocks (darker = higher retention); numbers for month 1. */
export function cohortHeatmap(months: string[], retention: number[][]): string {
  const shades = [' ', '░', '▒', '▓', '█'];
  const color = colorEnabled();
  const lines = [`${'cohort'.padEnd(8)} share of the cohort buying in each month after its first (month 0 = 100%)`];
  retention.forEach((row, i) => {
    const cells = row
      .map((v, m) => {
        if (m === 0) return '██';
        const shade = shades[Math.min(4, Math.floor(v / 0.125))]!;
        const block = shade.repeat(2);
        return color ? `\u001b[36m${block}\u001b[39m` : block;
      })
      .join('');
    lines.push(`${months[i]!.padEnd(8)} ${cells}  m1 ${row[1] === undefined ? '  - ' : pct(row[1]!).padStart(6)}`);
  });
  lines.push(`${''.padEnd(8)} shade: ' ' <12.5%  ░ <25%  ▒ <37.5%  ▓ <50%  █ ≥50%`);
  return lines.join('\n');
}

export function renderSegmentText(r: SegmentLabResult): string {
  const out: string[] = [];
  const h = (t: string) => out.push('', style('bold', t));
  out.push(style('bold', `Segmentation lab on ${r.dataset.title}`), `  ${r.dataset.label}; licence: ${r.dataset.licence}`, `  run ${r.runId}: every figure below is recorded; \`prep explain KEY --run ${r.runId}\` shows how it was reached`);

  h('1. Cleaning (protocol R1)');
  out.push(
    renderTable(
      ['step', 'lines'],
      [['lines in', r.cleaning.linesIn], ...Object.entries(r.cleaning.dropped).map(([k, v]) => [`dropped: ${k}`, v]), ['lines out', r.cleaning.linesOut]],
    ),
    `customers ${r.cleaning.customers.toLocaleString('en')}, invoices ${r.cleaning.invoices.toLocaleString('en')}, revenue ${r.cleaning.revenue.toLocaleString('en-GB', { minimumFractionDigits: 2 })}, ${r.cleaning.firstDate} to ${r.cleaning.lastDate}`,
  );

  h('2. Revenue by month');
  const revenue = r.eda.revenueByMonth.map((m) => m.revenue / 1000);
  if (revenue.length > 1) out.push(asciichart.plot(revenue, { height: 8, format: (x: number) => `${x.toFixed(0).padStart(5)}k` }), `        ${r.eda.revenueByMonth[0]!.month} … ${r.eda.revenueByMonth.at(-1)!.month} (the last month is partial: data ends ${r.cleaning.lastDate})`);
  out.push(renderTable(['country', 'revenue', 'customers'], r.eda.topCountries.slice(0, 5).map((c) => [c.country, c.revenue, c.customers])));
  out.push(renderTable(['top product', 'description', 'revenue'], r.eda.topProducts.slice(0, 5).map((p) => [p.item, p.description, p.revenue])));
  const b = r.eda.basketSize;
  out.push(`basket size (distinct items per invoice): median ${b.median}, quartiles ${b.p25}-${b.p75}, 90th percentile ${b.p90}, max ${b.max}`);

  h(`3. RFM (snapshot ${r.rfm.snapshot}; medians R ${r.rfm.median.recency} days, F ${r.rfm.median.frequency} invoices, M ${r.rfm.median.monetary})`);
  out.push(renderTable(['segment', 'rule', 'customers', '% customers', '% revenue'], r.segments.map((s) => [s.name, s.rule, s.customers, pct(s.customerShare), pct(s.revenueShare)])));

  h(`4. K-means on log1p + standardised R, F, M: chosen k = ${r.kmeans.chosenK}: ${r.kmeans.rule}`);
  out.push(renderTable(['k', 'inertia', 'silhouette', ''], r.kmeans.runs.map((k) => [k.k, k.inertia, k.silhouette, '█'.repeat(Math.round(k.silhouette * 40)) + (k.k === r.kmeans.chosenK ? ' ← chosen' : '')])));
  out.push(renderTable(['cluster', 'customers', '% revenue', 'mean R', 'mean F', 'mean M', 'what it is'], r.kmeans.clusters.map((c) => [c.cluster, c.customers, pct(c.revenueShare), c.meanRecency, c.meanFrequency, c.meanMonetary, c.description])));

  h('5. Revenue concentration');
  out.push(`top 1% of customers: ${pct(r.concentration.top1Share)} of revenue; top 10%: ${pct(r.concentration.top10Share)}; top 20%: ${pct(r.concentration.top20Share)}; Gini ${r.concentration.gini.toFixed(3)}`);

  h('6. Monthly cohorts');
  out.push(cohortHeatmap(r.cohorts.months, r.cohorts.retention));

  h(`7. CLV: BG/NBD + Gamma-Gamma, calibration to ${r.clv.calibrationEnd}, hold-out ${r.clv.holdoutWeeks} weeks to ${r.clv.holdoutEnd}`);
  out.push(
    `BG/NBD r ${r.clv.bgnbd.r}, alpha ${r.clv.bgnbd.alpha}, a ${r.clv.bgnbd.a}, b ${r.clv.bgnbd.b} (log-likelihood ${r.clv.bgnbd.logLik}, ${r.clv.customers} customers)`,
    `Gamma-Gamma p ${r.clv.gammaGamma.p}, q ${r.clv.gammaGamma.q}, v ${r.clv.gammaGamma.v} (${r.clv.repeatBuyers} repeat buyers)`,
    `hold-out purchase days: predicted ${r.clv.holdout.predicted}, actual ${r.clv.holdout.actual} (${pct(r.clv.holdout.predicted / r.clv.holdout.actual)} of actual)`,
    ...r.clv.notes.map((n) => `! ${n}`),
    renderTable(['decile', 'customers', 'predicted', 'actual'], r.clv.holdout.deciles.map((d) => [d.decile, d.customers, d.predicted, d.actual])),
    `12-month CLV (${r.clv.clv12m.assumption}): mean ${money(r.clv.clv12m.mean)}`,
    renderTable(['segment', 'customers', 'mean 12-month CLV'], r.clv.clv12m.bySegment.map((s) => [s.segment, s.customers, s.meanClv])),
  );

  h(`8. Co-purchase rules (${r.recommendations.baskets.toLocaleString('en')} invoices, pairs in ≥ ${pct(r.recommendations.minSupport ?? 0)} of them)`);
  if (r.recommendations.pairs.length) {
    out.push(renderTable(['A', 'B', 'support', 'conf A→B', 'lift'], r.recommendations.pairs.slice(0, 8).map((p) => [`${p.a} ${p.aName ?? ''}`.trim(), `${p.b} ${p.bName ?? ''}`.trim(), p.support, p.confidenceAB, p.lift]), { maxWidth: 36 }));
  }
  const also = r.recommendations.alsoBought;
  if (also && also.partners.length) {
    out.push(`customers who bought ${also.item} (${also.name ?? '?'}) also bought:`, ...also.partners.map((p) => `  ${p.b} ${p.bName ?? ''}: in ${pct(p.confidenceAB)} of its baskets (lift ${p.lift.toFixed(1)})`));
  }
  out.push('', style('dim', `timings (ms): ${Object.entries(r.timingsMs).map(([k, v]) => `${k} ${v}`).join(', ')}`));
  return out.join('\n');
}

export function renderSegmentHtml(r: SegmentLabResult): string {
  const sections: ReportSection[] = [
    {
      heading: 'Cleaning (protocol R1)',
      paragraphs: [`${r.cleaning.linesIn} lines in, ${r.cleaning.linesOut} out; ${r.cleaning.customers} customers, ${r.cleaning.invoices} invoices, revenue ${r.cleaning.revenue}.`],
      tables: [{ columns: ['reason dropped', 'lines'], rows: Object.entries(r.cleaning.dropped) }],
    },
    { heading: 'Revenue by month', charts: [{ kind: 'bar', title: 'Revenue by month', bars: r.eda.revenueByMonth.map((m) => ({ label: m.month, value: m.revenue })), format: (v) => money(v) }] },
    { heading: `RFM segments (snapshot ${r.rfm.snapshot})`, tables: [{ columns: ['segment', 'rule', 'customers', 'share of customers', 'share of revenue'], rows: r.segments.map((s) => [s.name, s.rule, s.customers, pct(s.customerShare), pct(s.revenueShare)]) }] },
    {
      heading: `K-means: k = ${r.kmeans.chosenK}`,
      paragraphs: [r.kmeans.rule],
      charts: [
        { kind: 'line', title: 'Inertia (elbow)', xLabel: 'k', yLabel: 'inertia', series: [{ name: 'inertia', points: r.kmeans.runs.map((k) => [k.k, k.inertia]) }] },
        { kind: 'bar', title: 'Silhouette by k', bars: r.kmeans.runs.map((k) => ({ label: `k=${k.k}`, value: k.silhouette })) },
      ],
      tables: [{ columns: ['cluster', 'customers', 'revenue share', 'mean R', 'mean F', 'mean M', 'description'], rows: r.kmeans.clusters.map((c) => [c.cluster, c.customers, pct(c.revenueShare), c.meanRecency, c.meanFrequency, c.meanMonetary, c.description]) }],
    },
    {
      heading: 'Revenue concentration',
      paragraphs: [`Top 1%: ${pct(r.concentration.top1Share)}, top 10%: ${pct(r.concentration.top10Share)}, top 20%: ${pct(r.concentration.top20Share)} of revenue; Gini ${r.concentration.gini}.`],
      charts: [{ kind: 'line', title: 'Lorenz curve', xLabel: 'share of customers', yLabel: 'share of revenue', diagonal: true, xDomain: [0, 1], yDomain: [0, 1], legend: 'upper-left', series: [{ name: 'Lorenz', points: r.concentration.lorenz as [number, number][] }] }],
    },
    { heading: 'Cohort retention', tables: [{ columns: ['cohort', 'size', ...Array.from({ length: 13 }, (_, m) => `m${m}`)], rows: r.cohorts.retention.map((row, i) => [r.cohorts.months[i]!, r.cohorts.sizes[i]!, ...row.map((v) => pct(v))]) }] },
    {
      heading: 'CLV (BG/NBD + Gamma-Gamma)',
      paragraphs: [`Calibration to ${r.clv.calibrationEnd}; hold-out ${r.clv.holdoutWeeks} weeks. BG/NBD r=${r.clv.bgnbd.r}, α=${r.clv.bgnbd.alpha}, a=${r.clv.bgnbd.a}, b=${r.clv.bgnbd.b}. Gamma-Gamma p=${r.clv.gammaGamma.p}, q=${r.clv.gammaGamma.q}, v=${r.clv.gammaGamma.v}.`, ...r.clv.notes, r.clv.clv12m.assumption],
      tables: [{ columns: ['decile', 'customers', 'predicted', 'actual'], rows: r.clv.holdout.deciles.map((d) => [d.decile, d.customers, d.predicted, d.actual]) }],
    },
    { heading: 'Co-purchase rules', tables: [{ columns: ['A', 'B', 'support', 'confidence A→B', 'lift'], rows: r.recommendations.pairs.map((p) => [`${p.a} ${p.aName ?? ''}`, `${p.b} ${p.bName ?? ''}`, p.support, p.confidenceAB, p.lift]) }] },
  ];
  return renderHtmlReport({ title: `Segmentation lab: ${r.dataset.title}`, subtitle: r.dataset.label, sections, footer: [`run ${r.runId}`, `${r.dataset.source}; licence ${r.dataset.licence}`] });
}
