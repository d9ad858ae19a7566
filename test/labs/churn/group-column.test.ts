/**
 * `prep lab churn --group-column`: rows that share a key stay on one side of the test split, as a
 * user runs it (spawned). The data: the 300-customer fixture copied three times under new ids,
 * each copy keeping its source customer in a `household` column, the shape of monthly snapshots
 * or of the scale benchmark's copies.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../../src/data/runs.js';
import { openState } from '../../../src/data/state.js';
import type { ReferenceArtifact } from '../../../src/labs/churn/save.js';
import { homeWithDatasets, repoRoot, runPrep } from '../../helpers/home.js';

const source = readFileSync(join(repoRoot, 'test/fixtures/churn/other-churn.csv'), 'utf8').trimEnd().split('\n');
const householdOf = new Map<string, string>();
let home: string;

beforeAll(async () => {
  home = await homeWithDatasets([]);
  const lines = [`${source[0]},household`];
  for (let copy = 0; copy < 3; copy++) {
    for (const line of source.slice(1)) {
      const id = line.slice(0, line.indexOf(','));
      const copyId = `${id}-${copy}`;
      householdOf.set(copyId, id);
      lines.push(`${copyId}${line.slice(id.length)},${id}`);
    }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'prep-groups-')), 'copies.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const imported = runPrep(['data', 'import', file, '--name', 'copies', '--kind', 'table'], { home });
  expect(imported.status, imported.stderr).toBe(0);
}, 60_000);

const lab = (...extra: string[]) => runPrep(['lab', 'churn', '--dataset', 'copies', '--target', 'left', '--positive', 'yes', '--id-column', 'client_id', '--folds', '3', '--json', ...extra], { home });

/** Households with rows on both sides of the run's hold-out split. */
function straddling(runId: string): number {
  const reference = new RunStore(openState({ home })).artifact(runId, 'reference') as ReferenceArtifact;
  const train = new Set(reference.trainingIds!.map((id) => householdOf.get(id)));
  const test = new Set(reference.holdout.map((h) => householdOf.get(String(h.record.client_id))));
  expect(train.size + test.size).toBeGreaterThan(0);
  return [...test].filter((h) => train.has(h)).length;
}

describe('prep lab churn --group-column', () => {
  it('keeps each household on one side of the test split, where the row-level split scatters them', () => {
    const grouped = lab('--group-column', 'household');
    expect(grouped.status, grouped.stderr).toBe(0);
    const out = JSON.parse(grouped.stdout);
    expect(out.split.groups).toEqual({ column: 'household', count: 300, largest: 3 });
    expect(out.target.groupColumn).toBe('household');
    // 58 positive and 242 negative households: round(0.2 × each) = 12 + 48 go to test, 3 rows apiece
    expect(out.split.testRows).toBe(3 * 60);
    expect(out.split.testPositives).toBe(3 * 12);
    // the group column is not a feature
    expect(out.features.names.some((n: string) => n.startsWith('household'))).toBe(false);
    expect(straddling(out.runId)).toBe(0);
    // its intervals resample whole households (the copies of a customer are not independent)
    expect(out.test.intervals.method).toMatch(/by whole groups of household/);
    // the stage line on stderr says so
    expect(grouped.stderr).toMatch(/split done in .*: 720 train \/ 180 test, 3 folds, 300 groups of household kept whole/);

    const plain = lab();
    expect(plain.status, plain.stderr).toBe(0);
    const plainOut = JSON.parse(plain.stdout);
    expect(straddling(plainOut.runId)).toBeGreaterThan(20);
    // without grouping the copies' twins sit in training, so the test score is inflated
    expect(plainOut.test.auc).toBeGreaterThan(out.test.auc);
  }, 180_000);

  it('grouping by a column of unique values gives the same figures as no grouping', () => {
    const strip = (stdout: string) => {
      const o = JSON.parse(stdout);
      delete o.runId;
      delete o.timingsMs;
      delete o.target.groupColumn;
      delete o.split.groups;
      // the intervals' method names the groups; their numbers must not change
      expect(o.test.intervals.method).toMatch(/^stratified percentile bootstrap of the test rows/);
      delete o.test.intervals.method;
      return o;
    };
    const a = lab('--seed', '9');
    const b = lab('--seed', '9', '--group-column', 'client_id');
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout).split.groups).toEqual({ column: 'client_id', count: 900, largest: 1 });
    expect(strip(b.stdout)).toEqual(strip(a.stdout));
  }, 180_000);

  it('retrain keeps the grouping; a batch without the group column is accepted, its rows groups of their own', () => {
    const grouped = lab('--group-column', 'household', '--seed', '3');
    expect(grouped.status, grouped.stderr).toBe(0);
    const runId = JSON.parse(grouped.stdout).runId;
    // 40 new customers, the fixture's columns without household
    const batch = [source[0], ...source.slice(1, 41).map((line) => `N${line}`)].join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'prep-groups-batch-')), 'batch.csv');
    writeFileSync(file, `${batch}\n`);
    const retrained = runPrep(['lab', 'churn', 'retrain', '--run', runId, '--current', file, '--json'], { home });
    expect(retrained.status, retrained.stderr).toBe(0);
    const { newRunId } = JSON.parse(retrained.stdout);
    const store = new RunStore(openState({ home }));
    expect(store.get(newRunId).params).toMatchObject({ groupColumn: 'household' });
    // 300 households plus the 40 new customers, each a group of one
    expect(store.artifact(newRunId, 'result')).toMatchObject({ split: { groups: { column: 'household', count: 340, largest: 3 } } });
  }, 180_000);

  it.each([
    [['--group-column', 'nope'], /the group column "nope" is not in dataset "copies"/],
    [['--group-column', 'left'], /--group-column and --target name the same column/],
    [['--group-column', 'plan'], /too few positive groups \(\d\) in "plan": need at least 10 of each/],
  ])('%j stops with exit 2 and says why', (args, message) => {
    const r = lab(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
