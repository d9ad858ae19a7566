/**
 * What the figure check tells the candidate, word for word: each verdict's reason (the run id, the
 * run's value in the unit the candidate wrote, the metric, the dataset), each list of words that
 * makes a figure an outcome or another project's, each pattern with a near miss beside it, and the
 * formatting of the run's value. Against the frozen run store of test/fixtures/figure-check (one
 * default run per lab) and small in-memory stores built here; no lab runs.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkClaims, type ClaimCheck } from '../../src/story/check.js';
import { repoRoot } from '../helpers/home.js';
import { frozenRuns } from '../helpers/frozen-runs.js';

const frozen = frozenRuns(join(repoRoot, 'test/fixtures/figure-check'));
const CHURN = 'churn-20261201-095907-93cb';
const SEGMENT = 'segment-20261201-095917-21b7';

/** The one check of a sentence with one figure (or the one whose text is given). */
function one(text: string, figure?: string, source = frozen): ClaimCheck {
  const checks = checkClaims(text, source);
  const found = figure ? checks.filter((c) => c.text === figure) : checks;
  expect(found, `${text}: ${JSON.stringify(checks.map((c) => c.text))}`).toHaveLength(1);
  return found[0]!;
}

const OUTCOME = (phrase?: string) => `an outcome${phrase ? ` ("${phrase}")` : ''} that no lab measures: the labs evaluate models on held-out data, not what happened in a business`;
const OTHER_PROJECT = (phrase?: string) => `about another project${phrase ? ` ("${phrase}")` : ''}: prep has no run of it, so it can be neither backed nor contradicted; cite its source`;
const CHANGE = "a change (before vs after) that no run records: prep's labs measure levels on held-out data; quote the two measured figures, or cite where the change was measured";
const MONEY = "no lab measures money earned or saved; the churn lab's net value is an estimate under the cost model you chose (quote it with those assumptions)";
const NO_WORDS = 'none of your runs records a figure the words around this one name';

describe('backed and differs: the run, its value as the candidate wrote it, the metric and the dataset', () => {
  it('a percentage of a ratio metric is shown as a percentage with one decimal', () => {
    expect(one('My test recall was 69.5%.')).toEqual({
      text: '69.5%',
      line: 1,
      sentence: 'My test recall was 69.5%.',
      verdict: 'backed',
      metric: 'churn.test.recall',
      runId: CHURN,
      runValue: 0.6951871657754011,
      dataset: 'telco',
      reason: `run ${CHURN} measured 69.5% (test.recall, telco)`,
    });
    expect(one('My test recall was 72%.')).toMatchObject({ verdict: 'differs', metric: 'churn.test.recall', runId: CHURN, runValue: 0.6951871657754011, dataset: 'telco', reason: `your run ${CHURN} measured 69.5% (test.recall, telco)` });
  });

  it('a decimal of a ratio metric is shown with three decimals', () => {
    expect(one('Test ROC-AUC was 0.834.')).toMatchObject({ verdict: 'backed', reason: `run ${CHURN} measured 0.834 (test.auc, telco)` });
    expect(one('Test ROC-AUC was 0.85.')).toMatchObject({ verdict: 'differs', reason: `your run ${CHURN} measured 0.834 (test.auc, telco)` });
  });

  it('a score (silhouette, Gini) keeps three decimals too, and a count drops them with thousands separators', () => {
    expect(one('The Gini coefficient of customer revenue was 0.72.')).toMatchObject({ verdict: 'backed', metric: 'segment.concentration.gini', reason: `run ${SEGMENT} measured 0.715 (concentration.gini, retail)` });
    expect(one('After cleaning we kept 397,884 transaction lines.')).toMatchObject({ verdict: 'backed', metric: 'segment.cleaning.linesOut', reason: `run ${SEGMENT} measured 397,884 (cleaning.linesOut, retail)` });
    expect(one('After cleaning we kept 390,000 transaction lines.')).toMatchObject({ verdict: 'differs', reason: `your run ${SEGMENT} measured 397,884 (cleaning.linesOut, retail)` });
  });

  it('latencies are shown in ms with two decimals', () => {
    expect(one('The median API latency was 5.71 ms.')).toMatchObject({ verdict: 'backed', metric: 'churn.serve.latencyP50Ms', reason: `run ${CHURN} measured 5.71 ms (serve.latencyP50Ms, telco)` });
    expect(one('The p95 latency was 12 ms.')).toMatchObject({ verdict: 'differs', metric: 'churn.serve.latencyP95Ms', runValue: 11.136, reason: `your run ${CHURN} measured 11.14 ms (serve.latencyP95Ms, telco)` });
  });

  it('a figure counted from two recorded ones (flagged = tp + fp, churners = tp + fn) names what it counts', () => {
    expect(one('We flagged 460 customers on the test set.')).toMatchObject({ verdict: 'backed', metric: 'churn.test.tp+test.fp', runValue: 460, reason: `run ${CHURN} measured 460 (test customers flagged at the chosen threshold, tp + fp, telco)` });
    expect(one('There were 374 churners in the test set.')).toMatchObject({ verdict: 'backed', metric: 'churn.test.tp+test.fn', runValue: 374, reason: `run ${CHURN} measured 374 (churners in the test set, tp + fn, telco)` });
    expect(one('The retention team contacted 520 customers at the chosen threshold on the test set.')).toMatchObject({ verdict: 'differs', metric: 'churn.test.tp+test.fp', runValue: 460, reason: `your run ${CHURN} measured 460 (test customers flagged at the chosen threshold, tp + fp, telco)` });
  });

  it('the ± after a mean is the spread of that mean: backed, or differs with the run\'s spread', () => {
    const [mean, std] = checkClaims('CV AUC was 0.849 ± 0.005.', frozen);
    expect(mean).toMatchObject({ verdict: 'backed', metric: 'churn.cv.logistic_regression.auc.mean' });
    expect(std).toEqual({ text: '0.005', line: 1, sentence: 'CV AUC was 0.849 ± 0.005.', verdict: 'backed', metric: 'churn.cv.logistic_regression.auc.std', runId: CHURN, runValue: 0.005096908740161228, dataset: 'telco', reason: `the standard deviation over folds: run ${CHURN} measured 0.005 (cv.logistic_regression.auc.std)` });
    const [, wide] = checkClaims('CV AUC was 0.849 ± 0.02.', frozen);
    expect(wide).toMatchObject({ verdict: 'differs', metric: 'churn.cv.logistic_regression.auc.std', dataset: 'telco', reason: `your run ${CHURN} measured a standard deviation of 0.005 (cv.logistic_regression.auc.std)` });
  });

  it('three models share a mean of 0.849: the spread picks the one whose spread matches (random forest ± 0.007, boosting ± 0.0048)', () => {
    const [rfMean, rfStd] = checkClaims('CV AUC was 0.849 ± 0.007.', frozen);
    expect(rfMean).toMatchObject({ verdict: 'backed', metric: 'churn.cv.random_forest.auc.mean', runValue: 0.8487466277322111 });
    expect(rfStd).toMatchObject({ verdict: 'backed', metric: 'churn.cv.random_forest.auc.std' });
    const [gbMean, gbStd] = checkClaims('CV AUC was 0.849 ± 0.0048.', frozen);
    expect(gbMean).toMatchObject({ verdict: 'backed', metric: 'churn.cv.gradient_boosting.auc.mean' });
    expect(gbStd).toMatchObject({ verdict: 'backed', metric: 'churn.cv.gradient_boosting.auc.std' });
  });

  it('a ± after a figure with no recorded spread, or after no figure the runs have', () => {
    const [, spread] = checkClaims('Test AUC was 0.834 ± 0.01.', frozen);
    expect(spread).toMatchObject({ verdict: 'no-run', reason: 'no run records a spread for churn.test.auc' });
    expect(spread!.metric).toBeUndefined();
    const [, brier] = checkClaims('The test Brier score was 0.14 ± 0.01.', frozen);
    expect(brier).toMatchObject({ verdict: 'no-run', reason: 'the figure before the ± is not one your runs record' });
  });
});

describe('suspicious: figures only a mistake produces on this data', () => {
  it('a share above 100%', () => {
    expect(one('Test recall of 110%.')).toMatchObject({ verdict: 'suspicious', metric: 'churn.test.recall', reason: 'a share above 100% cannot be a test.recall' });
  });

  it('ROC-AUC above 0.90 on the Telco sample, and the ceilings of PR-AUC, precision, F1 and accuracy, each with the run\'s value', () => {
    expect(one('Test ROC-AUC was 0.95.').reason).toBe("an honest pipeline on IBM's fictional Telco sample lands near ROC-AUC 0.84-0.85; above about 0.90 points to leakage (your run: 0.834 for test.auc)");
    expect(one('Test precision was 95%.').reason).toBe("far above what an honest model reaches on IBM's fictional Telco sample (precision about 0.57 in your run for test.precision); a figure this high usually means leakage or a different metric");
    expect(one('Test F1 was 0.85.').reason).toBe("far above what an honest model reaches on IBM's fictional Telco sample (f1 about 0.62 in your run for test.f1); a figure this high usually means leakage or a different metric");
    expect(one('Test PR-AUC was 0.9.').reason).toBe("far above what an honest model reaches on IBM's fictional Telco sample (prAuc about 0.64 in your run for test.prAuc); a figure this high usually means leakage or a different metric");
    expect(one('Test accuracy was 88%.').reason).toBe('honest models on IBM\'s fictional Telco sample reach about 0.80 accuracy (always predicting "stays" gives 0.73); 0.85 and above is what leakage produces (your run: 0.777 for test.accuracy)');
  });

  it('each ceiling is a boundary: just under it is an ordinary wrong figure, at it is suspicious', () => {
    expect(one('Test ROC-AUC was 0.90.').verdict).toBe('differs');
    expect(one('Test ROC-AUC was 0.91.').verdict).toBe('suspicious');
    expect(one('Test PR-AUC was 0.84.').verdict).toBe('differs');
    expect(one('Test PR-AUC was 0.85.').verdict).toBe('suspicious');
    expect(one('Test precision was 89%.').verdict).toBe('differs');
    expect(one('Test precision was 90%.').verdict).toBe('suspicious');
    expect(one('Test F1 was 0.79.').verdict).toBe('differs');
    expect(one('Test F1 was 0.80.').verdict).toBe('suspicious');
    expect(one('Test accuracy was 84%.').verdict).toBe('differs');
    expect(one('Test accuracy was 85%.').verdict).toBe('suspicious');
    // "under" a ceiling says the figure is below it: no leak claimed
    expect(one('Test PR-AUC was under 0.9.').verdict).toBe('backed');
  });

  it('the leaky SMOTE figure quoted as a result, but not when the sentence says it is the leaky one', () => {
    const leak = 'this is the leaky SMOTE figure (oversampling before the split), the mistake the lab shows on purpose; quoted as a result it claims skill the model does not have';
    expect(one('My CV AUC was 0.919.')).toMatchObject({ verdict: 'suspicious', metric: 'churn.imbalance.smoteLeaky.auc', reason: leak });
    expect(one('My CV recall was 85.8%.')).toMatchObject({ verdict: 'suspicious', metric: 'churn.imbalance.smoteLeaky.recall', reason: leak });
    expect(one('Leaky SMOTE gave a CV AUC of 0.919.')).toMatchObject({ verdict: 'backed', metric: 'churn.imbalance.smoteLeaky.auc', reason: `run ${CHURN} measured 0.919 (imbalance.smoteLeaky.auc, telco)` });
  });
});

describe('no run: what no run of the candidate can back or contradict, and why', () => {
  // each phrase that makes a figure a business outcome, and what the reason quotes (the catalogue's normalised form)
  const outcomes: [string, string][] = [
    ['after launch', 'after launch'], ['post launch', 'post launch'], ['in production', 'in production'], ['campaign', 'campaign'], ['rollout', 'rollout'],
    ['rolled out', 'rolled out'], ['business impact', 'business impact'], ['year over year', 'year over year'], ['saved the company', 'saved the company'],
    ['for the company', 'for the company'], ['revenue uplift', 'revenue uplift'], ['nps', 'nps'], ['uptime', 'uptime'], ['availability', 'availability'], ['sla', 'sla'],
    ['team of', 'team of'], ['stakeholders', 'stakeholders'], ['users adopted', 'users adopted'], ['adoption', 'adoption'], ['headcount', 'headcount'], ['budget', 'budget'],
    ['per year', 'per year'], ['annually', 'annually'], ['marketing spend', 'marketing spend'], ['per retained customer', 'per retained customer'], ['cost per', 'cost per'],
    ['open rate', 'open rate'], ['open rates', 'open rate'], ['click rate', 'click rate'], ['email', 'email'], ['emails', 'email'], ['per ticket', 'per ticket'], ['tickets', 'tickets'],
    ['handling cost', 'handling cost'], ['support team', 'support team'], ['call centre', 'call centre'], ['call center', 'call centre'], ['last year', 'last year'],
    ['last quarter', 'last quarter'], ['pricing page', 'pricing page'], ['pricing pages', 'pricing page'], ['live', 'live'], ['checkout', 'checkout'], ['conversion', 'conversion'],
    ['brought back', 'brought back'], ['won back', 'won back'], ['win back', 'won back'], ['winback', 'winback'], ['loyalty scheme', 'loyalty scheme'],
    ['loyalty programme', 'loyalty programme'], ['loyalty program', 'loyalty programme'], ['went live', 'live'], ['monthly churn', 'monthly churn'], ['go live', 'live'],
  ];
  it.each(outcomes)('"%s" beside a figure makes it a business outcome', (phrase, quoted) => {
    expect(one(`We measured 42.0% ${phrase}.`)).toEqual({ text: '42.0%', line: 1, sentence: `We measured 42.0% ${phrase}.`, verdict: 'no-run', reason: OUTCOME(quoted) });
  });

  it('a near miss of an outcome word is no outcome', () => {
    expect(one('We measured 42.0% in a productionised notebook.').reason).toBe(NO_WORDS);
    expect(one('We measured 42.0% of the launch plan.').reason).toBe(NO_WORDS);
  });

  // a bug this file found: findPhrase matches by stem, and "added"/"adding" share the stem "ad" with
  // "ads", "adopted" the stem "adopt" with "adoption"; every figure beside them was "another project"
  // or "an outcome", so a wrong figure passed as uncheckable
  it('"added", "adding" and "adopted" are not ads or adoption: the figure beside them is checked', () => {
    expect(one('We added class weights and CV recall reached 79.3%.')).toMatchObject({ verdict: 'backed', metric: 'churn.imbalance.classWeights.recall' });
    expect(one('We added class weights and CV recall reached 72%.')).toMatchObject({ verdict: 'differs', metric: 'churn.imbalance.classWeights.recall' });
    expect(one('Adding SMOTE inside the folds gave a CV recall of 60%.')).toMatchObject({ verdict: 'differs', metric: 'churn.imbalance.smoteInFolds.recall' });
    expect(one('We adopted class weights and CV recall reached 72%.')).toMatchObject({ verdict: 'differs', metric: 'churn.imbalance.classWeights.recall' });
    expect(one('After we added class weights we flagged 460 customers on the test set.')).toMatchObject({ verdict: 'backed', metric: 'churn.test.tp+test.fp' });
    // the words themselves still count
    expect(one('Our ads model had a recall of 42.0%.').reason).toBe(OTHER_PROJECT('ads'));
    expect(one('We measured 42.0% adoption.').reason).toBe(OUTCOME('adoption'));
  });

  it('an outcome word beside a figure a run measured exactly is still the run\'s figure', () => {
    expect(one('In production my test recall was 69.5%.')).toMatchObject({ verdict: 'backed', metric: 'churn.test.recall' });
    expect(one('In production my test recall was 42.0%.')).toMatchObject({ verdict: 'no-run', reason: OUTCOME('in production') });
  });

  it('the outcome word speaks of the figure it stands nearest, not of every figure in the sentence', () => {
    // "campaign" is one token from 69.5% after it and one token before 12%: the figure it follows counts less
    const checks = checkClaims('Test recall was 69.5% campaign 12% conversion overall.', frozen);
    expect(checks.map((c) => [c.text, c.verdict])).toEqual([['69.5%', 'backed'], ['12%', 'no-run']]);
    const [recall, lift] = checkClaims('Test recall was 42.0% and the campaign reached 12%.', frozen);
    expect(recall).toMatchObject({ verdict: 'differs', metric: 'churn.test.recall' });
    expect(lift).toMatchObject({ verdict: 'no-run', reason: OUTCOME('campaign') });
  });

  // "after the price change": what followed an intervention, with up to three words between
  const interventions = [
    'After the launch',
    'Since the release',
    'Following the price change',
    'Once we deployed it',
    'When our redesign shipped',
    'After the data migration',
    'After the model was released',
    'Since our big new pricing update',
    'After the intervention',
    'After targeting',
    'Once it went live',
    'Since we introduced it',
    'After the deployment',
    'After deploying the model',
    'After the two campaigns',
  ];
  it.each(interventions)('"%s" before a figure: what followed an intervention', (lead) => {
    expect(one(`${lead}, recall was 42.0%.`)).toMatchObject({ verdict: 'no-run' });
    expect(one(`${lead}, recall was 42.0%.`).reason).toMatch(/^an outcome( \("[^"]+"\))? that no lab measures/);
  });
  it('with no outcome word, the reason names none', () => {
    expect(one('Following the price change, recall was 42.0%.').reason).toBe(OUTCOME());
    expect(one('Once we deployed it, recall was 42.0%.').reason).toBe(OUTCOME());
  });
  it('near misses of an intervention are ordinary sentences', () => {
    // four words between "after" and the intervention word, no intervention word, "after" inside a word
    expect(one('After a long and careful training run, test recall was 42.0%.').verdict).toBe('differs');
    expect(one('After the first very long cross validation change, test recall was 42.0%.').verdict).toBe('differs');
    expect(one('Thereafter the release, test recall was 42.0%.').verdict).toBe('differs');
    expect(one('After tuning, test recall was 42.0%.').verdict).toBe('differs');
  });

  const projects: [string, string][] = [
    ['readmission', 'readmission'], ['patients', 'patients'], ['hospital', 'hospital'], ['clinical', 'clinical'], ['fraud', 'fraud'], ['credit', 'credit'], ['loan', 'loan'],
    ['loans', 'loan'], ['insurance', 'insurance'], ['claims model', 'claims model'], ['image', 'image'], ['images', 'image'], ['vision', 'vision'], ['speech', 'speech'],
    ['nlp', 'nlp'], ['chatbot', 'chatbot'], ['recommender system', 'recommender system'], ['recommendation engine', 'recommendation engine'], ['search ranking', 'search ranking'],
    ['ads', 'ads'], ['ad', 'ads'], ['click through', 'click through'], ['ctr', 'ctr'], ['demand forecast', 'demand forecast'], ['demand forecasting', 'demand forecast'],
    ['inventory', 'inventory'], ['pricing model', 'pricing model'], ['previous job', 'previous job'], ['previous role', 'previous role'], ['last job', 'last job'],
    ['my last company', 'my last company'], ['internship', 'internship'], ['at my previous', 'at my previous'], ['sentiment', 'sentiment'], ['object detection', 'object detection'],
    ['translation', 'translation'], ['spam', 'spam'],
  ];
  it.each(projects)('"%s" puts a figure in another project', (phrase, quoted) => {
    expect(one(`The ${phrase} model had a recall of 42.0%.`)).toEqual({ text: '42.0%', line: 1, sentence: `The ${phrase} model had a recall of 42.0%.`, verdict: 'no-run', reason: OTHER_PROJECT(quoted) });
  });

  it('another project named beside the candidate\'s own runs: the runs\' figure is still checked', () => {
    expect(one('Like in fraud work, my churn runs report a test PR-AUC of 0.639.')).toMatchObject({ verdict: 'backed', metric: 'churn.test.prAuc' });
    expect(one('Like in fraud work, my runs report a test PR-AUC of 0.70.')).toMatchObject({ verdict: 'differs', metric: 'churn.test.prAuc' });
    expect(one('Like in fraud work, the test PR-AUC was 0.70.')).toMatchObject({ verdict: 'no-run', reason: OTHER_PROJECT('fraud') });
  });

  it('a named employer is another project; the datasets, SMOTE, "At Risk" and acronyms are not employers', () => {
    expect(one('At Harbor Health my test recall was 69.5%.')).toMatchObject({ verdict: 'no-run', reason: OTHER_PROJECT() });
    expect(one('At Acme my test recall was 69.5%.')).toMatchObject({ verdict: 'no-run', reason: OTHER_PROJECT() });
    for (const lead of ['At IBM', 'At Telco', 'At UCI', 'At Online', 'At Retail', 'At SMOTE', 'At AUC', 'At MLE']) expect(one(`${lead} my test recall was 69.5%.`).verdict, lead).toBe('backed');
    expect(one('At Risk customers held 7.3% of revenue.')).toMatchObject({ verdict: 'backed', metric: 'segment.segments.atRisk.revenueShare' });
    // lower-case "at" after a word is not an employer either
    expect(one('Looking at recall, my test recall was 69.5%.').verdict).toBe('backed');
  });

  it('changes (before vs after) are not levels', () => {
    expect(one('We improved recall by 5%.')).toMatchObject({ verdict: 'no-run', reason: CHANGE });
    expect(one('Recall went up 5%.')).toMatchObject({ verdict: 'no-run', reason: CHANGE });
    expect(one('We cut costs by $5,000.')).toMatchObject({ verdict: 'no-run', reason: CHANGE });
    expect(one('Test recall was 5% higher than the baseline.')).toMatchObject({ verdict: 'no-run', reason: CHANGE });
    // a level after "to" is a level
    expect(one('We improved test recall to 69.5%.')).toMatchObject({ verdict: 'backed', metric: 'churn.test.recall' });
    // "made up": "up" after "made" is no change
    expect(one('Flagged customers made up 460 of the test set.').reason).not.toBe(CHANGE);
  });

  it('a change in money is a change even when it names a setting', () => {
    // the offer cost is a setting of the run, but "reduced ... by $10" is a change, checked before settings
    expect(one('We reduced the offer cost by $10.')).toMatchObject({ verdict: 'no-run', reason: CHANGE });
  });

  it('a ratio between two systems, money earned or saved, and money no run measured', () => {
    expect(one('The model is 3x faster than the baseline.')).toMatchObject({ verdict: 'no-run', reason: 'no run records a ratio between two systems or periods; quote both measured figures instead' });
    expect(one('The model earned $16,000, an estimate under my cost model.')).toMatchObject({ verdict: 'no-run', reason: MONEY });
    expect(one('Our churn model generated $16,000 on the test customers.')).toMatchObject({ verdict: 'no-run', reason: MONEY });
    expect(one('It came to $3,000.')).toMatchObject({ verdict: 'no-run', reason: MONEY });
    // money generated by targeting is no figure a run measured, though the words of the net-value gain are near
    expect(one('Targeting at the chosen threshold generated $16,000 on the test customers.')).toEqual({ text: '$16,000', line: 1, sentence: 'Targeting at the chosen threshold generated $16,000 on the test customers.', verdict: 'no-run', reason: MONEY });
    // the run's own net value, named as such, is backed
    expect(one("The model's net value was $16,000 on the test customers.")).toMatchObject({ verdict: 'backed', metric: 'churn.threshold.netValue', reason: `run ${CHURN} measured 16,000 (threshold.netValue, telco)` });
  });

  it('latency or throughput with no words a run has, and a figure no words name', () => {
    expect(one('It took 40 ms.')).toMatchObject({ verdict: 'no-run', reason: 'no run of yours has measured this latency or throughput yet (run `prep lab churn loadtest`)' });
    expect(one('We handled 300 req/s.')).toMatchObject({ verdict: 'no-run', reason: 'no run of yours has measured this latency or throughput yet (run `prep lab churn loadtest`)' });
    expect(one('The weather was 42.0% cloudy.')).toEqual({ text: '42.0%', line: 1, sentence: 'The weather was 42.0% cloudy.', verdict: 'no-run', reason: NO_WORDS });
  });

  it('a figure the catalogue knows that no run has measured names the command that records it, and the dataset', () => {
    expect(one('The test Brier score was 0.14.')).toEqual({ text: '0.14', line: 1, sentence: 'The test Brier score was 0.14.', verdict: 'no-run', metric: 'churn.test.brier', reason: 'no run of yours has measured test.brier yet on telco (`prep lab churn` records it)' });
  });

  it('a bare small count is no claim; a bare small count with the words of a figure is', () => {
    expect(checkClaims('We compared 3 approaches.', frozen)).toEqual([]);
    expect(one('K-means chose k = 2 clusters, with a silhouette of 0.433.', '0.433')).toMatchObject({ verdict: 'backed', metric: 'segment.kmeans.silhouette' });
    expect(one('Only 2 columns drifted.')).toMatchObject({ verdict: 'backed', metric: 'churn.drift.driftedColumns' });
  });
});

describe('settings: what the candidate chose, checked against the run\'s parameters', () => {
  it('folds from the run parameters: matching, and not', () => {
    expect(one('I used 5-fold cross-validation.')).toEqual({ text: '5-fold', line: 1, sentence: 'I used 5-fold cross-validation.', verdict: 'setting', runId: CHURN, runValue: 5, metric: 'churn.params.folds', reason: `a setting (cross-validation folds), not a result: run ${CHURN} used 5` });
    expect(one('I used 10-fold cross-validation.')).toMatchObject({ verdict: 'setting', runValue: 5, reason: `a setting (cross-validation folds), not a result; but run ${CHURN} used 5` });
  });

  it('a setting with a parameter no run records, and a setting with no parameter', () => {
    expect(one('The A/B test had a power of 22%.')).toEqual({ text: '22%', line: 1, sentence: 'The A/B test had a power of 22%.', verdict: 'setting', reason: 'a setting (statistical power), not a result' });
    expect(one('We used a random seed of 42.')).toMatchObject({ verdict: 'setting', reason: 'a setting (random seed), not a result' });
  });

  it('a setting the run recorded as a figure (the cost model): matching in any unit, and not', () => {
    expect(one('Each retention offer cost $50.')).toMatchObject({ verdict: 'setting', metric: 'churn.threshold.offerCost', runId: CHURN, runValue: 50, dataset: 'telco', reason: `a setting you chose, not a result: run ${CHURN} used 50 (threshold.offerCost)` });
    expect(one('Each retention offer cost $80.')).toMatchObject({ verdict: 'setting', metric: 'churn.threshold.offerCost', reason: `a setting you chose, not a result; but run ${CHURN} used 50 (threshold.offerCost)` });
    expect(one('I assumed an offer success rate of 30%.')).toMatchObject({ verdict: 'setting', metric: 'churn.threshold.successRate', reason: `a setting you chose, not a result: run ${CHURN} used 30.0% (threshold.successRate)` });
    expect(one('I assumed an offer success rate of 0.3.')).toMatchObject({ verdict: 'setting', metric: 'churn.threshold.successRate', reason: `a setting you chose, not a result: run ${CHURN} used 0.300 (threshold.successRate)` });
  });

  it('a period in a business is no setting of a run', () => {
    expect(one('I trained the model for 3 weeks in production.')).toMatchObject({ verdict: 'no-run' });
    expect(one('The fraud model retrained every 12 weeks.')).toMatchObject({ verdict: 'no-run', reason: 'a period in a business or another project, which no run of yours records' });
  });
});

describe('run citations prep writes after a figure come out before the figures are read', () => {
  it('one run or several: the citation leaves the sentence, the figure stays backed', () => {
    for (const text of [`Test recall was 69.5% (run ${CHURN}).`, `Test recall was 69.5% (runs ${CHURN}, ${SEGMENT}).`, `Test recall was 69.5%(run ${CHURN}).`, `Test recall was 69.5% (run abtest-20261201-100159-4c46).`]) {
      expect(checkClaims(text, frozen).map((c) => [c.text, c.verdict, c.sentence]), text).toEqual([['69.5%', 'backed', 'Test recall was 69.5%.']]);
    }
  });

  it('a citation on one line keeps the line numbers of the figures after it', () => {
    const checks = checkClaims(`Test recall was 69.5% (run ${CHURN}).\nMy test ROC-AUC was 0.834 (run ${CHURN}).`, frozen);
    expect(checks.map((c) => [c.text, c.line, c.verdict, c.sentence])).toEqual([['69.5%', 1, 'backed', 'Test recall was 69.5%.'], ['0.834', 2, 'backed', 'My test ROC-AUC was 0.834.']]);
  });

  it('near misses are not citations: they stay in the sentence', () => {
    const misses = [
      `(run Churn-20261201-095907-93cb)`, // capital letter in the lab
      `(run churn-2026120-095907-93cb)`, // seven-digit date
      `(run churn-20261201-09590-93cb)`, // five-digit time
      `(run churn-20261201-095907-93c)`, // three hex digits
      `(run churn-20261201-095907-93cg)`, // not hex
      `(see churn-20261201-095907-93cb)`, // not "run"
      `(run churn-20261201-095907-93cb`, // unclosed
      `(runs ${CHURN}; ${SEGMENT})`, // wrong separator
    ];
    for (const citation of misses) {
      const text = `Test recall was 69.5% ${citation}.`;
      const checks = checkClaims(text, frozen).filter((c) => c.text === '69.5%');
      expect(checks.map((c) => c.sentence), citation).toEqual([text]);
    }
  });
});
