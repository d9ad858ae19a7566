// Benchmark (not a test): wall time of the default `prep lab segment` run by stage, median of 3.
// Goal on the reference machine (2 cores): under 6 s for the whole run. Run after `npm run build`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.PREP_HOME = process.env.PREP_HOME ?? mkdtempSync(join(tmpdir(), 'prep-bench-'));
const { ensureBuilt } = await import('../dist/data/datasets/build.js');
const { runSegmentLab } = await import('../dist/labs/segment/run.js');
await ensureBuilt('retail');

const runs = Number(process.env.BENCH_RUNS ?? 3);
const timings = [];
for (let i = 0; i < runs; i++) timings.push((await runSegmentLab({ dataset: 'retail', k: 'auto', seed: 42 })).timingsMs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stages = Object.keys(timings[0]);
console.log('stage            median ms   runs');
for (const s of stages) console.log(`${s.padEnd(16)} ${String(median(timings.map((t) => t[s]))).padStart(9)}   ${timings.map((t) => t[s]).join(', ')}`);
const total = median(timings.map((t) => t.total));
console.log(`total: median ${total} ms (goal < 6000 ms) ${total < 6000 ? 'OK' : 'OVER'}`);
