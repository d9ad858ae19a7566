/**
 * User SQL with a time limit: the query runs read-only in a child process that is killed when the
 * limit passes. better-sqlite3 has no statement interrupt (a worker thread keeps running until
 * SQLite returns, and keeps the process alive), so only a separate process can be stopped for
 * sure. The datasets are opened read-only there and never modified.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onInterrupt } from '../cleanup.js';
import { packageRoot } from '../env.js';
import { UsageError } from '../errors.js';
import { ensureBuilt } from './datasets/build.js';
import { datasetPath, unknownDataset } from './datasets/store.js';
import type { QueryResult } from './datasets/query.js';
import type { SqlJob, SqlReply } from './sql-job.js';

/** 30 s: the heaviest bundled exercise (a self-join on retail) takes about 9 s of CPU here, twice that on a busy machine. */
export const defaultQueryTimeoutMs = 30_000;

function childFile(): string {
  const sibling = fileURLToPath(new URL('./sql-child.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  return join(packageRoot, 'dist', 'data', 'sql-child.js');
}

export interface SandboxOptions {
  timeoutMs?: number;
  rowCap?: number;
}

/** Runs one read-only query on a built dataset file in a child process; kills it at the time limit. */
export function runQueryInChild(path: string, sql: string, options: SandboxOptions = {}): Promise<QueryResult> {
  const timeoutMs = options.timeoutMs ?? defaultQueryTimeoutMs;
  // registered before the fork: a signal in between would find no handler and leave the query running
  let forked: ChildProcess | undefined;
  const forget = onInterrupt(() => forked?.kill('SIGKILL'));
  const child = (forked = fork(childFile(), [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  return new Promise<QueryResult>((resolve, reject) => {
    let outcome: { ok: true; result: QueryResult } | { ok: false; error: Error } | undefined;
    const timer = setTimeout(() => {
      outcome = {
        ok: false,
        error: new UsageError(`the query ran longer than ${timeoutMs / 1000} s and was stopped`, 'Look for a join without a condition or a recursive CTE without an end.'),
      };
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('message', (msg: SqlReply) => {
      if (outcome) return;
      if (msg.ok) outcome = { ok: true, result: { columns: msg.columns, rows: msg.rows, truncated: msg.truncated } };
      else outcome = { ok: false, error: new UsageError(msg.message.startsWith('SQL error') || msg.usage ? msg.message : `SQL error: ${msg.message}`, msg.hint) };
    });
    // settle only once the child is gone: the caller never returns while a query still runs
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      forget();
      if (outcome?.ok) resolve(outcome.result);
      else reject(outcome?.error ?? new Error(`the query process ended without an answer (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').pop() ?? ''}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      forget();
      reject(error);
    });
    child.send({ path, sql, rowCap: options.rowCap ?? 10_000 } satisfies SqlJob);
  });
}

export async function runSandboxedQuery(dataset: string, sql: string, options: SandboxOptions = {}): Promise<QueryResult> {
  await ensureBuilt(dataset);
  const path = datasetPath(dataset);
  if (!existsSync(path)) throw unknownDataset(dataset);
  return runQueryInChild(path, sql, options);
}
