/**
 * A SQLite file at the state.db path that is not prep's is judged from a read-only look, so prep
 * never writes to it: its bytes are the same after it is moved aside, and no -wal or -shm is made
 * beside it. Before the fix openChecked switched the file to WAL mode (a header write) and only
 * then found it was not prep's. A newer prep's file is refused untouched, for the same reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeState, openState, prepApplicationId, statePath } from '../../src/data/state.js';
import { stateMigrations } from '../../src/data/migrations.js';
import { RunStore } from '../../src/data/runs.js';
import { PrepError } from '../../src/errors.js';
import { makeTempHome } from '../helpers/home.js';

afterEach(() => closeState());

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Another program's database at the state path, in the default rollback-journal mode. */
function foreignFile(home: string, setup: string, pragmas: Record<string, number> = {}): { path: string; hash: string } {
  const path = statePath(home);
  const other = new Database(path);
  other.exec(setup);
  for (const [name, value] of Object.entries(pragmas)) other.pragma(`${name} = ${value}`);
  other.close();
  expect(readdirSync(home)).toEqual(['state.db']);
  return { path, hash: sha256(path) };
}

/** Opens the home's state.db as a prep command would, and returns the one line it printed and what lies in the home. */
function openAndList(home: string): { lines: string[]; files: string[]; aside?: string } {
  const lines: string[] = [];
  const db = openState({ home, warn: (l) => lines.push(l) });
  expect(db.pragma('user_version', { simple: true })).toBe(stateMigrations.length);
  closeState();
  const files = readdirSync(home).sort();
  return { lines, files, aside: files.find((f) => /^state\.db\.corrupt-[\dT-]+Z$/.test(f)) };
}

describe('a foreign SQLite file at the state path', () => {
  const cases: [string, string, Record<string, number>, RegExp][] = [
    ['schema version 0 with its own tables', `CREATE TABLE photos (id INTEGER, path TEXT); INSERT INTO photos VALUES (1, '/a.jpg'), (2, '/b.jpg')`, {}, /it is not a prep database: schema version 0 with tables photos\)/],
    ['another application id (and a version prep would have migrated from)', `CREATE TABLE runs (x); CREATE TABLE notes (t TEXT)`, { application_id: 0x4d504258, user_version: 3 }, /it is not a prep database: its application id is 1297105496 \(0x4d504258\), another program's\)/],
    ['a version without prep\'s runs table', `CREATE TABLE photos (id INTEGER)`, { user_version: 2 }, /it is not a prep database: schema version 2 without prep's runs table \(tables photos\)\)/],
  ];
  for (const [what, setup, pragmas, reason] of cases) {
    it(`${what}: moved aside byte for byte, with no -wal or -shm made beside it`, () => {
      const home = makeTempHome();
      const { hash } = foreignFile(home, setup, pragmas);
      const { lines, files, aside } = openAndList(home);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(reason);
      expect(aside).toBeDefined();
      expect(sha256(join(home, aside!))).toBe(hash);
      // the fresh state.db may have its own -wal and -shm; the moved file has none
      expect(files.filter((f) => f.startsWith(aside!))).toEqual([aside]);
      expect(files).toEqual([aside, 'state.db', ...files.filter((f) => /^state\.db-(wal|shm)$/.test(f))].sort());
      // still in rollback-journal mode: the file header's read and write versions are 1, not WAL's 2
      const header = readFileSync(join(home, aside!)).subarray(18, 20);
      expect([...header]).toEqual([1, 1]);
    });
  }

  it("a newer prep's file is refused and left in place, unchanged (the version is read before anything is written)", () => {
    const home = makeTempHome();
    const { path, hash } = foreignFile(home, `CREATE TABLE runs (id TEXT); CREATE TABLE future (x)`, { user_version: stateMigrations.length + 4 });
    let error: unknown;
    try {
      openState({ home, warn: () => {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PrepError);
    expect((error as Error).message).toBe(`state.db is at schema version ${stateMigrations.length + 4}, newer than this prep (${stateMigrations.length}); upgrade prep.`);
    expect(readdirSync(home)).toEqual(['state.db']);
    expect(sha256(path)).toBe(hash);
  });

  it('a damaged file is moved aside byte for byte too', () => {
    const home = makeTempHome();
    const { hash } = foreignFile(home, `CREATE TABLE photos (id INTEGER); INSERT INTO photos VALUES (1)`);
    // keep SQLite's magic header, damage the rest: "file is not a database" or "malformed"
    const bytes = readFileSync(statePath(home));
    bytes.fill(0xa5, 100, bytes.length);
    writeFileSync(statePath(home), bytes);
    const damagedHash = sha256(statePath(home));
    expect(damagedHash).not.toBe(hash);
    const { lines, aside } = openAndList(home);
    expect(lines[0]).toMatch(/^prep: state\.db could not be read \(.*\); moved it to /);
    expect(sha256(join(home, aside!))).toBe(damagedHash);
  });
});

describe("prep's own state.db", () => {
  it('a fresh file gets prep\'s application id, is found prep\'s again, and keeps its runs', () => {
    const home = makeTempHome();
    const store = new RunStore(openState({ home }));
    const run = store.start({ lab: 'kept' });
    run.finish();
    closeState();
    const file = new Database(statePath(home), { readonly: true });
    expect(file.pragma('application_id', { simple: true })).toBe(prepApplicationId);
    file.close();
    const lines: string[] = [];
    expect(new RunStore(openState({ home, warn: (l) => lines.push(l) })).get(run.id).lab).toBe('kept');
    expect(lines).toEqual([]);
    expect(readdirSync(home).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('a file from before prep set its id (application id 0, version 5, runs present) is still prep\'s', () => {
    const home = makeTempHome();
    const db = openState({ home });
    db.pragma('application_id = 0');
    closeState();
    const lines: string[] = [];
    openState({ home, warn: (l) => lines.push(l) });
    expect(lines).toEqual([]);
    expect(readdirSync(home).filter((f) => f.includes('corrupt'))).toEqual([]);
  });
});
