/**
 * Turns a churn run's saved `model` artifact into a model the prediction API can serve:
 * the same row-wise cleaning and engineered features as the lab, then the saved preprocessor and
 * trees, with TreeSHAP reasons for each prediction.
 */
import { RunStore, type RunRecord } from '../../data/runs.js';
import { PrepError, UsageError } from '../../errors.js';
import { preprocessorFromJSON, type PreprocessorJSON } from '../../ml/preprocess.js';
import { explainRow, treeModelFromJSON } from '../../ml/trees/index.js';
import type { CustomerRecord, Prediction, ServableModel, TrainingColumn } from '../../serve/contract.js';
import { fillUnbilledTotalCharges, missingCategory } from './clean.js';
import type { RawRow } from './extract.js';
import { addEngineeredFeatures, findEngineeredFeature, type EngineeredFeature } from './features.js';
import { modelArtifactFormat, type ChurnModelArtifact, type ReferenceArtifact } from './save.js';

/** The churn run to serve: the given id, or the newest complete run (one that saved a model). */
export function findModelRun(store: RunStore, runId?: string): RunRecord {
  const run = runId ? store.get(runId) : store.latest('churn', 'test.auc');
  if (!run) throw new UsageError('no churn run with a saved model yet', 'Run `prep lab churn` first, then serve or monitor its model.');
  if (run.lab !== 'churn') throw new UsageError(`run ${run.id} is a ${run.lab} run, not a churn run`);
  return run;
}

export function loadModelArtifact(store: RunStore, run: RunRecord): ChurnModelArtifact {
  const artifact = store.artifact<ChurnModelArtifact>(run.id, 'model');
  if (!artifact) throw new UsageError(`run ${run.id} saved no model (status ${run.status})`, 'Serve a run that finished: `prep runs list --lab churn`.');
  if (artifact.format !== modelArtifactFormat) throw new PrepError(`run ${run.id} saved a model in format ${String(artifact.format)}; this prep reads ${modelArtifactFormat}`);
  return artifact;
}

export function loadReference(store: RunStore, run: RunRecord): ReferenceArtifact {
  const reference = store.artifact<ReferenceArtifact>(run.id, 'reference');
  if (!reference) throw new UsageError(`run ${run.id} saved no reference data for drift checks`);
  return reference;
}

export function servableModel(run: RunRecord, artifact: ChurnModelArtifact): ServableModel {
  const pre = preprocessorFromJSON(artifact.preprocessor as PreprocessorJSON);
  const model = treeModelFromJSON(artifact.model);
  const engineered = artifact.engineeredFeatures.map((name) => {
    const f = findEngineeredFeature(name);
    if (!f) throw new PrepError(`the saved model uses an engineered feature "${name}" this prep does not know`);
    return f;
  }) as EngineeredFeature[];
  const categorical = new Set(artifact.columns.filter((c) => c.type === 'categorical').map((c) => c.name));
  const hasTenure = artifact.columns.some((c) => c.name === 'tenure');
  // A blank TotalCharges is valid input for a customer in their first month (the lab's cleaning rule).
  const columns: TrainingColumn[] = artifact.columns.map((c) => (c.name === 'TotalCharges' && hasTenure ? { ...c, nullable: true } : c));

  function prepare(records: CustomerRecord[]): RawRow[] {
    return records.map((record) => {
      const row: RawRow = {};
      for (const c of artifact.columns) row[c.name] = record[c.name] ?? null;
      fillUnbilledTotalCharges(row);
      for (const name of categorical) if (row[name] === null) row[name] = missingCategory;
      return row;
    });
  }

  return {
    runId: run.id,
    datasetName: artifact.dataset.name,
    datasetSha256: artifact.dataset.sha256,
    modelName: artifact.modelName,
    threshold: artifact.threshold,
    positiveLabel: artifact.positiveLabel,
    idColumn: artifact.idColumn ?? undefined,
    groupColumn: (run.params as { groupColumn?: string }).groupColumn,
    droppedColumns: artifact.droppedColumns ?? [],
    columns,
    trainingMetrics: artifact.trainingMetrics,
    predict(records, topReasons): Prediction[] {
      if (records.length === 0) return [];
      const x = pre.transform(addEngineeredFeatures(prepare(records), engineered));
      // With reasons, the SHAP pass also yields the model output (bit-identical to predictProba).
      const probabilities = topReasons > 0 ? undefined : model.predictProba(x);
      return records.map((_, i) => {
        if (probabilities) return { probability: probabilities[i]!, label: probabilities[i]! >= artifact.threshold, reasons: [] };
        const { phi, probability } = explainRow(model, x, i);
        const reasons = largestByMagnitude(phi, topReasons).map((j) => ({ feature: pre.featureNames[j]!, value: x.data[i * x.cols + j]!, shap: phi[j]! }));
        return { probability, label: probability >= artifact.threshold, reasons };
      });
    },
  };
}

/** Indices of the k largest |values|, largest first (ties keep the lower index). */
function largestByMagnitude(values: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let j = 0; j < values.length; j++) {
    const m = Math.abs(values[j]!);
    if (top.length === k && m <= Math.abs(values[top[k - 1]!]!)) continue;
    let at = top.length;
    while (at > 0 && m > Math.abs(values[top[at - 1]!]!)) at--;
    top.splice(at, 0, j);
    if (top.length > k) top.pop();
  }
  return top;
}
