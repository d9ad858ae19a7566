/**
 * Suspicious figures, by metric family: the leaky SMOTE variant's own figure quoted as a result,
 * ROC-AUC above 0.90, and the ceilings of PR-AUC, precision, F1 and accuracy on IBM's fictional
 * Telco sample, with the reason and the metric each names; shares above 100% anywhere; none of the
 * Telco ceilings on other data. Against the frozen run store of test/fixtures/figure-check and a
 * small in-memory store; no lab runs.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RunRecord } from '../../src/data/runs.js';
import { checkClaims, type ClaimCheck, type RunSource } from '../../src/story/check.js';
import { repoRoot } from '../helpers/home.js';
import { frozenRuns } from '../helpers/frozen-runs.js';

const frozen = frozenRuns(join(repoRoot, 'test/fixtures/figure-check'));
const CHURN = 'churn-20261201-095907-93cb';
const only = (text: string, source: RunSource = frozen): ClaimCheck => {
  const checks = checkClaims(text, source);
  expect(checks, text).toHaveLength(1);
  return checks[0]!;
};
const AUC = (value: string, key: string) => `an honest pipeline on IBM's fictional Telco sample lands near ROC-AUC 0.84-0.85; above about 0.90 points to leakage (your run: ${value} for ${key})`;

describe('the leaky SMOTE variant', () => {
  it('its AUC or recall quoted for the honest model is the leak, pointed at the leaky metric with its value', () => {
    expect(only('My test AUC was 0.92.')).toMatchObject({ verdict: 'suspicious', metric: 'churn.imbalance.smoteLeaky.auc', runId: CHURN, runValue: 0.9191998532824822, reason: "this is the leaky SMOTE variant's auc (0.919), the mistake the lab shows on purpose, not an honest result" });
    expect(only('Test recall was 85.8%.')).toMatchObject({ verdict: 'suspicious', metric: 'churn.imbalance.smoteLeaky.recall', runValue: 0.8576958799922891, reason: "this is the leaky SMOTE variant's recall (0.858), the mistake the lab shows on purpose, not an honest result" });
    expect(only('Test recall was about 85.8%.')).toMatchObject({ verdict: 'suspicious', metric: 'churn.imbalance.smoteLeaky.recall' });
  });

  it('a bound or a range is not the leaky figure itself: judged by the ceilings', () => {
    expect(only('My test AUC was over 0.92.')).toMatchObject({ verdict: 'suspicious', metric: 'churn.test.auc', reason: AUC('0.834', 'test.auc') });
    expect(only('Test ROC-AUC was 0.92 to 0.93.')).toMatchObject({ verdict: 'suspicious', metric: 'churn.test.auc', reason: AUC('0.834', 'test.auc') });
    expect(only('Test recall was over 85%.')).toMatchObject({ verdict: 'differs', metric: 'churn.test.recall' });
  });

  it('named as the leaky run, it is backed', () => {
    expect(only('With leaky SMOTE before the split, my test AUC was 0.92.')).toMatchObject({ verdict: 'backed', metric: 'churn.imbalance.smoteLeaky.auc' });
    expect(only("The leaky run's test AUC was 0.92.")).toMatchObject({ verdict: 'backed', metric: 'churn.imbalance.smoteLeaky.auc' });
  });
});

describe('ceilings by metric family on the Telco sample', () => {
  it('a cross-validated ROC-AUC above 0.90 names the model\'s metric', () => {
    expect(only('Logistic regression reached a CV AUC of 0.95.')).toMatchObject({ verdict: 'suspicious', metric: 'churn.cv.logistic_regression.auc.mean', reason: AUC('0.849', 'cv.logistic_regression.auc.mean') });
  });

  it('accuracy above 0.85 (not the leaky AUC, though 91.9% is its value)', () => {
    expect(only('Test accuracy was 91.9%.')).toMatchObject({ verdict: 'suspicious', metric: 'churn.test.accuracy', reason: 'honest models on IBM\'s fictional Telco sample reach about 0.80 accuracy (always predicting "stays" gives 0.73); 0.85 and above is what leakage produces (your run: 0.777 for test.accuracy)' });
  });

  it('F1 and precision ceilings, for test and cross-validated figures', () => {
    expect(only('Test F1 was 80%.')).toMatchObject({ verdict: 'suspicious', metric: 'churn.test.f1' });
    expect(only('CV precision for the forest was 91%.')).toMatchObject({ verdict: 'suspicious', metric: 'churn.cv.random_forest.precision.mean', reason: "far above what an honest model reaches on IBM's fictional Telco sample (precision about 0.67 in your run for cv.random_forest.precision.mean); a figure this high usually means leakage or a different metric" });
    expect(only('Test precision was 85%.')).toMatchObject({ verdict: 'differs', metric: 'churn.test.precision' });
  });

  it('spreads and per-group recall have no ceiling', () => {
    expect(only('The recall standard deviation over folds was 0.95.')).toMatchObject({ verdict: 'differs', metric: 'churn.cv.logistic_regression.recall.std' });
    expect(only('Female recall was 95%.')).toMatchObject({ verdict: 'differs', metric: 'churn.fairness.gender.Female.recall' });
  });

  it('a share above 100% is suspicious on any data, a Telco ceiling only on the Telco sample', () => {
    expect(only('Champions held 110% of revenue.')).toMatchObject({ verdict: 'suspicious', metric: 'segment.segments.champions.revenueShare', reason: 'a share above 100% cannot be a segments.champions.revenueShare' });
    const bank: RunSource = {
      list: () => [{ id: 'churn-20261201-090000-ba4c', lab: 'churn', datasetName: 'bank', datasetSha256: null, params: {}, seed: 42, codeVersion: 'test', startedAt: '20261201T090000', durationMs: 1, status: 'ok', error: null } satisfies RunRecord],
      metrics: () => [{ key: 'test.accuracy', value: 0.91, inputs: {} }, { key: 'test.precision', value: 0.6, inputs: {} }, { key: 'test.auc', value: 0.88, inputs: {} }],
    };
    expect(only('Test accuracy was 91%.', bank)).toMatchObject({ verdict: 'backed', metric: 'churn.test.accuracy', dataset: 'bank' });
    expect(only('Test precision was 95%.', bank)).toMatchObject({ verdict: 'differs', metric: 'churn.test.precision' });
    expect(only('Test ROC-AUC was 0.95.', bank)).toMatchObject({ verdict: 'differs', metric: 'churn.test.auc' });
    expect(only('Test precision was 110%.', bank)).toMatchObject({ verdict: 'suspicious', reason: 'a share above 100% cannot be a test.precision' });
  });
});
