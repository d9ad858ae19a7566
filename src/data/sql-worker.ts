/** Worker for sandboxed-query.ts: runs one read-only query on a dataset and posts the rows back. */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { prepareReadOnly } from './datasets/query.js';

const { path, sql, rowCap } = workerData as { path: string; sql: string; rowCap: number };
try {
  const db = new Database(path, { readonly: true, fileMustExist: true });
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
  db.close();
  parentPort!.postMessage({ ok: true, columns, rows, truncated });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: (error as Error).message, hint: (error as { hint?: string }).hint, usage: (error as { exitCode?: number }).exitCode === 2 });
}
