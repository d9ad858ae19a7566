// Benchmark (not a test): the default `prep lab segment` run against the same protocol in pandas +
// scikit-learn (bench/segment_reference.py), alternating, median of BENCH_RUNS (3) runs each:
// whole-process wall time, the ratio, and per-stage times of both.
// Each round times the lab twice: "cold", with the dataset's purchase-lines cache removed first
// (the lab reads SQLite and writes the cache: a first run after a build or import), then "warm"
// (the lab reads the cache: every later run). Both ratios are printed; the reference reads the
// CSV every run, as a pandas script does.
// Goal (issue 20): the lab at ≤ 0.5× the reference. Run after `npm run build`.
// Debian's python3-pandas / python3-sklearn are installed here if missing (apt-get, as root);
// BENCH_NO_INSTALL=1 skips that. The reference does every stage the lab does, CLV and cancellation
// matching included; its figures are compared with the lab's --json within the tolerances below.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'prep.js');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = Number(process.env.BENCH_RUNS ?? 3);
const python = '/usr/bin/python3'; // Debian's interpreter: another python3 may come first on PATH
const csv = process.env.BENCH_RETAIL_CSV ?? join(root, 'datasets/online_retail.csv.gz');
const dataset = process.env.BENCH_DATASET ?? 'retail';

const hasStack = () => spawnSync(python, ['-c', 'import pandas, sklearn, scipy'], { encoding: 'utf8' }).status === 0;
if (!hasStack() && process.env.BENCH_NO_INSTALL !== '1') {
  console.log('installing Debian python3-pandas python3-sklearn (apt-get) ...');
  spawnSync('apt-get', ['install', '-y', 'python3-pandas', 'python3-sklearn'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
const reference = hasStack();
if (!reference) console.log('pandas + scikit-learn not available: the reference is skipped (apt-get install -y python3-pandas python3-sklearn)');

const home = process.env.PREP_HOME ?? mkdtempSync(join(tmpdir(), 'prep-bench-segment-'));
const env = { ...process.env, CI: 'true', PREP_HOME: home };
spawnSync(process.execPath, [bin, 'data', 'build', 'retail'], { env });

// One thread for the reference, as the lab's stages run on one: with the threads left unset,
// scikit-learn 1.2's KMeans here took 6-24 s instead of about 2 s (OpenMP and OpenBLAS threads
// oversubscribing the 2 cores), which would flatter the lab. BENCH_REF_THREADS overrides.
const threads = Object.fromEntries(['OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'].map((v) => [v, process.env.BENCH_REF_THREADS ?? '1']));
const cold = { walls: [], stages: {}, json: undefined };
const lab = { walls: [], stages: {}, json: undefined };
const ref = { walls: [], stages: {}, figures: undefined };
const datasetsDir = join(home, 'datasets');
const removeCaches = () => {
  for (const f of readdirSync(datasetsDir)) if (f.startsWith(`${dataset}.sqlite.`) && f.endsWith('.cache')) rmSync(join(datasetsDir, f));
};
const runLab = (into) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, 'lab', 'segment', '--dataset', dataset, '--json'], { env, input: '', encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`prep lab segment failed: ${r.stderr}`);
  into.walls.push(performance.now() - t0);
  into.json = JSON.parse(r.stdout);
  for (const [s, ms] of Object.entries(into.json.timingsMs)) (into.stages[s] ??= []).push(ms);
};
const strip = (j) => JSON.stringify({ ...j, runId: undefined, timingsMs: undefined });
for (let i = 0; i < runs; i++) {
  removeCaches();
  runLab(cold);
  runLab(lab);
  if (strip(cold.json) !== strip(lab.json)) throw new Error('the lab gave other figures with its cache than without it');
  if (!reference) continue;
  const t0 = performance.now();
  const p = spawnSync(python, [join(root, 'bench/segment_reference.py'), csv, '--seed', '42'], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...threads } });
  if (p.status !== 0) throw new Error(`segment_reference.py failed: ${p.stderr}`);
  ref.walls.push(performance.now() - t0);
  for (const [, s, ms] of p.stdout.matchAll(/^STAGE (\S+) (\d+)$/gm)) (ref.stages[s] ??= []).push(Number(ms));
  ref.figures = Object.fromEntries([...p.stdout.matchAll(/^FIGURE (\S+) (.*)$/gm)].map((m) => [m[1], m[2]]));
}
if (!process.env.PREP_HOME) rmSync(home, { recursive: true, force: true });

const row = (name, xs) => `  ${name.padEnd(16)} ${String(Math.round(median(xs))).padStart(7)} ms   (${xs.map(Math.round).join(', ')})`;
console.log(`prep lab segment --dataset ${dataset} (whole process), cold (no purchase-lines cache: reads SQLite, writes it), median of ${runs}: ${(median(cold.walls) / 1000).toFixed(2)} s   (${cold.walls.map((w) => (w / 1000).toFixed(2)).join(', ')})`);
for (const [s, xs] of Object.entries(cold.stages)) console.log(row(s, xs));
console.log(`prep lab segment --dataset ${dataset} (whole process), warm (reads the cache), median of ${runs}: ${(median(lab.walls) / 1000).toFixed(2)} s   (${lab.walls.map((w) => (w / 1000).toFixed(2)).join(', ')})`);
for (const [s, xs] of Object.entries(lab.stages)) console.log(row(s, xs));
console.log('the figures with and without the cache were identical in every round');
if (reference) {
  console.log(`pandas + scikit-learn reference (whole process), median of ${runs}: ${(median(ref.walls) / 1000).toFixed(2)} s   (${ref.walls.map((w) => (w / 1000).toFixed(2)).join(', ')})`);
  for (const [s, xs] of Object.entries(ref.stages)) console.log(row(s, xs));
  for (const [label, side] of [['cold', cold], ['warm', lab]]) {
    const ratio = median(side.walls) / median(ref.walls);
    const pairs = side.walls.map((w, i) => w / ref.walls[i]);
    console.log(`ratio prep (${label}) / pandas+sklearn: ${ratio.toFixed(2)}x (goal ≤ 0.5x) ${ratio <= 0.5 ? 'OK' : 'OVER'}   per round ${pairs.map((r) => r.toFixed(2)).join(', ')} (median ${median(pairs).toFixed(2)})   runs: ${side.walls.map((w, i) => `${(w / 1000).toFixed(2)}/${(ref.walls[i] / 1000).toFixed(2)}`).join(', ')} s`);
  }
  // parallelism is one of the lab's levers: say so beside the ratio
  if (existsSync(join(root, 'dist/labs/segment/kmeans-worker.js'))) console.log(`the lab runs K-means on a worker thread beside its later stages (machine: ${availableParallelism()} cores); the reference runs on ${process.env.BENCH_REF_THREADS ?? '1'} thread(s) (BENCH_REF_THREADS)`);
  compareFigures(lab.json, ref.figures);
}
if (lab.json && !reference) console.log('(no reference figures to compare)');

/** The reference's FIGURE lines against the lab's --json: exact where both count, within a tolerance where two optimisers or restarts meet. */
function compareFigures(j, figures) {
  const dropped = { noCustomer: 'no customer id', cancellation: 'cancellation (invoice starts with C)', quantity: 'quantity <= 0', price: 'unit price <= 0', amount: 'amount <= 0' };
  const exact = (lab) => ({ lab, check: (l, r) => String(l) === String(r) || Number(l) === Number(r), rule: 'exact' });
  const relative = (lab, tol) => ({ lab, check: (l, r) => Math.abs(l - r) <= tol * Math.abs(r), rule: `±${tol * 100}%` });
  const absolute = (lab, tol) => ({ lab, check: (l, r) => Math.abs(l - r) <= tol, rule: `±${tol}` });
  const atBoundary = ({ a, b }) => a / (a + b) < 1e-3;
  const refBgNbd = { a: Number(figures['clv.bgnbd.a']), b: Number(figures['clv.bgnbd.b']) };
  const segment = (key) => j.segments.find((s) => s.key === key)?.customers;
  const run = (k) => j.kmeans.runs.find((r) => r.k === k);
  const rules = {
    ...Object.fromEntries(['linesIn', 'linesOut', 'customers', 'invoices', 'revenue'].map((k) => [`cleaning.${k}`, exact(j.cleaning[k])])),
    ...Object.fromEntries(Object.entries(dropped).map(([k, reason]) => [`cleaning.dropped.${k}`, exact(j.cleaning.dropped[reason])])),
    'eda.months': exact(j.eda.revenueByMonth.length),
    'eda.topCountry': exact(j.eda.topCountries[0]?.country),
    'eda.basketSize.median': exact(j.eda.basketSize.median),
    ...Object.fromEntries(j.segments.map((s) => [`segments.${s.key}.customers`, exact(segment(s.key))])),
    'rfm.median.recency': exact(j.rfm.median.recency),
    // scikit-learn's KMeans(n_init=20) and the lab's 20 greedy k-means++ restarts: the same optimum to within 0.1%
    ...Object.fromEntries(j.kmeans.runs.flatMap((r) => [[`kmeans.k${r.k}.inertia`, relative(run(r.k).inertia, 1e-3)], [`kmeans.k${r.k}.silhouette`, absolute(run(r.k).silhouette, 2e-3)]])),
    'kmeans.chosenK': exact(j.kmeans.chosenK),
    ...Object.fromEntries(['top1Share', 'top10Share', 'top20Share', 'gini'].map((k) => [`concentration.${k}`, exact(j.concentration[k])])),
    'cohorts.cohorts': exact(j.cohorts.months.length),
    'recommendations.baskets': exact(j.recommendations.baskets),
    'recommendations.top': exact(j.recommendations.pairs[0] ? `${j.recommendations.pairs[0].a}+${j.recommendations.pairs[0].b} lift ${j.recommendations.pairs[0].lift.toFixed(2)}` : 'none'),
    'clv.customers': exact(j.clv.customers),
    'clv.repeatBuyers': exact(j.clv.repeatBuyers),
    'clv.holdoutActual': exact(j.clv.holdout.actual),
    // two Nelder-Mead runs (the lab's, scipy's) stop at slightly different points of a flat optimum
    'clv.bgnbd.r': relative(j.clv.bgnbd.r, 1e-3),
    'clv.bgnbd.alpha': relative(j.clv.bgnbd.alpha, 1e-3),
    'clv.bgnbd.logLik': absolute(j.clv.bgnbd.logLik, 0.05),
    // at the boundary (a → 0, b → ∞) a and b are not identified, only that a / (a + b) is about 0
    'clv.bgnbd.a': { lab: j.clv.bgnbd.a, check: (l, r) => (atBoundary(j.clv.bgnbd) && atBoundary(refBgNbd)) || Math.abs(l - r) <= 1e-3 * r, rule: 'a/(a+b) < 1e-3 in both (boundary), else ±0.1%' },
    'clv.bgnbd.b': { lab: j.clv.bgnbd.b, check: (l, r) => (atBoundary(j.clv.bgnbd) && atBoundary(refBgNbd)) || Math.abs(l - r) <= 1e-3 * r, rule: 'a/(a+b) < 1e-3 in both (boundary), else ±0.1%' },
    'clv.gammaGamma.p': relative(j.clv.gammaGamma.p, 1e-3),
    'clv.gammaGamma.q': relative(j.clv.gammaGamma.q, 1e-3),
    'clv.gammaGamma.v': relative(j.clv.gammaGamma.v, 1e-3),
    'clv.gammaGamma.logLik': absolute(j.clv.gammaGamma.logLik, 0.05),
    'clv.holdoutPredicted': relative(j.clv.holdout.predicted, 1e-3),
    'clv.mean12m': relative(j.clv.clv12m.mean, 1e-3),
    ...Object.fromEntries(['cancellationLines', 'pairs', 'revenue', 'customers'].map((k) => [`cancellations.${k}`, exact(j.cancellations[k])])),
  };
  let agree = 0;
  const rows = [];
  for (const [key, value] of Object.entries(figures)) {
    const rule = rules[key];
    if (!rule) {
      rows.push(`  ${key.padEnd(34)} ${String(value).padStart(22)}   (no lab counterpart)`);
      continue;
    }
    const ok = rule.check(typeof rule.lab === 'number' ? rule.lab : rule.lab, Number.isNaN(Number(value)) ? value : Number(value));
    agree += ok ? 1 : 0;
    rows.push(`  ${key.padEnd(34)} ${String(value).slice(0, 22).padStart(22)} ${String(rule.lab).slice(0, 22).padStart(22)}   ${rule.rule.padEnd(12)} ${ok ? 'ok' : 'DIFFERS'}`);
  }
  const compared = Object.keys(figures).filter((k) => rules[k]).length;
  console.log(`figures, reference vs lab: ${agree} of ${compared} agree`);
  console.log(`  ${'figure'.padEnd(34)} ${'reference'.padStart(22)} ${'lab'.padStart(22)}   tolerance`);
  for (const r of rows) console.log(r);
}
