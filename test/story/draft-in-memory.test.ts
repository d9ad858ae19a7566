/**
 * `prep story` drafts from runs held in memory (the frozen figures of test/fixtures/figure-check
 * and variations of them): every figure is the run's, formatted as written, each optional part
 * (serving, drift, the cost model, the cleaning count) appears only when a run has it, the dataset
 * and roles change the words they should, and everything drafted checks as backed against the same
 * runs. No lab runs (story.test.ts and prep-writes-backed.test.ts do the same against real runs).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { UsageError } from '../../src/errors.js';
import { checkClaims } from '../../src/story/check.js';
import { draftStory } from '../../src/story/draft.js';
import { repoRoot } from '../helpers/home.js';
import { frozenRuns, memoryRuns as memory, type MemoryRun } from '../helpers/frozen-runs.js';

const frozen = frozenRuns(join(repoRoot, 'test/fixtures/figure-check'));
const CHURN = 'churn-20261201-095907-93cb';
const SEGMENT = 'segment-20261201-095917-21b7';
const frozenMetrics = (id: string) => Object.fromEntries(frozen.metrics(id).map((m) => [m.key, m.value]));
const frozenRun = (id: string) => frozen.runs.find((r) => r.id === id)!;

const SERVE = ['serve.latencyP50Ms', 'serve.latencyP95Ms', 'serve.latencyP99Ms', 'serve.requestsPerSecond'];
const DRIFT = ['drift.driftedColumns', 'drift.driftedShare'];
const without = (metrics: Record<string, number>, keys: string[]) => Object.fromEntries(Object.entries(metrics).filter(([k]) => !keys.includes(k)));
const only = (metrics: Record<string, number>, keys: string[]) => Object.fromEntries(Object.entries(metrics).filter(([k]) => keys.includes(k)));

const churnFrozen: MemoryRun = { id: CHURN, dataset: 'telco', startedAt: frozenRun(CHURN).startedAt, metrics: frozenMetrics(CHURN), params: frozenRun(CHURN).params };
const segmentFrozen: MemoryRun = { id: SEGMENT, dataset: 'retail', startedAt: frozenRun(SEGMENT).startedAt, metrics: frozenMetrics(SEGMENT), params: frozenRun(SEGMENT).params };

describe('the churn story', () => {
  const store = memory([churnFrozen, segmentFrozen]);
  const draft = draftStory(store, 'churn', 'mle');

  it('every part, with the run\'s figures as the run recorded them', () => {
    expect(draft.project).toBe('churn');
    expect(draft.role).toBe('mle');
    expect(draft.dataset).toBe('telco');
    expect(draft.runIds).toEqual([CHURN]);
    expect(draft.star.situation).toBe(`Using IBM's fictional Telco customer sample (7,043 customers, 26.5% of them churned), the goal was to spot customers likely to leave early enough for a retention offer (run ${CHURN}).`);
    expect(draft.star.task).toBe('Build and evaluate a churn model end to end: a pipeline that trains, explains and serves the model, and watches it for drift, judged by ROC-AUC under stratified 5-fold cross-validation and tested once on a held-out set.');
    expect(draft.star.action).toBe(
      `I cleaned the data (11 blank TotalCharges belonged to customers in their first month, so they became 0); built 47 model inputs with encodings fitted inside each training fold; compared logistic regression (CV AUC 0.849), a random forest (0.849) and gradient boosting (0.849); checked class imbalance: SMOTE inside the training folds gave CV AUC 0.843, while SMOTE applied before the split would have reported a leaky CV AUC of 0.919, a leak I showed rather than shipped; set the decision threshold (0.327) from an explicit cost model rather than 0.5; explained predictions with exact TreeSHAP; served the model as an HTTP API and load-tested it on my machine: median latency 5.71 ms, p99 16.16 ms, 7,298 requests per second (run ${CHURN}); ran a drift check in which 2 columns crossed the Evidently default thresholds (run ${CHURN}).`,
    );
    expect(draft.star.result).toBe(
      'On the held-out customers the model (the best tree model) reached ROC-AUC 0.834, recall 69.5% and precision 56.5% at that threshold, against recall 50.3% at 0.5. Under my stated assumptions (an offer costs 50, a saved customer is worth 500, offers work 0.3 of the time), targeting at the chosen threshold was worth 16,000 on the test customers, against 14,200 at 0.5: an estimate under those assumptions, not a measured saving.',
    );
    expect(draft.pitch30).toBe(
      "I built a churn model on IBM's fictional Telco customer sample: 7,043 customers. Under 5-fold CV the three models reached a cross-validated AUC of about 0.849, and on the held-out set the deployed one caught 69.5% of churners at a threshold chosen by a cost model. I also showed that SMOTE before the split inflates AUC to 0.919: a leak, not skill.",
    );
    expect(draft.pitch90).toBe(`${draft.star.situation} ${draft.star.task} ${draft.star.action} ${draft.star.result}`);
  });

  it('the markdown: title, provenance with the dataset labelled as IBM\'s fictional sample, and each section in order', () => {
    expect(draft.markdown).toBe(
      [
        '# Churn prediction: my project (mle)',
        '',
        `Drafted by \`prep story\` from run ${CHURN}, all on telco (IBM's fictional Telco sample: not real customers). Every figure comes from those runs or from assumptions I set; check it with \`prep story check\` after editing.`,
        '',
        '## Situation',
        draft.star.situation,
        '',
        '## Task',
        draft.star.task,
        '',
        '## Action',
        draft.star.action,
        '',
        '## Result',
        draft.star.result,
        '',
        '## 30-second version',
        draft.pitch30,
        '',
        '## 90-second version',
        draft.pitch90,
        '',
      ].join('\n'),
    );
  });

  it('every figure it drafts checks as backed (or as a setting) against the same runs', () => {
    const checks = checkClaims(draft.markdown, store);
    expect(checks.filter((c) => c.verdict === 'backed').length).toBeGreaterThan(30);
    expect(checks.filter((c) => c.verdict !== 'backed' && c.verdict !== 'setting').map((c) => `${c.text}: ${c.verdict} ${c.reason}`)).toEqual([]);
    for (const c of checks.filter((x) => x.verdict === 'backed')) expect(c.runId, c.text).toBe(CHURN);
  });

  it('the roles change the task and the title only', () => {
    const ds = draftStory(store, 'churn', 'ds');
    const analyst = draftStory(store, 'churn', 'analyst');
    expect(ds.star.task).toBe('Build and evaluate a churn model end to end: a model whose choice, threshold and explanations I could defend to the business, judged by ROC-AUC under stratified 5-fold cross-validation and tested once on a held-out set.');
    expect(analyst.star.task).toBe('Build and evaluate a churn model end to end: an analysis of who churns and a model that ranks customers by risk, judged by ROC-AUC under stratified 5-fold cross-validation and tested once on a held-out set.');
    expect(ds.markdown.split('\n')[0]).toBe('# Churn prediction: my project (ds)');
    expect(analyst.markdown.split('\n')[0]).toBe('# Churn prediction: my project (analyst)');
    for (const other of [ds, analyst]) {
      expect(other.star.situation).toBe(draft.star.situation);
      expect(other.star.action).toBe(draft.star.action);
      expect(other.star.result).toBe(draft.star.result);
    }
  });

  it('serving and drift appear only when a run on the same data measured them, in the MLE task and the actions', () => {
    const bare = draftStory(memory([{ ...churnFrozen, metrics: without(churnFrozen.metrics, [...SERVE, ...DRIFT]) }]), 'churn', 'mle');
    expect(bare.star.task).toContain(': a pipeline that trains and explains the model, judged by');
    expect(bare.star.action).not.toMatch(/served|drift/);
    expect(bare.star.action.endsWith('explained predictions with exact TreeSHAP.')).toBe(true);
    const served = draftStory(memory([{ ...churnFrozen, metrics: without(churnFrozen.metrics, DRIFT) }]), 'churn', 'mle');
    expect(served.star.task).toContain(': a pipeline that trains, explains and serves the model, judged by');
    const drifted = draftStory(memory([{ ...churnFrozen, metrics: without(churnFrozen.metrics, SERVE) }]), 'churn', 'mle');
    expect(drifted.star.task).toContain(': a pipeline that trains and explains the model, and watches it for drift, judged by');
    expect(drifted.star.action).toContain(`ran a drift check in which 2 columns crossed the Evidently default thresholds (run ${CHURN}).`);
  });

  it('serving and drift measured by later runs: each cited by its own id, the runs listed once each', () => {
    const model = { ...churnFrozen, metrics: without(churnFrozen.metrics, [...SERVE, ...DRIFT]) };
    const serve = { id: 'churn-20261201-120000-5e5e', dataset: 'telco', startedAt: '20261201T120000', metrics: { ...only(churnFrozen.metrics, SERVE), 'serve.requestsPerSecond': 1234.4 } };
    const drift = { id: 'churn-20261201-130000-d1d1', dataset: 'telco', startedAt: '20261201T130000', metrics: { 'drift.driftedColumns': 5, 'drift.driftedShare': 0.26 } };
    const d = draftStory(memory([model, serve, drift]), 'churn', 'mle');
    expect(d.runIds).toEqual([CHURN, serve.id, drift.id]);
    expect(d.star.action).toContain(`median latency 5.71 ms, p99 16.16 ms, 1,234 requests per second (run ${serve.id})`);
    expect(d.star.action).toContain(`ran a drift check in which 5 columns crossed the Evidently default thresholds (run ${drift.id}).`);
    expect(d.markdown).toContain(`Drafted by \`prep story\` from runs ${CHURN}, ${serve.id}, ${drift.id}, all on telco`);
  });

  it('serving measured on another dataset is not drawn into a story about this one', () => {
    const model = { ...churnFrozen, metrics: without(churnFrozen.metrics, [...SERVE, ...DRIFT]) };
    const serveOnBank = { id: 'churn-20261201-120000-5e5e', dataset: 'bank', startedAt: '20261201T120000', metrics: only(churnFrozen.metrics, SERVE) };
    const d = draftStory(memory([model, serveOnBank]), 'churn', 'mle');
    expect(d.runIds).toEqual([CHURN]);
    expect(d.star.action).not.toContain('served the model');
  });

  it('the model artifact names the model; unknown names are shown as recorded', () => {
    const named = (modelName: string) => draftStory(memory([{ ...churnFrozen, artifacts: { model: { modelName } } }]), 'churn', 'mle').star.result;
    expect(named('gradient_boosting')).toContain('the model (gradient-boosted trees) reached');
    expect(named('random_forest')).toContain('the model (a random forest) reached');
    expect(named('logistic_regression')).toContain('the model (logistic regression) reached');
    expect(named('xgboost')).toContain('the model (xgboost) reached');
  });

  it('what a run lacks is left out or said generally, never invented', () => {
    const m = without(churnFrozen.metrics, ['clean.missingTotalCharges', 'threshold.netValue', 'threshold.netValueDefault']);
    const d = draftStory(memory([{ ...churnFrozen, metrics: m }]), 'churn', 'mle');
    expect(d.star.action.startsWith('I cleaned the data and reported every decision with its count; built 47 model inputs')).toBe(true);
    expect(d.star.result).toBe('On the held-out customers the model (the best tree model) reached ROC-AUC 0.834, recall 69.5% and precision 56.5% at that threshold, against recall 50.3% at 0.5.');
    // a net value without the cost model that produced it is not quoted either
    const noCost = draftStory(memory([{ ...churnFrozen, params: { folds: 5 } }]), 'churn', 'mle');
    expect(noCost.star.result).not.toContain('Under my stated assumptions');
  });

  it('folds come from the run, 5 when it did not record them; CV AUCs that differ are a range, not one of them', () => {
    const m = { ...churnFrozen.metrics, 'cv.logistic_regression.auc.mean': 0.8012, 'cv.random_forest.auc.mean': 0.8491, 'cv.gradient_boosting.auc.mean': 0.8234 };
    const ten = draftStory(memory([{ ...churnFrozen, metrics: m, params: { ...churnFrozen.params, folds: 10 } }]), 'churn', 'mle');
    expect(ten.star.task).toContain('under stratified 10-fold cross-validation');
    expect(ten.pitch30).toContain('Under 10-fold CV the three models reached a cross-validated AUC between 0.801 and 0.849, and');
    const unset = draftStory(memory([{ ...churnFrozen, params: { offerCost: 50, savedValue: 500, successRate: 0.3 } }]), 'churn', 'mle');
    expect(unset.star.task).toContain('under stratified 5-fold cross-validation');
    expect(unset.pitch30).toContain('Under 5-fold CV');
    // two of three round alike: still a range
    const close = draftStory(memory([{ ...churnFrozen, metrics: { ...m, 'cv.logistic_regression.auc.mean': 0.8488 } }]), 'churn', 'mle');
    expect(close.pitch30).toContain('a cross-validated AUC between 0.823 and 0.849,');
  });

  it('another dataset is named as such, and an unnamed one too', () => {
    const bank = draftStory(memory([{ ...churnFrozen, dataset: 'bank' }]), 'churn', 'mle');
    expect(bank.dataset).toBe('bank');
    expect(bank.star.situation.startsWith('Using the "bank" dataset (7,043 customers, 26.5% of them churned)')).toBe(true);
    expect(bank.pitch30.startsWith('I built a churn model on the "bank" dataset: 7,043 customers.')).toBe(true);
    expect(bank.markdown).toContain(`from run ${CHURN}, all on bank. Every figure`);
    const unnamed = draftStory(memory([{ ...churnFrozen, dataset: null }]), 'churn', 'mle');
    expect(unnamed.dataset).toBeNull();
    expect(unnamed.markdown).toContain(`from run ${CHURN}, all on an unnamed dataset. Every figure`);
  });

  it('the dataset asked for, though a newer run is on another', () => {
    const bank = { ...churnFrozen, id: 'churn-20261202-090000-baaa', dataset: 'bank', startedAt: '20261202T090000', metrics: { ...churnFrozen.metrics, 'test.auc': 0.7777 } };
    const two = memory([churnFrozen, bank]);
    expect(draftStory(two, 'churn', 'mle').runIds).toEqual([bank.id]);
    expect(draftStory(two, 'churn', 'mle').star.result).toContain('ROC-AUC 0.778');
    const telco = draftStory(two, 'churn', 'mle', { dataset: 'telco' });
    expect(telco.runIds).toEqual([CHURN]);
    expect(telco.star.result).toContain('ROC-AUC 0.834');
  });

  it('no run to draft from is a usage error that says what to run', () => {
    const expectUsage = (fn: () => unknown, message: string, hint: string) => {
      try {
        fn();
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        expect((error as UsageError).message).toBe(message);
        expect((error as UsageError).hint).toBe(hint);
      }
    };
    expectUsage(() => draftStory(memory([]), 'churn', 'mle'), 'no churn run yet to build a story from', 'Run `prep lab churn` first.');
    expectUsage(() => draftStory(memory([churnFrozen]), 'churn', 'mle', { dataset: 'bank' }), 'no churn run on the dataset "bank" yet', 'Run `prep lab churn --dataset bank` first, or leave out --dataset.');
    expectUsage(() => draftStory(memory([churnFrozen]), 'segment', 'mle'), 'no segment run yet to build a story from', 'Run `prep lab segment` first.');
  });

  it('a run missing a figure the story needs fails loudly, naming the figure and the run', () => {
    expect(() => draftStory(memory([{ ...churnFrozen, metrics: without(churnFrozen.metrics, ['test.recall']) }]), 'churn', 'mle')).toThrow(`metric test.recall missing from run ${CHURN}`);
  });
});

describe('the segmentation story', () => {
  const store = memory([churnFrozen, segmentFrozen]);
  const draft = draftStory(store, 'segment', 'mle');

  it('every part, with the run\'s figures', () => {
    expect(draft.dataset).toBe('retail');
    expect(draft.runIds).toEqual([SEGMENT]);
    expect(draft.star.situation).toBe(`Using the UCI Online Retail transactions (a real UK online retailer, CC BY 4.0), 541,909 transaction lines, the question was which customers drive the business and how to treat each group (run ${SEGMENT}).`);
    expect(draft.star.task).toBe('Segment customers, quantify how concentrated revenue is, and forecast customer value, in a way the marketing team could act on.');
    expect(draft.star.action).toBe(
      'I cleaned the lines with a documented protocol (397,884 lines kept, 4,338 customers, 18,532 invoices); scored recency, frequency and monetary value in quintiles and named segments by fixed rules; ran K-means on log-scaled, standardised RFM and chose k = 2 by silhouette (0.433); built monthly cohorts; and fitted BG/NBD and Gamma-Gamma models on a calibration period, checked on the hold-out weeks (3,384 purchase days predicted, 4,482 actual).',
    );
    expect(draft.star.result).toBe("Revenue was concentrated: the top 10% of customers brought 61.4% of it (Gini 0.715); the Champions segment held 65.9% of revenue; on average 20.6% of a month's new customers bought again the next month.");
    expect(draft.pitch30).toBe('I segmented 4,338 customers of a real online retailer: the top 10% brought 61.4% of revenue, and K-means on RFM found 2 clusters. I checked a BG/NBD value forecast on hold-out weeks before using it.');
    expect(draft.pitch90).toBe(`${draft.star.situation} ${draft.star.task} ${draft.star.action} ${draft.star.result}`);
    expect(draft.markdown.split('\n').slice(0, 3)).toEqual(['# Customer segmentation: my project (mle)', '', `Drafted by \`prep story\` from run ${SEGMENT}, all on retail (UCI Online Retail). Every figure comes from those runs or from assumptions I set; check it with \`prep story check\` after editing.`]);
  });

  it('every figure it drafts checks as backed (or as a setting) against the same runs', () => {
    const checks = checkClaims(draft.markdown, store);
    expect(checks.filter((c) => c.verdict === 'backed').length).toBeGreaterThan(15);
    expect(checks.filter((c) => c.verdict !== 'backed' && c.verdict !== 'setting').map((c) => `${c.text}: ${c.verdict} ${c.reason}`)).toEqual([]);
  });

  it('the analyst\'s task, and another dataset named as such', () => {
    expect(draftStory(store, 'segment', 'analyst').star.task).toBe('Clean the data, segment customers with RFM and report what each segment is worth.');
    expect(draftStory(store, 'segment', 'ds').star.task).toBe(draft.star.task);
    const shop = draftStory(memory([{ ...segmentFrozen, dataset: 'shop' }]), 'segment', 'analyst');
    expect(shop.star.situation.startsWith('Using the "shop" transactions, 541,909 transaction lines,')).toBe(true);
    expect(shop.markdown).toContain(`from run ${SEGMENT}, all on shop. Every figure`);
    expect(shop.markdown.split('\n')[0]).toBe('# Customer segmentation: my project (analyst)');
  });
});
