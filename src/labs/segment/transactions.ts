/**
 * The segmentation lab's SQL: protocol R1 cleaning as a report, and the aggregations SQL is the
 * natural tool for (per-customer RFM inputs, monthly revenue, countries, products, baskets,
 * cohorts, customer-days for CLV). Everything reads the canonical `transactions` view, so the lab
 * runs the same on the bundled retail data and on an imported transactions file.
 */
import type Database from 'better-sqlite3';

/** R1: a customer, not a cancellation, positive quantity and price (or, without them, a positive amount). */
export const cleanLineCondition = `customer_id IS NOT NULL AND invoice NOT LIKE 'C%' AND COALESCE(quantity, 1) > 0 AND COALESCE(unit_price, 1) > 0 AND amount > 0`;

/**
 * A purchase for the purchase-count model (BG/NBD): like R1 but a zero price or amount is still a
 * purchase (a free sample, a £0 order on CDNOW). Only Gamma-Gamma's spend leaves zero-value days out.
 */
export const purchaseLineCondition = `customer_id IS NOT NULL AND invoice NOT LIKE 'C%' AND COALESCE(quantity, 1) > 0 AND COALESCE(unit_price, 0) >= 0 AND amount >= 0`;

export interface CleaningReport {
  linesIn: number;
  linesOut: number;
  customers: number;
  invoices: number;
  revenue: number;
  /** Lines dropped for each reason, each line counted once, in this order. */
  dropped: Record<string, number>;
  firstDate: string;
  lastDate: string;
  sql: string;
}

/** R1's counts in SQL: run by cleaningReport, and shown as the formula when the typed read computes them. */
export const cleaningReportSql = `
    SELECT COUNT(*) AS linesIn,
      SUM(customer_id IS NULL) AS noCustomer,
      SUM(customer_id IS NOT NULL AND invoice LIKE 'C%') AS cancellation,
      SUM(customer_id IS NOT NULL AND invoice NOT LIKE 'C%' AND COALESCE(quantity, 1) <= 0) AS nonPositiveQuantity,
      SUM(customer_id IS NOT NULL AND invoice NOT LIKE 'C%' AND COALESCE(quantity, 1) > 0 AND COALESCE(unit_price, 1) <= 0) AS nonPositivePrice,
      SUM(customer_id IS NOT NULL AND invoice NOT LIKE 'C%' AND COALESCE(quantity, 1) > 0 AND COALESCE(unit_price, 1) > 0 AND NOT amount > 0) AS nonPositiveAmount
    FROM transactions`;

export function cleaningReport(db: Database.Database): CleaningReport {
  const sql = cleaningReportSql;
  const d = db.prepare(sql).get() as Record<string, number>;
  const kept = db
    .prepare(
      `SELECT COUNT(*) AS linesOut, COUNT(DISTINCT customer_id) AS customers, COUNT(DISTINCT invoice) AS invoices,
              ROUND(SUM(amount), 2) AS revenue, MIN(invoice_date) AS firstDate, MAX(invoice_date) AS lastDate
       FROM transactions WHERE ${cleanLineCondition}`,
    )
    .get() as { linesOut: number; customers: number; invoices: number; revenue: number; firstDate: string; lastDate: string };
  const dropped: Record<string, number> = {
    'no customer id': d.noCustomer ?? 0,
    'cancellation (invoice starts with C)': d.cancellation ?? 0,
    'quantity <= 0': d.nonPositiveQuantity ?? 0,
    'unit price <= 0': d.nonPositivePrice ?? 0,
    'amount <= 0': d.nonPositiveAmount ?? 0,
  };
  return { linesIn: d.linesIn!, ...kept, dropped, sql: `${sql.trim()}\n-- kept: WHERE ${cleanLineCondition}` };
}

export interface CustomerRow {
  customer: string;
  firstDate: string;
  lastDate: string;
  /** Distinct invoices (R2's frequency). */
  frequency: number;
  monetary: number;
}

export function customerRows(db: Database.Database): CustomerRow[] {
  return db
    .prepare(
      `SELECT CAST(customer_id AS TEXT) AS customer, date(MIN(invoice_date)) AS firstDate, date(MAX(invoice_date)) AS lastDate,
              COUNT(DISTINCT invoice) AS frequency, SUM(amount) AS monetary
       FROM transactions WHERE ${cleanLineCondition} GROUP BY customer_id ORDER BY customer_id`,
    )
    .all() as CustomerRow[];
}

export function revenueByMonth(db: Database.Database): { month: string; revenue: number; customers: number; invoices: number }[] {
  return db
    .prepare(
      `SELECT strftime('%Y-%m', invoice_date) AS month, ROUND(SUM(amount), 2) AS revenue, COUNT(DISTINCT customer_id) AS customers, COUNT(DISTINCT invoice) AS invoices
       FROM transactions WHERE ${cleanLineCondition} GROUP BY month ORDER BY month`,
    )
    .all() as { month: string; revenue: number; customers: number; invoices: number }[];
}

/** Ties in (rounded) revenue are ordered by name, so the order is defined and not the sorter's. */
export function revenueByCountry(db: Database.Database, limit = 10): { country: string; revenue: number; customers: number }[] {
  return db
    .prepare(
      `SELECT COALESCE(country, '(unknown)') AS country, ROUND(SUM(amount), 2) AS revenue, COUNT(DISTINCT customer_id) AS customers
       FROM transactions WHERE ${cleanLineCondition} GROUP BY 1 ORDER BY revenue DESC, country LIMIT ?`,
    )
    .all(limit) as { country: string; revenue: number; customers: number }[];
}

export function topProducts(db: Database.Database, limit = 10): { item: string; description: string | null; revenue: number; quantity: number | null }[] {
  return db
    .prepare(
      `SELECT item, MAX(TRIM(description)) AS description, ROUND(SUM(amount), 2) AS revenue, SUM(quantity) AS quantity
       FROM transactions WHERE ${cleanLineCondition} AND item IS NOT NULL GROUP BY item ORDER BY revenue DESC, item LIMIT ?`,
    )
    .all(limit) as { item: string; description: string | null; revenue: number; quantity: number | null }[];
}

/** Distinct items per invoice, summarised by quantiles. */
export function basketSizes(db: Database.Database): number[] {
  return (
    db
      .prepare(`SELECT CASE WHEN COUNT(item) > 0 THEN COUNT(DISTINCT item) ELSE COUNT(*) END AS n FROM transactions WHERE ${cleanLineCondition} GROUP BY invoice ORDER BY n`)
      .raw(true)
      .all() as [number][]
  ).map((r) => r[0]);
}

/** Monthly acquisition cohorts: customers by first month, and how many bought in each later month. */
export function cohortCounts(db: Database.Database): { cohort: string; offset: number; customers: number }[] {
  return db
    .prepare(
      `WITH active AS (
         SELECT DISTINCT customer_id, strftime('%Y-%m', invoice_date) AS month FROM transactions WHERE ${cleanLineCondition}
       ), first AS (
         SELECT customer_id, MIN(month) AS cohort FROM active GROUP BY customer_id
       )
       SELECT f.cohort AS cohort,
              (CAST(substr(a.month, 1, 4) AS INTEGER) - CAST(substr(f.cohort, 1, 4) AS INTEGER)) * 12
                + CAST(substr(a.month, 6, 2) AS INTEGER) - CAST(substr(f.cohort, 6, 2) AS INTEGER) AS offset,
              COUNT(*) AS customers
       FROM active a JOIN first f USING (customer_id)
       GROUP BY cohort, offset ORDER BY cohort, offset`,
    )
    .all() as { cohort: string; offset: number; customers: number }[];
}

/**
 * Purchases per customer-day (several invoices on one day are one purchase), with the day's spend.
 * Zero-value purchases are kept (purchaseLineCondition): they count for BG/NBD.
 */
export function customerDays(db: Database.Database): { customer: string; day: string; amount: number }[] {
  return db
    .prepare(
      `SELECT CAST(customer_id AS TEXT) AS customer, date(invoice_date) AS day, SUM(amount) AS amount
       FROM transactions WHERE ${purchaseLineCondition} GROUP BY customer_id, day ORDER BY customer_id, day`,
    )
    .all() as { customer: string; day: string; amount: number }[];
}

/** Items of each invoice (distinct), for co-purchase rules; invoices without item codes are skipped. */
export function invoiceBaskets(db: Database.Database): { baskets: string[][] } {
  const rows = db
    .prepare(`SELECT invoice, item FROM transactions WHERE ${cleanLineCondition} AND item IS NOT NULL GROUP BY invoice, item ORDER BY invoice`)
    .raw(true)
    .all() as [string, string][];
  const baskets: string[][] = [];
  let current: string | undefined;
  for (const [invoice, item] of rows) {
    if (invoice !== current) {
      baskets.push([]);
      current = invoice;
    }
    baskets[baskets.length - 1]!.push(String(item));
  }
  return { baskets };
}

/**
 * The description of each given item (the largest trimmed one, over all its lines). Only the
 * items the lab names are looked up: describing all 3,958 retail items took about 0.5 s of a
 * full scan and sort; a few dozen by the item index take milliseconds.
 */
export function itemDescriptions(db: Database.Database, items: string[]): Map<string, string> {
  const wanted = [...new Set(items)];
  const descriptions = new Map<string, string>();
  for (let start = 0; start < wanted.length; start += 500) {
    const chunk = wanted.slice(start, start + 500);
    const rows = db
      .prepare(`SELECT item, MAX(TRIM(description)) FROM transactions WHERE item IN (${chunk.map(() => '?').join(', ')}) AND description IS NOT NULL GROUP BY item`)
      .raw(true)
      .all(...chunk) as [string, string][];
    for (const [item, description] of rows) descriptions.set(String(item), description);
  }
  return descriptions;
}
