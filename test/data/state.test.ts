import { describe, expect, it, afterEach } from 'vitest';
import { closeSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { closeState, openState, statePath } from '../../src/data/state.js';
import { stateMigrations } from '../../src/data/migrations.js';
import { RunStore, diffRuns } from '../../src/data/runs.js';
import { makeTempHome } from '../helpers/home.js';

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
