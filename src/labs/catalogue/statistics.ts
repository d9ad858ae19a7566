/**
 * Catalogue entries for the statistics added in issue 17: bootstrap intervals, the model-choice
 * rule and paired CV comparison, calibration, tested fairness gaps, and the segment lab's
 * corrected counting (cancellations, partial months, k-means restarts, co-purchase counts).
 */
import { dec, money, pct } from './format.js';
import { fairnessGroupName } from './terms.js';
import type { EntryContext, MetricEntry } from './types.js';

const spaced = (name: string) => name.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
const pValue = (p: number) => (p < 0.001 ? 'below 0.001' : p.toFixed(3));
/** "p = 0.002", "p < 0.001" */
const pIs = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);
/** The same key with its last segment replaced, e.g. ci95Low → ci95High. */
const sibling = (c: EntryContext, from: string, to: string) => c.others.get(c.key.replace(new RegExp(`${from}$`), to));
const segments = (c: EntryContext) => c.key.split('.');

const cancelledWords = ['cancelled revenue', 'cancellation', 'cancellations', 'cancelled', 'was cancelled', 'net revenue', 'gross revenue', 'netting'];

const testFigureNames: Record<string, string> = { auc: 'ROC-AUC', prAuc: 'PR-AUC (average precision)', recall: 'recall', precision: 'precision' };

function intervalSentence(c: EntryContext, name: string, format: (v: number) => string, method = 'bootstrap'): string {
  const low = c.key.endsWith('Low') ? c.value : sibling(c, 'ci95High', 'ci95Low');
  const high = c.key.endsWith('High') ? c.value : sibling(c, 'ci95Low', 'ci95High');
  const estimate = c.others.get(c.key.replace(/\.ci95(Low|High)$/, ''));
  const subject = estimate !== undefined ? `The ${name} of ${format(estimate)} on the test set` : `The test ${name}`;
  if (low !== undefined && high !== undefined) return `${subject} has a 95% ${method} confidence interval of ${format(low)} to ${format(high)}, so I quote it as a range, not a point.`;
  return `${subject} has a 95% ${method} confidence interval whose ${c.key.endsWith('Low') ? 'lower' : 'upper'} end is ${format(c.value)}, so I quote it as a range, not a point.`;
}

export const statisticsEntries: MetricEntry[] = [
  {
    key: 'test.{auc|prAuc|recall|precision}.ci95{Low|High}',
    stage: 'test',
    unit: 'ratio',
    kind: 'result',
    vocabulary: ['confidence interval', 'bootstrap', '95%', 'ci', 'interval', 'uncertainty', 'resample', 'range'],
    meaning: (c) => `The ${c.key.endsWith('Low') ? 'lower' : 'upper'} end of the 95% stratified bootstrap interval (2,000 resamples of the test rows) for the test ${testFigureNames[segments(c)[1]!] ?? segments(c)[1]}.`,
    interview: (c) => intervalSentence(c, testFigureNames[segments(c)[1]!] ?? segments(c)[1]!, (v) => dec(v)),
  },
  {
    key: 'threshold.netValueGain',
    stage: 'test',
    unit: 'money',
    kind: 'result',
    vocabulary: ['gain', 'net value gain', 'gained', 'uplift', 'more than at 0.5', 'profit gain'],
    context: ['net value', 'threshold', 'default threshold', 'cost model'],
    meaning: () => 'Net value of the retention campaign at the cost-chosen threshold minus its net value at the default 0.5 threshold, on the test set.',
    interview: (c) => {
      const low = c.others.get('threshold.netValueGain.ci95Low');
      const high = c.others.get('threshold.netValueGain.ci95High');
      const interval = low !== undefined && high !== undefined ? `, with a 95% bootstrap interval of ${money(low)} to ${money(high)}${low <= 0 ? ', which reaches zero, so the gain is not established' : ''}` : '';
      return `Moving the threshold from 0.5 to the cost-optimal point gained ${money(c.value)} in net value on the test set${interval}.`;
    },
  },
  {
    key: 'threshold.netValueGain.ci95{Low|High}',
    stage: 'test',
    unit: 'money',
    kind: 'result',
    vocabulary: ['confidence interval', 'bootstrap', '95%', 'net value', 'gain', 'threshold'],
    meaning: (c) => `The ${c.key.endsWith('Low') ? 'lower' : 'upper'} end of the 95% bootstrap interval for the net-value gain of the chosen threshold over 0.5.`,
    interview: (c) => intervalSentence(c, 'net-value gain of the chosen threshold over 0.5', money),
  },
  {
    key: 'threshold.ci95{Low|High}',
    stage: 'threshold',
    unit: 'ratio',
    kind: 'result',
    vocabulary: ['threshold', 'thresholds', 'cut off', 'confidence interval', 'bootstrap', 'stability', 'flat', 'net value curve', 'lands anywhere from'],
    meaning: (c) => `The ${c.key.endsWith('Low') ? 'lower' : 'upper'} end of the range of thresholds the same cost rule picks on bootstrap resamples of the out-of-fold predictions: a wide range means a flat net-value curve.`,
    interview: (c) => {
      const low = c.key.endsWith('Low') ? c.value : c.others.get('threshold.ci95Low');
      const high = c.key.endsWith('High') ? c.value : c.others.get('threshold.ci95High');
      const chosen = c.others.get('test.threshold');
      const range = low !== undefined && high !== undefined ? `anywhere from ${dec(low, 2)} to ${dec(high, 2)}` : `${c.key.endsWith('Low') ? 'as low as' : 'as high as'} ${dec(c.value, 2)}`;
      return `Re-choosing the threshold on bootstrap resamples of the out-of-fold predictions lands ${range}${chosen !== undefined ? ` around the chosen ${dec(chosen, 2)}` : ''}, so the net-value curve is flat there and I would not defend the exact cut-off.`;
    },
  },
  {
    key: 'test.brier',
    stage: 'test',
    unit: 'score',
    kind: 'result',
    vocabulary: ['brier score', 'brier', 'calibration', 'probability', 'squared error'],
    meaning: () => 'Mean squared difference between the predicted churn probability and the outcome on the test set: 0 is perfect, 0.25 is what always predicting ½ scores.',
    interview: (c) => `The deployed model's Brier score on the test set is ${dec(c.value)}, so its probabilities are informative, but I checked the reliability curve before quoting any single probability.`,
  },
  {
    key: 'test.ece',
    stage: 'test',
    unit: 'ratio',
    kind: 'result',
    vocabulary: ['expected calibration error', 'ece', 'calibration', 'reliability curve', 'reliability diagram', 'calibrated'],
    meaning: () => 'Expected calibration error: over 10 equal-width probability bins, the row-weighted average gap between the observed churn rate and the mean predicted probability.',
    interview: (c) => `The expected calibration error on the test set was ${pct(c.value)}: across ten bins, predicted probabilities were off from the observed churn rates by that much on average.`,
  },
  {
    key: 'test.calibrated.{brier|ece}',
    stage: 'test',
    unit: 'score',
    kind: 'result',
    vocabulary: ['calibration', 'platt scaling', 'platt', 'isotonic regression', 'isotonic', 'recalibrate', 'out-of-fold'],
    meaning: (c) => `The test ${c.key.endsWith('brier') ? 'Brier score' : 'expected calibration error'} after recalibrating the probabilities (Platt or isotonic, fitted on out-of-fold training predictions).`,
    interview: (c) => {
      const metric = c.key.endsWith('brier') ? 'brier' : 'ece';
      const before = c.others.get(`test.${metric}`);
      return `After recalibration fitted on out-of-fold predictions, the ${metric === 'brier' ? 'Brier score' : 'expected calibration error'} on the test set is ${dec(c.value, 4)}${before !== undefined ? `, against ${dec(before, 4)} before` : ''}.`;
    },
  },
  {
    key: 'cv.choice.{standardError|cutoff}',
    stage: 'cv',
    unit: 'ratio',
    kind: 'result',
    vocabulary: ['one standard error rule', 'one-standard-error', 'one standard error cut off', 'cut off', 'standard error', 'model selection', 'simplest model'],
    meaning: (c) => (c.key.endsWith('standardError') ? "The standard error of the best model's mean CV AUC (fold standard deviation / √k), the tolerance of the one-standard-error rule." : 'The best mean CV AUC minus one standard error: every model at or above it counts as equally good, and the simplest of them is chosen.'),
    interview: (c) =>
      c.key.endsWith('standardError')
        ? `The best model's mean cross-validated AUC has a standard error of ${dec(c.value, 4)}, so I picked the simplest model within one standard error rather than the top number.`
        : `The one-standard-error rule set its cut-off at ${dec(c.value, 4)} in mean cross-validated AUC: every model above it counted as equally good, and I chose the simplest of those.`,
  },
  {
    key: 'cv.{model}.auc.pairedDiff',
    stage: 'cv',
    unit: 'score',
    kind: 'result',
    vocabulary: ['paired comparison', 'fold by fold', 'difference', 'auc difference', 'same folds'],
    meaning: (c) => `Mean over the same CV folds of this model's AUC minus the AUC of the model with the best mean (${String(c.inputs.versus ?? 'the best model')}).`,
    interview: (c) => {
      const p = c.others.get(c.key.replace(/pairedDiff$/, 'pairedPValue'));
      return `Compared fold by fold on the same folds, the AUC difference between ${spaced(segments(c)[1]!)} and the best model was ${c.value >= 0 ? '+' : ''}${dec(c.value, 4)}${p !== undefined ? ` (${pIs(p)})` : ''}, which is ${p !== undefined && p < 0.05 ? 'a real difference' : 'well within noise'}.`;
    },
  },
  {
    key: 'cv.{model}.auc.pairedPValue',
    stage: 'cv',
    unit: 'ratio',
    kind: 'result',
    vocabulary: ['p-value', 'p value', 'p =', 'p <', 'paired t-test', 'corrected resampled t-test', 'nadeau-bengio', 'significant', 'fold by fold'],
    meaning: () => "Two-sided p-value of the corrected resampled t-test (Nadeau-Bengio) on the fold-by-fold AUC differences with the best model; the correction accounts for folds sharing training rows.",
    interview: (c) => `The fold-by-fold AUC difference between ${spaced(segments(c)[1]!)} and the best model has a p-value of ${pValue(c.value)} with the corrected resampled t-test, so ${c.value < 0.05 ? 'the gap is significant' : 'I cannot tell them apart'}.`,
  },
  {
    key: 'fairness.{group}.{which:recall|positiveRate}.ci95{end:Low|High}',
    requires: ['group'],
    stage: 'fairness',
    unit: 'ratio',
    kind: 'result',
    vocabulary: ['wilson interval', 'confidence interval', '95%', 'fairness', 'group', 'recall', 'flag rate'],
    meaning: (c) => `The ${c.key.endsWith('Low') ? 'lower' : 'upper'} end of the Wilson 95% interval for this group's ${segments(c)[3] === 'recall' ? 'recall' : 'flag rate'} on the test set.`,
    interview: (c) => intervalSentence(c, `${segments(c)[3] === 'recall' ? 'recall' : 'flag rate'} for ${fairnessGroupName(`${segments(c)[1]}.${segments(c)[2]}`)}`, (v) => pct(v), 'Wilson'),
  },
  {
    key: 'fairness.{attribute:gender|senior|+}.{which:recallGap|positiveRateGap}',
    stage: 'fairness',
    unit: 'ratio',
    kind: 'result',
    vocabulary: ['fairness gap', 'recall gap', 'flag rate gap', 'gap', 'equal opportunity', 'disparity', 'demographic parity', 'percentage points', 'difference'],
    meaning: (c) => `Largest minus smallest ${c.key.endsWith('recallGap') ? 'recall (share of actual churners flagged)' : 'flag rate (share of customers flagged)'} across the groups of ${segments(c)[1]} on the test set.`,
    interview: (c) => {
      const p = c.others.get(`${c.key}.pValue`);
      return `The ${c.key.endsWith('recallGap') ? 'recall' : 'flag-rate'} gap between ${segments(c)[1]} groups is ${(100 * c.value).toFixed(1)} percentage points${p !== undefined ? `, with a chi-square p-value of ${pValue(p)}, so it is ${p < 0.05 ? 'significant and worth acting on' : 'not significant on this test set'}` : ''}.`;
    },
  },
  {
    key: 'fairness.{attribute:gender|senior|+}.{which:recallGap|positiveRateGap}.pValue',
    stage: 'fairness',
    unit: 'ratio',
    kind: 'result',
    vocabulary: ['p-value', 'p value', 'p =', 'p <', 'chi-square', 'chi square', 'significant', 'two-proportion test', 'fairness', 'equal recall'],
    meaning: (c) => `P-value of Pearson's chi-square test (no continuity correction) that every ${segments(c)[1]} group has the same ${c.key.includes('recallGap') ? 'recall' : 'flag rate'}; below 0.05 is labelled significant.`,
    interview: (c) => `A chi-square test of equal ${c.key.includes('recallGap') ? 'recall' : 'flag rate'} across ${segments(c)[1]} groups gives ${pIs(c.value)}, so the gap is ${c.value < 0.05 ? 'significant' : 'not significant'} at the 5% level.`,
  },
  {
    key: 'cohorts.partialMonthDays',
    stage: 'cohorts',
    unit: 'days',
    kind: 'result',
    vocabulary: ['partial month', 'days of data', 'cohort', 'incomplete month', 'data cut-off', 'last month was partial'],
    meaning: () => "Days of data in the final calendar month: when it is short, that month is every cohort's last column and is left out of the month-1 retention summary.",
    interview: (c) => `The last month was partial, with ${c.value} days of data, so I flagged that column in the cohort table and left it out of the month-one retention average.`,
  },
  {
    key: 'clv.zeroValuePurchaseDays',
    stage: 'clv',
    unit: 'count',
    kind: 'result',
    vocabulary: ['zero-value purchase', 'zero value purchase days', 'purchase days', 'free order', 'bg/nbd', 'gamma-gamma', 'purchase count', 'clv'],
    meaning: () => 'Customer-days whose purchases total 0: BG/NBD counts them as purchases, Gamma-Gamma leaves them out of the spend per purchase.',
    interview: (c) => `I kept ${c.value} zero-value purchase days as purchases for the BG/NBD purchase model and left them out only of the Gamma-Gamma spend model.`,
  },
  {
    key: 'drift.overlapShare',
    stage: 'drift',
    unit: 'ratio',
    kind: 'result',
    vocabulary: ['overlap', 'training data', 'leakage', 'seen customers', 'drift', 'batch'],
    meaning: () => 'Share of the current batch whose customer id is among the training rows: the model has seen those customers, so their performance would be optimistic and is left out.',
    interview: (c) => `${pct(c.value)} of the batch were customers the model had trained on, so I measured performance only on the unseen rows.`,
  },
  {
    key: 'retrain.sameRows',
    stage: 'retrain',
    unit: 'count',
    kind: 'result',
    vocabulary: ['same rows', 'held-out', 'like-for-like', 'retrain', 'comparison'],
    meaning: () => "Rows both the old and the new model are scored on: the new run's test rows the old model never trained on.",
    interview: (c) => `I compared the old and the retrained model on the same ${c.value} held-out rows that neither had trained on, not on their own different test sets.`,
  },
  {
    key: 'retrain.{oldAuc|newAuc}',
    stage: 'retrain',
    unit: 'ratio',
    kind: 'result',
    vocabulary: ['auc', 'retrain', 'old model', 'new model', 'same rows'],
    meaning: (c) => `ROC-AUC of the ${c.key.endsWith('oldAuc') ? 'old' : 'retrained'} model on the rows both models are compared on.`,
    interview: (c) => `On the shared held-out rows the ${c.key.endsWith('oldAuc') ? 'old' : 'retrained'} model scores an AUC of ${dec(c.value)}.`,
  },
  {
    key: 'retrain.aucDiff',
    stage: 'retrain',
    unit: 'score',
    kind: 'result',
    vocabulary: ['auc difference', 'paired bootstrap', 'retrain', 'improvement', 'same rows'],
    meaning: () => 'New minus old AUC on the same held-out rows.',
    interview: (c) => {
      const low = c.others.get('retrain.aucDiff.ci95Low');
      const high = c.others.get('retrain.aucDiff.ci95High');
      const iv = low !== undefined && high !== undefined ? ` with a paired bootstrap 95% interval of ${dec(low)} to ${dec(high)}` : '';
      return `On the same rows the retrained model changes AUC by ${c.value >= 0 ? '+' : ''}${dec(c.value)}${iv}${low !== undefined && high !== undefined && low <= 0 && high >= 0 ? ', so the gain is not established' : ''}.`;
    },
  },
  {
    key: 'retrain.aucDiff.ci95{Low|High}',
    stage: 'retrain',
    unit: 'score',
    kind: 'result',
    vocabulary: ['confidence interval', 'paired bootstrap', '95%', 'retrain', 'auc difference'],
    meaning: (c) => `The ${c.key.endsWith('Low') ? 'lower' : 'upper'} end of the paired bootstrap 95% interval for new − old AUC on the same rows.`,
    interview: (c) => intervalSentence(c, 'AUC difference between the retrained and the old model', (v) => dec(v), 'paired bootstrap').replace('on the test set', 'on the shared rows').replace('The test AUC', 'The AUC'),
  },
  {
    key: 'cancellations.pairs',
    stage: 'cancellations',
    unit: 'count',
    kind: 'result',
    vocabulary: ['cancellation', 'cancelled order', 'return', 'matched pair', 'netting'],
    meaning: () => 'Cancellation lines matched to the purchase they undo (same customer, item and quantity, the latest earlier purchase). Protocol R1 drops the cancellations but keeps those purchases.',
    interview: (c) => `I matched ${c.value.toLocaleString('en-GB')} cancellation lines to the purchases they undo, because the standard cleaning keeps those purchases as revenue.`,
  },
  {
    key: 'cancellations.revenue',
    stage: 'cancellations',
    unit: 'money',
    kind: 'result',
    vocabulary: cancelledWords,
    meaning: () => 'Revenue of the purchases matched to a cancellation: counted by R1, cancelled in fact.',
    interview: (c) => `Purchases worth ${money(c.value)} were cancelled later, some within minutes, so gross revenue overstates what customers kept.`,
  },
  {
    key: 'cancellations.revenueShare',
    stage: 'cancellations',
    unit: 'ratio',
    kind: 'result',
    vocabulary: cancelledWords,
    meaning: () => 'Revenue of the purchases matched to a cancellation, as a share of R1 revenue.',
    interview: (c) => `${pct(c.value)} of the cleaned revenue was cancelled later, so I show the segments both gross and net of cancellations.`,
  },
  {
    key: 'net.segments.{segment}.customers',
    stage: 'cancellations',
    unit: 'count',
    kind: 'result',
    requires: ['segment'],
    vocabulary: ['net of cancellations', 'netted', 'after netting'],
    context: ['segment', 'rfm', 'customers'],
    meaning: () => 'Customers in this RFM segment when the purchases matched to a cancellation are removed first (R1 keeps them).',
    interview: (c) => `Net of cancellations, the ${spaced(segments(c)[2]!)} segment has ${c.value.toLocaleString('en-GB')} customers${c.inputs.r1 !== undefined ? `, against ${Number(c.inputs.r1).toLocaleString('en-GB')} ${spaced(segments(c)[2]!)} customers under the standard cleaning` : ''}.`,
  },
  {
    key: 'net.concentration.{top1Share|top10Share|top20Share|gini}',
    stage: 'cancellations',
    unit: 'ratio',
    kind: 'result',
    vocabulary: ['net of cancellations', 'netted', 'after netting'],
    context: ['concentration', 'gini', 'top customers', 'revenue share'],
    meaning: (c) => `concentration.${segments(c)[2]} recomputed without the purchases matched to a cancellation.`,
    interview: (c) => {
      const r1 = c.others.get(`concentration.${segments(c)[2]}`);
      const name = segments(c)[2] === 'gini' ? 'the Gini coefficient of revenue' : `the revenue share of the top ${segments(c)[2]!.replace(/top(\d+)Share/, '$1')}% of customers`;
      return `Net of cancellations, ${name} is ${dec(c.value)}${r1 !== undefined ? ` instead of ${dec(r1)}` : ''}, because a few huge orders were cancelled minutes later.`;
    },
  },
  {
    key: 'net.clv.mean12m',
    stage: 'cancellations',
    unit: 'money',
    kind: 'result',
    vocabulary: ['net of cancellations', 'netted', 'after netting'],
    context: ['clv', 'customer lifetime value', 'bg/nbd', 'gamma-gamma'],
    meaning: () => 'Mean 12-month CLV (BG/NBD × Gamma-Gamma) refitted without the purchases matched to a cancellation.',
    interview: (c) => {
      const r1 = c.others.get('clv.mean12m');
      return `Refitted net of cancellations, the mean 12-month customer value is ${money(c.value)}${r1 !== undefined ? ` against ${money(r1)} with cancelled orders counted` : ''}.`;
    },
  },
];
