/**
 * One dataset at a time: a figure is checked against runs on the dataset its sentence (or the
 * text) names, else the newest run's; figures no run has yet are "no run" with the command that
 * records them; settings are never results.
 */
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/data/runs.js';
import { checkClaims, type RunSource } from '../../src/story/check.js';

function source(runs: { id: string; dataset: string; startedAt: string; metrics: Record<string, number>; params?: Record<string, unknown> }[]): RunSource {
  const records: RunRecord[] = runs.map((r) => ({ id: r.id, lab: r.id.split('-')[0]!, datasetName: r.dataset, datasetSha256: null, params: r.params ?? {}, seed: 42, codeVersion: 'test', startedAt: r.startedAt, durationMs: 1, status: 'ok', error: null }));
  records.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return { list: () => records, metrics: (id) => Object.entries(runs.find((r) => r.id === id)!.metrics).map(([key, value]) => ({ key, value, inputs: {} })) };
}

const telco = { id: 'churn-20261201-090000-aaaa', dataset: 'telco', startedAt: '2026-12-01T09:00:00Z', metrics: { 'test.recall': 0.6952, 'test.auc': 0.8342, 'dataset.rows': 7043 }, params: { folds: 5 } };
const mine = { id: 'churn-20261201-100000-bbbb', dataset: 'mychurn', startedAt: '2026-12-01T10:00:00Z', metrics: { 'test.recall': 0.8123, 'test.auc': 0.9012, 'dataset.rows': 12000 }, params: { folds: 10 } };

describe('figure check across datasets', () => {
  it('checks a sentence about the Telco data against the Telco run, though a newer run is on another dataset', () => {
    const [recall] = checkClaims("On IBM's Telco sample my test recall was 69.5%.", source([telco, mine]));
    expect(recall).toMatchObject({ verdict: 'backed', runId: telco.id, dataset: 'telco' });
  });

  it('without a dataset named, uses the newest run, and says which dataset it checked against', () => {
    const [recall] = checkClaims('My test recall was 69.5%.', source([telco, mine]));
    expect(recall).toMatchObject({ verdict: 'differs', runId: mine.id, dataset: 'mychurn', runValue: 0.8123 });
  });

  it('a dataset named anywhere in the text applies to its other sentences too', () => {
    const checks = checkClaims('Project: churn on mychurn.\n\nThe model reached a test AUC of 0.901.', source([mine, telco]));
    expect(checks.at(-1)).toMatchObject({ verdict: 'backed', dataset: 'mychurn' });
  });

  it('a figure no run has measured yet is "no run", naming the command that records it', () => {
    const [p95] = checkClaims('The p95 latency of the API was 12 ms.', source([telco]));
    expect(p95).toMatchObject({ verdict: 'no-run', metric: 'churn.serve.latencyP95Ms' });
    expect(p95!.reason).toMatch(/prep lab churn loadtest/);
  });

  it('a setting is checked against the run parameters and never counted as a result', () => {
    const [folds] = checkClaims('I used 10-fold cross-validation.', source([telco, mine]));
    expect(folds).toMatchObject({ verdict: 'setting', runValue: 10 });
  });
});
