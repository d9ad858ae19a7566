/**
 * Checking answers in process (src/exercises/check.ts, answer.ts): SQL results compared with a
 * solution (columns, row counts, values within a tolerance, ordered or not, the first three
 * mismatches), numbers read from an answer (signs, decimals, exponents, thousands separators)
 * and compared with the expected value of a metric, formula or query, code run against its tests,
 * answer files and reference solutions. The queries are VALUES lists run on the telco dataset
 * file, so each expected row is written here by hand.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeState, openState } from '../../src/data/state.js';
import { RunStore } from '../../src/data/runs.js';
import type { Exercise } from '../../src/exercises/catalog.js';
import { checkCode, checkNumeric, checkSql, expectedNumber, matchRows, runCodeTests, type SqlCell } from '../../src/exercises/check.js';
import fc from 'fast-check';
import { checkAnswerFile, maxAnswerBytes, referenceSolution } from '../../src/exercises/answer.js';
import { UsageError } from '../../src/errors.js';
import { homeWithDatasets, makeTempHome } from '../helpers/home.js';
import { caught } from '../helpers/caught.js';

let home: string;
beforeAll(async () => {
  home = await homeWithDatasets(['telco']);
  process.env.PREP_HOME = home;
});
afterEach(() => closeState());


/** An exercise folder with the given files; the meta is what the schema would have produced. */
function exercise(meta: Partial<Exercise>, files: Record<string, string> = {}): Exercise {
  const dir = join(makeTempHome(), '01_t', meta.slug ?? meta.id ?? 'ex');
  mkdirSync(join(dir, '.meta'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { formatVersion: 1, id: 'ex', title: 'An exercise', kind: 'sql', dataset: 'telco', difficulty: 'easy', tags: ['t'], stage: 'churn:profile', tolerance: 1e-6, ordered: false, dir, topic: '01_t', slug: 'ex', ...meta } as Exercise;
}

/** A SELECT of literal rows: [[1, 'a'], [2, 'b']] becomes SELECT 1 AS c1, 'a' AS c2 UNION ALL SELECT 2, 'b'. */
function rowsQuery(rows: unknown[][], names?: string[]): string {
  const lit = (v: unknown) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v)}'`);
  return rows.map((r, i) => `SELECT ${r.map((v, j) => (i === 0 ? `${lit(v)} AS ${names?.[j] ?? `c${j + 1}`}` : lit(v))).join(', ')}`).join(' UNION ALL ');
}

const sqlExercise = (solutionRows: unknown[][], meta: Partial<Exercise> = {}) => exercise(meta, { 'solution.sql': rowsQuery(solutionRows, ['k', 'v', 'w'].slice(0, solutionRows[0]!.length)) });

describe('checkSql', () => {
  const want = [
    [1, 'a', 0.5],
    [2, 'b', 4],
    [3, 'c', 1000],
  ];

  it('all rows match, in any order and under other column names', async () => {
    const e = sqlExercise(want);
    expect(await checkSql(e, rowsQuery([want[2]!, want[0]!, want[1]!], ['x', 'y', 'z']))).toEqual({ passed: true, summary: 'all 3 rows match', details: [] });
  });

  it('a different number of columns names both lists', async () => {
    const e = sqlExercise(want);
    expect(await checkSql(e, rowsQuery([[1, 'a'], [2, 'b'], [3, 'c']], ['id', 'name']))).toEqual({ passed: false, summary: 'expected 3 columns (k, v, w), got 2 (id, name)', details: [] });
  });

  it('a different number of rows shows the first row of each', async () => {
    const e = sqlExercise(want);
    expect(await checkSql(e, rowsQuery([[9, 'z', 1], [8, 'y', 2]]))).toEqual({ passed: false, summary: 'expected 3 rows, got 2', details: ['first expected row: [1,"a",0.5]', 'first row you returned: [9,"z",1]'] });
    const none = await checkSql(e, `SELECT 1, 'a', 0.5 WHERE 0`);
    expect(none.summary).toBe('expected 3 rows, got 0');
    expect(none.details).toEqual(['first expected row: [1,"a",0.5]', 'first row you returned: undefined']);
  });

  it('counts every differing row (never more than three shown, and says so), and says whether order mattered', async () => {
    const e = sqlExercise(want);
    const one = await checkSql(e, rowsQuery([[1, 'a', 0.5], [2, 'b', 4], [3, 'c', 999]]));
    expect(one).toEqual({ passed: false, summary: '1 row(s) differ (compared in any order)', details: ['row 3: expected [3,"c",1000], got [3,"c",999]'] });
    const two = await checkSql(e, rowsQuery([[1, 'a', 0.5], [2, 'x', 4], [3, 'c', 999]]));
    expect(two.summary).toBe('2 row(s) differ (compared in any order)');
    expect(two.details).toEqual(['row 2: expected [2,"b",4], got [2,"x",4]', 'row 3: expected [3,"c",1000], got [3,"c",999]']);
    const three = await checkSql(e, rowsQuery([[1, 'q', 0.5], [2, 'x', 4], [3, 'c', 999]]));
    expect(three.summary).toBe('3 row(s) differ (compared in any order)');
    expect(three.details).toHaveLength(3);
    const four = sqlExercise([[1], [2], [3], [4]]);
    const all = await checkSql(four, rowsQuery([[5], [6], [7], [8]]));
    expect(all.summary).toBe('4 row(s) differ (the first 3 shown) (compared in any order)');
    expect(all.details).toEqual(['row 1: expected [1], got [5]', 'row 2: expected [2], got [6]', 'row 3: expected [3], got [7]']);
  });

  it('unordered with a tolerance: a rounded answer whose rows tie after rounding still matches (it was paired with the wrong row)', async () => {
    // tolerance 0.1: 0.45 and 0.5 both round to 0.5, so the learner's rows tie and sort by the letter
    const e = sqlExercise([[0.45, 'b'], [0.5, 'a'], [0.62, 'a']], { tolerance: 0.1 });
    expect(await checkSql(e, rowsQuery([[0.5, 'b'], [0.5, 'a'], [0.6, 'a']]))).toEqual({ passed: true, summary: 'all 3 rows match', details: [] });
    // the rows of one letter can only pair one way round: 0.62 is more than 0.1 from 0.5
    const wrong = await checkSql(e, rowsQuery([[0.5, 'b'], [0.5, 'a'], [0.75, 'a']]));
    expect(wrong).toEqual({ passed: false, summary: '1 row(s) differ (compared in any order)', details: ['row 3: expected [0.62,"a"], got [0.75,"a"]'] });
  });

  it('ordered: the same rows in another order differ, and the summary says order matters', async () => {
    const e = sqlExercise(want, { ordered: true });
    expect((await checkSql(e, rowsQuery(want))).passed).toBe(true);
    const reversed = await checkSql(e, rowsQuery([want[2]!, want[1]!, want[0]!]));
    expect(reversed.summary).toBe('2 row(s) differ (order matters here)');
    expect(reversed.details[0]).toBe('row 1: expected [1,"a",0.5], got [3,"c",1000]');
  });

  it('numbers are equal within tolerance × max(1, |expected|), inclusive; below 1 the tolerance is absolute', async () => {
    const e = (rows: unknown[][]) => sqlExercise(rows, { tolerance: 0.5 });
    // expected 4: anything within 2 passes
    expect((await checkSql(e([[4]]), 'SELECT 6')).passed).toBe(true);
    expect((await checkSql(e([[4]]), 'SELECT 2')).passed).toBe(true);
    expect((await checkSql(e([[4]]), 'SELECT 6.01')).passed).toBe(false);
    expect((await checkSql(e([[-4]]), 'SELECT -6')).passed).toBe(true);
    expect((await checkSql(e([[-4]]), 'SELECT -6.01')).passed).toBe(false);
    // expected 0.25: within 0.5 (not 0.125)
    expect((await checkSql(e([[0.25]]), 'SELECT 0.75')).passed).toBe(true);
    expect((await checkSql(e([[0.25]]), 'SELECT 0.76')).passed).toBe(false);
    // the default tolerance, 1e-6 relative
    const strict = sqlExercise([[1000]]);
    expect((await checkSql(strict, 'SELECT 1000.0009')).passed).toBe(true);
    expect((await checkSql(strict, 'SELECT 1000.0011')).passed).toBe(false);
  });

  it('text is compared exactly, NULL equals only NULL, and numeric text is a number (the rule in sql-cells.test.ts)', async () => {
    const e = sqlExercise([['x', null]], { tolerance: 0.5 });
    expect((await checkSql(e, `SELECT 'x', NULL`)).passed).toBe(true);
    expect((await checkSql(e, `SELECT 'X', NULL`)).passed).toBe(false);
    expect((await checkSql(e, `SELECT 'x', 0`)).passed).toBe(false);
    expect((await checkSql(e, `SELECT 'x', ''`)).passed).toBe(false);
    const n = sqlExercise([[4]], { tolerance: 0.5 });
    expect((await checkSql(n, `SELECT '4.5'`)).passed).toBe(true); // text "4.5" is the number 4.5, within 2 of 4
    expect((await checkSql(n, `SELECT '6.01'`)).passed).toBe(false);
    expect((await checkSql(n, `SELECT 'four'`)).passed).toBe(false);
  });

  it('unordered rows are matched after rounding to 9 significant digits, so float noise does not reorder them', async () => {
    const e = sqlExercise([[1.00000000002, 'a'], [1.00000000001, 'b']]);
    expect((await checkSql(e, rowsQuery([[1.00000000003, 'b'], [1, 'a']]))).passed).toBe(true);
  });
});

describe('checkNumeric', () => {
  const storeHome = () => new RunStore(openState({ home: makeTempHome() }));
  const formula = (value: number, tolerance = 0.5) => exercise({ kind: 'numeric', dataset: undefined, tolerance, expected: { formula: 'x', inputs: { x: value } } });

  it('reads the first number: sign, decimals, exponents in either case, thousands commas, around words', async () => {
    const store = storeHome();
    const cases: [string, number][] = [
      ['0.6543', 0.6543],
      ['my answer: -0.25 (rounded)', -0.25],
      ['12.5', 12.5],
      ['1,234.5', 1234.5],
      ['2e3', 2000],
      ['2E3', 2000],
      ['1.5e-3', 0.0015],
      ['5e10', 5e10],
      ['7e', 7],
      ['7e-', 7],
      ['-', Number.NaN],
    ];
    for (const [answer, value] of cases) {
      const v = await checkNumeric(formula(Number.isNaN(value) ? 1 : value, 1e-9), answer, store);
      if (Number.isNaN(value)) expect(v).toEqual({ passed: false, summary: 'no number found in your answer', details: ['Write the number alone on a line, e.g. 0.6543'] });
      else expect(v.summary, answer).toBe(`${value} is right (within 1e-9)`);
    }
    expect(await checkNumeric(formula(1), 'about half', store)).toEqual({ passed: false, summary: 'no number found in your answer', details: ['Write the number alone on a line, e.g. 0.6543'] });
  });

  it('tolerance × max(1, |expected|), inclusive on both sides; the verdict says how the value was computed', async () => {
    const store = storeHome();
    expect(await checkNumeric(formula(4), '6', store)).toEqual({ passed: true, summary: '6 is right (within 0.5)', details: ['expected: x with the values given'] });
    expect((await checkNumeric(formula(4), '2', store)).passed).toBe(true);
    expect((await checkNumeric(formula(4), '6.001', store)).passed).toBe(false);
    expect((await checkNumeric(formula(0.25), '0.75', store)).passed).toBe(true);
    expect((await checkNumeric(formula(0.25), '0.751', store)).passed).toBe(false);
  });

  it('a wrong answer is "close" within half the expected value, else "far off"', async () => {
    const store = storeHome();
    const exact = (v: number) => formula(v, 0);
    expect(await checkNumeric(exact(2), '2.9', store)).toEqual({ passed: false, summary: '2.9 is not within 0 of the expected value', details: ['close: check rounding, the formula, or which run you used'] });
    expect((await checkNumeric(exact(2), '1.1', store)).details).toEqual(['close: check rounding, the formula, or which run you used']);
    expect((await checkNumeric(exact(2), '3', store)).details).toEqual(['far off: check the formula and its inputs']);
    expect((await checkNumeric(exact(-2), '-1', store)).details).toEqual(['far off: check the formula and its inputs']);
    expect((await checkNumeric(exact(-2), '-1.5', store)).details).toEqual(['close: check rounding, the formula, or which run you used']);
  });
});

describe('expectedNumber', () => {
  it('a metric rule reads the newest run that recorded it', async () => {
    const store = new RunStore(openState({ home: makeTempHome() }));
    const e = exercise({ kind: 'numeric', expected: { metric: 'churn.test.auc' } });
    const none = await caught(() => expectedNumber(e, store));
    expect(none).toBeInstanceOf(UsageError);
    expect(none.message).toBe('this exercise reads churn.test.auc from your latest run, and there is none yet');
    expect(none.hint).toBe('Run `prep lab churn` first.');
    const run = store.start({ lab: 'churn' });
    run.metric('test.auc', 0.81, { stage: 'test', formula: 'f' });
    run.finish();
    store.start({ lab: 'churn' }).finish(); // newer, without the metric
    expect(await expectedNumber(e, store)).toEqual({ value: 0.81, how: `the recorded churn.test.auc of run ${run.id}` });
  });

  it('a formula rule mixes given numbers and recorded metrics, and names each source', async () => {
    const store = new RunStore(openState({ home: makeTempHome() }));
    const run = store.start({ lab: 'churn' });
    run.metric('test.tp', 30, { stage: 'test', formula: 'count' });
    run.finish();
    const e = exercise({ kind: 'numeric', expected: { formula: 'tp / (tp + fp)', inputs: { tp: 'churn.test.tp', fp: 10 } } });
    expect(await expectedNumber(e, store)).toEqual({ value: 0.75, how: `tp / (tp + fp) with tp = 30 (churn.test.tp, run ${run.id})` });
  });

  it('a formula that cannot be read is a usage error for the exercise, pointing mentors at lint', async () => {
    const store = new RunStore(openState({ home: makeTempHome() }));
    const e = exercise({ id: 'bad-formula', kind: 'numeric', expected: { formula: 'a +', inputs: { a: 1 } } });
    const error = await caught(() => expectedNumber(e, store));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^exercise bad-formula: the formula cannot be read: /);
    expect(error.hint).toBe('Mentors: run `prep content lint` to see every exercise problem.');
    const unknownName = await caught(() => expectedNumber(exercise({ id: 'bad-name', kind: 'numeric', expected: { formula: 'a + b', inputs: { a: 1 } } }), store));
    expect(unknownName.message).toMatch(/^exercise bad-name: the formula cannot be read: .*"b"/);
  });

  it('an sql rule is the first cell of its query (a broken exercise when it returns no row: broken-expected.test.ts)', async () => {
    const store = new RunStore(openState({ home: makeTempHome() }));
    const e = exercise({ kind: 'numeric', expected: { sql: 'SELECT COUNT(*) FROM telco' } });
    expect(await expectedNumber(e, store)).toEqual({ value: 7043, how: "the first cell of the exercise's query on telco" });
    const empty = exercise({ kind: 'numeric', expected: { sql: 'SELECT 1 FROM telco WHERE 0' } });
    await expect(expectedNumber(empty, store)).rejects.toThrow(UsageError);
  });
});

describe('answer files', () => {
  it('no file, a folder, or more than 256 KB: usage errors that say what to do', async () => {
    const e = sqlExercise([[1]], { id: 'sql-x' });
    const absent = join(makeTempHome(), 'query.sql');
    const noFile = await caught(() => checkAnswerFile(e, absent));
    expect(noFile).toBeInstanceOf(UsageError);
    expect(noFile.message).toBe(`no answer file at ${absent}`);
    expect(noFile.hint).toBe('Run `prep exercise start sql-x` first, or pass --file.');
    const folder = makeTempHome();
    expect((await caught(() => checkAnswerFile(e, folder))).message).toBe(`${folder} is not a regular file`);
    expect(maxAnswerBytes).toBe(262_144);
    const big = join(makeTempHome(), 'big.sql');
    writeFileSync(big, Buffer.alloc(300 * 1024, 0x20));
    expect((await caught(() => checkAnswerFile(e, big))).message).toBe(`${big} is 300 KB; an answer is at most 256 KB`);
    const justOver = join(makeTempHome(), 'over.txt');
    writeFileSync(justOver, Buffer.alloc(maxAnswerBytes + 1, 0x20));
    expect((await caught(() => checkAnswerFile(e, justOver))).message).toBe(`${justOver} is 262,145 bytes; an answer is at most 262,144 bytes`);
  });

  it('a numeric answer of exactly 256 KB is read; lines starting with # are not part of it', async () => {
    const e = exercise({ kind: 'numeric', dataset: undefined, tolerance: 0, expected: { formula: 'x', inputs: { x: 0.5 } } });
    const path = join(makeTempHome(), 'answer.txt');
    const head = '# Question 3 of 7: 2 marks\n#  see 1.5 above\n0.5\n';
    writeFileSync(path, head + '#'.repeat(maxAnswerBytes - head.length));
    closeState();
    process.env.PREP_HOME = makeTempHome(); // checkNumeric's default store
    try {
      expect((await checkAnswerFile(e, path)).summary).toBe('0.5 is right (within 0)');
      writeFileSync(path, 'x # 3\n0.5\n'); // a # later in a line is not a comment
      expect((await checkAnswerFile(e, path)).summary).toBe('3 is not within 0 of the expected value');
    } finally {
      process.env.PREP_HOME = home;
    }
  });

  it('an SQL answer is run without its -- comment lines; only comments is "no query yet"', async () => {
    const e = sqlExercise([[1, 'a']]);
    const path = join(makeTempHome(), 'query.sql');
    writeFileSync(path, `-- An exercise\n  -- Write one SELECT (or WITH) query\n\nSELECT 1, 'a'\n-- trailing; note\n`);
    expect((await checkAnswerFile(e, path)).passed).toBe(true);
    writeFileSync(path, `-- An exercise\n-- only the starter\n\n`);
    await expect(checkAnswerFile(e, path)).rejects.toThrow('there is no query here yet (only comments or blank lines)');
  });

  it('reference solutions: the query, the code, or where a numeric value comes from', () => {
    const sql = exercise({}, { 'solution.sql': 'SELECT 42;\n' });
    expect(referenceSolution(sql)).toBe('SELECT 42;\n');
    const code = exercise({ kind: 'code' }, { '.meta/solution.ts': 'export const x = 1;\n' });
    expect(referenceSolution(code)).toBe('export const x = 1;\n');
    expect(referenceSolution(exercise({ kind: 'numeric', expected: { metric: 'churn.test.pr_auc' } }))).toBe('The value is churn.test.pr_auc from your latest run (prep explain test.pr_auc).\n');
    expect(referenceSolution(exercise({ kind: 'numeric', expected: { formula: 'tp / (tp + fn)', inputs: { tp: 'churn.test.tp', fn: 3 } } }))).toBe('Compute tp / (tp + fn) with tp = churn.test.tp, fn = 3.\n');
    expect(referenceSolution(exercise({ kind: 'numeric', dataset: 'retail', expected: { sql: 'SELECT COUNT(*) FROM online_retail' } }))).toBe('The value comes from this query on retail:\nSELECT COUNT(*) FROM online_retail\n');
  });
});

describe('code exercises', () => {
  it('runCodeTests: passing, failing, broken and empty test files, each judged on its own in one vitest run', async () => {
    const dir = makeTempHome();
    const put = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const impl = put('impl.ts', 'export function f(): number {\n  return 1;\n}\n');
    const files = [
      { name: 'passes', module: 'm', implementation: impl, test: put('pass.test.ts', `import { f } from './m';\ntest('one', () => expect(f()).toBe(1));\ntest('two', () => expect(f() + 1).toBe(2));\n`) },
      { name: 'fails', module: 'm', implementation: impl, test: put('fail.test.ts', `import { f } from './m';\ntest('wants two', () => expect(f()).toBe(2));\ntest('ok', () => expect(f()).toBe(1));\n`) },
      { name: 'broken', module: 'm', implementation: impl, test: put('broken.test.ts', `import { f } from './m';\nthrow new Error('cannot even load');\n`) },
      { name: 'empty', module: 'm', implementation: impl, test: put('empty.test.ts', `import { f } from './m';\nvoid f;\n`) },
    ];
    const results = await runCodeTests(files, 120_000);
    expect([...results.keys()]).toEqual(['passes', 'fails', 'broken', 'empty']);
    expect(results.get('passes')).toEqual({ passed: true, output: '✓ 2 test(s) pass' });
    expect(results.get('fails')!.passed).toBe(false);
    expect(results.get('fails')!.output).toMatch(/^✗ wants two: /);
    expect(results.get('fails')!.output.split('\n')).toHaveLength(1);
    expect(results.get('broken')!.passed).toBe(false);
    expect(results.get('broken')!.output).toMatch(/cannot even load/);
    expect(results.get('broken')!.output.split('\n')).toHaveLength(1);
    expect(results.get('empty')!.passed).toBe(false);
  }, 180_000);

  it('tests that run past the time limit are stopped with a usage error', async () => {
    const dir = makeTempHome();
    writeFileSync(join(dir, 'loop.ts'), 'export function f(): number {\n  for (;;) {}\n}\n');
    writeFileSync(join(dir, 'loop.test.ts'), `import { f } from './m';\ntest('never ends', () => expect(f()).toBe(1));\n`);
    const error = await caught(() => runCodeTests([{ name: 'loop', module: 'm', implementation: join(dir, 'loop.ts'), test: join(dir, 'loop.test.ts') }], 1500));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('the tests ran longer than 1.5 s and were stopped (an endless loop?)');
  }, 60_000);

  it('a code answer file is run against the exercise\'s tests: the verdict and the output lines', async () => {
    const e = exercise({ kind: 'code', slug: 'add', id: 'add' }, { 'add.test.ts': `import { add } from './add';\ntest('adds', () => expect(add(2, 3)).toBe(5));\ntest('negatives', () => expect(add(-2, -3)).toBe(-5));\n` });
    const wrong = join(makeTempHome(), 'add.ts');
    writeFileSync(wrong, 'export function add(a: number, b: number): number {\n  return a - b;\n}\n');
    const verdict = await checkAnswerFile(e, wrong);
    expect(verdict.passed).toBe(false);
    expect(verdict.summary).toBe('some tests fail');
    expect(verdict.details).toHaveLength(2);
    expect(verdict.details[0]).toMatch(/^✗ adds: /);
    expect(verdict.details[1]).toMatch(/^✗ negatives: /);
    const right = join(makeTempHome(), 'add.ts');
    writeFileSync(right, 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    expect(await checkCode(e, right)).toEqual({ passed: true, summary: 'all tests pass', details: ['✓ 2 test(s) pass'] });
  }, 180_000);
});

describe('matchRows (unordered SQL results)', () => {
  /** The most rows a one-to-one matching can pair, by trying every assignment (small inputs only). */
  function bruteForceMatched(got: SqlCell[][], want: SqlCell[][], tolerance: number): number {
    const same = (a: SqlCell[], b: SqlCell[]) => b.every((v, c) => (typeof v === 'number' && typeof a[c] === 'number' ? Math.abs((a[c] as number) - v) <= tolerance * Math.max(1, Math.abs(v)) : a[c] === v));
    const best = (i: number, used: Set<number>): number => {
      if (i === want.length) return 0;
      let most = best(i + 1, used);
      got.forEach((row, j) => {
        if (used.has(j) || !same(row, want[i]!)) return;
        used.add(j);
        most = Math.max(most, 1 + best(i + 1, used));
        used.delete(j);
      });
      return most;
    };
    return best(0, new Set());
  }
  const cell = fc.oneof(fc.constantFrom(0, 0.05, 0.1, 0.45, 0.5, 0.55, 1, 2), fc.constantFrom('a', 'b', null));
  it('pairs as many rows as the best one-to-one matching, each pair within tolerance, no returned row used twice (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 6 }), fc.constantFrom(0, 0.1, 0.5), (want, got, tolerance) => {
          const match = matchRows(got, want, tolerance);
          const used = match.filter((j) => j >= 0);
          expect(new Set(used).size).toBe(used.length);
          match.forEach((j, i) => {
            if (j < 0) return;
            want[i]!.forEach((v, c) => {
              const g = got[j]![c]!;
              if (typeof v === 'number' && typeof g === 'number') expect(Math.abs(g - v)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(v)));
              else expect(g).toBe(v);
            });
          });
          expect(used.length).toBe(bruteForceMatched(got, want, tolerance));
        }),
      { numRuns: 400 },
    );
  });
});
