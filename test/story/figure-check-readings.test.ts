/**
 * Five readings the figure check got wrong, each pinned on general wordings and beside near misses
 * that must not change (labelled sentences for them: test/fixtures/figure-check/faults.jsonl,
 * points 11-15): a variant named without a metric word, shares of a data subgroup, fractions in
 * words, movements without "from", and denied figures, which are listed but not checked. Against
 * the frozen run store of test/fixtures/figure-check, and `prep story check` spawned for the output.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkClaims } from '../../src/story/check.js';
import { analyse } from '../../src/text/analyse.js';
import { extractFigures } from '../../src/text/figures.js';
import { makeTempHome, repoRoot, runPrep } from '../helpers/home.js';
import { frozenRuns, memoryRuns } from '../helpers/frozen-runs.js';

const frozen = frozenRuns(join(repoRoot, 'test/fixtures/figure-check'));
const figuresOf = (text: string) => analyse(text).flatMap((s) => extractFigures(s, text));
const check = (text: string, figure: string) => checkClaims(text, frozen).find((c) => c.text === figure);

describe('a denied figure', () => {
  it.each([
    ['Test recall was not 80% but 69.5%.', '80%', 'not 80%'],
    ["The test AUC wasn't 0.88; it was 0.834.", '0.88', "wasn't 0.88"],
    ["I didn't get 0.85 AUC, I got 0.834 on the test set.", '0.85', "didn't get 0.85"],
    ['Accuracy was never 90%, it was 77.7% on the test set.', '90%', 'never 90%'],
  ])('"%s": %s is listed as denied, with its wording, and matched to no run', (text, figure, wording) => {
    const c = check(text, figure);
    expect(c).toMatchObject({ verdict: 'denied' });
    expect(c!.reason).toContain(`"${wording}"`);
    expect(c!.metric).toBeUndefined();
    expect(c!.runValue).toBeUndefined();
  });

  it('a negated bound and a negation in another clause are still claims', () => {
    expect(check('Test AUC did not drop below 0.83.', '0.83')?.verdict).toBe('backed');
    expect(check('We did not use SMOTE for the final model; test recall was 69.5%.', '69.5%')?.verdict).toBe('backed');
  });

  it('shows in `prep story check`, text and --json, and does not fail the check', () => {
    const home = makeTempHome();
    const text = runPrep(['story', 'check', '-'], { home, input: 'Test recall was not 80%.\n' });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/80%\s+denied\s+denied by the sentence \("not 80%"\)/);
    expect(text.stdout).toContain('1 denied in the text, not checked');
    const json = runPrep(['story', 'check', '-', '--json'], { home, input: 'Test recall was not 80%.\n' });
    const out = JSON.parse(json.stdout) as { claims: { text: string; verdict: string }[]; denied: number; unbacked: number };
    expect(out.claims.map((c) => [c.text, c.verdict])).toEqual([['80%', 'denied']]);
    expect(out).toMatchObject({ denied: 1, unbacked: 0 });
  });
});

describe('a movement written without "from"', () => {
  const pairs: [string, string][] = [
    ['Recall rose 53 to 79%.', 'Recall rose from 53% to 79%.'],
    ['CV recall rose 53% to 79% with class weights.', 'CV recall rose from 53% to 79% with class weights.'],
    ['Class weights lifted CV recall 53% to 79%.', 'Class weights lifted CV recall from 53% to 79%.'],
    ['Test AUC went up 0.80 to 0.834.', 'Test AUC went up from 0.80 to 0.834.'],
    ['The churn rate fell 26.5 → 20%.', 'The churn rate fell from 26.5% to 20%.'],
    ['The churn rate fell 26.5% → 20%.', 'The churn rate fell from 26.5% to 20%.'],
    ['Test recall dropped 69.5 to 50.3% at the default threshold.', 'Test recall dropped from 69.5% to 50.3% at the default threshold.'],
    ['Recall climbed sharply 53 to 79% once we weighted the classes.', 'Recall climbed sharply from 53% to 79% once we weighted the classes.'],
  ];
  it.each(pairs)('"%s" reads as "%s": both ends checked, the unit carried to the first', (bare, withFrom) => {
    const got = checkClaims(bare, frozen).map((c) => [c.verdict, c.metric, c.runValue]);
    expect(got).toHaveLength(2);
    expect(got).toEqual(checkClaims(withFrom, frozen).map((c) => [c.verdict, c.metric, c.runValue]));
    for (const c of checkClaims(bare, frozen)) expect(c.reason).not.toMatch(/a change \(before vs after\)/);
  });

  it('the first end is its own figure, with the unit of the second and its own precision', () => {
    expect(figuresOf('Recall rose 53 to 79%.').map((f) => [f.text, f.value, f.unit, f.movesTo])).toEqual([['53', 0.53, 'percent', 1], ['79%', 0.79, 'percent', undefined]]);
    expect(figuresOf('Churn fell 26.5 → 20%.').map((f) => [f.text, f.value, f.resolution])).toEqual([['26.5', 0.265, 0.0005], ['20%', 0.2, 0.005]]);
    expect(figuresOf('AUC went up 0.80 to 0.84.').map((f) => [f.text, f.movesTo])).toEqual([['0.80', 1], ['0.84', undefined]]);
  });

  it('resolves both ends to one figure in two conditions when the run has both values', () => {
    for (const text of ['Test recall went up 50.3 to 69.5% when we moved off the default 0.5 threshold.', 'Test recall went up from 50.3% to 69.5% when we moved off the default 0.5 threshold.']) {
      const [low, high] = checkClaims(text, frozen);
      expect(low).toMatchObject({ verdict: 'backed', metric: 'churn.test.default.recall' });
      expect(high).toMatchObject({ verdict: 'backed', metric: 'churn.test.recall' });
    }
    // a pair whose second value no run has still differs, against the figure the words name
    expect(check('Test recall went up 50.3 to 75% when we moved off the default 0.5 threshold.', '75%')?.verdict).toBe('differs');
  });

  it('leaves ranges, changes "by", and changes alone', () => {
    expect(figuresOf('Fold AUCs ranged 0.83 to 0.86.').map((f) => [f.value, f.high])).toEqual([[0.83, 0.86]]);
    expect(figuresOf('Latency was 5 to 16 ms.').map((f) => [f.value, f.high])).toEqual([[5, 16]]);
    expect(figuresOf('Fold recall was 50 to 54%.').map((f) => [f.value, f.high])).toEqual([[0.5, 0.54]]);
    // a verb that takes an object needs one ("took recall 53% to 79%"); a verb's direction must be the movement's
    expect(figuresOf('Each request took 5 to 16 ms.').map((f) => [f.value, f.high])).toEqual([[5, 16]]);
    expect(figuresOf('Costs fell 5 to 10%.').map((f) => [f.value, f.high])).toEqual([[0.05, 0.1]]);
    expect(figuresOf('Class weights took CV recall 53% to 79%.').map((f) => f.movesTo)).toEqual([1, undefined]);
    const by = checkClaims('Class weights raised CV recall by 26% to 79%.', frozen);
    expect(by.map((c) => [c.text, c.verdict])).toEqual([['26%', 'no-run'], ['79%', 'backed']]);
    expect(check('Class weights lifted CV recall about 5%.', '5%')?.verdict).toBe('no-run');
    expect(check('Test recall went up 5%.', '5%')?.reason).toMatch(/a change/);
  });
});

describe('fractions in words', () => {
  it('read as the share, to the precision the wording implies: half the gap to the nearest other simple fraction', () => {
    const read = (text: string) => figuresOf(text).map((f) => [f.text, +f.value.toFixed(4), +f.resolution.toFixed(4), f.unit, f.fraction]);
    expect(read('A quarter of customers churned.')).toEqual([['A quarter', 0.25, 0.025, 'percent', true]]);
    expect(read('Half of the churners were caught.')).toEqual([['Half', 0.5, 0.05, 'percent', true]]);
    expect(read('Half the churners were caught.')).toEqual([['Half', 0.5, 0.05, 'percent', true]]);
    expect(read('A third of customers churned.')).toEqual([['A third', 0.3333, 0.0333, 'percent', true]]);
    expect(read('Two-thirds of churners left.')).toEqual([['Two-thirds', 0.6667, 0.0333, 'percent', true]]);
    expect(read('Three quarters of churners were caught.')).toEqual([['Three quarters', 0.75, 0.025, 'percent', true]]);
    expect(read('A fifth of the customers bring most revenue.')).toEqual([['A fifth', 0.2, 0.025, 'percent', true]]);
    expect(read('A tenth of the columns drifted.')).toEqual([['A tenth', 0.1, 0.05, 'percent', true]]);
    expect(figuresOf('About a quarter of customers churned.')[0]!.approximation).toBe('about');
    expect(figuresOf('More than half of the churners were caught.')[0]!.approximation).toBe('over');
    expect(read('Test recall was about two thirds.')).toEqual([['two thirds', 0.6667, 0.0333, 'percent', true]]);
  });

  it('are not periods, changes, or parts of something else', () => {
    for (const text of ['In the first half of 2011 revenue grew.', 'It took half an hour.', 'We cut churn by half.', 'A quarter of the year passed.', 'The third model was best.', 'It took an hour and a half.', 'The team was split in half.', 'Each quarter of 2011 we retrained.', 'The second half of the data was newer.', 'Half way through we switched.', 'The model took half the time to train.', 'I spent half of the project on data cleaning.']) {
      expect(figuresOf(text), text).toEqual([]);
    }
    // "1 in 4" is read as before
    expect(figuresOf('One in four customers churned.')[0]).toMatchObject({ value: 0.25, fraction: true });
  });

  it('are checked like any share', () => {
    expect(check('A quarter of the Telco customers churned.', 'A quarter')).toMatchObject({ verdict: 'backed', metric: 'churn.dataset.positiveRate' });
    expect(check('A third of the Telco customers churned.', 'A third')).toMatchObject({ verdict: 'differs', metric: 'churn.dataset.positiveRate' });
    expect(check('On the test set the model caught two thirds of the churners.', 'two thirds')).toMatchObject({ verdict: 'backed', metric: 'churn.test.recall' });
    expect(check('On the test set the model caught three quarters of the churners.', 'three quarters')).toMatchObject({ verdict: 'differs', metric: 'churn.test.recall' });
  });
});

describe('a share of a subgroup of the data', () => {
  // the churn run's profile (its "result" artifact, test/fixtures/figure-check/artifacts.json) records rows and
  // churners by each value of each low-cardinality column: a subgroup's churn rate, share of churners and share of
  // customers follow from it, and nothing else about subgroups
  it.each([
    ['75% of churners were on month-to-month contracts.', '75%', 'differs', 'Contract=Month-to-month.shareOfChurners', 1655 / 1869],
    ['Most churners, 89%, were on month-to-month contracts.', '89%', 'backed', 'Contract=Month-to-month.shareOfChurners', 1655 / 1869],
    ['Three quarters of churners had month-to-month contracts.', 'Three quarters', 'differs', 'Contract=Month-to-month.shareOfChurners', 1655 / 1869],
    ['Two thirds of churners paid by electronic check.', 'Two thirds', 'differs', 'PaymentMethod=Electronic check.shareOfChurners', 1071 / 1869],
    ['About 55% of churners were senior citizens.', '55%', 'differs', 'SeniorCitizen=1.shareOfChurners', 476 / 1869],
    ['16% of customers were seniors.', '16%', 'backed', 'SeniorCitizen=1.shareOfCustomers', 1142 / 7043],
    ['Nearly half of the Telco customers were on month-to-month contracts.', 'half', 'backed', 'Contract=Month-to-month.shareOfCustomers', 3875 / 7043],
    ['41.7% of seniors churned.', '41.7%', 'backed', 'SeniorCitizen=1.churnRate', 476 / 1142],
    ['Churn among fiber customers was 42%.', '42%', 'backed', 'InternetService=Fiber optic.churnRate', 1297 / 3096],
    ['Of the customers on month-to-month contracts, 42.7% churned.', '42.7%', 'backed', 'Contract=Month-to-month.churnRate', 1655 / 3875],
    ['Month-to-month customers churned at 42.7%.', '42.7%', 'backed', 'Contract=Month-to-month.churnRate', 1655 / 3875],
    ['Customers without tech support churned at 41.6%.', '41.6%', 'backed', 'TechSupport=No.churnRate', 1446 / 3473],
    ['The churn rate for two-year contracts was 2.8%.', '2.8%', 'backed', 'Contract=Two year.churnRate', 48 / 1695],
    ['Electronic check payers had a churn rate of 45%.', '45%', 'backed', 'PaymentMethod=Electronic check.churnRate', 1071 / 2365],
  ])('"%s": %s is checked against the profile (%s, %s)', (text, figure, verdict, key, value) => {
    const c = check(text as string, figure as string);
    expect(c).toMatchObject({ verdict, metric: `churn.profile.${key}` });
    expect(c!.runValue).toBeCloseTo(value as number, 10);
    expect(c!.reason).toMatch(/profile: \d+\.\d%, the (?:churn rate|share of churners|share of customers) (?:of|with) /);
  });

  it.each([
    ['55% of seniors were on month-to-month contracts.', '55%', 'on month-to-month contracts'],
    ['42% of fiber customers on month-to-month contracts churned.', '42%', 'fiber customers on month-to-month contracts'],
  ])('"%s": a subgroup of two columns is "no run", naming it', (text, figure, subgroup) => {
    const c = check(text, figure);
    expect(c).toMatchObject({ verdict: 'no-run' });
    expect(c!.reason).toContain(`("${subgroup}")`);
    expect(c!.runValue).toBeUndefined();
  });

  it('a model metric of a subgroup with no per-group metric is "no run", not the whole test set\'s', () => {
    for (const text of ['Recall for month-to-month customers was 75%.', 'On month-to-month customers the model\'s recall was 80%.', 'Of the churners on month-to-month contracts, 75% were caught by the model.']) {
      const [c] = checkClaims(text, frozen);
      expect(c, text).toMatchObject({ verdict: 'no-run' });
      expect(c!.reason).toContain('for a subgroup (Contract = Month-to-month)');
    }
    expect(check('Precision among seniors was 60.5%.', '60.5%')).toMatchObject({ verdict: 'backed', metric: 'churn.fairness.senior.1.precision' });
    expect(check('Test recall was 69.5% over one year of data.', '69.5%')).toMatchObject({ verdict: 'backed', metric: 'churn.test.recall' });
  });

  it('without a stored profile it is "no run", never a model metric or the whole data\'s rate', () => {
    const bare = memoryRuns([{ id: 'churn-20261201-100000-aaaa', dataset: 'telco', startedAt: '2026-12-01T10:00:00', metrics: { 'test.recall': 0.6952, 'dataset.positiveRate': 0.2654, 'fairness.senior.1.recall': 0.8276 } }]);
    for (const [text, figure] of [['75% of churners were on month-to-month contracts.', '75%'], ['41.7% of seniors churned.', '41.7%'], ['About 55% of churners were senior citizens.', '55%']]) {
      const c = checkClaims(text!, bare).find((x) => x.text === figure);
      expect(c, text).toMatchObject({ verdict: 'no-run' });
      expect(c!.reason).toMatch(/subgroup of the data/);
    }
  });

  it.each([
    ['26.5% of the Telco customers churned.', '26.5%', 'backed', 'churn.dataset.positiveRate'],
    ['The model reached 69.5% of churners on held-out customers.', '69.5%', 'backed', 'churn.test.recall'],
    ['82.8% of senior churners were caught on the test set.', '82.8%', 'backed', 'churn.fairness.senior.1.recall'],
    ['Recall for seniors was 82.8%.', '82.8%', 'backed', 'churn.fairness.senior.1.recall'],
    ['34.7% of women were flagged on the test set.', '34.7%', 'backed', 'churn.fairness.gender.Female.positiveRate'],
    ['56.5% of flagged test customers really churned.', '56.5%', 'backed', 'churn.test.precision'],
    ['80% of churners were caught on the test set.', '80%', 'differs', 'churn.test.recall'],
    ['Churn in the Telco data was 30%.', '30%', 'differs', 'churn.dataset.positiveRate'],
    ['Customers in the Telco sample churned at 26.5%.', '26.5%', 'backed', 'churn.dataset.positiveRate'],
    ['Contract=Month-to-month had a mean absolute SHAP value of 77%.', '77%', 'differs', 'churn.explain.global.Contract=Month-to-month'],
  ])('"%s": the whole data, a model metric or a named group stays as it was (%s %s)', (text, figure, verdict, metric) => {
    expect(check(text, figure)).toMatchObject({ verdict, metric });
  });
});

describe('a variant named without a metric word', () => {
  it.each([
    ['The leaky SMOTE score of 0.92 was an artefact.', '0.92', 'churn.imbalance.smoteLeaky.auc', 'ROC-AUC'],
    ['Leaky SMOTE gave 0.919.', '0.919', 'churn.imbalance.smoteLeaky.auc', 'ROC-AUC'],
    ['SMOTE done inside the folds gave 0.843.', '0.843', 'churn.imbalance.smoteInFolds.auc', 'ROC-AUC'],
    ['Class weights gave 79%.', '79%', 'churn.imbalance.classWeights.recall', 'recall'],
    ['The random forest scored 0.849 in cross-validation.', '0.849', 'churn.cv.random_forest.auc.mean', 'ROC-AUC'],
    ['Gradient boosting came out at 0.805.', '0.805', 'churn.cv.gradient_boosting.accuracy.mean', 'accuracy'],
  ])('"%s": %s is checked against the variant and says which metric it assumed', (text, figure, metric, assumed) => {
    const c = check(text, figure);
    expect(c).toMatchObject({ verdict: 'backed', metric });
    expect(c!.reason).toMatch(new RegExp(`^read as the ${assumed} of .*the sentence names no metric`));
  });

  it('a value none of its figures has is judged on the headline ROC-AUC when plainly nearest it, and says so', () => {
    const c = check('The class-weighted model reached 0.86.', '0.86');
    expect(c).toMatchObject({ verdict: 'differs', metric: 'churn.imbalance.classWeights.auc' });
    expect(c!.reason).toContain('its headline figure (the sentence names no metric)');
    expect(check('Leaky SMOTE gave 0.95.', '0.95')).toMatchObject({ verdict: 'differs', metric: 'churn.imbalance.smoteLeaky.auc' });
    // too high for an honest model on this data, whichever variant it is
    expect(check('Class weights got 0.95.', '0.95')?.verdict).toBe('suspicious');
  });

  it('says so rather than guess when the variant\'s metrics are close to the value', () => {
    for (const [text, figure] of [['The random forest scored 0.83.', '0.83'], ['Class weights gave 0.80.', '0.80'], ['Leaky SMOTE gave 0.89.', '0.89']]) {
      const c = check(text!, figure!);
      expect(c, text).toMatchObject({ verdict: 'no-run' });
      expect(c!.reason).toMatch(/names .* but no metric.*does not guess/);
      expect(c!.runValue).toBeUndefined();
    }
  });

  it('with several variants named, a value one of them has is that one; none is never "differs"', () => {
    const [weights, smote] = checkClaims('Class weights beat SMOTE, 0.848 against 0.843.', frozen);
    expect(weights).toMatchObject({ verdict: 'backed', metric: 'churn.imbalance.classWeights.auc' });
    expect(smote).toMatchObject({ verdict: 'backed', metric: 'churn.imbalance.smoteInFolds.auc' });
    for (const c of checkClaims('Class weights beat SMOTE, 0.87 against 0.81.', frozen)) expect(c.verdict).not.toBe('differs');
  });

  it('"leaky SMOTE" is the leaky variant, also when a metric is named; SMOTE named on its own beside it is the other', () => {
    expect(check('CV recall with leaky SMOTE was 75%.', '75%')).toMatchObject({ verdict: 'differs', metric: 'churn.imbalance.smoteLeaky.recall' });
    expect(check('SMOTE applied before the split gave a CV recall of 85.8%.', '85.8%')).toMatchObject({ verdict: 'backed', metric: 'churn.imbalance.smoteLeaky.recall' });
    const [honest, leaky] = checkClaims('SMOTE inside the training folds gave 0.843, while SMOTE before the split gave a leaky 0.919.', frozen);
    expect(honest).toMatchObject({ verdict: 'backed', metric: 'churn.imbalance.smoteInFolds.auc' });
    expect(leaky).toMatchObject({ verdict: 'backed', metric: 'churn.imbalance.smoteLeaky.auc' });
    expect(check('Without any rebalancing, the model got 0.849.', '0.849')).toMatchObject({ verdict: 'backed', metric: 'churn.imbalance.none.auc' });
  });

  it('leaves sentences with a metric word, words that only point to a variant, settings and changes as they were', () => {
    expect(check('With class weights, CV recall was 79.3%.', '79.3%')).toMatchObject({ verdict: 'backed', metric: 'churn.imbalance.classWeights.recall' });
    expect(check('With class weights, CV recall was 79.3%.', '79.3%')!.reason).not.toContain('names no metric');
    expect(check('Honestly, the model got 0.80.', '0.80')?.verdict ?? 'no-run').toBe('no-run');
    expect(check('Class weights lifted CV recall by 26 points.', '26 points')?.verdict).toBe('no-run');
    expect(check('For the random forest we used 5-fold cross-validation.', '5-fold')?.verdict).toBe('setting');
  });
});
