/**
 * `prep lab churn` and `prep explain` as a user runs them (spawned, CI=true, temp PREP_HOME).
 * Target checks happen before any modelling, so they run fast; the full runs are few and slow.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { homeWithDatasets, repoRoot, runPrep } from '../../helpers/home.js';

const fixtures = join(repoRoot, 'test/fixtures/churn');

let home: string;
beforeAll(async () => {
  home = await homeWithDatasets(['telco']);
  const imported = runPrep(['data', 'import', join(fixtures, 'other-churn.csv'), '--name', 'otherchurn', '--kind', 'table'], { home });
  expect(imported.status, imported.stderr).toBe(0);
  const few = runPrep(['data', 'import', join(fixtures, 'few-positives.csv'), '--name', 'fewpos', '--kind', 'table'], { home });
  expect(few.status, few.stderr).toBe(0);
  // other-churn.csv plus cancel_reason (filled only for leavers) and retention_score (higher for leavers, overlapping)
  const leaky = runPrep(['data', 'import', join(fixtures, 'leaky-churn.csv'), '--name', 'leaky', '--kind', 'table'], { home });
  expect(leaky.status, leaky.stderr).toBe(0);
}, 60_000);

describe('prep lab churn: target checks', () => {
  it.each([
    [['--target', 'nope'], /target column "nope" is not in dataset "otherchurn"/],
    [['--target', 'plan', '--positive', 'monthly'], /3 distinct values/],
    [['--target', 'left', '--positive', 'maybe'], /--positive "maybe" is not a value of "left"/],
    [['--target', 'left', '--id-column', 'missing_col'], /id column "missing_col" is not in/],
    [['--target', 'left', '--positive', 'yes', '--fairness', 'region'], /fairness column "region" is not in the dataset/],
    [['--target', 'left', '--positive', 'yes', '--fairness', 'Sex'], /Did you mean "sex"\?/],
    [['--target', 'left', '--positive', 'yes', '--fairness', 'sex,left'], /--fairness names "left", which is the target/],
    [['--target', 'left', '--positive', 'yes', '--fairness', 'sex,,plan'], /expected column names separated by commas/],
  ])('%j stops with exit 2 and says why', (args, message) => {
    const r = runPrep(['lab', 'churn', '--dataset', 'otherchurn', ...args], { home });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('stops when there are too few positives', () => {
    const r = runPrep(['lab', 'churn', '--dataset', 'fewpos', '--target', 'outcome', '--positive', 'yes'], { home });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/too few positives \("yes": 3\)/);
  });
});

describe('prep lab churn: full runs', () => {
  it('runs on an imported table with other column names and records its figures', () => {
    const r = runPrep(['lab', 'churn', '--dataset', 'otherchurn', '--target', 'left', '--positive', 'yes', '--id-column', 'client_id', '--folds', '3', '--json'], { home });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.dataset).toMatchObject({ name: 'otherchurn', rows: 300, positives: 58 });
    expect(Object.keys(out.cv.models).sort()).toEqual(['gradient_boosting', 'logistic_regression', 'random_forest']);
    expect(out.explain.additivityMaxError).toBeLessThan(1e-9);
    // fairness: the "sex" column by its name (no --fairness), every test row in one of its groups
    expect(out.fairnessChosenBy).toBe('names');
    expect(out.fairnessAttributes).toEqual([{ column: 'sex', key: 'sex' }]);
    expect(Object.keys(out.fairness.sex).sort()).toEqual(['F', 'M']);
    expect(Object.values(out.fairness.sex).reduce((n: number, g: any) => n + g.rows, 0)).toBe(out.split.testRows);
    expect(out.fairnessTests.sex.recallPValue).toBeGreaterThanOrEqual(0);
    const explained = runPrep(['explain', 'test.recall', '--run', out.runId, '--json'], { home });
    expect(explained.status, explained.stderr).toBe(0);
    const e = JSON.parse(explained.stdout);
    expect(e.value).toBeCloseTo(e.inputs.tp / (e.inputs.tp + e.inputs.fn), 12);
    // the price-rise simulation changes Telco's charges columns, which this table lacks: refused, not "no drift"
    const drift = runPrep(['lab', 'churn', 'drift', '--run', out.runId, '--scenario', 'price-rise'], { home });
    expect(drift.status).toBe(2);
    expect(drift.stderr).toMatch(/scenario "price-rise" cannot run on dataset "otherchurn": it changes MonthlyCharges and TotalCharges/);
    expect(drift.stderr).toMatch(/--current FILE\.csv/);
  }, 120_000);

  it('drops a column that tells the outcome before any model sees it, flags a strong one, and says so everywhere', () => {
    const r = runPrep(['lab', 'churn', '--dataset', 'leaky', '--target', 'left', '--folds', '3', '--examples', '0', '--json'], { home });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.leakage.map((l: { column: string; dropped: boolean }) => [l.column, l.dropped])).toEqual([['cancel_reason', true], ['retention_score', false]]);
    expect(out.leakage[0].auc).toBe(1);
    expect(out.features.names.some((n: string) => n.startsWith('cancel_reason'))).toBe(false);
    expect(out.features.names).toContain('retention_score');
    // (its blanks were first kept as a category of their own, the clean stage's rule; then the whole column went)
    expect(out.cleaning.decisions.filter((d: { column: string }) => d.column === 'cancel_reason').map((d: { decision: string }) => d.decision)).toEqual([expect.stringMatching(/^blank: kept as its own category/), expect.stringMatching(/^column dropped: .*target leakage/)]);
    // the served model neither needs nor rejects it; the figure is explained
    const model = runPrep(['runs', 'show', out.runId, '--json'], { home });
    expect(JSON.parse(model.stdout).metrics.find((m: { key: string }) => m.key === 'split.leakageAuc.cancel_reason').value).toBe(1);
    const explained = runPrep(['explain', 'split.leakageAuc.retention_score', '--run', out.runId], { home });
    expect(explained.stdout).toMatch(/kept but flagged/);
    // the text report leads with it
    const text = runPrep(['lab', 'churn', '--dataset', 'leaky', '--target', 'left', '--folds', '3', '--examples', '0'], { home });
    expect(text.stdout.split('\n').slice(2, 4).join('\n')).toMatch(/^! Target leakage: cancel_reason \(AUC 1\.000 on its own\)[\s\S]*\n! Check for leakage: retention_score/);
  }, 120_000);

  it('--calibrate isotonic reports Brier and ECE before and after, recomputable from the stored reliability curves', () => {
    // also --fairness with a flag and a banded numeric column (kept in this run: full runs are slow)
    const r = runPrep(['lab', 'churn', '--dataset', 'otherchurn', '--target', 'left', '--positive', 'yes', '--folds', '3', '--calibrate', 'isotonic', '--fairness', 'is_senior,months', '--json'], { home });
    expect(r.status, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run.fairnessChosenBy).toBe('option');
    expect(Object.keys(run.fairness.is_senior).sort()).toEqual(['0', '1']);
    // months has over 10 values: quartile bands of all 300 rows, recomputed here from the CSV
    const months = readFileSync(join(fixtures, 'other-churn.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1])).sort((a, b) => a - b);
    const quartiles = [...new Set([0.25, 0.5, 0.75].map((q) => months[Math.floor(q * (months.length - 1))]!))];
    expect(run.fairnessAttributes[1].bands.upper).toEqual(quartiles);
    expect(Object.values(run.fairness.months).reduce((n: number, g: any) => n + g.rows, 0)).toBe(run.split.testRows);
    expect(runPrep(['explain', 'fairness.months.recallGap', '--run', run.runId], { home }).status).toBe(0);
    const cal = JSON.parse(r.stdout).test.calibration;
    expect(cal.calibrated).toMatchObject({ method: 'isotonic' });
    const ece = (bins: { count: number; observedRate: number | null; meanPredicted: number | null }[]) => {
      const n = bins.reduce((a, b) => a + b.count, 0);
      return bins.filter((b) => b.count).reduce((a, b) => a + (b.count / n) * Math.abs(b.observedRate! - b.meanPredicted!), 0);
    };
    expect(cal.ece).toBeCloseTo(ece(cal.bins), 3);
    expect(cal.calibrated.ece).toBeCloseTo(ece(cal.calibrated.bins), 3);
    expect(cal.bins).toHaveLength(10);
    const bad = runPrep(['lab', 'churn', '--dataset', 'otherchurn', '--target', 'left', '--positive', 'yes', '--calibrate', 'beta'], { home });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/platt, isotonic/);
  }, 120_000);

  it('same seed, same JSON apart from runId and timings; another seed differs', () => {
    const strip = (s: string) => {
      const o = JSON.parse(s);
      delete o.runId;
      delete o.timingsMs;
      return JSON.stringify(o);
    };
    const args = ['lab', 'churn', '--dataset', 'otherchurn', '--target', 'left', '--positive', 'yes', '--folds', '3', '--json'];
    const a = runPrep([...args, '--seed', '5'], { home });
    const b = runPrep([...args, '--seed', '5'], { home });
    const c = runPrep([...args, '--seed', '6'], { home });
    expect(a.status, a.stderr).toBe(0);
    expect(strip(a.stdout)).toBe(strip(b.stdout));
    expect(strip(c.stdout)).not.toBe(strip(a.stdout));
  }, 180_000);
});
