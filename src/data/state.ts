/**
 * The user's state database (state.db under the data home): runs, drills, exercise progress.
 * Opened in WAL mode with versioned migrations. A damaged file (or one that is not prep's) is
 * moved aside with a timestamp, exactly as it was (judged from a read-only look, before prep
 * writes anything), and a fresh database is created, so the user never loses the app;
 * a full disk, an I/O error or a lock is reported and the file left alone, so no progress is hidden.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dataHome } from '../env.js';
import { stateMigrations } from './migrations.js';
import { PrepError } from '../errors.js';

export type StateDb = Database.Database;

export interface OpenStateOptions {
  home?: string;
  /** Where to report that a damaged file was moved aside (one line). Defaults to stderr. */
  warn?: (line: string) => void;
}

let cached: { path: string; db: StateDb } | undefined;

export function statePath(home = dataHome()): string {
  return join(home, 'state.db');
}

/** Opens (once per process) the state database, repairing and migrating as needed. */
export function openState(options: OpenStateOptions = {}): StateDb {
  const home = options.home ?? dataHome();
  const path = statePath(home);
  if (cached && cached.path === path && cached.db.open) return cached.db;
  mkdirSync(home, { recursive: true });
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  let db: StateDb;
  try {
    db = retryWhileBusy(() => openChecked(path));
  } catch (error) {
    // Only a damaged file is moved aside. A full disk, an I/O error or a lock held by another
    // process says nothing about the file: moving it would hide the user's progress for nothing.
    if (!isDamaged(error)) throw explainStateError(error, path);
    const aside = moveAside(path);
    warn(`prep: state.db could not be read (${(error as Error).message}); moved it to ${aside} and started a fresh one.`);
    db = openChecked(path);
  }
  try {
    retryWhileBusy(() => migrate(db));
  } catch (error) {
    db.close();
    throw explainStateError(error, path);
  }
  cached = { path, db };
  return db;
}

const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? '');

/**
 * Runs work again while it fails with SQLITE_BUSY or SQLITE_LOCKED, until waitMs have passed in
 * all. SQLite waits out a held lock itself (busy_timeout), but returns some busy results at once,
 * without its busy handler: a WAL snapshot gone stale, a first connection still setting up the
 * WAL index while others open. Eight prep commands started together on an empty data home met
 * one of these about once in a few hundred opens under load (CI). A lock still held at the
 * deadline is thrown as before.
 */
export function retryWhileBusy<T>(work: () => T, waitMs = 5000): T {
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      // a synchronous pause: opening state.db is synchronous for every caller
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(25 * attempt, 200, Math.max(1, deadline - Date.now())));
    }
  }
}

const corruptionCodes = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX', 'PREP_NOT_PREP', 'PREP_INTEGRITY']);

/** True for errors that mean the file itself is damaged or is not prep's (worth moving aside). */
export function isDamaged(error: unknown): boolean {
  return corruptionCodes.has((error as { code?: string }).code ?? '');
}

/** A state.db error the user can act on, in words; the file stays where it is. */
export function explainStateError(error: unknown, path: string): Error {
  const code = (error as { code?: string }).code ?? '';
  if (isBusy(error)) {
    return new PrepError(`${path} is locked by another process (waited 5 s); nothing was changed`, 'Another prep command may be busy with it: try again when it finishes.');
  }
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || /disk is full/i.test((error as Error).message)) {
    return new PrepError(`the disk holding ${path} is full; nothing was changed and your progress is intact`, 'Free some space and run the command again.');
  }
  if (code.startsWith('SQLITE_IOERR')) return new PrepError(`disk I/O error on ${path} (${code}); the file was left as it is`, 'Check the disk (and free space), then run the command again.');
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    return new PrepError(`cannot write ${path} (${code})`, 'Check the permissions of the data home, or set PREP_HOME to a folder you can write.');
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Opens state.db read-write, having first decided from a read-only look that it is prep's (or
 * empty). The read-write connection switches the file to WAL mode, a write: done to another
 * program's database it changed the file prep then moved aside as not its own.
 */
function openChecked(path: string): StateDb {
  const info = statSync(path, { throwIfNoEntry: false });
  // nothing there, or nothing in it: created and migrated; not a file (a folder): the open below says so
  const decided = info?.isFile() && info.size > 0 ? inspectReadOnly(path) : true;
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    // a file a read-only connection could not look at: the same look, still before any write of ours
    if (!decided) inspect(db);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The look at an existing file through a read-only connection (SQLite cannot write through it):
 * true when it is decided (the file is prep's; anything else throws), false when a read-only
 * connection cannot read it (SQLITE_READONLY_*: a hot journal only a writer may roll back; or the
 * file went away meanwhile), so the caller looks through its own connection before writing.
 */
function inspectReadOnly(path: string): boolean {
  let db: StateDb | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    inspect(db);
    return true;
  } catch (error) {
    if (/^SQLITE_(READONLY|CANTOPEN)/.test((error as { code?: string }).code ?? '')) return false;
    throw error;
  } finally {
    db?.close();
  }
}

/** Whether the file is intact and prep's, by reading only. */
function inspect(db: StateDb): void {
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'PREP_INTEGRITY' });
  assertPrepSchema(db);
}

/** SQLite's application_id for prep's state.db: "prep" in ASCII, set by every migration run. */
export const prepApplicationId = 0x70726570;

const notPrep = (reason: string) => Object.assign(new Error(`it is not a prep database: ${reason}`), { code: 'PREP_NOT_PREP' });

/**
 * A SQLite file that is not prep's (another program's database at this path) would fail every
 * command with "table runs already exists": schema version 0 with tables in it is not ours, nor
 * is a file with another application id or a version without prep's first table.
 * A version above this prep's is a newer prep's file: refused, and left as it is.
 */
function assertPrepSchema(db: StateDb): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  // files from before prep set its id have 0
  if (applicationId !== 0 && applicationId !== prepApplicationId) throw notPrep(`its application id is ${applicationId} (0x${(applicationId >>> 0).toString(16)}), another program's`);
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  const listed = `${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', ...' : ''}`;
  if (version === 0) {
    if (tables.length > 0) throw notPrep(`schema version 0 with tables ${listed}`);
    return;
  }
  // a newer prep's schema may be anything: refused before the tables are judged, so it is never moved aside
  assertNotNewer(version);
  // migration 1 creates runs, and none drops it
  if (!tables.includes('runs')) throw notPrep(`schema version ${version} without prep's runs table (${tables.length ? `tables ${listed}` : 'no tables'})`);
}

function assertNotNewer(version: number): void {
  const target = stateMigrations.length;
  if (version > target) throw new PrepError(`state.db is at schema version ${version}, newer than this prep (${target}); upgrade prep.`);
}

function moveAside(path: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = `${path}.corrupt-${stamp}`;
  renameSync(path, aside);
  // A WAL or shared-memory file belongs to the old database: keep it with it.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  }
  return aside;
}

/**
 * All pending migrations in one BEGIN IMMEDIATE transaction: the write lock is taken before the
 * version is read, so two first-time commands started together cannot both create the tables
 * ("table runs already exists"); the second waits, then finds nothing left to do.
 */
function migrate(db: StateDb): void {
  const target = stateMigrations.length;
  const versionNow = () => db.pragma('user_version', { simple: true }) as number;
  if (versionNow() === target) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    const current = versionNow();
    assertNotNewer(current);
    for (let version = current; version < target; version++) db.exec(stateMigrations[version]!);
    db.pragma(`user_version = ${target}`);
    db.pragma(`application_id = ${prepApplicationId}`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** Closes the cached connection (tests, and commands that hand over to a child process). */
export function closeState(): void {
  if (cached?.db.open) cached.db.close();
  cached = undefined;
}
