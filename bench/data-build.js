// Benchmark (not a test): time to build the retail dataset from the .csv.gz into SQLite, and
// `prep --help` cold start, each as the median of several runs. Run after `npm run build`.
// Targets on the reference machine (2 cores): build < 5 s, --help < 150 ms.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'prep.js');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(args, env) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, CI: 'true', ...env }, input: '', encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`prep ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

const buildRuns = Number(process.env.BENCH_BUILD_RUNS ?? 3);
const builds = [];
for (let i = 0; i < buildRuns; i++) {
  const home = mkdtempSync(join(tmpdir(), 'prep-bench-'));
  builds.push(time(['data', 'build', 'retail'], { PREP_HOME: home }));
  rmSync(home, { recursive: true, force: true });
}
// Baseline in the same job: bare node start, so the --help figure can be read as overhead.
const bare = [];
const help = [];
for (let i = 0; i < 15; i++) {
  let t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  bare.push(performance.now() - t0);
  help.push(time(['--help'], {}));
}
const report = {
  retailBuildMs: { median: Math.round(median(builds)), runs: builds.map(Math.round), target: 5000 },
  helpMs: { median: Math.round(median(help)), bareNodeMedian: Math.round(median(bare)), ratioToBareNode: Number((median(help) / median(bare)).toFixed(2)), target: 150 },
};
console.log(JSON.stringify(report, null, 2));
console.log(`retail build: median ${report.retailBuildMs.median} ms (target < 5000) ${report.retailBuildMs.median < 5000 ? 'OK' : 'OVER'}`);
console.log(`prep --help: median ${report.helpMs.median} ms, ${report.helpMs.ratioToBareNode}x bare node (target < 150) ${report.helpMs.median < 150 ? 'OK' : 'OVER'}`);
