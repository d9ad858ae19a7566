// Benchmark (not a test): how the labs' cost grows with the data. Each bundled dataset is
// replicated BENCH_SCALES times (default 1,4; add 10 when there is time), imported with
// `prep data import` as a user would, and each lab is run on it once per scale (BENCH_RUNS, default
// 1; the median is printed when more). Printed: wall time per stage (the labs' own timings), the
// whole process's wall time and peak resident memory (GNU time's %M: the lab process with its
// worker threads; peak memory is per process, the labs do not report it per stage), and growth
// against 1×. Goal (issue 20): 10× the data in ≤ 12× the time, peak memory ≤ 2 GB at 10×.
//
// Replication: copy r of the data (r = 0 is the original file) gives every customer and invoice a
// new id: Telco customerID + "-r{r}"; retail CustomerID + r·100000 and InvoiceNo + r·1000000
// (a cancellation keeps its C prefix), lines without a customer copied too. Dates, items and
// amounts are unchanged, so every per-customer figure is the same and the counts scale by r.
// Churn: copies are exact duplicates of a customer's features. Split row by row, a customer's
// twins straddle the CV folds and the test split: from 4x on, test AUC is 0.99-1.0 and CV picks
// the deep random forest over boosting (which the 1x run deploys), so imbalance fits 15 forests and
// explain runs TreeSHAP on deep trees: the growth then measures a costlier model, not only more
// rows. So each copy keeps its source customer in a sourceCustomerID column and the lab runs with
// --group-column sourceCustomerID: a customer's copies stay on one side of every split, as one
// customer's monthly snapshots would. At 1x every group is one row, and the figures are those of
// the default run. BENCH_CHURN_GROUPS=0 writes no such column and splits row by row (the leak).
// BENCH_LABS=segment,churn picks the labs. Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'prep.js');
const scales = (process.env.BENCH_SCALES ?? '1,4').split(',').map(Number);
const labs = (process.env.BENCH_LABS ?? 'segment,churn').split(',');
const runs = Number(process.env.BENCH_RUNS ?? 1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const work = mkdtempSync(join(tmpdir(), 'prep-bench-scale-'));
const env = { ...process.env, CI: 'true', PREP_HOME: join(work, 'home') };
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
if (!gnuTime) console.log('GNU time (/usr/bin/time) not found: peak memory not measured (apt-get install -y time)');

async function writeLines(path, produce) {
  const out = createWriteStream(path);
  for (const chunk of produce()) if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  await new Promise((r) => out.end(r));
}

const churnGroups = process.env.BENCH_CHURN_GROUPS !== '0';

function* telcoCopies(r) {
  const lines = readFileSync(join(root, 'datasets/telco_churn_ibm.csv'), 'utf8').trimEnd().split('\n');
  yield churnGroups ? `${lines[0]},sourceCustomerID\n` : `${lines[0]}\n`;
  for (let copy = 0; copy < r; copy++) {
    const body = lines.slice(1).map((l) => {
      const id = l.slice(0, l.indexOf(','));
      const copied = copy === 0 ? l : `${id}-r${copy}${l.slice(id.length)}`;
      return churnGroups ? `${copied},${id}` : copied;
    });
    yield `${body.join('\n')}\n`;
  }
}

function* retailCopies(r) {
  const lines = gunzipSync(readFileSync(join(root, 'datasets/online_retail.csv.gz'))).toString('utf8').trimEnd().split('\n');
  yield `${lines[0]}\n`;
  for (let copy = 0; copy < r; copy++) {
    if (copy === 0) {
      yield `${lines.slice(1).join('\n')}\n`;
      continue;
    }
    const out = [];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      // InvoiceNo is the first field; CustomerID the second to last (no Country has a comma)
      const first = line.indexOf(',');
      const last = line.lastIndexOf(',');
      const beforeCustomer = line.lastIndexOf(',', last - 1);
      const invoice = line.slice(0, first);
      const cancel = invoice.startsWith('C');
      const newInvoice = `${cancel ? 'C' : ''}${Number(cancel ? invoice.slice(1) : invoice) + copy * 1_000_000}`;
      const customer = line.slice(beforeCustomer + 1, last);
      const newCustomer = customer === '' ? '' : String(Number(customer) + copy * 100_000);
      out.push(`${newInvoice}${line.slice(first, beforeCustomer + 1)}${newCustomer}${line.slice(last)}`);
    }
    yield `${out.join('\n')}\n`;
  }
}

const specs = {
  churn: { kind: 'table', copies: telcoCopies, importArgs: [], labArgs: ['lab', 'churn', ...(churnGroups ? ['--group-column', 'sourceCustomerID'] : [])] },
  segment: {
    kind: 'transactions',
    copies: retailCopies,
    importArgs: ['--customer', 'CustomerID', '--date', 'InvoiceDate', '--quantity', 'Quantity', '--price', 'UnitPrice', '--invoice', 'InvoiceNo', '--item', 'StockCode'],
    labArgs: ['lab', 'segment'],
  },
};

function timed(args) {
  const command = gnuTime ? [gnuTime, '-f', 'PEAK_KB %M', process.execPath, ...args] : [process.execPath, ...args];
  const t0 = performance.now();
  const r = spawnSync(command[0], command.slice(1), { env, input: '', encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const peak = /PEAK_KB (\d+)/.exec(r.stderr);
  return { wall, peakMb: peak ? Number(peak[1]) / 1024 : NaN, stdout: r.stdout };
}

const results = {};
for (const lab of labs) {
  const spec = specs[lab];
  for (const r of scales) {
    const file = join(work, `${lab}-${r}x.csv`);
    await writeLines(file, () => spec.copies(r));
    const name = `${lab}_${r}x`;
    const imported = timed([bin, 'data', 'import', file, '--name', name, '--kind', spec.kind, ...spec.importArgs, '--force', '--json']);
    rmSync(file);
    const rows = JSON.parse(imported.stdout).rows;
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const run = timed([bin, ...spec.labArgs, '--dataset', name, '--json']);
      samples.push({ ...run, timings: JSON.parse(run.stdout).timingsMs });
    }
    const stages = Object.fromEntries(Object.keys(samples[0].timings).map((s) => [s, median(samples.map((x) => x.timings[s]))]));
    results[`${lab}@${r}`] = { rows, importMs: imported.wall, importPeakMb: imported.peakMb, wall: median(samples.map((x) => x.wall)), peakMb: median(samples.map((x) => x.peakMb)), stages };
    console.error(`${lab} ${r}×: ${rows} rows, ${(results[`${lab}@${r}`].wall / 1000).toFixed(1)} s`);
  }
}
rmSync(work, { recursive: true, force: true });

const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
for (const lab of labs) {
  const base = results[`${lab}@${scales[0]}`];
  console.log(`\nprep lab ${lab} (median of ${runs} per scale; growth against ${scales[0]}×)`);
  console.log(`${'stage'.padEnd(16)}${scales.map((r) => `${r}×`.padStart(12) + 'growth'.padStart(9)).join('')}`);
  const line = (label, get, show = fmt) =>
    console.log(`${label.padEnd(16)}${scales.map((r) => { const v = get(results[`${lab}@${r}`]); const g = v / get(base); return String(show(v)).padStart(12) + `${Number.isFinite(g) ? g.toFixed(1) : '-'}×`.padStart(9); }).join('')}`);
  line('rows', (x) => x.rows, String);
  for (const s of Object.keys(base.stages)) line(s, (x) => x.stages[s]);
  line('process wall', (x) => x.wall);
  line('peak MB', (x) => x.peakMb, Math.round);
  line('import wall', (x) => x.importMs);
  line('import peak MB', (x) => x.importPeakMb, Math.round);
}
