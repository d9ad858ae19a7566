/**
 * state.db in process (src/data/state.ts, src/data/migrations.ts): the tables every migration
 * creates, migrating an older file in one transaction, a newer file refused and left in place,
 * the cached connection, moving a damaged file aside with its -wal and -shm, and the words for
 * each SQLite error a user can act on.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeState, explainStateError, isDamaged, openState, retryWhileBusy, statePath } from '../../src/data/state.js';
import { stateMigrations } from '../../src/data/migrations.js';
import { RunStore } from '../../src/data/runs.js';
import { PrepError } from '../../src/errors.js';
import { makeTempHome } from '../helpers/home.js';

afterEach(() => {
  closeState();
  vi.restoreAllMocks();
});

const tables = (db: Database.Database) => (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
const columns = (db: Database.Database, table: string) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);

describe('schema', () => {
  it('five migrations create every table prep reads, with the pid column on runs', () => {
    expect(stateMigrations).toHaveLength(5);
    const db = openState({ home: makeTempHome() });
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(tables(db)).toEqual(['artifacts', 'drill_cards', 'drill_reviews', 'exercise_progress', 'interview_plans', 'metrics', 'mock_sessions', 'pitch_sessions', 'runs', 'settings', 'sqlite_sequence']);
    expect(columns(db, 'runs')).toEqual(['id', 'lab', 'dataset_name', 'dataset_sha256', 'params', 'seed', 'code_version', 'started_at', 'duration_ms', 'status', 'error', 'pid']);
    expect(columns(db, 'interview_plans')).toEqual(['id', 'interview', 'role', 'minutes_per_day', 'start_day', 'plan', 'created_at']);
    expect(columns(db, 'mock_sessions')).toEqual(['id', 'role', 'question_set', 'finished_at', 'summary']);
    expect(columns(db, 'pitch_sessions')).toEqual(['id', 'project', 'target_seconds', 'seconds', 'rating', 'practised_at']);
    expect(columns(db, 'exercise_progress')).toEqual(['exercise_id', 'attempts', 'status', 'last_checked_at']);
    expect(columns(db, 'drill_cards')).toEqual(['question_id', 'card', 'due', 'lapses', 'reps', 'updated_at']);
    expect(columns(db, 'drill_reviews')).toEqual(['id', 'question_id', 'rating', 'reviewed_at', 'answer', 'feedback', 'card_before', 'due_after']);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.inTransaction).toBe(false);
  });

  it('the CHECK constraints hold: run status, review rating 1-4, plan role, pitch rating', () => {
    const db = openState({ home: makeTempHome() });
    expect(() => db.prepare(`INSERT INTO runs (id, lab, code_version, started_at, status) VALUES ('x', 'l', 'v', 't', 'done')`).run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare(`INSERT INTO drill_reviews (question_id, rating, reviewed_at, due_after) VALUES ('q', 5, 't', 't')`).run()).toThrow(/CHECK constraint failed/);
    db.prepare(`INSERT INTO drill_reviews (question_id, rating, reviewed_at, due_after) VALUES ('q', 4, 't', 't')`).run();
    expect(() => db.prepare(`INSERT INTO interview_plans (interview, role, minutes_per_day, start_day, plan, created_at) VALUES ('d', 'cto', 30, 'd', '{}', 't')`).run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare(`INSERT INTO pitch_sessions (project, target_seconds, seconds, rating, practised_at) VALUES ('p', 60, 61, 0, 't')`).run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare(`INSERT INTO exercise_progress (exercise_id, status, last_checked_at) VALUES ('e', 'new', 't')`).run()).toThrow(/CHECK constraint failed/);
  });

  it('metrics and artifacts of a deleted run go with it (foreign keys on)', () => {
    const db = openState({ home: makeTempHome() });
    const store = new RunStore(db);
    const run = store.start({ lab: 'churn' });
    run.metric('m', 1, { stage: 's', formula: 'f' });
    run.artifact('a', 1);
    db.prepare(`DELETE FROM runs WHERE id = ?`).run(run.id);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM metrics`).get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM artifacts`).get()).toEqual({ n: 0 });
  });

  it('an older file is migrated up, keeping its rows; the migration is committed', () => {
    const home = makeTempHome();
    const old = new Database(statePath(home));
    for (const sql of stateMigrations.slice(0, 3)) old.exec(sql);
    old.pragma('user_version = 3');
    old.prepare(`INSERT INTO runs (id, lab, code_version, started_at, status) VALUES ('churn-old', 'churn', '0.0.1', '2025-01-01T00:00:00.000Z', 'ok')`).run();
    old.close();
    const db = openState({ home });
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(tables(db)).toContain('interview_plans');
    expect(columns(db, 'runs')).toContain('pid');
    expect(new RunStore(db).get('churn-old')).toMatchObject({ lab: 'churn', status: 'ok' });
    closeState();
    // read by another connection: the new version and tables were committed, not left in a transaction
    const other = new Database(statePath(home), { readonly: true });
    expect(other.pragma('user_version', { simple: true })).toBe(5);
    expect(tables(other)).toContain('pitch_sessions');
    other.close();
  });

  it('what is written after opening outlives the connection (the migration transaction was closed)', () => {
    const home = makeTempHome();
    const run = new RunStore(openState({ home })).start({ lab: 'kept' });
    run.finish();
    closeState();
    expect(new RunStore(openState({ home })).get(run.id)).toMatchObject({ lab: 'kept', status: 'ok' });
  });

  it('a migration that fails leaves the file at its old version with none of the pending ones applied', () => {
    const home = makeTempHome();
    const migrations = stateMigrations as string[];
    migrations.push(`CREATE TABLE half_done (a INTEGER); THIS IS NOT SQL;`);
    try {
      expect(() => openState({ home })).toThrow(/syntax error/);
    } finally {
      migrations.pop();
    }
    const db = new Database(statePath(home), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
    // and the next open (with the shipped migrations) is clean
    expect(openState({ home }).pragma('user_version', { simple: true })).toBe(5);
  });

  it('a file from a newer prep is refused with both versions and left where it is', () => {
    const home = makeTempHome();
    const newer = new Database(statePath(home));
    newer.exec(`CREATE TABLE future (x)`);
    newer.pragma('user_version = 9');
    newer.close();
    const lines: string[] = [];
    let error: unknown;
    try {
      openState({ home, warn: (l) => lines.push(l) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PrepError);
    expect((error as Error).message).toBe('state.db is at schema version 9, newer than this prep (5); upgrade prep.');
    expect(lines).toEqual([]);
    expect(readdirSync(home).filter((f) => f.includes('corrupt'))).toEqual([]);
    const kept = new Database(statePath(home), { readonly: true });
    expect(kept.pragma('user_version', { simple: true })).toBe(9);
    expect(tables(kept)).toEqual(['future']);
    kept.close();
  });
});

describe('the cached connection', () => {
  it('one connection per home while open; another home or a closed one opens anew', () => {
    const home = makeTempHome();
    const a = openState({ home });
    expect(openState({ home })).toBe(a);
    const b = openState({ home: makeTempHome() });
    expect(b).not.toBe(a);
    b.close();
    const c = openState({ home: makeTempHome() });
    expect(c.open).toBe(true);
    closeState();
    expect(c.open).toBe(false);
    closeState(); // twice is fine
  });

  it('the default home is PREP_HOME, and the file is state.db in it (the folder is created)', () => {
    const home = join(makeTempHome(), 'nested', 'home');
    vi.stubEnv('PREP_HOME', home);
    try {
      expect(statePath()).toBe(join(home, 'state.db'));
      openState();
      expect(existsSync(join(home, 'state.db'))).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('a damaged state.db', () => {
  it('is moved aside with a timestamp; the warning goes to stderr by default', () => {
    const home = makeTempHome();
    const path = statePath(home);
    writeFileSync(path, 'not a database '.repeat(400));
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const db = openState({ home });
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^prep: state\.db could not be read \(file is not a database\); moved it to .*state\.db\.corrupt-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z and started a fresh one\.\n$/);
    const aside = readdirSync(home).find((f) => /^state\.db\.corrupt-/.test(f))!;
    expect(readFileSync(join(home, aside), 'utf8')).toMatch(/^not a database/);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
  });

  it('takes its -wal and -shm along when they exist, and only those', () => {
    // a foreign database in WAL mode, still open elsewhere: its -wal and -shm stay on disk
    const home = makeTempHome();
    const path = statePath(home);
    const holder = new Database(path);
    holder.pragma('journal_mode = WAL');
    holder.exec(`CREATE TABLE photos (id INTEGER); INSERT INTO photos VALUES (1)`);
    try {
      expect(existsSync(`${path}-wal`) && existsSync(`${path}-shm`)).toBe(true);
      openState({ home, warn: () => {} });
      const aside = readdirSync(home).find((f) => /^state\.db\.corrupt-/.test(f) && !/-(wal|shm)$/.test(f))!;
      expect(existsSync(join(home, `${aside}-wal`))).toBe(true);
      expect(existsSync(join(home, `${aside}-shm`))).toBe(true);
    } finally {
      holder.close();
    }
    closeState();
    // a damaged file with a -shm and no -wal: the -shm goes along, nothing else is asked for
    const home2 = makeTempHome();
    const path2 = statePath(home2);
    writeFileSync(path2, 'not a database '.repeat(400));
    writeFileSync(`${path2}-shm`, 'stray');
    openState({ home: home2, warn: () => {} });
    const aside2 = readdirSync(home2).find((f) => /^state\.db\.corrupt-/.test(f) && !/-(wal|shm)$/.test(f))!;
    expect(readFileSync(join(home2, `${aside2}-shm`), 'utf8')).toBe('stray');
    expect(existsSync(join(home2, `${aside2}-wal`))).toBe(false);
  });

  it('a file with more than five foreign tables names five and "..."; exactly five names all five', () => {
    for (const [count, listed] of [
      [6, 'a1, a2, a3, a4, a5, ...'],
      [5, 'a1, a2, a3, a4, a5'],
    ] as const) {
      const home = makeTempHome();
      const other = new Database(statePath(home));
      for (let i = 1; i <= count; i++) other.exec(`CREATE TABLE a${i} (x)`);
      other.close();
      const lines: string[] = [];
      openState({ home, warn: (l) => lines.push(l) });
      expect(lines[0]).toContain(`(it is not a prep database: schema version 0 with tables ${listed}); moved it to`);
      closeState();
    }
  });

  it('an empty SQLite file at version 0 is simply migrated, not moved aside', () => {
    const home = makeTempHome();
    new Database(statePath(home)).close();
    const lines: string[] = [];
    openState({ home, warn: (l) => lines.push(l) });
    expect(lines).toEqual([]);
    expect(readdirSync(home).filter((f) => f.includes('corrupt'))).toEqual([]);
  });
});

describe('errors that are not damage', () => {
  const err = (code: string | undefined, message = 'x') => Object.assign(new Error(message), code === undefined ? {} : { code });

  it('isDamaged: only corruption codes and prep\'s own two', () => {
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX', 'PREP_NOT_PREP', 'PREP_INTEGRITY']) expect(isDamaged(err(code)), code).toBe(true);
    for (const code of ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_CORRUPTX', '', undefined]) expect(isDamaged(err(code)), String(code)).toBe(false);
    expect(isDamaged({})).toBe(false);
  });

  it('explainStateError: locks, a full disk, I/O errors and permissions in words, with hints', () => {
    const p = '/h/state.db';
    const cases: [string | undefined, string, string, string][] = [
      ['SQLITE_BUSY', 'database is locked', `${p} is locked by another process (waited 5 s); nothing was changed`, 'Another prep command may be busy with it: try again when it finishes.'],
      ['SQLITE_BUSY_SNAPSHOT', 'x', `${p} is locked by another process (waited 5 s); nothing was changed`, 'Another prep command may be busy with it: try again when it finishes.'],
      ['SQLITE_LOCKED_SHAREDCACHE', 'x', `${p} is locked by another process (waited 5 s); nothing was changed`, 'Another prep command may be busy with it: try again when it finishes.'],
      ['SQLITE_FULL', 'x', `the disk holding ${p} is full; nothing was changed and your progress is intact`, 'Free some space and run the command again.'],
      ['SQLITE_IOERR_WRITE', 'x', `the disk holding ${p} is full; nothing was changed and your progress is intact`, 'Free some space and run the command again.'],
      ['SQLITE_ERROR', 'database or DISK IS FULL', `the disk holding ${p} is full; nothing was changed and your progress is intact`, 'Free some space and run the command again.'],
      ['SQLITE_IOERR_FSYNC', 'x', `disk I/O error on ${p} (SQLITE_IOERR_FSYNC); the file was left as it is`, 'Check the disk (and free space), then run the command again.'],
      ['SQLITE_IOERR', 'x', `disk I/O error on ${p} (SQLITE_IOERR); the file was left as it is`, 'Check the disk (and free space), then run the command again.'],
      ['SQLITE_READONLY', 'x', `cannot write ${p} (SQLITE_READONLY)`, 'Check the permissions of the data home, or set PREP_HOME to a folder you can write.'],
      ['SQLITE_READONLY_DBMOVED', 'x', `cannot write ${p} (SQLITE_READONLY_DBMOVED)`, 'Check the permissions of the data home, or set PREP_HOME to a folder you can write.'],
      ['SQLITE_CANTOPEN', 'x', `cannot write ${p} (SQLITE_CANTOPEN)`, 'Check the permissions of the data home, or set PREP_HOME to a folder you can write.'],
      ['SQLITE_PERM', 'x', `cannot write ${p} (SQLITE_PERM)`, 'Check the permissions of the data home, or set PREP_HOME to a folder you can write.'],
    ];
    for (const [code, message, said, hint] of cases) {
      const e = explainStateError(err(code, message), p) as PrepError;
      expect(e, code).toBeInstanceOf(PrepError);
      expect(e.message, code).toBe(said);
      expect(e.hint, code).toBe(hint);
    }
    // anything else is passed on as it is
    const other = err('SQLITE_MISMATCH', 'datatype mismatch');
    expect(explainStateError(other, p)).toBe(other);
    const plain = err(undefined, 'something odd');
    expect(explainStateError(plain, p)).toBe(plain);
    const thrown = explainStateError('a string', p);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown.message).toBe('a string');
  });

  it('a state.db that cannot be opened for writing is explained and left alone', () => {
    const home = makeTempHome();
    const dir = join(home, 'state.db');
    // a folder where the file should be: SQLite cannot open it
    mkdirSync(dir);
    expect(() => openState({ home })).toThrow(/cannot write .*state\.db \(SQLITE_CANTOPEN\)/);
    expect(existsSync(dir)).toBe(true);
  });
});

describe('retryWhileBusy: busy results SQLite returns without waiting', () => {
  const busy = (code: string) => Object.assign(new Error('database is locked'), { code });

  it('retries SQLITE_BUSY and SQLITE_LOCKED variants until the work succeeds', () => {
    let calls = 0;
    const value = retryWhileBusy(() => {
      calls++;
      if (calls === 1) throw busy('SQLITE_BUSY_SNAPSHOT');
      if (calls === 2) throw busy('SQLITE_LOCKED');
      if (calls === 3) throw busy('SQLITE_BUSY');
      return 'migrated';
    });
    expect(value).toBe('migrated');
    expect(calls).toBe(4);
  });

  it('throws any other error at once, busy-looking messages included', () => {
    let calls = 0;
    expect(() =>
      retryWhileBusy(() => {
        calls++;
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_IOERR' });
      }),
    ).toThrow('database is locked');
    expect(calls).toBe(1);
  });

  it('gives up when the wait is spent, with the last busy error', () => {
    let calls = 0;
    let thrown: unknown;
    try {
      retryWhileBusy(() => {
        calls++;
        throw busy('SQLITE_BUSY_RECOVERY');
      }, 150);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as { code?: string }).code).toBe('SQLITE_BUSY_RECOVERY');
    expect(calls).toBeGreaterThan(1);
  });
});
