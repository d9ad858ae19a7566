// Benchmark (not a test): /predict on loopback against one server process started here, driven
// by autocannon from this process (so both share this machine's CPUs), then 10,000 generated bad
// payloads that must all get 4xx with the server staying healthy. Needs a churn run with a saved
// model in PREP_HOME (run `prep lab churn` first). Goals here: p50 < 1 ms, p99 < 5 ms, ≥ 5,000 req/s.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const { RunStore } = await import(join(root, 'dist/data/runs.js'));
const { findModelRun, loadModelArtifact, loadReference } = await import(join(root, 'dist/labs/churn/servable.js'));
const { runLoadTest } = await import(join(root, 'dist/serve/loadtest.js'));

const store = new RunStore();
const run = findModelRun(store, process.env.RUN);
const artifact = loadModelArtifact(store, run);
const customer = loadReference(store, run).holdout[0].record;
const port = 18000 + Math.floor(Math.random() * 1000);
const server = spawn(process.execPath, [join(root, 'bin/prep.js'), 'lab', 'churn', 'serve', '--run', run.id, '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true' } });
await new Promise((resolve, reject) => {
  server.stderr.on('data', (d) => d.toString().includes('Serving') && resolve());
  server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const url = `http://127.0.0.1:${port}`;
const duration = Number(process.env.DURATION ?? 10);
const result = await runLoadTest({ url, body: customer, durationSeconds: duration, connections: Number(process.env.CONNECTIONS ?? 10) });
console.log(`model ${artifact.modelName} (${artifact.model.trees.length} trees) from run ${run.id}`);
console.log(`/predict, ${result.connections} connections, ${result.durationSeconds} s: p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms, ${result.requestsPerSecond} req/s, errors ${result.errors}, non-2xx ${result.non2xx}`);
console.log(`goals: p50 < 1 ms ${result.latencyMs.p50 < 1 ? 'OK' : 'MISSED'}, p99 < 5 ms ${result.latencyMs.p99 < 5 ? 'OK' : 'MISSED'}, ≥ 5,000 req/s ${result.requestsPerSecond >= 5000 ? 'OK' : 'MISSED'}`);

// 10,000 bad payloads
const kinds = [
  () => JSON.stringify({ ...customer, tenure: 'ten' }),
  () => JSON.stringify({ ...customer, MonthlyCharges: 1e308 }),
  () => JSON.stringify({ ...customer, Contract: 'Forever' }),
  () => JSON.stringify({ ...customer, extra: { deep: [1, 2, 3] } }),
  () => JSON.stringify(Object.fromEntries(Object.entries(customer).filter(([k]) => k !== 'tenure'))),
  () => '{"tenure": NaN}',
  () => '['.repeat(5000) + ']'.repeat(5000),
  () => 'not json at all',
  () => JSON.stringify([customer]),
  () => JSON.stringify({ ...customer, tenure: -5 }),
];
const statuses = new Map();
for (let i = 0; i < 10000; i++) {
  const res = await fetch(`${url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: kinds[i % kinds.length]() });
  await res.arrayBuffer();
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
}
const health = await fetch(`${url}/health`);
console.log(`10,000 bad payloads: statuses ${JSON.stringify(Object.fromEntries(statuses))}; all 4xx: ${[...statuses.keys()].every((s) => s >= 400 && s < 500)}; healthy after: ${health.status === 200}`);
server.kill('SIGTERM');
await new Promise((resolve) => server.on('exit', (code) => { console.log(`server exit code after SIGTERM: ${code}`); resolve(); }));
