/**
 * `prep lab churn drift --report FILE`: the drift check as a self-contained HTML page, laid out
 * like Evidently's data-drift preset: the data-set verdict, one row per column with its test,
 * statistic, threshold and verdict, then each column's reference and current distributions side
 * by side (drifted columns first).
 */
import type { DriftReport } from '../../labs/monitor/drift-report.js';
import { formatCount, formatPercent, formatRatio, formatSigned } from '../number-format.js';
import { renderHtmlReport, type CellValue, type GroupedBarChart, type ReportSection } from '../report-html.js';

type RecordLike = Record<string, unknown>;

export interface DriftReportContext {
  title: string;
  description: string;
  runId: string;
  /** What the reference data is ("IBM's fictional Telco sample data: not real customers"). */
  dataLabel: string;
  /** Where the current rows came from: a scenario (a simulation) or a file. */
  source: string;
  reference: RecordLike[];
  current: RecordLike[];
}

const methodNames: Record<string, string> = {
  wasserstein_normed: 'Wasserstein distance (normed)',
  jensen_shannon: 'Jensen-Shannon distance',
  ks: 'Kolmogorov-Smirnov p-value',
  chi_square: 'chi-square p-value',
};

/** Lower-is-drift statistics (p-values) against higher-is-drift distances. */
const isPValue = (method: string) => method === 'ks' || method === 'chi_square';

/**
 * Shares of reference and current rows per bin (numeric: `bins` equal-width bins over both
 * together) or per category (the `maxCategories` most common in the reference, the rest as "other").
 */
export function distributionShares(
  reference: unknown[],
  current: unknown[],
  kind: 'numeric' | 'categorical',
  bins = 10,
  maxCategories = 10,
): { label: string; reference: number; current: number }[] {
  if (kind === 'numeric') {
    const ref = reference.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const cur = current.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const all = [...ref, ...cur];
    if (all.length === 0) return [];
    // a coded column (SeniorCitizen 0/1, a count with few values) reads better value by value
    const distinct = new Set(all);
    if (distinct.size <= 12 && all.every(Number.isInteger)) {
      return [...distinct].sort((a, b) => a - b).map((v) => ({ label: String(v), reference: ref.filter((x) => x === v).length / Math.max(1, ref.length), current: cur.filter((x) => x === v).length / Math.max(1, cur.length) }));
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of all) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const width = (hi - lo) / bins || 1;
    const shares = (xs: number[]) => {
      const counts = new Array<number>(bins).fill(0);
      for (const x of xs) counts[Math.min(bins - 1, Math.floor((x - lo) / width))]!++;
      return counts.map((c) => c / Math.max(1, xs.length));
    };
    const r = shares(ref);
    const c = shares(cur);
    const edge = (v: number) => (Math.abs(width) >= 10 ? Math.round(v).toLocaleString('en') : Number(v.toPrecision(3)).toLocaleString('en'));
    return r.map((v, i) => ({ label: `${edge(lo + i * width)}–${edge(lo + (i + 1) * width)}`, reference: v, current: c[i]! }));
  }
  const count = (xs: unknown[]) => {
    const m = new Map<string, number>();
    for (const x of xs) if (x !== null && x !== undefined) m.set(String(x), (m.get(String(x)) ?? 0) + 1);
    return m;
  };
  const ref = count(reference);
  const cur = count(current);
  const refTotal = [...ref.values()].reduce((a, b) => a + b, 0) || 1;
  const curTotal = [...cur.values()].reduce((a, b) => a + b, 0) || 1;
  const categories = [...new Set([...ref.keys(), ...cur.keys()])].sort((a, b) => (ref.get(b) ?? 0) - (ref.get(a) ?? 0) || a.localeCompare(b));
  const shown = categories.slice(0, maxCategories);
  const rows = shown.map((k) => ({ label: k, reference: (ref.get(k) ?? 0) / refTotal, current: (cur.get(k) ?? 0) / curTotal }));
  if (categories.length > maxCategories) {
    const rest = categories.slice(maxCategories);
    rows.push({ label: `${rest.length} others`, reference: rest.reduce((a, k) => a + (ref.get(k) ?? 0), 0) / refTotal, current: rest.reduce((a, k) => a + (cur.get(k) ?? 0), 0) / curTotal });
  }
  return rows;
}

export const driftGlossary = [
  { term: 'reference', meaning: 'The rows the model was trained on.' },
  { term: 'current', meaning: 'The batch being checked: new customers, or a labelled simulation of a change.' },
  { term: 'Kolmogorov-Smirnov (KS)', meaning: 'Tests whether two numeric samples come from one distribution; a p-value below 0.05 counts as drift (used for small samples).' },
  { term: 'Wasserstein distance', meaning: 'How far the values must move to turn one distribution into the other, divided by the reference standard deviation; 0.1 or more counts as drift.' },
  { term: 'chi-square', meaning: 'Tests whether category shares changed; a p-value below 0.05 counts as drift.' },
  { term: 'Jensen-Shannon distance', meaning: 'A distance between two sets of category shares, from 0 (same) to 1; 0.1 or more counts as drift.' },
  { term: 'PSI', meaning: 'Population stability index: Σ (current − reference) · ln(current / reference) over bins; below 0.1 is stable, above 0.25 a major shift.' },
  { term: 'data-set drift', meaning: 'Evidently\'s rule: drift when at least half of the columns drift.' },
];

export function renderDriftHtml(report: DriftReport, context: DriftReportContext): string {
  const ordered = [...report.columns].sort((a, b) => Number(b.drifted) - Number(a.drifted) || b.psi - a.psi || a.column.localeCompare(b.column));
  const rows: CellValue[][] = ordered.map((c) => [
    { text: c.column, strong: c.drifted },
    c.kind,
    methodNames[c.method] ?? c.method,
    isPValue(c.method) ? (c.statistic < 0.0001 ? '< 0.0001' : c.statistic.toFixed(4)) : c.statistic.toFixed(4),
    `${isPValue(c.method) ? '<' : '≥'} ${c.threshold}`,
    c.psi.toFixed(3),
    { text: c.drifted ? 'DRIFT' : 'no drift', strong: c.drifted },
  ]);
  const charts: GroupedBarChart[] = ordered.map((c) => {
    const shares = distributionShares(
      context.reference.map((r) => r[c.column]),
      context.current.map((r) => r[c.column]),
      c.kind,
    );
    return {
      kind: 'grouped',
      title: `${c.column}: ${c.drifted ? 'DRIFT' : 'no drift'} (${methodNames[c.method] ?? c.method} ${isPValue(c.method) && c.statistic < 0.0001 ? '< 0.0001' : c.statistic.toFixed(3)})`,
      description: `Share of rows per ${c.kind === 'numeric' ? 'bin' : 'category'} of ${c.column}, reference against current.`,
      seriesNames: [`reference (${formatCount(report.referenceRows)})`, `current (${formatCount(report.currentRows)})`],
      groups: shares.map((s) => ({ label: s.label, values: [s.reference, s.current] })),
      format: (v) => formatPercent(v, 0),
    };
  });
  const p = report.prediction;
  const perf = report.performance;
  const sections: ReportSection[] = [
    {
      heading: 'Verdict',
      paragraphs: [
        context.description,
        `${report.driftedColumns} of ${report.columns.length} columns drifted (${formatPercent(report.driftedShare, 0)}): data-set drift ${report.datasetDrift ? 'YES' : 'no'} (rule: at least half of the columns).`,
        `Prediction drift: the mean churn score moved from ${formatRatio(p.meanReference)} to ${formatRatio(p.meanCurrent)} (${methodNames[p.method] ?? p.method} ${p.statistic.toFixed(3)}, PSI ${p.psi.toFixed(3)}): ${p.drifted ? 'DRIFT' : 'no drift'}.`,
        ...(perf
          ? [`Performance on the labelled batch at threshold ${perf.threshold.toFixed(2)}: ROC-AUC ${formatRatio(perf.baselineAuc)} → ${formatRatio(perf.currentAuc)} (${formatSigned(perf.aucChange, formatRatio)}), recall ${formatRatio(perf.baselineRecall)} → ${formatRatio(perf.currentRecall)} (${formatSigned(perf.recallChange, formatRatio)}).`]
          : ['The batch has no labels: performance is not compared.']),
        `${report.recommendation.retrain ? '!Recommendation: retrain' : 'Recommendation: no retraining needed yet'}. Why: ${report.recommendation.reasons.join('; ')}.`,
      ],
      tables: [
        {
          caption: `Drift by column (${formatCount(report.referenceRows)} reference rows, ${formatCount(report.currentRows)} current rows); drifted columns first`,
          columns: ['column', 'type', 'test', 'statistic', 'drift when', 'PSI', 'verdict'],
          rowHeaders: true,
          rows,
        },
      ],
    },
    { heading: 'Distributions: reference against current', paragraphs: ['Share of rows per bin (numeric columns: ten equal-width bins over both samples) or per category.'], charts },
    { heading: 'Glossary', definitions: driftGlossary },
  ];
  return renderHtmlReport({
    title: 'Data drift report',
    subtitle: `${context.title} · reference: ${context.dataLabel}`,
    sections,
    footer: [
      `Source of the current rows: ${context.source}${context.source.startsWith('scenario:') ? ' (a simulation, not real data)' : ''}. Recorded on run ${context.runId} as drift.*: see \`prep runs show ${context.runId}\`.`,
      `Reference data: ${context.dataLabel}.`,
    ],
  });
}
