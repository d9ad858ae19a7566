/**
 * A lab stage's output from the user's newest run that has it, for the walkthrough's pane beside
 * each step: the stage's recorded figures, plus what some stages show beyond them (the drift
 * report the newest drift figures came from; for a retrained run, the run it was retrained
 * from). src/ui/walkthrough/stage-view.ts formats it.
 */
import { isRetrainOf } from './monitor/retrain-name.js';
import type { MetricRecord, RunStore } from '../data/runs.js';
import type { DriftReport } from './monitor/drift-report.js';

export interface StageOutput {
  stage: string;
  runId: string;
  metrics: MetricRecord[];
  drift?: DriftReport;
  retrain?: RetrainOrigin;
}

export interface RetrainOrigin {
  fromRun: string;
  batch: string;
  newRows: number;
  replaced: number;
  /** The figures that decide whether to switch, in the old run and in the retrained one. */
  compared: { key: string; before?: number; after?: number }[];
}

/** The metric stage names a walkthrough stage reads (explain is shown with fairness, loadtest records as serve). */
const metricStages: Record<string, string[]> = { loadtest: ['serve'], explain: ['explain', 'fairness'] };

export function stageOutput(store: RunStore, labStage: string, dataset = store.latest(labStage.split(':')[0]!)?.datasetName ?? undefined): StageOutput | undefined {
  const [lab, stage] = labStage.split(':') as [string, string];
  const stages = metricStages[stage] ?? [stage];
  // one dataset at a time: every pane of a walkthrough shows runs on the same data (the newest complete run's)
  for (const run of store.list({ lab, limit: 50 })) {
    // a retraining run is on the dataset plus its batch (retrain-name.ts)
    const onDataset = dataset === undefined || run.datasetName === dataset || (stage === 'retrain' && isRetrainOf(run.datasetName, dataset));
    if (run.status !== 'ok' || !onDataset) continue;
    const metrics = store.metrics(run.id).filter((m) => stages.includes(m.stage));
    if (!metrics.length) continue;
    return {
      stage,
      runId: run.id,
      metrics,
      drift: stage === 'drift' ? latestDriftReport(store, run.id, metrics) : undefined,
      retrain: stage === 'retrain' ? retrainOrigin(store, run.id, metrics) : undefined,
    };
  }
  return undefined;
}

/** The drift report the newest drift figures were computed from (its name is `drift:` + their source). */
function latestDriftReport(store: RunStore, runId: string, metrics: MetricRecord[]): DriftReport | undefined {
  const source = metrics.find((m) => m.key === 'drift.driftedShare')?.inputs.source;
  return typeof source === 'string' ? store.artifact<DriftReport>(runId, `drift:${source}`) : undefined;
}

function retrainOrigin(store: RunStore, runId: string, metrics: MetricRecord[]): RetrainOrigin | undefined {
  const origin = metrics.find((m) => m.key === 'retrain.newRows');
  const fromRun = origin?.inputs.fromRun;
  if (!origin || typeof fromRun !== 'string' || !store.find(fromRun)) return undefined;
  const keys = ['dataset.rows', 'cv.gradient_boosting.auc.mean', 'test.auc', 'test.recall', 'test.precision', 'test.threshold'];
  return {
    fromRun,
    batch: String(origin.inputs.batch),
    newRows: origin.value,
    replaced: metrics.find((m) => m.key === 'retrain.replacedRows')?.value ?? 0,
    compared: keys.map((key) => ({ key, before: store.metric(fromRun, key)?.value, after: store.metric(runId, key)?.value })),
  };
}

/** The command that produces a stage's figures. */
export function commandFor(labStage: string): string {
  const [lab, stage] = labStage.split(':') as [string, string];
  if (lab === 'churn' && ['serve', 'loadtest'].includes(stage)) return 'prep lab churn loadtest';
  if (lab === 'churn' && stage === 'drift') return 'prep lab churn drift --scenario price-rise';
  // a simulated labelled batch, then the retraining on it
  if (lab === 'churn' && stage === 'retrain') return 'prep lab churn drift --scenario price-rise --save-batch batch.csv && prep lab churn retrain --current batch.csv';
  return `prep lab ${lab}`;
}
