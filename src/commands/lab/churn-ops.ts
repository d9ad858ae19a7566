/**
 * Operating the churn model: serve it, load-test it, watch it for drift, retrain it.
 * Each figure measured here is added to the model's own run, so stories and drills quote the
 * latency and drift of the model they describe.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RunStore } from '../../data/runs.js';
import { UsageError } from '../../errors.js';
import { findModelRun, loadModelArtifact, loadReference, servableModel } from '../../labs/churn/servable.js';
import { buildDriftReport, type DriftReport } from '../../labs/monitor/drift-report.js';
import { readCurrentBatch } from '../../labs/monitor/current-batch.js';
import { retrainWithBatch } from '../../labs/monitor/retrain.js';
import { negativeLabel, saveLabelledBatch } from '../../labs/monitor/batch-file.js';
import { diffRuns } from '../../data/runs.js';
import { findScenario, scenarios, type LabelledRow } from '../../labs/monitor/scenarios.js';
import { buildApp, listenOn } from '../../serve/app.js';
import { runLoadTest } from '../../serve/loadtest.js';
import { printJson, renderTable, style, wrapForTerminal } from '../../ui/text.js';

function loadServed(runId?: string) {
  const store = new RunStore();
  const run = findModelRun(store, runId);
  const artifact = loadModelArtifact(store, run);
  return { store, run, artifact, model: servableModel(run, artifact) };
}

export async function serve(opts: { run?: string; host: string; port: number }): Promise<void> {
  const { run, artifact, model, store } = loadServed(opts.run);
  const app = buildApp(model);
  const url = await listenOn(app, opts.host, opts.port);
  const example = loadReference(store, run).holdout[0]?.record;
  process.stderr.write(
    [
      `Serving churn run ${run.id} (${artifact.modelName}, threshold ${artifact.threshold.toFixed(3)}, dataset ${artifact.dataset.name})`,
      `  ${url}/predict  POST one customer   ${url}/predict/batch  POST up to 1,000`,
      `  ${url}/health  ${url}/model  ${url}/metrics`,
      example ? `  try: curl -s ${url}/predict -H 'content-type: application/json' -d '${JSON.stringify(example)}'` : '',
      '  Ctrl-C stops (in-flight requests finish first).',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`\n${signal}: draining and stopping\n`);
      app.close().then(() => resolve());
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

export async function loadtest(opts: { run?: string; url?: string; duration: number; connections: number; json?: boolean }): Promise<void> {
  if (opts.duration < 1 || opts.duration > 600) throw new UsageError('--duration must be between 1 and 600 seconds');
  if (opts.connections < 1 || opts.connections > 1000) throw new UsageError('--connections must be between 1 and 1000');
  const { store, run, model } = loadServed(opts.run);
  const body = loadReference(store, run).holdout[0]?.record;
  if (!body) throw new UsageError(`run ${run.id} has no held-out customer to send`);
  const app = opts.url ? undefined : buildApp(model);
  const url = opts.url ?? (await app!.listen({ host: '127.0.0.1', port: 0 }));
  if (!opts.json) process.stderr.write(`load-testing ${url}/predict for ${opts.duration} s with ${opts.connections} connections...\n`);
  try {
    const result = await runLoadTest({ url, body, durationSeconds: opts.duration, connections: opts.connections });
    const where = { url: result.url, inProcess: !opts.url, durationSeconds: result.durationSeconds, connections: result.connections, cpus: result.cpus, requests: result.requests, errors: result.errors, non2xx: result.non2xx };
    const rec = store.amend(run.id);
    const stage = 'serve';
    rec.metric('serve.latencyP50Ms', result.latencyMs.p50, { stage, formula: 'median of per-request latencies measured by autocannon', inputs: where, unit: 'ms' });
    rec.metric('serve.latencyP95Ms', result.latencyMs.p95, { stage, formula: '95th percentile of per-request latencies (linear interpolation)', inputs: where, unit: 'ms' });
    rec.metric('serve.latencyP99Ms', result.latencyMs.p99, { stage, formula: '99th percentile of per-request latencies (linear interpolation)', inputs: where, unit: 'ms' });
    rec.metric('serve.requestsPerSecond', result.requestsPerSecond, { stage, formula: 'completed requests / test duration', inputs: where, unit: 'per_second' });
    rec.artifact('loadtest', result);
    if (opts.json) return printJson({ runId: run.id, ...result });
    process.stdout.write(
      [
        `POST /predict on ${result.url} (${opts.url ? 'external server' : 'server in this process'}), ${result.connections} connections, ${result.durationSeconds} s, ${result.cpus} CPUs`,
        renderTable(['p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'requests', 'errors', 'non-2xx'], [[result.latencyMs.p50, result.latencyMs.p95, result.latencyMs.p99, result.requestsPerSecond, result.requests, result.errors, result.non2xx]]),
        style('dim', `recorded on run ${run.id} as serve.* (see \`prep explain serve.latencyP99Ms\`). Figures are this machine's, with the load generator competing for the same ${result.cpus} CPUs.`),
      ].join('\n') + '\n',
    );
  } finally {
    await app?.close();
  }
}

function histogramPair(reference: number[], current: number[], bins = 10): string {
  const all = [...reference, ...current];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const width = (hi - lo) / bins || 1;
  const shares = (xs: number[]) => {
    const counts = new Array<number>(bins).fill(0);
    for (const x of xs) counts[Math.min(bins - 1, Math.floor((x - lo) / width))]++;
    return counts.map((c) => c / xs.length);
  };
  const r = shares(reference);
  const c = shares(current);
  const max = Math.max(...r, ...c);
  const bar = (v: number) => '█'.repeat(Math.round((v / max) * 24)).padEnd(24);
  return r
    .map((v, i) => `${(lo + i * width).toFixed(1).padStart(9)}  ${bar(v)} ${(100 * v).toFixed(0).padStart(3)}%  ${bar(c[i]!)} ${(100 * c[i]!).toFixed(0).padStart(3)}%`)
    .join('\n');
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
  const worst = [...report.columns].filter((c) => c.kind === 'numeric').sort((a, b) => b.statistic / b.threshold - a.statistic / a.threshold)[0];
  const mostDrifted = report.columns.filter((c) => c.drifted && c.kind === 'numeric').sort((a, b) => b.psi - a.psi)[0] ?? worst;
  if (mostDrifted) {
    const values = (rows: LabelledRow[]) => rows.map((r) => r.record[mostDrifted.column]).filter((v): v is number => typeof v === 'number');
    out.push('', style('bold', `${mostDrifted.column}: reference (left) vs current (right), share of rows per bin`), histogramPair(values(reference), values(current)));
  }
  out.push('', style('bold', report.recommendation.retrain ? 'Recommendation: retrain' : 'Recommendation: no retraining needed yet'), ...report.recommendation.reasons.map((r) => `  - ${r}`));
  return out.join('\n');
}

export async function drift(opts: { run?: string; scenario?: string; current?: string; saveBatch?: string; seed: number; report?: string; json?: boolean }): Promise<void> {
  if (opts.report !== undefined && !/\.html?$/i.test(opts.report)) throw new UsageError('--report needs a file name ending in .html');
  if (opts.scenario && opts.current) throw new UsageError('pass --scenario or --current, not both');
  if (opts.saveBatch && opts.current) throw new UsageError('--save-batch writes a simulated batch: use it with --scenario, not --current');
  const { store, run, artifact, model } = loadServed(opts.run);
  const reference = loadReference(store, run);
  const referenceRows: LabelledRow[] = reference.training.map((record) => ({ record: record as LabelledRow['record'] }));
  let current: LabelledRow[];
  let title: string;
  let description: string;
  let source: string;
  if (opts.current) {
    const batch = await readCurrentBatch(opts.current, model.columns, { column: artifact.targetColumn, positive: artifact.positiveLabel }, model.idColumn);
    current = batch.rows;
    title = `Drift: ${opts.current} against the training rows of ${run.id}`;
    description = `${current.length} rows read from ${opts.current}${batch.labelled ? ', with labels' : ' (no labels: performance not compared)'}.`;
    source = opts.current;
  } else {
    const scenario = findScenario(opts.scenario ?? 'none');
    if (!scenario) throw new UsageError(`no scenario "${opts.scenario}"`, `Scenarios: ${scenarios.map((s) => s.name).join(', ')}.`);
    current = scenario.build(reference.holdout, opts.seed);
    if (opts.saveBatch) saveLabelledBatch(opts.saveBatch, current, artifact, negativeLabel(artifact));
    title = `Drift: ${scenario.title}, a SIMULATION on the ${current.length} held-out rows of ${run.id}`;
    description = scenario.description;
    source = `scenario:${scenario.name}`;
  }
  const baseline = { auc: artifact.trainingMetrics['test.auc'] ?? Number.NaN, recall: artifact.trainingMetrics['test.recall'] ?? Number.NaN };
  const seen = artifact.idColumn && reference.trainingIds ? { idColumn: artifact.idColumn, trainingIds: new Set(reference.trainingIds) } : undefined;
  const report = buildDriftReport(model, referenceRows, current, Number.isFinite(baseline.auc) ? baseline : undefined, seen);
  const rec = store.amend(run.id);
  const inputs = { source, referenceRows: report.referenceRows, currentRows: report.currentRows, drifted: report.columns.filter((c) => c.drifted).map((c) => c.column) };
  rec.metric('drift.driftedColumns', report.driftedColumns, { stage: 'drift', formula: 'count of columns whose drift statistic crosses its threshold (Evidently defaults)', inputs, unit: 'count' });
  rec.metric('drift.driftedShare', report.driftedShare, { stage: 'drift', formula: 'drifted columns / columns', inputs: { ...inputs, columns: report.columns.length }, unit: 'ratio' });
  if (report.overlap) rec.metric('drift.overlapShare', report.overlap.share, { stage: 'drift', formula: 'batch rows whose customer id is among the training rows / batch rows', inputs: { source, overlapRows: report.overlap.rows, currentRows: report.currentRows, idColumn: report.overlap.idColumn }, unit: 'ratio' });
  rec.artifact(`drift:${source}`, report);
  if (opts.report) {
    const { renderDriftHtml } = await import('../../ui/lab/drift-report.js');
    const dataLabel = artifact.dataset.name === 'telco' ? "IBM's fictional Telco sample data (not real customers)" : `dataset ${artifact.dataset.name}`;
    const html = renderDriftHtml(report, { title, description, runId: run.id, dataLabel, source, reference: referenceRows.map((r) => r.record), current: current.map((r) => r.record) });
    writeFileSync(resolve(opts.report), html);
  }
  if (opts.json) return printJson({ runId: run.id, source, ...report });
  process.stdout.write(`${wrapForTerminal(renderDriftText(report, title, description, referenceRows, current))}\n`);
  if (opts.saveBatch) process.stdout.write(`\nSaved the ${current.length} simulated rows, with labels, to ${opts.saveBatch}: retrain on them with prep lab churn retrain --current ${opts.saveBatch}\n`);
  if (opts.report) process.stdout.write(`\nreport written to ${resolve(opts.report)}\n`);
  if (!opts.current) process.stdout.write(style('dim', `\nOther simulations: ${scenarios.map((s) => s.name).join(', ')} (--scenario NAME); a real batch: --current FILE.csv\n`));
}

export async function retrain(opts: { run?: string; current: string; json?: boolean }): Promise<void> {
  const store = new RunStore();
  const old = findModelRun(store, opts.run);
  if (!opts.json) process.stderr.write(`retraining run ${old.id} on ${old.datasetName} + ${opts.current} (this runs the whole churn lab)...\n`);
  const { datasetName, newRows, replaced, duplicates, result, sameRows } = await retrainWithBatch(store, old, opts.current);
  const diff = diffRuns(store, old.id, result.runId);
  const keys = ['dataset.rows', 'dataset.positives', 'cv.logistic_regression.auc.mean', 'cv.random_forest.auc.mean', 'cv.gradient_boosting.auc.mean', 'test.auc', 'test.recall', 'test.precision', 'test.threshold'];
  if (opts.json) return printJson({ oldRunId: old.id, newRunId: result.runId, dataset: datasetName, newRows, replacedRows: replaced, duplicateRowsDropped: duplicates, sameRows: sameRows ?? null, metrics: diff.metrics });
  const f3 = (v: number) => v.toFixed(3);
  const sameRowsLine = sameRows
    ? `Same rows, both models: ${sameRows.rows} rows (${sameRows.rowsRule}): AUC old ${f3(sameRows.oldAuc)}, new ${f3(sameRows.newAuc)}, new − old ${sameRows.aucDiff >= 0 ? '+' : ''}${f3(sameRows.aucDiff)}, paired bootstrap 95% interval [${f3(sameRows.ci95[0])}, ${f3(sameRows.ci95[1])}]: ${sameRows.ci95[0] > 0 ? 'the new model is better' : sameRows.ci95[1] < 0 ? 'the new model is worse' : 'no detectable difference'}`
    : 'Same rows, both models: no rows of the new test set are unseen by the old model with both classes present, so the models cannot be compared on the same rows.';
  process.stdout.write(
    [
      `new dataset ${datasetName}: ${old.datasetName} plus ${newRows} labelled rows from ${opts.current}${replaced ? `; they replace the older rows of the same ${replaced} customers` : ''}${duplicates ? `; ${duplicates} repeated rows of a customer already in the batch were dropped (the last one kept)` : ''}`,
      `new run ${result.runId} (old ${old.id})`,
      sameRowsLine,
      style('dim', "Each run's own figures (different test sets: not a like-for-like comparison):"),
      renderTable(['metric', 'old', 'new', 'new − old'], diff.metrics.filter((m) => keys.includes(m.key)).map((m) => [m.key, m.a, m.b, m.delta])),
      style('dim', `Everything that changed: prep runs diff ${old.id} ${result.runId}. Serve the new model: prep lab churn serve --run ${result.runId}`),
    ].join('\n') + '\n',
  );
}
