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

// 2. Tree learner vs ml-random-forest on the Telco numeric design (same rows, same forest size).
const treesPath = join(root, 'dist/ml/trees/index.js');
if (!existsSync(treesPath)) {
  console.log('tree learner: dist/ml/trees/index.js not built yet; skipped');
} else {
  console.log('tree learner vs ml-random-forest: see bench/trees (to be wired to the fitRandomForest API once it lands)');
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
                    ('random_forest', RandomForestClassifier(150, min_samples_leaf=5, max_features=0.3, random_state=42, n_jobs=1)),
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
