// Benchmark (not a test): the default `prep lab churn` run, wall time by stage (median of
// BENCH_RUNS runs); the tree learner alone against ml-random-forest on the same design; and, when
// Debian's python3-sklearn is installed, the same steps in scikit-learn with the ratio.
// Run after `npm run build`. Goal: the whole run under 10 s here and within 1.0x scikit-learn.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'prep.js');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = Number(process.env.BENCH_RUNS ?? 3);

// 1. The whole lab, spawned as a user runs it, with its own stage timings.
const home = mkdtempSync(join(tmpdir(), 'prep-bench-churn-'));
spawnSync(process.execPath, [bin, 'data', 'build', 'telco'], { env: { ...process.env, CI: 'true', PREP_HOME: home } });
const walls = [];
const stageTimes = {};
let labError;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, 'lab', 'churn', '--json'], { env: { ...process.env, CI: 'true', PREP_HOME: home }, input: '', encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) {
    labError = r.stderr.trim();
    break;
  }
  walls.push(wall);
  const out = JSON.parse(r.stdout);
  for (const [stage, ms] of Object.entries(out.timingsMs)) (stageTimes[stage] ??= []).push(ms);
}
rmSync(home, { recursive: true, force: true });
if (labError) {
  console.log(`prep lab churn did not complete: ${labError}`);
} else {
  console.log(`prep lab churn (default run), median of ${runs}: ${(median(walls) / 1000).toFixed(2)} s wall`);
  for (const [stage, xs] of Object.entries(stageTimes)) console.log(`  ${stage.padEnd(10)} ${String(Math.round(median(xs))).padStart(7)} ms`);
}

// 2. Tree learner vs ml-random-forest on the same Telco one-hot design (baseline in the same process).
const treesPath = join(root, 'dist/ml/trees/index.js');
if (!existsSync(treesPath)) {
  console.log('tree learner: dist/ml/trees/index.js not built; skipped');
} else {
  const { fitRandomForest, fitGradientBoosting } = await import(treesPath);
  const { createRng } = await import(join(root, 'dist/ml/random.js'));
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(join(root, 'datasets/telco_churn_ibm.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const records = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
  const numeric = ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges'];
  const columns = [];
  for (const c of numeric) columns.push(records.map((r) => Number(r[c].trim() || 0)));
  for (const c of header.filter((h) => !numeric.includes(h) && h !== 'customerID' && h !== 'Churn')) {
    const levels = [...new Set(records.map((r) => r[c]))].sort();
    for (const v of levels) columns.push(records.map((r) => (r[c] === v ? 1 : 0)));
  }
  const rows = records.length;
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) data[i * cols + j] = columns[j][i];
  const y = Uint8Array.from(records, (r) => (r.Churn === 'Yes' ? 1 : 0));
  const time = (f) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const ours = [];
  for (let i = 0; i < 3; i++) ours.push(time(() => fitRandomForest({ rows, cols, data }, y, { nTrees: 100, minSamplesLeaf: 5, maxFeatures: 0.3, rng: createRng(i) })));
  const boost = [];
  for (let i = 0; i < 3; i++) boost.push(time(() => fitGradientBoosting({ rows, cols, data }, y, { nEstimators: 300, maxDepth: 3, learningRate: 0.05, rng: createRng(i) })));
  const { RandomForestClassifier } = await import('ml-random-forest');
  const matrix = Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
  const baselineTrees = 1; // about 15 s a tree here: one is enough for a per-tree ratio
  const baseline = time(() => new RandomForestClassifier({ nEstimators: baselineTrees, maxFeatures: 0.3, seed: 42, useSampleBagging: true, noOOB: true }).train(matrix, Array.from(y)));
  const perTreeOurs = median(ours) / 100;
  const perTreeBaseline = baseline / baselineTrees;
  console.log(`tree learner on ${rows} × ${cols}: our forest of 100 trees ${Math.round(median(ours))} ms (${perTreeOurs.toFixed(1)} ms/tree); boosting 300 rounds ${Math.round(median(boost))} ms`);
  console.log(`ml-random-forest 2.1.0, ${baselineTrees} trees: ${Math.round(baseline)} ms (${Math.round(perTreeBaseline)} ms/tree): ours is ${(perTreeBaseline / perTreeOurs).toFixed(0)}x faster per tree`);
}

// 3. scikit-learn, the same steps: 5-fold CV of LR, RF (min leaf 5, 150 trees), GB (300 trees, depth 3, lr 0.05).
// Debian's python3-sklearn lives under /usr/bin/python3, which may not be the python3 on PATH.
const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import sklearn, numpy'], { encoding: 'utf8' }).status === 0);
const hasSklearn = python !== undefined;
if (!hasSklearn) {
  console.log('scikit-learn: not installed (apt-get install -y python3-sklearn); skipped');
} else {
  const script = `
import time, csv, numpy as np
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier, GradientBoostingClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
t0 = time.perf_counter()
rows = list(csv.DictReader(open('${join(root, 'datasets/telco_churn_ibm.csv')}')))
y = np.array([r['Churn'] == 'Yes' for r in rows], dtype=int)
numeric = ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges']
cats = [c for c in rows[0] if c not in numeric + ['customerID', 'Churn']]
cols = []
for c in numeric: cols.append([float(r[c].strip() or 0) for r in rows])
for c in cats:
    levels = sorted({r[c] for r in rows})
    if set(levels) == {'No', 'Yes'}: cols.append([float(r[c] == 'Yes') for r in rows])
    else: cols.extend([[float(r[c] == v) for r in rows] for v in levels])
X = np.array(cols).T
cv = StratifiedKFold(5, shuffle=True, random_state=42)
out = {}
for name, model in [('logistic_regression', make_pipeline(StandardScaler(), LogisticRegression(C=1, max_iter=1000))),
                    ('random_forest', RandomForestClassifier(100, min_samples_leaf=5, max_features=0.3, random_state=42, n_jobs=1)),
                    ('gradient_boosting', GradientBoostingClassifier(n_estimators=300, max_depth=3, learning_rate=0.05, random_state=42))]:
    t = time.perf_counter(); s = cross_val_score(model, X, y, cv=cv, scoring='roc_auc'); out[name] = (s.mean(), time.perf_counter() - t)
for k, (auc, sec) in out.items(): print(f'  {k:20s} auc {auc:.3f}  {sec:.2f} s')
print(f'TOTAL {time.perf_counter() - t0:.3f}')
`;
  const r = spawnSync(python, ['-c', script], { encoding: 'utf8' });
  if (r.status !== 0) console.log(`scikit-learn run failed: ${r.stderr.trim().split('\n').pop()}`);
  else {
    const total = Number(/TOTAL ([\d.]+)/.exec(r.stdout)[1]);
    console.log(`scikit-learn, 5-fold CV of the three models (one core): ${total.toFixed(2)} s`);
    console.log(r.stdout.replace(/TOTAL.*\n?/, '').trimEnd());
    if (walls.length) console.log(`ratio prep / scikit-learn: ${(median(walls) / 1000 / total).toFixed(2)}x (prep also runs imbalance, test, SHAP, fairness)`);
  }
}
