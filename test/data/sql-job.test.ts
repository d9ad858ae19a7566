/**
 * The user's SQL as the child process runs it (src/data/sql-job.ts, in process) and as the parent
 * reports it (sandboxed-query.ts, through dist's child): rows and the row cap, usage errors kept
 * as they are, other errors prefixed "SQL error", an unknown dataset named.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runSqlJob } from '../../src/data/sql-job.js';
import { defaultQueryTimeoutMs, runQueryInChild, runSandboxedQuery } from '../../src/data/sandboxed-query.js';
import { UsageError } from '../../src/errors.js';
import { makeTempHome } from '../helpers/home.js';

let path: string;
beforeAll(() => {
  path = join(makeTempHome(), 'd.sqlite');
  const db = new Database(path);
  db.exec(`CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, 'z')`);
  db.close();
});

const count = () => {
  const db = new Database(path, { readonly: true });
  const n = (db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;
  db.close();
  return n;
};

describe('runSqlJob', () => {
  it('returns columns and rows; the row cap truncates only when more rows exist', () => {
    expect(runSqlJob({ path, sql: 'SELECT a, b AS label FROM t ORDER BY a', rowCap: 3 })).toEqual({ ok: true, columns: ['a', 'label'], rows: [[1, 'x'], [2, 'y'], [3, 'z']], truncated: false });
    expect(runSqlJob({ path, sql: 'SELECT a FROM t ORDER BY a', rowCap: 2 })).toEqual({ ok: true, columns: ['a'], rows: [[1], [2]], truncated: true });
    expect(runSqlJob({ path, sql: 'SELECT a FROM t WHERE a > 9', rowCap: 0 })).toEqual({ ok: true, columns: ['a'], rows: [], truncated: false });
  });

  it('a refused statement is a usage reply with its message and hint; the file is unchanged', () => {
    expect(runSqlJob({ path, sql: 'DELETE FROM t', rowCap: 10 })).toEqual({
      ok: false,
      message: 'only a single SELECT or WITH statement may run here; this one starts with DELETE',
      hint: 'The datasets are read-only: write a query that reads, e.g. SELECT Contract, COUNT(*) FROM telco GROUP BY Contract.',
      usage: true,
    });
    expect(runSqlJob({ path, sql: 'SELECT nope FROM t', rowCap: 10 })).toEqual({ ok: false, message: 'SQL error: no such column: nope', hint: undefined, usage: true });
    expect(count()).toBe(3);
  });

  it('an error while reading rows, or a file that is not there, is a plain (non-usage) reply', () => {
    expect(runSqlJob({ path, sql: 'SELECT abs(-9223372036854775807 - 1) FROM t', rowCap: 10 })).toEqual({ ok: false, message: 'integer overflow', hint: undefined, usage: false });
    const missing = runSqlJob({ path: join(makeTempHome(), 'absent.sqlite'), sql: 'SELECT 1', rowCap: 10 });
    expect(missing).toMatchObject({ ok: false, usage: false });
    expect((missing as { message: string }).message).toMatch(/unable to open database file|does not exist/);
  });

  it('the connection is closed afterwards, whatever happened (the file can be written again at once)', () => {
    runSqlJob({ path, sql: 'SELECT a FROM t', rowCap: 1 });
    runSqlJob({ path, sql: 'SELECT nope', rowCap: 1 });
    const db = new Database(path);
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec(`BEGIN EXCLUSIVE; COMMIT`);
    db.close();
  });
});

describe('runQueryInChild and runSandboxedQuery', () => {
  it('rows come back from the child, capped at 10,000 unless told otherwise; the time limit is 30 s by default', async () => {
    expect(defaultQueryTimeoutMs).toBe(30_000);
    const many = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001) SELECT i FROM n';
    const capped = await runQueryInChild(path, many);
    expect(capped.rows).toHaveLength(10_000);
    expect(capped.truncated).toBe(true);
    expect(await runQueryInChild(path, 'SELECT a FROM t ORDER BY a', { rowCap: 2 })).toEqual({ columns: ['a'], rows: [[1], [2]], truncated: true });
  });

  it('usage errors keep their words and hint; other errors are "SQL error: ..."', async () => {
    const refused = await runQueryInChild(path, 'DROP TABLE t').catch((e: UsageError) => e);
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as UsageError).message).toBe('only a single SELECT or WITH statement may run here; this one starts with DROP');
    expect((refused as UsageError).hint).toMatch(/^The datasets are read-only/);
    await expect(runQueryInChild(path, 'SELECT nope FROM t')).rejects.toThrow(/^SQL error: no such column: nope$/);
    const overflow = await runQueryInChild(path, 'SELECT abs(-9223372036854775807 - 1) FROM t').catch((e: UsageError) => e);
    expect(overflow).toBeInstanceOf(UsageError);
    expect((overflow as UsageError).message).toBe('SQL error: integer overflow');
    expect(count()).toBe(3);
  });

  it('a query past its time limit is stopped with how to find the runaway', async () => {
    const forever = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n';
    const error = await runQueryInChild(path, forever, { timeoutMs: 300 }).catch((e: UsageError) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('the query ran longer than 0.3 s and was stopped');
    expect((error as UsageError).hint).toBe('Look for a join without a condition or a recursive CTE without an end.');
  });

  it('an interruption kills the query process: the caller hears it ended without an answer', async () => {
    const forever = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n';
    const running = runQueryInChild(path, forever, { timeoutMs: 20_000 }).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 300));
    // cleanup.ts runs every registered undo from its "exit" listener (runAll), as SIGINT/SIGTERM do before exiting
    const runAll = process.listeners('exit').find((l) => l.name === 'runAll') as (() => void) | undefined;
    expect(runAll).toBeDefined();
    runAll!();
    const error = await running;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^the query process ended without an answer \(SIGKILL\): /);
  });

  it('a dataset that is neither bundled nor imported is named, before any child starts', async () => {
    const saved = process.env.PREP_HOME;
    process.env.PREP_HOME = makeTempHome();
    try {
      await expect(runSandboxedQuery('nosuch', 'SELECT 1')).rejects.toThrow('no dataset named "nosuch"');
    } finally {
      process.env.PREP_HOME = saved;
    }
  });
});
