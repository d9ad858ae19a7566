/**
 * Issue 17, point 5: a purchase of 0 is still a purchase for BG/NBD; only Gamma-Gamma's spend
 * leaves it out. Hand-built customers, so every count below can be checked by eye.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runClv } from '../../../src/labs/segment/clv.js';
import { cleanLineCondition, customerDays, purchaseLineCondition } from '../../../src/labs/segment/transactions.js';
import { createRecorder, type RecordedMetric } from '../../../src/labs/record.js';
import { createRng } from '../../../src/ml/random.js';

const day = (n: number) => new Date(Date.UTC(2011, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

function simulated() {
  const rng = createRng(3);
  const days: { customer: string; day: string; amount: number }[] = [];
  for (let c = 0; c < 60; c++) {
    let t = rng.int(100);
    while (t < 300) {
      days.push({ customer: `c${c}`, day: day(t), amount: 10 + rng.int(50) });
      t += 5 + rng.int(40);
    }
  }
  // z: only free orders; y: two paid repeat days and two free ones
  days.push({ customer: 'z', day: day(10), amount: 0 }, { customer: 'z', day: day(40), amount: 0 });
  days.push({ customer: 'y', day: day(5), amount: 20 }, { customer: 'y', day: day(30), amount: 0 }, { customer: 'y', day: day(60), amount: 30 }, { customer: 'y', day: day(90), amount: 0 }, { customer: 'y', day: day(120), amount: 50 });
  return days.sort((a, b) => a.customer.localeCompare(b.customer) || a.day.localeCompare(b.day));
}

describe('CLV keeps zero-value purchases for BG/NBD', () => {
  it('a customer with only £0 orders is in the BG/NBD cohort; Gamma-Gamma sees paid repeat days only', () => {
    const days = simulated();
    const sink: RecordedMetric[] = [];
    const result = runClv(days, { lastDay: day(300), calibrationEnd: day(200) }, createRecorder('clv', sink));
    const customersBefore = new Set(days.filter((d) => d.day <= day(200)).map((d) => d.customer));
    expect(result.customers).toBe(customersBefore.size); // includes z
    expect(customersBefore.has('z')).toBe(true);
    expect(sink.find((m) => m.key === 'clv.zeroValuePurchaseDays')!.value).toBe(4);
    // repeat buyers for Gamma-Gamma: customers with a paid repeat day in calibration (z has none)
    const paidRepeat = [...customersBefore].filter((c) => days.filter((d) => d.customer === c && d.day <= day(200)).slice(1).some((d) => d.amount > 0));
    expect(result.repeatBuyers).toBe(paidRepeat.length);
    expect(paidRepeat).not.toContain('z');
    expect(paidRepeat).toContain('y');
  });

  it('the purchase query keeps £0 lines that R1 drops, and still drops cancellations and negative amounts', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE transactions (invoice TEXT, customer_id TEXT, invoice_date TEXT, quantity REAL, unit_price REAL, amount REAL, item TEXT, description TEXT, country TEXT)`);
    const insert = db.prepare('INSERT INTO transactions VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL)');
    insert.run('1', 'a', '2011-01-01 10:00', 2, 5, 10);
    insert.run('2', 'a', '2011-01-03 10:00', 1, 0, 0); // a free sample: a purchase
    insert.run('C3', 'a', '2011-01-04 10:00', -1, 5, -5); // a cancellation
    insert.run('4', 'b', '2011-01-02 10:00', 1, -3, -3); // a bad-debt adjustment
    insert.run('5', null, '2011-01-02 10:00', 1, 3, 3); // no customer
    const count = (where: string) => (db.prepare(`SELECT COUNT(*) AS n FROM transactions WHERE ${where}`).get() as { n: number }).n;
    expect(count(cleanLineCondition)).toBe(1);
    expect(count(purchaseLineCondition)).toBe(2);
    expect(customerDays(db)).toEqual([
      { customer: 'a', day: '2011-01-01', amount: 10 },
      { customer: 'a', day: '2011-01-03', amount: 0 },
    ]);
  });
});
