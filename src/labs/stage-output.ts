/**
 * A lab stage's output from the user's newest run that has it, as the walkthrough shows it beside
 * each step: the CV table for model comparison, the treatments for imbalance, the confusion
 * matrix for the test, the drift table for monitoring. Stages without a view of their own list
 * their recorded figures.
 */
import type { MetricRecord, RunStore } from '../data/runs.js';
import type { DriftReport } from './monitor/drift-report.js';
import { formatValue, renderTable } from '../ui/text.js';

export interface StageOutput {
  runId: string;
  rows: { key: string; value: number; formula: string }[];
  /** The stage's output formatted for a terminal panel about 50 columns wide. */
  lines: string[];
}

/** The metric stage names a walkthrough stage reads (explain is shown with fairness, serve with its load test). */
const metricStages: Record<string, string[]> = { serve: ['serve'], loadtest: ['serve'], explain: ['explain', 'fairness'], test: ['test'] };

/** `width`: the columns the output is shown in (the walkthrough's side pane); tables fit it. */
export function stageOutput(store: RunStore, labStage: string, width?: number): StageOutput | undefined {
  const [lab, stage] = labStage.split(':') as [string, string];
  const stages = metricStages[stage] ?? [stage];
  for (const run of store.list({ lab, limit: 50 })) {
    if (run.status !== 'ok') continue;
    const metrics = store.metrics(run.id).filter((m) => stages.includes(m.stage));
    if (!metrics.length) continue;
    const drift = stage === 'drift' ? latestDriftReport(store, run.id, metrics) : undefined;
    const lines = stage === 'retrain' ? retrainLines(store, run.id, metrics, width) : formatStage(stage, metrics, drift, width);
    return { runId: run.id, rows: metrics.map((m) => ({ key: m.key, value: m.value, formula: m.formula })), lines };
  }
  return undefined;
}

/** The drift report the newest drift figures were computed from (its name is `drift:` + their source). */
function latestDriftReport(store: RunStore, runId: string, metrics: MetricRecord[]): DriftReport | undefined {
  const source = metrics.find((m) => m.key === 'drift.driftedShare')?.inputs.source;
  return typeof source === 'string' ? store.artifact<DriftReport>(runId, `drift:${source}`) : undefined;
}

/** A retrained run beside the run it was retrained from: the figures that decide whether to switch. */
function retrainLines(store: RunStore, runId: string, metrics: MetricRecord[], width?: number): string[] {
  const origin = metrics.find((m) => m.key === 'retrain.newRows');
  const fromRun = origin?.inputs.fromRun;
  if (!origin || typeof fromRun !== 'string' || !store.find(fromRun)) return metrics.map((m) => `${m.key} = ${formatValue(m.value)}`);
  const keys = ['dataset.rows', 'cv.gradient_boosting.auc.mean', 'test.auc', 'test.recall', 'test.precision', 'test.threshold'];
  const value = (id: string, key: string) => store.metric(id, key)?.value;
  const rows = keys.map((k) => [k, formatValue(value(fromRun, k)), formatValue(value(runId, k))]);
  const replaced = metrics.find((m) => m.key === 'retrain.replacedRows')?.value ?? 0;
  return [
    `${origin.value} labelled rows from ${String(origin.inputs.batch)} added to run ${fromRun}'s data${replaced ? ` (replacing ${replaced} older rows of the same customers)` : ''}`,
    ...renderTable(['metric', 'before', 'after'], rows, { width }).split('\n'),
    'the test sets differ (each run splits its own data):',
    `compare all: prep runs diff ${fromRun} ${runId}`,
  ];
}

const methodShort: Record<DriftReport['columns'][number]['method'], string> = { wasserstein_normed: 'Wasserstein', jensen_shannon: 'Jensen-Sh.', ks: 'KS p', chi_square: 'χ² p' };
const fixed = (v: number | undefined, digits = 3) => (v === undefined ? '-' : v.toFixed(digits));
const percent = (v: number | undefined) => (v === undefined ? '-' : `${(100 * v).toFixed(1)}%`);

/** Formats one stage's metrics (pure: tested on recorded values). */
export function formatStage(stage: string, metrics: MetricRecord[], drift?: DriftReport, width?: number): string[] {
  const table = (columns: string[], rows: unknown[][]) => renderTable(columns, rows, { width }).split('\n');
  const v = (key: string) => metrics.find((m) => m.key === key)?.value;
  switch (stage) {
    case 'cv': {
      const order = ['logistic_regression', 'random_forest', 'gradient_boosting'];
      const models = metrics
        .map((m) => /^cv\.([a-z_]+)\.auc\.mean$/.exec(m.key)?.[1])
        .filter((m): m is string => m !== undefined)
        .sort((a, b) => order.indexOf(a) - order.indexOf(b));
      const name = (m: string) => m.replace('logistic_regression', 'logistic').replace('random_forest', 'forest').replace('gradient_boosting', 'boosting');
      const rows = models.map((m) => [name(m), `${fixed(v(`cv.${m}.auc.mean`))} ± ${fixed(v(`cv.${m}.auc.std`))}`, fixed(v(`cv.${m}.precision.mean`)), fixed(v(`cv.${m}.recall.mean`)), fixed(v(`cv.${m}.f1.mean`))]);
      const tuned = models.map((m) => {
        const params = metrics.filter((x) => x.key.startsWith(`cv.${m}.tuned.`)).map((x) => `${x.key.slice(`cv.${m}.tuned.`.length)} ${formatValue(x.value)}`);
        return `  ${name(m)}: ${params.join(', ')}`;
      });
      return ['mean over the folds (precision, recall, F1 at 0.5)', ...table(['model', 'AUC ± sd', 'prec', 'recall', 'F1'], rows), 'tuned by CV AUC:', ...tuned];
    }
    case 'imbalance': {
      const treatments: [string, string][] = [['none', 'none'], ['classWeights', 'class weights'], ['smoteInFolds', 'SMOTE in folds'], ['smoteLeaky', 'SMOTE before split']];
      const rows = treatments.filter(([k]) => v(`imbalance.${k}.auc`) !== undefined).map(([k, label]) => [label, fixed(v(`imbalance.${k}.auc`)), fixed(v(`imbalance.${k}.recall`)), k === 'smoteLeaky' ? 'MISTAKE' : 'honest']);
      return ['CV AUC and recall at 0.5 by treatment', ...table(['treatment', 'AUC', 'recall', ''], rows)];
    }
    case 'test': {
      const [tp, fp, fn, tn] = ['tp', 'fp', 'fn', 'tn'].map((k) => v(`test.${k}`));
      return [
        `ROC-AUC ${fixed(v('test.auc'))} · PR-AUC ${fixed(v('test.prAuc'))}`,
        ...table(
          ['threshold', 'prec', 'recall', 'F1'],
          [
            [`${fixed(v('test.threshold'), 2)} (cost)`, fixed(v('test.precision')), fixed(v('test.recall')), fixed(v('test.f1'))],
            ['0.50', fixed(v('test.default.precision')), fixed(v('test.default.recall')), fixed(v('test.default.f1'))],
          ],
        ),
        `confusion at ${fixed(v('test.threshold'), 2)}:`,
        ...table(['', 'flagged', 'not flagged'], [['churned', tp, fn], ['stayed', fp, tn]]),
        `net value ${formatValue(v('threshold.netValue'))} vs ${formatValue(v('threshold.netValueDefault'))} at 0.5`,
      ];
    }
    case 'explain': {
      const shap = metrics.filter((m) => m.key.startsWith('explain.global.')).sort((a, b) => b.value - a.value);
      const longest = Math.max(...shap.map((m) => m.key.length - 'explain.global.'.length), 0);
      const top = shap[0]?.value ?? 1;
      const bars = shap.slice(0, 8).map((m) => `${m.key.slice('explain.global.'.length).padEnd(longest)} ${'█'.repeat(Math.max(1, Math.round((12 * m.value) / top)))} ${fixed(m.value)}`);
      const groups = [...new Set(metrics.map((m) => /^fairness\.(\w+)\.([^.]+)\.recall$/.exec(m.key)).filter((x) => x !== null).map((x) => `${x[1]}.${x[2]}`))];
      const fairness = groups.map((g) => [g.replace('.', ' = '), fixed(v(`fairness.${g}.recall`)), fixed(v(`fairness.${g}.precision`)), percent(v(`fairness.${g}.positiveRate`))]);
      return [
        `additivity error ${v('explain.additivityMaxError')?.toExponential(1) ?? '-'}; mean |SHAP|:`,
        ...bars,
        ...(fairness.length ? ['by group, test set:', ...table(['group', 'recall', 'prec', 'flagged'], fairness)] : []),
      ];
    }
    case 'drift': {
      if (!drift) break;
      const columns = [...drift.columns].sort((a, b) => Number(b.drifted) - Number(a.drifted) || b.psi - a.psi).slice(0, 6);
      return [
        `${drift.driftedColumns} of ${drift.columns.length} columns drifted (${percent(drift.driftedShare)})`,
        `batch ${drift.currentRows} rows, reference ${drift.referenceRows}`,
        ...table(['column', 'test', 'stat', 'PSI', ''], columns.map((c) => [c.column, methodShort[c.method], fixed(c.statistic), fixed(c.psi), c.drifted ? 'DRIFT' : ''])),
        ...(drift.performance ? [`AUC ${fixed(drift.performance.baselineAuc)} → ${fixed(drift.performance.currentAuc)}, recall ${fixed(drift.performance.baselineRecall)} → ${fixed(drift.performance.currentRecall)}`] : []),
        drift.recommendation.retrain ? 'recommendation: retrain' : 'recommendation: no retraining yet',
      ];
    }
    case 'serve':
    case 'loadtest':
      return [`p50 ${fixed(v('serve.latencyP50Ms'), 2)} ms · p95 ${fixed(v('serve.latencyP95Ms'), 2)} ms · p99 ${fixed(v('serve.latencyP99Ms'), 2)} ms`, `${formatValue(v('serve.requestsPerSecond'))} requests/s (this machine, load generator on the same CPUs)`];
  }
  return metrics.map((m) => `${m.key} = ${formatValue(m.value)}`);
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
