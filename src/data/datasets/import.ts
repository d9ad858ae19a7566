/**
 * `prep data import`: a user's own CSV (plain or .gz) becomes a dataset the labs can read.
 * A `table` keeps its columns as they are (types inferred). A `transactions` file is mapped onto
 * the canonical view the segmentation lab reads (customer, date, amount or quantity × price,
 * optional invoice); its dates are parsed and normalised, and an unparseable one stops the import.
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { dataHome } from '../../env.js';
import { UsageError } from '../../errors.js';
import { buildDatabaseAtomically, loadCsvTable, quoteIdent, sha256File, type BuildProgress } from './build.js';
import { findBundled, type DatasetKind } from './catalog.js';
import { datasetNamePattern, datasetPath, ensureDatasetsDir, type DatasetMeta } from './store.js';
import { normaliseDateTime, slashDateParts } from './typing.js';

export interface TransactionsMapping {
  customer: string;
  date: string;
  /** Slash dates are day/month/year (13/12/2009) rather than month/day/year. */
  dayFirst?: boolean;
  amount?: string;
  quantity?: string;
  price?: string;
  invoice?: string;
  item?: string;
  description?: string;
  country?: string;
}

export interface ImportOptions {
  file: string;
  name: string;
  kind: DatasetKind;
  mapping?: Partial<TransactionsMapping>;
  force?: boolean;
  home?: string;
  onProgress?: BuildProgress;
  /** Where the rows came from, when prep builds the file itself (retraining keeps the original's provenance). */
  provenance?: { title: string; source: string; licence: string; label: string };
}

function checkMapping(mapping: Partial<TransactionsMapping> | undefined): TransactionsMapping {
  const m = mapping ?? {};
  const missing = (['customer', 'date'] as const).filter((k) => !m[k]);
  if (missing.length) {
    throw new UsageError(
      `a transactions import needs ${missing.map((k) => `--${k} COL`).join(' and ')}`,
      'Map the columns: --customer COL --date COL and either --amount COL or --quantity COL --price COL (optional --invoice COL).',
    );
  }
  const hasAmount = Boolean(m.amount);
  const hasQtyPrice = Boolean(m.quantity) && Boolean(m.price);
  if (!hasAmount && !hasQtyPrice) {
    throw new UsageError('a transactions import needs --amount COL, or both --quantity COL and --price COL');
  }
  if ((m.quantity && !m.price) || (!m.quantity && m.price)) {
    throw new UsageError('--quantity and --price go together (amount = quantity × price)');
  }
  return m as TransactionsMapping;
}

function transactionsView(m: TransactionsMapping): string {
  const col = (name: string | undefined) => (name ? quoteIdent(name) : 'NULL');
  const amount = m.amount ? quoteIdent(m.amount) : `${quoteIdent(m.quantity!)} * ${quoteIdent(m.price!)}`;
  // Without an invoice column, each customer's distinct timestamp is one invoice.
  const invoice = m.invoice
    ? `CAST(${quoteIdent(m.invoice)} AS TEXT)`
    : `CAST(${quoteIdent(m.customer)} AS TEXT) || '@' || ${quoteIdent(m.date)}`;
  return `CREATE VIEW transactions AS SELECT
      ${invoice} AS invoice, ${col(m.item)} AS item, ${col(m.description)} AS description,
      ${col(m.quantity)} AS quantity, ${col(m.price)} AS unit_price, ${amount} AS amount,
      ${quoteIdent(m.date)} AS invoice_date, CAST(${quoteIdent(m.customer)} AS TEXT) AS customer_id,
      ${col(m.country)} AS country
    FROM data`;
}

export async function importCsv(options: ImportOptions): Promise<DatasetMeta> {
  const { file, name, kind } = options;
  if (!datasetNamePattern.test(name)) {
    throw new UsageError(`"${name}" is not a valid dataset name`, 'Use lower-case letters, digits, - and _, starting with a letter (at most 40).');
  }
  if (findBundled(name)) throw new UsageError(`"${name}" is the name of a bundled dataset; choose another --name`);
  if (kind !== 'table' && kind !== 'transactions') throw new UsageError(`--kind must be table or transactions, not "${kind}"`);
  if (!existsSync(file)) throw new UsageError(`cannot read ${file}: no such file`);
  if (!statSync(file).isFile()) throw new UsageError(`${file} is not a regular file`, 'Import a CSV file (plain or .gz); devices and folders cannot be read to an end.');
  const home = options.home ?? dataHome();
  const target = datasetPath(name, home);
  if (existsSync(target) && !options.force) {
    throw new UsageError(`a dataset named "${name}" already exists`, 'Pass --force to replace it, or choose another --name.');
  }
  const mapping = kind === 'transactions' ? checkMapping(options.mapping) : undefined;
  ensureDatasetsDir(home);
  const sha256 = await sha256File(file);

  return buildDatabaseAtomically({
    target,
    fill: async (db) => {
      const notes: string[] = [];
      const notesAfterLoad: (() => string | undefined)[] = [];
      const convert: Record<string, (raw: string) => string | number> = {};
      const required: string[] = [];
      if (mapping) {
        for (const column of Object.values(mapping)) if (typeof column === 'string' && column) required.push(column);
        // slash dates are read month first unless --day-first; whether any date settles which it is
        const slash = { count: 0, settled: false };
        const order = mapping.dayFirst ? 'D/M/YYYY[ H:MM]' : 'M/D/YYYY[ H:MM]';
        convert[mapping.date] = (raw) => {
          const parts = slashDateParts(raw);
          if (parts) {
            slash.count++;
            if (!parts.firstIsMonth || !parts.secondIsMonth) slash.settled = true;
          }
          const date = normaliseDateTime(raw, { dayFirst: mapping.dayFirst });
          if (date) return date;
          const swapped = parts && (mapping.dayFirst ? parts.firstIsMonth && !parts.secondIsMonth : !parts.firstIsMonth && parts.secondIsMonth);
          throw new Error(`"${raw}" is not a date (expected YYYY-MM-DD[ HH:MM[:SS]] or ${order})${swapped ? `: it reads as ${mapping.dayFirst ? 'month/day' : 'day/month'}; ${mapping.dayFirst ? 'drop --day-first' : 'pass --day-first'}` : ''}`);
        };
        notesAfterLoad.push(() => (slash.count > 0 && !slash.settled ? `every date in "${mapping.date}" reads either way (day and month both at most 12): they were read as ${mapping.dayFirst ? 'day/month' : 'month/day'}; if that is wrong, import again ${mapping.dayFirst ? 'without' : 'with'} --day-first` : undefined));
      }
      const loaded = await loadCsvTable(db, { source: file, table: 'data', convert, requiredColumns: required, onProgress: options.onProgress });
      for (const c of loaded.columns) {
        notes.push(`${c.name}: ${c.type}${c.missing ? `, ${c.missing} blank value(s) stored as NULL` : ''}`);
      }
      if (mapping) {
        const byName = new Map(loaded.columns.map((c) => [c.name, c]));
        for (const field of ['amount', 'quantity', 'price'] as const) {
          const column = mapping[field];
          if (column && byName.get(column)!.type === 'TEXT') {
            throw new UsageError(`${file}: column "${column}" (--${field}) is not numeric`);
          }
        }
        const customer = byName.get(mapping.customer)!;
        const date = byName.get(mapping.date)!;
        if (date.missing > 0) throw new UsageError(`${file}: column "${mapping.date}" (--date) has ${date.missing} blank value(s); every transaction needs a date`);
        db.exec(transactionsView(mapping));
        db.exec(`CREATE INDEX data_customer_date ON data (${quoteIdent(mapping.customer)}, ${quoteIdent(mapping.date)})`);
        notes.push(`dates in "${mapping.date}" normalised to YYYY-MM-DD HH:MM:SS`);
        for (const note of notesAfterLoad.map((f) => f())) if (note) notes.push(note);
        if (customer.missing) notes.push(`"${mapping.customer}": ${customer.missing} row(s) without a customer (dropped by customer-level analyses)`);
        if (!mapping.invoice) notes.push('no --invoice column: each customer timestamp counts as one invoice');
        notes.push('view "transactions" maps the columns to the canonical names the segmentation lab reads');
      }
      return {
        name,
        kind,
        title: options.provenance?.title ?? `${basename(file)} (imported)`,
        mainTable: 'data',
        source: options.provenance?.source ?? `imported from ${file}`,
        licence: options.provenance?.licence ?? 'as stated by its owner (imported by you)',
        label: options.provenance?.label ?? `your dataset "${name}"`,
        sha256,
        rows: loaded.rows,
        columns: loaded.columns,
        notes,
        mapping: mapping ? Object.fromEntries(Object.entries(mapping).filter(([, v]) => v)) : undefined,
      };
    },
  });
}
