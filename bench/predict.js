// Benchmark (not a test): what one /predict costs inside the server process, by step, for the
// model of the newest churn run in PREP_HOME (run `prep lab churn` first): validation, scoring
// with TreeSHAP reasons. Medians of BENCH_REPEATS rounds of BENCH_CALLS calls each, so bench/serve's
// req/s (which adds HTTP, JSON and metrics) can be read against them.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { RunStore } = await import(join(root, 'dist/data/runs.js'));
const { findModelRun, loadModelArtifact, loadReference, servableModel } = await import(join(root, 'dist/labs/churn/servable.js'));
const { validateRecord } = await import(join(root, 'dist/serve/contract.js'));

const store = new RunStore();
const run = findModelRun(store, process.env.RUN);
const artifact = loadModelArtifact(store, run);
const model = servableModel(run, artifact);
const customers = loadReference(store, run).holdout.slice(0, 200).map((h) => h.record);
const calls = Number(process.env.BENCH_CALLS ?? 2000);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function perCall(label, f) {
  for (let i = 0; i < 200; i++) await f(i); // warm up
  const rounds = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) await f(i);
    rounds.push(((performance.now() - t0) * 1000) / calls);
  }
  console.log(`${label.padEnd(34)} ${median(rounds).toFixed(1).padStart(7)} µs/call`);
  return median(rounds);
}

console.log(`model ${artifact.modelName} (${artifact.model.trees.length} trees) from run ${run.id}; ${calls} calls × ${repeats} rounds, median`);
const records = customers.map((c) => validateRecord(c, model.columns, model.idColumn).record);
await perCall('validate', (i) => validateRecord(customers[i % customers.length], model.columns, model.idColumn));
const scoreOnly = await perCall('score, no reasons', (i) => model.predict([records[i % records.length]], 0));
const withReasons = await perCall('score + top-3 TreeSHAP reasons', (i) => model.predict([records[i % records.length]], 3));
console.log(`reasons cost ${(withReasons - scoreOnly).toFixed(1)} µs per customer`);
