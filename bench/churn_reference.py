"""The churn lab's protocol in numpy + scikit-learn, for bench/churn.js (a benchmark, never a test).

Same stages as `prep lab churn`'s default run, on the same CSV:
  clean        TotalCharges blank with tenure 0 -> 0; engineered tenure_band, charges_per_tenure_month,
               addon_services
  split        stratified 80/20 hold-out, 5 stratified folds of the training rows
  cv           per fold: preprocessing fitted on the training fold (median imputation, one-hot, No/Yes
               flags, standard scaling for the linear model), then every grid point of
               LogisticRegression C in {0.1, 1}, RandomForest 100 trees min_samples_leaf in {5, 15}
               max_features 0.3, histogram gradient boosting depth 3 (200 x 0.05, 100 x 0.1); ROC-AUC,
               accuracy, precision, recall, F1 per fold; out-of-fold probabilities kept
  imbalance    the best tree family: class weights, SMOTE-NC (k = 5) inside each training fold, and the
               leaky variant (SMOTE-NC on all training rows, then 5-fold CV)
  threshold    cost-optimal threshold on the out-of-fold probabilities, 1,000 stratified bootstrap
               re-choices
  test         the chosen model refitted on all training rows, scored on the test rows; 2,000
               stratified bootstrap resamples of AUC, PR-AUC, recall, precision and net-value gain
  fairness     recall and precision per group of gender, SeniorCitizen, Partner, Dependents
Left out: TreeSHAP (scikit-learn has none; the `shap` package is not in Debian), the run store and
the report. Both omissions favour this script.

Fits run in joblib worker processes, n_jobs of them (--n-jobs, default 2, the lab's pool on this
machine), each single-threaded (OMP_NUM_THREADS=1, set by bench/churn.js: on 2 cores, OpenMP inside
2 processes oversubscribes). Gradient boosting is HistGradientBoostingClassifier, the histogram
learner like the lab's (GradientBoostingClassifier, exact splits, is several times slower here).

Usage: python3 churn_reference.py CSV [--n-jobs N] [--exact-boosting]; prints one JSON line with figures and timings.
"""
import csv
import json
import sys
import time

t_start = time.perf_counter()
import numpy as np
from joblib import Parallel, delayed
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, average_precision_score, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.neighbors import NearestNeighbors
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from scipy.stats import rankdata

path = sys.argv[1]
n_jobs = int(sys.argv[sys.argv.index('--n-jobs') + 1]) if '--n-jobs' in sys.argv else 2
# --exact-boosting: GradientBoostingClassifier (exact splits, what the previous bench script used) instead of the histogram learner
exact_boosting = '--exact-boosting' in sys.argv
seed = 42
timings = {}
mark = time.perf_counter()


def stage(name):
    global mark
    now = time.perf_counter()
    timings[name] = round(1000 * (now - mark))
    mark = now


# clean + features
rows = list(csv.DictReader(open(path, newline='')))
y_all = np.array([r['Churn'] == 'Yes' for r in rows], dtype=int)
numeric = ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges']
addons = ['OnlineSecurity', 'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies']
categorical = [c for c in rows[0] if c not in numeric + ['customerID', 'Churn']]
num = np.array([[float(r[c]) if r[c].strip() else np.nan for c in numeric] for r in rows])
tenure, total = num[:, 1], num[:, 3]
total[np.isnan(total) & (tenure == 0)] = 0
band = np.where(tenure <= 12, '0-12', np.where(tenure <= 24, '13-24', np.where(tenure <= 48, '25-48', '49+')))
per_month = total / np.maximum(tenure, 1)
addon_count = np.array([sum(r[c] == 'Yes' for c in addons) for r in rows], dtype=float)
X_num = np.column_stack([num, per_month, addon_count])
X_cat = np.column_stack([np.array([r[c] for r in rows], dtype=object) for c in categorical] + [band.astype(object)])
X_all = np.empty((len(rows), X_num.shape[1] + X_cat.shape[1]), dtype=object)
X_all[:, : X_num.shape[1]] = X_num
X_all[:, X_num.shape[1]:] = X_cat
num_idx = list(range(X_num.shape[1]))
cat_idx = list(range(X_num.shape[1], X_all.shape[1]))
stage('clean')

train_idx, test_idx = train_test_split(np.arange(len(rows)), test_size=0.2, stratify=y_all, random_state=seed)
X_train, X_test, y_train, y_test = X_all[train_idx], X_all[test_idx], y_all[train_idx], y_all[test_idx]
folds = list(StratifiedKFold(5, shuffle=True, random_state=seed + 1).split(X_train, y_train))
stage('split')


def preprocessor(scale):
    numeric_steps = [SimpleImputer(strategy='median')] + ([StandardScaler()] if scale else [])
    # No/Yes columns become one flag (drop='if_binary'), other categoricals one column per level
    return ColumnTransformer([('num', make_pipeline(*numeric_steps), num_idx), ('cat', OneHotEncoder(handle_unknown='ignore', drop='if_binary', sparse_output=False), cat_idx)])


def fold_designs(train, test):
    out = {}
    for scale in (True, False):
        pre = preprocessor(scale).fit(X_train[train])
        out[scale] = (pre.transform(X_train[train]).astype(float), pre.transform(X_train[test]).astype(float))
    return out


grids = {
    'logistic_regression': [{'C': 0.1}, {'C': 1}],
    'random_forest': [{'min_samples_leaf': 5}, {'min_samples_leaf': 15}],
    'gradient_boosting': [{'max_iter': 200, 'learning_rate': 0.05}, {'max_iter': 100, 'learning_rate': 0.1}],
}


def make_model(name, params, fit_seed):
    if name == 'logistic_regression':
        return LogisticRegression(C=params['C'], max_iter=1000)
    if name == 'random_forest':
        return RandomForestClassifier(100, max_features=0.3, random_state=fit_seed, n_jobs=1, **params)
    if exact_boosting:
        return GradientBoostingClassifier(n_estimators=params['max_iter'], learning_rate=params['learning_rate'], max_depth=3, random_state=fit_seed)
    return HistGradientBoostingClassifier(max_depth=3, max_leaf_nodes=None, min_samples_leaf=1, l2_regularization=1.0, early_stopping=False, random_state=fit_seed, **params)


def fit_predict(name, params, fit_seed, x, y, x_test, weights=None):
    return make_model(name, params, fit_seed).fit(x, y, sample_weight=weights).predict_proba(x_test)[:, 1]


fold_data = [fold_designs(tr, te) for tr, te in folds]
tasks = [(name, params, i) for name in grids for params in grids[name] for i in range(5)]
with Parallel(n_jobs=n_jobs) as parallel:
    preds = parallel(delayed(fit_predict)(name, params, seed + i, fold_data[i][name == 'logistic_regression'][0], y_train[folds[i][0]], fold_data[i][name == 'logistic_regression'][1]) for name, params, i in tasks)
    cv = {}
    for name in grids:
        best = None
        for params in grids[name]:
            per_fold = []
            oof = np.zeros(len(y_train))
            for i, (tr, te) in enumerate(folds):
                p = preds[tasks.index((name, params, i))]
                oof[te] = p
                yt, yhat = y_train[te], (p >= 0.5).astype(int)
                per_fold.append([roc_auc_score(yt, p), accuracy_score(yt, yhat), precision_score(yt, yhat, zero_division=0), recall_score(yt, yhat), f1_score(yt, yhat)])
            mean = np.mean(per_fold, axis=0)
            if best is None or mean[0] > best['auc']:
                best = {'params': params, 'auc': mean[0], 'metrics': mean.tolist(), 'oof': oof}
        cv[name] = best
    stage('cv')

    tree = max(['random_forest', 'gradient_boosting'], key=lambda n: cv[n]['auc'])
    params = cv[tree]['params']

    def smote_nc(x, y, smote_seed, k=5):
        """SMOTE-NC as src/ml/smote.ts: 0/1 columns are categorical (a one-hot group per source column)."""
        rng = np.random.default_rng(smote_seed)
        minority = np.flatnonzero(y == 1)
        binary = np.all((x == 0) | (x == 1), axis=0)
        cont = ~binary
        med = np.median(np.std(x[minority][:, cont], axis=0, ddof=1)) if cont.any() else 1.0
        # a differing one-hot category changes two columns: scale by med/sqrt(2) so it adds med^2
        z = np.hstack([x[minority][:, cont], x[minority][:, binary] * med / np.sqrt(2)])
        _, nn = NearestNeighbors(n_neighbors=k + 1).fit(z).kneighbors(z)
        nn = nn[:, 1:]
        count = len(y) - 2 * len(minority)
        base = rng.integers(len(minority), size=count)
        pick = nn[base, rng.integers(k, size=count)]
        gap = rng.random(count)[:, None]
        synth = x[minority[base]].copy()
        synth[:, cont] += gap * (x[minority[pick]][:, cont] - synth[:, cont])
        # categorical columns: the neighbours' majority value
        synth[:, binary] = (x[minority[nn[base]]][:, :, binary].mean(axis=1) > 0.5).astype(float)
        return np.vstack([x, synth]), np.concatenate([y, np.ones(count, dtype=int)])

    def balanced(y):
        return np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))

    raw = [fold_data[i][False] for i in range(5)]
    weighted = parallel(delayed(fit_predict)(tree, params, seed + i, raw[i][0], y_train[folds[i][0]], raw[i][1], balanced(y_train[folds[i][0]])) for i in range(5))
    resampled = [smote_nc(raw[i][0], y_train[folds[i][0]], seed + 100 + i) for i in range(5)]
    in_folds = parallel(delayed(fit_predict)(tree, params, seed + i, rx, ry, raw[i][1]) for i, (rx, ry) in enumerate(resampled))
    pre_full = preprocessor(False).fit(X_train)
    x_full = pre_full.transform(X_train).astype(float)
    leaky_x, leaky_y = smote_nc(x_full, y_train, seed + 200)
    leaky_folds = list(StratifiedKFold(5, shuffle=True, random_state=seed + 300).split(leaky_x, leaky_y))
    leaky = parallel(delayed(fit_predict)(tree, params, seed + i, leaky_x[tr], leaky_y[tr], leaky_x[te]) for i, (tr, te) in enumerate(leaky_folds))

    def score(pairs):
        return [float(np.mean([roc_auc_score(y, p) for y, p in pairs])), float(np.mean([recall_score(y, (p >= 0.5).astype(int)) for y, p in pairs]))]

    imbalance = {
        'none': score([(y_train[te], cv[tree]['oof'][te]) for _, te in folds]),
        'classWeights': score([(y_train[folds[i][1]], weighted[i]) for i in range(5)]),
        'smoteInFolds': score([(y_train[folds[i][1]], in_folds[i]) for i in range(5)]),
        'smoteLeaky': score([(leaky_y[te], leaky[i]) for i, (_, te) in enumerate(leaky_folds)]),
    }
    stage('imbalance')

offer, saved, success = 50.0, 500.0, 0.3  # the lab's default cost model


def best_threshold(y, p):
    order = np.argsort(-p, kind='stable')
    value = np.cumsum(y[order] * success * saved - offer)
    # only the last row of each tie group is a threshold
    last = np.append(p[order][1:] != p[order][:-1], True)
    value = np.where(last, value, -np.inf)
    k = int(np.argmax(value))
    return float(p[order][k]) if value[k] > 0 else 1.0


def stratified_resample(y, rng):
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    return np.concatenate([rng.choice(pos, len(pos)), rng.choice(neg, len(neg))])


oof = cv[tree]['oof']
threshold = best_threshold(y_train, oof)
rng = np.random.default_rng(seed)
draws = []
for _ in range(1000):
    idx = stratified_resample(y_train, rng)
    draws.append(best_threshold(y_train[idx], oof[idx]))
threshold_ci = np.percentile(draws, [2.5, 97.5]).tolist()
stage('threshold')

p_test = fit_predict(tree, params, seed, x_full, y_train, pre_full.transform(X_test).astype(float))
flag = (p_test >= threshold).astype(int)


def net(y, p, t):
    hit = p >= t
    return saved * success * np.sum(hit & (y == 1)) - offer * np.sum(hit)


test = {'auc': roc_auc_score(y_test, p_test), 'prAuc': average_precision_score(y_test, p_test), 'recall': recall_score(y_test, flag), 'precision': precision_score(y_test, flag, zero_division=0)}


def auc_of(y, p):
    # Mann-Whitney with average ranks for ties (= roc_auc_score, without its per-call checks)
    r = rankdata(p)
    npos = y.sum()
    return (r[y == 1].sum() - npos * (npos + 1) / 2) / (npos * (len(y) - npos))


def ap_of(y, p):
    # average precision as scikit-learn defines it: sum over distinct thresholds of (R_k - R_k-1) P_k
    order = np.argsort(-p, kind='stable')
    ys, ps = y[order], p[order]
    last = np.append(ps[1:] != ps[:-1], True)
    tp = np.cumsum(ys)[last]
    fp = np.cumsum(1 - ys)[last]
    recall = tp / tp[-1]
    return float(np.sum(np.diff(np.concatenate([[0.0], recall])) * tp / (tp + fp)))


# the hand-written metrics agree with scikit-learn's on the test rows
assert abs(auc_of(y_test, p_test) - test['auc']) < 1e-12 and abs(ap_of(y_test, p_test) - test['prAuc']) < 1e-12
boot = {k: [] for k in ['auc', 'prAuc', 'recall', 'precision', 'netValueGain']}
for _ in range(2000):
    idx = stratified_resample(y_test, rng)
    yb, pb = y_test[idx], p_test[idx]
    hit = pb >= threshold
    tp = np.sum(hit & (yb == 1))
    boot['auc'].append(auc_of(yb, pb))
    boot['prAuc'].append(ap_of(yb, pb))
    boot['recall'].append(tp / yb.sum())
    boot['precision'].append(tp / max(1, hit.sum()))
    boot['netValueGain'].append(net(yb, pb, threshold) - net(yb, pb, 0.5))
intervals = {k: np.percentile(v, [2.5, 97.5]).tolist() for k, v in boot.items()}
stage('test')

fairness = {}
for column in ['gender', 'SeniorCitizen', 'Partner', 'Dependents']:
    values = np.array([rows[i][column] for i in test_idx])
    fairness[column] = {g: [recall_score(y_test[values == g], flag[values == g], zero_division=0), precision_score(y_test[values == g], flag[values == g], zero_division=0)] for g in sorted(set(values))}
stage('fairness')

print(json.dumps({
    'nJobs': n_jobs,
    'cv': {name: {'params': cv[name]['params'], 'auc': cv[name]['auc']} for name in cv},
    'imbalance': {'model': tree, **imbalance},
    'threshold': {'chosen': threshold, 'ci95': threshold_ci},
    'test': {**test, 'intervals': intervals},
    'timingsMs': {**timings, 'total': round(1000 * (time.perf_counter() - t_start))},
}))
