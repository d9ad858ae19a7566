/**
 * Issue 20: the lab's aggregates from one read into typed arrays (lines.ts) give exactly what the
 * SQL in transactions.ts gives (compensated SUM, ROUND, GROUP BY order, COUNT(DISTINCT)), on the
 * bundled retail data and on hand-built lines with the awkward cases, and fall back to SQL for
 * values they do not model.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatasetReadOnly } from '../../../src/data/datasets/store.js';
import * as typed from '../../../src/labs/segment/lines.js';
import * as sql from '../../../src/labs/segment/transactions.js';
import { matchCancellations } from '../../../src/labs/segment/cancellations.js';
import { countPairs, countPairsCoded } from '../../../src/ml/association.js';
import { homeWithDatasets } from '../../helpers/home.js';

function expectSameAggregates(db: Database.Database) {
  const lines = typed.loadPurchaseLines(db);
  expect(lines).toBeDefined();
  expect(typed.cleaningReportFromLines(db, lines!)).toEqual(sql.cleaningReport(db));
  expect(typed.customerRowsFromLines(lines!)).toEqual(sql.customerRows(db));
  expect(typed.revenueByMonthFromLines(db, lines!)).toEqual(sql.revenueByMonth(db));
  expect(typed.revenueByCountryFromLines(db, lines!)).toEqual(sql.revenueByCountry(db));
  expect(typed.topProductsFromLines(db, lines!)).toEqual(sql.topProducts(db));
  expect(typed.basketSizesFromLines(lines!)).toEqual(sql.basketSizes(db));
  expect(typed.cohortCountsFromLines(lines!)).toEqual(sql.cohortCounts(db));
  expect(typed.customerDaysFromLines(lines!)).toEqual(sql.customerDays(db));
  expect(typed.invoiceBasketsFromLines(lines!)).toEqual(sql.invoiceBaskets(db));
  for (const minPairCount of [1, 2, 20]) {
    const coded = countPairsCoded(typed.invoiceBasketsCoded(lines!), { minPairCount });
    const plain = countPairs(sql.invoiceBaskets(db).baskets, { minPairCount });
    expect(coded).toEqual(plain);
    expect([...coded.itemCounts]).toEqual([...plain.itemCounts]); // same order of first appearance
  }
  const { matchedLines: a, ...withLines } = matchCancellations(db, lines);
  const { matchedLines: b, ...withSql } = matchCancellations(db);
  expect(withLines).toEqual(withSql);
  expect([...a]).toEqual([...b]);
  return lines!;
}

type Row = [invoice: string | null, customer: string | number | null, date: string, item: string | number | null, quantity: number | null, price: number | null, country: string | null];

function memoryDb(rows: Row[], amountOf = (q: number | null, p: number | null) => (q ?? 1) * (p ?? 0)) {
  const d = new Database(':memory:');
  d.exec(`CREATE TABLE transactions (invoice TEXT, customer_id, invoice_date TEXT, item, quantity REAL, unit_price REAL, amount REAL, description TEXT, country TEXT)`);
  const insert = d.prepare('INSERT INTO transactions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  // integer ids bound as BigInt are stored as INTEGER (a JS number would be REAL)
  const id = (v: string | number | null) => (typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v);
  for (const [invoice, customer, date, item, quantity, price, country] of rows) insert.run(invoice, id(customer), date, id(item), quantity, price, amountOf(quantity, price), item === null ? null : ` item ${item} `, country);
  return d;
}

describe('typed purchase lines give the SQL aggregates exactly', () => {
  let retail: ReturnType<typeof openDatasetReadOnly>;
  beforeAll(async () => {
    process.env.PREP_HOME = await homeWithDatasets(['retail']);
    retail = openDatasetReadOnly('retail');
  }, 120_000);

  it('on the bundled retail data: 397,924 purchase lines (397,884 R1-clean), every aggregate identical', () => {
    const lines = expectSameAggregates(retail.db);
    expect(lines.n).toBe(397_924);
    expect(lines.clean.reduce((a, c) => a + c, 0)).toBe(397_884);
  });

  it('on hand-built lines: text and integer ids, NULL items, quantities and countries, £0 lines, cancellations, dates SQLite must convert', () => {
    const db = memoryDb([
      ['1', 'b', '2011-01-01 10:00', 'X', 10, 0.1, 'UK'],
      ['1', 'b', '2011-01-01 10:00', 'X', 10, 0.1, 'UK'], // the same item twice in one invoice
      ['1', 'b', '2011-01-01 10:00', null, 1, 0.2, 'UK'],
      ['2', 'a', '2011-01-05T10:00:00', 'Y', null, 3.3, null], // ISO with T: SQLite's date()
      ['3', 'a', '2011-02-30 09:00', 'Y', 2, 1.15, null], // no such day: SQLite normalises it
      ['4', 'é', '2011-03-01', 'Z', 1, 0, 'FR'], // £0: a purchase day for CLV, not R1-clean
      ['5', 'ab', '2011-03-02 12:00', 2, 3, 0.7, 'FR'], // an integer item
      ['6', 'ab', '2011-03-02 13:00', null, 2, 1.1, 'DE'], // an invoice without items
      ['C7', 'b', '2011-03-03 10:00', 'X', -10, 0.1, 'UK'],
      ['8', null, '2011-03-04 10:00', 'X', 1, 1, 'UK'],
      ['9', 'c', '2011-03-05 10:00', 'W', -1, 1, 'UK'],
      ['10', '𝔘', '2011-04-05 10:00', 'V', 1, 2.5, '(unknown)'], // astral plane id sorts after 'é' and after U+FFFD
      ['11', '\uFFFD', '2011-04-06 10:00', 'V', 1, 2.5, 'UK'],
    ]);
    const lines = expectSameAggregates(db);
    expect(lines.customerText).toEqual(['a', 'ab', 'b', 'é', '\uFFFD', '𝔘']);
  });

  it('on random lines (property): sums of many small prices, ties in revenue, mixed ids', () => {
    const row = fc.tuple(
      fc.constantFrom('1', '2', '3', 'C4', '5', '6', 'c7', null), // LIKE 'C%' is case-blind; a NULL invoice makes R1's conditions NULL
      fc.oneof(fc.constantFrom('a', 'b', 'Z', null), fc.integer({ min: 1, max: 4 })),
      fc.constantFrom('2011-01-01 10:00', '2011-01-31 23:59', '2011-02-01', '2012-12-31 00:00:00', '2011-02-29 10:00'),
      fc.constantFrom('X', 'Y', 'Z', null, 7),
      fc.oneof(fc.integer({ min: -3, max: 40 }), fc.constant(null)),
      fc.oneof(fc.constantFrom(0, 0.1, 0.2, 0.3, 1.15, 2.675, 1e6 + 0.01), fc.constant(null)),
      fc.constantFrom('UK', 'FR', null),
    ) as fc.Arbitrary<Row>;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (rows) => {
        // a quantity of 13 stands for a line whose amount is NULL
        const db = memoryDb(rows, (q, p) => (q === 13 ? (null as unknown as number) : (q ?? 1) * (p ?? 0)));
        expectSameAggregates(db);
        db.close();
      }),
      { numRuns: 150, seed: 20 },
    );
  });

  it('falls back to SQL for values it does not model: a REAL customer id or item, a text amount', () => {
    const real = memoryDb([['1', 12.5, '2011-01-01 10:00', 'X', 1, 1, 'UK']]);
    expect(typed.loadPurchaseLines(real)).toBeUndefined();
    const realInteger = new Database(':memory:');
    realInteger.exec(`CREATE TABLE transactions (invoice TEXT, customer_id, invoice_date TEXT, item, quantity, unit_price, amount, description TEXT, country TEXT)`);
    realInteger.prepare('INSERT INTO transactions VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)').run('1', 'a', '2011-01-01', 7.0, 1, 1, 1); // a JS number binds as REAL: 7.0
    expect(typed.loadPurchaseLines(realInteger)).toBeUndefined();
    const text = memoryDb([['1', 'a', '2011-01-01 10:00', 'X', 1, 1, 'UK']], () => '5' as unknown as number);
    // the column's REAL affinity turns '5' into 5.0: still a number, still modelled
    expect(typed.loadPurchaseLines(text)).toBeDefined();
    const blob = new Database(':memory:');
    blob.exec(`CREATE TABLE transactions (invoice TEXT, customer_id, invoice_date TEXT, item, quantity, unit_price, amount, description TEXT, country TEXT)`);
    blob.prepare('INSERT INTO transactions VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)').run('1', 'a', '2011-01-01', 'X', 1, 1, 'x5');
    expect(typed.loadPurchaseLines(blob)).toBeUndefined();
  });

  it('compares values in SQLite order: NULL, numbers, then text by code point', () => {
    const values = ['b', 10, null, 'a', 2, '𝔘', '\uFFFD', 'é'];
    const sorted = [...values].sort(typed.compareSqlValues);
    expect(sorted).toEqual([null, 2, 10, 'a', 'b', 'é', '\uFFFD', '𝔘']);
  });
});
