/**
 * The run store in process (src/data/runs.ts): what a run records (dataset sha256, params, seed,
 * status, duration, error), metrics and artifacts, lookups by id and prefix, the newest run of a
 * lab, runs left "running", damaged JSON rows and the interrupt handler. Each test has its own
 * temp home; nothing here spawns bin/prep.js.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeState, openState } from '../../src/data/state.js';
import { codeVersion, diffRuns, RunStore } from '../../src/data/runs.js';
import { PrepError, UsageError } from '../../src/errors.js';
import { makeTempHome, repoRoot } from '../helpers/home.js';

afterEach(() => {
  closeState();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const freshStore = () => {
  const db = openState({ home: makeTempHome() });
  return { db, store: new RunStore(db) };
};

/** A pid that no process has any more: a child that has already exited. */
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('starting and ending a run', () => {
  it('records lab, dataset name and sha256, params, seed, code version and start time; a run starts "running"', () => {
    const { store } = freshStore();
    const before = Date.now();
    const run = store.start({ lab: 'churn', dataset: { name: 'telco', sha256: 'f'.repeat(64) }, params: { folds: 5, model: 'gbm' }, seed: 42 });
    const rec = store.get(run.id);
    expect(rec).toMatchObject({ id: run.id, lab: 'churn', datasetName: 'telco', datasetSha256: 'f'.repeat(64), params: { folds: 5, model: 'gbm' }, seed: 42, status: 'running', durationMs: null, error: null, codeVersion: codeVersion() });
    expect(Date.parse(rec.startedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(rec.startedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(run.id).toMatch(/^churn-\d{8}-\d{6}-[0-9a-f]{4}$/);
  });

  it('without a dataset, params or seed: nulls and {} (a seed of 0 is kept as 0)', () => {
    const { store } = freshStore();
    const bare = store.start({ lab: 'abtest' });
    expect(store.get(bare.id)).toMatchObject({ datasetName: null, datasetSha256: null, params: {}, seed: null });
    const zero = store.start({ lab: 'abtest', seed: 0 });
    expect(store.get(zero.id).seed).toBe(0);
  });

  it('the run id carries the lab and the UTC second it started', () => {
    vi.useFakeTimers({ now: new Date('2026-03-04T05:06:07.890Z'), toFake: ['Date'] });
    const { store } = freshStore();
    expect(store.start({ lab: 'segment' }).id).toMatch(/^segment-20260304-050607-[0-9a-f]{4}$/);
  });

  it('finish marks it ok with a duration; fail keeps the error message (an Error, or anything else as text)', () => {
    const { store } = freshStore();
    const ok = store.start({ lab: 'churn' }).finish();
    expect(ok).toMatchObject({ status: 'ok', error: null });
    expect(typeof ok.durationMs).toBe('number');
    expect(ok.durationMs).toBeGreaterThanOrEqual(0);
    const failed = store.start({ lab: 'churn' }).fail(new Error('the model did not converge'));
    expect(failed).toMatchObject({ status: 'failed', error: 'the model did not converge' });
    expect(failed.durationMs).toBeGreaterThanOrEqual(0);
    expect(store.start({ lab: 'churn' }).fail('out of memory')).toMatchObject({ status: 'failed', error: 'out of memory' });
    expect(store.start({ lab: 'churn' }).fail(42).error).toBe('42');
  });

  it('a failing insert that is not a taken id is thrown at once (NOT NULL on lab)', () => {
    const { store } = freshStore();
    expect(() => store.start({ lab: null as unknown as string })).toThrow(/NOT NULL constraint failed: runs\.lab/);
    expect(store.list()).toEqual([]);
  });
});

describe('metrics and artifacts', () => {
  it('a metric keeps value, stage, formula, inputs and unit; defaults are {} and null; recording a key again replaces it', () => {
    const { store } = freshStore();
    const run = store.start({ lab: 'churn' });
    expect(run.metric('test.recall', 0.5, { stage: 'test', formula: 'tp / (tp + fn)', inputs: { tp: 1, fn: 1 }, unit: 'ratio' })).toBe(0.5);
    expect(run.metric('test.n', 0, { stage: 'test', formula: 'count' })).toBe(0);
    expect(store.metric(run.id, 'test.recall')).toEqual({ runId: run.id, key: 'test.recall', value: 0.5, stage: 'test', formula: 'tp / (tp + fn)', inputs: { tp: 1, fn: 1 }, unit: 'ratio' });
    expect(store.metric(run.id, 'test.n')).toEqual({ runId: run.id, key: 'test.n', value: 0, stage: 'test', formula: 'count', inputs: {}, unit: null });
    run.metric('test.recall', 0.75, { stage: 'test', formula: 'tp / (tp + fn)', inputs: { tp: 3, fn: 1 } });
    expect(store.metric(run.id, 'test.recall')).toMatchObject({ value: 0.75, inputs: { tp: 3, fn: 1 }, unit: null });
    expect(store.metric(run.id, 'nope')).toBeUndefined();
  });

  it('refuses a value that is not finite, naming the metric and the value', () => {
    const { store } = freshStore();
    const run = store.start({ lab: 'churn' });
    for (const [value, shown] of [[Number.NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity']] as const) {
      let error: unknown;
      try {
        run.metric('cv.auc', value, { stage: 'cv', formula: 'f' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PrepError);
      expect((error as Error).message).toBe(`metric cv.auc is not a finite number (${shown}); refusing to record it`);
    }
    expect(store.metrics(run.id)).toEqual([]);
  });

  it('metrics are listed by stage, then key', () => {
    const { store } = freshStore();
    const run = store.start({ lab: 'churn' });
    for (const [key, stage] of [['b', 'test'], ['a', 'test'], ['z', 'cv'], ['c', 'profile']]) run.metric(key!, 1, { stage: stage!, formula: 'f' });
    expect(store.metrics(run.id).map((m) => `${m.stage}/${m.key}`)).toEqual(['cv/z', 'profile/c', 'test/a', 'test/b']);
  });

  it('JSON artifacts and blobs: names with kind and size, read back, missing ones are undefined', () => {
    const { store } = freshStore();
    const run = store.start({ lab: 'churn' });
    run.artifact('model', { trees: [1, 2] });
    run.blob('weights', Buffer.from([1, 2, 3, 4, 5]));
    run.artifact('curve', [0.1]);
    expect(store.artifactNames(run.id)).toEqual([
      { name: 'curve', kind: 'json', bytes: 5 },
      { name: 'model', kind: 'json', bytes: JSON.stringify({ trees: [1, 2] }).length },
      { name: 'weights', kind: 'blob', bytes: 5 },
    ]);
    expect(store.artifact(run.id, 'model')).toEqual({ trees: [1, 2] });
    expect(store.blob(run.id, 'weights')).toEqual(Buffer.from([1, 2, 3, 4, 5]));
    expect(store.artifact(run.id, 'weights')).toBeUndefined(); // a blob has no JSON
    expect(store.blob(run.id, 'model')).toBeUndefined(); // and JSON no blob
    expect(store.artifact(run.id, 'absent')).toBeUndefined();
    expect(store.blob(run.id, 'absent')).toBeUndefined();
    run.artifact('model', { trees: [3] });
    expect(store.artifact(run.id, 'model')).toEqual({ trees: [3] });
  });

  it('a damaged artifact is a PrepError naming it and the run, with a hint', () => {
    const { db, store } = freshStore();
    const run = store.start({ lab: 'churn' });
    run.artifact('model', { a: 1 });
    db.prepare(`UPDATE artifacts SET json = '{' WHERE run_id = ?`).run(run.id);
    let error: PrepError | undefined;
    try {
      store.artifact(run.id, 'model');
    } catch (e) {
      error = e as PrepError;
    }
    expect(error?.message).toBe(`the artifact "model" of run ${run.id} in state.db is damaged (not valid JSON)`);
    expect(error?.hint).toBe('Rerun the lab to record a fresh run; `prep runs list` shows the others.');
  });

  it('amend adds figures to a finished run (by a unique prefix) and refuses an unknown run', () => {
    const { store } = freshStore();
    const run = store.start({ lab: 'churn' });
    run.finish();
    const amended = store.amend(run.id.slice(0, -2));
    expect(amended.id).toBe(run.id);
    amended.metric('serve.latencyP50Ms', 3.5, { stage: 'serve', formula: 'median', unit: 'ms' });
    amended.artifact('serve.report', { ok: true });
    expect(store.metric(run.id, 'serve.latencyP50Ms')).toMatchObject({ value: 3.5, unit: 'ms' });
    expect(store.artifact(run.id, 'serve.report')).toEqual({ ok: true });
    expect(() => amended.metric('serve.bad', Number.NaN, { stage: 'serve', formula: 'f' })).toThrow(/serve\.bad is not a finite number/);
    expect(() => store.amend('nothing-like-this')).toThrow(UsageError);
  });
});

describe('finding runs', () => {
  it('list is newest first (ties by insertion), filtered by lab and limited', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), toFake: ['Date'] });
    const { store } = freshStore();
    const a = store.start({ lab: 'churn' }).id;
    const b = store.start({ lab: 'segment' }).id; // same second and same started_at: rowid decides
    vi.setSystemTime(new Date('2026-01-02T00:00:00Z'));
    const c = store.start({ lab: 'churn' }).id;
    expect(store.list().map((r) => r.id)).toEqual([c, b, a]);
    expect(store.list({ lab: 'churn' }).map((r) => r.id)).toEqual([c, a]);
    expect(store.list({ limit: 2 }).map((r) => r.id)).toEqual([c, b]);
    expect(store.list({ lab: 'abtest' })).toEqual([]);
  });

  it('get takes an id or a unique prefix; an ambiguous or unknown one is a usage error that says how to list runs', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), toFake: ['Date'] });
    const { store } = freshStore();
    const a = store.start({ lab: 'churn' }).id;
    const b = store.start({ lab: 'churn' }).id;
    expect(store.find(a)?.id).toBe(a);
    expect(store.find('churn')).toBeUndefined();
    expect(store.get(a).id).toBe(a);
    expect(store.get(b.slice(0, -1)).id).toBe(b);
    const caught = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as UsageError;
      }
      throw new Error('no error');
    };
    const ambiguous = caught(() => store.get('churn-2026'));
    expect(ambiguous).toBeInstanceOf(UsageError);
    expect(ambiguous.message).toBe('run id "churn-2026" is ambiguous');
    expect(ambiguous.hint).toBe('Give more of the id; `prep runs list` shows them.');
    const unknown = caught(() => store.get('segment'));
    expect(unknown.message).toBe('no run with id "segment"');
    expect(unknown.hint).toBe('See `prep runs list` for the runs recorded here.');
    // LIKE's wildcards in a prefix are taken literally
    expect(caught(() => store.get('%')).message).toBe('no run with id "%"');
    expect(caught(() => store.get('churn_2026')).message).toBe('no run with id "churn_2026"');
    expect(caught(() => store.get('churn-2026\\')).message).toBe('no run with id "churn-2026\\"');
  });

  it('an exact id wins over the longer ids it is a prefix of', () => {
    const { db, store } = freshStore();
    const insert = db.prepare(`INSERT INTO runs (id, lab, code_version, started_at, status) VALUES (?, 'lab', 'v', ?, 'ok')`);
    insert.run('r1', '2026-01-01T00:00:00.000Z');
    insert.run('r10', '2026-01-02T00:00:00.000Z');
    insert.run('r11', '2026-01-03T00:00:00.000Z');
    expect(store.get('r1').id).toBe('r1');
    expect(store.get('r10').id).toBe('r10');
    expect(() => store.get('r')).toThrow('run id "r" is ambiguous');
  });

  it('latest: the newest successful run of a lab, optionally with a metric and on a dataset', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), toFake: ['Date'] });
    const { store } = freshStore();
    const telco = store.start({ lab: 'churn', dataset: { name: 'telco', sha256: 'a' } });
    telco.metric('test.auc', 0.8, { stage: 'test', formula: 'f' });
    telco.finish();
    vi.setSystemTime(new Date('2026-01-02T00:00:00Z'));
    const mine = store.start({ lab: 'churn', dataset: { name: 'mine', sha256: 'b' } });
    mine.metric('test.recall', 0.6, { stage: 'test', formula: 'f' });
    mine.finish();
    vi.setSystemTime(new Date('2026-01-03T00:00:00Z'));
    store.start({ lab: 'churn', dataset: { name: 'telco', sha256: 'a' } }).fail(new Error('x'));
    store.start({ lab: 'churn', dataset: { name: 'telco', sha256: 'a' } }); // still running
    expect(store.latest('churn')?.id).toBe(mine.id);
    expect(store.latest('churn', 'test.auc')?.id).toBe(telco.id);
    expect(store.latest('churn', undefined, 'telco')?.id).toBe(telco.id);
    expect(store.latest('churn', 'test.recall', 'telco')).toBeUndefined();
    expect(store.latest('churn', 'test.recall', 'mine')?.id).toBe(mine.id);
    expect(store.latest('segment')).toBeUndefined();
    // two in the same second: the one recorded later wins
    const x = store.start({ lab: 'abtest' });
    const y = store.start({ lab: 'abtest' });
    x.metric('p', 1, { stage: 's', formula: 'f' });
    y.metric('p', 2, { stage: 's', formula: 'f' });
    y.finish();
    x.finish();
    expect(store.latest('abtest')?.id).toBe(y.id);
    expect(store.latest('abtest', 'p')?.id).toBe(y.id);
  });

  it('diffRuns: changed params only, metrics by key with null on a missing side', () => {
    const { store } = freshStore();
    const a = store.start({ lab: 'churn', params: { folds: 5, model: 'gbm', old: true } });
    a.metric('m.both', 1, { stage: 's', formula: 'f' });
    a.metric('m.a', 2, { stage: 's', formula: 'f' });
    a.finish();
    const b = store.start({ lab: 'churn', params: { folds: 10, model: 'gbm', extra: [1] } });
    b.metric('m.both', 1.5, { stage: 's', formula: 'f' });
    b.metric('m.b', 3, { stage: 's', formula: 'f' });
    b.finish();
    const d = diffRuns(store, a.id, b.id);
    expect(d.a.id).toBe(a.id);
    expect(d.b.id).toBe(b.id);
    expect(d.params).toEqual([
      { key: 'extra', a: undefined, b: [1] },
      { key: 'folds', a: 5, b: 10 },
      { key: 'old', a: true, b: undefined },
    ]);
    expect(d.metrics).toEqual([
      { key: 'm.a', a: 2, b: null, delta: null },
      { key: 'm.b', a: null, b: 3, delta: null },
      { key: 'm.both', a: 1, b: 1.5, delta: 0.5 },
    ]);
    expect(() => diffRuns(store, a.id, 'zzz')).toThrow(/no run with id "zzz"/);
  });
});

describe('rows damaged in state.db', () => {
  it('bad JSON in params or inputs is shown as {} with one warning line per field, said once', () => {
    const { db, store } = freshStore();
    const run = store.start({ lab: 'churn', params: { folds: 5 } });
    run.metric('test.recall', 0.5, { stage: 'test', formula: 'f', inputs: { tp: 1 } });
    run.finish();
    db.prepare(`UPDATE runs SET params = 'nope' WHERE id = ?`).run(run.id);
    db.prepare(`UPDATE metrics SET inputs = '{broken' WHERE run_id = ?`).run(run.id);
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    expect(store.get(run.id).params).toEqual({});
    expect(store.list()[0]!.params).toEqual({});
    expect(store.metric(run.id, 'test.recall')!.inputs).toEqual({});
    expect(store.metrics(run.id)[0]!.inputs).toEqual({});
    expect(lines).toEqual([
      `prep: the parameters of run ${run.id} in state.db is not valid JSON; shown as {}. Rerun the lab to record it again.\n`,
      `prep: the inputs of metric test.recall of run ${run.id} in state.db is not valid JSON; shown as {}. Rerun the lab to record it again.\n`,
    ]);
    // the rest of the row is intact
    expect(store.get(run.id)).toMatchObject({ lab: 'churn', status: 'ok' });
    expect(store.metric(run.id, 'test.recall')).toMatchObject({ value: 0.5, formula: 'f' });
  });
});

describe('runs left "running"', () => {
  it('markAbandoned: a gone process at once, an old run after the cutoff, never a live recent one', () => {
    const { db, store } = freshStore();
    const live = store.start({ lab: 'live' }).id;
    const gone = store.start({ lab: 'gone' }).id;
    const oldLive = store.start({ lab: 'old' }).id;
    const noPidRecent = store.start({ lab: 'nopid' }).id;
    const noPidOld = store.start({ lab: 'nopid-old' }).id;
    const finished = store.start({ lab: 'done' });
    finished.finish();
    const set = db.prepare(`UPDATE runs SET pid = ?, started_at = ? WHERE id = ?`);
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
    set.run(deadPid(), hoursAgo(0), gone);
    set.run(process.pid, hoursAgo(7), oldLive);
    set.run(null, hoursAgo(1), noPidRecent);
    set.run(null, hoursAgo(6.1), noPidOld);
    set.run(deadPid(), hoursAgo(0), finished.id);
    expect(store.markAbandoned()).toBe(3);
    const status = (id: string) => store.get(id).status;
    expect([live, gone, oldLive, noPidRecent, noPidOld, finished.id].map(status)).toEqual(['running', 'failed', 'failed', 'running', 'failed', 'ok']);
    expect(store.get(gone).error).toBe('abandoned: the process ended before the run finished');
    expect(store.get(finished.id).error).toBeNull();
    // a shorter cutoff: the recent run without a pid is old enough now
    expect(store.markAbandoned(30 * 60 * 1000)).toBe(1);
    expect(status(noPidRecent)).toBe('failed');
    expect(store.markAbandoned()).toBe(0);
  });

  it('the cutoff is strict: a run without a pid started exactly 6 hours ago is not yet abandoned, a millisecond earlier is', () => {
    vi.useFakeTimers({ now: new Date('2026-05-05T12:00:00.000Z'), toFake: ['Date'] });
    const { db, store } = freshStore();
    const exactly = store.start({ lab: 'edge' }).id;
    const earlier = store.start({ lab: 'edge' }).id;
    const set = db.prepare(`UPDATE runs SET pid = NULL, started_at = ? WHERE id = ?`);
    set.run('2026-05-05T06:00:00.000Z', exactly);
    set.run('2026-05-05T05:59:59.999Z', earlier);
    expect(store.markAbandoned()).toBe(1);
    expect(store.get(exactly).status).toBe('running');
    expect(store.get(earlier).status).toBe('failed');
  });

  it('starting a run first marks the abandoned ones', () => {
    const { db, store } = freshStore();
    const gone = store.start({ lab: 'gone' }).id;
    db.prepare(`UPDATE runs SET pid = ? WHERE id = ?`).run(deadPid(), gone);
    store.start({ lab: 'next' });
    expect(store.get(gone)).toMatchObject({ status: 'failed', error: 'abandoned: the process ended before the run finished' });
  });

  it('an interruption before finish marks the run failed "interrupted"; a finished run is not touched by it', () => {
    const { store } = freshStore();
    // cleanup.ts runs every registered undo from its "exit" listener (runAll), as SIGINT/SIGTERM do before exiting
    const runAll = () => {
      const listener = process.listeners('exit').find((l) => l.name === 'runAll');
      expect(listener).toBeDefined();
      (listener as () => void)();
    };
    const done = store.start({ lab: 'done' });
    const running = store.start({ lab: 'slow' });
    done.finish();
    runAll();
    const rec = store.get(running.id);
    expect(rec).toMatchObject({ status: 'failed', error: 'interrupted: the process was stopped before the run finished' });
    expect(rec.durationMs).toBeGreaterThanOrEqual(0);
    expect(store.get(done.id)).toMatchObject({ status: 'ok', error: null });
  });
});

describe('codeVersion', () => {
  it('is the package version, plus the git commit when prep runs from a checkout', () => {
    const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    const commit = existsSync(join(repoRoot, '.git')) ? execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim() : '';
    expect(codeVersion()).toBe(commit ? `${version}+${commit}` : version);
    expect(codeVersion()).toBe(codeVersion());
  });
});
