/**
 * A draft of a model that found no signal: every figure is still the run's (and checks as backed),
 * and the draft says, from the run's own test-AUC interval, that it is nothing to pitch yet.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkClaims } from '../../src/story/check.js';
import { draftStory } from '../../src/story/draft.js';
import { repoRoot } from '../helpers/home.js';
import { frozenRuns, memoryRuns } from '../helpers/frozen-runs.js';

const frozen = frozenRuns(join(repoRoot, 'test/fixtures/figure-check'));
const CHURN = 'churn-20261201-095907-93cb';
const telco = Object.fromEntries(frozen.metrics(CHURN).map((m) => [m.key, m.value]));
const params = frozen.runs.find((r) => r.id === CHURN)!.params;

describe('a model no better than chance', () => {
  // the frozen Telco run with its test AUC moved to 0.554, interval 0.403 to 0.707
  const chance = memoryRuns([{ id: 'churn-20261202-015553-c764', dataset: 'noise', startedAt: '2026-12-02T01:55:53', params, metrics: { ...telco, 'test.auc': 0.5544, 'test.auc.ci95Low': 0.4025, 'test.auc.ci95High': 0.7066 } }]);

  it('the draft and the pitch say so, with the interval, and every figure of the draft is still backed', () => {
    const draft = draftStory(chance, 'churn', 'ds');
    expect(draft.warnings).toEqual([
      'The model is not distinguishable from chance on the held-out customers: its ROC-AUC 0.554 has a 95% confidence interval of 0.403 to 0.707, which includes the AUC of a random ranking. These figures describe a model that found no signal; look at the data and the target before you pitch it.',
    ]);
    expect(draft.markdown).toContain(`> **Before you use this:** ${draft.warnings[0]}`);
    const unbacked = checkClaims(draft.markdown, chance).filter((c) => c.verdict !== 'backed' && c.verdict !== 'setting');
    expect(unbacked.map((c) => `${c.text}: ${c.verdict} ${c.reason}`)).toEqual([]);
  });

  it('a model whose interval is clear of chance gets no such note, nor a run that recorded no interval', () => {
    const clear = memoryRuns([{ id: CHURN, dataset: 'telco', startedAt: '2026-12-01T09:59:07', params, metrics: { ...telco, 'test.auc.ci95Low': 0.5001, 'test.auc.ci95High': 0.87 } }]);
    expect(draftStory(clear, 'churn', 'ds').warnings).toEqual([]);
    const { ['test.auc.ci95Low']: _low, ['test.auc.ci95High']: _high, ...noInterval } = telco;
    expect(draftStory(memoryRuns([{ id: CHURN, dataset: 'telco', startedAt: '2026-12-01T09:59:07', params, metrics: noInterval }]), 'churn', 'ds').warnings).toEqual([]);
  });
});
