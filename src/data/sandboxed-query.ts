/**
 * User SQL with a time limit: the query runs read-only in a worker thread that is terminated
 * when the limit passes, so a runaway query (a recursive CTE counting to 1e12) is stopped with a
 * clear message and the datasets are never modified.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../env.js';
import { UsageError } from '../errors.js';
import { ensureBuilt } from './datasets/build.js';
import { datasetPath } from './datasets/store.js';
import type { QueryResult } from './datasets/query.js';

function workerFile(): string {
  const sibling = fileURLToPath(new URL('./sql-worker.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  return join(packageRoot, 'dist', 'data', 'sql-worker.js');
}

export async function runSandboxedQuery(dataset: string, sql: string, options: { timeoutMs?: number; rowCap?: number } = {}): Promise<QueryResult> {
  await ensureBuilt(dataset);
  const path = datasetPath(dataset);
  if (!existsSync(path)) throw new UsageError(`no dataset named "${dataset}"`);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const worker = new Worker(workerFile(), { workerData: { path, sql, rowCap: options.rowCap ?? 10_000 } });
  return new Promise<QueryResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new UsageError(`the query ran longer than ${timeoutMs / 1000} s and was stopped`, 'Look for a join without a condition or a recursive CTE without an end.'));
    }, timeoutMs);
    worker.once('message', (msg: { ok: true; columns: string[]; rows: unknown[][]; truncated: boolean } | { ok: false; message: string; hint?: string; usage: boolean }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (msg.ok) resolve({ columns: msg.columns, rows: msg.rows, truncated: msg.truncated });
      else reject(new UsageError(msg.message.startsWith('SQL error') || msg.usage ? msg.message : `SQL error: ${msg.message}`, msg.hint));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
