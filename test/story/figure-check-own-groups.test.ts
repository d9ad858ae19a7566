/**
 * Fairness groups of a user's own dataset (--fairness on an imported table: fairness.geography.Germany.recall,
 * age bands such as fairness.age.46-72.recall) are figures the check resolves by the group's own words,
 * like the Telco sample's women and seniors; a figure of the whole test set stays the test set's.
 */
import { describe, expect, it } from 'vitest';
import { checkClaims, type RunSource } from '../../src/story/check.js';
import { frozenRuns, memoryRuns } from '../helpers/frozen-runs.js';
import { join } from 'node:path';
import { repoRoot } from '../helpers/home.js';
import { findEntry } from '../../src/labs/catalogue/index.js';
import { toExplanation } from '../../src/labs/explain.js';
import { extractFigures } from '../../src/text/figures.js';
import { analyse } from '../../src/text/analyse.js';

const bank = memoryRuns([
  {
    id: 'churn-20261202-013155-df98',
    dataset: 'bank',
    startedAt: '2026-12-02T01:31:55',
    metrics: {
      'test.recall': 0.2828,
      'test.auc': 0.759,
      'fairness.geography.Germany.recall': 0.4512,
      'fairness.geography.France.recall': 0.2034,
      'fairness.geography.Spain.recall': 0.1765,
      'fairness.gender.Female.recall': 0.3068,
      'fairness.gender.Male.recall': 0.2456,
      'fairness.age.46-72.recall': 0.4667,
      'fairness.age.18-32.recall': 0,
      'fairness.geography.recallGap': 0.2747,
    },
  },
]);

/** The frozen Telco run store of the labelled figure-check sets. */
const telco = frozenRuns(join(repoRoot, 'test/fixtures/figure-check'));
/** The verdict the check gives one figure of a sentence, against the Telco store. */
const telcoVerdict = (sentence: string, figure: string) => checkClaims(sentence, telco).find((c) => c.text === figure)?.verdict;

const verdictOf = (sentence: string, figure: string) => {
  const c = checkClaims(sentence, bank).find((x) => x.text === figure);
  return c ? [c.verdict, c.metric] : undefined;
};

describe('fairness groups of an imported dataset', () => {
  it('the catalogue knows their keys, and names them by their values', () => {
    expect(findEntry('churn', 'fairness.geography.Germany.recall')).toBeDefined();
    expect(findEntry('churn', 'fairness.age.46-72.recall')).toBeDefined();
    expect(findEntry('churn', 'fairness.geography.recallGap')).toBeDefined();
    const run = bank.list()[0]!;
    const explained = toExplanation(run, { runId: run.id, key: 'fairness.geography.Germany.recall', value: 0.4512, formula: 'tp / (tp + fn)', inputs: {}, stage: 'fairness', unit: 'ratio' } as never, []);
    expect(explained.meaning).toMatch(/recall for germany/i);
  });

  it('a group figure is backed by its group, a wrong one differs from its group, not from the whole test set', () => {
    expect(verdictOf('Recall for customers in Germany was 45%.', '45%')).toEqual(['backed', 'churn.fairness.geography.Germany.recall']);
    expect(verdictOf('In France, recall was only 20%.', '20%')).toEqual(['backed', 'churn.fairness.geography.France.recall']);
    expect(verdictOf('Recall for customers in Germany was 28%.', '28%')).toEqual(['differs', 'churn.fairness.geography.Germany.recall']);
    expect(verdictOf('Recall for women was 31%.', '31%')).toEqual(['backed', 'churn.fairness.gender.Female.recall']);
    expect(verdictOf('Overall, test recall was 28%.', '28%')).toEqual(['backed', 'churn.test.recall']);
  });

  it('an age band is named by its range', () => {
    expect(verdictOf('For customers aged 46 to 72, recall was 47%.', '47%')).toEqual(['backed', 'churn.fairness.age.46-72.recall']);
  });
});

describe('ages that say who a figure is about are not figures', () => {
  const figuresOf = (text: string) => extractFigures(analyse(text)[0]!, text).map((f) => f.text);
  it.each([
    ['For customers aged 46 to 72, recall was 47%.', ['47%']],
    ['Among 18-32 year olds recall was 0%.', ['0%']],
    ['Customers aged 65 and over churned at 42%.', ['42%']],
    ['The over-65s churned at 41.7%, against 23.6% for everyone else.', ['41.7%', '23.6%']],
    ['Customers in their 40s were flagged 12% of the time.', ['12%']],
    ['Seniors (65+) had a recall of 83%.', ['83%']],
    ['Customers older than 65 churned at 42%.', ['42%']],
    ['Among 65-year-olds recall was 83%.', ['83%']],
  ])('%s', (text, expected) => {
    expect(figuresOf(text)).toEqual(expected);
  });

  it.each([
    ['Recall rose to over 65% once I lowered the threshold.', ['65%']],
    ['The median customer was 38 years old.', ['38 years']],
    ['The model scored 7,043 customers in under 2 seconds.', ['7,043', '2 seconds']],
  ])('still figures: %s', (text, expected) => {
    expect(figuresOf(text)).toEqual(expected);
  });

  it('the check no longer calls an age range "differs"', () => {
    const checks = checkClaims('Customers aged 46 to 72 were caught 47% of the time, against almost none of those aged 18 to 32.', bank);
    expect(checks.map((c) => [c.text, c.verdict])).toEqual([['47%', 'backed']]);
  });
});

describe('comparisons between groups: the second figure is its own group\'s', () => {
  const read = (sentence: string, source: RunSource = telco) => checkClaims(sentence, source).map((c) => [c.text, c.verdict, c.metric]);
  it.each([
    // the second group named as the clause's subject
    ['Fiber customers churned at 41.9%, while DSL customers churned at 19%.', [['41.9%', 'backed', 'churn.profile.InternetService=Fiber optic.churnRate'], ['19%', 'backed', 'churn.profile.InternetService=DSL.churnRate']]],
    ['Month-to-month customers churned at 42.7%, whereas two-year customers churned at 2.8%.', [['42.7%', 'backed', 'churn.profile.Contract=Month-to-month.churnRate'], ['2.8%', 'backed', 'churn.profile.Contract=Two year.churnRate']]],
    // ... and a wrong second figure differs from its own group, not from the first
    ['Fiber customers churned at 41.9%, while DSL customers churned at 25%.', [['41.9%', 'backed', 'churn.profile.InternetService=Fiber optic.churnRate'], ['25%', 'differs', 'churn.profile.InternetService=DSL.churnRate']]],
    // the rest of a two-valued group still reads as before
    ['Seniors churned at 41.7%, against 23.6% for everyone else.', [['41.7%', 'backed', 'churn.profile.SeniorCitizen=1.churnRate'], ['23.6%', 'backed', 'churn.profile.SeniorCitizen=0.churnRate']]],
  ])('%s', (sentence, expected) => {
    expect(read(sentence)).toEqual(expected);
  });

  it('a group named after its figure ("against 12% in France") on an imported dataset\'s profile', () => {
    const profile = { rows: 5000, positives: 725, positiveRate: 0.145, rateBy: [{ column: 'Geography', rows: [{ value: 'France', rows: 1652, positives: 199, rate: 0.1205 }, { value: 'Germany', rows: 1655, positives: 340, rate: 0.2054 }, { value: 'Spain', rows: 1693, positives: 186, rate: 0.1099 }] }] };
    const withProfile = memoryRuns([{ id: 'churn-20261202-013155-df98', dataset: 'bank', startedAt: '2026-12-02T01:31:55', metrics: { 'dataset.positiveRate': 0.145 }, artifacts: { result: { profile } } }]);
    expect(read('Customers in Germany churned at 20.5%, against 12% in France.', withProfile)).toEqual([
      ['20.5%', 'backed', 'churn.profile.Geography=Germany.churnRate'],
      ['12%', 'backed', 'churn.profile.Geography=France.churnRate'],
    ]);
    // not a group: the data as a whole after the figure, or a sentence that is not about churn
    expect(checkClaims('Churn was 14.5% overall, against 14% on the test set.', withProfile).map((c) => c.reason).join(' ')).not.toMatch(/subgroup/);
    const reasons = checkClaims('Checking daily gave a false positive rate of 7.5%, against 2.5% with a fixed horizon.', withProfile).map((c) => c.reason);
    expect(reasons.join(' ')).not.toMatch(/subgroup/);
  });
});

describe('chance level as a yardstick is not a result', () => {
  it.each([
    ['For ROC, a random classifier has 0.5.', 'setting'],
    ['Its 95% interval includes 0.5 (random ranking).', 'setting'],
    ['An AUC of 0.5 is no better than a coin flip.', 'setting'],
  ])('%s', (sentence, verdict) => {
    expect(telcoVerdict(sentence, '0.5')).toBe(verdict);
  });

  it('0.5 that is not chance level reads as before', () => {
    expect(checkClaims('Test AUC was 0.5 lower than I hoped.', telco).find((c) => c.text === '0.5')?.reason).not.toMatch(/random guessing/);
  });
});

describe('the reach a pilot or rollout was given is a decision, not a measurement', () => {
  it.each([
    ['She agreed to a small pilot on a tenth of the accounts instead of a full launch.', 'a tenth'],
    ['We rolled it out to 10% of customers first.', '10%'],
    ['The pilot ran on 5% of the accounts for a month.', '5%'],
  ])('%s', (sentence, figure) => {
    expect(telcoVerdict(sentence, figure)).toBe('setting');
  });

  it('what the pilot did is still a result', () => {
    expect(telcoVerdict('The pilot cut churn by 10% of the baseline.', '10%')).not.toBe('setting');
  });
});
