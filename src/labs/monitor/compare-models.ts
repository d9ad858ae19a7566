/**
 * Retrain's honest comparison: the old and the new model scored on the SAME held-out rows (the
 * new run's test rows that the old model never trained on), with a paired bootstrap interval for
 * the AUC difference. Comparing each run's own test AUC would compare two different test sets.
 */
import { pairedBootstrapDifference, scoreOrder, weightedAuc } from '../../ml/bootstrap.js';
import { rocAuc } from '../../ml/metrics.js';
import { createRng } from '../../ml/random.js';
import type { CustomerRecord, ServableModel } from '../../serve/contract.js';
import type { ReferenceArtifact } from '../churn/save.js';

export interface SameRowsComparison {
  rows: number;
  positives: number;
  /** How the rows were chosen, in one sentence. */
  rowsRule: string;
  oldAuc: number;
  newAuc: number;
  aucDiff: number;
  ci95: [number, number];
  /** Share of resamples where the new model's AUC is higher. */
  shareNewBetter: number;
  resamples: number;
  seed: number;
}

const fingerprint = (record: Record<string, unknown>, columns: string[]) => JSON.stringify(columns.map((c) => record[c] ?? null));

/**
 * Rows of the new run's hold-out the old model has not seen: by customer id when the old run
 * recorded its training ids, otherwise by identical column values.
 */
export function rowsUnseenByBoth(oldReference: ReferenceArtifact, newReference: ReferenceArtifact, idColumn: string | null): { rows: ReferenceArtifact['holdout']; rule: string } {
  if (idColumn && oldReference.trainingIds) {
    const seen = new Set(oldReference.trainingIds);
    return {
      rows: newReference.holdout.filter((h) => !seen.has(String(h.record[idColumn]))),
      rule: `the new run's test rows whose ${idColumn} is not among the old run's training rows`,
    };
  }
  const columns = oldReference.columns;
  const seen = new Set(oldReference.training.map((r) => fingerprint(r, columns)));
  return {
    rows: newReference.holdout.filter((h) => !seen.has(fingerprint(h.record, columns))),
    rule: "the new run's test rows that match no training row of the old run column for column (the old run recorded no training ids)",
  };
}

export function compareOnSameRows(oldModel: ServableModel, newModel: ServableModel, rows: ReferenceArtifact['holdout'], rule: string, seed: number, resamples = 2000): SameRowsComparison | undefined {
  const y = Uint8Array.from(rows.map((r) => (r.label ? 1 : 0)));
  const positives = y.reduce((a, b) => a + b, 0);
  if (positives === 0 || positives === y.length) return undefined;
  const records = rows.map((r) => r.record as CustomerRecord);
  const oldScores = Float64Array.from(oldModel.predict(records, 0).map((p) => p.probability));
  const newScores = Float64Array.from(newModel.predict(records, 0).map((p) => p.probability));
  const oldOrder = scoreOrder(oldScores);
  const newOrder = scoreOrder(newScores);
  const diff = pairedBootstrapDifference(y, (w) => weightedAuc(y, oldOrder, w), (w) => weightedAuc(y, newOrder, w), { resamples, rng: createRng(seed) });
  return {
    rows: rows.length,
    positives,
    rowsRule: rule,
    oldAuc: rocAuc(y, oldScores),
    newAuc: rocAuc(y, newScores),
    aucDiff: diff.estimate,
    ci95: [diff.low, diff.high],
    shareNewBetter: diff.shareAboveZero,
    resamples,
    seed,
  };
}
