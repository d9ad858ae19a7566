import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { importCsv } from '../../src/data/datasets/import.js';
import { openDatasetReadOnly } from '../../src/data/datasets/store.js';
import { readCsv } from '../../src/data/datasets/csv-source.js';
import { normaliseDateTime } from '../../src/data/datasets/typing.js';
import { UsageError } from '../../src/errors.js';
import { makeTempHome, runPrep } from '../helpers/home.js';

function fixture(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, name.endsWith('.gz') ? gzipSync(text) : text);
  return path;
}

async function records(path: string) {
  const out = [];
  for await (const r of readCsv(path)) out.push(r);
  return out;
}

describe('CSV tokenizer', () => {
  it('handles quotes, escaped quotes, newlines in quotes, CRLF and a BOM, with start lines', async () => {
    const dir = makeTempHome();
    const path = fixture(dir, 'q.csv', '\ufeffa,b,c\r\n1,"x, y",3\r\n2,"say ""hi""",4\n3,"two\nlines",5\n\n4,,"" \n'.replace(' \n', '\n'));
    const got = await records(path);
    expect(got.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', '3'],
      ['2', 'say "hi"', '4'],
      ['3', 'two\nlines', '5'],
      ['4', '', ''],
    ]);
    expect(got.map((r) => r.line)).toEqual([1, 2, 3, 4, 7]);
  });

  it('reads a file without a final newline and a gzipped file the same way', async () => {
    const dir = makeTempHome();
    const plain = await records(fixture(dir, 'a.csv', 'a,b\n1,2'));
    const gz = await records(fixture(dir, 'a.csv.gz', 'a,b\n1,2'));
    expect(plain.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
    expect(gz.map((r) => r.fields)).toEqual(plain.map((r) => r.fields));
  });
});

describe('dates', () => {
  it('normalises ISO and month/day/year forms and rejects impossible dates', () => {
    expect(normaliseDateTime('2011-12-09 12:50')).toBe('2011-12-09 12:50:00');
    expect(normaliseDateTime('2011-12-09T12:50:07Z')).toBe('2011-12-09 12:50:07');
    expect(normaliseDateTime('2011-02-03')).toBe('2011-02-03 00:00:00');
    expect(normaliseDateTime('12/1/2010 8:26')).toBe('2010-12-01 08:26:00');
    expect(normaliseDateTime('2011-02-30')).toBeUndefined();
    expect(normaliseDateTime('yesterday')).toBeUndefined();
    expect(normaliseDateTime('2011-13-01')).toBeUndefined();
  });

  it('reads slash dates day first when told (a British export), and rejects a day-first date read month first', () => {
    expect(normaliseDateTime('01/12/2010 08:26', { dayFirst: true })).toBe('2010-12-01 08:26:00');
    expect(normaliseDateTime('13/12/2010', { dayFirst: true })).toBe('2010-12-13 00:00:00');
    expect(normaliseDateTime('12/13/2010', { dayFirst: true })).toBeUndefined();
    expect(normaliseDateTime('13/12/2010')).toBeUndefined();
    // ISO dates are the same either way
    expect(normaliseDateTime('2010-12-01 08:26', { dayFirst: true })).toBe('2010-12-01 08:26:00');
  });
});

describe('prep data import', () => {
  const goodTransactions = 'client,when,qty,each,order\nA1,2011-01-02 10:00,2,1.5,o1\nA1,2011-02-03 11:00,1,4,o2\nB2,2011-01-05,3,2,o3\n';

  it('imports a table with inferred types and blank fields as NULL', async () => {
    const home = makeTempHome();
    const file = fixture(home, 'c.csv', 'id,months,fee,left\nu1,3,10.5,Yes\nu2, ,20,No\nu3,12,7.25,No\n');
    const meta = await importCsv({ file, name: 'mine', kind: 'table', home });
    expect(meta.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['id', 'TEXT', 0],
      ['months', 'INTEGER', 1],
      ['fee', 'REAL', 0],
      ['left', 'TEXT', 0],
    ]);
    const { db } = openDatasetReadOnly('mine', home);
    expect(db.prepare(`SELECT SUM(months) AS m, SUM(months IS NULL) AS blank FROM data`).get()).toEqual({ m: 15, blank: 1 });
    db.close();
  });

  it('maps a gzipped transactions file onto the canonical view', async () => {
    const home = makeTempHome();
    const file = fixture(home, 't.csv.gz', goodTransactions);
    await importCsv({ file, name: 'shop', kind: 'transactions', home, mapping: { customer: 'client', date: 'when', quantity: 'qty', price: 'each', invoice: 'order' } });
    const { db } = openDatasetReadOnly('shop', home);
    const rows = db.prepare(`SELECT invoice, customer_id, invoice_date, amount FROM transactions ORDER BY invoice`).all();
    expect(rows).toEqual([
      { invoice: 'o1', customer_id: 'A1', invoice_date: '2011-01-02 10:00:00', amount: 3 },
      { invoice: 'o2', customer_id: 'A1', invoice_date: '2011-02-03 11:00:00', amount: 4 },
      { invoice: 'o3', customer_id: 'B2', invoice_date: '2011-01-05 00:00:00', amount: 6 },
    ]);
    db.close();
  });

  it('maps product names and countries; --day-first reads 01/12 as 1 December; a date that only fits the other order names the flag; dates that fit both orders get a note', async () => {
    const home = makeTempHome();
    const uk = 'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n489434,85048,GLASS BALL,12,01/12/2009 07:45,6.95,13085,United Kingdom\n489434,79323P,PINK LIGHTS,12,13/12/2009 07:45,6.75,13085,United Kingdom\n';
    const file = fixture(home, 'uk.csv', uk);
    const mapping = { customer: 'Customer ID', date: 'InvoiceDate', quantity: 'Quantity', price: 'Price', invoice: 'Invoice', item: 'StockCode', description: 'Description', country: 'Country' };
    await expect(importCsv({ file, name: 'uk', kind: 'transactions', home, mapping })).rejects.toThrow(/uk\.csv:3: column "InvoiceDate": "13\/12\/2009 07:45" is not a date .*: it reads as day\/month; pass --day-first/);
    const meta = await importCsv({ file, name: 'uk', kind: 'transactions', home, mapping: { ...mapping, dayFirst: true } });
    expect(meta.notes.some((n) => /reads either way/.test(n))).toBe(false);
    const { db } = openDatasetReadOnly('uk', home);
    expect(db.prepare(`SELECT item, description, invoice_date, country FROM transactions ORDER BY invoice_date`).all()).toEqual([
      { item: '85048', description: 'GLASS BALL', invoice_date: '2009-12-01 07:45:00', country: 'United Kingdom' },
      { item: '79323P', description: 'PINK LIGHTS', invoice_date: '2009-12-13 07:45:00', country: 'United Kingdom' },
    ]);
    db.close();
    // only the 01/12 row: it fits both orders, so the import says which it chose and how to change it
    const ambiguous = fixture(home, 'amb.csv', uk.split('\n').slice(0, 2).join('\n') + '\n');
    const read = await importCsv({ file: ambiguous, name: 'amb', kind: 'transactions', home, mapping });
    expect(read.notes).toContain('every date in "InvoiceDate" reads either way (day and month both at most 12): they were read as month/day; if that is wrong, import again with --day-first');
    // the same through the command line (spawned): the flags reach the import
    const spawned = runPrep(['data', 'import', file, '--name', 'uk2', '--kind', 'transactions', '--customer', 'Customer ID', '--date', 'InvoiceDate', '--quantity', 'Quantity', '--price', 'Price', '--invoice', 'Invoice', '--item', 'StockCode', '--description', 'Description', '--country', 'Country', '--day-first'], { home });
    expect(spawned.status, spawned.stderr).toBe(0);
    const sql = runPrep(['data', 'sql', 'uk2', 'SELECT MAX(invoice_date) AS last, MIN(country) AS country, MIN(description) AS name FROM transactions', '--json'], { home });
    expect(JSON.parse(sql.stdout).rows).toEqual([{ last: '2009-12-13 07:45:00', country: 'United Kingdom', name: 'GLASS BALL' }]);
  });

  const bad: [string, string, string, Record<string, string> | undefined, RegExp][] = [
    ['ragged row', 'r.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n', undefined, /r\.csv:3: ragged row: expected 3 fields/],
    ['empty file', 'e.csv', '', undefined, /e\.csv: the file is empty/],
    ['header only', 'h.csv', 'a,b\n', undefined, /h\.csv: the file has a header but no data rows/],
    ['unclosed quote', 'u.csv', 'a,b\n1,"open\n2,3\n', undefined, /u\.csv:2: a quoted field is never closed/],
    ['duplicate header', 'd.csv', 'a,a\n1,2\n', undefined, /d\.csv:1: column "a" appears twice/],
    ['missing mapped column', 'm.csv', 'client,when,total\nA,2011-01-01,3\n', { customer: 'client', date: 'day', amount: 'total' }, /m\.csv:1: no column "day" in the header/],
    ['unparseable date', 'p.csv', 'client,when,total\nA,2011-01-01,3\nB,2011-01-02,4\nC,someday,5\n', { customer: 'client', date: 'when', amount: 'total' }, /p\.csv:4: column "when": "someday" is not a date/],
    ['text amount', 'x.csv', 'client,when,total\nA,2011-01-01,three\n', { customer: 'client', date: 'when', amount: 'total' }, /column "total" \(--amount\) is not numeric/],
  ];
  for (const [what, name, text, mapping, message] of bad) {
    it(`stops on a ${what} with file:line and leaves nothing behind`, async () => {
      const home = makeTempHome();
      const file = fixture(home, name, text);
      const kind = mapping ? 'transactions' : 'table';
      await expect(importCsv({ file, name: 'broken', kind, home, mapping })).rejects.toThrow(message);
      await expect(importCsv({ file, name: 'broken', kind, home, mapping })).rejects.toBeInstanceOf(UsageError);
      const left = existsSync(join(home, 'datasets')) ? readdirSync(join(home, 'datasets')) : [];
      expect(left).toEqual([]);
    });
  }

  it('refuses to overwrite an existing dataset without --force, and bundled names', async () => {
    const home = makeTempHome();
    const file = fixture(home, 'c.csv', 'a\n1\n');
    await importCsv({ file, name: 'one', kind: 'table', home });
    await expect(importCsv({ file, name: 'one', kind: 'table', home })).rejects.toThrow(/already exists/);
    await expect(importCsv({ file, name: 'one', kind: 'table', home, force: true })).resolves.toMatchObject({ rows: 1 });
    await expect(importCsv({ file, name: 'telco', kind: 'table', home })).rejects.toThrow(/bundled/);
    await expect(importCsv({ file, name: 'Bad Name', kind: 'table', home })).rejects.toThrow(/not a valid dataset name/);
  });
});
