/**
 * What each recorded metric means, in one plain sentence, and how a candidate could say it in an
 * interview. Keys are matched by pattern (cv.{model}.{metric}.{mean|std} is one entry), and the
 * sentences are filled from the run's own values and inputs, so nothing here is a made-up figure.
 */
export interface MetricContext {
  key: string;
  value: number;
  inputs: Record<string, unknown>;
  /** Other metrics of the same run, for sentences that need a second figure (e.g. the std). */
  others: Map<string, number>;
}

export interface MetricMeaning {
  meaning: string;
  interview: string;
}

interface Entry {
  pattern: RegExp;
  describe(m: RegExpExecArray, c: MetricContext): MetricMeaning;
}

const modelNames: Record<string, string> = {
  logistic_regression: 'logistic regression',
  random_forest: 'random forest',
  gradient_boosting: 'gradient-boosted trees',
};

const metricNames: Record<string, string> = {
  auc: 'ROC-AUC',
  prAuc: 'PR-AUC (average precision)',
  accuracy: 'accuracy',
  precision: 'precision',
  recall: 'recall',
  f1: 'F1',
};

const metricMeaning: Record<string, string> = {
  auc: 'the probability that the model scores a randomly chosen churner above a randomly chosen non-churner (0.5 is a coin flip, 1 is perfect ranking)',
  prAuc: 'the average precision over all recall levels: how clean the top of the ranking is, judged against the churn base rate rather than against 0.5',
  accuracy: 'the share of customers classified correctly at the threshold',
  precision: 'of the customers flagged as likely to churn, the share who really churned',
  recall: 'of the customers who really churned, the share the model flagged',
  f1: 'the harmonic mean of precision and recall at the threshold',
};

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const f3 = (v: number) => v.toFixed(3);
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));

const fmtMetric = (metric: string, v: number) => (metric === 'auc' || metric === 'prAuc' ? f3(v) : pct(v));

const entries: Entry[] = [
  {
    pattern: /^dataset\.rows$/,
    describe: (_, c) => ({ meaning: 'The number of customers (rows with a known outcome) the lab learned and tested on.', interview: `"The data had ${c.value.toLocaleString('en')} customers."` }),
  },
  {
    pattern: /^dataset\.positives$/,
    describe: (_, c) => ({ meaning: 'How many of those customers churned (the positive class).', interview: `"${c.value.toLocaleString('en')} of them churned."` }),
  },
  {
    pattern: /^dataset\.positiveRate$/,
    describe: (_, c) => ({
      meaning: 'The churn base rate: the share of customers in the positive class. Any precision or PR-AUC should be judged against it.',
      interview: `"About ${pct(c.value)} of customers churned, so the classes were imbalanced but not extremely so; always predicting 'stays' would already be ${pct(1 - c.value)} accurate, which is why I did not report accuracy alone."`,
    }),
  },
  {
    pattern: /^dataset\.majorityBaselineAccuracy$/,
    describe: (_, c) => ({ meaning: 'The accuracy of a model that always predicts the larger class: the floor any real model has to beat.', interview: `"A do-nothing model is already ${pct(c.value)} accurate, so I looked at AUC, recall and precision instead."` }),
  },
  {
    pattern: /^dataset\.features$/,
    describe: (_, c) => ({ meaning: 'The number of model inputs after one-hot encoding, Yes/No flags and engineered features.', interview: `"After encoding, the model saw ${c.value} features."` }),
  },
  {
    pattern: /^clean\.missingTotalCharges$/,
    describe: (_, c) => ({
      meaning: 'Rows whose TotalCharges was blank; in this data they are customers in their first month (tenure 0), so the blank means "nothing billed yet" and was set to 0.',
      interview: `"${c.value} customers had a blank total charge; all had tenure 0, so rather than impute a median I set them to 0, which is what the blank meant."`,
    }),
  },
  {
    pattern: /^clean\.columnsKept$/,
    describe: (_, c) => ({ meaning: 'Raw feature columns kept after dropping constant and identifier-like columns.', interview: `"I kept ${c.value} raw columns; identifiers and constants were dropped because they cannot generalise."` }),
  },
  {
    pattern: /^split\.(trainRows|testRows)$/,
    describe: (m, c) => ({
      meaning: m[1] === 'testRows' ? 'Customers held out as a stratified test set, touched only once at the end.' : 'Customers used for cross-validation, tuning and the final fit.',
      interview: m[1] === 'testRows' ? `"I held out ${c.value} customers, stratified by churn, and only looked at them once, at the end."` : `"${c.value} customers went into 5-fold stratified cross-validation and the final fit."`,
    }),
  },
  {
    pattern: /^cv\.(\w+)\.(auc|accuracy|precision|recall|f1)\.(mean|std)$/,
    describe: (m, c) => {
      const model = modelNames[m[1]!] ?? m[1]!;
      const metric = m[2]!;
      const folds = num(c.inputs.folds ?? (Array.isArray(c.inputs.perFold) ? (c.inputs.perFold as unknown[]).length : 5));
      const mean = m[3] === 'mean' ? c.value : c.others.get(`cv.${m[1]}.${metric}.mean`);
      const std = m[3] === 'std' ? c.value : c.others.get(`cv.${m[1]}.${metric}.std`);
      const spread = mean !== undefined && std !== undefined ? `${fmtMetric(metric, mean)} ± ${fmtMetric(metric, std)}` : fmtMetric(metric, c.value);
      return {
        meaning:
          m[3] === 'mean'
            ? `The ${model}'s ${metricNames[metric]} averaged over ${folds} cross-validation folds: ${metricMeaning[metric]}.`
            : `How much the ${model}'s ${metricNames[metric]} varied between the ${folds} folds (standard deviation): a rough error bar on the mean.`,
        interview: `"With ${folds}-fold stratified cross-validation, the ${model} reached a ${metricNames[metric]} of ${spread} (mean ± std over folds)."`,
      };
    },
  },
  {
    pattern: /^cv\.(\w+)\.tuned\.(\w+)$/,
    describe: (m, c) => ({ meaning: `The value of ${m[2]} chosen for the ${modelNames[m[1]!] ?? m[1]} by the best mean CV ROC-AUC over a small grid.`, interview: `"I tuned ${m[2]} by cross-validated AUC and kept ${c.value}."` }),
  },
  {
    pattern: /^imbalance\.(none|classWeights|smoteInFolds|smoteLeaky)\.(auc|recall)$/,
    describe: (m, c) => {
      const what: Record<string, string> = {
        none: 'with no treatment of the class imbalance',
        classWeights: 'with the positive class weighted up in the loss (inverse class frequency)',
        smoteInFolds: 'with SMOTE-NC oversampling (numeric features interpolated, categorical ones from the neighbours\' majority) applied inside each training fold only (the honest way)',
        smoteLeaky: 'with SMOTE applied to the whole data set BEFORE the cross-validation split: a mistake, because synthetic points built from test customers leak into training',
      };
      const honest = c.others.get(`imbalance.smoteInFolds.${m[2]}`);
      const leakyLine =
        m[1] === 'smoteLeaky' && honest !== undefined
          ? `"Oversampling before the split inflated ${metricNames[m[2]!]} to ${fmtMetric(m[2]!, c.value)} against ${fmtMetric(m[2]!, honest)} when done inside the folds; that gap is leakage, not skill, so I report the honest figure."`
          : `"${what[m[1]!]!.replace(/^with/, 'With')}, cross-validated ${metricNames[m[2]!]} was ${fmtMetric(m[2]!, c.value)}."`;
      return { meaning: `Cross-validated ${metricNames[m[2]!]} ${what[m[1]!]}: ${metricMeaning[m[2]!]}.`, interview: leakyLine };
    },
  },
  {
    pattern: /^test\.(auc|prAuc|accuracy|precision|recall|f1)$/,
    describe: (m, c) => ({
      meaning: `On the held-out test set, at the chosen threshold where it applies: ${metricMeaning[m[1]!]}.`,
      interview:
        m[1] === 'recall'
          ? `"On held-out customers the model caught ${pct(c.value)} of the churners (recall)${c.inputs.tp !== undefined ? `: ${c.inputs.tp} of ${num(c.inputs.tp) + num(c.inputs.fn)}` : ''}."`
          : m[1] === 'precision'
            ? `"Of the customers it flagged, ${pct(c.value)} really churned (precision)${c.inputs.tp !== undefined ? `: ${c.inputs.tp} of ${num(c.inputs.tp) + num(c.inputs.fp)}` : ''}."`
            : `"On the held-out test set the model's ${metricNames[m[1]!]} was ${fmtMetric(m[1]!, c.value)}."`,
    }),
  },
  {
    pattern: /^test\.(tp|fp|tn|fn)$/,
    describe: (m, c) => {
      const cell: Record<string, string> = {
        tp: 'churners the model flagged (true positives)',
        fp: 'customers flagged who stayed (false positives: offers spent on people who would not have left)',
        tn: 'customers correctly left alone (true negatives)',
        fn: 'churners the model missed (false negatives: customers lost without an offer)',
      };
      return { meaning: `A cell of the test-set confusion matrix at the chosen threshold: the number of ${cell[m[1]!]}.`, interview: `"At our threshold there were ${c.value} ${cell[m[1]!]}."` };
    },
  },
  {
    pattern: /^test\.threshold$/,
    describe: (_, c) => ({
      meaning: 'The probability cut-off above which a customer gets a retention offer, chosen on training data to maximise the expected net value under the cost model.',
      interview: `"I did not use 0.5: with the offer cost and saved-customer value we assumed, the value-maximising cut-off was ${c.value.toFixed(2)}."`,
    }),
  },
  {
    pattern: /^test\.default\.(accuracy|precision|recall|f1)$/,
    describe: (m, c) => ({ meaning: `The test ${metricNames[m[1]!]} at the default threshold 0.5, for comparison with the cost-based threshold: ${metricMeaning[m[1]!]}.`, interview: `"At the default 0.5 cut-off the ${metricNames[m[1]!]} would have been ${pct(c.value)}."` }),
  },
  {
    pattern: /^threshold\.(offerCost|savedValue|successRate)$/,
    describe: (m, c) => {
      const what: Record<string, string> = {
        offerCost: 'The assumed cost of one retention offer (an input to the cost model, set with --offer-cost).',
        savedValue: 'The assumed value of keeping a customer who would have churned (set with --saved-value).',
        successRate: 'The assumed share of targeted churners an offer actually keeps (set with --success-rate).',
      };
      return { meaning: what[m[1]!]!, interview: `"I made the business assumption explicit: ${m[1]} = ${c.value}; with other numbers the threshold moves, and I showed how."` };
    },
  },
  {
    pattern: /^threshold\.(netValue|netValueDefault)$/,
    describe: (m, c) => ({
      meaning: `Expected net value on the test set of sending offers to everyone above the ${m[1] === 'netValue' ? 'chosen' : 'default 0.5'} threshold: saved value × success rate × churners caught − offer cost × customers targeted.`,
      interview: `"Under those assumptions, targeting at the ${m[1] === 'netValue' ? 'chosen' : '0.5'} threshold was worth about ${c.value.toFixed(0)} on the held-out customers${m[1] === 'netValue' && c.others.has('threshold.netValueDefault') ? `, against ${c.others.get('threshold.netValueDefault')!.toFixed(0)} at 0.5` : ''}."`,
    }),
  },
  {
    pattern: /^explain\.additivityMaxError$/,
    describe: (_, c) => ({
      meaning: 'The largest gap, over the explained customers, between the model output and the expected value plus the sum of SHAP values; exact TreeSHAP should make it round-off small.',
      interview: `"I checked that the SHAP values add up: the worst gap was ${c.value.toExponential(1)}, so the explanations are exact for this model, not approximations."`,
    }),
  },
  {
    pattern: /^fairness\.(\w+)\.([^.]+)\.(recall|precision|positiveRate)$/,
    describe: (m, c) => ({
      meaning:
        m[3] === 'positiveRate'
          ? `The share of test customers with ${m[1]} = ${m[2]} whom the model flags for an offer.`
          : `The test ${m[3]} for customers with ${m[1]} = ${m[2]}: ${metricMeaning[m[3]!]}.`,
      interview: `"I compared error rates across groups: for ${m[1]} = ${m[2]} the ${m[3] === 'positiveRate' ? 'flag rate' : m[3]} was ${pct(c.value)}; a large gap between groups would need a look before deployment."`,
    }),
  },
  {
    pattern: /^serve\.(latencyP50Ms|latencyP95Ms|latencyP99Ms|requestsPerSecond)$/,
    describe: (m, c) => ({
      meaning: m[1] === 'requestsPerSecond' ? 'Sustained prediction requests per second in the load test.' : `The ${m[1]!.slice(8, 11)} latency of a prediction request in the load test, in milliseconds.`,
      interview: `"Under load, the API measured ${m[1]}=${c.value.toFixed(1)}."`,
    }),
  },
  {
    pattern: /^drift\.(driftedColumns|driftedShare)$/,
    describe: (m, c) => ({ meaning: m[1] === 'driftedColumns' ? 'How many input columns drifted between the training data and the current data.' : 'The share of input columns that drifted; at 0.5 or more the data set counts as drifted.', interview: `"The drift check flagged ${m[1] === 'driftedShare' ? pct(c.value) : c.value} of the columns."` }),
  },
  // segmentation lab
  {
    pattern: /^cleaning\.(linesIn|linesOut|customers|invoices)$/,
    describe: (m, c) => ({
      meaning: { linesIn: 'Transaction lines in the raw data, before any cleaning.', linesOut: 'Lines kept after protocol R1: a customer id, not a cancellation, positive quantity and price.', customers: 'Distinct customers among the kept lines.', invoices: 'Distinct invoices among the kept lines.' }[m[1]!]!,
      interview: `"After cleaning I worked with ${c.value.toLocaleString('en')} ${m[1] === 'customers' ? 'customers' : m[1] === 'invoices' ? 'invoices' : 'transaction lines'}${m[1] === 'linesOut' && c.inputs['no customer id'] ? `; ${num(c.inputs['no customer id']).toLocaleString('en')} lines had no customer id` : ''}."`,
    }),
  },
  {
    pattern: /^cleaning\.revenue$/,
    describe: (_, c) => ({ meaning: 'Revenue (quantity × unit price) over the kept lines, in the data\'s currency.', interview: `"The cleaned data held ${c.value.toLocaleString('en', { maximumFractionDigits: 0 })} in revenue."` }),
  },
  {
    pattern: /^concentration\.top(1|10|20)Share$/,
    describe: (m, c) => ({
      meaning: `The share of all revenue that comes from the top ${m[1]}% of customers by revenue.`,
      interview: `"In my run the top ${m[1]}% of customers${c.inputs.topCustomers ? `, ${num(c.inputs.topCustomers).toLocaleString('en')} of ${num(c.inputs.customers).toLocaleString('en')},` : ''} brought in ${pct(c.value)} of revenue."`,
    }),
  },
  {
    pattern: /^concentration\.gini$/,
    describe: (_, c) => ({ meaning: 'The Gini coefficient of revenue across customers: 0 if everyone spends the same, near 1 if one customer holds everything.', interview: `"Revenue was highly concentrated: a Gini coefficient of ${f3(c.value)} across customers."` }),
  },
  {
    pattern: /^kmeans\.chosenK$/,
    describe: (_, c) => ({ meaning: 'The number of K-means clusters chosen on log1p-standardised R, F, M, by the highest silhouette over k = 2..8.', interview: `"I chose k = ${c.value} by silhouette, and checked the inertia elbow rather than picking k by taste."` }),
  },
  {
    pattern: /^kmeans\.(silhouette|k\d+\.silhouette)$/,
    describe: (_, c) => ({ meaning: 'Mean silhouette: how much closer customers are to their own cluster than to the next one (−1 to 1; above about 0.25 means some structure).', interview: `"The clustering had a silhouette of ${f3(c.value)}."` }),
  },
  {
    pattern: /^segments\.(\w+)\.revenueShare$/,
    describe: (m, c) => ({ meaning: `The share of revenue from customers in the RFM segment "${m[1]}" (segments come from R and F quintile scores by a fixed grid).`, interview: `"The ${m[1]} segment brought ${pct(c.value)} of revenue."` }),
  },
  {
    pattern: /^cohorts\.month1Retention$/,
    describe: (_, c) => ({ meaning: 'Averaged over monthly acquisition cohorts: the share of a cohort that bought again in the month after its first purchase.', interview: `"On average ${pct(c.value)} of a month's new customers bought again the next month."` }),
  },
  {
    pattern: /^clv\.holdout(Predicted|Actual)$/,
    describe: (m, c) => ({
      meaning: m[1] === 'Predicted' ? 'Purchase days the BG/NBD model fitted on the calibration period expects in the hold-out weeks, summed over customers.' : 'Purchase days that actually happened in the hold-out weeks, for the same customers.',
      interview: `"${m[1] === 'Predicted' ? 'The model predicted' : 'Customers actually made'} ${Math.round(c.value).toLocaleString('en')} purchase days in the hold-out period${c.others.has(m[1] === 'Predicted' ? 'clv.holdoutActual' : 'clv.holdoutPredicted') ? ` against ${Math.round(c.others.get(m[1] === 'Predicted' ? 'clv.holdoutActual' : 'clv.holdoutPredicted')!).toLocaleString('en')} ${m[1] === 'Predicted' ? 'actual' : 'predicted'}` : ''}."`,
    }),
  },
  {
    pattern: /^clv\.preHoldoutActual$/,
    describe: (_, c) => ({
      meaning: 'Repeat purchase days of the calibration customers in a window as long as the hold-out, just before the calibration end: compare it with the hold-out to see whether the hold-out period was busier or quieter.',
      interview: (() => {
        const during = c.others.get('clv.holdoutActual');
        const lead = `"The same customers made ${Math.round(c.value).toLocaleString('en')} repeat purchase days in the weeks just before the hold-out`;
        if (during === undefined || during === c.value) return `${lead}."`;
        return `${lead} and ${Math.round(during).toLocaleString('en')} during it: the hold-out weeks were ${during > c.value ? 'busier' : 'quieter'} than the ones just before."`;
      })(),
    }),
  },
  {
    pattern: /^clv\.bgnbd\.meanDropout$/,
    describe: (_, c) => ({
      meaning: 'The BG/NBD estimate of the mean chance that a customer stops buying after a purchase, a / (a + b). Near zero, the model treats customers as never leaving in this window.',
      interview: c.value < 1e-3 ? '"The fitted dropout probability was essentially zero, at the edge of the parameter space, so over the calibration period the model behaved like a steady purchase-rate model; I would check it on a longer history."' : `"The model estimates a ${pct(c.value)} chance that a customer drops out after each purchase."`,
    }),
  },
  {
    pattern: /^clv\.mean12m$/,
    describe: (_, c) => ({ meaning: 'Mean expected revenue per customer over the next 52 weeks: BG/NBD purchases × Gamma-Gamma spend per purchase, undiscounted and before margin.', interview: `"Expected 12-month revenue per customer averaged ${c.value.toLocaleString('en', { maximumFractionDigits: 0 })}, before margin and discounting."` }),
  },
  // serving and monitoring
  {
    pattern: /^serve\.latencyP(50|95|99)Ms$/,
    describe: (m, c) => ({ meaning: `The ${m[1]}th percentile of /predict latency in my load test on loopback (autocannon, ${c.inputs.connections ?? '?'} connections, ${c.inputs.cpus ?? '?'} CPUs shared with the load generator).`, interview: `"On my machine the API answered ${m[1] === '50' ? 'half of the requests' : `${m[1]}% of requests`} within ${c.value.toFixed(2)} ms, measured with autocannon."` }),
  },
  {
    pattern: /^serve\.requestsPerSecond$/,
    describe: (_, c) => ({ meaning: 'Completed /predict requests per second in my load test (one server process, loopback).', interview: `"It sustained about ${Math.round(c.value).toLocaleString('en')} requests per second on my machine."` }),
  },
  {
    pattern: /^drift\.(driftedColumns|driftedShare)$/,
    describe: (m, c) => ({ meaning: 'Columns whose distribution moved past the Evidently default thresholds in my last drift check (source in the inputs: a labelled simulation or a real batch).', interview: `"In the drift check on ${String(c.inputs.source ?? 'a batch')}, ${m[1] === 'driftedShare' ? pct(c.value) + ' of' : c.value} columns drifted."` }),
  },
  {
    pattern: /^abtest\.(aaFalsePositiveRate|peekingFalsePositiveRate|injectedLiftPower)$/,
    describe: (m, c) => ({
      meaning: { aaFalsePositiveRate: 'In simulated A/A tests (both arms drawn from the same real baskets), the share flagged significant: it should sit near alpha.', peekingFalsePositiveRate: 'The same A/A simulations, stopping at the first significant interim look: how much peeking inflates false positives.', injectedLiftPower: 'The share of simulated tests with an injected lift that the test detected: the power for that lift and sample size.' }[m[1]!]!,
      interview: `"In my simulation ${pct(c.value)} of ${m[1] === 'injectedLiftPower' ? 'tests with a real lift came out significant' : 'A/A tests came out significant'}."`,
    }),
  },
];

/** A meaning for the key, or undefined when the catalog does not know it. */
export function describeMetric(c: MetricContext): MetricMeaning | undefined {
  for (const entry of entries) {
    const m = entry.pattern.exec(c.key);
    if (m) return entry.describe(m, c);
  }
  return undefined;
}
