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
  performance?: { baselineAuc: number; currentAuc: number; aucChange: number; baselineRecall: number; currentRecall: number; recallChange: number; threshold: number; rows: number };
  /** Batch rows whose customer id is among the training rows: the model has seen them, so they are left out of performance. */
  overlap?: { idColumn: string; rows: number; share: number; unseenRows: number; warning?: string };
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
  seen?: { idColumn: string; trainingIds: ReadonlySet<string> },
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

  // Rows of customers the model was trained on would score optimistically: count them, warn, and
  // measure performance only on the rows it has not seen.
  let overlap: DriftReport['overlap'];
  let unseen = current.map((_, i) => i);
  if (seen) {
    const isSeen = current.map((r) => r.record[seen.idColumn] !== undefined && r.record[seen.idColumn] !== null && seen.trainingIds.has(String(r.record[seen.idColumn])));
    const rows = isSeen.filter(Boolean).length;
    unseen = unseen.filter((i) => !isSeen[i]);
    const share = rows / Math.max(1, current.length);
    overlap = {
      idColumn: seen.idColumn,
      rows,
      share,
      unseenRows: unseen.length,
      ...(rows > 0 ? { warning: `${rows} of ${current.length} batch rows (${(100 * share).toFixed(1)}%) are customers the model was trained on (same ${seen.idColumn}); performance is measured on the ${unseen.length} unseen rows only${share >= 0.5 ? ', and the drift statistics compare the training data largely with itself' : ''}` } : {}),
    };
  }
  let performance: DriftReport['performance'];
  const labelled = current.every((r) => r.label !== undefined) && current.length > 0;
  if (labelled && baseline && unseen.length > 0) {
    const y = Uint8Array.from(unseen.map((i) => (current[i]!.label ? 1 : 0)));
    const scores = Float64Array.from(unseen.map((i) => curScores[i]!));
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
        rows: unseen.length,
      };
    }
  }

  const reasons: string[] = [];
  if (overlap?.warning) reasons.push(`warning: ${overlap.warning}`);
  const worst = [...columns].filter((c) => c.drifted).sort((a, b) => b.statistic / b.threshold - a.statistic / a.threshold);
  if (driftedShare >= 0.5) reasons.push(`${driftedColumns} of ${columns.length} columns drifted (the data-set drift rule is at least half)`);
  for (const c of worst.slice(0, 3)) reasons.push(`${c.column}: ${c.method} ${c.statistic.toFixed(3)} ≥ threshold ${c.threshold} (PSI ${c.psi.toFixed(3)})`);
  if (prediction.drifted) reasons.push(`prediction scores drifted: mean ${mean(refScores).toFixed(3)} → ${mean(curScores).toFixed(3)} (${prediction.method} ${prediction.statistic.toFixed(3)})`);
  if (performance && performance.aucChange <= -0.02) reasons.push(`AUC fell by ${(-performance.aucChange).toFixed(3)} on the labelled batch`);
  if (performance && performance.recallChange <= -0.05) reasons.push(`recall at the run's threshold fell by ${(-performance.recallChange).toFixed(3)}`);
  const retrain = driftedShare >= 0.5 || prediction.drifted || (performance !== undefined && (performance.aucChange <= -0.02 || performance.recallChange <= -0.05));
  if (!retrain) reasons.splice(overlap?.warning ? 1 : 0, 0, worst.length ? `only ${driftedColumns} of ${columns.length} columns drifted, predictions and performance held: keep watching` : 'no column, prediction or performance drift detected');

  return {
    referenceRows: reference.length,
    currentRows: current.length,
    columns,
    driftedColumns,
    driftedShare,
    datasetDrift: driftedShare >= 0.5,
    prediction: { ...prediction, meanReference: mean(refScores), meanCurrent: mean(curScores) },
    performance,
    ...(overlap ? { overlap } : {}),
    recommendation: { retrain, reasons },
  };
}

