/**
 * Edges of reading a CSV (src/data/datasets/csv-source.ts), of read-only SQL (query.ts) and of
 * importing (import.ts), in process: what the first bytes say (UTF-16, binary, bare CR), the
 * delimiter check and the column cap on both sides, quoting errors with their lines, the user's
 * SQL refused or run with its exact messages, and import's own checks and metadata.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { csvField, maxCsvColumns, maxRecordChars, readCsv, sniffCsvStart } from '../../src/data/datasets/csv-source.js';
import { prepareReadOnly, runReadOnlyQuery } from '../../src/data/datasets/query.js';
import { importCsv } from '../../src/data/datasets/import.js';
import { openDatasetReadOnly } from '../../src/data/datasets/store.js';
import { UsageError } from '../../src/errors.js';
import { makeTempHome } from '../helpers/home.js';
import { caught } from '../helpers/caught.js';

const file = (name: string, content: string | Buffer): string => {
  const path = join(makeTempHome(), name);
  writeFileSync(path, content);
  return path;
};
const records = async (path: string) => {
  const out: { fields: string[]; line: number }[] = [];
  for await (const r of readCsv(path)) out.push(r);
  return out;
};
const fields = async (path: string) => (await records(path)).map((r) => r.fields);

describe('sniffCsvStart', () => {
  it('a byte-order mark of either UTF-16 order is UTF-16, with how to convert', async () => {
    for (const bom of [[0xff, 0xfe], [0xfe, 0xff]]) {
      const e = await caught(() => sniffCsvStart('f.csv', Buffer.from([...bom, 0x61, 0])));
      expect(e).toBeInstanceOf(UsageError);
      expect(e.message).toBe('f.csv: the file is UTF-16 text; prep reads UTF-8 CSV');
      expect(e.hint).toBe('Save it as "CSV UTF-8", or convert it: iconv -f UTF-16 -t UTF-8 f.csv > converted.csv');
    }
    // half a byte-order mark is not one
    expect(sniffCsvStart('f.csv', Buffer.from([0xff, 0x61, 0x2c, 0x62]))).toEqual({ bareCr: false });
    expect(sniffCsvStart('f.csv', Buffer.from([0x61, 0xfe, 0x2c, 0x62]))).toEqual({ bareCr: false });
  });

  it('NULs beside ASCII in the first four bytes look like UTF-16 (either order); other NULs mean binary', async () => {
    const utf16 = 'f.csv: the file looks like UTF-16 text without a byte-order mark; prep reads UTF-8 CSV';
    const binary = 'f.csv: the file has NUL bytes: it is binary, not a CSV';
    const cases: [number[], string, string][] = [
      [[0x61, 0, 0x62, 0], utf16, 'Convert it: iconv -f UTF-16LE -t UTF-8 f.csv > converted.csv'], // exactly four bytes, little-endian
      [[0, 0x61, 0, 0x62, 0, 0x2c], utf16, 'Convert it: iconv -f UTF-16LE -t UTF-8 f.csv > converted.csv'], // big-endian
      [[0x61, 0, 0x62], binary, 'Export the data as CSV (comma-separated, UTF-8) first.'], // too short to tell
      [[0x61, 0, 0x62, 0x63], binary, 'Export the data as CSV (comma-separated, UTF-8) first.'],
      [[0x61, 0x62, 0x63, 0, 0x64], binary, 'Export the data as CSV (comma-separated, UTF-8) first.'],
      [[0x61, 0x62, 0, 0x63], binary, 'Export the data as CSV (comma-separated, UTF-8) first.'],
    ];
    for (const [bytes, message, hint] of cases) {
      const e = await caught(() => sniffCsvStart('f.csv', Buffer.from(bytes)));
      expect(e.message, JSON.stringify(bytes)).toBe(message);
      expect(e.hint, JSON.stringify(bytes)).toBe(hint);
    }
  });

  it('bare CR line ends only when there is no LF at all', () => {
    expect(sniffCsvStart('f', Buffer.from('a,b\r1,2\r'))).toEqual({ bareCr: true });
    expect(sniffCsvStart('f', Buffer.from('a,b\r\n1,2\r\n'))).toEqual({ bareCr: false });
    expect(sniffCsvStart('f', Buffer.from('a,b\n1,2\n'))).toEqual({ bareCr: false });
    expect(sniffCsvStart('f', Buffer.from('a,b'))).toEqual({ bareCr: false });
  });
});

describe('readCsv', () => {
  it('exactly the column cap is read; one more is refused with the count, the cap and a hint', async () => {
    const header = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    const atCap = await fields(file('cap.csv', `${header(maxCsvColumns)}\n`));
    expect(atCap[0]).toHaveLength(2000);
    const over = file('over.csv', `${header(maxCsvColumns + 1)}\n`);
    const e = await caught(() => records(over));
    expect(e.message).toBe(`${over}:1: the header has 2001 columns; at most 2000 fit in a SQLite table`);
    expect(e.hint).toBe('Keep the columns you need (e.g. with cut -d, -f1-100).');
  });

  it('a one-column header with tabs, semicolons or pipes names the separator; with commas they are only characters', async () => {
    const tab = file('t.tsv', 'a\tb\tc\n');
    const tabError = await caught(() => records(tab));
    expect(tabError.message).toBe(`${tab}:1: the header has no commas but 2 tabs: prep reads comma-separated CSV`);
    expect(tabError.hint).toBe(`Convert it, e.g.: python3 -c "import csv,sys; csv.writer(sys.stdout).writerows(csv.reader(sys.stdin, delimiter='\\t'))" < ${tab} > converted.csv`);
    const semi = file('s.csv', 'a;b;c;d\n');
    const semiError = await caught(() => records(semi));
    expect(semiError.message).toBe(`${semi}:1: the header has no commas but 3 semicolons: prep reads comma-separated CSV`);
    expect(semiError.hint).toBe('Export it again with commas as the separator (in a spreadsheet: Save as CSV, comma-delimited).');
    const pipe = file('p.csv', 'a|b\n');
    const pipeError = await caught(() => records(pipe));
    expect(pipeError.message).toBe(`${pipe}:1: the header has no commas but 1 "|" characters: prep reads comma-separated CSV`);
    expect(pipeError.hint).toBe('Export it again with commas as the separator (in a spreadsheet: Save as CSV, comma-delimited).');
    // the most frequent separator is the one named
    const mixed = file('m.csv', 'a;b|c|d\n');
    expect((await caught(() => records(mixed))).message).toMatch(/no commas but 2 "\|" characters/);
    // two columns: a tab or semicolon inside a name is just a character
    expect(await fields(file('ok.csv', 'a\tb,c;d\n1,2\n'))).toEqual([['a\tb', 'c;d'], ['1', '2']]);
  });

  it('a byte-order mark is dropped from the first header name only', async () => {
    expect(await fields(file('bom.csv', '\ufeffid,name\n\ufeff1,x\n'))).toEqual([['id', 'name'], ['\ufeff1', 'x']]);
  });

  it('quoting errors say which line: text after a closing quote, a quote inside an unquoted field', async () => {
    const after = file('a.csv', 'a,b\n"x"y,2\n');
    expect((await caught(() => records(after))).message).toBe(`${after}:2: unexpected character after a closing quote`);
    const inside = file('i.csv', 'a,b\n1,x"y"\n');
    expect((await caught(() => records(inside))).message).toBe(`${inside}:2: a quote inside an unquoted field`);
    // lines inside an earlier quoted field of the same record count
    const later = file('l.csv', 'a,b,c\n"one\ntwo\nthree",x"y,3\n');
    expect((await caught(() => records(later))).message).toBe(`${later}:4: a quote inside an unquoted field`);
    const unclosed = file('u.csv', 'a,b\n1,2\n3,"never\n');
    expect((await caught(() => records(unclosed))).message).toBe(`${unclosed}:3: a quoted field is never closed`);
  });

  it('quoted fields: at the end of a line (LF or CRLF), at the end of the file, empty, and an unquoted last field with CRLF', async () => {
    expect(await records(file('q.csv', 'a,b\r\n1,"x"\r\n"2",y\r\n"",""\n3,"z"'))).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', 'x'], line: 2 },
      { fields: ['2', 'y'], line: 3 },
      { fields: ['', ''], line: 4 },
      { fields: ['3', 'z'], line: 5 },
    ]);
    expect(await fields(file('c.csv', 'a,b\n"q,1",last\r\n'))).toEqual([['a', 'b'], ['q,1', 'last']]);
  });

  it('a ragged row names its line and both widths', async () => {
    const path = file('r.csv', 'a,b\n1,2\n\n1,2,3\n');
    expect((await caught(() => records(path))).message).toBe(`${path}:4: ragged row: expected 2 fields (as in the header), got 3`);
  });

  it('a missing file, and a .gz that is not gzip, are usage errors', async () => {
    const missing = join(makeTempHome(), 'absent.csv');
    const e = await caught(() => records(missing));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe(`cannot read ${missing}: no such file`);
    const notGz = file('x.csv.gz', 'a,b\n1,2\n');
    const gzError = await caught(() => records(notGz));
    expect(gzError).toBeInstanceOf(UsageError);
    expect(gzError.message).toMatch(new RegExp(`^${notGz.replace(/[.]/g, '\\.')}: not a readable gzip file \\(`));
  });

  it('a .gz path that cannot be read ends with the read error instead of waiting for ever', async () => {
    const dir = join(makeTempHome(), 'folder.csv.gz');
    mkdirSync(dir);
    await expect(records(dir)).rejects.toThrow(/EISDIR/);
  }, 10_000);

  it('a quoted field over two lines whose closing quote is the last byte of a 1 MiB read waits for the next read', async () => {
    // "a\n" + '"' + 1000 y + "\n" + z... + '"' = exactly 1 MiB: the record has a line end inside its quotes
    const zs = 1048576 - 2 - 1 - 1000 - 1 - 1;
    const got = await fields(file('edge.csv', `a\n"${'y'.repeat(1000)}\n${'z'.repeat(zs)}"\n"q"\n`));
    expect(got.map((f) => f.map((v) => v.length))).toEqual([[1], [1001 + zs], [1]]);
    expect(got[2]).toEqual(['q']);
  });

  it('a record of exactly 16 M characters is still read; the cap is only passed beyond it', async () => {
    const got = await fields(file('max.csv', `${'x'.repeat(maxRecordChars)}\n`));
    expect(got).toHaveLength(1);
    expect(got[0]![0]).toHaveLength(maxRecordChars);
  }, 30_000);

  it('the record cap is 16 M characters', () => {
    expect(maxRecordChars).toBe(16 * 1024 * 1024);
    expect(maxCsvColumns).toBe(2000);
  });

  it('progress is reported after each further 1 MiB read, and at the end', async () => {
    const line = `${'x'.repeat(1023)}\n`; // 1 KiB
    const path = file('big.csv', `h\n${line.repeat(2560)}`); // 2.5 MiB and 2 bytes
    const seen: [number, number][] = [];
    let rows = 0;
    for await (const _ of readCsv(path, { onProgress: (r, t) => seen.push([r, t]) })) rows++;
    const total = 2 + 2560 * 1024;
    expect(rows).toBe(2561);
    // chunks of 1 MiB: after the first nothing is said (not more than 1 MiB since the start), after the second it is
    expect(seen).toEqual([
      [2 * 1048576, total],
      [total, total],
    ]);
  });

  it('progress ends at the file size', async () => {
    const path = file('p.csv', 'a,b\n1,2\n');
    const seen: [number, number][] = [];
    for await (const _ of readCsv(path, { onProgress: (r, t) => seen.push([r, t]) })) void _;
    expect(seen).toEqual([[8, 8]]);
  });
});

describe('csvField', () => {
  it('quotes only what needs it, doubling quotes', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });
});

describe('read-only SQL', () => {
  const db = () => {
    const d = new Database(':memory:');
    d.exec(`CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, 'z')`);
    return d;
  };

  it('leading blanks and comments of any kind are skipped to find the first keyword, in any case', () => {
    for (const sql of ['  \n\t SELECT a FROM t', 'select a from t', '-- a note\n  -- another\n\n  SELECT a FROM t', '/* block\n comment */ SELECT a FROM t', '  /* a */ -- b\n  WITH x AS (SELECT a FROM t) SELECT a FROM x', '-- no newline after this, then\nSELECT a FROM t']) {
      expect(runReadOnlyQuery(db(), sql, 10).rows, sql).toEqual([[1], [2], [3]]);
    }
  });

  it('only comments, or nothing: there is no query yet, with an example', async () => {
    for (const sql of ['', '   \n', '-- write your query here\n', '-- only a comment', '/* never closed', '/* a */ -- b']) {
      const e = await caught(() => prepareReadOnly(db(), sql));
      expect(e.message, sql).toBe('there is no query here yet (only comments or blank lines)');
      expect(e.hint).toBe('Write one SELECT or WITH statement, e.g. SELECT Contract, COUNT(*) FROM telco GROUP BY Contract.');
    }
  });

  it('a statement that starts with another keyword is refused, naming the keyword (or the first 10 characters)', async () => {
    const hint = 'The datasets are read-only: write a query that reads, e.g. SELECT Contract, COUNT(*) FROM telco GROUP BY Contract.';
    for (const [sql, shown] of [
      ['delete from t', 'DELETE'],
      ['  /* x */ UPDATE t SET a = 1', 'UPDATE'],
      ['(SELECT a FROM t)', '(SELECT A '],
      ['SELECTED', 'SELECTED'],
      ['WITHOUT', 'WITHOUT'],
    ]) {
      const e = await caught(() => prepareReadOnly(db(), sql!));
      expect(e).toBeInstanceOf(UsageError);
      expect(e.message).toBe(`only a single SELECT or WITH statement may run here; this one starts with ${shown}`);
      expect(e.hint).toBe(hint);
    }
  });

  it('two statements, a syntax error, a writing WITH and a runtime error each get their own message', async () => {
    expect((await caught(() => prepareReadOnly(db(), 'SELECT 1; SELECT 2'))).message).toBe('only a single statement may run here; remove everything after the first ";"');
    expect((await caught(() => prepareReadOnly(db(), 'SELECT FROM WHERE'))).message).toMatch(/^SQL error: near "FROM": syntax error$/);
    expect((await caught(() => prepareReadOnly(db(), 'SELECT nope FROM t'))).message).toBe('SQL error: no such column: nope');
    expect((await caught(() => prepareReadOnly(db(), 'WITH x AS (SELECT 1) DELETE FROM t'))).message).toBe('this statement would change the database; only reading queries may run here');
    const runtime = await caught(() => runReadOnlyQuery(db(), 'SELECT abs(-9223372036854775807 - 1) FROM t', 10));
    expect(runtime).toBeInstanceOf(UsageError);
    expect(runtime.message).toBe('SQL error: integer overflow');
  });

  it('the row limit: equal to the rows is not truncated, one fewer is', () => {
    expect(runReadOnlyQuery(db(), 'SELECT a, b FROM t ORDER BY a', 3)).toEqual({ columns: ['a', 'b'], rows: [[1, 'x'], [2, 'y'], [3, 'z']], truncated: false });
    expect(runReadOnlyQuery(db(), 'SELECT a, b FROM t ORDER BY a', 2)).toEqual({ columns: ['a', 'b'], rows: [[1, 'x'], [2, 'y']], truncated: true });
    expect(runReadOnlyQuery(db(), 'SELECT a FROM t WHERE a > 5', 0)).toEqual({ columns: ['a'], rows: [], truncated: false });
  });
});

describe('importCsv checks and metadata', () => {
  it('refuses a bad name, a bundled name, a bad kind, a missing file and a folder, each with its words', async () => {
    const home = makeTempHome();
    const csv = file('c.csv', 'a\n1\n');
    const badName = await caught(() => importCsv({ file: csv, name: 'Bad Name', kind: 'table', home }));
    expect(badName).toBeInstanceOf(UsageError);
    expect(badName.message).toBe('"Bad Name" is not a valid dataset name');
    expect(badName.hint).toBe('Use lower-case letters, digits, - and _, starting with a letter (at most 40).');
    expect((await caught(() => importCsv({ file: csv, name: 'retail', kind: 'table', home }))).message).toBe('"retail" is the name of a bundled dataset; choose another --name');
    expect((await caught(() => importCsv({ file: csv, name: 'mine', kind: 'graph' as 'table', home }))).message).toBe('--kind must be table or transactions, not "graph"');
    const absent = join(home, 'absent.csv');
    expect((await caught(() => importCsv({ file: absent, name: 'mine', kind: 'table', home }))).message).toBe(`cannot read ${absent}: no such file`);
    const folder = await caught(() => importCsv({ file: home, name: 'mine', kind: 'table', home }));
    expect(folder.message).toBe(`${home} is not a regular file`);
    expect(folder.hint).toBe('Import a CSV file (plain or .gz); devices and folders cannot be read to an end.');
    const existing = await importCsv({ file: csv, name: 'mine', kind: 'table', home });
    const twice = await caught(() => importCsv({ file: csv, name: 'mine', kind: 'table', home }));
    expect(twice.message).toBe('a dataset named "mine" already exists');
    expect(twice.hint).toBe('Pass --force to replace it, or choose another --name.');
    expect(existing.rows).toBe(1);
  });

  it('transactions mappings: the missing flags are named; amount or quantity and price', async () => {
    const home = makeTempHome();
    const csv = file('t.csv', 'c,d,q,p,a\nA,2020-01-01,1,2,3\n');
    const mapped = (mapping: Record<string, string> | undefined) => caught(() => importCsv({ file: csv, name: 'shop', kind: 'transactions', home, mapping }));
    const none = await mapped(undefined);
    expect(none.message).toBe('a transactions import needs --customer COL and --date COL');
    expect(none.hint).toBe('Map the columns: --customer COL --date COL and either --amount COL or --quantity COL --price COL (optional --invoice COL).');
    expect((await mapped({ customer: 'c' })).message).toBe('a transactions import needs --date COL');
    expect((await mapped({ date: 'd' })).message).toBe('a transactions import needs --customer COL');
    expect((await mapped({ customer: 'c', date: 'd' })).message).toBe('a transactions import needs --amount COL, or both --quantity COL and --price COL');
    expect((await mapped({ customer: 'c', date: 'd', quantity: 'q' })).message).toBe('a transactions import needs --amount COL, or both --quantity COL and --price COL');
    expect((await mapped({ customer: 'c', date: 'd', amount: 'a', quantity: 'q' })).message).toBe('--quantity and --price go together (amount = quantity × price)');
    expect((await mapped({ customer: 'c', date: 'd', amount: 'a', price: 'p' })).message).toBe('--quantity and --price go together (amount = quantity × price)');
  });

  it('a table import: metadata, provenance for imported data, the sha256 of the source, notes per column', async () => {
    const home = makeTempHome();
    const text = 'id,months,fee\nu1,3,10.5\nu2, ,20\n';
    const csv = file('mine.csv', text);
    const meta = await importCsv({ file: csv, name: 'mine', kind: 'table', home });
    expect(meta).toMatchObject({
      name: 'mine',
      kind: 'table',
      title: 'mine.csv (imported)',
      mainTable: 'data',
      source: `imported from ${csv}`,
      licence: 'as stated by its owner (imported by you)',
      label: 'your dataset "mine"',
      sha256: createHash('sha256').update(text).digest('hex'),
      rows: 2,
      notes: ['id: TEXT', 'months: INTEGER, 1 blank value(s) stored as NULL', 'fee: REAL'],
    });
    expect(meta.mapping).toBeUndefined();
    const provenance = { title: 'T', source: 'S', licence: 'L', label: 'B' };
    const again = await importCsv({ file: csv, name: 'mine', kind: 'table', home, force: true, provenance });
    expect(again).toMatchObject(provenance);
  });

  it('a transactions import without an invoice: one invoice per customer timestamp, notes, the amount column, no empty mapping keys', async () => {
    const home = makeTempHome();
    const csv = file('t.csv', 'who,when,total,where\nA,2011-01-02 10:00,3.5,UK\nA,2011-01-02 10:00,1,UK\n,2011-02-01,2,FR\n');
    const meta = await importCsv({ file: csv, name: 'shop', kind: 'transactions', home, mapping: { customer: 'who', date: 'when', amount: 'total', country: 'where', invoice: '' } });
    expect(meta.mapping).toEqual({ customer: 'who', date: 'when', amount: 'total', country: 'where' });
    expect(meta.notes).toEqual([
      'who: TEXT, 1 blank value(s) stored as NULL',
      'when: TEXT',
      'total: REAL',
      'where: TEXT',
      'dates in "when" normalised to YYYY-MM-DD HH:MM:SS',
      '"who": 1 row(s) without a customer (dropped by customer-level analyses)',
      'no --invoice column: each customer timestamp counts as one invoice',
      'view "transactions" maps the columns to the canonical names the segmentation lab reads',
    ]);
    const { db } = openDatasetReadOnly('shop', home);
    expect(db.prepare(`SELECT invoice, item, quantity, unit_price, amount, invoice_date, customer_id, country FROM transactions ORDER BY invoice_date, amount DESC`).raw().all()).toEqual([
      ['A@2011-01-02 10:00:00', null, null, null, 3.5, '2011-01-02 10:00:00', 'A', 'UK'],
      ['A@2011-01-02 10:00:00', null, null, null, 1, '2011-01-02 10:00:00', 'A', 'UK'],
      [null, null, null, null, 2, '2011-02-01 00:00:00', null, 'FR'],
    ]);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'`).pluck().all()).toEqual(['data_customer_date']);
    db.close();
  });

  it('a transactions import with an invoice column and every customer: no notes about either', async () => {
    const home = makeTempHome();
    const csv = file('t.csv', 'who,when,qty,each,inv\nA,2011-01-02,2,1.5,i1\nB,2011-01-03,1,4,i2\n');
    const meta = await importCsv({ file: csv, name: 'shop', kind: 'transactions', home, mapping: { customer: 'who', date: 'when', quantity: 'qty', price: 'each', invoice: 'inv' } });
    expect(meta.notes).toEqual([
      'who: TEXT',
      'when: TEXT',
      'qty: INTEGER',
      'each: REAL',
      'inv: TEXT',
      'dates in "when" normalised to YYYY-MM-DD HH:MM:SS',
      'view "transactions" maps the columns to the canonical names the segmentation lab reads',
    ]);
    expect(meta.mapping).toEqual({ customer: 'who', date: 'when', quantity: 'qty', price: 'each', invoice: 'inv' });
    const { db } = openDatasetReadOnly('shop', home);
    expect(db.prepare(`SELECT invoice, quantity, unit_price, amount FROM transactions ORDER BY invoice`).raw().all()).toEqual([
      ['i1', 2, 1.5, 3],
      ['i2', 1, 4, 4],
    ]);
    db.close();
  });

  it('a transactions import stops on a blank date and on a text quantity or price', async () => {
    const home = makeTempHome();
    const blank = file('b.csv', 'who,when,total\nA,2011-01-02,1\nB, ,2\n');
    expect((await caught(() => importCsv({ file: blank, name: 'shop', kind: 'transactions', home, mapping: { customer: 'who', date: 'when', amount: 'total' } }))).message).toBe(`${blank}: column "when" (--date) has 1 blank value(s); every transaction needs a date`);
    const textQty = file('q.csv', 'who,when,q,p\nA,2011-01-02,one,2\n');
    expect((await caught(() => importCsv({ file: textQty, name: 'shop', kind: 'transactions', home, mapping: { customer: 'who', date: 'when', quantity: 'q', price: 'p' } }))).message).toBe(`${textQty}: column "q" (--quantity) is not numeric`);
    const textPrice = file('p.csv', 'who,when,q,p\nA,2011-01-02,1,two\n');
    expect((await caught(() => importCsv({ file: textPrice, name: 'shop', kind: 'transactions', home, mapping: { customer: 'who', date: 'when', quantity: 'q', price: 'p' } }))).message).toBe(`${textPrice}: column "p" (--price) is not numeric`);
    const badDate = file('d.csv', 'who,when,total\nA,31/12/2011,1\n');
    expect((await caught(() => importCsv({ file: badDate, name: 'shop', kind: 'transactions', home, mapping: { customer: 'who', date: 'when', amount: 'total' } }))).message).toBe(`${badDate}:2: column "when": "31/12/2011" is not a date (expected YYYY-MM-DD[ HH:MM[:SS]] or M/D/YYYY[ H:MM]): it reads as day/month; pass --day-first`);
  });
});
