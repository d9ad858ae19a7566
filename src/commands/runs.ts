import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findBundled } from '../data/datasets/catalog.js';
import { UsageError } from '../errors.js';
import { openDatasetReadOnly } from '../data/datasets/store.js';
import { RunStore, diffRuns } from '../data/runs.js';
import { formatValue, printJson, renderTable, style } from '../ui/text.js';

export async function list(opts: { lab?: string; limit: number; json?: boolean }): Promise<void> {
  const store = new RunStore();
  store.markAbandoned();
  const runs = store.list({ lab: opts.lab, limit: opts.limit });
  if (opts.json) return printJson(runs);
  if (runs.length === 0) {
    process.stdout.write('No runs yet. Start one with `prep lab churn` or `prep lab segment`.\n');
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['id', 'lab', 'dataset', 'seed', 'started', 'seconds', 'status'],
      runs.map((r) => [r.id, r.lab, r.datasetName, r.seed, r.startedAt.replace('T', ' ').slice(0, 19), r.durationMs === null ? null : Number((r.durationMs / 1000).toFixed(1)), r.status]),
    )}\n`,
  );
}

/** What the dataset is, as its provenance labels it (IBM's fictional sample, a retraining batch...). */
function datasetLabel(name: string): string {
  try {
    const { db, meta } = openDatasetReadOnly(name);
    db.close();
    return meta.label;
  } catch {
    // not built here (or removed since the run): the catalogue's label, if it is a bundled one
    return findBundled(name)?.label ?? 'dataset not on this machine';
  }
}

export async function show(id: string, opts: { json?: boolean }): Promise<void> {
  const store = new RunStore();
  const run = store.get(id);
  const metrics = store.metrics(run.id);
  const artifacts = store.artifactNames(run.id);
  if (opts.json) return printJson({ ...run, metrics, artifacts });
  const out = [
    style('bold', run.id),
    `  lab ${run.lab}, status ${run.status}${run.error ? ` (${run.error})` : ''}`,
    `  dataset ${run.datasetName ?? '-'}${run.datasetName ? ` (${datasetLabel(run.datasetName)})` : ''} sha256 ${run.datasetSha256 ?? '-'}`,
    `  seed ${run.seed ?? '-'}, code ${run.codeVersion}, started ${run.startedAt}, ${run.durationMs === null ? '' : `${(run.durationMs / 1000).toFixed(1)} s`}`,
    `  params ${JSON.stringify(run.params)}`,
    '',
    renderTable(
      ['stage', 'metric', 'value', 'formula', 'inputs'],
      metrics.map((m) => [m.stage, m.key, m.value, m.formula, Object.entries(m.inputs).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : formatValue(v)}`).join(' ')]),
      { maxWidth: 48 },
    ),
  ];
  if (artifacts.length) out.push('', `artifacts: ${artifacts.map((a) => `${a.name} (${a.kind}, ${a.bytes} bytes)`).join(', ')}`);
  out.push('', style('dim', 'Explain one: prep explain METRIC --run ' + run.id));
  process.stdout.write(`${out.join('\n')}\n`);
}

export async function diff(a: string, b: string, opts: { all?: boolean; report?: string; json?: boolean }): Promise<void> {
  if (opts.report !== undefined && !/\.html?$/i.test(opts.report)) throw new UsageError('--report needs a file name ending in .html');
  const store = new RunStore();
  const result = diffRuns(store, a, b);
  if (opts.report) {
    const { renderRunsDiffHtml } = await import('../ui/runs-diff-report.js');
    const units = Object.fromEntries([...store.metrics(result.b.id), ...store.metrics(result.a.id)].map((m) => [m.key, m.unit]));
    const describe = (r: typeof result.a) => ({ ...r, datasetLabel: r.datasetName ? datasetLabel(r.datasetName) : undefined });
    const currency = result.a.datasetName ? findBundled(result.a.datasetName)?.currency : undefined;
    writeFileSync(resolve(opts.report), renderRunsDiffHtml({ a: describe(result.a), b: describe(result.b), params: result.params, metrics: result.metrics, units, currency, all: opts.all }));
  }
  if (opts.json) return printJson({ a: result.a.id, b: result.b.id, params: result.params, metrics: result.metrics });
  const changed = result.metrics.filter((m) => opts.all || m.delta !== 0);
  const out = [`${style('bold', 'A')} ${result.a.id}`, `${style('bold', 'B')} ${result.b.id}`];
  if (result.params.length) {
    out.push('', renderTable(['parameter', 'A', 'B'], result.params.map((p) => [p.key, JSON.stringify(p.a), JSON.stringify(p.b)])));
  }
  out.push('', renderTable(['metric', 'A', 'B', 'B - A'], changed.map((m) => [m.key, m.a, m.b, m.delta])));
  const same = result.metrics.length - changed.length;
  if (same > 0) out.push(style('dim', `${same} metric(s) identical (--all shows them)`));
  if (opts.report) out.push(`report written to ${resolve(opts.report)}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
