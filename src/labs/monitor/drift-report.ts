/**
 * The drift report of `prep lab churn drift`: the training rows (reference) against a current
 * batch, column by column the way Evidently does it by default, plus prediction drift and, when
 * the batch is labelled, the change in AUC and recall; and a retraining recommendation that
 * states its reasons.
 */
import { columnDrift, type ColumnDriftResult } from '../../ml/drift.js';
import { confusionAt, rocAuc } from '../../ml/metrics.js';
import type { CustomerRecord, ServableModel } from '../../serve/contract.js';
import type { LabelledRow } from './scenarios.js';

export interface ColumnDriftRow extends ColumnDriftResult {
  column: string;
  kind: 'numeric' | 'categorical';
}

export interface DriftReport {
  referenceRows: number;
  currentRows: number;
  columns: ColumnDriftRow[];
  driftedColumns: number;
  driftedShare: number;
  /** Evidently's data-set rule: drift when at least half of the columns drift. */
  datasetDrift: boolean;
  prediction: { method: string; statistic: number; threshold: number; drifted: boolean; psi: number; meanReference: number; meanCurrent: number };
  performance?: { baselineAuc: number; currentAuc: number; aucChange: number; baselineRecall: number; currentRecall: number; recallChange: number; threshold: number };
  recommendation: { retrain: boolean; reasons: string[] };
}

function valuesOf(rows: CustomerRecord[], column: string, kind: 'numeric' | 'categorical'): (number | string)[] {
  const out: (number | string)[] = [];
  for (const r of rows) {
    const v = r[column];
    if (v === null || v === undefined) continue; // missing values are not a distribution shift by themselves
    out.push(kind === 'numeric' ? Number(v) : String(v));
  }
  return out;
}

export function buildDriftReport(
  model: ServableModel,
  reference: LabelledRow[],
  current: LabelledRow[],
  baseline: { auc: number; recall: number } | undefined,
): DriftReport {
  const refRecords = reference.map((r) => r.record);
  const curRecords = current.map((r) => r.record);
  const columns: ColumnDriftRow[] = model.columns.map((c) => {
    const kind = c.type;
    const result = columnDrift(valuesOf(refRecords, c.name, kind), valuesOf(curRecords, c.name, kind), kind);
    return { column: c.name, kind, ...result };
  });
  const driftedColumns = columns.filter((c) => c.drifted).length;
  const driftedShare = driftedColumns / Math.max(1, columns.length);

  const refScores = model.predict(refRecords, 0).map((p) => p.probability);
  const curScores = model.predict(curRecords, 0).map((p) => p.probability);
  const prediction = columnDrift(refScores, curScores, 'numeric');
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

  let performance: DriftReport['performance'];
  const labelled = current.every((r) => r.label !== undefined) && current.length > 0;
  if (labelled && baseline) {
    const y = Uint8Array.from(current.map((r) => (r.label ? 1 : 0)));
    const scores = Float64Array.from(curScores);
    const positives = y.reduce((a, b) => a + b, 0);
    if (positives > 0 && positives < y.length) {
      const currentAuc = rocAuc(y, scores);
      const c = confusionAt(y, scores, model.threshold);
      const currentRecall = c.tp / Math.max(1, c.tp + c.fn);
      performance = {
        baselineAuc: baseline.auc,
        currentAuc,
        aucChange: currentAuc - baseline.auc,
        baselineRecall: baseline.recall,
        currentRecall,
        recallChange: currentRecall - baseline.recall,
        threshold: model.threshold,
      };
    }
  }

  const reasons: string[] = [];
  const worst = [...columns].filter((c) => c.drifted).sort((a, b) => b.statistic / b.threshold - a.statistic / a.threshold);
  if (driftedShare >= 0.5) reasons.push(`${driftedColumns} of ${columns.length} columns drifted (the data-set drift rule is at least half)`);
  for (const c of worst.slice(0, 3)) reasons.push(`${c.column}: ${c.method} ${c.statistic.toFixed(3)} ≥ threshold ${c.threshold} (PSI ${c.psi.toFixed(3)})`);
  if (prediction.drifted) reasons.push(`prediction scores drifted: mean ${mean(refScores).toFixed(3)} → ${mean(curScores).toFixed(3)} (${prediction.method} ${prediction.statistic.toFixed(3)})`);
  if (performance && performance.aucChange <= -0.02) reasons.push(`AUC fell by ${(-performance.aucChange).toFixed(3)} on the labelled batch`);
  if (performance && performance.recallChange <= -0.05) reasons.push(`recall at the run's threshold fell by ${(-performance.recallChange).toFixed(3)}`);
  const retrain = driftedShare >= 0.5 || prediction.drifted || (performance !== undefined && (performance.aucChange <= -0.02 || performance.recallChange <= -0.05));
  if (!retrain) reasons.unshift(worst.length ? `only ${driftedColumns} of ${columns.length} columns drifted, predictions and performance held: keep watching` : 'no column, prediction or performance drift detected');

  return {
    referenceRows: reference.length,
    currentRows: current.length,
    columns,
    driftedColumns,
    driftedShare,
    datasetDrift: driftedShare >= 0.5,
    prediction: { ...prediction, meanReference: mean(refScores), meanCurrent: mean(curScores) },
    performance,
    recommendation: { retrain, reasons },
  };
}

