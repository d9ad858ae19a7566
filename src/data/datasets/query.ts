/**
 * Read-only SQL for users: one SELECT or WITH statement on a read-only connection.
 * Three locks, each enough on its own for most mistakes: the statement must start with SELECT or
 * WITH, SQLite must report it read-only (sqlite3_stmt_readonly), and the connection is opened
 * read-only with query_only on.
 */
import type Database from 'better-sqlite3';
import { UsageError } from '../../errors.js';

/** Removes leading whitespace and SQL comments, so "-- note\nSELECT" is judged by its SELECT. */
function leadingKeyword(sql: string): string {
  let rest = sql;
  for (;;) {
    rest = rest.replace(/^\s+/, '');
    if (rest.startsWith('--')) rest = rest.replace(/^--[^\n]*\n?/, '');
    else if (rest.startsWith('/*')) rest = rest.replace(/^\/\*[\s\S]*?(\*\/|$)/, '');
    else break;
  }
  return (/^[A-Za-z]+/.exec(rest)?.[0] ?? rest.slice(0, 10)).toUpperCase();
}

export function prepareReadOnly(db: Database.Database, sql: string): Database.Statement {
  const keyword = leadingKeyword(sql);
  if (!keyword) throw new UsageError('there is no query here yet (only comments or blank lines)', 'Write one SELECT or WITH statement, e.g. SELECT Contract, COUNT(*) FROM telco GROUP BY Contract.');
  if (keyword !== 'SELECT' && keyword !== 'WITH') {
    throw new UsageError(
      `only a single SELECT or WITH statement may run here; this one starts with ${keyword}`,
      'The datasets are read-only: write a query that reads, e.g. SELECT Contract, COUNT(*) FROM telco GROUP BY Contract.',
    );
  }
  let statement: Database.Statement;
  try {
    statement = db.prepare(sql);
  } catch (error) {
    const message = (error as Error).message;
    if (/more than one statement/i.test(message)) {
      throw new UsageError('only a single statement may run here; remove everything after the first ";"');
    }
    throw new UsageError(`SQL error: ${message}`);
  }
  if (!statement.readonly || !statement.reader) {
    throw new UsageError('this statement would change the database; only reading queries may run here');
  }
  return statement;
}

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
  /** True when more rows existed than the limit allowed. */
  truncated: boolean;
}

export function runReadOnlyQuery(db: Database.Database, sql: string, limit: number): QueryResult {
  const statement = prepareReadOnly(db, sql).raw(true);
  const columns = statement.columns().map((c) => c.name);
  const rows: unknown[][] = [];
  let truncated = false;
  try {
    for (const row of statement.iterate() as IterableIterator<unknown[]>) {
      if (rows.length >= limit) {
        truncated = true;
        break;
      }
      rows.push(row);
    }
  } catch (error) {
    throw new UsageError(`SQL error: ${(error as Error).message}`);
  }
  return { columns, rows, truncated };
}
