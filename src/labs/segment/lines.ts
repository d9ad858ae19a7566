/**
 * The segmentation lab's aggregates from one read of the purchase lines into typed arrays, in
 * place of a dozen SQL scans with GROUP BY and COUNT(DISTINCT) sorts (about 5 s of the lab's 9 s
 * on the bundled retail data; one read and the passes below take well under one).
 *
 * Every result is the one the SQL in transactions.ts gives, value for value:
 *  - SUM is SQLite's: Kahan-Babuska-Neumaier compensated (SQLite ≥ 3.43), result = sum + error;
 *    ROUND(x, 2) is asked of SQLite itself (its decimal rounding differs from toFixed's).
 *  - GROUP BY / ORDER BY / MIN / MAX follow SQLite's order of values (NULL < numbers < text,
 *    text by code point, i.e. BINARY on UTF-8).
 *  - date() and strftime('%Y-%m') are string slices only for well-formed dates
 *    (YYYY-MM-DD[ HH:MM[:SS]] with a real calendar day); any other value is converted by SQLite.
 * When a column holds values this does not model (a REAL customer id or item, a text amount, a date
 * SQLite cannot read), `loadPurchaseLines` returns undefined and the lab uses the SQL in transactions.ts.
 * test/labs/segment/lines.test.ts checks both give identical results.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readDerivedCache, writeDerivedCache } from '../../data/datasets/derived-cache.js';
import { openDatasetReadOnly } from '../../data/datasets/store.js';
import type { CodedBaskets } from '../../ml/association.js';
import type { CleaningReport, CustomerRow } from './transactions.js';
import { cleanLineCondition, cleaningReportSql } from './transactions.js';

type SqlValue = number | string | null;

/** SQLite's order of values: NULL, then numbers by value, then text by code point (BINARY collation on UTF-8). */
export function compareSqlValues(a: SqlValue, b: SqlValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return compareText(a, b);
}

const astral = /[\uD800-\uDFFF]/;
function compareText(a: string, b: string): number {
  // UTF-16 order equals code-point order unless a surrogate pair meets a character ≥ U+E000
  if (!astral.test(a) && !astral.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Running sum as SQLite's SUM() keeps it (Kahan-Babuska-Neumaier), for many groups at once. */
class GroupSums {
  readonly sum: Float64Array;
  readonly err: Float64Array;
  readonly count: Int32Array;
  constructor(groups: number) {
    this.sum = new Float64Array(groups);
    this.err = new Float64Array(groups);
    this.count = new Int32Array(groups);
  }
  add(g: number, r: number) {
    const s = this.sum[g]!;
    const t = s + r;
    if (Math.abs(s) > Math.abs(r)) this.err[g]! += s - t + r;
    else this.err[g]! += r - t + s;
    this.sum[g] = t;
    this.count[g]!++;
  }
  /** SUM(): null over no values; the compensated total otherwise. */
  value(g: number): number | null {
    if (this.count[g] === 0) return null;
    const e = this.err[g]!;
    return Number.isFinite(e) ? this.sum[g]! + e : this.sum[g]!;
  }
}

/** ROUND(x, digits) as SQLite computes it, for many values at once (bound, so no value is re-parsed). */
export function sqliteRound(db: Database.Database, values: number[], digits: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < values.length; start += 400) {
    const chunk = values.slice(start, start + 400);
    const row = db
      .prepare(`SELECT ${chunk.map(() => `ROUND(?, ${digits})`).join(', ')}`)
      .raw(true)
      .get(...chunk) as number[];
    out.push(...row);
  }
  return out;
}

/** Values of one column coded 0..d-1 in SQLite's order of the distinct values. */
class Coder {
  private readonly ids = new Map<SqlValue, number>();
  readonly values: SqlValue[] = [];
  private last: SqlValue | undefined = undefined;
  private lastId = -1;
  id(v: SqlValue): number {
    if (v === this.last) return this.lastId; // consecutive lines mostly share invoice, date and customer
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(v, id);
      this.values.push(v);
    }
    this.last = v;
    this.lastId = id;
    return id;
  }
  /** Sorts the distinct values and rewrites `codes` (which hold first-seen ids) to ranks. */
  finish(codes: Int32Array): SqlValue[] {
    const values = this.values;
    // without surrogates (the usual case), UTF-16 order is code-point order: a plain comparison,
    // instead of testing both strings for surrogates in each of the n log n comparisons
    const plain = !values.some((v) => typeof v === 'string' && astral.test(v));
    const compare = plain
      ? (a: number, b: number) => {
          const x = values[a]!;
          const y = values[b]!;
          if (typeof x === typeof y && x !== null) return x < y ? -1 : x > y ? 1 : 0;
          return compareSqlValues(x, y);
        }
      : (a: number, b: number) => compareSqlValues(values[a]!, values[b]!);
    const order = values.map((_, i) => i).sort(compare);
    const rank = new Int32Array(order.length);
    order.forEach((id, r) => (rank[id] = r));
    for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) codes[i] = rank[codes[i]!]!;
    return order.map((id) => this.values[id]!);
  }
}

const wellFormedDate = /^(\d{4})-(\d{2})-(\d{2})(?: \d{2}:\d{2}(?::\d{2})?)?$/;
function isCalendarDay(y: number, m: number, d: number) {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export interface PurchaseLines {
  /** Lines satisfying purchaseLineCondition, in table order. */
  n: number;
  /** 1 where the line is also R1-clean (cleanLineCondition). */
  clean: Uint8Array;
  customer: Int32Array;
  invoice: Int32Array;
  /** −1 for a NULL item. */
  item: Int32Array;
  /** NaN for a NULL quantity. */
  quantity: Float64Array;
  amount: Float64Array;
  date: Int32Array;
  country: Int32Array;
  customers: SqlValue[];
  /** CAST(customer_id AS TEXT) of each customer code. */
  customerText: string[];
  invoices: string[];
  items: SqlValue[];
  itemText: string[];
  dates: string[];
  /** date(invoice_date) and strftime('%Y-%m', invoice_date) of each date code, as codes into days / months. */
  dayOfDate: Int32Array;
  monthOfDate: Int32Array;
  days: string[];
  months: string[];
  countries: SqlValue[];
  /** Lines with a customer counted by the R1 reason they are dropped for (cleaningReport's SQL, same expressions). */
  dropped: { cancellation: number; nonPositiveQuantity: number; nonPositivePrice: number; nonPositiveAmount: number };
  /** Lines with a customer id (so COUNT(*) − this = lines without one). */
  withCustomer: number;
  /** Cancellation lines (invoice starting with C) with a customer, in table order, for cancellation matching. */
  cancellations: { customer: string; invoice: string; item: string | null; quantity: number | null; date: string }[];
}

/** Changes whenever this file does: lines cached by other code are never read back. */
const loaderDigest = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 16);

/**
 * loadPurchaseLines through the dataset's derived cache (data/datasets/derived-cache.ts): the
 * first run on a built dataset reads SQLite (about 1 s for the bundled retail data) and keeps the
 * typed lines beside the database; later runs read them back (about 40 ms), for as long as the
 * database file (its verified sha256) and this file are unchanged. Same values either way
 * (test/labs/segment/lines-cache.test.ts). Without a verified sha256 the cache is not used.
 */
export function loadPurchaseLinesCached(dataset: { db: Database.Database; path: string; fileSha256?: string }): PurchaseLines | undefined {
  if (!dataset.fileSha256) return loadPurchaseLines(dataset.db);
  const key = `${dataset.fileSha256} ${loaderDigest}`;
  const cached = readDerivedCache<PurchaseLines>(dataset.path, 'purchase-lines', key);
  if (cached) return cached;
  const lines = loadPurchaseLines(dataset.db);
  // lines the typed passes do not model (undefined) are not cached: the SQL is used every run
  if (lines) writeDerivedCache(dataset.path, 'purchase-lines', key, lines);
  return lines;
}

/**
 * Writes a freshly built or imported transactions dataset's purchase lines to its derived cache,
 * so that the segmentation lab's first run reads them back instead of scanning SQLite (about 1 s
 * of a 3 s run on the bundled retail data).
 */
export function preparePurchaseLinesCache(name: string): void {
  const dataset = openDatasetReadOnly(name);
  try {
    if (dataset.meta.kind === 'transactions') loadPurchaseLinesCached(dataset);
  } finally {
    dataset.db.close();
  }
}

/**
 * Reads the purchase lines once. Undefined when a value falls outside what the typed passes
 * model exactly (see the file comment): the caller then uses the SQL.
 */
export function loadPurchaseLines(db: Database.Database): PurchaseLines | undefined {
  const stmt = db
    .prepare(
      // every line with a customer, in table order (+ keeps SQLite from reading them in customer-index order):
      // the purchase lines, and the others only to count R1's reasons and to match cancellations.
      // The conditions are evaluated below on the values (SQL's LIKE and comparisons per line cost
      // more than the read); typeof stays in SQL, as a REAL 1.0 reads like an INTEGER 1.
      `SELECT customer_id, invoice, item, quantity, amount, invoice_date, country, unit_price,
              (typeof(customer_id) = 'real' OR typeof(item) = 'real') AS realId
       FROM transactions WHERE +customer_id IS NOT NULL`,
    )
    .raw(true);
  const customerCoder = new Coder();
  const invoiceCoder = new Coder();
  const itemCoder = new Coder();
  const dateCoder = new Coder();
  const countryCoder = new Coder();
  let capacity = 1 << 16;
  let customer = new Int32Array(capacity);
  let invoice = new Int32Array(capacity);
  let item = new Int32Array(capacity);
  let quantity = new Float64Array(capacity);
  let amount = new Float64Array(capacity);
  let date = new Int32Array(capacity);
  let country = new Int32Array(capacity);
  let clean = new Uint8Array(capacity);
  const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(capacity);
    b.set(a);
    return b;
  };
  let n = 0;
  let withCustomer = 0;
  const dropped = { cancellation: 0, nonPositiveQuantity: 0, nonPositivePrice: 0, nonPositiveAmount: 0 };
  const droppedKeys = [undefined, 'cancellation', 'nonPositiveQuantity', 'nonPositivePrice', 'nonPositiveAmount'] as const;
  const cancellations: PurchaseLines['cancellations'] = [];
  for (const row of stmt.iterate() as IterableIterator<SqlValue[]>) {
    const [c, inv, it, q, amt, d, country_, price, realId] = row;
    withCustomer++;
    // cleaningReport's reasons and purchaseLineCondition on this line, with SQL's NULL rules:
    // LIKE 'C%' is case-blind for ASCII; a NULL invoice or amount makes every condition NULL (not counted)
    if (!(inv === null || typeof inv === 'string') || !(q === null || typeof q === 'number') || !(price === null || typeof price === 'number') || !(amt === null || typeof amt === 'number')) return undefined;
    let reason = 9;
    let purchase = 0;
    if (inv !== null) {
      const cancelled = inv.charCodeAt(0) === 67 || inv.charCodeAt(0) === 99; // 'C' or 'c'
      const quantity = q ?? 1;
      if (cancelled) reason = 1;
      else if (quantity <= 0) reason = 2;
      else if ((price ?? 1) <= 0) reason = 3;
      else if (amt !== null) reason = amt > 0 ? 0 : 4;
      purchase = !cancelled && quantity > 0 && (price ?? 0) >= 0 && amt !== null && amt >= 0 ? 1 : 0;
    }
    const droppedFor = droppedKeys[reason as number];
    if (droppedFor) dropped[droppedFor]++;
    // a REAL id reads as a JS number like an INTEGER one, but CAST(1.0 AS TEXT) is '1.0'
    if (realId !== 0 && realId !== null) return undefined;
    if (reason === 1) {
      if (!((typeof c === 'number' && Number.isSafeInteger(c)) || typeof c === 'string') || typeof inv !== 'string' || typeof d !== 'string') return undefined;
      if (!(it === null || typeof it === 'string' || (typeof it === 'number' && Number.isSafeInteger(it))) || !(q === null || typeof q === 'number')) return undefined;
      cancellations.push({ customer: String(c), invoice: inv, item: it === null ? null : String(it), quantity: q, date: d });
    }
    if (purchase !== 1) continue;
    if (n === capacity) {
      capacity *= 2;
      [customer, invoice, item, date, country] = [grow(customer), grow(invoice), grow(item), grow(date), grow(country)];
      [quantity, amount] = [grow(quantity), grow(amount)];
      clean = grow(clean);
    }
    if (!((typeof c === 'number' && Number.isSafeInteger(c)) || typeof c === 'string')) return undefined;
    if (typeof inv !== 'string' || typeof amt !== 'number' || typeof d !== 'string') return undefined;
    if (!(it === null || typeof it === 'string' || (typeof it === 'number' && Number.isSafeInteger(it)))) return undefined;
    if (!(q === null || typeof q === 'number')) return undefined;
    customer[n] = customerCoder.id(c);
    invoice[n] = invoiceCoder.id(inv);
    item[n] = it === null ? -1 : itemCoder.id(it);
    quantity[n] = q === null ? NaN : q;
    amount[n] = amt;
    date[n] = dateCoder.id(d);
    country[n] = countryCoder.id(country_);
    clean[n] = reason === 0 ? 1 : 0;
    n++;
  }
  const trim = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => a.subarray(0, n) as T;
  [customer, invoice, item, date, country] = [trim(customer), trim(invoice), trim(item), trim(date), trim(country)];
  [quantity, amount, clean] = [trim(quantity), trim(amount), trim(clean)];
  const customers = customerCoder.finish(customer);
  const invoices = invoiceCoder.finish(invoice) as string[];
  const items = itemCoder.finish(item);
  const dates = dateCoder.finish(date) as string[];
  const countries = countryCoder.finish(country);

  // date() and strftime('%Y-%m') of each distinct date: a slice when well formed, else SQLite's
  const dayText: string[] = [];
  const monthText: string[] = [];
  const convert = db.prepare(`SELECT date(?), strftime('%Y-%m', ?)`).raw(true);
  for (const d of dates) {
    const m = wellFormedDate.exec(d);
    if (m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) {
      dayText.push(d.slice(0, 10));
      monthText.push(d.slice(0, 7));
      continue;
    }
    const [day, month] = convert.get(d, d) as [string | null, string | null];
    if (day === null || month === null) return undefined;
    dayText.push(day);
    monthText.push(month);
  }
  const codeStrings = (texts: string[]) => {
    const distinct = [...new Set(texts)].sort(compareText);
    const id = new Map(distinct.map((t, i) => [t, i]));
    return { distinct, codes: Int32Array.from(texts, (t) => id.get(t)!) };
  };
  const dayCodes = codeStrings(dayText);
  const monthCodes = codeStrings(monthText);
  return {
    n,
    clean,
    customer,
    invoice,
    item,
    quantity,
    amount,
    date,
    country,
    customers,
    customerText: customers.map((c) => String(c)),
    invoices,
    items,
    itemText: items.map((i) => String(i)),
    dates,
    dayOfDate: dayCodes.codes,
    monthOfDate: monthCodes.codes,
    days: dayCodes.distinct,
    months: monthCodes.distinct,
    countries,
    dropped,
    withCustomer,
    cancellations,
  };
}

/**
 * COUNT(DISTINCT value) per group over the clean lines: the lines bucketed by group (a counting
 * sort), then each group's values marked in one array. Linear in the lines and cache-friendly: a
 * Set of (group, value) keys took seconds at 10× the retail data.
 */
function countDistinctPerGroup(lines: PurchaseLines, groupOf: (i: number) => number, groups: number, valueOf: (i: number) => number, values: number, include: (i: number) => boolean = (i) => lines.clean[i] === 1): Int32Array {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < lines.n; i++) if (include(i)) start[groupOf(i) + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const order = new Int32Array(start[groups]!);
  const next = start.slice(0, groups);
  for (let i = 0; i < lines.n; i++) if (include(i)) order[next[groupOf(i)]!++] = i;
  const counts = new Int32Array(groups);
  const stamp = new Int32Array(values).fill(-1);
  for (let g = 0; g < groups; g++) {
    for (let p = start[g]!; p < start[g + 1]!; p++) {
      const v = valueOf(order[p]!);
      if (stamp[v] !== g) {
        stamp[v] = g;
        counts[g]!++;
      }
    }
  }
  return counts;
}

/** R1 report from the one read: the SQL's counts (its report text is kept as the formula shown). */
export function cleaningReportFromLines(db: Database.Database, lines: PurchaseLines): CleaningReport {
  const sql = cleaningReportSql;
  const linesIn = db.prepare('SELECT COUNT(*) FROM transactions').pluck().get() as number;
  let linesOut = 0;
  const revenue = new GroupSums(1);
  const customerSeen = new Uint8Array(lines.customers.length);
  const invoiceSeen = new Uint8Array(lines.invoices.length);
  let customers = 0;
  let invoices = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < lines.n; i++) {
    if (!lines.clean[i]) continue;
    linesOut++;
    revenue.add(0, lines.amount[i]!);
    if (!customerSeen[lines.customer[i]!]) {
      customerSeen[lines.customer[i]!] = 1;
      customers++;
    }
    if (!invoiceSeen[lines.invoice[i]!]) {
      invoiceSeen[lines.invoice[i]!] = 1;
      invoices++;
    }
    const dt = lines.date[i]!;
    if (dt < first) first = dt;
    if (dt > last) last = dt;
  }
  const total = revenue.value(0);
  const dropped: Record<string, number> = {
    'no customer id': linesIn - lines.withCustomer,
    'cancellation (invoice starts with C)': lines.dropped.cancellation,
    'quantity <= 0': lines.dropped.nonPositiveQuantity,
    'unit price <= 0': lines.dropped.nonPositivePrice,
    'amount <= 0': lines.dropped.nonPositiveAmount,
  };
  return {
    linesIn,
    linesOut,
    customers,
    invoices,
    revenue: total === null ? (null as unknown as number) : sqliteRound(db, [total], 2)[0]!,
    firstDate: linesOut ? lines.dates[first]! : (null as unknown as string),
    lastDate: linesOut ? lines.dates[last]! : (null as unknown as string),
    dropped,
    sql: `${sql.trim()}\n-- kept: WHERE ${cleanLineCondition}`,
  };
}

/** As transactions.customerRows: per customer (in customer_id order) first and last day, distinct invoices, Σ amount. */
export function customerRowsFromLines(lines: PurchaseLines): CustomerRow[] {
  const k = lines.customers.length;
  const first = new Int32Array(k).fill(0x7fffffff);
  const last = new Int32Array(k).fill(-1);
  const sums = new GroupSums(k);
  const frequency = countDistinctPerGroup(lines, (i) => lines.customer[i]!, k, (i) => lines.invoice[i]!, lines.invoices.length);
  for (let i = 0; i < lines.n; i++) {
    if (!lines.clean[i]) continue;
    const c = lines.customer[i]!;
    const dt = lines.date[i]!;
    if (dt < first[c]!) first[c] = dt;
    if (dt > last[c]!) last[c] = dt;
    sums.add(c, lines.amount[i]!);
  }
  const rows: CustomerRow[] = [];
  for (let c = 0; c < k; c++) {
    if (sums.count[c] === 0) continue;
    rows.push({ customer: lines.customerText[c]!, firstDate: lines.days[lines.dayOfDate[first[c]!]!]!, lastDate: lines.days[lines.dayOfDate[last[c]!]!]!, frequency: frequency[c]!, monetary: sums.value(c)! });
  }
  return rows;
}

export function revenueByMonthFromLines(db: Database.Database, lines: PurchaseLines): { month: string; revenue: number; customers: number; invoices: number }[] {
  const k = lines.months.length;
  const monthOf = (i: number) => lines.monthOfDate[lines.date[i]!]!;
  const sums = new GroupSums(k);
  for (let i = 0; i < lines.n; i++) if (lines.clean[i]) sums.add(monthOf(i), lines.amount[i]!);
  const customers = countDistinctPerGroup(lines, monthOf, k, (i) => lines.customer[i]!, lines.customers.length);
  const invoices = countDistinctPerGroup(lines, monthOf, k, (i) => lines.invoice[i]!, lines.invoices.length);
  const present = Array.from({ length: k }, (_, m) => m).filter((m) => sums.count[m]! > 0);
  const revenue = sqliteRound(db, present.map((m) => sums.value(m)!), 2);
  return present.map((m, j) => ({ month: lines.months[m]!, revenue: revenue[j]!, customers: customers[m]!, invoices: invoices[m]! }));
}

/** Rows sorted by revenue, highest first; ties keep the group order (GROUP BY's). */
const byRevenue = <T extends { revenue: number | null }>(rows: T[]) => rows.map((r, i) => ({ r, i })).sort((a, b) => compareSqlValues(b.r.revenue, a.r.revenue) || a.i - b.i).map((x) => x.r);

export function revenueByCountryFromLines(db: Database.Database, lines: PurchaseLines, limit = 10): { country: string; revenue: number; customers: number }[] {
  // COALESCE(country, '(unknown)') is the group: NULL joins a real '(unknown)' if there is one
  const keys = lines.countries.map((c) => (c === null ? '(unknown)' : c));
  const distinct = [...new Set(keys)].sort(compareSqlValues);
  const id = new Map(distinct.map((key, i) => [key, i]));
  const groupOfCountry = Int32Array.from(keys, (key) => id.get(key)!);
  const k = distinct.length;
  const groupOf = (i: number) => groupOfCountry[lines.country[i]!]!;
  const sums = new GroupSums(k);
  for (let i = 0; i < lines.n; i++) if (lines.clean[i]) sums.add(groupOf(i), lines.amount[i]!);
  const customers = countDistinctPerGroup(lines, groupOf, k, (i) => lines.customer[i]!, lines.customers.length);
  const present = Array.from({ length: k }, (_, g) => g).filter((g) => sums.count[g]! > 0);
  const revenue = sqliteRound(db, present.map((g) => sums.value(g)!), 2);
  const rows = present.map((g, j) => ({ country: distinct[g] as string, revenue: revenue[j]!, customers: customers[g]! }));
  return byRevenue(rows).slice(0, limit);
}

export function topProductsFromLines(db: Database.Database, lines: PurchaseLines, limit = 10): { item: string; description: string | null; revenue: number; quantity: number | null }[] {
  const k = lines.items.length;
  const sums = new GroupSums(k);
  const quantities = new GroupSums(k);
  for (let i = 0; i < lines.n; i++) {
    const it = lines.item[i]!;
    if (!lines.clean[i] || it < 0) continue;
    sums.add(it, lines.amount[i]!);
    const q = lines.quantity[i]!;
    if (!Number.isNaN(q)) quantities.add(it, q);
  }
  const present = Array.from({ length: k }, (_, g) => g).filter((g) => sums.count[g]! > 0);
  const revenue = sqliteRound(db, present.map((g) => sums.value(g)!), 2);
  const top = byRevenue(present.map((g, j) => ({ g, revenue: revenue[j]! }))).slice(0, limit);
  // MAX(TRIM(description)) of the few items shown, by SQLite over the same clean lines, in one
  // query (an imported dataset has no index on item: one query per item was one scan per item)
  const described = new Map<SqlValue, string | null>();
  if (top.length) {
    const rows = db
      .prepare(`SELECT item, MAX(TRIM(description)) FROM transactions WHERE ${cleanLineCondition} AND item IN (${top.map(() => '?').join(', ')}) GROUP BY item`)
      .raw(true)
      .all(...top.map(({ g }) => lines.items[g])) as [SqlValue, string | null][];
    for (const [item, description] of rows) described.set(item, description);
  }
  return top.map(({ g, revenue: r }) => ({ item: lines.items[g] as string, description: described.get(lines.items[g]!) ?? null, revenue: r, quantity: quantities.value(g) }));
}

/** As transactions.basketSizes: per invoice, distinct items (or lines, when none has an item), sorted. */
export function basketSizesFromLines(lines: PurchaseLines): number[] {
  const k = lines.invoices.length;
  const rowsPer = new Int32Array(k);
  const withItem = new Int32Array(k);
  for (let i = 0; i < lines.n; i++) {
    if (!lines.clean[i]) continue;
    rowsPer[lines.invoice[i]!]!++;
    if (lines.item[i]! >= 0) withItem[lines.invoice[i]!]!++;
  }
  const distinctItems = countDistinctPerGroup(
    lines,
    (i) => lines.invoice[i]!,
    k,
    (i) => lines.item[i]!,
    lines.items.length,
    (i) => lines.clean[i] === 1 && lines.item[i]! >= 0,
  );
  const sizes: number[] = [];
  for (let v = 0; v < k; v++) if (rowsPer[v]! > 0) sizes.push(withItem[v]! > 0 ? distinctItems[v]! : rowsPer[v]!);
  return sizes.sort((a, b) => a - b);
}

/** As transactions.cohortCounts: customers by first month and month offset. */
export function cohortCountsFromLines(lines: PurchaseLines): { cohort: string; offset: number; customers: number }[] {
  const customers = lines.customers.length;
  const months = lines.months.length;
  const firstMonth = new Int32Array(customers).fill(0x7fffffff);
  const active = new Uint8Array(customers * months);
  for (let i = 0; i < lines.n; i++) {
    if (!lines.clean[i]) continue;
    const c = lines.customer[i]!;
    const m = lines.monthOfDate[lines.date[i]!]!;
    active[c * months + m] = 1;
    if (m < firstMonth[c]!) firstMonth[c] = m;
  }
  const monthIndex = lines.months.map((m) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)));
  const counts = new Map<number, number>(); // cohort * 100000 + offset + 50000
  for (let c = 0; c < customers; c++) {
    const f = firstMonth[c]!;
    if (f === 0x7fffffff) continue;
    for (let m = 0; m < months; m++) {
      if (!active[c * months + m]) continue;
      const key = f * 100_000 + (monthIndex[m]! - monthIndex[f]!) + 50_000;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([key, n]) => ({ cohort: lines.months[Math.floor(key / 100_000)]!, offset: (key % 100_000) - 50_000, customers: n }));
}

/** As transactions.customerDays: Σ amount per customer and day over all purchase lines (£0 ones included). */
export function customerDaysFromLines(lines: PurchaseLines): { customer: string; day: string; amount: number }[] {
  const k = lines.customers.length;
  // lines bucketed by customer (a counting sort keeps table order within), then each customer's days in order
  const start = new Int32Array(k + 1);
  for (let i = 0; i < lines.n; i++) start[lines.customer[i]! + 1]!++;
  for (let c = 0; c < k; c++) start[c + 1]! += start[c]!;
  const order = new Int32Array(lines.n);
  const next = start.slice(0, k);
  for (let i = 0; i < lines.n; i++) order[next[lines.customer[i]!]!++] = i;
  const slot = new Int32Array(lines.days.length).fill(-1);
  const sums = new GroupSums(lines.days.length);
  const out: { customer: string; day: string; amount: number }[] = [];
  for (let c = 0; c < k; c++) {
    const dayList: number[] = [];
    for (let p = start[c]!; p < start[c + 1]!; p++) {
      const d = lines.dayOfDate[lines.date[order[p]!]!]!;
      if (slot[d] === -1) {
        slot[d] = 0;
        dayList.push(d);
      }
    }
    dayList.sort((a, b) => a - b);
    dayList.forEach((d, j) => {
      slot[d] = j;
      sums.sum[j] = 0;
      sums.err[j] = 0;
      sums.count[j] = 0;
    });
    for (let p = start[c]!; p < start[c + 1]!; p++) {
      const i = order[p]!;
      sums.add(slot[lines.dayOfDate[lines.date[i]!]!]!, lines.amount[i]!);
    }
    dayList.forEach((d, j) => {
      out.push({ customer: lines.customerText[c]!, day: lines.days[d]!, amount: sums.value(j)! });
      slot[d] = -1;
    });
  }
  return out;
}

/** As transactions.invoiceBaskets: distinct items of each invoice, invoices and items in SQLite order. */
export function invoiceBasketsFromLines(lines: PurchaseLines): { baskets: string[][] } {
  const { start, items, names } = invoiceBasketsCoded(lines);
  return { baskets: Array.from({ length: start.length - 1 }, (_, b) => Array.from(items.subarray(start[b]!, start[b + 1]!), (code) => names[code]!)) };
}

/** The same baskets as item codes (for countPairsCoded): each invoice's distinct items in SQLite's order, invoices in order, empty ones left out. */
export function invoiceBasketsCoded(lines: PurchaseLines): CodedBaskets {
  const k = lines.invoices.length;
  // item codes bucketed by invoice (a counting sort), then each invoice's distinct codes in order
  const start = new Int32Array(k + 1);
  for (let i = 0; i < lines.n; i++) if (lines.clean[i] && lines.item[i]! >= 0) start[lines.invoice[i]! + 1]!++;
  for (let v = 0; v < k; v++) start[v + 1]! += start[v]!;
  const codes = new Int32Array(start[k]!);
  const next = start.slice(0, k);
  for (let i = 0; i < lines.n; i++) if (lines.clean[i] && lines.item[i]! >= 0) codes[next[lines.invoice[i]!]!++] = lines.item[i]!;
  const stamp = new Int32Array(lines.items.length).fill(-1);
  const basketStart = [0];
  let out = 0;
  for (let v = 0; v < k; v++) {
    if (start[v] === start[v + 1]) continue;
    const from = out;
    for (let p = start[v]!; p < start[v + 1]!; p++) {
      const it = codes[p]!;
      if (stamp[it] !== v) {
        stamp[it] = v;
        codes[out++] = it; // out never passes p: the distinct codes are packed to the front
      }
    }
    codes.subarray(from, out).sort();
    basketStart.push(out);
  }
  return { start: Int32Array.from(basketStart), items: codes.slice(0, out), names: lines.itemText };
}

/** Clean purchase lines with an item whose (customer, item) is one of `wanted` (as CAST … AS TEXT), in table order, for cancellation matching. */
export function purchasesOfPairs(lines: PurchaseLines, wanted: Iterable<readonly [customer: string, item: string]>): { customer: string; invoice: string; item: string; quantity: number; date: string; amount: number }[] {
  const out: { customer: string; invoice: string; item: string; quantity: number; date: string; amount: number }[] = [];
  // the wanted (customer, item) texts as a mark per customer code and a set of item codes per
  // customer, so the lines are tested with integers (a text key per line cost seconds at 10x)
  const customersByText = new Map<string, number[]>();
  lines.customerText.forEach((t, c) => customersByText.set(t, [...(customersByText.get(t) ?? []), c]));
  const itemsByText = new Map<string, number[]>();
  lines.itemText.forEach((t, it) => itemsByText.set(t, [...(itemsByText.get(t) ?? []), it]));
  const wantedItems = new Map<number, Set<number>>();
  for (const [customer, item] of wanted) {
    for (const c of customersByText.get(customer) ?? []) {
      for (const it of itemsByText.get(item) ?? []) {
        const set = wantedItems.get(c) ?? new Set<number>();
        set.add(it);
        wantedItems.set(c, set);
      }
    }
  }
  for (let i = 0; i < lines.n; i++) {
    const it = lines.item[i]!;
    if (!lines.clean[i] || it < 0) continue;
    if (!wantedItems.get(lines.customer[i]!)?.has(it)) continue;
    const customer = lines.customerText[lines.customer[i]!]!;
    const item = lines.itemText[it]!;
    out.push({ customer, invoice: lines.invoices[lines.invoice[i]!]!, item, quantity: lines.quantity[i]!, date: lines.dates[lines.date[i]!]!, amount: lines.amount[i]! });
  }
  return out;
}
