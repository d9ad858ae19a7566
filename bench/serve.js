// Benchmark (not a test): /predict on loopback against one server process started here, driven
// by autocannon from this process (so both share this machine's two CPUs), then 10,000 generated
// bad payloads that must all get 4xx with the server staying healthy. Needs a churn run with a
// saved model in PREP_HOME (run `prep lab churn` first). Goals: p50 < 1 ms, p99 < 5 ms,
// ≥ 5,000 req/s. Latency is measured with 1 connection (one request in flight: what a caller
// waits) and throughput with CONNECTIONS (default 10); by Little's law a p50 under 1 ms at 10
// requests in flight would need 10,000 req/s. The baseline, run the same way in the same job, is a
// bare fastify server that parses the same body and answers a fixed JSON: the ceiling of HTTP and
// JSON alone on this machine.
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
const startServer = (args) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true' } });
    child.stderr.on('data', (d) => d.toString().includes('Serving') && resolve(child));
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
const port = 18000 + Math.floor(Math.random() * 1000);
const server = await startServer([join(root, 'bin/prep.js'), 'lab', 'churn', 'serve', '--run', run.id, '--port', String(port)]);
const baselineScript = `import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.post('/predict', async (request) => ({ probability: 0.5, label: false, fields: Object.keys(request.body).length }));
await app.listen({ port: ${port + 1}, host: '127.0.0.1' });
process.stderr.write('Serving\\n');`;
const baseline = await startServer(['--input-type=module', '-e', baselineScript]);
const url = `http://127.0.0.1:${port}`;
const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 10);
const measure = async (target) => ({
  latency: await runLoadTest({ url: target, body: customer, durationSeconds: duration, connections: 1 }),
  throughput: await runLoadTest({ url: target, body: customer, durationSeconds: duration, connections }),
});
const ours = await measure(url);
const bare = await measure(`http://127.0.0.1:${port + 1}`);
baseline.kill('SIGTERM');
const line = (r) => `p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms, ${r.requestsPerSecond} req/s, errors ${r.errors}, non-2xx ${r.non2xx}`;
console.log(`model ${artifact.modelName} (${artifact.model.trees.length} trees) from run ${run.id}; ${duration} s per measurement, ${ours.latency.cpus} CPUs`);
console.log(`/predict with 3 SHAP reasons, 1 connection:           ${line(ours.latency)}`);
console.log(`/predict with 3 SHAP reasons, ${connections} connections:          ${line(ours.throughput)}`);
console.log(`baseline (bare fastify, same body), 1 connection:     ${line(bare.latency)}`);
console.log(`baseline (bare fastify, same body), ${connections} connections:    ${line(bare.throughput)}`);
console.log(`throughput ratio prep / bare fastify: ${(ours.throughput.requestsPerSecond / bare.throughput.requestsPerSecond).toFixed(2)}`);
const { p50, p99 } = ours.latency.latencyMs;
const rps = ours.throughput.requestsPerSecond;
console.log(`goals: p50 < 1 ms ${p50 < 1 ? 'OK' : 'MISSED'}, p99 < 5 ms ${p99 < 5 ? 'OK' : 'MISSED'}, ≥ 5,000 req/s ${rps >= 5000 ? 'OK' : 'MISSED'}`);

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
