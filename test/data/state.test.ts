import { describe, expect, it, afterEach } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeState, explainStateError, isDamaged, openState, statePath } from '../../src/data/state.js';
import { stateMigrations } from '../../src/data/migrations.js';
import { RunStore, diffRuns } from '../../src/data/runs.js';
import { makeTempHome, repoRoot } from '../helpers/home.js';

afterEach(() => closeState());

describe('state.db', () => {
  it('is created in WAL mode at the latest schema version', () => {
    const home = makeTempHome();
    const db = openState({ home });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(stateMigrations.length);
  });

  it('moves a corrupted file aside with a timestamp, reports it in one line, and starts fresh', () => {
    const home = makeTempHome();
    writeFileSync(statePath(home), 'this is not a database, it is a shopping list\n'.repeat(200));
    const lines: string[] = [];
    const db = openState({ home, warn: (l) => lines.push(l) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/state\.db could not be read .*moved it to .*state\.db\.corrupt-\d{4}-/);
    const files = readdirSync(home);
    expect(files.some((f) => /^state\.db\.corrupt-/.test(f))).toBe(true);
    const run = new RunStore(db).start({ lab: 'test' });
    run.metric('x', 1, { stage: 's', formula: '1' });
    expect(new RunStore(db).get(run.id).status).toBe('running');
  });

  it('moves aside a database that fails quick_check', () => {
    const home = makeTempHome();
    const db = openState({ home });
    const store = new RunStore(db);
    for (let i = 0; i < 50; i++) store.start({ lab: 'fill', params: { pad: 'x'.repeat(2000) } }).finish();
    db.pragma('wal_checkpoint(TRUNCATE)');
    closeState();
    // Overwrite a page in the middle of the file with garbage: the header stays valid.
    const path = statePath(home);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 4096 * 3);
    closeSync(fd);
    const lines: string[] = [];
    const fresh = openState({ home, warn: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/moved it to/);
    expect(new RunStore(fresh).list()).toEqual([]);
  });
});

describe('run store', () => {
  it('records runs, metrics with formula and inputs, artifacts, and diffs two runs', () => {
    const home = makeTempHome();
    const store = new RunStore(openState({ home }));
    const a = store.start({ lab: 'churn', dataset: { name: 'telco', sha256: 'abc' }, params: { folds: 5 }, seed: 42 });
    a.metric('test.recall', 0.5, { stage: 'test', formula: 'tp / (tp + fn)', inputs: { tp: 1, fn: 1 } });
    a.metric('test.auc', 0.8, { stage: 'test', formula: 'rank statistic' });
    a.artifact('model', { trees: [1, 2] });
    a.finish();
    const b = store.start({ lab: 'churn', params: { folds: 10 }, seed: 7 });
    b.metric('test.recall', 0.75, { stage: 'test', formula: 'tp / (tp + fn)', inputs: { tp: 3, fn: 1 } });
    b.finish();
    expect(store.metric(a.id, 'test.recall')).toMatchObject({ value: 0.5, formula: 'tp / (tp + fn)', inputs: { tp: 1, fn: 1 } });
    expect(store.artifact(a.id, 'model')).toEqual({ trees: [1, 2] });
    expect(store.latest('churn')?.id).toBe(b.id);
    expect(store.latest('churn', 'test.auc')?.id).toBe(a.id);
    expect(store.get(a.id).codeVersion).toMatch(/^\d+\.\d+\.\d+/);
    const d = diffRuns(store, a.id, b.id);
    expect(d.params).toEqual([{ key: 'folds', a: 5, b: 10 }]);
    expect(d.metrics).toEqual([
      { key: 'test.auc', a: 0.8, b: null, delta: null },
      { key: 'test.recall', a: 0.5, b: 0.75, delta: 0.25 },
    ]);
    expect(() => a.metric('bad', Number.NaN, { stage: 's', formula: 'f' })).toThrow(/not a finite number/);
  });
});

describe('state.db faults that are not corruption (issue 19)', () => {
  it('a lock held by another connection is reported and the healthy file is left in place', () => {
    const home = makeTempHome();
    const store = new RunStore(openState({ home }));
    const run = store.start({ lab: 'kept' });
    run.finish();
    closeState();
    // rollback-journal mode and an exclusive lock: opening must wait for it, then give up
    const holder = new Database(statePath(home));
    holder.pragma('journal_mode = DELETE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const lines: string[] = [];
      expect(() => openState({ home, warn: (l) => lines.push(l) })).toThrow(/is locked by another process \(waited 5 s\); nothing was changed/);
      expect(lines).toEqual([]);
      expect(readdirSync(home).filter((f) => f.includes('corrupt'))).toEqual([]);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(new RunStore(openState({ home })).get(run.id).lab).toBe('kept');
  }, 20_000);

  it('a full disk or an I/O error is explained, never taken for corruption', () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const io = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_SHORT_READ' });
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    for (const e of [full, io, busy]) expect(isDamaged(e)).toBe(false);
    expect(isDamaged(Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' }))).toBe(true);
    expect(isDamaged(Object.assign(new Error('malformed'), { code: 'SQLITE_CORRUPT' }))).toBe(true);
    expect(explainStateError(full, '/h/state.db').message).toBe('the disk holding /h/state.db is full; nothing was changed and your progress is intact');
    expect(explainStateError(io, '/h/state.db').message).toMatch(/^disk I\/O error on \/h\/state.db \(SQLITE_IOERR_SHORT_READ\); the file was left as it is/);
  });

  it('a SQLite file that is not prep\'s is moved aside with the reason, instead of "table runs already exists"', () => {
    const home = makeTempHome();
    const other = new Database(statePath(home));
    other.exec(`CREATE TABLE runs (x INTEGER); CREATE TABLE photos (id INTEGER)`);
    other.close();
    const lines: string[] = [];
    const db = openState({ home, warn: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/it is not a prep database: schema version 0 with tables photos, runs\); moved it to .*state\.db\.corrupt-/);
    expect(db.pragma('user_version', { simple: true })).toBe(stateMigrations.length);
    const aside = readdirSync(home).find((f) => /^state\.db\.corrupt-/.test(f) && !/-(wal|shm)$/.test(f))!;
    const kept = new Database(join(home, aside), { readonly: true });
    expect(kept.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all()).toEqual([{ name: 'photos' }, { name: 'runs' }]);
    kept.close();
  });

  // imports dist/, which Stryker's sandbox has not got (PREP_MUTATION_RUN: vitest.mutation.config.ts)
  it.skipIf(process.env.PREP_MUTATION_RUN)('eight processes opening an empty data home at once all migrate it without error', async () => {
    for (let round = 0; round < 3; round++) {
      const home = makeTempHome();
      const script = `const { openState } = await import(${JSON.stringify(join(repoRoot, 'dist/data/state.js'))}); const db = openState({ home: ${JSON.stringify(home)} }); process.stdout.write(String(db.pragma('user_version', { simple: true })));`;
      const results = await Promise.all(
        Array.from({ length: 8 }, () => new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
          let out = '';
          let err = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (err += d));
          child.on('close', (code) => resolve({ code, out, err }));
        })),
      );
      for (const r of results) expect(r).toEqual({ code: 0, out: String(stateMigrations.length), err: '' });
    }
  }, 60_000);

  it('a row with bad JSON costs only that field: runs show and list keep working', () => {
    const home = makeTempHome();
    const db = openState({ home });
    const store = new RunStore(db);
    const run = store.start({ lab: 'churn', params: { folds: 5 } });
    run.metric('test.recall', 0.5, { stage: 'test', formula: 'tp / (tp + fn)', inputs: { tp: 1, fn: 1 } });
    run.artifact('model', { a: 1 });
    run.finish();
    db.prepare(`UPDATE metrics SET inputs = '{broken' WHERE run_id = ?`).run(run.id);
    db.prepare(`UPDATE runs SET params = 'nope' WHERE id = ?`).run(run.id);
    db.prepare(`UPDATE artifacts SET json = '[1,' WHERE run_id = ?`).run(run.id);
    expect(store.metric(run.id, 'test.recall')).toMatchObject({ value: 0.5, inputs: {} });
    expect(store.list()[0]).toMatchObject({ id: run.id, params: {} });
    expect(() => store.artifact(run.id, 'model')).toThrow(/the artifact "model" of run .* is damaged \(not valid JSON\)/);
  });
});

describe('runs left "running"', () => {
  it('are marked failed at once when their process is gone, and a live one is left alone', () => {
    const home = makeTempHome();
    const db = openState({ home });
    const store = new RunStore(db);
    const live = store.start({ lab: 'live' }); // this process: alive
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const gone = store.start({ lab: 'gone' });
    db.prepare(`UPDATE runs SET pid = ? WHERE id = ?`).run(Number(dead.stdout), gone.id);
    expect(store.markAbandoned()).toBe(1);
    expect(store.get(gone.id)).toMatchObject({ status: 'failed', error: 'abandoned: the process ended before the run finished' });
    expect(store.get(live.id).status).toBe('running');
  });

  // imports dist/, which Stryker's sandbox has not got (PREP_MUTATION_RUN: vitest.mutation.config.ts)
  it.skipIf(process.env.PREP_MUTATION_RUN)('a lab interrupted by SIGINT or SIGTERM is marked failed "interrupted" by the process itself', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const home = makeTempHome();
      const script = `const { RunStore } = await import(${JSON.stringify(join(repoRoot, 'dist/data/runs.js'))}); const { openState } = await import(${JSON.stringify(join(repoRoot, 'dist/data/state.js'))}); const run = new RunStore(openState({ home: ${JSON.stringify(home)} })).start({ lab: 'slow' }); process.stdout.write(run.id + '\\n'); setInterval(() => {}, 1000);`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
      const id = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      child.kill(signal);
      expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143);
      closeState();
      expect(new RunStore(openState({ home })).get(id)).toMatchObject({ status: 'failed', error: 'interrupted: the process was stopped before the run finished' });
      closeState();
    }
  });
});
