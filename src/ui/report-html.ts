/**
 * Self-contained HTML reports: one file, inline CSS and SVG charts, no scripts and no network,
 * so it opens anywhere and can be attached to an application. Generic on purpose: the churn and
 * segmentation labs both describe their report as sections of paragraphs, tables and charts.
 */

export interface ReportTable {
  caption?: string;
  columns: string[];
  rows: (string | number | null)[][];
}

export interface LineSeries {
  name: string;
  points: [number, number][];
}

export interface LineChart {
  kind: 'line';
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  /** Draws the y = x reference line (a random classifier on a ROC plot). */
  diagonal?: boolean;
  /** Axis ranges; default from the data. */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Legend corner: lower right (default: where ROC and gain curves leave room) or upper left (for curves below the diagonal, like a Lorenz curve). */
  legend?: 'lower-right' | 'upper-left';
}

export interface BarChart {
  kind: 'bar';
  title: string;
  bars: { label: string; value: number }[];
  valueLabel?: string;
  /** Formats bar values; default 3 significant digits. */
  format?: (value: number) => string;
}

export type ReportChart = LineChart | BarChart;

export interface ReportSection {
  heading: string;
  paragraphs?: string[];
  tables?: ReportTable[];
  charts?: ReportChart[];
}

export interface HtmlReport {
  title: string;
  subtitle?: string;
  sections: ReportSection[];
  /** Small print at the end: data labels, licences, run id. */
  footer?: string[];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];

function niceNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}

/** 60000 → 60,000; 0.2 → 0.2 (ticks are already round). */
const tickLabel = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 6 });

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

/**
 * Round tick values for [lo, hi]: a step of 1, 2 or 5 × 10^k giving about `count` intervals, chosen
 * as d3-array's tickIncrement does. `extend` widens the domain to whole steps (for a domain taken
 * from the data); otherwise the ticks stay inside [lo, hi].
 */
export function niceTicks(lo: number, hi: number, count = 5, extend = false): { domain: [number, number]; ticks: number[] } {
  if (!(hi > lo)) return niceTicks(lo - 1, hi + 1, count, extend);
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const step = power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1);
  const first = extend ? Math.floor(lo / step) : Math.ceil(lo / step - 1e-9);
  const last = extend ? Math.ceil(hi / step) : Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  // k · step, rounded to the step's own precision, so 0.30000000000000004 prints as 0.3
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return { domain: extend ? [ticks[0]!, ticks.at(-1)!] : [lo, hi], ticks };
}

/** A line chart as an SVG string (axes with round ticks, legend, optional diagonal). */
export function lineChartSvg(chart: LineChart, width = 520, height = 360): string {
  const xs = chart.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = chart.series.flatMap((s) => s.points.map((p) => p[1]));
  const xAxis = chart.xDomain ? niceTicks(...chart.xDomain) : niceTicks(...extent(xs), 5, true);
  const yAxis = chart.yDomain ? niceTicks(...chart.yDomain) : niceTicks(...extent(ys), 5, true);
  // room for the widest y tick label (about 7 px a character at 12 px) beside the rotated axis title
  const m = { top: 34, right: 16, bottom: 46, left: Math.max(56, 30 + 7 * Math.max(...yAxis.ticks.map((t) => tickLabel(t).length))) };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const [x0, x1] = xAxis.domain;
  const [y0, y1] = yAxis.domain;
  const sx = (x: number) => m.left + ((x - x0) / (x1 - x0)) * w;
  const sy = (y: number) => m.top + h - ((y - y0) / (y1 - y0)) * h;
  const parts: string[] = [];
  parts.push(`<text x="${width / 2}" y="18" text-anchor="middle" class="chart-title">${escapeHtml(chart.title)}</text>`);
  for (const xv of xAxis.ticks) {
    parts.push(`<line x1="${sx(xv).toFixed(1)}" y1="${m.top}" x2="${sx(xv).toFixed(1)}" y2="${m.top + h}" class="grid"/>`);
    parts.push(`<text x="${sx(xv).toFixed(1)}" y="${m.top + h + 16}" text-anchor="middle" class="tick">${tickLabel(xv)}</text>`);
  }
  for (const yv of yAxis.ticks) {
    parts.push(`<line x1="${m.left}" y1="${sy(yv).toFixed(1)}" x2="${m.left + w}" y2="${sy(yv).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${m.left - 6}" y="${(sy(yv) + 4).toFixed(1)}" text-anchor="end" class="tick">${tickLabel(yv)}</text>`);
  }
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${w}" height="${h}" class="frame"/>`);
  if (chart.diagonal) {
    parts.push(`<line x1="${sx(Math.max(x0, y0))}" y1="${sy(Math.max(x0, y0))}" x2="${sx(Math.min(x1, y1))}" y2="${sy(Math.min(x1, y1))}" class="diagonal"/>`);
  }
  const upperLeft = chart.legend === 'upper-left';
  chart.series.forEach((s, i) => {
    const d = s.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${palette[i % palette.length]}" stroke-width="2"/>`);
    const lx = upperLeft ? m.left + 10 : m.left + w * 0.45;
    const ly = upperLeft ? m.top + 8 + i * 16 : m.top + h - 18 - (chart.series.length - 1 - i) * 16;
    parts.push(
      `<rect x="${lx}" y="${ly}" width="10" height="10" fill="${palette[i % palette.length]}"/>` +
        `<text x="${lx + 14}" y="${ly + 9}" class="legend">${escapeHtml(s.name)}</text>`,
    );
  });
  parts.push(`<text x="${m.left + w / 2}" y="${height - 8}" text-anchor="middle" class="axis">${escapeHtml(chart.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${m.top + h / 2}) rotate(-90)" text-anchor="middle" class="axis">${escapeHtml(chart.yLabel)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(chart.title)}">${parts.join('')}</svg>`;
}

/** A horizontal bar chart as an SVG string; negative values extend left of a zero line. */
export function barChartSvg(chart: BarChart, width = 520): string {
  const rowHeight = 22;
  const labelWidth = Math.min(220, 12 + 7 * Math.max(4, ...chart.bars.map((b) => b.label.length)));
  const m = { top: 30, right: 64, bottom: chart.valueLabel ? 30 : 12, left: labelWidth };
  const height = m.top + m.bottom + rowHeight * chart.bars.length;
  const w = width - m.left - m.right;
  const lo = Math.min(0, ...chart.bars.map((b) => b.value));
  const hi = Math.max(0, ...chart.bars.map((b) => b.value));
  const span = hi - lo || 1;
  const sx = (v: number) => m.left + ((v - lo) / span) * w;
  const format = chart.format ?? niceNumber;
  const parts: string[] = [`<text x="${width / 2}" y="18" text-anchor="middle" class="chart-title">${escapeHtml(chart.title)}</text>`];
  chart.bars.forEach((b, i) => {
    const y = m.top + i * rowHeight;
    const xa = sx(Math.min(0, b.value));
    const xb = sx(Math.max(0, b.value));
    parts.push(`<text x="${m.left - 6}" y="${y + 15}" text-anchor="end" class="tick">${escapeHtml(b.label)}</text>`);
    parts.push(`<rect x="${xa.toFixed(1)}" y="${y + 3}" width="${Math.max(1, xb - xa).toFixed(1)}" height="${rowHeight - 6}" fill="${b.value < 0 ? palette[2] : palette[0]}"/>`);
    parts.push(`<text x="${(xb + 4).toFixed(1)}" y="${y + 15}" class="tick">${escapeHtml(format(b.value))}</text>`);
  });
  parts.push(`<line x1="${sx(0)}" y1="${m.top}" x2="${sx(0)}" y2="${m.top + rowHeight * chart.bars.length}" class="zero"/>`);
  if (chart.valueLabel) parts.push(`<text x="${m.left + w / 2}" y="${height - 8}" text-anchor="middle" class="axis">${escapeHtml(chart.valueLabel)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(chart.title)}">${parts.join('')}</svg>`;
}

function renderChart(chart: ReportChart): string {
  return `<figure>${chart.kind === 'line' ? lineChartSvg(chart) : barChartSvg(chart)}</figure>`;
}

function renderTableHtml(table: ReportTable): string {
  const numeric = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  const cell = (v: string | number | null, i: number, tag: 'td' | 'th') =>
    `<${tag}${numeric[i] ? ' class="num"' : ''}>${v === null ? '' : escapeHtml(typeof v === 'number' ? niceNumber(v) : v)}</${tag}>`;
  return [
    '<table>',
    table.caption ? `<caption>${escapeHtml(table.caption)}</caption>` : '',
    `<thead><tr>${table.columns.map((c, i) => cell(c, i, 'th')).join('')}</tr></thead>`,
    `<tbody>${table.rows.map((r) => `<tr>${r.map((v, i) => cell(v, i, 'td')).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
  ].join('');
}

const css = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2937;max-width:1080px;margin:2rem auto;padding:0 1.5rem}
h1{font-size:1.7rem;margin-bottom:.2rem}.subtitle{color:#6b7280;margin-top:0}
h2{font-size:1.2rem;border-bottom:1px solid #e5e7eb;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.8rem 0;font-size:13px}caption{text-align:left;font-weight:600;padding-bottom:.3rem;white-space:nowrap}
th,td{border-bottom:1px solid #e5e7eb;padding:.25rem .6rem;text-align:left}th{background:#f9fafb}.num{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}
svg{font:12px system-ui,sans-serif}.chart-title{font-weight:600;font-size:13px}.tick,.legend{fill:#374151}.axis{fill:#6b7280}
.grid{stroke:#f3f4f6}.frame{fill:none;stroke:#d1d5db}.diagonal{stroke:#9ca3af;stroke-dasharray:4 4}.zero{stroke:#6b7280}
.warning{background:#fef2f2;border-left:4px solid #dc2626;padding:.4rem .8rem}
footer{margin-top:2.5rem;color:#6b7280;font-size:12px;border-top:1px solid #e5e7eb;padding-top:.6rem}`;

/** The whole report as one HTML string. Paragraphs starting with "!" are shown as warnings. */
export function renderHtmlReport(report: HtmlReport): string {
  const sections = report.sections.map((s) => {
    const paragraphs = (s.paragraphs ?? []).map((p) => (p.startsWith('!') ? `<p class="warning">${escapeHtml(p.slice(1).trim())}</p>` : `<p>${escapeHtml(p)}</p>`));
    const tables = (s.tables ?? []).map(renderTableHtml);
    const charts = s.charts?.length ? `<div class="charts">${s.charts.map(renderChart).join('')}</div>` : '';
    return `<section><h2>${escapeHtml(s.heading)}</h2>${paragraphs.join('')}${charts}${tables.join('')}</section>`;
  });
  const footer = report.footer?.length ? `<footer>${report.footer.map((f) => `<p>${escapeHtml(f)}</p>`).join('')}</footer>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title><style>${css}</style></head>
<body><h1>${escapeHtml(report.title)}</h1>${report.subtitle ? `<p class="subtitle">${escapeHtml(report.subtitle)}</p>` : ''}
${sections.join('\n')}
${footer}
</body></html>
`;
}
