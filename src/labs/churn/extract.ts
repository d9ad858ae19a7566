/**
 * Stage 1, extract: read the churn table from a dataset with one SQL query, and check that the
 * target can be learned from (present, two values, enough of each). Everything after works on
 * the returned in-memory table; the database is closed here.
 */
import type Database from 'better-sqlite3';
import { UsageError } from '../../errors.js';
import { quoteIdent } from '../../data/datasets/build.js';
import type { DatasetMeta } from '../../data/datasets/store.js';
import { groupUnits } from '../../ml/split.js';

export type RawValue = string | number | null;
export type RawRow = Record<string, RawValue>;

export interface ColumnInfo {
  name: string;
  /** numeric: stored as INTEGER/REAL in SQLite; categorical: TEXT. */
  kind: 'numeric' | 'categorical';
}

export interface ChurnTable {
  dataset: { name: string; sha256: string; label: string; title: string };
  targetColumn: string;
  positiveLabel: string;
  /** The id column, or null when the rows have none and are numbered instead. */
  idColumn: string | null;
  /** The column whose equal values keep rows on one side of every split (--group-column), or null. */
  groupColumn: string | null;
  /** Each row's group key (null: the row is a group of its own); present when groupColumn is. */
  groups?: (string | null)[];
  /** Every column except the id, the group column and the target, in table order. */
  columns: ColumnInfo[];
  rows: RawRow[];
  ids: string[];
  /** 1 = positive (churned), 0 = not. */
  y: Uint8Array;
  /** Rows dropped because the target was missing. */
  droppedMissingTarget: number;
  sql: string;
}

export interface ExtractOptions {
  target: string;
  /** Which target value counts as positive; undefined picks Yes or 1 when the values are Yes/No or 0/1. */
  positive?: string;
  /** undefined: use customerID when present, else number the rows. */
  idColumn?: string;
  /** Rows with the same value here stay together in the hold-out split and the folds. */
  groupColumn?: string;
  /** The fewest positives (and negatives) we accept: each CV fold and the test set needs some. */
  minPerClass: number;
}

/** Reads and validates the main table of a 'table' dataset. */
export function extractChurnTable(db: Database.Database, meta: DatasetMeta, options: ExtractOptions): ChurnTable {
  if (meta.kind !== 'table') {
    throw new UsageError(`dataset "${meta.name}" holds transactions, not a churn-like table`, 'Import one with `prep data import FILE --name NAME --kind table`.');
  }
  const tableInfo = db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(meta.mainTable) as { name: string; type: string }[];
  const names = tableInfo.map((c) => c.name);
  const { target } = options;
  if (!names.includes(target)) {
    throw new UsageError(`the target column "${target}" is not in dataset "${meta.name}"`, `Columns: ${names.join(', ')}. Pass --target COLUMN.`);
  }
  let idColumn: string | null = null;
  if (options.idColumn !== undefined) {
    if (!names.includes(options.idColumn)) {
      throw new UsageError(`the id column "${options.idColumn}" is not in dataset "${meta.name}"`, `Columns: ${names.join(', ')}.`);
    }
    if (options.idColumn === target) throw new UsageError('--id-column and --target name the same column');
    idColumn = options.idColumn;
  } else {
    // customerID as in the Telco sample, or the same in another spelling (CustomerId, customer_id, client_id, user id)
    idColumn = names.find((n) => n !== target && defaultIdNames.has(n.toLowerCase().replace(/[^a-z]/g, ''))) ?? null;
  }
  const groupColumn = options.groupColumn ?? null;
  if (groupColumn !== null) {
    if (!names.includes(groupColumn)) {
      throw new UsageError(`the group column "${groupColumn}" is not in dataset "${meta.name}"`, `Columns: ${names.join(', ')}.`);
    }
    if (groupColumn === target) throw new UsageError('--group-column and --target name the same column');
  }

  const sql = `SELECT ${names.map(quoteIdent).join(', ')} FROM ${quoteIdent(meta.mainTable)} ORDER BY rowid`;
  // Rows as arrays (better-sqlite3's raw mode): naming 22 properties on each of 70,000 row objects
  // took most of this stage at 10x Telco, and the rows are re-shaped below anyway.
  const all = db.prepare(sql).raw(true).all() as RawValue[][];
  const at = (name: string) => names.indexOf(name);
  const targetAt = at(target);

  const labelOf = (v: RawValue): string | null => (v === null ? null : String(v).trim() === '' ? null : String(v).trim());
  const counts = new Map<string, number>();
  for (const row of all) {
    const label = labelOf(row[targetAt] ?? null);
    if (label !== null) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const values = [...counts.keys()].sort();
  if (values.length === 0) throw new UsageError(`the target column "${target}" has no values`);
  if (values.length === 1) {
    throw new UsageError(`the target column "${target}" is constant (every row is "${values[0]}")`, 'A classifier needs both outcomes; pick another --target.');
  }
  if (values.length > 2) {
    const shown = values.slice(0, 8).map((v) => `"${v}"`).join(', ');
    throw new UsageError(
      `the target column "${target}" has ${values.length} distinct values (${shown}${values.length > 8 ? ', ...' : ''}); the churn lab needs exactly two`,
      'Pass a yes/no column as --target, or recode it before importing.',
    );
  }
  let positive = options.positive;
  if (positive === undefined) {
    positive = values.includes('Yes') ? 'Yes' : positiveOfPair(values);
    if (positive === undefined) {
      throw new UsageError(`cannot tell which value of "${target}" is the positive class (${values.map((v) => `"${v}"`).join(' or ')})`, 'Pass --positive VALUE.');
    }
  } else if (!values.includes(positive)) {
    throw new UsageError(`--positive "${positive}" is not a value of "${target}"`, `Values: ${values.map((v) => `"${v}"`).join(', ')}.`);
  }
  const positives = counts.get(positive) ?? 0;
  const negatives = [...counts.values()].reduce((a, b) => a + b, 0) - positives;
  if (positives < options.minPerClass || negatives < options.minPerClass) {
    throw new UsageError(
      `too few ${positives < options.minPerClass ? `positives ("${positive}": ${positives})` : `negatives (${negatives})`} in "${target}": need at least ${options.minPerClass} of each`,
      'Stratified cross-validation and a test set need some of each class in every fold; use more data or fewer --folds.',
    );
  }

  const featureNames = names.filter((n) => n !== target && n !== idColumn && n !== groupColumn);
  const columns: ColumnInfo[] = featureNames.map((name) => {
    const declared = (tableInfo.find((c) => c.name === name)?.type ?? '').toUpperCase();
    return { name, kind: declared === 'INTEGER' || declared === 'REAL' ? 'numeric' : 'categorical' };
  });

  const rows: RawRow[] = [];
  const ids: string[] = [];
  const groups: (string | null)[] = [];
  const labels: number[] = [];
  let dropped = 0;
  // One string per distinct text value of a column: SQLite hands every cell a new string, and a
  // Telco row holds 17 of them. Shared strings keep their hash, so every later stage's set and map
  // lookups (profile, clean, encoding each fold, fairness groups) skip re-hashing and re-reading
  // a string per cell; at 10x Telco those per-cell strings (1.2 million) no longer fit in cache,
  // and profiling them took 21x the time of 1x.
  const interned = columns.map(() => new Map<string, string>());
  const intern = (table: Map<string, string>, v: string): string => {
    const shared = table.get(v);
    if (shared !== undefined) return shared;
    table.set(v, v);
    return v;
  };
  const columnAt = columns.map((c) => at(c.name));
  const idAt = idColumn === null ? -1 : at(idColumn);
  const groupAt = groupColumn === null ? -1 : at(groupColumn);
  all.forEach((row, index) => {
    const label = labelOf(row[targetAt] ?? null);
    if (label === null) {
      dropped++;
      return;
    }
    const features: RawRow = {};
    columns.forEach((c, j) => {
      const v = row[columnAt[j]!] ?? null;
      features[c.name] = typeof v !== 'string' ? v : v.trim() === '' ? null : intern(interned[j]!, v);
    });
    rows.push(features);
    ids.push(idColumn ? String(row[idAt]) : `row ${index + 1}`);
    if (groupColumn !== null) {
      const key = row[groupAt] ?? null;
      groups.push(key === null || String(key).trim() === '' ? null : String(key));
    }
    labels.push(label === positive ? 1 : 0);
  });

  if (groupColumn !== null) checkGroupCounts(groups, labels, groupColumn, options.minPerClass);

  return {
    dataset: { name: meta.name, sha256: meta.sha256, label: meta.label, title: meta.title },
    targetColumn: target,
    positiveLabel: positive,
    idColumn,
    groupColumn,
    ...(groupColumn !== null ? { groups } : {}),
    columns,
    rows,
    ids,
    y: Uint8Array.from(labels),
    droppedMissingTarget: dropped,
    sql,
  };
}

/** Grouped splits deal out groups, not rows (a group counts as positive when any of its rows is): each class needs enough groups. */
function checkGroupCounts(groups: (string | null)[], labels: number[], groupColumn: string, minPerClass: number): void {
  const units = groupUnits(labels, groups).labels;
  const positives = units.reduce((a, b) => a + b, 0);
  const negatives = units.length - positives;
  if (positives < minPerClass || negatives < minPerClass) {
    throw new UsageError(
      `too few ${positives < minPerClass ? `positive groups (${positives})` : `negative groups (${negatives})`} in "${groupColumn}": need at least ${minPerClass} of each, as the split deals out whole groups`,
      'A group counts as positive when any of its rows is. Group by a finer column, or use fewer --folds.',
    );
  }
}

/** Two-valued targets whose positive side goes without saying, in any case: yes/no, y/n, true/false, t/f, and 1/0 however written (1.0, 0.0). */
const booleanPairs = [
  ['yes', 'no'],
  ['y', 'n'],
  ['true', 'false'],
  ['t', 'f'],
];

/** The positive value of a target with exactly these two values, when the pair is one of booleanPairs or numerically 1 and 0. */
export function positiveOfPair(values: string[]): string | undefined {
  const [a, b] = values as [string, string];
  for (const [yes, no] of booleanPairs) {
    if (a.toLowerCase() === yes && b.toLowerCase() === no) return a;
    if (b.toLowerCase() === yes && a.toLowerCase() === no) return b;
  }
  const number = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  if (number(a) === 1 && number(b) === 0) return a;
  if (number(b) === 1 && number(a) === 0) return b;
  return undefined;
}

/** Column names (lower case, letters only) taken as the customer id when --id-column is not given. */
const defaultIdNames = new Set(['customerid', 'clientid', 'userid', 'accountid', 'subscriberid', 'memberid']);
