/**
 * Writes a labelled batch (a drift simulation's rows) as a CSV that `prep lab churn retrain
 * --current` and `drift --current` read: the id column, the training columns and the target.
 */
import { writeFileSync } from 'node:fs';
import { csvField } from '../../data/datasets/csv-source.js';
import { openDatasetReadOnly } from '../../data/datasets/store.js';
import { quoteIdent } from '../../data/datasets/build.js';
import { UsageError } from '../../errors.js';
import type { ChurnModelArtifact } from '../churn/save.js';
import type { LabelledRow } from './scenarios.js';

/** The target's other value in the run's dataset ("No" when the positive label is "Yes"). */
export function negativeLabel(artifact: ChurnModelArtifact): string {
  const { db, meta } = openDatasetReadOnly(artifact.dataset.name);
  try {
    const target = quoteIdent(artifact.targetColumn);
    const row = db.prepare(`SELECT DISTINCT ${target} AS v FROM ${quoteIdent(meta.mainTable)} WHERE ${target} IS NOT NULL AND CAST(${target} AS TEXT) != ? LIMIT 1`).get(artifact.positiveLabel) as { v: unknown } | undefined;
    if (!row) throw new UsageError(`dataset ${artifact.dataset.name} has no value of ${artifact.targetColumn} other than "${artifact.positiveLabel}"`);
    return String(row.v);
  } finally {
    db.close();
  }
}

export function saveLabelledBatch(path: string, rows: LabelledRow[], artifact: ChurnModelArtifact, negative: string): void {
  if (rows.some((r) => r.label === undefined)) throw new UsageError('only labelled rows can be saved as a retraining batch');
  const columns = [...(artifact.idColumn ? [artifact.idColumn] : []), ...artifact.columns.map((c) => c.name)];
  const lines = [[...columns, artifact.targetColumn].map(csvField).join(',')];
  for (const { record, label } of rows) lines.push([...columns.map((c) => csvField(record[c])), csvField(label ? artifact.positiveLabel : negative)].join(','));
  writeFileSync(path, `${lines.join('\n')}\n`);
}
