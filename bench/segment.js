// Benchmark (not a test): the default `prep lab segment` run against the same protocol in pandas +
// scikit-learn (bench/segment_reference.py), alternating, median of BENCH_RUNS (3) runs each:
// whole-process wall time, the ratio, and per-stage times of both.
// Goal (issue 20): the lab at ≤ 0.5× the reference. Run after `npm run build`.
// Debian's python3-pandas / python3-sklearn are installed here if missing (apt-get, as root);
// BENCH_NO_INSTALL=1 skips that. The reference has no CLV and no cancellation matching, so a
// second ratio leaves those two lab stages out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const lab = { walls: [], stages: {} };
const ref = { walls: [], stages: {}, figures: undefined };
for (let i = 0; i < runs; i++) {
  let t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, 'lab', 'segment', '--dataset', dataset, '--json'], { env, input: '', encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`prep lab segment failed: ${r.stderr}`);
  lab.walls.push(performance.now() - t0);
  for (const [s, ms] of Object.entries(JSON.parse(r.stdout).timingsMs)) (lab.stages[s] ??= []).push(ms);
  if (!reference) continue;
  t0 = performance.now();
  const p = spawnSync(python, [join(root, 'bench/segment_reference.py'), csv, '--seed', '42'], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...threads } });
  if (p.status !== 0) throw new Error(`segment_reference.py failed: ${p.stderr}`);
  ref.walls.push(performance.now() - t0);
  for (const [, s, ms] of p.stdout.matchAll(/^STAGE (\S+) (\d+)$/gm)) (ref.stages[s] ??= []).push(Number(ms));
  ref.figures = [...p.stdout.matchAll(/^FIGURE (\S+) (.*)$/gm)].map((m) => `${m[1]}=${m[2]}`);
}
if (!process.env.PREP_HOME) rmSync(home, { recursive: true, force: true });

const row = (name, xs) => `  ${name.padEnd(16)} ${String(Math.round(median(xs))).padStart(7)} ms   (${xs.map(Math.round).join(', ')})`;
console.log(`prep lab segment --dataset ${dataset} (whole process), median of ${runs}: ${(median(lab.walls) / 1000).toFixed(2)} s   (${lab.walls.map((w) => (w / 1000).toFixed(2)).join(', ')})`);
for (const [s, xs] of Object.entries(lab.stages)) console.log(row(s, xs));
if (reference) {
  console.log(`pandas + scikit-learn reference (whole process), median of ${runs}: ${(median(ref.walls) / 1000).toFixed(2)} s   (${ref.walls.map((w) => (w / 1000).toFixed(2)).join(', ')})`);
  for (const [s, xs] of Object.entries(ref.stages)) console.log(row(s, xs));
  const ratio = median(lab.walls) / median(ref.walls);
  const comparable = lab.walls.map((w, i) => w - (lab.stages.clv?.[i] ?? 0) - (lab.stages.cancellations?.[i] ?? 0));
  console.log(`ratio prep / pandas+sklearn: ${ratio.toFixed(2)}x (goal ≤ 0.5x) ${ratio <= 0.5 ? 'OK' : 'OVER'}`);
  console.log(`ratio without the lab's CLV and cancellations stages (the reference has neither): ${(median(comparable) / median(ref.walls)).toFixed(2)}x`);
  if (process.env.BENCH_FIGURES) console.log(`reference figures: ${ref.figures.join(' ')}`);
}
