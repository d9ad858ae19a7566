/**
 * The user's state database (state.db under the data home): runs, drills, exercise progress.
 * Opened in WAL mode with versioned migrations. A corrupt or unreadable file is moved aside
 * with a timestamp and a fresh database is created, so the user never loses the app.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
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
    db = openChecked(path);
  } catch (error) {
    const aside = moveAside(path);
    warn(`prep: state.db could not be read (${(error as Error).message}); moved it to ${aside} and started a fresh one.`);
    db = openChecked(path);
  }
  migrate(db);
  cached = { path, db };
  return db;
}

function openChecked(path: string): StateDb {
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
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

function migrate(db: StateDb): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > stateMigrations.length) {
    throw new PrepError(`state.db is at schema version ${current}, newer than this prep (${stateMigrations.length}); upgrade prep.`);
  }
  for (let version = current; version < stateMigrations.length; version++) {
    db.transaction(() => {
      db.exec(stateMigrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Closes the cached connection (tests, and commands that hand over to a child process). */
export function closeState(): void {
  if (cached?.db.open) cached.db.close();
  cached = undefined;
}
