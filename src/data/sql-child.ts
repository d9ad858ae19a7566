/**
 * Child process for sandboxed-query.ts: receives one read-only query over IPC, runs it and sends
 * the rows back. better-sqlite3 cannot interrupt a statement, so a runaway query is stopped by
 * killing this process; nothing here may be shared with the parent.
 */
import Database from 'better-sqlite3';
import { prepareReadOnly } from './datasets/query.js';

export interface SqlJob {
  path: string;
  sql: string;
  rowCap: number;
}

export type SqlReply = { ok: true; columns: string[]; rows: unknown[][]; truncated: boolean } | { ok: false; message: string; hint?: string; usage: boolean };

function run({ path, sql, rowCap }: SqlJob): SqlReply {
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
    return { ok: true, columns, rows, truncated };
  } catch (error) {
    return { ok: false, message: (error as Error).message, hint: (error as { hint?: string }).hint, usage: (error as { exitCode?: number }).exitCode === 2 };
  }
}

process.once('message', (job: SqlJob) => {
  process.send!(run(job), () => process.exit(0));
});
// the parent went away (killed, or finished without us): nothing left to answer
process.once('disconnect', () => process.exit(0));
