// Benchmark (not a test): fit times of the churn lab's tree grids (random forest 100 trees with
// min leaf 5 and 15; gradient boosting 200 trees at 0.05 and 100 at 0.1, depth 3), logistic
// regression's grid, binning and prediction, on the lab's own CV fold 0 design of IBM's fictional
// Telco sample (4,507 × 47) and on its SMOTE-grown version (what the imbalance stage fits).
// Each fit is timed warm (one untimed fit first) in CPU time (process.cpuUsage: on a busy machine
// wall time mostly measures waiting for a core), the best of BENCH_REPS fits (default 3) per
// process, in BENCH_RUNS processes (default 5); the median over processes is printed.
//   node bench/trees.js                     times dist/ (run `npm run build` first)
//   node bench/trees.js --against OTHER     alternates runs of OTHER/dist and this dist in one job
//                                           (each round a fresh process per side, so load hits
//                                           both) and prints both medians and the ratio
// Every fit's model JSON is hashed; with --against the hashes must match (same trees to the bit).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = Number(process.env.BENCH_RUNS ?? 5);
const args = process.argv.slice(2);

if (args[0] === '--child') {
  // one round in this process: dist given as args[1]; prints {label: ms} and {label: hash} as JSON
  const dist = args[1];
  const load = (p) => import(pathToFileURL(join(dist, p)).href);
  const { ensureBuilt } = await load('data/datasets/build.js');
  const { openDatasetReadOnly } = await load('data/datasets/store.js');
  const { extractChurnTable } = await load('labs/churn/extract.js');
  const { cleanTable } = await load('labs/churn/clean.js');
  const { applicableFeatures, addEngineeredFeatures } = await load('labs/churn/features.js');
  const { prepareFold } = await load('labs/churn/cv.js');
  const { pick, subsetLabels } = await load('labs/churn/design.js');
  const { createRng } = await load('ml/random.js');
  const { stratifiedHoldout, stratifiedKFold } = await load('ml/split.js');
  const { fitModel, tuningGrids } = await load('labs/churn/models.js');
  const { smote, categoricalGroups } = await load('ml/smote.js');
  const { binFeatures } = await load('ml/trees/binning.js');
  await ensureBuilt('telco');
  const ds = openDatasetReadOnly('telco');
  const table = extractChurnTable(ds.db, ds.meta, { target: 'Churn', positive: 'Yes', idColumn: 'customerID', minPerClass: 10 });
  ds.db.close();
  const rec = { metric() {}, decision() {}, note() {}, table() {} };
  const clean = cleanTable(table, new Proxy(rec, { get: (t, k) => t[k] ?? (() => {}) }));
  const engineered = applicableFeatures(clean.columns);
  const columns = [...clean.columns, ...engineered.map((f) => ({ name: f.name, kind: f.kind }))];
  const rows = addEngineeredFeatures(clean.rows, engineered);
  const holdout = stratifiedHoldout(table.y, 0.2, createRng(42));
  const yTrain = subsetLabels(table.y, holdout.train);
  const folds = stratifiedKFold(yTrain, 5, createRng(43)).map((f) => ({ train: f.train, test: f.validation }));
  const fold = prepareFold(pick(rows, holdout.train), columns, yTrain, folds[0]);
  const grown = smote(fold.raw.train, fold.yTrain, { k: 5, rng: createRng(142), categorical: categoricalGroups(fold.raw.train) });
  const times = {};
  const hashes = {};
  const reps = Number(process.env.BENCH_REPS ?? 3);
  const time = (label, work) => {
    let result = work(); // warm: the lab's workers fit dozens of models, so steady state is what matters
    for (let r = 0; r < reps; r++) {
      const t = process.cpuUsage();
      result = work();
      const used = process.cpuUsage(t);
      times[label] = Math.min(times[label] ?? Infinity, (used.user + used.system) / 1000);
    }
    return result;
  };
  const hash = (model) => createHash('sha256').update(JSON.stringify(model.toJSON?.() ?? model)).digest('hex').slice(0, 16);
  time('binFeatures', () => binFeatures(fold.raw.train));
  for (const [name, grid] of Object.entries(tuningGrids)) {
    for (const params of grid) {
      const design = name === 'logistic_regression' ? fold.scaled : fold.raw;
      const label = `${name} ${Object.values(params).join('/')}`;
      const model = time(label, () => fitModel(name, params, design.train, fold.yTrain, 42));
      hashes[label] = hash(model);
      const p = time(`  predict ${design.test.rows} rows (${label})`, () => model.predictProba(design.test));
      hashes[`predict ${label}`] = createHash('sha256').update(Buffer.from(p.buffer)).digest('hex').slice(0, 16);
    }
  }
  const params = tuningGrids.gradient_boosting[0];
  const label = `gradient_boosting ${Object.values(params).join('/')} on SMOTE-grown ${grown.x.rows} rows`;
  hashes[label] = hash(time(label, () => fitModel('gradient_boosting', params, grown.x, grown.y, 42)));
  process.stdout.write(JSON.stringify({ times, hashes }));
  process.exit(0);
}

const home = mkdtempSync(join(tmpdir(), 'prep-bench-trees-'));
const sides = [{ name: 'this', dist: join(root, 'dist') }];
const against = args.indexOf('--against');
if (against >= 0) sides.unshift({ name: 'against', dist: join(resolve(args[against + 1]), 'dist') });
const results = Object.fromEntries(sides.map((s) => [s.name, { times: {}, hashes: undefined, loads: [] }]));
let mismatch = false;
for (let r = 0; r < runs; r++) {
  for (const side of sides) {
    const out = results[side.name];
    out.loads.push(loadavg()[0].toFixed(2));
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', side.dist], { env: { ...process.env, PREP_HOME: home, CI: 'true' }, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`${side.dist}: ${child.stderr}`);
    const { times, hashes } = JSON.parse(child.stdout);
    for (const [k, ms] of Object.entries(times)) (out.times[k] ??= []).push(ms);
    out.hashes ??= hashes;
  }
}
rmSync(home, { recursive: true, force: true });
const labels = Object.keys(results.this.times);
console.log(`CPU ms, median of ${runs} processes of the best of ${process.env.BENCH_REPS ?? 3} warm fits; load average before each run: ${sides.map((s) => `${s.name} ${results[s.name].loads.join(' ')}`).join('; ')}`);
console.log(`${'fit'.padEnd(70)} ${sides.map((s) => s.name.padStart(9)).join(' ')}${sides.length > 1 ? '    ratio' : ''}`);
for (const label of labels) {
  const ms = sides.map((s) => median(results[s.name].times[label]));
  console.log(`${label.padEnd(70)} ${ms.map((m) => `${m.toFixed(1)} ms`.padStart(9)).join(' ')}${ms.length > 1 ? `    ${(ms[1] / ms[0]).toFixed(2)}x` : ''}`);
}
if (sides.length > 1) {
  for (const [k, h] of Object.entries(results.this.hashes)) {
    if (results.against.hashes[k] !== h) {
      mismatch = true;
      console.log(`DIFFERENT model or predictions: ${k}`);
    }
  }
  console.log(mismatch ? 'models differ' : `all ${Object.keys(results.this.hashes).length} model and prediction hashes identical`);
}
process.exitCode = mismatch ? 1 : 0;
