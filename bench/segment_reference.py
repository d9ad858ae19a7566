#!/usr/bin/python3
"""The segmentation lab's protocol in pandas + scikit-learn (benchmark reference, not a test).

Stages as in `prep lab segment`: R1 cleaning (with the dropped-line reasons), EDA aggregates
(revenue by month, countries, top products, basket-size quantiles), RFM with average-rank
quintiles and the (R, F) segment grid, K-means on log1p + standardised RFM for k = 2..8 with
k-means++ and n_init = 20 (the lab's restarts) and the exact silhouette, revenue concentration
(top shares, Gini, Lorenz), monthly cohorts, CLV (BG/NBD + Gamma-Gamma fitted by maximum
likelihood with scipy.optimize's Nelder-Mead on log-parameters from the lab's starting points, a
restart from the optimum as the lab does, the 13-week hold-out check and 12-month CLV), co-purchase
pair counts (pairs in >= 20 baskets, top 10 by lift at support >= 1%) and cancellation matching
(same customer, item and quantity; the latest unmatched purchase at or before the cancellation).
bench/segment.js compares its FIGURE lines with the lab's --json within stated tolerances.

Usage: /usr/bin/python3 bench/segment_reference.py [online_retail.csv(.gz)] [--seed 42]
Prints one line per stage "STAGE name ms", key figures "FIGURE key value" and "TOTAL ms".
"""
import sys
import time

t_start = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from scipy.optimize import minimize  # noqa: E402
from scipy.special import gammaln, hyp2f1  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.metrics import silhouette_score  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

args = [a for a in sys.argv[1:] if not a.startswith('--')]
path = args[0] if args else 'datasets/online_retail.csv.gz'
seed = int(sys.argv[sys.argv.index('--seed') + 1]) if '--seed' in sys.argv else 42
timings = {'import': (time.perf_counter() - t_start) * 1000}


def stage(name):
    class Timer:
        def __enter__(self):
            self.t0 = time.perf_counter()

        def __exit__(self, *exc):
            timings[name] = (time.perf_counter() - self.t0) * 1000
    return Timer()


def figure(key, value):
    print(f'FIGURE {key} {value}')


with stage('load'):
    df = pd.read_csv(path, dtype={'InvoiceNo': str, 'StockCode': str, 'Description': str, 'Country': str})
    df['InvoiceDate'] = pd.to_datetime(df['InvoiceDate'], format='%Y-%m-%d %H:%M')

with stage('clean'):
    amount = df['Quantity'] * df['UnitPrice']
    no_customer = df['CustomerID'].isna()
    c_invoice = df['InvoiceNo'].str.startswith('C')  # computed once, used again by CLV and cancellations
    cancelled = ~no_customer & c_invoice
    rest = ~no_customer & ~cancelled
    bad_qty = rest & (df['Quantity'] <= 0)
    bad_price = rest & ~bad_qty & (df['UnitPrice'] <= 0)
    bad_amount = rest & ~bad_qty & ~bad_price & ~(amount > 0)
    keep = rest & ~bad_qty & ~bad_price & ~bad_amount
    clean = df[keep].assign(amount=amount[keep])
    clean['CustomerID'] = clean['CustomerID'].astype(np.int64)
    figure('cleaning.linesIn', len(df))
    figure('cleaning.linesOut', len(clean))
    figure('cleaning.customers', clean['CustomerID'].nunique())
    figure('cleaning.invoices', clean['InvoiceNo'].nunique())
    figure('cleaning.revenue', round(clean['amount'].sum(), 2))
    for name, mask in [('noCustomer', no_customer), ('cancellation', cancelled), ('quantity', bad_qty), ('price', bad_price), ('amount', bad_amount)]:
        figure(f'cleaning.dropped.{name}', int(mask.sum()))

with stage('eda'):
    clean['month'] = clean['InvoiceDate'].dt.year * 12 + clean['InvoiceDate'].dt.month - 1  # months since year 0
    by_month = clean.groupby('month').agg(revenue=('amount', 'sum'), customers=('CustomerID', 'nunique'), invoices=('InvoiceNo', 'nunique'))
    countries = clean.groupby('Country').agg(revenue=('amount', 'sum'), customers=('CustomerID', 'nunique')).nlargest(10, 'revenue')
    products = clean.groupby('StockCode').agg(description=('Description', 'max'), revenue=('amount', 'sum'), quantity=('Quantity', 'sum')).nlargest(10, 'revenue')
    sizes = np.sort(clean.groupby('InvoiceNo')['StockCode'].nunique().to_numpy())
    quantile = lambda p: sizes[min(len(sizes) - 1, int(p * len(sizes)))]  # noqa: E731
    figure('eda.months', len(by_month))
    figure('eda.topCountry', countries.index[0])
    figure('eda.basketSize.median', quantile(0.5))

with stage('rfm'):
    customers = clean.groupby('CustomerID').agg(first=('InvoiceDate', 'min'), last=('InvoiceDate', 'max'), frequency=('InvoiceNo', 'nunique'), monetary=('amount', 'sum'))
    snapshot = clean['InvoiceDate'].max().normalize() + pd.Timedelta(days=1)
    customers['recency'] = (snapshot - customers['last'].dt.normalize()).dt.days
    n = len(customers)

    def quintile(values, higher_is_better):
        q = np.minimum(5, np.floor(5 * (values.rank(method='average') - 1) / n) + 1).astype(int)
        return q if higher_is_better else 6 - q
    customers['r'] = quintile(customers['recency'], False)
    customers['f'] = quintile(customers['frequency'], True)
    customers['m'] = quintile(customers['monetary'], True)
    grid = np.array([
        ['lost', 'lost', 'atRisk', 'atRisk', 'cantLoseThem'],
        ['hibernating', 'hibernating', 'atRisk', 'atRisk', 'cantLoseThem'],
        ['hibernating', 'hibernating', 'potentialLoyalists', 'loyal', 'loyal'],
        ['new', 'potentialLoyalists', 'potentialLoyalists', 'champions', 'champions'],
        ['new', 'potentialLoyalists', 'potentialLoyalists', 'champions', 'champions'],
    ])
    customers['segment'] = grid[customers['r'] - 1, customers['f'] - 1]
    segments = customers.groupby('segment').agg(customers=('monetary', 'size'), revenue=('monetary', 'sum'))
    segments['revenueShare'] = segments['revenue'] / customers['monetary'].sum()
    for key, row in segments.iterrows():
        figure(f'segments.{key}.customers', int(row['customers']))
    figure('rfm.median.recency', customers['recency'].median())

with stage('kmeans'):
    raw = np.column_stack([np.log1p(customers['recency']), np.log1p(customers['frequency']), np.log1p(customers['monetary'].clip(lower=0))])
    x = StandardScaler().fit_transform(raw)
    fits = {}
    for k in range(2, 9):
        model = KMeans(n_clusters=k, init='k-means++', n_init=20, random_state=seed).fit(x)
        fits[k] = (model.inertia_, silhouette_score(x, model.labels_))
    chosen = max(fits, key=lambda k: fits[k][1])
    for k, (inertia, silhouette) in fits.items():
        figure(f'kmeans.k{k}.inertia', round(inertia, 3))
        figure(f'kmeans.k{k}.silhouette', round(silhouette, 4))
    figure('kmeans.chosenK', chosen)

with stage('concentration'):
    values = np.sort(customers['monetary'].clip(lower=0).to_numpy())
    total = values.sum()
    descending = values[::-1]
    for p, key in [(0.01, 'top1Share'), (0.1, 'top10Share'), (0.2, 'top20Share')]:
        figure(f'concentration.{key}', round(descending[:int(np.ceil(p * n))].sum() / total, 4))
    ranks = np.arange(1, n + 1)
    figure('concentration.gini', round(((2 * ranks - n - 1) * values).sum() / (n * total), 4))
    lorenz = np.cumsum(values) / total

with stage('cohorts'):
    active = clean[['CustomerID', 'month']].drop_duplicates()
    active['cohort'] = active.groupby('CustomerID')['month'].transform('min')
    active['offset'] = active['month'] - active['cohort']
    counts = active.groupby(['cohort', 'offset']).size().unstack(fill_value=0)
    retention = counts.div(counts[0], axis=0)
    figure('cohorts.cohorts', len(retention))

with stage('recommendations'):
    lines = clean[['InvoiceNo', 'StockCode']].drop_duplicates()
    baskets = lines['InvoiceNo'].nunique()
    item_counts = lines['StockCode'].value_counts()
    frequent = item_counts[item_counts >= 20].index
    lines = lines[lines['StockCode'].isin(frequent)]
    invoice_codes, invoice_index = np.unique(lines['InvoiceNo'].to_numpy(), return_inverse=True)
    item_codes, item_index = np.unique(lines['StockCode'].to_numpy(), return_inverse=True)
    incidence = sp.csr_matrix((np.ones(len(lines), dtype=np.int32), (invoice_index, item_index)), shape=(len(invoice_codes), len(item_codes)))
    co = sp.triu(incidence.T @ incidence, k=1).tocoo()
    keep_pairs = co.data >= 20
    a, b, count = co.row[keep_pairs], co.col[keep_pairs], co.data[keep_pairs]
    ca = item_counts[item_codes[a]].to_numpy()
    cb = item_counts[item_codes[b]].to_numpy()
    rules = pd.DataFrame({'a': item_codes[a], 'b': item_codes[b], 'count': count, 'support': count / baskets, 'confidenceAB': count / ca, 'confidenceBA': count / cb, 'lift': count * baskets / (ca * cb)})
    top = rules[rules['count'] >= max(20, np.ceil(0.01 * baskets))].sort_values(['lift', 'count'], ascending=[False, False]).head(10)
    figure('recommendations.baskets', baskets)
    figure('recommendations.pairs', len(rules))
    figure('recommendations.top', f"{top.iloc[0]['a']}+{top.iloc[0]['b']} lift {top.iloc[0]['lift']:.2f}" if len(top) else 'none')

with stage('clv'):
    # purchases for BG/NBD: like R1 but a zero price or amount still counts (the lab's purchaseLineCondition)
    purchase = ~no_customer & ~c_invoice & ~(df['Quantity'] <= 0) & ~(df['UnitPrice'] < 0) & (amount >= 0)
    days = pd.DataFrame({'customer': df['CustomerID'][purchase].astype(np.int64), 'day': df['InvoiceDate'][purchase].dt.normalize(), 'amount': amount[purchase]})
    days = days.groupby(['customer', 'day'], sort=True)['amount'].sum().reset_index()
    last_day = clean['InvoiceDate'].max().normalize()
    cal_end = last_day - pd.Timedelta(days=91)
    weeks = lambda d: d.dt.days.to_numpy() / 7  # noqa: E731
    g = days.groupby('customer')
    first = g['day'].transform('min')
    repeat = days['day'] > first
    in_cal = days['day'] <= cal_end
    paid = repeat & (days['amount'] > 0)
    per = pd.DataFrame({
        'first': g['day'].min(), 'last': g['day'].max(), 'n': g.size(),
        'n_cal': in_cal.groupby(days['customer']).sum(), 'last_cal': days['day'].where(in_cal).groupby(days['customer']).max(),
        'x_spend': (paid & in_cal).groupby(days['customer']).sum(), 'sum_spend': days['amount'].where(paid & in_cal, 0).groupby(days['customer']).sum(),
        'x_full': paid.groupby(days['customer']).sum(), 'sum_full': days['amount'].where(paid, 0).groupby(days['customer']).sum(),
    })
    cohort = per[per['first'] <= cal_end]
    x = cohort['n_cal'].to_numpy() - 1.0
    tx = weeks(cohort['last_cal'] - cohort['first'])
    T = weeks(cal_end - cohort['first'])
    m = np.where(cohort['x_spend'] > 0, cohort['sum_spend'] / cohort['x_spend'].clip(lower=1), 0)
    x_spend = cohort['x_spend'].to_numpy()

    x_values, x_index = np.unique(x, return_inverse=True)

    def bgnbd_ll(r, alpha, a, b, x, tx, T):
        # the gamma-function terms depend on x only: once per distinct x (a few hundred), as the lab does
        common = (gammaln(r + x_values) + gammaln(b + x_values) - gammaln(a + b + x_values))[x_index] - gammaln(r) + r * np.log(alpha) + gammaln(a + b) - gammaln(b)
        ln_a3 = -(r + x) * np.log(alpha + T)
        with np.errstate(divide='ignore', invalid='ignore'):
            ln_a4 = np.log(a) - np.log(b + x - 1) - (r + x) * np.log(alpha + tx)
        return common + np.where(x > 0, np.logaddexp(ln_a3, np.where(x > 0, ln_a4, -np.inf)), ln_a3)

    class Stalled(Exception):
        pass

    def nelder_mead(f, start, step, tol):
        """The lab's stopping rules: spread of the simplex's values <= tol * |best| (no x tolerance),
        at most 4000 iterations, and a stall stop when the best value improved by less than 1e-6
        over 200 iterations (on BG/NBD's ridge a -> 0, b -> inf the simplex otherwise creeps to the
        iteration cap). scipy 1.10 cannot stop from a callback, so the stall is raised through it."""
        seen = {}

        def value(u):
            seen[u.tobytes()] = f(u)
            return seen[u.tobytes()]
        state = {'iterations': 0, 'checkpoint': np.inf, 'best': (start, value(np.asarray(start, dtype=float)))}

        def callback(xk):
            state['iterations'] += 1
            state['best'] = (xk.copy(), seen.get(xk.tobytes(), f(xk)))
            if state['iterations'] % 200 == 0:
                if state['checkpoint'] - state['best'][1] < 1e-6:
                    raise Stalled()
                state['checkpoint'] = state['best'][1]
        simplex = np.vstack([start] + [start + step * np.eye(len(start))[i] for i in range(len(start))])
        try:
            result = minimize(value, start, method='Nelder-Mead', callback=callback, options={'initial_simplex': simplex, 'xatol': np.inf, 'fatol': tol * abs(state['best'][1]), 'maxiter': 4000, 'maxfev': 100000})
            return result.x, result.fun
        except Stalled:
            return state['best']

    def fit(negll, start):
        x, _ = nelder_mead(negll, np.log(start), 0.5, 1e-12)
        x, fun = nelder_mead(negll, x, 0.1, 1e-13)  # a restart from the optimum, as the lab does
        return np.exp(x), -fun

    def bg_neg(u):
        v = -bgnbd_ll(*np.exp(u), x, tx, T).sum()
        return v if np.isfinite(v) else np.inf
    (r, alpha, a, b), bg_ll = fit(bg_neg, [0.5, 5, 0.8, 2.5])
    bx, bm = x_spend[(x_spend > 0) & (m > 0)].astype(float), m[(x_spend > 0) & (m > 0)]

    def gg_neg(u):
        p, q, v = np.exp(u)
        ll = gammaln(p * bx + q) - gammaln(p * bx) - gammaln(q) + q * np.log(v) + (p * bx - 1) * np.log(bm) + p * bx * np.log(bx) - (p * bx + q) * np.log(v + bx * bm)
        s = -ll.sum()
        return s if np.isfinite(s) else np.inf
    (p, q, v), gg_ll = fit(gg_neg, [2, 3, 10])

    def expected_purchases(t, x, tx, T):
        ratio = (alpha + T) / (alpha + T + t)
        numerator = (a + b + x - 1) / (a - 1) * (1 - ratio ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)))
        return numerator / (1 + np.where(x > 0, a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x), 0))
    holdout_weeks = (last_day - cal_end).days / 7
    predicted = expected_purchases(holdout_weeks, x, tx, T)
    actual = (cohort['n'] - cohort['n_cal']).to_numpy()
    full_x = cohort['n'].to_numpy() - 1.0
    purchases12 = expected_purchases(52, full_x, weeks(cohort['last'] - cohort['first']), weeks(last_day - cohort['first']))
    fx, fs = cohort['x_full'].to_numpy(), cohort['sum_full'].to_numpy()
    fm = np.where(fx > 0, fs / np.maximum(fx, 1), 0)
    spend = np.where((fx > 0) & (fm > 0), p * (v + fx * fm) / (p * fx + q - 1), p * v / (q - 1))
    clv = purchases12 * spend
    figure('clv.customers', len(cohort))
    figure('clv.repeatBuyers', len(bx))
    for key, value in [('r', r), ('alpha', alpha), ('a', a), ('b', b)]:
        figure(f'clv.bgnbd.{key}', value)
    figure('clv.bgnbd.logLik', bg_ll)
    for key, value in [('p', p), ('q', q), ('v', v)]:
        figure(f'clv.gammaGamma.{key}', value)
    figure('clv.gammaGamma.logLik', gg_ll)
    figure('clv.holdoutPredicted', predicted.sum())
    figure('clv.holdoutActual', int(actual.sum()))
    figure('clv.mean12m', clv.mean())

with stage('cancellations'):
    c_lines = df[cancelled & df['StockCode'].notna() & (df['Quantity'] < 0)].sort_values(['InvoiceDate', 'InvoiceNo'], kind='stable')
    # (customer, item) as one int64 key: item codes from one factorisation of the whole column
    item_code, _ = pd.factorize(df['StockCode'])
    pair_key = df['CustomerID'].fillna(-1).astype(np.int64).to_numpy() * (item_code.max() + 2) + item_code
    cand_mask = keep.to_numpy() & df['StockCode'].notna().to_numpy() & np.isin(pair_key, np.unique(pair_key[cancelled.to_numpy()]))
    cand = clean.loc[cand_mask[keep.to_numpy()]].sort_values('InvoiceDate', kind='stable')
    by_key = {}
    for row in zip(cand['CustomerID'], cand['StockCode'], cand['Quantity'], cand['InvoiceDate'], cand['amount']):
        by_key.setdefault(row[:3], []).append(row)
    used = set()
    matched = []
    for cust, item, qty, date in zip(c_lines['CustomerID'].astype(np.int64), c_lines['StockCode'], -c_lines['Quantity'], c_lines['InvoiceDate']):
        for k in range(len(by_key.get((cust, item, qty), [])) - 1, -1, -1):
            purchase_row = by_key[(cust, item, qty)][k]
            if purchase_row[3] <= date and id(purchase_row) not in used:
                used.add(id(purchase_row))
                matched.append(purchase_row)
                break
    figure('cancellations.cancellationLines', len(c_lines))
    figure('cancellations.pairs', len(matched))
    figure('cancellations.revenue', round(sum(row[4] for row in matched), 2))
    figure('cancellations.customers', len({row[0] for row in matched}))

for name, ms in timings.items():
    print(f'STAGE {name} {ms:.0f}')
print(f'TOTAL {(time.perf_counter() - t_start) * 1000:.0f}')
