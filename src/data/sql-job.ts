/**
 * One read-only query on a dataset file, as the SQL child process runs it (sql-child.ts is only
 * the process around it): here so the query and its reply can be tested in process.
 */
import Database from 'better-sqlite3';
import { prepareReadOnly } from './datasets/query.js';

export interface SqlJob {
  path: string;
  sql: string;
  rowCap: number;
}

export type SqlReply = { ok: true; columns: string[]; rows: unknown[][]; truncated: boolean } | { ok: false; message: string; hint?: string; usage: boolean };

export function runSqlJob({ path, sql, rowCap }: SqlJob): SqlReply {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
    const statement = prepareReadOnly(db, sql).raw(true);
    const columns = statement.columns().map((c) => c.name);
    const rows: unknown[][] = [];
    let truncated = false;
    for (const row of statement.iterate() as IterableIterator<unknown[]>) {
      if (rows.length >= rowCap) {
        truncated = true;
        break;
      }
      rows.push(row);
    }
    return { ok: true, columns, rows, truncated };
  } catch (error) {
    return { ok: false, message: (error as Error).message, hint: (error as { hint?: string }).hint, usage: (error as { exitCode?: number }).exitCode === 2 };
  } finally {
    if (db?.open) db.close();
  }
}
