/**
 * Stage 3, clean: decide what to do with every quirk, and say how many rows each decision
 * touched. Decisions here are row-wise (no learned state), so they are safe before the split;
 * anything learned from the data (medians for imputation, categories) is fitted in the
 * preprocessor on training rows only.
 */
import type { ChurnTable, ColumnInfo, RawRow } from './extract.js';
import type { Recorder } from '../record.js';

export interface CleaningDecision {
  column: string;
  rows: number;
  decision: string;
}

export interface CleanTable {
  columns: ColumnInfo[];
  rows: RawRow[];
  decisions: CleaningDecision[];
  dropped: { column: string; reason: string }[];
}

export const missingCategory = '(missing)';

/**
 * IBM's Telco file leaves TotalCharges blank for customers in their first month (tenure 0):
 * nothing has been billed yet, so 0 is the true value, not an unknown one. Used by the lab and
 * by the prediction API, so a new customer is scored the way training rows were cleaned.
 */
export function fillUnbilledTotalCharges(row: RawRow): boolean {
  if (row.TotalCharges === null && row.tenure === 0) {
    row.TotalCharges = 0;
    return true;
  }
  return false;
}

/** Distinct non-null values of a column as text (1 and "1" are one value), counted up to limit + 1. */
export function distinctValuesUpTo(rows: RawRow[], column: string, limit: number): number {
  const seen = new Set<string>();
  for (const r of rows) {
    const v = r[column];
    if (v === null || v === undefined) continue;
    seen.add(String(v));
    if (seen.size > limit) break;
  }
  return seen.size;
}

/** A text column with more distinct values than this is not one-hot encoded (the Telco sample's largest has 4). */
const maxLevels = 200;

/** "RowNumber", "index", "id", "CustomerId", "user_id": names of identifiers. */
function idLikeName(name: string): boolean {
  return /(?:^|[_\s-])id$|[a-z]Id$|ID$/.test(name) || /^(?:id|index|row[_\s-]?(?:number|num|no|id))$/i.test(name);
}

export function cleanTable(table: ChurnTable, rec: Recorder): CleanTable {
  const n = table.rows.length;
  const decisions: CleaningDecision[] = [];
  const dropped: CleanTable['dropped'] = [];
  const rows = table.rows.map((r) => ({ ...r }));

  if (table.droppedMissingTarget > 0) {
    decisions.push({ column: table.targetColumn, rows: table.droppedMissingTarget, decision: 'target missing: row dropped (cannot learn from it)' });
  }

  const hasTenure = table.columns.some((c) => c.name === 'tenure' && c.kind === 'numeric');
  const totalCharges = table.columns.find((c) => c.name === 'TotalCharges' && c.kind === 'numeric');
  let missingTotal = 0;
  if (totalCharges) {
    let filled = 0;
    for (const r of rows) {
      if (r.TotalCharges !== null) continue;
      missingTotal++;
      if (hasTenure && fillUnbilledTotalCharges(r)) filled++;
    }
    if (filled > 0) decisions.push({ column: 'TotalCharges', rows: filled, decision: 'blank with tenure 0 (not billed yet): set to 0' });
    rec.metric('clean.missingTotalCharges', missingTotal, 'count of rows with TotalCharges blank', { rows: n, filledWithZeroBecauseTenureIsZero: filled }, 'rows');
  }

  const columns: ColumnInfo[] = [];
  for (const c of table.columns) {
    let present = 0;
    for (const r of rows) if (r[c.name] !== null && r[c.name] !== undefined) present++;
    // Only two questions are asked of the distinct values: at most one (constant), and, for text,
    // more than 50 and more than half the values (an identifier). Counting stops once they are
    // answered: a numeric column's every value as a string cost most of this stage at 10x Telco.
    const distinct = distinctValuesUpTo(rows, c.name, c.kind === 'categorical' ? Math.max(maxLevels, Math.floor(0.5 * present)) : 1);
    if (distinct <= 1) {
      dropped.push({ column: c.name, reason: distinct === 0 ? 'always missing' : 'constant: carries no information' });
      continue;
    }
    if (c.kind === 'categorical' && distinct > 50 && distinct > 0.5 * present) {
      dropped.push({ column: c.name, reason: `${distinctValuesUpTo(rows, c.name, Infinity)} distinct text values: looks like an identifier, not a feature` });
      continue;
    }
    // a surname or free text: too many levels to one-hot encode, each seen a few times
    if (c.kind === 'categorical' && distinct > maxLevels) {
      dropped.push({ column: c.name, reason: `${distinctValuesUpTo(rows, c.name, Infinity)} distinct text values: too many levels to encode one by one (over ${maxLevels}); a name or free text, not a feature` });
      continue;
    }
    // a row number or a numeric customer id: a distinct whole number on every row, named like one
    if (c.kind === 'numeric' && idLikeName(c.name) && distinctValuesUpTo(rows, c.name, Infinity) === present && rows.every((r) => r[c.name] === null || Number.isInteger(r[c.name]))) {
      dropped.push({ column: c.name, reason: 'a distinct whole number on every row, named like an identifier: an id, not a feature (--id-column names the customer id)' });
      continue;
    }
    const missing = n - present;
    if (missing > 0 && c.kind === 'numeric') {
      decisions.push({ column: c.name, rows: missing, decision: 'blank: imputed with the training-fold median (learned inside each fold)' });
    } else if (missing > 0) {
      for (const r of rows) if (r[c.name] === null) r[c.name] = missingCategory;
      decisions.push({ column: c.name, rows: missing, decision: `blank: kept as its own category "${missingCategory}"` });
    }
    columns.push(c);
  }
  for (const d of dropped) decisions.push({ column: d.column, rows: n, decision: `column dropped: ${d.reason}` });
  // The copies already hold exactly the table's columns: rebuilt only when some were dropped.
  const kept =
    dropped.length === 0
      ? rows
      : rows.map((r) => {
          const out: RawRow = {};
          for (const c of columns) out[c.name] = r[c.name] ?? null;
          return out;
        });
  rec.metric('clean.columnsKept', columns.length, 'feature columns after dropping constant and identifier-like ones', { dropped: dropped.map((d) => d.column) }, 'columns');
  return { columns, rows: kept, decisions, dropped };
}
