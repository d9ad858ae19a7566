/**
 * Cancellation pairs: a cancellation line (invoice starting with C, negative quantity) matched to
 * the purchase it undoes. Protocol R1 drops cancellations but keeps the purchases they cancel, so
 * an order cancelled minutes later still counts as revenue (the retail data's top product and
 * customer 12346's £77,183.60 are such orders). R1 stays the default for comparability; the lab
 * reports the pairs it can match and, with --net-cancellations, reruns RFM, concentration and CLV
 * without the matched purchases.
 *
 * Matching rule: same customer, same item, the same quantity (cancelled −q against bought q), the
 * purchase at or before the cancellation; the latest such purchase not yet matched. Cancellations
 * of part of a line, of a purchase before the data starts, or without an item are left unmatched.
 */
import type Database from 'better-sqlite3';
import { compareSqlValues, purchasesOfPairs, type PurchaseLines } from './lines.js';
import { cleanLineCondition, purchaseLineCondition } from './transactions.js';

export const matchingRule = 'same customer, same item, same quantity (−q cancels q), purchase at or before the cancellation; the latest unmatched purchase';

interface Line {
  customer: string;
  invoice: string;
  item: string;
  quantity: number;
  date: string;
  amount: number;
}

export interface CancellationPair {
  customer: string;
  item: string;
  quantity: number;
  amount: number;
  purchaseInvoice: string;
  purchaseDate: string;
  cancellationInvoice: string;
  cancellationDate: string;
}

export interface CancellationMatch {
  rule: string;
  cancellationLines: number;
  pairs: number;
  revenue: number;
  customers: number;
  largest: CancellationPair[];
  /** Matched purchase lines by line key, with how many identical lines were matched. */
  matchedLines: Map<string, number>;
}

// the amount is part of a line's identity: one invoice can hold the same item and quantity twice at different prices
const lineKey = (l: Line) => `${l.customer}|${l.invoice}|${l.item}|${l.quantity}|${l.date}|${l.amount}`;

function cancellationsBySql(db: Database.Database): Omit<Line, 'amount'>[] {
  return db
    .prepare(
      `SELECT CAST(customer_id AS TEXT) AS customer, invoice, CAST(item AS TEXT) AS item, -quantity AS quantity, invoice_date AS date
       FROM transactions WHERE invoice LIKE 'C%' AND customer_id IS NOT NULL AND item IS NOT NULL AND quantity < 0 ORDER BY invoice_date, invoice`,
    )
    .all() as Omit<Line, 'amount'>[];
}

/** The same lines as cancellationsBySql from the lab's one read: ordered by date then invoice (SQLite's order of values), table order within. */
function cancellationsFromLines(lines: PurchaseLines): Omit<Line, 'amount'>[] {
  return lines.cancellations
    .filter((c) => c.item !== null && c.quantity !== null && c.quantity < 0)
    .map((c, i) => ({ c, i }))
    .sort((x, y) => compareSqlValues(x.c.date, y.c.date) || compareSqlValues(x.c.invoice, y.c.invoice) || x.i - y.i)
    .map(({ c }) => ({ customer: c.customer, invoice: c.invoice, item: c.item!, quantity: -c.quantity!, date: c.date }));
}

/** With `lines` (the lab's typed purchase lines) the candidate purchases come from them instead of a second SQL scan; the same lines, in the same order. */
export function matchCancellations(db: Database.Database, lines?: PurchaseLines): CancellationMatch {
  const cancellations = lines ? cancellationsFromLines(lines) : cancellationsBySql(db);
  // only purchases of (customer, item) pairs that were ever cancelled can match
  const purchases = lines
    ? purchasesOfPairs(lines, lines.cancellations.flatMap((c) => (c.item === null ? [] : [[c.customer, c.item] as const])))
    : (db
        .prepare(
          `SELECT CAST(customer_id AS TEXT) AS customer, invoice, CAST(item AS TEXT) AS item, quantity, invoice_date AS date, amount
       FROM transactions
       WHERE ${cleanLineCondition} AND item IS NOT NULL
         AND (customer_id, item) IN (SELECT customer_id, item FROM transactions WHERE invoice LIKE 'C%' AND customer_id IS NOT NULL)`,
        )
        .all() as Line[]);
  const byKey = new Map<string, Line[]>();
  for (const p of purchases) {
    const k = `${p.customer}|${p.item}|${p.quantity}`;
    const list = byKey.get(k);
    if (list) list.push(p);
    else byKey.set(k, [p]);
  }
  for (const list of byKey.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const used = new Set<Line>();
  const pairs: CancellationPair[] = [];
  const matchedLines = new Map<string, number>();
  for (const c of cancellations) {
    const list = byKey.get(`${c.customer}|${c.item}|${c.quantity}`);
    if (!list) continue;
    let match: Line | undefined;
    for (let k = list.length - 1; k >= 0; k--) {
      const p = list[k]!;
      if (p.date <= c.date && !used.has(p)) {
        match = p;
        break;
      }
    }
    if (!match) continue;
    used.add(match);
    matchedLines.set(lineKey(match), (matchedLines.get(lineKey(match)) ?? 0) + 1);
    pairs.push({ customer: c.customer, item: c.item, quantity: c.quantity, amount: match.amount, purchaseInvoice: match.invoice, purchaseDate: match.date, cancellationInvoice: c.invoice, cancellationDate: c.date });
  }
  return {
    rule: matchingRule,
    cancellationLines: cancellations.length,
    pairs: pairs.length,
    revenue: pairs.reduce((a, p) => a + p.amount, 0),
    customers: new Set(pairs.map((p) => p.customer)).size,
    largest: [...pairs].sort((a, b) => b.amount - a.amount).slice(0, 5),
    matchedLines,
  };
}

function withoutMatched<T extends Line>(lines: T[], matched: Map<string, number>): T[] {
  const left = new Map(matched);
  return lines.filter((l) => {
    const k = lineKey(l);
    const n = left.get(k);
    if (!n) return true;
    left.set(k, n - 1);
    return false;
  });
}

/** Per-customer R1/R2 inputs (like customerRows) from the clean lines minus the matched purchases; customers left with nothing drop out. */
export function netCustomerRows(db: Database.Database, matched: Map<string, number>): { customer: string; lastDate: string; frequency: number; monetary: number }[] {
  const lines = db
    .prepare(`SELECT CAST(customer_id AS TEXT) AS customer, invoice, CAST(item AS TEXT) AS item, quantity, invoice_date AS date, amount FROM transactions WHERE ${cleanLineCondition}`)
    .all() as Line[];
  const byCustomer = new Map<string, { lastDate: string; invoices: Set<string>; monetary: number }>();
  for (const l of withoutMatched(lines, matched)) {
    const c = byCustomer.get(l.customer) ?? { lastDate: '', invoices: new Set<string>(), monetary: 0 };
    if (l.date.slice(0, 10) > c.lastDate) c.lastDate = l.date.slice(0, 10);
    c.invoices.add(l.invoice);
    c.monetary += l.amount;
    byCustomer.set(l.customer, c);
  }
  return [...byCustomer.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([customer, c]) => ({ customer, lastDate: c.lastDate, frequency: c.invoices.size, monetary: c.monetary }));
}

/** Customer-days for CLV (like customerDays) without the matched purchases. */
export function netCustomerDays(db: Database.Database, matched: Map<string, number>): { customer: string; day: string; amount: number }[] {
  const lines = db
    .prepare(`SELECT CAST(customer_id AS TEXT) AS customer, invoice, CAST(item AS TEXT) AS item, quantity, invoice_date AS date, amount FROM transactions WHERE ${purchaseLineCondition}`)
    .all() as Line[];
  const days = new Map<string, number>();
  for (const l of withoutMatched(lines, matched)) {
    const k = `${l.customer}|${l.date.slice(0, 10)}`;
    days.set(k, (days.get(k) ?? 0) + l.amount);
  }
  return [...days.entries()]
    .map(([k, amount]) => {
      const [customer, day] = k.split('|') as [string, string];
      return { customer, day, amount };
    })
    .sort((a, b) => (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
