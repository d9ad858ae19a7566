#!/usr/bin/python3
"""The segmentation lab's protocol in pandas + scikit-learn (benchmark reference, not a test).

Stages as in `prep lab segment`: R1 cleaning (with the dropped-line reasons), EDA aggregates
(revenue by month, countries, top products, basket-size quantiles), RFM with average-rank
quintiles and the (R, F) segment grid, K-means on log1p + standardised RFM for k = 2..8 with
k-means++ and n_init = 20 (the lab's restarts) and the exact silhouette, revenue concentration
(top shares, Gini, Lorenz), monthly cohorts, and co-purchase pair counts (pairs in >= 20 baskets,
top 10 by lift at support >= 1%). Not included: the lab's CLV (BG/NBD + Gamma-Gamma has no Debian
package) and cancellation matching; bench/segment.js prints the ratio with and without them.

Usage: /usr/bin/python3 bench/segment_reference.py [online_retail.csv(.gz)] [--seed 42]
Prints one line per stage "STAGE name ms", key figures "FIGURE key value" and "TOTAL ms".
"""
import sys
import time

t_start = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy.sparse as sp  # noqa: E402
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
    cancelled = ~no_customer & df['InvoiceNo'].str.startswith('C')
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

for name, ms in timings.items():
    print(f'STAGE {name} {ms:.0f}')
print(f'TOTAL {(time.perf_counter() - t_start) * 1000:.0f}')
