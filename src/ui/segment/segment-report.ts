/**
 * The segmentation lab's result as plain text (terminal charts included) and as a self-contained
 * HTML report. Both read only the result object, so they show exactly what was recorded.
 */
import asciichart from 'asciichart';
import { colorEnabled } from '../../env.js';
import { renderTable, style } from '../text.js';
import { renderHtmlReport, type CellValue, type ReportSection } from '../report-html.js';
import { formatCount, formatMoney, formatNumber, formatPercent, formatRatio } from '../number-format.js';
import type { runSegmentLab } from '../../labs/segment/run.js';

export type SegmentLabResult = Awaited<ReturnType<typeof runSegmentLab>>;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const money = (x: number) => x.toLocaleString('en-GB', { maximumFractionDigits: 0 });

/**
 * Cohort retention as a heatmap of shaded blocks (darker = higher retention), one aligned row per
 * cohort with its month-1 share at the right. Cells in `partialMonth` (a calendar month the data
 * covers only in part) are drawn as "··": their low share is the calendar, not the customers.
 */
export function cohortHeatmap(months: string[], retention: number[][], partialMonth?: string): string {
  const shades = [' ', '░', '▒', '▓', '█'];
  const color = colorEnabled();
  const width = Math.max(...retention.map((row) => row.length));
  const lines = [`${'cohort'.padEnd(8)} ${'m0'.padEnd(2 * width)}  m1`];
  retention.forEach((row, i) => {
    const cells = row
      .map((v, m) => {
        if (m === 0) return '██';
        if (partialMonth && addMonths(months[i]!, m) === partialMonth) return '··';
        const block = shades[Math.min(4, Math.floor(v / 0.125))]!.repeat(2);
        return color ? `\u001b[36m${block}\u001b[39m` : block;
      })
      .join('');
    const month1 = row.length > 1 && !(partialMonth && addMonths(months[i]!, 1) === partialMonth) ? pct(row[1]!) : '-';
    // pad by the number of cells, not the string (colour codes have no width)
    lines.push(`${months[i]!.padEnd(8)} ${cells}${' '.repeat(2 * (width - row.length))}  ${month1.padStart(6)}`);
  });
  lines.push(`${''.padEnd(8)} share buying again m months after their first month (m0 = 100%)`);
  lines.push(`${''.padEnd(8)} ' ' <12.5%  ░ <25%  ▒ <37.5%  ▓ <50%  █ ≥50%${partialMonth ? `  ·· ${partialMonth}, partial` : ''}`);
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
  const partial = partialMonths(r.cleaning.firstDate, r.cleaning.lastDate);
  out.push(cohortHeatmap(r.cohorts.months, r.cohorts.retention, partial.has(r.cleaning.lastDate.slice(0, 7)) ? r.cleaning.lastDate.slice(0, 7) : undefined));

  h(`7. CLV: BG/NBD + Gamma-Gamma, calibration to ${r.clv.calibrationEnd}, hold-out ${r.clv.holdoutWeeks} weeks to ${r.clv.holdoutEnd}`);
  out.push(
    `BG/NBD r ${r.clv.bgnbd.r}, alpha ${r.clv.bgnbd.alpha}, a ${r.clv.bgnbd.a}, b ${r.clv.bgnbd.b} (log-likelihood ${r.clv.bgnbd.logLik}, ${r.clv.customers} customers)`,
    r.clv.repeatBuyers > 0 ? `Gamma-Gamma p ${r.clv.gammaGamma.p}, q ${r.clv.gammaGamma.q}, v ${r.clv.gammaGamma.v} (${r.clv.repeatBuyers} repeat buyers)` : 'Gamma-Gamma: not fitted (no repeat buyers)',
    `hold-out purchase days: predicted ${r.clv.holdout.predicted}, actual ${r.clv.holdout.actual}${r.clv.holdout.actual > 0 ? ` (${pct(r.clv.holdout.predicted / r.clv.holdout.actual)} of actual)` : ''}`,
    ...r.clv.notes.map((n) => `! ${n}`),
    renderTable(['decile', 'customers', 'predicted', 'actual'], r.clv.holdout.deciles.map((d) => [d.decile, d.customers, d.predicted, d.actual])),
    `12-month CLV (${r.clv.clv12m.assumption}): mean ${money(r.clv.clv12m.mean)}`,
    renderTable(['segment', 'customers', 'mean 12-month CLV'], r.clv.clv12m.bySegment.map((s) => [s.segment, s.customers, s.meanClv])),
  );

  h(`8. Co-purchase rules (${r.recommendations.baskets.toLocaleString('en')} invoices, pairs in ≥ ${pct(r.recommendations.minSupport ?? 0)} of them)`);
  if (r.recommendations.pairs.length) {
    out.push(renderTable(['A', 'B', 'support', 'conf A→B', 'lift'], r.recommendations.pairs.slice(0, 8).map((p) => [`${p.a} ${p.aName ?? ''}`.trim(), `${p.b} ${p.bName ?? ''}`.trim(), p.support, p.confidenceAB, p.lift]), { maxWidth: 36 }));
  } else if (r.recommendations.noRules) out.push(r.recommendations.noRules);
  const also = r.recommendations.alsoBought;
  if (also && also.partners.length) {
    out.push(`customers who bought ${also.item} (${also.name ?? '?'}) also bought:`, ...also.partners.map((p) => `  ${p.b} ${p.bName ?? ''}: in ${pct(p.confidenceAB)} of its baskets (lift ${p.lift.toFixed(1)})`));
  } else if (also) out.push(alsoBoughtNothing(also));
  out.push('', style('dim', `timings (ms): ${Object.entries(r.timingsMs).map(([k, v]) => `${k} ${v}`).join(', ')}`));
  return out.join('\n');
}

/** Why "customers who bought X also bought" lists nobody: X is in no invoice, or no product shares enough of its baskets. */
function alsoBoughtNothing(also: { item: string; inBaskets: number; minPairCount: number }): string {
  return also.inBaskets === 0 ? `${also.item} is not a product code in these invoices` : `customers who bought ${also.item}: no other product is in ${also.minPairCount} or more of its ${also.inBaskets} baskets`;
}

/** "2011-12" plus n months → "2012-01". */
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Days in the month of an ISO date ("2011-12-09 12:50" → 31). */
function daysInMonth(date: string): number {
  const [y, m] = date.slice(0, 7).split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The months the data covers only in part: the first when it starts after the 1st, the last when
 * it ends before the month's last day. Their revenue and retention are not comparable with full months.
 */
export function partialMonths(firstDate: string, lastDate: string): Map<string, string> {
  const out = new Map<string, string>();
  const day = (d: string) => Number(d.slice(8, 10));
  if (day(firstDate) > 1) out.set(firstDate.slice(0, 7), `partial month: data starts ${firstDate.slice(0, 10)}`);
  if (day(lastDate) < daysInMonth(lastDate)) out.set(lastDate.slice(0, 7), `partial month: data ends ${lastDate.slice(0, 10)} (${day(lastDate)} of ${daysInMonth(lastDate)} days)`);
  return out;
}

export const segmentGlossary = [
  { term: 'RFM', meaning: 'Recency (days since the last purchase), frequency (invoices) and monetary value (revenue): each scored 1-5 by quintile, then named segments by rule.' },
  { term: 'K-means', meaning: 'Groups customers so each is close to its group\'s centre; k is the number of groups.' },
  { term: 'silhouette', meaning: 'How much closer customers are to their own cluster than to the next one, from −1 to 1; higher means better-separated clusters. Used here to choose k.' },
  { term: 'inertia', meaning: 'Total squared distance of customers to their cluster centre; it always falls as k grows, so its "elbow" is only a hint.' },
  { term: 'Gini', meaning: 'Revenue inequality across customers: 0 if everyone spends the same, near 1 if one customer spends everything.' },
  { term: 'cohort retention', meaning: 'Of the customers who first bought in a month, the share who bought again n months later.' },
  { term: 'CLV', meaning: 'Customer lifetime value: here the expected revenue over the next 12 months, from the BG/NBD purchase model times the Gamma-Gamma spend model.' },
  { term: 'support', meaning: 'The share of all invoices that contain both products.' },
  { term: 'confidence A→B', meaning: 'Of the invoices with A, the share that also contain B.' },
  { term: 'lift', meaning: 'How many times more often A and B are bought together than if they were independent; 1 means no association.' },
];

export function renderSegmentHtml(r: SegmentLabResult, options: { currency?: string } = {}): string {
  const money0 = (v: number) => formatMoney(v, options.currency, 0);
  const money2 = (v: number) => formatMoney(v, options.currency, 2);
  const partial = partialMonths(r.cleaning.firstDate, r.cleaning.lastDate);
  const lastMonth = r.cleaning.lastDate.slice(0, 7);
  const b = r.eda.basketSize;
  const also = r.recommendations.alsoBought;
  const chosen = r.kmeans.chosenK;
  const lorenzTop20 = 1 - r.concentration.top20Share;
  const sections: ReportSection[] = [
    {
      heading: 'Cleaning (protocol R1)',
      paragraphs: [
        `${formatCount(r.cleaning.linesIn)} lines in, ${formatCount(r.cleaning.linesOut)} kept: ${formatCount(r.cleaning.customers)} customers, ${formatCount(r.cleaning.invoices)} invoices, revenue ${money2(r.cleaning.revenue)}, from ${r.cleaning.firstDate} to ${r.cleaning.lastDate}.`,
      ],
      tables: [
        {
          caption: 'Lines dropped, by reason',
          columns: ['step', 'lines'],
          rowHeaders: true,
          rows: [['lines in', formatCount(r.cleaning.linesIn)], ...Object.entries(r.cleaning.dropped).map(([k, v]) => [`dropped: ${k}`, formatCount(v)]), [{ text: 'lines kept', strong: true }, formatCount(r.cleaning.linesOut)]],
        },
      ],
    },
    {
      heading: 'Revenue by month',
      paragraphs: partial.size ? [`Hatched bars and italic cells are partial months (${[...partial.values()].join('; ')}): not comparable with full months.`] : [],
      charts: [
        {
          kind: 'bar',
          title: 'Revenue by month',
          description: `Revenue per calendar month${partial.size ? '; partial months are marked' : ''}.`,
          bars: r.eda.revenueByMonth.map((m) => ({ label: m.month, value: m.revenue, tone: partial.has(m.month) ? ('muted' as const) : undefined, note: partial.has(m.month) ? '(partial)' : undefined })),
          format: money0,
          valueLabel: `revenue${options.currency ? ` (${options.currency})` : ''}`,
          legendItems: partial.size ? [{ tone: 'normal', label: 'full month' }, { tone: 'muted', label: 'partial month' }] : undefined,
        },
      ],
      tables: [
        {
          caption: 'Revenue, customers and invoices by month',
          columns: ['month', 'revenue', 'customers', 'invoices'],
          rowHeaders: true,
          rows: r.eda.revenueByMonth.map((m) => {
            const note = partial.get(m.month);
            return [note ? { text: `${m.month} (partial)`, partial: note } : m.month, money0(m.revenue), formatCount(m.customers), formatCount(m.invoices)];
          }),
        },
      ],
    },
    {
      heading: 'Customers, countries, products and baskets',
      paragraphs: [`Basket size (distinct items per invoice, ${formatCount(b.invoices)} invoices): median ${formatCount(b.median)}, quartiles ${formatCount(b.p25)}–${formatCount(b.p75)}, 90th percentile ${formatCount(b.p90)}, largest ${formatCount(b.max)}.`],
      tables: [
        { caption: 'Top countries by revenue', columns: ['country', 'revenue', 'customers'], rowHeaders: true, rows: r.eda.topCountries.map((c) => [c.country, money0(c.revenue), formatCount(c.customers)]) },
        { caption: 'Top products by revenue', columns: ['code', 'description', 'revenue', 'quantity'], rows: r.eda.topProducts.map((p) => [p.item, p.description, money2(p.revenue), p.quantity === null ? "–" : formatCount(p.quantity)]) },
      ],
    },
    {
      heading: `RFM segments (snapshot ${r.rfm.snapshot})`,
      paragraphs: [`Medians: recency ${formatCount(r.rfm.median.recency)} days, frequency ${formatCount(r.rfm.median.frequency)} invoices, monetary ${money2(r.rfm.median.monetary)}. Scoring: ${r.rfm.scoring}.`],
      tables: [
        {
          caption: 'RFM segments',
          columns: ['segment', 'rule', 'customers', 'share of customers', 'share of revenue'],
          rowHeaders: true,
          rows: r.segments.map((s) => [s.name, s.rule, formatCount(s.customers), formatPercent(s.customerShare), formatPercent(s.revenueShare)]),
        },
      ],
    },
    {
      heading: `K-means on log1p + standardised R, F, M: chosen k = ${chosen}`,
      paragraphs: [`Rule: ${r.kmeans.rule}.`],
      charts: [
        {
          kind: 'line',
          title: 'Inertia by k (elbow)',
          description: `Inertia for k = ${r.kmeans.runs[0]?.k} to ${r.kmeans.runs.at(-1)?.k}; the chosen k = ${chosen} is marked.`,
          xLabel: 'k (clusters)',
          yLabel: 'inertia',
          legend: 'upper-right',
          series: [{ name: 'inertia', points: r.kmeans.runs.map((k) => [k.k, k.inertia]) }],
          markers: [{ axis: 'x', value: chosen, label: `chosen k = ${chosen}` }],
          format: (v) => formatNumber(v, 1),
        },
        {
          kind: 'bar',
          title: 'Silhouette by k',
          description: `Mean silhouette for each k; the chosen k = ${chosen} is highlighted.`,
          bars: r.kmeans.runs.map((k) => ({ label: `k = ${k.k}`, value: k.silhouette, tone: k.k === chosen ? ('highlight' as const) : undefined, note: k.k === chosen ? '← chosen' : undefined })),
          format: (v) => formatRatio(v),
          valueLabel: 'mean silhouette',
        },
      ],
      tables: [
        { caption: 'Inertia and silhouette by k', columns: ['k', 'inertia', 'silhouette'], rows: r.kmeans.runs.map((k) => [k.k === chosen ? { text: `${k.k} (chosen)`, strong: true, numeric: true } : String(k.k), formatNumber(k.inertia, 1), formatRatio(k.silhouette)]) },
        {
          caption: `The ${r.kmeans.clusters.length} clusters`,
          columns: ['cluster', 'customers', 'share of revenue', 'mean recency (days)', 'mean frequency', 'mean monetary', 'what it is'],
          rows: r.kmeans.clusters.map((c) => [String(c.cluster), formatCount(c.customers), formatPercent(c.revenueShare), formatNumber(c.meanRecency, 1), formatNumber(c.meanFrequency, 2), money2(c.meanMonetary), c.description]),
        },
      ],
    },
    {
      heading: 'Revenue concentration',
      paragraphs: [`The top 1% of customers bring ${formatPercent(r.concentration.top1Share)} of revenue, the top 10% ${formatPercent(r.concentration.top10Share)}, the top 20% ${formatPercent(r.concentration.top20Share)}; Gini ${formatRatio(r.concentration.gini)}.`],
      charts: [
        {
          kind: 'line',
          title: 'Lorenz curve of revenue',
          description: `Cumulative share of revenue against cumulative share of customers, smallest spenders first; the diagonal is perfect equality. The top 20% of customers bring ${formatPercent(r.concentration.top20Share)}.`,
          xLabel: 'share of customers (smallest spenders first)',
          yLabel: 'share of revenue',
          diagonal: true,
          xDomain: [0, 1],
          yDomain: [0, 1],
          legend: 'upper-left',
          series: [{ name: `Lorenz curve, Gini ${formatRatio(r.concentration.gini)}`, points: r.concentration.lorenz as [number, number][] }],
          points: [{ x: 0.8, y: lorenzTop20, label: `top 20%: ${formatPercent(r.concentration.top20Share)} of revenue` }],
          format: (v) => formatPercent(v),
        },
      ],
    },
    {
      heading: 'Monthly cohorts',
      paragraphs: [
        `Share of each month's new customers who bought again n months later (month 0 = 100%). Darker cells are higher retention.${partial.has(lastMonth) ? ` The last column of every cohort is ${lastMonth}, a partial month (italic, hatched): it looks like a collapse only because the data ends ${r.cleaning.lastDate.slice(0, 10)}.` : ''}`,
      ],
      tables: [
        {
          caption: 'Cohort retention by months since first purchase',
          columns: ['cohort', 'customers', ...Array.from({ length: Math.max(...r.cohorts.retention.map((row) => row.length)) }, (_, m) => `m${m}`)],
          rowHeaders: true,
          rows: r.cohorts.retention.map((row, i) => {
            const cohort = r.cohorts.months[i]!;
            return [
              cohort,
              formatCount(r.cohorts.sizes[i]!),
              ...row.map((v, m): CellValue => {
                const note = partial.get(addMonths(cohort, m));
                // a partial month is not shaded: its low share is the calendar, not the customers
                return { text: formatPercent(v, 0), numeric: true, shade: m === 0 || note ? undefined : Math.min(1, v / 0.6), partial: note };
              }),
            ];
          }),
          note: 'Five shades: under 12%, 12-24%, 24-36%, 36-48%, 48% or more (darkest); month 0 and partial months are unshaded.',
        },
      ],
    },
    {
      heading: `CLV: BG/NBD + Gamma-Gamma (calibration to ${r.clv.calibrationEnd}, hold-out ${r.clv.holdoutWeeks} weeks to ${r.clv.holdoutEnd})`,
      paragraphs: [
        `BG/NBD on ${formatCount(r.clv.customers)} customers: r ${r.clv.bgnbd.r}, α ${r.clv.bgnbd.alpha}, a ${r.clv.bgnbd.a}, b ${r.clv.bgnbd.b} (log-likelihood ${formatNumber(r.clv.bgnbd.logLik, 2)}). ${r.clv.repeatBuyers > 0 ? `Gamma-Gamma on ${formatCount(r.clv.repeatBuyers)} repeat buyers: p ${r.clv.gammaGamma.p}, q ${r.clv.gammaGamma.q}, v ${r.clv.gammaGamma.v}.` : 'Gamma-Gamma: not fitted (no repeat buyers).'}`,
        `Hold-out purchase days: predicted ${formatNumber(r.clv.holdout.predicted, 1)}, actual ${formatCount(r.clv.holdout.actual)}${r.clv.holdout.actual > 0 ? ` (${formatPercent(r.clv.holdout.predicted / r.clv.holdout.actual)} of actual)` : ''}.`,
        ...r.clv.notes.map((n) => `!${n}`),
        `12-month CLV: mean ${money2(r.clv.clv12m.mean)} per customer, ${money0(r.clv.clv12m.total)} in all. ${r.clv.clv12m.assumption}.`,
      ],
      charts: [
        {
          kind: 'bar',
          title: 'Mean 12-month CLV by RFM segment',
          description: 'Mean expected revenue over the next 12 months, by RFM segment.',
          bars: r.clv.clv12m.bySegment.map((s) => ({ label: s.segment, value: s.meanClv })),
          format: money0,
          valueLabel: `mean 12-month CLV${options.currency ? ` (${options.currency})` : ''}`,
        },
      ],
      tables: [
        { caption: 'Hold-out check by decile of predicted purchases', columns: ['decile', 'customers', 'predicted purchases', 'actual purchases'], rows: r.clv.holdout.deciles.map((d) => [String(d.decile), formatCount(d.customers), formatNumber(d.predicted, 1), formatCount(d.actual)]) },
        { caption: '12-month CLV by RFM segment', columns: ['segment', 'customers', 'mean 12-month CLV'], rowHeaders: true, rows: r.clv.clv12m.bySegment.map((s) => [s.segment, formatCount(s.customers), money2(s.meanClv)]) },
      ],
    },
    {
      heading: `Co-purchase rules (${formatCount(r.recommendations.baskets)} invoices; pairs in at least ${formatPercent(r.recommendations.minSupport ?? 0)} of them)`,
      paragraphs: [
        ...(r.recommendations.skippedLargeBaskets ? [`${formatCount(r.recommendations.skippedLargeBaskets)} invoices with more than 100 items are left out of the pair counts.`] : []),
        ...(also && also.partners.length
          ? [`Customers who bought ${also.item} (${also.name ?? 'unnamed'}) also bought: ${also.partners.map((p) => `${p.b} ${p.bName ?? ''} (in ${formatPercent(p.confidenceAB)} of its baskets, lift ${formatNumber(p.lift, 1)})`).join('; ')}.`]
          : also
            ? [`${alsoBoughtNothing(also)}.`]
            : []),
        ...(r.recommendations.pairs.length === 0 && r.recommendations.noRules ? [`No rules to list: ${r.recommendations.noRules}.`] : []),
      ],
      tables: r.recommendations.pairs.length === 0 ? [] : [
        {
          caption: 'Product pairs bought together',
          columns: ['A', 'B', 'invoices', 'support', 'confidence A→B', 'lift'],
          rows: r.recommendations.pairs.map((p) => [`${p.a} ${p.aName ?? ''}`.trim(), `${p.b} ${p.bName ?? ''}`.trim(), formatCount(p.count), formatPercent(p.support, 2), formatPercent(p.confidenceAB), formatNumber(p.lift, 1)]),
        },
      ],
    },
    { heading: 'Glossary', definitions: segmentGlossary },
    {
      heading: 'Timings',
      tables: [{ caption: 'Milliseconds per stage on this machine', columns: ['stage', 'ms'], rows: Object.entries(r.timingsMs).map(([k, v]) => [k, formatCount(v)]) }],
    },
  ];
  return renderHtmlReport({
    title: `Segmentation lab: ${r.dataset.title}`,
    subtitle: `${r.dataset.label} · run ${r.runId}`,
    sections,
    footer: [
      `Every figure here is recorded with its formula and inputs in run ${r.runId}: see \`prep runs show ${r.runId}\` and \`prep explain KEY --run ${r.runId}\`.`,
      `Data: ${r.dataset.source}; licence ${r.dataset.licence}.`,
    ],
  });
}
