/**
 * The rule for comparing SQL result cells (src/exercises/check.ts, sqlCell/sameCell), labelled
 * case by case, then through checkSql on real SQLite results, where the storage class a value
 * comes back in (INTEGER, REAL, TEXT, NULL, BLOB) is SQLite's and not written by hand.
 * The rule: NULL equals only NULL; numbers compare as numbers within the tolerance whether they
 * came back as INTEGER, REAL or TEXT holding a plain (JSON) number literal; other text exactly.
 * Before the fix NULL equalled '', '4' equalled 4 but '4.0' did not, and the order of unordered
 * rows depended on the storage class.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../../src/exercises/catalog.js';
import { checkSql, sameCell, sqlCell } from '../../src/exercises/check.js';
import { homeWithDatasets, makeTempHome } from '../helpers/home.js';

describe('sameCell(sqlCell(got), sqlCell(want)): the comparison rule, labelled', () => {
  // [got, want, tolerance, equal?, why]
  const cases: [unknown, unknown, number, boolean, string][] = [
    [null, null, 0, true, 'NULL equals NULL'],
    [null, '', 0, false, 'NULL is not the empty text'],
    ['', null, 0, false, 'the empty text is not NULL (the other direction)'],
    [null, 0, 0, false, 'NULL is not zero'],
    [0, null, 0, false, 'zero is not NULL'],
    [null, 'NULL', 0, false, "NULL is not the text 'NULL'"],
    ['', '', 0, true, 'empty text equals empty text'],
    [4, 4, 0, true, 'INTEGER 4 and REAL 4.0 both arrive as the number 4'],
    ['4', 4, 0, true, "text '4' is the number 4"],
    [4, '4', 0, true, "the number 4 is the text '4' (the other direction)"],
    ['4.0', 4, 0, true, "text '4.0' is the number 4"],
    [4, '4.0', 0, true, "the number 4 is the text '4.0' (the other direction)"],
    ['4.0', '4', 0, true, "'4.0' and '4' are one number, both as text"],
    ['4', '4.0', 0, true, "'4' and '4.0' (the other direction)"],
    ['4.00', 4, 0, true, "printf('%.2f', 4) gives '4.00'"],
    ['1e3', 1000, 0, true, 'an exponent is a plain literal'],
    ['1e+21', 1e21, 0, true, 'a signed exponent too'],
    ['-0.5', -0.5, 0, true, 'a minus sign too'],
    [' 4', 4, 0.5, false, 'padded text is text, not a number'],
    [4, ' 4', 0.5, false, 'a number is not padded text (the other direction)'],
    ['4 ', 4, 0.5, false, 'trailing space: text'],
    [' 4', '4', 0.5, false, "padded text is not '4' (which is a number)"],
    [' 4', ' 4', 0, true, 'the same padded text'],
    ['007', 7, 0, false, "a zero-padded code '007' is text"],
    ['007', '7', 0, false, "'007' is not '7'"],
    ['007', '007', 0, true, 'the same code'],
    ['+4', 4, 0, false, "'+4' is not a plain literal"],
    ['4.', 4, 0, false, "'4.' is not a plain literal"],
    ['.5', 0.5, 0, false, "'.5' is not a plain literal"],
    ['1,000', 1000, 0, false, 'thousands separators are formatting'],
    ['40%', 40, 0, false, 'a percent sign is formatting'],
    ['0x10', 16, 0, false, 'hex is text'],
    ['Infinity', Infinity, 0, false, "the text 'Infinity' is text"],
    [Infinity, Infinity, 1e-6, true, 'an overflowing REAL equals itself (Inf - Inf is NaN)'],
    [-Infinity, Infinity, 1e-6, false, 'opposite infinities differ'],
    [5, Infinity, 1e-6, false, 'a finite number is not Inf (a relative tolerance of Inf would admit it)'],
    [Infinity, 5, 1e-6, false, 'Inf is not a finite number'],
    ['a', 'A', 0, false, 'text is compared exactly, case included'],
    ['4.5', 4, 0.5, true, 'numeric text within the tolerance (0.5 x 4 = 2)'],
    [6, '4', 0.5, true, 'the tolerance applies whichever side is text'],
    ['6.01', 4, 0.5, false, 'outside the tolerance'],
    ['0.3', 0.1 + 0.2, 1e-6, true, 'float noise against its printed value'],
    [Buffer.from([1, 2]), new Uint8Array([1, 2]), 0, true, 'a BLOB equals the same bytes'],
    [Buffer.from([1, 2]), Buffer.from([1, 3]), 0, false, 'a BLOB differs from other bytes'],
    [Buffer.from('ab'), 'ab', 0, false, 'a BLOB is not text'],
  ];
  for (const [got, want, tolerance, equal, why] of cases) {
    it(`${equal ? 'equal' : 'differ'}: ${why}`, () => {
      expect(sameCell(sqlCell(got), sqlCell(want), tolerance)).toBe(equal);
    });
  }

  it('any finite number equals its own text (String(x)), in both directions', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(sameCell(sqlCell(String(x)), sqlCell(x), 0)).toBe(true);
        expect(sameCell(sqlCell(x), sqlCell(String(x)), 0)).toBe(true);
      }),
    );
  });

  it('with tolerance 0 the comparison is symmetric over NULL, numbers, numeric text and other text', () => {
    const cell = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 }).map((n) => `${n}`), fc.integer({ min: -5, max: 5 }).map((n) => `${n}.0`), fc.constantFrom('', ' 4', '4 ', '007', 'x', 'NULL'));
    fc.assert(
      fc.property(cell, cell, (a, b) => {
        expect(sameCell(sqlCell(a), sqlCell(b), 0)).toBe(sameCell(sqlCell(b), sqlCell(a), 0));
      }),
    );
  });
});

describe('checkSql on real SQLite results: storage classes, direction and order', () => {
  beforeAll(async () => {
    process.env.PREP_HOME = await homeWithDatasets(['telco', 'retail']);
  });

  const exercise = (solution: string, meta: Partial<Exercise> = {}): Exercise => {
    const dir = join(makeTempHome(), '01_t', 'ex');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'solution.sql'), solution);
    return { formatVersion: 1, id: 'ex', title: 'An exercise', kind: 'sql', dataset: 'telco', difficulty: 'easy', tags: ['t'], stage: 'churn:profile', tolerance: 1e-6, ordered: false, dir, topic: '01_t', slug: 'ex', ...meta } as Exercise;
  };

  it("NULL vs '': wrong in both directions, and the detail says it is NULL against text", async () => {
    const wantNull = await checkSql(exercise(`SELECT 'a' AS k, NULL AS v`), `SELECT 'a', ''`);
    expect(wantNull).toEqual({ passed: false, summary: '1 row(s) differ (compared in any order)', details: ['row 1: expected ["a",null], got ["a",""] (column 2: "" is text where NULL is expected)'] });
    const wantEmpty = await checkSql(exercise(`SELECT 'a' AS k, '' AS v`), `SELECT 'a', NULL`);
    expect(wantEmpty.passed).toBe(false);
    expect(wantEmpty.details).toEqual(['row 1: expected ["a",""], got ["a",null] (column 2: NULL where text is expected)']);
    expect((await checkSql(exercise(`SELECT 'a' AS k, NULL AS v`), `SELECT 'a', NULL`)).passed).toBe(true);
  });

  it("4 as INTEGER, REAL, '4', '4.0', printf and CAST: one value whichever side is the solution", async () => {
    const forms = ['4', '4.0', `'4'`, `'4.0'`, `printf('%.2f', 4)`, 'CAST(4 AS REAL)', 'CAST(4.0 AS TEXT)', `CAST('4' AS INTEGER)`];
    // one row with every form as a column, against each rotation of it: every pair of forms, each way round
    const e = exercise(`SELECT ${forms.map((f, i) => `${f} AS c${i}`).join(', ')}`);
    for (let shift = 0; shift < forms.length; shift++) {
      const rotated = forms.map((_, i) => forms[(i + shift) % forms.length]);
      expect(await checkSql(e, `SELECT ${rotated.join(', ')}`), rotated.join(', ')).toEqual({ passed: true, summary: 'all 1 rows match', details: [] });
    }
  }, 120_000);

  it("' 4' (padded) is text: wrong against 4 and '4', in both directions, with the reason", async () => {
    const verdict = await checkSql(exercise('SELECT 4 AS v'), `SELECT ' 4'`);
    expect(verdict).toEqual({ passed: false, summary: '1 row(s) differ (compared in any order)', details: ['row 1: expected [4], got [" 4"] (column 1: " 4" is text where a number is expected: return the number itself, not formatted text)'] });
    expect((await checkSql(exercise(`SELECT ' 4' AS v`), 'SELECT 4')).passed).toBe(false);
    expect((await checkSql(exercise(`SELECT '4' AS v`), `SELECT printf('%2d', 4)`)).passed).toBe(false);
    expect((await checkSql(exercise(`SELECT ' 4' AS v`), `SELECT printf('%2d', 4)`)).passed).toBe(true);
    const thousands = await checkSql(exercise('SELECT 1000 AS v'), `SELECT '1,000'`);
    expect(thousands.details).toEqual(['row 1: expected [1000], got ["1,000"] (column 1: "1,000" is text where a number is expected: return the number itself, not formatted text)']);
    const word = await checkSql(exercise('SELECT 4 AS v'), `SELECT 'four'`);
    expect(word.details).toEqual(['row 1: expected [4], got ["four"] (column 1: "four" is text where a number is expected)']);
  });

  it('numbers in a text column (retail InvoiceNo) equal the same numbers cast to INTEGER; codes that are not plain numbers stay text', async () => {
    const retail = (solution: string, meta: Partial<Exercise> = {}) => exercise(solution, { dataset: 'retail', ...meta });
    const invoices = `SELECT InvoiceNo FROM online_retail WHERE InvoiceNo IN ('536365', '536366', 'C536379') GROUP BY InvoiceNo`;
    const e = retail(invoices);
    expect((await checkSql(e, invoices)).passed).toBe(true);
    // the cancelled invoice's code cannot be a number: an answer that casts it gets 0, which is wrong
    const cast = await checkSql(e, `SELECT CAST(InvoiceNo AS INTEGER) FROM online_retail WHERE InvoiceNo IN ('536365', '536366', 'C536379') GROUP BY InvoiceNo`);
    expect(cast.passed).toBe(false);
    expect(cast.details).toHaveLength(1);
    expect(cast.details[0]).toMatch(/\(column 1: 0 is a number where text is expected\)$/);
    // without it, the text column and the integers are one result
    const numbersOnly = retail(`SELECT InvoiceNo FROM online_retail WHERE InvoiceNo IN ('536365', '536366') GROUP BY InvoiceNo`);
    expect((await checkSql(numbersOnly, `SELECT CAST(InvoiceNo AS INTEGER) FROM online_retail WHERE InvoiceNo IN ('536365', '536366') GROUP BY InvoiceNo`)).passed).toBe(true);
    // stock codes: '85123A' is text; '22423' is a number either way
    const codes = retail(`SELECT StockCode FROM online_retail WHERE StockCode IN ('85123A', '22423') GROUP BY StockCode`);
    expect((await checkSql(codes, `SELECT '85123A' UNION ALL SELECT 22423`)).passed).toBe(true);
    expect((await checkSql(codes, `SELECT '85123a' UNION ALL SELECT 22423`)).passed).toBe(false);
  });

  it('unordered: the same values in another order and other storage classes match (the sort reads values, not classes)', async () => {
    const e = exercise(`SELECT 9 AS v, 'y' AS w UNION ALL SELECT 10, 'x' UNION ALL SELECT NULL, 'z'`);
    expect((await checkSql(e, `SELECT '10', 'x' UNION ALL SELECT NULL, 'z' UNION ALL SELECT 9.0, 'y'`)).passed).toBe(true);
    expect((await checkSql(e, `SELECT 10.0, 'x' UNION ALL SELECT '9', 'y' UNION ALL SELECT NULL, 'z'`)).passed).toBe(true);
    const emptyForNull = await checkSql(e, `SELECT '10', 'x' UNION ALL SELECT '', 'z' UNION ALL SELECT 9.0, 'y'`);
    expect(emptyForNull.passed).toBe(false);
  });

  it('ordered: mixed storage classes in the right order pass; the same rows in another order fail', async () => {
    const e = exercise(`SELECT 10 AS v, 'x' AS w UNION ALL SELECT 9, 'y'`, { ordered: true });
    expect((await checkSql(e, `SELECT '10.0', 'x' UNION ALL SELECT 9, 'y'`)).passed).toBe(true);
    const swapped = await checkSql(e, `SELECT '9', 'y' UNION ALL SELECT 10.0, 'x'`);
    expect(swapped.passed).toBe(false);
    expect(swapped.summary).toBe('2 row(s) differ (order matters here)');
    expect(swapped.details[0]).toBe('row 1: expected [10,"x"], got [9,"y"]');
  });
});
