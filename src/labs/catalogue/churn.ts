/** The churn lab's figures: profile, cleaning, split, CV, imbalance, threshold, test, SHAP, fairness, serving, drift, retraining. */
import { article, dec, int, money, num, pct } from './format.js';
import { classifierMetricTerms, fairnessGroupName, fairnessGroupTerms, modelDisplayName } from './terms.js';
import type { EntryContext, MetricEntry } from './types.js';

const metricName = (m: string) => classifierMetricTerms.values[m]?.name ?? m;
const metricMeaning: Record<string, string> = {
  auc: 'the probability that the model scores a randomly chosen churner above a randomly chosen non-churner (0.5 is a coin flip, 1 is perfect ranking)',
  prAuc: 'the average precision over all recall levels: how clean the top of the ranking is, judged against the churn base rate rather than against 0.5',
  accuracy: 'the share of customers classified correctly at the threshold',
  precision: 'of the customers flagged as likely to churn, the share who really churned',
  recall: 'of the customers who really churned, the share the model flagged',
  f1: 'the harmonic mean of precision and recall at the threshold',
};
/** AUC-like figures read as decimals; shares at a threshold read as percentages. */
const fmtMetric = (metric: string, v: number) => (metric === 'auc' || metric === 'prAuc' ? dec(v) : pct(v));
const variantMeaning: Record<string, string> = {
  none: 'with no treatment of the class imbalance',
  classWeights: 'with the positive class weighted up in the loss (inverse class frequency)',
  smoteInFolds: "with SMOTE-NC oversampling applied inside each training fold only (the honest way)",
  smoteLeaky: 'with SMOTE applied to the whole data set BEFORE the cross-validation split: a mistake, because synthetic points built from validation customers leak into training',
};
const paramName = (p: string) => ({ C: 'regularisation strength C', trees: 'number of trees', minLeaf: 'minimum leaf size', maxFeaturesRatio: 'share of features per split', depth: 'tree depth', learningRate: 'learning rate' })[p] ?? p;
const folds = (c: EntryContext) => num(c.inputs.folds ?? (Array.isArray(c.inputs.perFold) ? (c.inputs.perFold as unknown[]).length : 5));
const testWords = ['test', 'test set', 'held out', 'hold out', 'holdout', 'unseen', 'final model', 'deployed model', 'held out customers', 'on the test'];
const cvWords = ['cross validated', 'cross validation', 'cv', 'fold', 'folds', 'k fold', 'averaged over folds', 'mean over folds'];
const defaultThresholdWords = ['0.5', 'default threshold', 'default cut off', 'default cutoff', 'at 0.5', 'default'];

export const churnEntries: MetricEntry[] = [
  {
    key: 'dataset.rows', stage: 'profile', unit: 'count', kind: 'result', priority: 0.5,
    vocabulary: ['customers', 'rows', 'records', 'subscribers', 'accounts'],
    context: ['dataset', 'data', 'telco', 'sample'],
    meaning: () => 'The number of customers (rows with a known outcome) the lab learned and tested on.',
    interview: (c) => `"The data had ${int(c.value)} customers."`,
  },
  {
    key: 'dataset.positives', stage: 'profile', unit: 'count', kind: 'result',
    vocabulary: ['churners', 'churned', 'customers churned', 'customers left', 'left'],
    meaning: () => 'How many of those customers churned (the positive class).',
    interview: (c) => `"${int(c.value)} of the customers churned."`,
  },
  {
    key: 'dataset.positiveRate', stage: 'profile', unit: 'ratio', kind: 'result',
    vocabulary: ['churn rate', 'base rate', 'churned', 'positive class', 'attrition rate', 'churners', 'left'],
    context: ['imbalanced', 'imbalance', 'of customers'],
    meaning: () => 'The churn base rate: the share of customers in the positive class. Any precision or PR-AUC should be judged against it.',
    interview: (c) => `"About ${pct(c.value)} of customers churned, so the classes were imbalanced but not extremely so; always predicting 'stays' would already be ${pct(1 - c.value)} accurate, which is why I did not report accuracy alone."`,
  },
  {
    key: 'dataset.majorityBaselineAccuracy', stage: 'profile', unit: 'ratio', kind: 'result',
    vocabulary: ['always predicting', 'always predicts', 'majority class', 'do nothing model', 'baseline accuracy', 'naive baseline', 'predicting stays', 'accurate', 'accuracy'],
    context: ['baseline', 'already', 'always', 'stay', 'stays', 'majority', 'classifier that', 'trivial'],
    meaning: () => 'The accuracy of a model that always predicts the larger class: the floor any real model has to beat.',
    interview: (c) => `"A do-nothing model that always predicts 'stays' is already ${pct(c.value)} accurate, so I looked at AUC, recall and precision instead."`,
  },
  {
    key: 'dataset.features', stage: 'cv', unit: 'count', kind: 'result',
    vocabulary: ['features', 'model inputs', 'inputs', 'columns after encoding', 'encoded columns'],
    meaning: () => 'The number of model inputs after one-hot encoding, Yes/No flags and engineered features.',
    interview: (c) => `"After encoding, the model saw ${int(c.value)} features."`,
  },
  {
    key: 'clean.missingTotalCharges', stage: 'clean', unit: 'count', kind: 'result',
    vocabulary: ['blank', 'blanks', 'missing', 'empty', 'blank total charge', 'missing totalcharges', 'null', 'customers', 'rows'],
    context: ['total charge', 'totalcharges', 'tenure 0', 'first month'],
    meaning: () => 'Rows whose TotalCharges was blank; in this data they are customers in their first month (tenure 0), so the blank means "nothing billed yet" and was set to 0.',
    interview: (c) => `"${int(c.value)} customers had a blank total charge; all had tenure 0, so rather than impute a median I set them to 0, which is what the blank meant."`,
  },
  {
    key: 'clean.columnsKept', stage: 'clean', unit: 'count', kind: 'result',
    vocabulary: ['raw columns', 'columns kept', 'kept columns', 'columns'],
    meaning: () => 'Raw feature columns kept after dropping constant and identifier-like columns.',
    interview: (c) => `"I kept ${int(c.value)} raw columns; identifiers and constants were dropped because they cannot generalise."`,
  },
  {
    key: 'split.{part:trainRows|testRows}', stage: 'split', unit: 'count', kind: 'result',
    partWords: (_, v) => (v === 'testRows' ? ['held out', 'hold out', 'test set', 'test split', 'test rows', 'test customers', 'holdout', 'in the test', 'to test', 'for testing', 'test'] : ['training', 'train set', 'training set', 'training rows', 'into cross validation', 'went into', 'to train on', 'train on', 'for training', 'train']),
    vocabulary: ['customers', 'rows'],
    meaning: (c) => (c.parts.part === 'testRows' ? 'Customers held out as a stratified test set, touched only once at the end.' : 'Customers used for cross-validation, tuning and the final fit.'),
    interview: (c) => (c.parts.part === 'testRows' ? `"I held out ${int(c.value)} customers, stratified by churn, and only looked at them once, at the end."` : `"${int(c.value)} customers went into stratified cross-validation and the final fit."`),
  },
  {
    key: 'split.leakageAuc.{column:*}', stage: 'split', unit: 'ratio', kind: 'result',
    requires: ['column'],
    partWords: (_, v) => [v.toLowerCase(), v.replace(/[_-]/g, ' ').toLowerCase()],
    vocabulary: ['leakage', 'target leakage', 'leak', 'leaky', 'on its own', 'alone', 'single feature auc', 'single column auc'],
    context: ['dropped', 'flagged', 'training rows'],
    meaning: (c) => `How well ${c.parts.column} alone ranks churners above stayers on the training rows (ROC-AUC, either direction): ${c.value >= 0.99 ? 'almost perfectly, so the lab dropped it before modelling as target leakage (written after the outcome)' : 'suspiciously well, so it is kept but flagged: check that it is known before a customer churns'}.`,
    interview: (c) => `"Before modelling I scored every column on its own: ${c.parts.column} alone reached an AUC of ${c.value.toFixed(3)} on the training rows, ${c.value >= 0.99 ? 'which only a column written after the outcome can do, so I dropped it as leakage' : 'suspiciously strong, so I checked when it is filled in before trusting it'}."`,
  },
  {
    key: 'cv.{model}.{metric}.{stat:mean|std}', stage: 'cv', unit: 'ratio', kind: 'result',
    partWords: (_, v) => (v === 'std' ? ['std', 'standard deviation', 'spread', 'varied', 'fold to fold', 'variation between folds'] : []),
    vocabulary: [],
    context: cvWords,
    priority: 0.3,
    meaning: (c) =>
      c.parts.stat === 'mean'
        ? `The ${modelDisplayName(c.parts.model!)}'s ${metricName(c.parts.metric!)} averaged over ${folds(c)} cross-validation folds: ${metricMeaning[c.parts.metric!]}.`
        : `How much the ${modelDisplayName(c.parts.model!)}'s ${metricName(c.parts.metric!)} varied between the ${folds(c)} folds (standard deviation): a rough error bar on the mean.`,
    interview: (c) => {
      const { model, metric } = c.parts as { model: string; metric: string };
      const mean = c.parts.stat === 'mean' ? c.value : c.others.get(`cv.${model}.${metric}.mean`);
      const std = c.parts.stat === 'std' ? c.value : c.others.get(`cv.${model}.${metric}.std`);
      const spread = mean !== undefined && std !== undefined ? `${fmtMetric(metric, mean)} ± ${fmtMetric(metric, std)}` : fmtMetric(metric, c.value);
      return `"With ${folds(c)}-fold stratified cross-validation, the ${modelDisplayName(model)} reached ${article(metricName(metric))} ${metricName(metric)} of ${spread} (mean ± standard deviation over folds)."`;
    },
  },
  {
    key: 'cv.{model}.tuned.{param:*}', stage: 'cv', unit: 'number', kind: 'setting',
    partWords: (_, v) => ({ C: ['c', 'c =', 'regularisation', 'regularization', 'regularisation strength', 'inverse regularisation'], trees: ['trees', 'number of trees', 'estimators', 'n estimators', 'rounds', 'boosting rounds'], minLeaf: ['min leaf', 'minimum leaf size', 'leaf size', 'min samples leaf', 'per leaf', 'samples per leaf', 'leaf'], maxFeaturesRatio: ['max features', 'features per split', 'feature fraction', 'of the features', 'features at each split', 'each split'], depth: ['depth', 'tree depth', 'max depth', 'deep'], learningRate: ['learning rate', 'shrinkage', 'eta'] })[v] ?? [v.toLowerCase()],
    vocabulary: ['tuned', 'tuning', 'grid'],
    meaning: (c) => `The value of ${c.parts.param} chosen for the ${modelDisplayName(c.parts.model!)} by the best mean CV ROC-AUC over a small grid.`,
    interview: (c) => `"For the ${modelDisplayName(c.parts.model!)} I kept ${c.parts.param === 'C' ? `C = ${c.value}` : c.parts.param === 'maxFeaturesRatio' ? `${pct(c.value)} of the features per split` : `a ${paramName(c.parts.param!)} of ${c.value}`}, tuned by cross-validated AUC."`,
  },
  {
    key: 'imbalance.{variant}.{which:auc|recall}', stage: 'imbalance', unit: 'ratio', kind: 'result',
    partWords: (_, v) => classifierMetricTerms.values[v]!.words,
    vocabulary: [],
    context: cvWords,
    priority: 0.2,
    meaning: (c) => `Cross-validated ${metricName(c.parts.which!)} ${variantMeaning[c.parts.variant!]}: ${metricMeaning[c.parts.which!]}.`,
    interview: (c) => {
      const { variant, which } = c.parts as { variant: string; which: string };
      const honest = c.others.get(`imbalance.smoteInFolds.${which}`);
      if (variant === 'smoteLeaky' && honest !== undefined) return `"Oversampling before the split inflated the cross-validated ${metricName(which)} to ${fmtMetric(which, c.value)}, a leaky figure, against ${fmtMetric(which, honest)} with SMOTE inside the folds; that gap is leakage, not skill, so I report the honest figure."`;
      const how = { none: 'With no treatment of the imbalance', classWeights: 'With class weights', smoteInFolds: 'With SMOTE inside the training folds', smoteLeaky: 'With SMOTE before the split (leaky)' }[variant];
      return `"${how}, cross-validated ${metricName(which)} was ${fmtMetric(which, c.value)}."`;
    },
  },
  {
    key: 'test.{metric}', stage: 'test', unit: 'ratio', kind: 'result',
    vocabulary: [],
    // "at the chosen threshold" against "at 0.5": which of the two test figures is meant
    context: [...testWords, 'chosen threshold', 'tuned threshold', 'our threshold', 'cost based threshold', 'value maximising threshold'],
    priority: 1,
    meaning: (c) => `On the held-out test set, at the chosen threshold where it applies: ${metricMeaning[c.parts.metric!]}.`,
    interview: (c) => {
      const m = c.parts.metric!;
      if (m === 'recall') return `"On held-out test customers the model caught ${pct(c.value)} of the churners (recall)${c.inputs.tp !== undefined ? `: it caught ${int(num(c.inputs.tp))} of the ${int(num(c.inputs.tp) + num(c.inputs.fn))} churners in the test set` : ''}."`;
      if (m === 'precision') return `"Of the test customers it flagged, ${pct(c.value)} really churned (precision)${c.inputs.tp !== undefined ? `: ${int(num(c.inputs.tp))} true positives among the ${int(num(c.inputs.tp) + num(c.inputs.fp))} customers flagged` : ''}."`;
      return `"On the held-out test set the model's ${metricName(m)} was ${fmtMetric(m, c.value)}."`;
    },
  },
  {
    key: 'test.{cell:tp|fp|tn|fn}', stage: 'test', unit: 'count', kind: 'result',
    partWords: (_, v) => ({
      tp: ['true positives', 'caught', 'correctly flagged', 'flagged correctly', 'churners flagged', 'churners caught', 'correctly identified', 'identified correctly'],
      fp: ['false positives', 'false alarms', 'false alarm', 'flagged but stayed', 'who stayed', 'wasted offers', 'would not have left'],
      tn: ['true negatives', 'correctly left alone', 'left alone', 'correctly cleared', 'cleared', 'correctly ignored'],
      fn: ['false negatives', 'missed', 'churners missed', 'lost without an offer'],
    })[v]!,
    vocabulary: [],
    context: [...testWords, 'threshold', 'confusion matrix'],
    meaning: (c) => `A cell of the test-set confusion matrix at the chosen threshold: ${{ tp: 'churners the model flagged (true positives)', fp: 'customers flagged who stayed (false positives)', tn: 'customers correctly left alone (true negatives)', fn: 'churners the model missed (false negatives)' }[c.parts.cell!]}.`,
    interview: (c) => `"At our threshold there were ${int(c.value)} ${{ tp: 'churners the model caught (true positives)', fp: 'false alarms: customers flagged who stayed (false positives)', tn: 'customers correctly left alone (true negatives)', fn: 'churners the model missed (false negatives)' }[c.parts.cell!]} on the test set."`,
  },
  {
    key: 'test.threshold', stage: 'test', unit: 'ratio', kind: 'result',
    vocabulary: ['threshold', 'cut off', 'cutoff', 'decision threshold', 'operating point'],
    context: ['cost model', 'value maximising', 'net value', 'chose', 'chosen'],
    meaning: () => 'The probability cut-off above which a customer gets a retention offer, chosen on training data to maximise the expected net value under the cost model.',
    interview: (c) => `"I did not use the default cut-off: with the offer cost and saved-customer value we assumed, the value-maximising threshold was ${c.value.toFixed(2)}."`,
  },
  {
    key: 'test.default.{which:accuracy|precision|recall|f1}', stage: 'test', unit: 'ratio', kind: 'result',
    partWords: (_, v) => classifierMetricTerms.values[v]!.words,
    vocabulary: [],
    context: [...defaultThresholdWords, ...testWords],
    meaning: (c) => `The test ${metricName(c.parts.which!)} at the default threshold 0.5, for comparison with the cost-based threshold: ${metricMeaning[c.parts.which!]}.`,
    interview: (c) => `"At the default 0.5 threshold the test ${metricName(c.parts.which!)} would have been ${pct(c.value)}."`,
  },
  {
    key: 'threshold.{assumption:offerCost|savedValue}', stage: 'threshold', unit: 'money', kind: 'setting',
    partWords: (_, v) => (v === 'offerCost' ? ['offer cost', 'offer costs', 'cost of an offer', 'cost per offer', 'discount costs', 'each offer cost', 'an offer costs', 'offers cost', 'offers costing', 'offer would cost'] : ['saved customer', 'saved churner', 'retained churner', 'saved value', 'customer kept', 'customer kept is worth', 'kept customer is worth', 'value of a saved customer', 'customer is worth', 'churner is worth', 'churner was valued', 'customer was valued', 'retained customer is worth']),
    vocabulary: ['assume', 'assumed', 'assumption'],
    context: ['cost model', 'business number', 'made up'],
    meaning: (c) => (c.parts.assumption === 'offerCost' ? 'The assumed cost of one retention offer (an input to the cost model, set with --offer-cost).' : 'The assumed value of keeping a customer who would have churned (set with --saved-value).'),
    interview: (c) => `"I made the business assumption explicit: ${c.parts.assumption === 'offerCost' ? `an offer costs ${c.value}` : `a saved customer is worth ${c.value}`}; with other numbers the threshold moves, and I showed how."`,
  },
  {
    key: 'threshold.successRate', stage: 'threshold', unit: 'ratio', kind: 'setting',
    vocabulary: ['success rate', 'offers work', 'offer works', 'offer keeps', 'offers keep', 'accept the offer', 'accepts the offer', 'offer succeeds', 'offers succeed', 'assume', 'assumed'],
    context: ['cost model', 'offer', 'offers'],
    meaning: () => 'The assumed share of targeted churners an offer actually keeps (set with --success-rate).',
    interview: (c) => `"I made the business assumption explicit: offers work ${pct(c.value)} of the time; with other numbers the threshold moves, and I showed how."`,
  },
  {
    key: 'threshold.{which:netValue|netValueDefault}', stage: 'test', unit: 'money', kind: 'result',
    contextParts: ['which'],
    partWords: (_, v) => (v === 'netValueDefault' ? defaultThresholdWords : ['chosen threshold', 'our threshold', 'my threshold', 'tuned threshold', 'tuned cut off', 'chosen']),
    vocabulary: ['net value', 'worth', 'value', 'net benefit', 'expected value', 'estimated value', 'net', 'would net'],
    context: ['cost model', 'assumption', 'targeting', 'offers'],
    meaning: (c) => `Expected net value on the test set of sending offers to everyone above the ${c.parts.which === 'netValue' ? 'chosen' : 'default 0.5'} threshold: saved value × success rate × churners caught − offer cost × customers targeted.`,
    interview: (c) =>
      c.parts.which === 'netValue'
        ? `"Under those assumptions, targeting at the chosen threshold had a net value of ${money(c.value)} on the held-out customers."`
        : `"At the default 0.5 threshold the net value would have been ${money(c.value)} on the held-out customers."`,
  },
  {
    key: 'explain.additivityMaxError', stage: 'explain', unit: 'number', kind: 'result',
    vocabulary: ['add up', 'additivity', 'worst gap', 'largest gap', 'max error', 'additivity error'],
    context: ['shap'],
    meaning: () => 'The largest gap, over the explained customers, between the model output and the expected value plus the sum of SHAP values; exact TreeSHAP should make it round-off small.',
    interview: (c) => `"I checked that the SHAP values add up: the worst gap was ${c.value.toExponential(1)}, so the explanations are exact for this model, not approximations."`,
  },
  {
    key: 'explain.global.{feature:*}', stage: 'explain', unit: 'number', kind: 'result',
    requires: ['feature'],
    partWords: (_, v) => featureWords(v),
    vocabulary: ['mean shap', 'mean absolute shap', 'mean |shap|', 'shap importance', 'importance', 'shap', 'driver', 'top driver'],
    meaning: (c) => `The mean absolute SHAP value of ${c.parts.feature} over the explained test customers, in log-odds: how much this input moves a prediction on average (rank ${c.inputs.rank ?? '?'}).`,
    interview: (c) => `"${c.parts.feature!.replace('=', ' = ')} had a mean absolute SHAP value of ${c.value.toFixed(2)} in log-odds: that is how much it moves a customer's churn prediction on average."`,
  },
  {
    key: 'fairness.{group}.{which:recall|precision|positiveRate}', stage: 'fairness', unit: 'ratio', kind: 'result',
    requires: ['group'],
    partWords: (_, v) => (v === 'positiveRate' ? ['flag rate', 'flagged', 'positive rate', 'selection rate', 'targeted'] : classifierMetricTerms.values[v]!.words),
    vocabulary: [],
    context: ['group', 'groups', 'fairness', 'gap'],
    meaning: (c) => {
      const g = fairnessGroupName(c.parts.group!);
      return c.parts.which === 'positiveRate' ? `The share of test customers among ${g} whom the model flags for an offer.` : `The test ${c.parts.which} for ${g}: ${metricMeaning[c.parts.which!]}.`;
    },
    interview: (c) => `"I compared error rates across groups: for ${fairnessGroupName(c.parts.group!)} the ${c.parts.which === 'positiveRate' ? 'flag rate' : c.parts.which} was ${pct(c.value)}; a large gap between groups would need a look before deployment."`,
  },
  {
    key: 'serve.latency{p:P50|P95|P99}Ms', stage: 'serve', unit: 'ms', kind: 'result',
    // plain "latency" is every percentile's name; the median is what it means when no percentile is said
    partWords: (_, v) => ({ P50: ['p50', 'median', 'median latency', '50th percentile', 'half of the requests', 'half of requests', 'typical'], P95: ['p95', '95th percentile', '95% of requests', '95 percent of requests'], P99: ['p99', '99th percentile', 'tail latency', '99% of requests', '99 percent of requests', 'tail'] })[v]!,
    vocabulary: ['latency', 'response time', 'latencies', 'answered within', 'responded within'],
    context: ['api', 'load test', 'requests', 'autocannon', 'on my machine'],
    meaning: (c) => `The ${c.parts.p!.slice(1)}th percentile of /predict latency in my load test on loopback (autocannon, ${c.inputs.connections ?? '?'} connections, ${c.inputs.cpus ?? '?'} CPUs shared with the load generator).`,
    interview: (c) => `"On my machine the p${c.parts.p!.slice(1)} latency of the API was ${c.value.toFixed(2)} ms, measured with autocannon."`,
  },
  {
    key: 'serve.requestsPerSecond', stage: 'serve', unit: 'per_second', kind: 'result',
    vocabulary: ['requests per second', 'throughput', 'rps', 'req/s', 'qps', 'requests a second'],
    meaning: () => 'Completed /predict requests per second in my load test (one server process, loopback).',
    interview: (c) => `"It sustained about ${int(c.value)} requests per second on my machine."`,
  },
  {
    key: 'drift.driftedColumns', stage: 'drift', unit: 'count', kind: 'result',
    vocabulary: ['columns drifted', 'drifted columns', 'features drifted', 'drifted', 'columns'],
    context: ['drift', 'drift check'],
    meaning: () => 'How many input columns drifted between the training data and the current data (Evidently default thresholds).',
    interview: (c) => `"In the drift check on ${String(c.inputs.source ?? 'a batch')}, ${int(c.value)} columns drifted."`,
  },
  {
    key: 'drift.driftedShare', stage: 'drift', unit: 'ratio', kind: 'result',
    vocabulary: ['of the columns', 'of columns', 'share of columns', 'of the features', 'of features', 'of the inputs', 'drifted'],
    context: ['drift', 'drift check'],
    meaning: () => 'The share of input columns that drifted; at 0.5 or more the data set counts as drifted.',
    interview: (c) => `"In the drift check on ${String(c.inputs.source ?? 'a batch')}, ${pct(c.value)} of the columns drifted."`,
  },
  {
    key: 'retrain.{which:newRows|replacedRows}', stage: 'retrain', unit: 'count', kind: 'result',
    partWords: (_, v) => (v === 'newRows' ? ['new rows', 'labelled rows', 'batch rows', 'added'] : ['replaced', 'replaced rows', 'older rows']),
    vocabulary: ['rows', 'customers'],
    context: ['retrain', 'retrained', 'batch'],
    meaning: (c) => (c.parts.which === 'newRows' ? 'Labelled rows of the batch added to the old run\'s data when retraining.' : 'Rows of the old data whose customer id was in the batch, replaced by the batch row.'),
    interview: (c) => (c.parts.which === 'newRows' ? `"I retrained with ${int(c.value)} new labelled rows from the batch."` : `"When retraining, ${int(c.value)} older rows were replaced by the batch's newer rows for the same customers."`),
  },
];

/** Words for a SHAP feature name: "Contract=Month-to-month" → "month to month contract", "contract". */
function featureWords(feature: string): string[] {
  const [column, level] = feature.split('=') as [string, string | undefined];
  const columnWords = column.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const words = [columnWords, column.toLowerCase()];
  // a level alone names the feature ("fiber optic"), but not "No" or "Yes", which every sentence may say
  if (level) words.push(`${level.toLowerCase()} ${columnWords}`, ...(/^(?:no|yes)$/i.test(level) ? [] : [level.toLowerCase()]), `${columnWords} ${level.toLowerCase()}`);
  return words;
}

/** Valid `{group}` values for fairness keys (for the catalogue test). */
export const fairnessGroups = Object.keys(fairnessGroupTerms.values);
