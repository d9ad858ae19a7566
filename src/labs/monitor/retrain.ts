/**
 * Retraining: the old run's dataset plus a new labelled batch become a new dataset (imported, so
 * it is listed and queryable like any other), and the churn lab runs on it with the old run's
 * settings. The caller shows `prep runs diff` of the two runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ensureBuilt, quoteIdent } from '../../data/datasets/build.js';
import { importCsv } from '../../data/datasets/import.js';
import { openDatasetReadOnly } from '../../data/datasets/store.js';
import { csvField, readCsv } from '../../data/datasets/csv-source.js';
import { RunStore, type RunRecord } from '../../data/runs.js';
import { UsageError } from '../../errors.js';
import { runChurnLab } from '../churn/run.js';
import { retrainDatasetName } from './retrain-name.js';
import type { ChurnLabResult } from '../churn/types.js';
import { loadModelArtifact, loadReference, servableModel } from '../churn/servable.js';
import { compareOnSameRows, rowsUnseenByBoth, type SameRowsComparison } from './compare-models.js';

/** Where a retrained run came from, recorded on it as the stage "retrain" (the walkthrough's last step reads it). */
function recordRetrainOrigin(store: RunStore, oldRun: RunRecord, newRunId: string, batchFile: string, newRows: number, replaced: number): void {
  const inputs = { fromRun: oldRun.id, fromDataset: oldRun.datasetName, batch: batchFile };
  const run = store.amend(newRunId);
  run.metric('retrain.newRows', newRows, { stage: 'retrain', formula: 'labelled rows of the batch added to the old run\'s dataset', inputs, unit: 'rows' });
  run.metric('retrain.replacedRows', replaced, { stage: 'retrain', formula: 'rows of the old dataset whose customer id is in the batch, replaced by the batch row', inputs, unit: 'rows' });
}

/** Scores the old and the new model on the same rows neither trained on, and records the comparison on the new run. */
function compareOldAndNew(store: RunStore, oldRun: RunRecord, newRunId: string, seed: number): SameRowsComparison | undefined {
  const newRun = store.get(newRunId)!;
  const oldArtifact = loadModelArtifact(store, oldRun);
  const newArtifact = loadModelArtifact(store, newRun);
  const { rows, rule } = rowsUnseenByBoth(loadReference(store, oldRun), loadReference(store, newRun), oldArtifact.idColumn);
  const comparison = compareOnSameRows(servableModel(oldRun, oldArtifact), servableModel(newRun, newArtifact), rows, rule, seed);
  if (!comparison) return undefined;
  const run = store.amend(newRunId);
  const inputs = { fromRun: oldRun.id, rows: comparison.rows, positives: comparison.positives, rule };
  const detail = (formula: string, extra: Record<string, unknown> = {}) => ({ stage: 'retrain', formula, inputs: { ...inputs, ...extra }, unit: 'ratio' });
  run.metric('retrain.sameRows', comparison.rows, { ...detail('rows scored by both models: ' + rule), unit: 'rows' });
  run.metric('retrain.oldAuc', comparison.oldAuc, detail("ROC-AUC of the old run's model on the same rows"));
  run.metric('retrain.newAuc', comparison.newAuc, detail("ROC-AUC of the new run's model on the same rows"));
  run.metric('retrain.aucDiff', comparison.aucDiff, detail('new AUC − old AUC on the same rows'));
  const boot = `paired stratified bootstrap of the same rows (${comparison.resamples} resamples, seed ${seed}: each resample scores both models on the same rows)`;
  run.metric('retrain.aucDiff.ci95Low', comparison.ci95[0], detail(`2.5th percentile of new − old AUC over a ${boot}`, { shareNewBetter: comparison.shareNewBetter }));
  run.metric('retrain.aucDiff.ci95High', comparison.ci95[1], detail(`97.5th percentile of new − old AUC over a ${boot}`, { shareNewBetter: comparison.shareNewBetter }));
  return comparison;
}

export async function retrainWithBatch(store: RunStore, oldRun: RunRecord, currentFile: string): Promise<{ datasetName: string; newRows: number; replaced: number; duplicates: number; result: ChurnLabResult; sameRows?: SameRowsComparison }> {
  const p = oldRun.params as { target: string; positive: string; idColumn: string | null; groupColumn?: string; fairness?: string[]; folds: number; testSize: number; offerCost: number; savedValue: number; successRate: number; examples: number };
  if (!oldRun.datasetName) throw new UsageError(`run ${oldRun.id} has no dataset to retrain from`);
  await ensureBuilt(oldRun.datasetName);
  const { db, meta } = openDatasetReadOnly(oldRun.datasetName);
  const dir = mkdtempSync(join(tmpdir(), 'prep-retrain-'));
  try {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(meta.mainTable) as { name: string }[]).map((c) => c.name);
    // batch rows by customer id: a customer listed twice (a resampled simulation) keeps the last row
    const batchById = new Map<string, string>();
    const batchWithoutId: string[] = [];
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 12);
    let header: string[] | undefined;
    let batchRows = 0;
    for await (const { fields, line } of readCsv(currentFile)) {
      if (!header) {
        header = fields;
        // a batch without the group column is fine: its rows are then groups of their own
        const missing = columns.filter((c) => c !== p.idColumn && c !== p.groupColumn && !header!.includes(c));
        if (missing.length) throw new UsageError(`${currentFile}:1: a retraining batch needs the training columns and the target; missing: ${missing.join(', ')}`);
        continue;
      }
      const record = Object.fromEntries(header.map((h, i) => [h, fields[i]]));
      if ((record[p.target] ?? '').trim() === '') throw new UsageError(`${currentFile}:${line}: no label in "${p.target}": retraining needs labelled rows`);
      batchRows++;
      const id = p.idColumn ? record[p.idColumn] : undefined;
      // a row without an id is a new customer: it gets an id of this batch's own, matching no other row
      if (p.idColumn && !id) record[p.idColumn] = `new-${stamp}-${batchRows}`;
      const csvLine = columns.map((c) => csvField(record[c])).join(',');
      if (id) batchById.set(id, csvLine);
      else batchWithoutId.push(csvLine);
    }
    if (batchRows === 0) throw new UsageError(`${currentFile}: no data rows`);
    const newRows = batchById.size + batchWithoutId.length;
    const duplicates = batchRows - newRows;
    // A customer in the batch replaces their older row: kept both, the two near-identical rows
    // could fall on both sides of the new run's split, and its test figures would be inflated.
    const lines = [columns.map(csvField).join(',')];
    const idIndex = p.idColumn ? columns.indexOf(p.idColumn) : -1;
    let replaced = 0;
    for (const row of db.prepare(`SELECT * FROM ${quoteIdent(meta.mainTable)} ORDER BY rowid`).raw(true).iterate() as IterableIterator<unknown[]>) {
      if (idIndex >= 0 && batchById.has(String(row[idIndex]))) replaced++;
      else lines.push(row.map(csvField).join(','));
    }
    for (const line of batchById.values()) lines.push(line);
    for (const line of batchWithoutId) lines.push(line);
    const combined = join(dir, 'combined.csv');
    writeFileSync(combined, `${lines.join('\n')}\n`);
    const datasetName = retrainDatasetName(oldRun.datasetName!, stamp);
    const batch = basename(currentFile);
    await importCsv({
      file: combined,
      name: datasetName,
      kind: 'table',
      force: true,
      provenance: {
        title: `${meta.title} + retraining batch ${batch}`,
        source: `${meta.source}; plus ${newRows} labelled rows from ${currentFile}${replaced ? ` (replacing the older rows of ${replaced} of those customers)` : ''}`,
        licence: `${meta.licence}; the batch: as stated by its owner`,
        label: `${meta.label}, plus ${newRows} rows from ${batch}`,
      },
    });
    const result = await runChurnLab(
      {
        dataset: datasetName,
        target: p.target,
        positive: p.positive,
        idColumn: p.idColumn ?? undefined,
        groupColumn: p.groupColumn,
        fairness: p.fairness,
        seed: oldRun.seed ?? 42,
        folds: p.folds,
        testSize: p.testSize,
        cost: { offerCost: p.offerCost, savedValue: p.savedValue, successRate: p.successRate },
        examples: p.examples,
      },
      { store },
    );
    recordRetrainOrigin(store, oldRun, result.runId, currentFile, newRows, replaced);
    const sameRows = compareOldAndNew(store, oldRun, result.runId, oldRun.seed ?? 42);
    return { datasetName, newRows, replaced, duplicates, result, sameRows };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
