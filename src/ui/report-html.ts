/**
 * Self-contained HTML reports: one file, inline CSS and SVG charts, no scripts and no network,
 * so it opens anywhere and can be attached to an application. Generic on purpose: the churn,
 * segmentation, drift and run-comparison reports all describe themselves as sections of
 * paragraphs, tables and charts.
 *
 * Measured in headless Chromium (test/browser/reports.test.ts): charts scale with their box
 * (viewBox, max-width 100%), wide tables scroll inside their own box, so a 390 px phone
 * viewport never scrolls sideways; print keeps a heading with what follows it.
 */
import { columnDecimals, formatNumber } from './number-format.js';

/** A table cell with its presentation: shading for heatmaps, bold, or a row header. */
export interface Cell {
  text: string;
  /** Right-aligned as a figure (default: guessed from the text). */
  numeric?: boolean;
  /** 0..1: background intensity (heatmaps, a confusion matrix). */
  shade?: number;
  /** Muted and italic, with this reason as a tooltip and in the text (a partial month). */
  partial?: string;
  strong?: boolean;
  /** May break anywhere (a long identifier such as a metric key), so a narrow screen keeps the figures beside it. */
  wrap?: boolean;
}

export type CellValue = string | number | null | Cell;

export interface ReportTable {
  caption: string;
  columns: string[];
  rows: CellValue[][];
  /** The first column names the row (a `th scope="row"`). */
  rowHeaders?: boolean;
  /** Small print under the table. */
  note?: string;
}

export interface LineSeries {
  name: string;
  points: [number, number][];
  dashed?: boolean;
}

/** A reference line across the plot: a chosen threshold (x) or a base rate (y). */
export interface ChartMarker {
  axis: 'x' | 'y';
  value: number;
  label: string;
}

/** A labelled point on the plot: an operating point. */
export interface ChartPoint {
  x: number;
  y: number;
  label: string;
}

interface ChartBase {
  title: string;
  /** A sentence for screen readers and the data table's caption: what the chart shows. */
  description?: string;
}

export interface LineChart extends ChartBase {
  kind: 'line';
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  /** Draws the y = x reference line (a random classifier on a ROC plot, perfect calibration). */
  diagonal?: boolean;
  /** Axis ranges; default from the data. */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Legend corner: lower right (default: where ROC and gain curves leave room), upper left (curves below the diagonal, like a Lorenz curve), upper right; none when the title names the one series. */
  legend?: 'lower-right' | 'upper-left' | 'upper-right' | 'none';
  markers?: ChartMarker[];
  points?: ChartPoint[];
  /** Formats y values in the data table (default: the axis's tick format). */
  format?: (value: number) => string;
}

export interface Bar {
  label: string;
  value: number;
  /** An interval drawn as a whisker (fold min..max, a 95% interval). */
  error?: [number, number];
  /** highlight: the chosen one; muted: not comparable (a partial month). */
  tone?: 'highlight' | 'muted';
  /** Added after the value label: "(partial month)", "← chosen". */
  note?: string;
}

export interface BarChart extends ChartBase {
  kind: 'bar';
  bars: Bar[];
  valueLabel?: string;
  /** Formats bar values; default plain with separators. */
  format?: (value: number) => string;
  /** A value range that need not include 0: bars become dots (an axis that does not start at 0 must not draw bars). */
  domain?: [number, number];
  /** What the tones mean, shown as a legend. */
  legendItems?: { tone: 'highlight' | 'muted' | 'normal' | 'error'; label: string }[];
}

/** From a base value, each feature's contribution in turn, to the prediction (SHAP). */
export interface WaterfallChart extends ChartBase {
  kind: 'waterfall';
  start: { label: string; value: number };
  steps: { label: string; delta: number }[];
  end: { label: string };
  valueLabel: string;
  format?: (value: number) => string;
}

/** Categories (or bins) with one bar per series side by side: reference against current. */
export interface GroupedBarChart extends ChartBase {
  kind: 'grouped';
  seriesNames: string[];
  groups: { label: string; values: number[] }[];
  valueLabel?: string;
  format?: (value: number) => string;
}

export type ReportChart = LineChart | BarChart | WaterfallChart | GroupedBarChart;

export interface ReportSection {
  heading: string;
  paragraphs?: string[];
  tables?: ReportTable[];
  charts?: ReportChart[];
  /** Shown after the tables (a glossary, a note). */
  definitions?: { term: string; meaning: string }[];
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

/**
 * Okabe & Ito's colour-blind-safe palette (blue, vermillion, bluish green, reddish purple,
 * orange, sky blue); series also differ by dash, so they survive greyscale print.
 */
export const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
const dashes = ['', '6 3', '2 3', '8 3 2 3', '4 4', '1 2'];
const tones = { normal: palette[0]!, highlight: palette[1]!, muted: '#b8c4d0', error: '#374151' };

/** 60000 → 60,000; 0.2 → 0.2 (ticks are already round). */
const tickLabel = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 6 });
const plain = (value: number) => formatNumber(value, columnDecimals([value]));

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

/** `<title>` and `<desc>` make the chart's name and summary its accessible name and description. */
function svgOpen(width: number, height: number, chart: ChartBase, id: string): string {
  const desc = chart.description ? `<desc id="${id}-d">${escapeHtml(chart.description)}</desc>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" class="chart" style="max-width:${width}px" role="img" aria-labelledby="${id}-t${desc ? ` ${id}-d` : ''}">` +
    `<title id="${id}-t">${escapeHtml(chart.title)}</title>${desc}`
  );
}

/** Cuts a label to fit `width` px (about 6.6 px a character at 12 px); the data table keeps it whole. */
function fitLabel(label: string, width: number): string {
  const max = Math.max(4, Math.floor((width - 12) / 6.6));
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Room for row labels: what the longest needs, at most `share` of the chart. */
const labelRoom = (labels: string[], width: number, share = 0.42) => Math.min(Math.round(width * share), 12 + Math.ceil(6.6 * Math.max(4, ...labels.map((l) => l.length))));

let chartCounter = 0;
const nextChartId = () => `chart${++chartCounter}`;

/** At most `max` evenly spaced items (the first and last kept), for a readable data table. */
function thin<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.round((i * (items.length - 1)) / (max - 1))]!);
  return out;
}

/** A line chart as an SVG string (axes with round ticks, legend, optional diagonal, markers, points). */
export function lineChartSvg(chart: LineChart, width = 520, height = 340, id = nextChartId()): string {
  const xs = chart.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = [...chart.series.flatMap((s) => s.points.map((p) => p[1])), ...(chart.markers ?? []).filter((m) => m.axis === 'y').map((m) => m.value)];
  const xAxis = chart.xDomain ? niceTicks(...chart.xDomain) : niceTicks(...extent(xs), 5, true);
  const yAxis = chart.yDomain ? niceTicks(...chart.yDomain) : niceTicks(...extent(ys), 5, true);
  // room for the widest y tick label (about 7 px a character at 12 px) beside the rotated axis title
  const m = { top: 30, right: 16, bottom: 46, left: Math.max(56, 30 + 7 * Math.max(...yAxis.ticks.map((t) => tickLabel(t).length))) };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const [x0, x1] = xAxis.domain;
  const [y0, y1] = yAxis.domain;
  const sx = (x: number) => m.left + ((x - x0) / (x1 - x0)) * w;
  const sy = (y: number) => m.top + h - ((y - y0) / (y1 - y0)) * h;
  const parts: string[] = [];
  parts.push(`<text x="${width / 2}" y="18" text-anchor="middle" class="chart-title" aria-hidden="true">${escapeHtml(chart.title)}</text>`);
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
  (chart.markers ?? []).forEach((marker, k) => {
    if (marker.axis === 'x') {
      const x = sx(marker.value);
      const anchor = x > m.left + w * 0.7 ? 'end' : 'start';
      // one label row per marker, so two thresholds close together do not overprint
      parts.push(`<line x1="${x.toFixed(1)}" y1="${m.top}" x2="${x.toFixed(1)}" y2="${m.top + h}" class="marker"/>`);
      parts.push(`<text x="${(x + (anchor === 'end' ? -4 : 4)).toFixed(1)}" y="${m.top + 12 + 14 * k}" text-anchor="${anchor}" class="marker-label">${escapeHtml(marker.label)}</text>`);
    } else {
      const y = sy(marker.value);
      parts.push(`<line x1="${m.left}" y1="${y.toFixed(1)}" x2="${m.left + w}" y2="${y.toFixed(1)}" class="marker"/>`);
      parts.push(`<text x="${m.left + w - 4}" y="${(y - 4).toFixed(1)}" text-anchor="end" class="marker-label">${escapeHtml(marker.label)}</text>`);
    }
  });
  const legendAt = chart.legend ?? 'lower-right';
  chart.series.forEach((s, i) => {
    const colour = palette[i % palette.length]!;
    const dash = s.dashed ? '6 3' : dashes[i % dashes.length]!;
    const d = s.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    if (legendAt === 'none') return;
    const lx = legendAt === 'upper-left' ? m.left + 10 : legendAt === 'upper-right' ? m.left + w * 0.5 : m.left + w * 0.42;
    const ly = legendAt === 'lower-right' ? m.top + h - 18 - (chart.series.length - 1 - i) * 16 : m.top + 22 + i * 16;
    parts.push(
      `<line x1="${lx}" y1="${ly + 5}" x2="${lx + 18}" y2="${ly + 5}" stroke="${colour}" stroke-width="3"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
        `<text x="${lx + 22}" y="${ly + 9}" class="legend">${escapeHtml(s.name)}</text>`,
    );
  });
  for (const p of chart.points ?? []) {
    const x = sx(p.x);
    const y = sy(p.y);
    const anchor = x > m.left + w * 0.6 ? 'end' : 'start';
    parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="5" class="point"/>`);
    parts.push(`<text x="${(x + (anchor === 'end' ? -8 : 8)).toFixed(1)}" y="${(y - 8).toFixed(1)}" text-anchor="${anchor}" class="point-label">${escapeHtml(p.label)}</text>`);
  }
  parts.push(`<text x="${m.left + w / 2}" y="${height - 8}" text-anchor="middle" class="axis">${escapeHtml(chart.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${m.top + h / 2}) rotate(-90)" text-anchor="middle" class="axis">${escapeHtml(chart.yLabel)}</text>`);
  return `${svgOpen(width, height, chart, id)}${parts.join('')}</svg>`;
}

/** A horizontal bar chart as an SVG string; negative values extend left of a zero line; whiskers for intervals. */
export function barChartSvg(chart: BarChart, width = 520, id = nextChartId()): string {
  const rowHeight = 22;
  const format = chart.format ?? plain;
  const labelWidth = labelRoom(chart.bars.map((b) => b.label), width, 0.45);
  const valueWidth = Math.max(48, 16 + 7.5 * Math.max(...chart.bars.map((b) => `${format(b.value)}${b.note ? ` ${b.note}` : ''}`.length)));
  const legendRows = chart.legendItems?.length ? 1 : 0;
  const axisRow = chart.domain ? 18 : 0;
  const m = { top: 30 + legendRows * 18, right: valueWidth, bottom: (chart.valueLabel ? 30 : 12) + axisRow, left: labelWidth };
  const height = m.top + m.bottom + rowHeight * chart.bars.length;
  const w = width - m.left - m.right;
  const values = chart.bars.flatMap((b) => [b.value, ...(b.error ?? [])]);
  const dots = chart.domain !== undefined && (chart.domain[0] > 0 || chart.domain[1] < 0);
  const [lo, hi] = chart.domain ?? [Math.min(0, ...values), Math.max(0, ...values)];
  const span = hi - lo || 1;
  const sx = (v: number) => m.left + ((Math.min(hi, Math.max(lo, v)) - lo) / span) * w;
  const parts: string[] = [`<text x="${width / 2}" y="18" text-anchor="middle" class="chart-title" aria-hidden="true">${escapeHtml(chart.title)}</text>`];
  if (chart.legendItems?.length) {
    let x = m.left;
    for (const item of chart.legendItems) {
      parts.push(`<rect x="${x}" y="28" width="10" height="10" fill="${tones[item.tone]}"/><text x="${x + 14}" y="37" class="legend">${escapeHtml(item.label)}</text>`);
      x += 30 + 7 * item.label.length;
    }
  }
  if (chart.domain) {
    const axis = niceTicks(lo, hi, 4);
    const yAxis = m.top + rowHeight * chart.bars.length;
    for (const t of axis.ticks) {
      parts.push(`<line x1="${sx(t).toFixed(1)}" y1="${m.top}" x2="${sx(t).toFixed(1)}" y2="${yAxis}" class="grid"/>`);
      parts.push(`<text x="${sx(t).toFixed(1)}" y="${yAxis + 14}" text-anchor="middle" class="tick">${tickLabel(t)}</text>`);
    }
  }
  chart.bars.forEach((b, i) => {
    const y = m.top + i * rowHeight;
    const colour = tones[b.tone ?? 'normal'];
    parts.push(`<text x="${m.left - 6}" y="${y + 15}" text-anchor="end" class="tick${b.tone === 'highlight' ? ' strong' : ''}">${escapeHtml(fitLabel(b.label, labelWidth))}</text>`);
    let end: number;
    if (dots) {
      end = sx(b.value);
      parts.push(`<circle cx="${end.toFixed(1)}" cy="${y + rowHeight / 2}" r="5" fill="${colour}"/>`);
    } else {
      const xa = sx(Math.min(0, b.value));
      const xb = sx(Math.max(0, b.value));
      end = xb;
      parts.push(`<rect x="${xa.toFixed(1)}" y="${y + 3}" width="${Math.max(1, xb - xa).toFixed(1)}" height="${rowHeight - 6}" fill="${colour}"${b.tone === 'muted' ? ' class="hatched"' : ''}/>`);
    }
    if (b.error) {
      const [e0, e1] = b.error.map(sx) as [number, number];
      const cy = y + rowHeight / 2;
      parts.push(`<path d="M${e0.toFixed(1)},${cy - 5}V${cy + 5}M${e0.toFixed(1)},${cy}H${e1.toFixed(1)}M${e1.toFixed(1)},${cy - 5}V${cy + 5}" class="whisker"/>`);
      end = Math.max(end, e1);
    }
    parts.push(`<text x="${(end + 6).toFixed(1)}" y="${y + 15}" class="tick${b.tone === 'highlight' ? ' strong' : ''}">${escapeHtml(format(b.value))}${b.note ? ` ${escapeHtml(b.note)}` : ''}</text>`);
  });
  if (!dots) parts.push(`<line x1="${sx(0)}" y1="${m.top}" x2="${sx(0)}" y2="${m.top + rowHeight * chart.bars.length}" class="zero"/>`);
  if (chart.valueLabel) parts.push(`<text x="${m.left + w / 2}" y="${height - 8}" text-anchor="middle" class="axis">${escapeHtml(chart.valueLabel)}</text>`);
  return `${svgOpen(width, height, chart, id)}${parts.join('')}</svg>`;
}

/** A waterfall: the base value, one bar per contribution starting where the last ended, the prediction. */
const minus = (text: string) => text.replace(/^-/, '−');

export function waterfallSvg(chart: WaterfallChart, width = 520, id = nextChartId()): string {
  const rowHeight = 22;
  const format = (v: number) => minus((chart.format ?? ((x: number) => x.toFixed(3)))(v));
  const rows: { label: string; from: number; to: number; kind: 'total' | 'up' | 'down' }[] = [{ label: chart.start.label, from: 0, to: chart.start.value, kind: 'total' }];
  let level = chart.start.value;
  for (const s of chart.steps) {
    rows.push({ label: s.label, from: level, to: level + s.delta, kind: s.delta >= 0 ? 'up' : 'down' });
    level += s.delta;
  }
  rows.push({ label: chart.end.label, from: 0, to: level, kind: 'total' });
  const labelWidth = labelRoom(rows.map((r) => r.label), width, 0.45);
  const m = { top: 30, right: 64, bottom: 46, left: labelWidth };
  const height = m.top + m.bottom + rowHeight * rows.length;
  const w = width - m.left - m.right;
  const axis = niceTicks(...extent(rows.flatMap((r) => [r.from, r.to])), 4, true);
  const [lo, hi] = axis.domain;
  const sx = (v: number) => m.left + ((v - lo) / (hi - lo)) * w;
  const colour = { total: '#4b5563', up: palette[1]!, down: palette[0]! };
  const parts: string[] = [`<text x="${width / 2}" y="18" text-anchor="middle" class="chart-title" aria-hidden="true">${escapeHtml(chart.title)}</text>`];
  const bottom = m.top + rowHeight * rows.length;
  for (const t of axis.ticks) {
    parts.push(`<line x1="${sx(t).toFixed(1)}" y1="${m.top}" x2="${sx(t).toFixed(1)}" y2="${bottom}" class="${t === 0 ? 'zero' : 'grid'}"/>`);
    parts.push(`<text x="${sx(t).toFixed(1)}" y="${bottom + 14}" text-anchor="middle" class="tick">${tickLabel(t)}</text>`);
  }
  rows.forEach((r, i) => {
    const y = m.top + i * rowHeight;
    const xa = sx(Math.min(r.from, r.to));
    const xb = sx(Math.max(r.from, r.to));
    parts.push(`<text x="${m.left - 6}" y="${y + 15}" text-anchor="end" class="tick${r.kind === 'total' ? ' strong' : ''}">${escapeHtml(fitLabel(r.label, labelWidth))}</text>`);
    parts.push(`<rect x="${xa.toFixed(1)}" y="${y + 3}" width="${Math.max(1, xb - xa).toFixed(1)}" height="${rowHeight - 6}" fill="${colour[r.kind]}"/>`);
    // connector from this bar's end to the next bar's start
    if (i < rows.length - 1) parts.push(`<line x1="${sx(r.to).toFixed(1)}" y1="${y + rowHeight - 3}" x2="${sx(r.to).toFixed(1)}" y2="${y + rowHeight + 3}" class="connector"/>`);
    const text = r.kind === 'total' ? format(r.to) : `${r.to >= r.from ? '+' : '−'}${format(Math.abs(r.to - r.from))}`;
    parts.push(`<text x="${(xb + 4).toFixed(1)}" y="${y + 15}" class="tick">${escapeHtml(text)}</text>`);
  });
  parts.push(`<text x="${m.left + w / 2}" y="${height - 8}" text-anchor="middle" class="axis">${escapeHtml(chart.valueLabel)}</text>`);
  return `${svgOpen(width, height, chart, id)}${parts.join('')}</svg>`;
}

/** Horizontal bars in groups: one bar per series for each category or bin. */
export function groupedBarSvg(chart: GroupedBarChart, width = 520, id = nextChartId()): string {
  const barHeight = 9;
  const groupHeight = barHeight * chart.seriesNames.length + 8;
  const format = chart.format ?? plain;
  const labelWidth = labelRoom(chart.groups.map((g) => g.label), width, 0.35);
  const m = { top: 48, right: 56, bottom: chart.valueLabel ? 30 : 10, left: labelWidth };
  const height = m.top + m.bottom + groupHeight * chart.groups.length;
  const w = width - m.left - m.right;
  const hi = Math.max(1e-12, ...chart.groups.flatMap((g) => g.values));
  const sx = (v: number) => m.left + (v / hi) * w;
  const parts: string[] = [`<text x="${width / 2}" y="18" text-anchor="middle" class="chart-title" aria-hidden="true">${escapeHtml(chart.title)}</text>`];
  let lx = m.left;
  chart.seriesNames.forEach((name, k) => {
    parts.push(`<rect x="${lx}" y="28" width="10" height="10" fill="${palette[k % palette.length]}"/><text x="${lx + 14}" y="37" class="legend">${escapeHtml(name)}</text>`);
    lx += 30 + 7 * name.length;
  });
  chart.groups.forEach((g, i) => {
    const y = m.top + i * groupHeight;
    parts.push(`<text x="${m.left - 6}" y="${y + groupHeight / 2 + 3}" text-anchor="end" class="tick">${escapeHtml(fitLabel(g.label, labelWidth))}</text>`);
    g.values.forEach((v, k) => {
      const by = y + 4 + k * barHeight;
      parts.push(`<rect x="${m.left}" y="${by}" width="${Math.max(0.5, sx(v) - m.left).toFixed(1)}" height="${barHeight - 1}" fill="${palette[k % palette.length]}"/>`);
      parts.push(`<text x="${(sx(v) + 4).toFixed(1)}" y="${by + barHeight - 1}" class="tick small">${escapeHtml(format(v))}</text>`);
    });
  });
  parts.push(`<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${m.top + groupHeight * chart.groups.length}" class="zero"/>`);
  if (chart.valueLabel) parts.push(`<text x="${m.left + w / 2}" y="${height - 8}" text-anchor="middle" class="axis">${escapeHtml(chart.valueLabel)}</text>`);
  return `${svgOpen(width, height, chart, id)}${parts.join('')}</svg>`;
}

/** The chart's data as a table for screen readers (and anyone who wants the numbers). */
export function chartDataTable(chart: ReportChart): ReportTable {
  const caption = `Data for "${chart.title}"${chart.description ? `: ${chart.description}` : ''}`;
  switch (chart.kind) {
    case 'line': {
      const format = chart.format ?? tickLabelPrecise;
      const rows: CellValue[][] = chart.series.flatMap((s) => thin(s.points, 20).map(([x, y]) => [s.name, tickLabelPrecise(x), format(y)]));
      for (const mk of chart.markers ?? []) rows.push([`marker: ${mk.label}`, mk.axis === 'x' ? tickLabelPrecise(mk.value) : '', mk.axis === 'y' ? format(mk.value) : '']);
      for (const p of chart.points ?? []) rows.push([`point: ${p.label}`, tickLabelPrecise(p.x), format(p.y)]);
      return { caption, columns: ['series', chart.xLabel, chart.yLabel], rows };
    }
    case 'bar': {
      const format = chart.format ?? plain;
      const withError = chart.bars.some((b) => b.error);
      return {
        caption,
        columns: [chart.valueLabel ? 'item' : 'item', chart.valueLabel ?? 'value', ...(withError ? ['interval'] : []), 'note'],
        rows: chart.bars.map((b) => [b.label, format(b.value), ...(withError ? [b.error ? `${format(b.error[0])} to ${format(b.error[1])}` : ''] : []), b.note ?? '']),
      };
    }
    case 'waterfall': {
      const format = (v: number) => minus((chart.format ?? ((x: number) => x.toFixed(3)))(v));
      let level = chart.start.value;
      const rows: CellValue[][] = [[chart.start.label, '', format(level)]];
      for (const s of chart.steps) {
        level += s.delta;
        rows.push([s.label, `${s.delta >= 0 ? '+' : '−'}${format(Math.abs(s.delta))}`, format(level)]);
      }
      rows.push([chart.end.label, '', format(level)]);
      return { caption, columns: ['step', 'contribution', `running total (${chart.valueLabel})`], rows };
    }
    case 'grouped': {
      const format = chart.format ?? plain;
      return { caption, columns: ['group', ...chart.seriesNames], rows: chart.groups.map((g) => [g.label, ...g.values.map(format)]) };
    }
  }
}

const tickLabelPrecise = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 4 });

export function chartSvg(chart: ReportChart): string {
  switch (chart.kind) {
    case 'line':
      return lineChartSvg(chart);
    case 'bar':
      return barChartSvg(chart);
    case 'waterfall':
      return waterfallSvg(chart);
    case 'grouped':
      return groupedBarSvg(chart);
  }
}

function renderChart(chart: ReportChart): string {
  return `<figure class="chart-box">${chartSvg(chart)}${renderTableHtml(chartDataTable(chart), 'visually-hidden')}</figure>`;
}

/**
 * Five steps of one blue for heatmap cells (cohort retention, a confusion matrix): discrete, so a
 * reader can match a cell to its neighbours, and each with the text colour that keeps WCAG
 * contrast at 4.5:1 or more (dark text on the four light steps, white on the darkest; test in
 * test/labs/report-html.test.ts). A continuous ramp has a middle band where neither passes.
 */
export const heatLevels = [
  { background: '#e5f0f8', text: '#1f2937' },
  { background: '#c4dced', text: '#1f2937' },
  { background: '#a4c8e2', text: '#1f2937' },
  { background: '#84b4d6', text: '#111827' },
  { background: '#1f5f8f', text: '#ffffff' },
] as const;

/** 0..1 → a heat level (0-4). */
export const shadeLevel = (shade: number) => Math.min(4, Math.max(0, Math.floor(Math.max(0, Math.min(1, shade)) * 5)));

/** Figures already formatted as text: "0.849 ± 0.005", "26.5%", "£1,234.50", "−0.012", "k = 3", "-". */
const numberLike = /^([-+−]?[£$€]?[\d,]*\.?\d+(e[-+]?\d+)?%?( ± [\d.]+)?( \[[^\]]*\])?|[-–—]|)$/;

function cellText(v: CellValue, decimals: number): string {
  if (v === null) return '';
  if (typeof v === 'number') return formatNumber(v, Number.isInteger(v) ? 0 : decimals);
  if (typeof v === 'string') return v;
  return v.text;
}

function renderTableHtml(table: ReportTable, className = ''): string {
  // a column is right-aligned when every cell is a figure; plain numbers share one precision
  const numeric = table.columns.map((_, i) =>
    table.rows.length > 0 &&
    table.rows.every((r) => {
      const v = r[i] ?? null;
      if (v === null || typeof v === 'number') return true;
      if (typeof v === 'string') return numberLike.test(v.trim());
      return v.numeric ?? numberLike.test(v.text.trim());
    }),
  );
  const decimals = table.columns.map((_, i) => columnDecimals(table.rows.map((r) => r[i]).filter((v): v is number => typeof v === 'number')));
  const cell = (v: CellValue, i: number) => {
    const classes: string[] = [];
    if (numeric[i]) classes.push('num');
    let style = '';
    let text = escapeHtml(cellText(v, decimals[i]!));
    if (typeof v === 'string' && !numeric[i] && v.length > 32) classes.push('long');
    if (v !== null && typeof v === 'object') {
      if (v.strong) classes.push('strong');
      if (v.wrap) classes.push('wrap');
      else if (!numeric[i] && v.text.length > 32) classes.push('long');
      if (v.partial) {
        classes.push('partial');
        text += `<span class="visually-hidden"> (${escapeHtml(v.partial)})</span>`;
      }
      if (v.shade !== undefined) {
        const level = heatLevels[shadeLevel(v.shade)]!;
        style = ` style="background:${level.background};color:${level.text}"`;
      }
    }
    const header = i === 0 && table.rowHeaders;
    const tag = header ? 'th scope="row"' : 'td';
    const title = v !== null && typeof v === 'object' && v.partial ? ` title="${escapeHtml(v.partial)}"` : '';
    return `<${tag}${classes.length ? ` class="${classes.join(' ')}"` : ''}${style}${title}>${text}</${header ? 'th' : 'td'}>`;
  };
  const head = `<thead><tr>${table.columns.map((c, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const body = `<tbody>${table.rows.map((r) => `<tr>${r.map((v, i) => cell(v, i)).join('')}</tr>`).join('')}</tbody>`;
  // a table grows to its content whatever its width, so the clipping box is a div around it
  if (className === 'visually-hidden') return `<div class="visually-hidden"><table><caption>${escapeHtml(table.caption)}</caption>${head}${body}</table></div>`;
  // The box scrolls, not the page (focusable, so a keyboard can scroll it too). The caption is
  // shown above the box, where it wraps to the screen instead of scrolling away with the table;
  // the <caption> itself stays for screen readers.
  const note = table.note ? `<p class="note">${escapeHtml(table.note)}</p>` : '';
  return (
    `<div class="table-box${table.rows.length > 30 ? ' long' : ''}"><div class="table-title" aria-hidden="true">${escapeHtml(table.caption)}</div>` +
    `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeHtml(table.caption)}"><table><caption class="visually-hidden">${escapeHtml(table.caption)}</caption>${head}${body}</table></div>${note}</div>`
  );
}

const css = `
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2937;max-width:1080px;margin:2rem auto;padding:0 1.25rem;overflow-wrap:break-word}
h1{font-size:1.7rem;margin-bottom:.2rem;line-height:1.2}.subtitle{color:#4b5563;margin-top:0}
h2{font-size:1.2rem;border-bottom:1px solid #e5e7eb;padding-bottom:.2rem;margin-top:2rem}
.table-box{margin:.8rem 0;max-width:100%}.table-title{font-weight:600;font-size:13px;padding-bottom:.3rem}
.table-scroll{overflow-x:auto;max-width:100%;position:relative;
 background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)) left/32px 100% no-repeat local,linear-gradient(to left,#fff 30%,rgba(255,255,255,0)) right/32px 100% no-repeat local,
 radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.2),transparent) left/12px 100% no-repeat scroll,radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.2),transparent) right/12px 100% no-repeat scroll}
.table-scroll:focus{outline:2px solid #0072B2}
table{border-collapse:collapse;font-size:13px;min-width:min(100%,24rem)}
caption{text-align:left;font-weight:600;padding-bottom:.3rem;caption-side:top}
th,td{border-bottom:1px solid #e5e7eb;padding:.25rem .6rem;text-align:left;vertical-align:top;white-space:nowrap}td.long{white-space:normal;min-width:14rem}.wrap{white-space:normal;overflow-wrap:anywhere;min-width:8rem}thead th{background:#f3f4f6}
th[scope=row]{font-weight:500}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.strong{font-weight:700}
.partial{color:#6b7280;font-style:italic;background-image:repeating-linear-gradient(45deg,transparent 0 4px,rgba(0,0,0,.06) 4px 6px)}
.note{font-size:12px;color:#4b5563;margin:.2rem 0 0}
.charts{display:flex;flex-wrap:wrap;gap:1rem 1.5rem}
figure{margin:0;position:relative}.chart-box{flex:1 1 340px;max-width:540px;min-width:0}
svg.chart{display:block;width:100%;height:auto;font:12px system-ui,sans-serif}
.chart-title{font-weight:600;font-size:13px}.tick,.legend{fill:#374151}.axis{fill:#4b5563}.small{font-size:10px}
svg .strong{font-weight:700}
.grid{stroke:#eef0f3}.frame{fill:none;stroke:#d1d5db}.diagonal{stroke:#9ca3af;stroke-dasharray:4 4}.zero{stroke:#6b7280}
.marker{stroke:#111827;stroke-dasharray:5 3;stroke-width:1.2}.marker-label,.point-label{fill:#111827;font-size:11px;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px}
.point{fill:#D55E00;stroke:#fff;stroke-width:1.5}.whisker{stroke:#111827;stroke-width:1.5;fill:none}.connector{stroke:#9ca3af}
.warning{background:#fef2f2;border-left:4px solid #D55E00;padding:.4rem .8rem}
dl.glossary{display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:.3rem 1rem;font-size:14px}dl.glossary dt{font-weight:600}dl.glossary dd{margin:0}
footer{margin-top:2.5rem;color:#4b5563;font-size:12px;border-top:1px solid #e5e7eb;padding-top:.6rem}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;background:#f3f4f6;padding:0 .2em;border-radius:3px}
.visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.keep{break-inside:avoid}
@media (max-width:600px){body{font-size:14px;margin:1rem auto;padding:0 .75rem}h1{font-size:1.35rem}dl.glossary{grid-template-columns:1fr}dl.glossary dd{margin-bottom:.4rem}}
@page{margin:14mm 12mm}
@media print{
 body{max-width:none;margin:0;padding:0;font-size:11pt}
 h2{break-after:avoid;page-break-after:avoid;margin-top:1.2rem}
 .keep,figure,.table-box,p,dl.glossary>*{break-inside:avoid;page-break-inside:avoid}
 .table-box.long{break-inside:auto;page-break-inside:auto}
 .table-scroll{overflow:visible;background:none}
 table{font-size:8.5pt}th,td{padding:.12rem .35rem;white-space:normal}td.long{min-width:8rem}th.num{white-space:normal}
 .charts{gap:.4cm .6cm}.chart-box{flex:1 1 8cm;max-width:12cm}
 thead{display:table-header-group}tr{break-inside:avoid}
 .warning{border:1px solid #D55E00;border-left-width:4px}
 footer{break-inside:avoid}
}`;

/** `code` spans in prose (a command to run) become <code>, everything else is escaped. */
function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/**
 * The whole report as one HTML string. Paragraphs starting with "!" are shown as warnings.
 * Each section's heading is kept on a page with its first block (print), and every chart
 * carries its data as a visually hidden table.
 */
export function renderHtmlReport(report: HtmlReport): string {
  chartCounter = 0;
  const sections = report.sections.map((s) => {
    const blocks: string[] = [];
    for (const p of s.paragraphs ?? []) blocks.push(p.startsWith('!') ? `<p class="warning">${inline(p.slice(1).trim())}</p>` : `<p>${inline(p)}</p>`);
    if (s.charts?.length) blocks.push(`<div class="charts">${s.charts.map(renderChart).join('')}</div>`);
    for (const t of s.tables ?? []) blocks.push(renderTableHtml(t));
    if (s.definitions?.length) blocks.push(`<dl class="glossary">${s.definitions.map((d) => `<dt>${escapeHtml(d.term)}</dt><dd>${inline(d.meaning)}</dd>`).join('')}</dl>`);
    // in print the heading stays on a page with its lead paragraphs and the first chart or table
    const paragraphs = (s.paragraphs ?? []).length;
    const lead = blocks.slice(0, paragraphs + 1);
    const rest = blocks.slice(paragraphs + 1);
    return `<section><div class="keep"><h2>${escapeHtml(s.heading)}</h2>${lead.join('')}</div>${rest.join('')}</section>`;
  });
  const footer = report.footer?.length ? `<footer>${report.footer.map((f) => `<p>${inline(f)}</p>`).join('')}</footer>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title><style>${css}</style></head>
<body><main><h1>${escapeHtml(report.title)}</h1>${report.subtitle ? `<p class="subtitle">${escapeHtml(report.subtitle)}</p>` : ''}
${sections.join('\n')}
</main>${footer}
</body></html>
`;
}
