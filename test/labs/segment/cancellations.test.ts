/** Issue 17, point 6: cancellation pairs on hand-built lines, each match checked by eye. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { matchCancellations, netCustomerDays, netCustomerRows } from '../../../src/labs/segment/cancellations.js';

function db(lines: [string, string | null, string, string, number, number][]) {
  const d = new Database(':memory:');
  d.exec(`CREATE TABLE transactions (invoice TEXT, customer_id TEXT, invoice_date TEXT, item TEXT, quantity REAL, unit_price REAL, amount REAL, description TEXT, country TEXT)`);
  const insert = d.prepare('INSERT INTO transactions VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)');
  for (const [invoice, customer, date, item, quantity, price] of lines) insert.run(invoice, customer, date, item, quantity, price, quantity * price);
  return d;
}

describe('cancellation pairs', () => {
  const data = db([
    ['1', 'a', '2011-01-01 10:00', 'X', 10, 2], // bought twice the same quantity...
    ['2', 'a', '2011-01-05 10:00', 'X', 10, 2],
    ['C3', 'a', '2011-01-06 09:00', 'X', -10, 2], // ...the cancellation undoes the latest one (invoice 2)
    ['4', 'b', '2011-01-02 10:00', 'Y', 5, 1],
    ['C5', 'b', '2011-01-03 10:00', 'Y', -2, 1], // part of a line: not matched
    ['C6', 'c', '2011-01-01 08:00', 'Z', -1, 7], // before any purchase: not matched
    ['7', 'c', '2011-01-02 08:00', 'Z', 1, 7],
    ['8', 'd', '2011-01-03 10:00', 'W', 3, 4], // d's only purchase, cancelled
    ['C9', 'd', '2011-01-03 10:20', 'W', -3, 4],
  ]);

  it('matches same customer, item and quantity to the latest earlier purchase, once', () => {
    const m = matchCancellations(data);
    expect(m.cancellationLines).toBe(4);
    expect(m.pairs).toBe(2);
    expect(m.revenue).toBe(20 + 12);
    expect(m.largest.map((p) => [p.customer, p.purchaseInvoice, p.cancellationInvoice])).toEqual([
      ['a', '2', 'C3'],
      ['d', '8', 'C9'],
    ]);
  });

  it('netting removes exactly the matched purchases; a customer with nothing left drops out', () => {
    const m = matchCancellations(data);
    const rows = netCustomerRows(data, m.matchedLines);
    expect(rows).toEqual([
      { customer: 'a', lastDate: '2011-01-01', frequency: 1, monetary: 20 },
      { customer: 'b', lastDate: '2011-01-02', frequency: 1, monetary: 5 },
      { customer: 'c', lastDate: '2011-01-02', frequency: 1, monetary: 7 },
    ]);
    expect(netCustomerDays(data, m.matchedLines).map((d) => `${d.customer} ${d.day} ${d.amount}`)).toEqual(['a 2011-01-01 20', 'b 2011-01-02 5', 'c 2011-01-02 7']);
  });
});
