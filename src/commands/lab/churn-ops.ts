/**
 * Operating the churn model: serve it, load-test it, watch it for drift, retrain it.
 * Each figure measured here is added to the model's own run, so stories and drills quote the
 * latency and drift of the model they describe.
 */
import { Option, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { scenarios, type LabelledRow } from '../../labs/monitor/scenarios.js';
import { printJson, renderTable, style, wrapForTerminal } from '../../ui/text.js';
import { examples, htmlOutputFile, inputFile, integer, outputFile, port, seed } from '../options.js';

/** Adds serve, loadtest, drift and retrain under `lab churn`. */
export function defineChurnOps(churn: Command): void {
  churn
    .command('serve')
    .description('serve the saved model over HTTP: POST /predict, /predict/batch; GET /health, /model, /metrics')
    .option('--run <id>', 'churn run to serve (default: the newest complete one)')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', port, 8080)
    .action(serve)
    .addHelpText('after', examples(['prep lab churn serve', 'prep lab churn serve --port 9000 --run churn-2026']));
  churn
    .command('loadtest')
    .description('measure /predict latency (p50/p95/p99) and throughput with autocannon; recorded on the model\'s run')
    .option('--run <id>', 'churn run (default: the newest complete one)')
    .option('--url <url>', 'a server already running (default: start one in this process)')
    .option('--duration <s>', 'seconds to run', integer(1, 600), 10)
    .option('--connections <n>', 'concurrent connections', integer(1, 1000), 50)
    .option('--json', 'print JSON')
    .action(loadtest);
  churn
    .command('drift')
    .description('compare the training data with a current batch, column by column (Evidently defaults), plus prediction and performance drift')
    .option('--run <id>', 'churn run (default: the newest complete one)')
    .addOption(new Option('--scenario <name>', 'a labelled simulation on the held-out rows').choices(scenarios.map((s) => s.name)))
    // --save-batch writes the simulated rows, so it goes with --scenario, not with a real batch
    .addOption(new Option('--current <file.csv>', 'a real batch with the training columns (and the target, to compare performance)').argParser(inputFile).conflicts(['scenario', 'saveBatch']))
    .option('--seed <n>', 'seed for the simulations', seed, 42)
    .option('--save-batch <file.csv>', 'also write the simulated rows, with labels, as a CSV that retrain --current reads', outputFile)
    .option('--report <file.html>', 'also write an HTML drift report: each column\'s test, verdict and reference vs current distribution', htmlOutputFile)
    .option('--json', 'print JSON')
    .action(drift)
    .addHelpText(
      'after',
      '\nWithout --scenario or --current, the control simulation "none" runs (it should show no drift).' +
        examples(['prep lab churn drift --scenario price-rise', 'prep lab churn drift --scenario price-rise --report drift.html', 'prep lab churn drift --current batch.csv --json', 'prep lab churn drift --scenario price-rise --save-batch batch.csv && prep lab churn retrain --current batch.csv']),
    );
  churn
    .command('retrain')
    .description('retrain on the run\'s data plus a new labelled batch, then compare old and new runs')
    .requiredOption('--current <file.csv>', 'labelled rows with the training columns and the target', inputFile)
    .option('--run <id>', 'churn run to start from (default: the newest complete one)')
    .option('--json', 'print JSON')
    .action(retrain);
}

/** The run store and the saved model, loaded when a subcommand runs (SQLite, the model code). */
async function load() {
  const [runs, servable] = await Promise.all([import('../../data/runs.js'), import('../../labs/churn/servable.js')]);
  return { ...runs, ...servable };
}

async function loadServed(runId?: string) {
  const { RunStore, findModelRun, loadModelArtifact, loadReference, servableModel } = await load();
  const store = new RunStore();
  const run = findModelRun(store, runId);
  const artifact = loadModelArtifact(store, run);
  return { store, run, artifact, model: servableModel(run, artifact), loadReference: () => loadReference(store, run) };
}

export async function serve(opts: { run?: string; host: string; port: number }): Promise<void> {
  const [{ run, artifact, model, loadReference }, { buildApp, listenOn }] = await Promise.all([loadServed(opts.run), import('../../serve/app.js')]);
  const app = buildApp(model);
  const url = await listenOn(app, opts.host, opts.port);
  const example = loadReference().holdout[0]?.record;
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
  const [{ store, run, model, loadReference }, { buildApp }, { runLoadTest }] = await Promise.all([loadServed(opts.run), import('../../serve/app.js'), import('../../serve/loadtest.js')]);
  const body = loadReference().holdout[0]?.record;
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

export async function drift(opts: { run?: string; scenario?: string; current?: string; saveBatch?: string; seed: number; report?: string; json?: boolean }): Promise<void> {
  const [{ store, run, artifact, model, loadReference }, { buildDriftReport }, { readCurrentBatch }, { negativeLabel, saveLabelledBatch }, { findScenario }, { renderDriftText }] = await Promise.all([
    loadServed(opts.run),
    import('../../labs/monitor/drift-report.js'),
    import('../../labs/monitor/current-batch.js'),
    import('../../labs/monitor/batch-file.js'),
    import('../../labs/monitor/scenarios.js'),
    import('../../ui/lab/drift-text.js'),
  ]);
  const reference = loadReference();
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
    // the simulations are written for the Telco sample's columns: on other data one could change nothing and report "no drift"
    const unavailable = scenario.unavailable?.(reference.holdout);
    if (unavailable) throw new UsageError(`scenario "${scenario.name}" cannot run on dataset "${artifact.dataset.name}": ${unavailable}`, 'The simulations are written for the columns of the Telco sample. For your data, compare a real batch: --current FILE.csv (the training columns, and the target to compare performance).');
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
  const [{ RunStore, findModelRun, diffRuns }, { retrainWithBatch }] = await Promise.all([load(), import('../../labs/monitor/retrain.js')]);
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
