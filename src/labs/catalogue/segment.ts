/** The segmentation lab's figures (and the CLV lab's, which records under the same lab name) and the A/B lab's. */
import { dec, int, money, num, pct } from './format.js';
import { segmentTerms } from './terms.js';
import type { EntryContext, MetricEntry } from './types.js';

/** The currency a retail figure is in: recorded as the metric's unit ("gbp") or in its inputs. */
const currencySymbols: Record<string, string> = { gbp: '£', usd: '$', eur: '€' };
const currencyOf = (c: EntryContext) => currencySymbols[String(c.inputs.currency ?? '').toLowerCase()] ?? '£';

const numberWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** How people name the k a figure was measured at: "k = 3", "3 clusters", "three clusters", "at three". */
const kWords = (k: string) => [`k ${k}`, `k = ${k}`, `${k} clusters`, `k of ${k}`, ...(numberWords[Number(k)] ? [`${numberWords[Number(k)]} clusters`, `at ${numberWords[Number(k)]}`] : [])];
const customerWords = ['customers', 'customer', 'buyers', 'shoppers', 'clients', 'accounts'];

export const segmentEntries: MetricEntry[] = [
  {
    key: 'cleaning.{which:linesIn|linesOut|customers|invoices}', stage: 'clean', unit: 'count', kind: 'result',
    partWords: (_, v) => ({
      linesIn: ['raw lines', 'transaction lines', 'lines', 'rows', 'transactions', 'raw transactions', 'raw data'],
      linesOut: ['lines kept', 'clean lines', 'cleaned lines', 'lines', 'transactions', 'kept', 'after cleaning', 'left', 'remained', 'remaining'],
      customers: customerWords,
      invoices: ['invoices', 'orders', 'baskets', 'purchases'],
    })[v]!,
    vocabulary: [],
    context: ['retail', 'online retail', 'uci', 'cleaning', 'cleaned', 'cleaned data', 'transactions', 'after cleaning'],
    priority: 0.5,
    meaning: (c) => ({ linesIn: 'Transaction lines in the raw data, before any cleaning.', linesOut: 'Lines kept after protocol R1: a customer id, not a cancellation, positive quantity and price.', customers: 'Distinct customers among the kept lines.', invoices: 'Distinct invoices among the kept lines.' })[c.parts.which!]!,
    interview: (c) => {
      const w = c.parts.which!;
      if (w === 'linesIn') return `"The raw data had ${int(c.value)} transaction lines."`;
      if (w === 'linesOut') return `"After cleaning I kept ${int(c.value)} transaction lines${c.inputs['no customer id'] ? `; ${int(num(c.inputs['no customer id']))} lines had no customer id` : ''}."`;
      return `"After cleaning I worked with ${int(c.value)} ${w === 'customers' ? 'customers' : 'invoices'}."`;
    },
  },
  {
    key: 'cleaning.revenue', stage: 'clean', unit: 'money', kind: 'result',
    vocabulary: ['revenue', 'sales', 'turnover', 'spend', 'in revenue'],
    context: ['cleaned', 'kept lines', 'total'],
    meaning: () => 'Revenue (quantity × unit price) over the kept lines, in the data\'s currency.',
    interview: (c) => `"The cleaned data held ${money(c.value, currencyOf(c))} in revenue."`,
  },
  {
    key: 'cleaning.dropped.{reason:*}', stage: 'clean', unit: 'count', kind: 'result',
    partWords: (_, v) => ({ no: ['no customer id', 'without a customer id', 'missing customer id', 'anonymous', 'no customer'], cancellation: ['cancellation', 'cancellations', 'cancelled', 'credit notes'], quantity: ['negative quantity', 'quantity', 'returns'], unit: ['unit price', 'zero price', 'price of zero', 'free items', 'price'], amount: ['amount', 'zero amount'] })[v] ?? [v],
    vocabulary: ['dropped', 'removed', 'excluded', 'lines'],
    meaning: (c) => `Lines removed by cleaning rule "${c.parts.reason}" of protocol R1.`,
    interview: (c) => `"Cleaning dropped ${int(c.value)} lines ${({ no: 'with no customer id', cancellation: 'that were cancellations', quantity: 'with a quantity of zero or less', unit: 'with a unit price of zero or less', amount: 'with an amount of zero or less' } as Record<string, string>)[c.parts.reason!] ?? `by rule ${c.parts.reason}`}."`,
  },
  {
    key: 'segments.{segment}.customers', stage: 'rfm', unit: 'count', kind: 'result',
    unless: ['net of cancellations', 'netted', 'after netting'],
    requires: ['segment'],
    vocabulary: [],
    context: [...customerWords, 'segment', 'rfm'],
    meaning: (c) => `Customers in the RFM segment "${segmentTerms.values[c.parts.segment!]?.name}" (segments come from R and F quintile scores by a fixed grid).`,
    interview: (c) => `"${int(c.value)} customers fell in the ${segmentTerms.values[c.parts.segment!]?.name} segment."`,
  },
  {
    key: 'segments.{segment}.revenueShare', stage: 'rfm', unit: 'ratio', kind: 'result',
    requires: ['segment'],
    contextParts: ['segment'],
    vocabulary: ['revenue', 'of revenue', 'revenue share', 'share of revenue', 'of sales', 'of spend', 'spend'],
    context: ['segment', 'rfm', 'held', 'brought'],
    meaning: (c) => `The share of revenue from customers in the RFM segment "${segmentTerms.values[c.parts.segment!]?.name}".`,
    interview: (c) => `"The ${segmentTerms.values[c.parts.segment!]?.name} segment brought ${pct(c.value)} of revenue."`,
  },
  {
    key: 'rfm.median.recency', stage: 'rfm', unit: 'days', kind: 'result',
    vocabulary: ['recency', 'days since the last purchase', 'days since last purchase', 'since their last purchase', 'last purchase', 'last bought', 'days before', 'median'],
    context: ['median', 'typical customer', 'snapshot'],
    meaning: () => 'The median number of days between a customer\'s last purchase and the end of the data.',
    interview: (c) => `"The median customer had last bought ${int(c.value)} days before the end of the data (median recency)."`,
  },
  {
    key: 'rfm.median.frequency', stage: 'rfm', unit: 'count', kind: 'result',
    vocabulary: ['frequency', 'purchases', 'orders', 'invoices', 'median'],
    context: ['median', 'typical customer'],
    meaning: () => 'The median number of distinct invoices per customer.',
    interview: (c) => `"The median customer made ${int(c.value)} purchases (median frequency)."`,
  },
  {
    key: 'rfm.median.monetary', stage: 'rfm', unit: 'money', kind: 'result',
    vocabulary: ['monetary', 'monetary value', 'spend', 'spent', 'median spend', 'median'],
    context: ['median', 'typical customer', 'per customer'],
    meaning: () => 'The median revenue per customer, in the data\'s currency.',
    interview: (c) => `"The median customer spent ${money(c.value, currencyOf(c))} (median monetary value)."`,
  },
  {
    key: 'kmeans.k{k:#}.inertia', stage: 'kmeans', unit: 'number', kind: 'result',
    contextParts: ['k'],
    partWords: (_, v) => kWords(v),
    vocabulary: ['inertia', 'within cluster sum of squares', 'wcss', 'elbow'],
    context: ['k means', 'kmeans', 'clusters', 'clustering'],
    meaning: (c) => `Within-cluster sum of squared distances at k = ${c.parts.k}, on log1p-standardised R, F, M (the elbow chart's y).`,
    interview: (c) => `"At k = ${c.parts.k} the K-means inertia was ${int(c.value)}."`,
  },
  {
    key: 'kmeans.k{k:#}.silhouette', stage: 'kmeans', unit: 'score', kind: 'result',
    contextParts: ['k'],
    partWords: (_, v) => kWords(v),
    vocabulary: ['silhouette', 'silhouette score'],
    context: ['k means', 'kmeans', 'clusters', 'clustering'],
    meaning: (c) => `Mean silhouette at k = ${c.parts.k}: how much closer customers are to their own cluster than to the next one (−1 to 1).`,
    interview: (c) => `"At k = ${c.parts.k} the silhouette was ${dec(c.value)}."`,
  },
  {
    key: 'kmeans.chosenK', stage: 'kmeans', unit: 'count', kind: 'result',
    vocabulary: ['clusters', 'k', 'number of clusters', 'chose k', 'picked k', 'chosen k'],
    range: [1, 100],
    context: ['k means', 'kmeans', 'silhouette', 'chose'],
    meaning: () => 'The number of K-means clusters chosen on log1p-standardised R, F, M, by the highest silhouette over k = 2..8.',
    interview: (c) => `"I chose ${int(c.value)} clusters by silhouette and checked the inertia elbow rather than picking k by taste."`,
  },
  {
    key: 'kmeans.silhouette', stage: 'kmeans', unit: 'score', kind: 'result', priority: 1,
    vocabulary: ['silhouette', 'silhouette score'],
    context: ['k means', 'clusters', 'clustering', 'chosen'],
    meaning: () => 'Mean silhouette of the chosen clustering: how much closer customers are to their own cluster than to the next one (−1 to 1; above about 0.25 means some structure).',
    interview: (c) => `"The chosen clustering had a silhouette of ${dec(c.value)}."`,
  },
  {
    key: 'concentration.top{n:1|10|20}Share', stage: 'concentration', unit: 'ratio', kind: 'result',
    unless: ['net of cancellations', 'netted', 'after netting'],
    partWords: (_, v) => [`top ${v}%`, `top ${v} %`, `top ${v} percent`, `best ${v}%`, ...(({ 1: ['top percent', 'top one percent', 'one percent of customers', 'a hundredth of customers'], 10: ['top tenth', 'top decile', 'top ten percent', 'a tenth of customers', 'tenth of customers', 'one in ten customers'], 20: ['top fifth', 'top quintile', 'top twenty percent', 'a fifth of customers', 'fifth of customers', 'one in five customers'] }) as Record<string, string[]>)[v]!],
    vocabulary: ['revenue', 'of revenue', 'of sales', 'of spend', 'share of revenue'],
    meaning: (c) => `The share of all revenue that comes from the top ${c.parts.n}% of customers by revenue.`,
    interview: (c) => `"In my run the top ${c.parts.n}% of customers brought in ${pct(c.value)} of revenue."`,
  },
  {
    key: 'concentration.gini', stage: 'concentration', unit: 'score', kind: 'result',
    unless: ['net of cancellations', 'netted', 'after netting'],
    vocabulary: ['gini', 'gini coefficient'],
    meaning: () => 'The Gini coefficient of revenue across customers: 0 if everyone spends the same, near 1 if one customer holds everything.',
    interview: (c) => `"Revenue was highly concentrated: a Gini coefficient of ${dec(c.value)} across customers."`,
  },
  {
    key: 'cohorts.month1Retention', stage: 'cohorts', unit: 'ratio', kind: 'result',
    vocabulary: ['retention', 'retained', 'bought again', 'came back', 'returned', 'repeat', 'month 1 retention', 'month one retention'],
    context: ['cohort', 'cohorts', 'next month', 'new customers'],
    meaning: () => 'Averaged over monthly acquisition cohorts: the share of a cohort that bought again in the month after its first purchase.',
    interview: (c) => `"On average ${pct(c.value)} of a month's new customers bought again the next month (month-one retention)."`,
  },
  {
    key: 'clv.customers', stage: 'clv', unit: 'count', kind: 'result',
    vocabulary: customerWords,
    context: ['bg nbd', 'bg/nbd', 'clv', 'lifetime value', 'calibration', 'calibration period', 'gamma gamma', 'fitted', 'model'],
    meaning: () => 'Customers in the calibration period the BG/NBD and Gamma-Gamma models were fitted on.',
    interview: (c) => `"I fitted BG/NBD on the ${int(c.value)} customers of the calibration period."`,
  },
  {
    key: 'clv.bgnbd.{param:r|alpha|a|b|logLik}', stage: 'clv', unit: 'number', kind: 'result',
    partWords: (_, v) => (v === 'logLik' ? ['log likelihood', 'log lik'] : v === 'r' || v === 'alpha' ? [`${v} parameter`, `parameter ${v}`, 'purchase rate'] : ['dropout parameters', 'beta parameters', `bg nbd ${v}`]),
    vocabulary: ['bg nbd', 'bg/nbd', 'fitted'],
    meaning: (c) => (c.parts.param === 'logLik' ? 'The maximised log-likelihood of the BG/NBD fit.' : `The fitted BG/NBD parameter ${c.parts.param} (purchase rate Gamma(r, α); dropout Beta(a, b)).`),
    interview: (c) => (c.parts.param === 'logLik' ? `"The BG/NBD fit reached a log-likelihood of ${c.value.toFixed(1)}."` : `"The fitted BG/NBD parameter ${c.parts.param} was ${Number(c.value.toPrecision(4))}."`),
  },
  {
    key: 'clv.gammaGamma.{param:p|q|v}', stage: 'clv', unit: 'number', kind: 'result',
    partWords: (_, v) => [`${v} parameter`, `parameter ${v}`, `gamma gamma ${v}`],
    vocabulary: ['gamma gamma', 'fitted'],
    meaning: (c) => `The fitted Gamma-Gamma spend-model parameter ${c.parts.param}.`,
    interview: (c) => `"The fitted Gamma-Gamma parameter ${c.parts.param} was ${Number(c.value.toPrecision(4))}."`,
  },
  {
    key: 'clv.{which:holdoutPredicted|holdoutActual|preHoldoutActual}', stage: 'clv', unit: 'count', kind: 'result',
    partWords: (_, v) => ({ holdoutPredicted: ['predicted', 'expected', 'forecast', 'model predicted'], holdoutActual: ['actual', 'actually', 'really made', 'happened', 'made', 'they made'], preHoldoutActual: ['before the hold out', 'just before', 'weeks before', 'before'] })[v]!,
    vocabulary: ['purchase days', 'purchases', 'repeat purchase days'],
    context: ['hold out', 'holdout', 'hold out weeks', 'hold out period', 'bg nbd'],
    meaning: (c) => ({ holdoutPredicted: 'Purchase days the BG/NBD model fitted on the calibration period expects in the hold-out weeks, summed over customers.', holdoutActual: 'Purchase days that actually happened in the hold-out weeks, for the same customers.', preHoldoutActual: 'Repeat purchase days of the calibration customers in a window as long as the hold-out, just before the calibration end.' })[c.parts.which!]!,
    interview: (c) => ({
      holdoutPredicted: `"The model predicted ${int(c.value)} purchase days in the hold-out period."`,
      holdoutActual: `"Customers actually made ${int(c.value)} purchase days in the hold-out period."`,
      preHoldoutActual: `"The same customers made ${int(c.value)} repeat purchase days in the weeks just before the hold-out."`,
    })[c.parts.which!]!,
  },
  {
    key: 'clv.bgnbd.meanDropout', stage: 'clv', unit: 'ratio', kind: 'result',
    vocabulary: ['dropout', 'drop out', 'dropout probability', 'chance of dropping out', 'chance that a customer drops out'],
    meaning: () => 'The BG/NBD estimate of the mean chance that a customer stops buying after a purchase, a / (a + b). Near zero, the model treats customers as never leaving in this window.',
    interview: (c) =>
      c.value < 1e-3
        ? `"The fitted dropout probability was ${c.value.toExponential(1)}, essentially zero, at the edge of the parameter space, so over the calibration period the model behaved like a steady purchase-rate model; I would check it on a longer history."`
        : `"The model estimates a ${pct(c.value)} chance that a customer drops out after each purchase."`,
  },
  {
    key: 'clv.mean12m', stage: 'clv', unit: 'money', kind: 'result',
    unless: ['net of cancellations', 'netted', 'after netting'],
    vocabulary: ['clv', 'lifetime value', 'customer value', 'expected revenue per customer', 'revenue per customer', 'per customer'],
    context: ['12 month', '12 months', 'next year', '52 weeks', 'mean', 'average', 'averaged'],
    meaning: () => 'Mean expected revenue per customer over the next 52 weeks: BG/NBD purchases × Gamma-Gamma spend per purchase, undiscounted and before margin.',
    interview: (c) => `"Expected 12-month revenue per customer averaged ${money(c.value, currencyOf(c))}, before margin and discounting."`,
  },
];

const abtestMeaning: Record<string, string> = {
  aaFalsePositiveRate: 'In simulated A/A tests (both arms drawn from the same real baskets), the share flagged significant: it should sit near alpha.',
  peekingFalsePositiveRate: 'The same A/A simulations, stopping at the first significant interim look: how much peeking inflates false positives.',
  injectedLiftPower: 'The share of simulated tests with an injected lift that the test detected: the power for that lift and sample size.',
};
const abtestContext = ['simulation', 'simulated', 'simulations', 'a/b', 'significant', 'false positive rate', 'false positives'];

export const abtestEntries: MetricEntry[] = [
  {
    key: 'abtest.aaFalsePositiveRate', stage: 'simulate', unit: 'ratio', kind: 'result',
    vocabulary: ['a/a', 'a/a tests', 'aa tests', 'false positive rate', 'came out significant'],
    context: abtestContext,
    unless: ['peeking', 'peek', 'peeked', 'interim looks', 'interim look', 'stopping early', 'stopped early', 'first significant look', 'injected lift', 'real lift', 'power'],
    meaning: () => abtestMeaning.aaFalsePositiveRate!,
    interview: (c) => `"In my simulation ${pct(c.value)} of A/A tests came out significant, close to alpha as they should."`,
  },
  {
    key: 'abtest.{which:peekingFalsePositiveRate|injectedLiftPower}', stage: 'simulate', unit: 'ratio', kind: 'result',
    partWords: (_, v) => (v === 'peekingFalsePositiveRate' ? ['peeking', 'peek', 'peeked', 'interim looks', 'stopping early', 'stopped early', 'first significant look', 'false positive rate'] : ['detected', 'power', 'injected lift', 'real lift', 'simulated power', 'of the time']),
    vocabulary: [],
    context: abtestContext,
    meaning: (c) => abtestMeaning[c.parts.which!]!,
    interview: (c) =>
      c.parts.which === 'peekingFalsePositiveRate'
        ? `"With peeking at every interim look, ${pct(c.value)} of A/A tests came out significant: the false positive rate that peeking gives."`
        : `"The test detected a real injected lift in ${pct(c.value)} of simulated tests: that was the simulated power."`,
  },
];
