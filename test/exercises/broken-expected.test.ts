/**
 * A numeric exercise whose expected value comes from a query that gives no number (no rows, NULL,
 * text): the checker says the exercise is broken, naming the query, as it does for a formula it
 * cannot read (UsageError, exit 2, the same hint), and lint reports it with file, line and field.
 * Before the fix the value was NaN and every answer was "far off: check the formula and its inputs".
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeState, openState } from '../../src/data/state.js';
import { RunStore } from '../../src/data/runs.js';
import { loadExercises, type Exercise } from '../../src/exercises/catalog.js';
import { checkNumeric, expectedNumber } from '../../src/exercises/check.js';
import { lintExercises } from '../../src/exercises/lint.js';
import { UsageError } from '../../src/errors.js';
import { homeWithDatasets, makeTempHome, runPrep } from '../helpers/home.js';
import { caught } from '../helpers/caught.js';

let home: string;
beforeAll(async () => {
  home = await homeWithDatasets(['telco']);
  process.env.PREP_HOME = home;
});
afterEach(() => closeState());

/** An exercises tree with one numeric exercise per rule, as a mentor would write them. */
function tree(rules: Record<string, object>): string {
  const root = makeTempHome();
  for (const [id, expected] of Object.entries(rules)) {
    const dir = join(root, '02_numeric', id);
    mkdirSync(dir, { recursive: true });
    const meta = { formatVersion: 1, id, title: 'A numeric exercise', kind: 'numeric', difficulty: 'easy', tags: ['t'], stage: 'churn:profile', tolerance: 0.001, expected, dataset: 'telco' };
    writeFileSync(join(dir, 'exercise.json'), `${JSON.stringify(meta, null, 2)}\n`);
    writeFileSync(join(dir, 'instructions.md'), '# Compute it\n');
    writeFileSync(join(dir, 'hints.md'), '1. first\n');
  }
  return root;
}

const noRows = `SELECT AVG(MonthlyCharges) FROM telco GROUP BY Contract HAVING Contract = 'Weekly'`;
const nullCell = `SELECT AVG(MonthlyCharges) FROM telco WHERE Contract = 'Weekly'`;
const textCell = `SELECT Contract FROM telco LIMIT 1`;
const fine = `SELECT AVG(Churn = 'Yes') FROM telco`;

describe('expectedNumber with an expected.sql that gives no number', () => {
  const store = () => new RunStore(openState({ home: makeTempHome() }));
  const byId = (root: string) => new Map(loadExercises(root).exercises.map((e) => [e.id, e] as [string, Exercise]));

  it('no rows: a broken-exercise error naming the query, not a NaN', async () => {
    const e = byId(tree({ 'no-rows': { sql: noRows } })).get('no-rows')!;
    const error = await caught(() => expectedNumber(e, store()));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`exercise no-rows: its expected-value query (expected.sql) returned no rows, so there is nothing to compare your answer with: ${noRows}`);
    expect(error.hint).toBe('Mentors: run `prep content lint` to see every exercise problem.');
  });

  it('a checked answer gets that error, never "far off"', async () => {
    const e = byId(tree({ 'no-rows': { sql: noRows } })).get('no-rows')!;
    await expect(checkNumeric(e, '0.265', store())).rejects.toThrow(/^exercise no-rows: its expected-value query \(expected.sql\) returned no rows/);
  });

  it('NULL (an aggregate over no rows) and text in the first cell are broken too; a number is the value', async () => {
    const exercises = byId(tree({ 'null-cell': { sql: nullCell }, 'text-cell': { sql: textCell }, fine: { sql: fine } }));
    expect((await caught(() => expectedNumber(exercises.get('null-cell')!, store()))).message).toBe(`exercise null-cell: its expected-value query (expected.sql) returned NULL in its first cell (an aggregate over no rows?), so there is nothing to compare your answer with: ${nullCell}`);
    expect((await caught(() => expectedNumber(exercises.get('text-cell')!, store()))).message).toBe(`exercise text-cell: its expected-value query (expected.sql) returned the text "Month-to-month" in its first cell, not a number, so there is nothing to compare your answer with: ${textCell}`);
    // 1,869 churners of 7,043 customers in IBM's fictional Telco sample
    expect((await expectedNumber(exercises.get('fine')!, store())).value).toBeCloseTo(1869 / 7043, 12);
  });

  it('the formula error and this one share their wording and hint: "exercise ID: ...", "Mentors: run `prep content lint` ..."', async () => {
    const formula = { formatVersion: 1, id: 'bad-formula', title: 'A numeric exercise', kind: 'numeric', difficulty: 'easy', tags: ['t'], stage: 'churn:profile', tolerance: 0, ordered: false, expected: { formula: 'a +', inputs: { a: 1 } }, dir: makeTempHome(), topic: '02_numeric', slug: 'bad-formula' } as Exercise;
    const error = await caught(() => expectedNumber(formula, store()));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^exercise bad-formula: the formula cannot be read: /);
    expect(error.hint).toBe('Mentors: run `prep content lint` to see every exercise problem.');
  });
});

describe('lint runs every expected.sql', () => {
  it('no rows, NULL, text and a failing query are problems with file:line and the field; a number is not', async () => {
    const root = tree({ 'a-no-rows': { sql: noRows }, 'b-null-cell': { sql: nullCell }, 'c-text-cell': { sql: textCell }, 'd-bad-sql': { sql: 'SELECT nope FROM telco' }, 'e-fine': { sql: fine } });
    const { problems, exercises } = await lintExercises(root, { runSolutions: true });
    expect(exercises).toBe(5);
    // JSON.stringify(meta, null, 2) puts "sql" on line 13
    expect(problems).toEqual([
      { file: '02_numeric/a-no-rows/exercise.json:13', rule: 'expected-sql', message: 'expected.sql returned no rows' },
      { file: '02_numeric/b-null-cell/exercise.json:13', rule: 'expected-sql', message: 'expected.sql returned NULL in its first cell (an aggregate over no rows?)' },
      { file: '02_numeric/c-text-cell/exercise.json:13', rule: 'expected-sql', message: 'expected.sql returned the text "Month-to-month" in its first cell, not a number' },
      { file: '02_numeric/d-bad-sql/exercise.json:13', rule: 'expected-sql', message: 'expected.sql fails: SQL error: no such column: nope' },
    ]);
  });

  it('--quick (no solutions run) does not run the queries either', async () => {
    const { problems } = await lintExercises(tree({ 'a-no-rows': { sql: noRows } }), { runSolutions: false });
    expect(problems).toEqual([]);
  });
});

describe.skipIf(process.env.PREP_MUTATION_RUN)('prep exercise check on a broken expected.sql (spawned)', () => {
  it('exit 2 with the broken-exercise message, as for an unreadable formula', () => {
    const root = tree({ 'no-rows': { sql: noRows }, 'bad-formula': { formula: 'a +', inputs: { a: 1 } } });
    const answer = join(makeTempHome(), 'answer.txt');
    writeFileSync(answer, '0.265\n');
    const empty = runPrep(['exercise', 'check', 'no-rows', '--file', answer], { home, env: { PREP_EXERCISES: root } });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain(`exercise no-rows: its expected-value query (expected.sql) returned no rows, so there is nothing to compare your answer with: ${noRows}`);
    expect(empty.stderr).toContain('Mentors: run `prep content lint` to see every exercise problem.');
    expect(empty.stdout + empty.stderr).not.toMatch(/far off/);
    const formula = runPrep(['exercise', 'check', 'bad-formula', '--file', answer], { home, env: { PREP_EXERCISES: root } });
    expect(formula.status).toBe(2);
    expect(formula.stderr).toContain('Mentors: run `prep content lint` to see every exercise problem.');
  });
});
