/**
 * What the HTML reports need beyond a lab's result object, read from the run store: the figures
 * recorded with the run (so intervals, calibration and fairness tests appear when a run has
 * them), CV AUC per fold, and the deployed model's scores on the held-out customers (for the
 * precision/recall/F1 sweep and, when the run recorded no reliability curve, calibration).
 */
import { findBundled } from '../../data/datasets/catalog.js';
import type { RunStore } from '../../data/runs.js';
import { loadModelArtifact, loadReference, servableModel } from '../../labs/churn/servable.js';
import { modelNames, type ModelName } from '../../labs/churn/types.js';
import type { ChurnReportInputs, ReliabilityBin } from '../../ui/lab/churn-report.js';

/** The currency of a bundled dataset's money columns; undefined for imported data (shown as plain numbers). */
export function datasetCurrency(name: string | null | undefined): string | undefined {
  return name ? findBundled(name)?.currency : undefined;
}

function isReliabilityBin(value: unknown): value is ReliabilityBin {
  const b = value as Record<string, unknown>;
  return typeof b === 'object' && b !== null && typeof b.count === 'number' && typeof b.low === 'number' && typeof b.high === 'number';
}

export function churnReportInputs(store: RunStore, runId: string): ChurnReportInputs {
  const run = store.get(runId);
  const records = store.metrics(run.id);
  const metrics = Object.fromEntries(records.map((m) => [m.key, m.value]));
  const cvAucPerFold: Partial<Record<ModelName, number[]>> = {};
  for (const name of modelNames) {
    const perFold = records.find((m) => m.key === `cv.${name}.auc.mean`)?.inputs.perFold;
    if (Array.isArray(perFold) && perFold.every((v) => typeof v === 'number')) cvAucPerFold[name] = perFold as number[];
  }
  let testScores: ChurnReportInputs['testScores'];
  try {
    const model = servableModel(run, loadModelArtifact(store, run));
    const holdout = loadReference(store, run).holdout;
    const predictions = model.predict(holdout.map((h) => h.record), 0);
    testScores = predictions.map((p, i) => ({ score: p.probability, churned: holdout[i]!.label }));
  } catch {
    // a run without a saved model: the report leaves out the charts that need scores
  }
  const saved = store.artifact<{ bins?: unknown[] }>(run.id, 'calibration');
  const reliability = Array.isArray(saved?.bins) && saved.bins.every(isReliabilityBin) ? { bins: saved.bins as ReliabilityBin[], source: "the run's calibration artifact" } : undefined;
  return { currency: datasetCurrency(run.datasetName), metrics, cvAucPerFold, testScores, reliability };
}
