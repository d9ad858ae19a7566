/**
 * The terminal summary of a drift check (`prep lab churn drift`): per-column tests, data-set and
 * prediction drift, performance when labelled, the most drifted column's distributions side by
 * side, and the retraining recommendation. The HTML report (drift-report.ts) shows the same.
 */
import { columnValues, histogramColumn, histogramPair, type HistogramBin } from '../../labs/monitor/drift-histogram.js';
import type { DriftReport } from '../../labs/monitor/drift-report.js';
import type { LabelledRow } from '../../labs/monitor/scenarios.js';
import { renderTable, style } from '../text.js';

/** Two bars per bin, reference then current, scaled to the largest share of either. */
export function renderHistogramPair(bins: HistogramBin[]): string {
  const max = Math.max(...bins.flatMap((b) => [b.reference, b.current]));
  const bar = (v: number) => '█'.repeat(Math.round((v / max) * 24)).padEnd(24);
  const pct = (v: number) => `${(100 * v).toFixed(0).padStart(3)}%`;
  return bins.map((b) => `${b.lower.toFixed(1).padStart(9)}  ${bar(b.reference)} ${pct(b.reference)}  ${bar(b.current)} ${pct(b.current)}`).join('\n');
}

export function renderDriftText(report: DriftReport, title: string, description: string, reference: LabelledRow[], current: LabelledRow[]): string {
  const out = [style('bold', title), description, ''];
  if (report.overlap?.warning) out.splice(2, 0, style('red', `! ${report.overlap.warning}`));
  out.push(
    renderTable(
      ['column', 'method', 'statistic', 'threshold', 'drift', 'PSI'],
      report.columns.map((c) => [c.column, c.method, Number(c.statistic.toFixed(4)), c.threshold, c.drifted ? 'DRIFT' : '', Number(c.psi.toFixed(3))]),
    ),
  );
  out.push('', `${report.driftedColumns} of ${report.columns.length} columns drifted (${(100 * report.driftedShare).toFixed(0)}%): data-set drift ${report.datasetDrift ? 'YES' : 'no'} (rule: at least half)`);
  out.push(`prediction drift: mean score ${report.prediction.meanReference.toFixed(3)} → ${report.prediction.meanCurrent.toFixed(3)}, ${report.prediction.method} ${report.prediction.statistic.toFixed(3)} ${report.prediction.drifted ? 'DRIFT' : '(no drift)'}`);
  if (report.performance) {
    const p = report.performance;
    out.push(`performance on the ${p.rows} labelled ${report.overlap?.rows ? 'unseen ' : ''}rows: AUC ${p.baselineAuc.toFixed(3)} → ${p.currentAuc.toFixed(3)} (${p.aucChange >= 0 ? '+' : ''}${p.aucChange.toFixed(3)}), recall ${p.baselineRecall.toFixed(3)} → ${p.currentRecall.toFixed(3)}`);
  }
  const plotted = histogramColumn(report);
  if (plotted) {
    const bins = histogramPair(columnValues(reference, plotted.column), columnValues(current, plotted.column));
    out.push('', style('bold', `${plotted.column}: reference (left) vs current (right), share of rows per bin`), renderHistogramPair(bins));
  }
  out.push('', style('bold', report.recommendation.retrain ? 'Recommendation: retrain' : 'Recommendation: no retraining needed yet'), ...report.recommendation.reasons.map((r) => `  - ${r}`));
  return out.join('\n');
}
