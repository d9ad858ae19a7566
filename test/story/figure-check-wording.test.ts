/**
 * A third labelled set, written for these tests in wordings the fixture sets do not use: hedges
 * ("just under", "close to", "roughly"), lists that share one name, "versus" / "compared with" /
 * "against", semicolons, figures per model and per group, settings beside results, and figures
 * that only an earlier run of the candidate measured. Each line is [sentence, figure, verdict,
 * metric], hand-checked against the frozen values of test/fixtures/figure-check.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RunRecord } from '../../src/data/runs.js';
import { checkClaims, type RunSource, type Verdict } from '../../src/story/check.js';
import { repoRoot } from '../helpers/home.js';
import { frozenRuns } from '../helpers/frozen-runs.js';

const frozen = frozenRuns(join(repoRoot, 'test/fixtures/figure-check'));

type Labelled = [text: string, figure: string, verdict: Verdict, metric?: string];

const labelled: Labelled[] = [
  // hedges and approximations
  ['Recall came in just under 70% on the held-out customers.', '70%', 'backed', 'churn.test.recall'],
  ['On the test set the model caught close to 70% of churners.', '70%', 'backed', 'churn.test.recall'],
  ['Roughly 27% of Telco customers churned.', '27%', 'backed', 'churn.dataset.positiveRate'],
  ["The churn rate on IBM's Telco sample was about a quarter, 26.5%.", '26.5%', 'backed', 'churn.dataset.positiveRate'],
  // two figures, each with its own name
  ['Test recall was 69.5%, while test precision was 56.5%.', '69.5%', 'backed', 'churn.test.recall'],
  ['Test recall was 69.5%, while test precision was 56.5%.', '56.5%', 'backed', 'churn.test.precision'],
  ['Precision on the held-out set was 56.5% and recall 69.5%.', '56.5%', 'backed', 'churn.test.precision'],
  ['Precision on the held-out set was 56.5% and recall 69.5%.', '69.5%', 'backed', 'churn.test.recall'],
  ['Precision was 56.5%; recall, 69.5%.', '56.5%', 'backed', 'churn.test.precision'],
  ['Precision was 56.5%; recall, 69.5%.', '69.5%', 'backed', 'churn.test.recall'],
  ['Precision was 56.5%; recall, 75%.', '75%', 'differs', 'churn.test.recall'],
  // the other side of a comparison is of the same kind
  ['Test recall was 69.5%, compared with 50.3% at the default threshold.', '50.3%', 'backed', 'churn.test.default.recall'],
  ['At the chosen threshold, recall was 69.5% against 50.3% at 0.5.', '69.5%', 'backed', 'churn.test.recall'],
  ['At the chosen threshold, recall was 69.5% against 50.3% at 0.5.', '50.3%', 'backed', 'churn.test.default.recall'],
  ['At the chosen threshold, recall was 69.5% against 50.3% at 0.5.', '0.5', 'setting'],
  ['The chosen threshold netted 16,000 against 14,200 at 0.5.', '16,000', 'backed', 'churn.threshold.netValue'],
  ['The chosen threshold netted 16,000 against 14,200 at 0.5.', '14,200', 'backed', 'churn.threshold.netValueDefault'],
  ['The chosen threshold netted 16,000 against 15,000 at 0.5.', '15,000', 'differs', 'churn.threshold.netValueDefault'],
  ['Net value on the test set was 16,000.', '16,000', 'backed', 'churn.threshold.netValue'],
  // a list that shares one name, per model
  ['Logistic regression reached a CV AUC of 0.849, the random forest 0.849 and gradient boosting 0.849.', '0.849', 'backed', 'churn.cv.logistic_regression.auc.mean'],
  ['CV F1 was 0.594 for logistic regression, 0.574 for the forest and 0.592 for boosting.', '0.574', 'backed', 'churn.cv.random_forest.f1.mean'],
  ['CV F1 was 0.594 for logistic regression, 0.574 for the forest and 0.592 for boosting.', '0.592', 'backed', 'churn.cv.gradient_boosting.f1.mean'],
  ['CV F1 was 0.594 for logistic regression, 0.60 for the forest and 0.592 for boosting.', '0.60', 'differs', 'churn.cv.random_forest.f1.mean'],
  ['SMOTE inside the folds gave a CV AUC of 0.843.', '0.843', 'backed', 'churn.imbalance.smoteInFolds.auc'],
  ['Class weights lifted CV recall to 79.3%.', '79.3%', 'backed', 'churn.imbalance.classWeights.recall'],
  ['Class weights lifted CV recall to 83%.', '83%', 'differs', 'churn.imbalance.classWeights.recall'],
  // per group
  ['Female customers were flagged 34.7% of the time, male customers 30.7%.', '34.7%', 'backed', 'churn.fairness.gender.Female.positiveRate'],
  ['Female customers were flagged 34.7% of the time, male customers 30.7%.', '30.7%', 'backed', 'churn.fairness.gender.Male.positiveRate'],
  ['Female customers were flagged 34.7% of the time, male customers 40%.', '40%', 'differs', 'churn.fairness.gender.Male.positiveRate'],
  ['Test recall was 69.5% for women.', '69.5%', 'differs', 'churn.fairness.gender.Female.recall'],
  // shares of the top customers: the "top N%" is a setting, the share is the result
  ['The top 1% of customers brought 32% of revenue.', '1%', 'setting'],
  ['The top 1% of customers brought 32% of revenue.', '32%', 'backed', 'segment.concentration.top1Share'],
  ['The top 20% of customers brought 75% of revenue.', '75%', 'backed', 'segment.concentration.top20Share'],
  ['The top 20% of customers brought 80% of revenue.', '80%', 'differs', 'segment.concentration.top20Share'],
  ['The hold-out predicted 3,384 purchase days against 4,482 actual.', '3,384', 'backed', 'segment.clv.holdoutPredicted'],
  ['The hold-out predicted 3,384 purchase days against 4,482 actual.', '4,482', 'backed', 'segment.clv.holdoutActual'],
  // settings and results of the same words
  ['I held out 20% of the rows as a test set.', '20%', 'setting', 'churn.params.testSize'],
  ['The threshold was 0.33.', '0.33', 'backed', 'churn.test.threshold'],
  ['The chosen threshold was 0.5.', '0.5', 'differs', 'churn.test.threshold'],
  // outcomes beside figures: the nearest figure takes the outcome word, the one it follows less
  ['Test recall was 42.0% campaign 12% overall.', '42.0%', 'differs', 'churn.test.recall'],
  ['Test recall was 42.0% campaign 12% overall.', '12%', 'no-run'],
  ['Test recall was 42.0% in the campaign, 12% overall.', '42.0%', 'no-run'],
  // a small bare count with the words of a figure is a claim; the count after "of" is another figure
  ['Drift flagged 2 of 19 columns.', '2', 'backed', 'churn.drift.driftedColumns'],
  ['Drift flagged 2 of 19 columns.', '19', 'backed', 'churn.clean.columnsKept'],
  ['Drift flagged 3 of 19 columns.', '3', 'differs', 'churn.drift.driftedColumns'],
  // a number metric (a model parameter) written as a percentage is compared as written: 72 is not 0.72
  ['The BG/NBD r parameter was 0.72.', '0.72', 'backed', 'segment.clv.bgnbd.r'],
  ['The BG/NBD r parameter was 72%.', '72%', 'differs', 'segment.clv.bgnbd.r'],
  ['Contract=Month-to-month had a mean absolute SHAP value of 77%.', '77%', 'differs', 'churn.explain.global.Contract=Month-to-month'],
  // the words of the sentence before count as context: "the held-out test set", then "Recall was ..."
  ['I evaluated on the held-out test set. Recall was 53.7%.', '53.7%', 'differs', 'churn.test.recall'],
  ['I evaluated on the held-out test set. Recall was 69.5%.', '69.5%', 'backed', 'churn.test.recall'],
  ['Then the held-out test. Accuracy was 80.3%.', '80.3%', 'backed', 'churn.test.default.accuracy'],
  // a name after a preposition and a determiner qualifies ("net value on our test set"), it does not name the test set's size
  ...['the', 'our', 'my', 'its', 'their', 'each', 'every', 'all', 'a', 'an'].map((det): Labelled => [`Net value on ${det} test set was 16,000.`, '16,000', 'backed', 'churn.threshold.netValue']),
];

describe('figure check on a third labelled set, in new wordings', () => {
  it.each(labelled)('%s → %s is %s', (text, figure, verdict, metric) => {
    const checks = checkClaims(text, frozen);
    const got = checks.filter((c) => c.text === figure);
    expect(got.length, JSON.stringify(checks.map((c) => c.text))).toBeGreaterThanOrEqual(1);
    // a figure written twice in a sentence ("0.849 ... 0.849"): the first one is the one labelled
    expect({ verdict: got[0]!.verdict, metric: got[0]!.metric }).toEqual({ verdict, metric });
  });
});

describe('figures of the candidate\'s earlier runs', () => {
  /** Two churn runs on the Telco sample: the frozen one, and an earlier one with other figures. */
  const earlier: RunRecord = { ...frozen.runs.find((r) => r.lab === 'churn')!, id: 'churn-20261130-080000-0ea7', startedAt: '20261130T080000' };
  const earlierMetrics: Record<string, number> = { 'test.recall': 0.7326, 'test.auc': 0.8411, 'cv.logistic_regression.auc.mean': 0.8512, 'cv.logistic_regression.auc.std': 0.0091 };
  const source: RunSource = {
    list: () => [...frozen.runs, earlier].sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
    metrics: (id) => (id === earlier.id ? Object.entries(earlierMetrics).map(([key, value]) => ({ key, value, inputs: {} })) : frozen.metrics(id)),
  };

  it('backs a figure only the earlier run measured, naming both runs', () => {
    const [check] = checkClaims('My test recall was 73.3%.', source);
    expect(check).toMatchObject({ verdict: 'backed', metric: 'churn.test.recall', runId: earlier.id, runValue: 0.7326, reason: `an earlier run, ${earlier.id}, measured 73.3% (test.recall); your newest run churn-20261201-095907-93cb measured 69.5%` });
  });

  it('a figure neither run measured differs from the newest', () => {
    const [check] = checkClaims('My test recall was 71.0%.', source);
    expect(check).toMatchObject({ verdict: 'differs', runId: 'churn-20261201-095907-93cb', runValue: 0.6951871657754011 });
  });

  it('the ± of a mean is looked up in the run whose mean it is', () => {
    const [mean, spread] = checkClaims('Logistic regression reached a CV AUC of 0.849 ± 0.005.', source);
    expect(mean).toMatchObject({ verdict: 'backed', runId: 'churn-20261201-095907-93cb' });
    expect(spread).toMatchObject({ verdict: 'backed', metric: 'churn.cv.logistic_regression.auc.std', runId: 'churn-20261201-095907-93cb' });
    const [, wrong] = checkClaims('Logistic regression reached a CV AUC of 0.849 ± 0.009.', source);
    expect(wrong).toMatchObject({ verdict: 'differs', runValue: 0.005096908740161228 });
  });
});
