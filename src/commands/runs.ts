import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { sanitizeForTerminal } from '../terminal-text.js';
import { formatValue, printJson, renderTable, style } from '../ui/text.js';
import { htmlOutputFile, positiveInt } from './options.js';

/** The labs that record runs (clv records under segment). */
const labNames = ['churn', 'segment', 'abtest'];

/** `prep runs list|show|diff`. The run store (SQLite) is imported when a subcommand runs. */
export function defineRuns(program: Command): void {
  const runs = program.command('runs').description('the runs you did: every number with its formula and inputs').exitOverride();
  runs
    .command('list')
    .description('list recorded runs, newest first')
    .addOption(new Option('--lab <lab>', 'only runs of this lab').choices(labNames))
    .option('--limit <n>', 'at most n runs', positiveInt('--limit'), 20)
    .option('--json', 'print JSON')
    .action(list);
  runs.command('show').description('a run: parameters, metrics with formulas and inputs, artifacts').argument('<id>', 'run id (a unique prefix is enough)').option('--json', 'print JSON').action(show);
  runs
    .command('diff')
    .description('compare two runs metric by metric')
    .argument('<a>', 'first run id')
    .argument('<b>', 'second run id')
    .option('--all', 'also list metrics that did not change')
    .option('--report <file.html>', 'also write the comparison as a self-contained HTML report', htmlOutputFile)
    .option('--json', 'print JSON')
    .action(diff);
}

const runStore = () => import('../data/runs.js');

export async function list(opts: { lab?: string; limit: number; json?: boolean }): Promise<void> {
  const { RunStore } = await runStore();
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
async function datasetLabel(name: string): Promise<string> {
  const [{ findBundled }, { openDatasetReadOnly }] = await Promise.all([import('../data/datasets/catalog.js'), import('../data/datasets/store.js')]);
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
  const { RunStore } = await runStore();
  const store = new RunStore();
  const run = store.get(id);
  const metrics = store.metrics(run.id);
  const artifacts = store.artifactNames(run.id);
  if (opts.json) return printJson({ ...run, metrics, artifacts });
  const out = [
    style('bold', run.id),
    `  lab ${run.lab}, status ${run.status}${run.error ? ` (${run.error})` : ''}`,
    `  dataset ${run.datasetName ?? '-'}${run.datasetName ? ` (${await datasetLabel(run.datasetName)})` : ''} sha256 ${run.datasetSha256 ?? '-'}`,
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
  process.stdout.write(`${sanitizeForTerminal(out.join('\n'))}\n`);
}

export async function diff(a: string, b: string, opts: { all?: boolean; report?: string; json?: boolean }): Promise<void> {
  const { RunStore, diffRuns } = await runStore();
  const store = new RunStore();
  const result = diffRuns(store, a, b);
  if (opts.report) {
    const [{ renderRunsDiffHtml }, { findBundled }] = await Promise.all([import('../ui/runs-diff-report.js'), import('../data/datasets/catalog.js')]);
    const units = Object.fromEntries([...store.metrics(result.b.id), ...store.metrics(result.a.id)].map((m) => [m.key, m.unit]));
    const describe = async (r: typeof result.a) => ({ ...r, datasetLabel: r.datasetName ? await datasetLabel(r.datasetName) : undefined });
    const currency = result.a.datasetName ? findBundled(result.a.datasetName)?.currency : undefined;
    writeFileSync(resolve(opts.report), renderRunsDiffHtml({ a: await describe(result.a), b: await describe(result.b), params: result.params, metrics: result.metrics, units, currency, all: opts.all }));
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
  process.stdout.write(`${sanitizeForTerminal(out.join('\n'))}\n`);
}
