/**
 * Dataset files in process (src/data/datasets/store.ts, catalog.ts, build.ts): names confined to
 * the datasets folder, the digest recorded at build time and checked before use, metadata, the
 * tables a dataset describes, the bundled catalogue's provenance, loading a CSV into a table
 * (types given or inferred, batches, conversions, progress), atomic builds that leave nothing
 * half-written, stale temp files, and first-use builds.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { bundledDatasets, findBundled } from '../../src/data/datasets/catalog.js';
import {
  datasetNamePattern,
  datasetPath,
  datasetsDir,
  describeTables,
  digestPath,
  ensureDatasetsDir,
  knownDatasetNames,
  openDatasetReadOnly,
  readMeta,
  recordDatasetDigest,
  unknownDataset,
  verifyDatasetDigest,
  writeMeta,
  type DatasetMeta,
} from '../../src/data/datasets/store.js';
import { buildBundled, buildDatabaseAtomically, bundledSourcePath, ensureBuilt, isBuilt, loadCsvTable, quoteIdent, removeStaleTemporaryFiles, sha256File } from '../../src/data/datasets/build.js';
import { importCsv } from '../../src/data/datasets/import.js';
import { PrepError, UsageError } from '../../src/errors.js';
import { homeWithDatasets, makeTempHome, repoRoot } from '../helpers/home.js';
import { caught } from '../helpers/caught.js';

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

const meta = (over: Partial<DatasetMeta> = {}): DatasetMeta => ({
  name: 'mine',
  kind: 'table',
  title: 't',
  mainTable: 'data',
  source: 's',
  licence: 'l',
  label: 'lab',
  sha256: 'x',
  rows: 1,
  builtAt: '2026-01-01T00:00:00.000Z',
  columns: [],
  notes: [],
  ...over,
});

describe('the bundled catalogue', () => {
  it('telco: IBM\'s fictional sample, a table of 7,043 rows in USD', () => {
    expect(findBundled('telco')).toEqual({
      name: 'telco',
      kind: 'table',
      title: 'IBM Telco customer churn (fictional sample data)',
      file: 'telco_churn_ibm.csv',
      sha256: '16320c9c1ec72448db59aa0a26a0b95401046bef5d02fd3aeb906448e3055e91',
      rows: 7043,
      mainTable: 'telco',
      source: 'IBM sample data module (IBM/telco-customer-churn-on-icp4d, data/Telco-Customer-Churn.csv)',
      licence: 'Apache-2.0 (stated for the IBM repository as a whole)',
      label: "IBM's fictional Telco sample data: not real customers",
      currency: 'USD',
    });
  });

  it('retail: UCI Online Retail, transactions of 541,909 lines in GBP, with its CC BY attribution', () => {
    expect(findBundled('retail')).toEqual({
      name: 'retail',
      kind: 'transactions',
      title: 'UCI Online Retail (a real UK online retailer, 2010-12 to 2011-12)',
      file: 'online_retail.csv.gz',
      sha256: '000b9144bb6e31ebd74f1be4912a94f06f11621f9dbb63fe11c0a4d8c2faa0b3',
      rows: 541909,
      mainTable: 'online_retail',
      source: 'UCI Machine Learning Repository, dataset 352 "Online Retail" (Chen, Sain & Guo 2012), DOI 10.24432/C5BW33',
      licence: 'CC BY 4.0: attribution to Dr Daqing Chen, London South Bank University, via the UCI ML Repository',
      label: 'UCI Online Retail, real transactions (CC BY 4.0, Chen, Sain & Guo 2012)',
      currency: 'GBP',
    });
    expect(bundledDatasets.map((d) => d.name)).toEqual(['telco', 'retail']);
    expect(findBundled('Telco')).toBeUndefined();
    expect(findBundled('mine')).toBeUndefined();
    expect(bundledSourcePath(findBundled('retail')!)).toBe(join(repoRoot, 'datasets', 'online_retail.csv.gz'));
  });
});

describe('dataset names and paths', () => {
  it('a name is a lower-case word of 1-40 characters starting with a letter', () => {
    for (const ok of ['a', 'telco', 'my-data_2', 'a'.repeat(40), 'z9']) expect(datasetNamePattern.test(ok), ok).toBe(true);
    for (const bad of ['', '9a', '-a', '_a', 'A', 'aB', 'a'.repeat(41), 'a b', 'a.b', 'a/b', '../a', 'a\n']) expect(datasetNamePattern.test(bad), JSON.stringify(bad)).toBe(false);
  });

  it('datasetPath is <home>/datasets/<name>.sqlite, and refuses a path-like name with how to name one', async () => {
    const home = makeTempHome();
    expect(datasetsDir(home)).toBe(join(home, 'datasets'));
    expect(datasetPath('mine', home)).toBe(join(home, 'datasets', 'mine.sqlite'));
    for (const bad of ['../../etc/passwd', '/tmp/x', 'Mine']) {
      const e = await caught(() => datasetPath(bad, home));
      expect(e).toBeInstanceOf(UsageError);
      expect(e.message).toBe(`"${bad}" is not a dataset name`);
      expect(e.hint).toBe('A dataset name is lower-case letters, digits, - and _ (starting with a letter); see `prep data list`.');
    }
    expect(existsSync(ensureDatasetsDir(home))).toBe(true);
    expect(ensureDatasetsDir(home)).toBe(join(home, 'datasets'));
  });

  it('knownDatasetNames: bundled first, then imported .sqlite files in order, each once', () => {
    const home = makeTempHome();
    expect(knownDatasetNames(home)).toEqual(['telco', 'retail']);
    const dir = ensureDatasetsDir(home);
    for (const f of ['zeta.sqlite', 'alpha.sqlite', 'telco.sqlite', 'alpha.sqlite.digest.json', 'notes.txt', 'beta.sqlite.tmp-123']) writeFileSync(join(dir, f), '');
    expect(knownDatasetNames(home)).toEqual(['telco', 'retail', 'alpha', 'zeta']);
  });

  it('unknownDataset names the known ones and how to import', () => {
    const home = makeTempHome();
    writeFileSync(join(ensureDatasetsDir(home), 'mine.sqlite'), '');
    const e = unknownDataset('nope', home);
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe('no dataset named "nope"');
    expect(e.hint).toBe('Known: telco, retail, mine. Import your own with `prep data import FILE --name NAME --kind table|transactions`.');
  });
});

describe('the digest of a built dataset', () => {
  const builtFile = () => {
    const home = makeTempHome();
    const path = join(ensureDatasetsDir(home), 'mine.sqlite');
    const db = new Database(path);
    db.exec(`CREATE TABLE data (x); INSERT INTO data VALUES (1), (2)`);
    writeMeta(db, meta());
    db.close();
    return { home, path };
  };
  const recorded = (path: string) => JSON.parse(readFileSync(digestPath(path), 'utf8')) as { size: number; mtimeMs: number; sha256: string };

  it('records size, mtime and the sha256 of the bytes, beside the file', () => {
    const { path } = builtFile();
    expect(digestPath(path)).toBe(`${path}.digest.json`);
    recordDatasetDigest(path);
    const { size, mtimeMs } = statSync(path);
    expect(recorded(path)).toEqual({ size, mtimeMs, sha256: sha(readFileSync(path)) });
    expect(readFileSync(digestPath(path), 'utf8').endsWith('}\n')).toBe(true);
  });

  it('a missing, unreadable or incomplete digest is recorded anew; unchanged size and mtime are trusted without hashing', () => {
    const { path } = builtFile();
    verifyDatasetDigest('mine', path);
    expect(recorded(path).sha256).toBe(sha(readFileSync(path)));
    writeFileSync(digestPath(path), '{not json');
    verifyDatasetDigest('mine', path);
    expect(recorded(path).sha256).toBe(sha(readFileSync(path)));
    writeFileSync(digestPath(path), JSON.stringify({ size: 1, mtimeMs: 1, sha256: 5 }));
    verifyDatasetDigest('mine', path);
    expect(recorded(path).sha256).toBe(sha(readFileSync(path)));
    // size and mtime as recorded: the (deliberately wrong) sha256 is not even looked at
    const { size, mtimeMs } = statSync(path);
    writeFileSync(digestPath(path), JSON.stringify({ size, mtimeMs, sha256: 'wrong' }));
    expect(() => verifyDatasetDigest('mine', path)).not.toThrow();
  });

  it('a touched file with the same bytes is accepted and its digest updated; changed bytes are refused with how to rebuild', async () => {
    const { home, path } = builtFile();
    recordDatasetDigest(path);
    const later = new Date(Date.now() + 10_000);
    utimesSync(path, later, later);
    verifyDatasetDigest('mine', path);
    expect(recorded(path).mtimeMs).toBe(statSync(path).mtimeMs);
    const db = new Database(path);
    db.exec(`UPDATE data SET x = 99`);
    db.close();
    const imported = await caught(() => verifyDatasetDigest('mine', path));
    expect(imported).toBeInstanceOf(PrepError);
    expect(imported).not.toBeInstanceOf(UsageError);
    expect(imported.message).toBe(`dataset "mine" was changed after it was built: ${path} no longer matches the sha256 recorded when it was built, so its figures would not be the source's`);
    expect(imported.hint).toBe('Import it again: prep data import FILE --name mine --kind table|transactions --force');
    // a bundled name gets the rebuild command
    const telcoPath = join(home, 'datasets', 'telco.sqlite');
    writeFileSync(telcoPath, 'one');
    recordDatasetDigest(telcoPath);
    writeFileSync(telcoPath, 'two');
    const bundled = await caught(() => verifyDatasetDigest('telco', telcoPath));
    expect(bundled.hint).toBe('Rebuild it from the checked CSV: prep data build telco --force');
  });

  it('openDatasetReadOnly checks the digest unless told not to, and opens query-only', async () => {
    const { home, path } = builtFile();
    const first = openDatasetReadOnly('mine', home);
    expect(first.path).toBe(path);
    expect(first.meta).toEqual(meta());
    expect(first.db.pragma('query_only', { simple: true })).toBe(1);
    expect(() => first.db.exec('DELETE FROM data')).toThrow();
    first.db.close();
    const db = new Database(path);
    db.exec(`UPDATE data SET x = 5`);
    db.close();
    await expect(caught(() => openDatasetReadOnly('mine', home))).resolves.toMatchObject({ message: expect.stringMatching(/^dataset "mine" was changed after it was built/) });
    const unchecked = openDatasetReadOnly('mine', home, { verify: false });
    expect(unchecked.db.prepare('SELECT SUM(x) AS s FROM data').get()).toEqual({ s: 10 });
    unchecked.db.close();
  });

  it('openDatasetReadOnly: a bundled dataset not built yet says how to build it; an unknown one lists the known', async () => {
    const home = makeTempHome();
    const notBuilt = await caught(() => openDatasetReadOnly('retail', home));
    expect(notBuilt).toBeInstanceOf(UsageError);
    expect(notBuilt.message).toBe('dataset "retail" is not built yet');
    expect(notBuilt.hint).toBe('Run `prep data build retail`.');
    const unknown = await caught(() => openDatasetReadOnly('nope', home));
    expect(unknown.message).toBe('no dataset named "nope"');
  });
});

describe('metadata and tables', () => {
  it('readMeta reads what writeMeta wrote; a database without it says how to rebuild', async () => {
    const db = new Database(':memory:');
    writeMeta(db, meta({ rows: 3 }));
    writeMeta(db, meta({ rows: 4 })); // replaced, not added
    expect(readMeta(db)).toEqual(meta({ rows: 4 }));
    db.exec(`DELETE FROM _prep_meta`);
    const e = await caught(() => readMeta(db));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe('this database has no prep metadata; rebuild it with `prep data build --force`');
    db.close();
  });

  it('describeTables: tables then views, without prep\'s and SQLite\'s own; missing counts only for the main table', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE data (a INTEGER, "we""ird" TEXT, c); INSERT INTO data VALUES (1, 'x', NULL), (NULL, 'y', 2);
             CREATE TABLE other (a REAL); INSERT INTO other VALUES (1.5);
             CREATE TABLE _hidden (z); CREATE VIEW v AS SELECT a * 2 AS doubled FROM data;`);
    writeMeta(db, meta({ columns: [{ name: 'a', type: 'INTEGER', missing: 1 }, { name: 'we"ird', type: 'TEXT', missing: 0 }] }));
    expect(describeTables(db, meta({ columns: [{ name: 'a', type: 'INTEGER', missing: 1 }, { name: 'we"ird', type: 'TEXT', missing: 0 }] }))).toEqual([
      { name: 'data', type: 'table', rows: 2, columns: [{ name: 'a', type: 'INTEGER', missing: 1 }, { name: 'we"ird', type: 'TEXT', missing: 0 }, { name: 'c', type: 'ANY', missing: undefined }] },
      { name: 'other', type: 'table', rows: 1, columns: [{ name: 'a', type: 'REAL', missing: undefined }] },
      { name: 'v', type: 'view', rows: 2, columns: [{ name: 'doubled', type: 'ANY', missing: undefined }] },
    ]);
    db.close();
  });
});

describe('loading a CSV into a table', () => {
  const csv = (text: string, name = 'in.csv') => {
    const path = join(makeTempHome(), name);
    writeFileSync(path, text);
    return path;
  };

  it('quoteIdent doubles quotes inside the name', () => {
    expect(quoteIdent('plain')).toBe('"plain"');
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
    expect(quoteIdent('"')).toBe('""""');
  });

  it('a header name with a quote becomes a column of that name', async () => {
    const db = new Database(':memory:');
    const loaded = await loadCsvTable(db, { source: csv('"we""ird",b\n1,2\n'), table: 't"x' });
    expect(loaded.columns.map((c) => c.name)).toEqual(['we"ird', 'b']);
    expect(db.prepare(`SELECT "we""ird" AS w FROM "t""x"`).all()).toEqual([{ w: 1 }]);
    db.close();
  });

  it('every row arrives, across full batches of 64 and the rest one by one, with missing counts', async () => {
    const rows = Array.from({ length: 64 * 3 + 5 }, (_, i) => `${i + 1},${i % 10 === 0 ? '' : i * 0.5},n${i}`);
    const db = new Database(':memory:');
    const loaded = await loadCsvTable(db, { source: csv(`id,x,name\n${rows.join('\n')}\n`), table: 'data' });
    expect(loaded.rows).toBe(197);
    expect(loaded.columns).toEqual([
      { name: 'id', type: 'INTEGER', missing: 0 },
      { name: 'x', type: 'REAL', missing: 20 },
      { name: 'name', type: 'TEXT', missing: 0 },
    ]);
    expect(db.prepare(`SELECT COUNT(*) AS n, SUM(id) AS s, MAX(name) AS m, SUM(x IS NULL) AS blank FROM data`).get()).toEqual({ n: 197, s: (197 * 198) / 2, m: 'n99', blank: 20 });
    expect(db.prepare(`SELECT id, x, name FROM data WHERE id IN (1, 64, 65, 197) ORDER BY id`).raw().all()).toEqual([
      [1, null, 'n0'],
      [64, 31.5, 'n63'],
      [65, 32, 'n64'],
      [197, 98, 'n196'],
    ]);
    db.close();
  });

  it('a wide table fills smaller batches (32,000 values per statement) without losing rows', async () => {
    const width = 700; // 45 rows per batch
    const header = Array.from({ length: width }, (_, i) => `c${i}`).join(',');
    const line = (r: number) => Array.from({ length: width }, (_, i) => String(r * 1000 + i)).join(',');
    const db = new Database(':memory:');
    const loaded = await loadCsvTable(db, { source: csv(`${header}\n${Array.from({ length: 100 }, (_, r) => line(r)).join('\n')}\n`), table: 'w' });
    expect(loaded.rows).toBe(100);
    expect(db.prepare(`SELECT COUNT(*) AS n, SUM(c0) AS s, MAX(c699) AS m FROM w`).get()).toEqual({ n: 100, s: 1000 * 4950, m: 99699 });
    db.close();
  });

  it('given types: one pass, unknown columns TEXT, a non-number is refused with file:line and column', async () => {
    const db = new Database(':memory:');
    const progress: [string, number][] = [];
    const path = csv('n,label,extra\n1,a,x\n2,b,y\n');
    const loaded = await loadCsvTable(db, { source: path, table: 't', types: { n: 'INTEGER', label: 'TEXT' }, onProgress: (p, f) => progress.push([p, f]) });
    expect(loaded.columns).toEqual([
      { name: 'n', type: 'INTEGER', missing: 0 },
      { name: 'label', type: 'TEXT', missing: 0 },
      { name: 'extra', type: 'TEXT', missing: 0 },
    ]);
    expect(progress).toEqual([['loading', 1]]);
    const bad = csv('n,label\n1,a\nthree,b\n');
    const e = await caught(() => loadCsvTable(new Database(':memory:'), { source: bad, table: 't', types: { n: 'REAL' } }));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe(`${bad}:3: column "n": "three" is not a number`);
  });

  it('inferred types: two passes, reported as reading (to 0.5) then loading (to 1)', async () => {
    const progress: [string, number][] = [];
    await loadCsvTable(new Database(':memory:'), { source: csv('a\n1\n'), table: 't', onProgress: (p, f) => progress.push([p, f]) });
    expect(progress).toEqual([
      ['reading', 0.5],
      ['loading', 1],
    ]);
  });

  it('a conversion runs on every non-missing field; its error stops the load with file:line and column', async () => {
    const db = new Database(':memory:');
    const seen: string[] = [];
    await loadCsvTable(db, { source: csv('d,x\n2020,1\n,2\n2021,3\n'), table: 't', convert: { d: (raw) => (seen.push(raw), `y${raw}`) } });
    expect(seen).toEqual(['2020', '2021']);
    expect(db.prepare('SELECT d FROM t ORDER BY x').pluck().all()).toEqual(['y2020', null, 'y2021']);
    const path = csv('d\nok\nbad\n');
    const e = await caught(() => loadCsvTable(new Database(':memory:'), { source: path, table: 't', convert: { d: (raw) => { if (raw === 'bad') throw new Error('not a day'); return raw; } } }));
    expect(e.message).toBe(`${path}:3: column "d": not a day`);
  });

  it('header problems: an empty file, a blank name, a name twice, a required column missing (with the header listed)', async () => {
    const db = new Database(':memory:');
    const empty = csv('');
    expect((await caught(() => loadCsvTable(db, { source: empty, table: 't' }))).message).toBe(`${empty}: the file is empty (no header row)`);
    const blank = csv('a, ,c\n1,2,3\n');
    expect((await caught(() => loadCsvTable(db, { source: blank, table: 't' }))).message).toBe(`${blank}:1: column 2 has no name in the header`);
    const firstBlank = csv(',b\n1,2\n');
    expect((await caught(() => loadCsvTable(db, { source: firstBlank, table: 't' }))).message).toBe(`${firstBlank}:1: column 1 has no name in the header`);
    const twice = csv('a,b,a\n1,2,3\n');
    expect((await caught(() => loadCsvTable(db, { source: twice, table: 't' }))).message).toBe(`${twice}:1: column "a" appears twice in the header`);
    const need = csv('a,b\n1,2\n');
    const missing = await caught(() => loadCsvTable(db, { source: need, table: 't', requiredColumns: ['a', 'when'] }));
    expect(missing.message).toBe(`${need}:1: no column "when" in the header`);
    expect(missing.hint).toBe('The header has: a, b.');
    const headerOnly = csv('a,b\n\n');
    expect((await caught(() => loadCsvTable(db, { source: headerOnly, table: 't' }))).message).toBe(`${headerOnly}: the file has a header but no data rows`);
  });
});

describe('atomic builds', () => {
  it('a build that throws leaves neither the target nor a temp file; one that succeeds leaves the file, its digest and its metadata', async () => {
    const home = makeTempHome();
    const target = join(ensureDatasetsDir(home), 'mine.sqlite');
    await expect(
      buildDatabaseAtomically({
        target,
        fill: async (db) => {
          db.exec(`CREATE TABLE data (x)`);
          throw new UsageError('stop here');
        },
      }),
    ).rejects.toThrow('stop here');
    expect(readdirSync(join(home, 'datasets'))).toEqual([]);
    const built = await buildDatabaseAtomically({
      target,
      fill: async (db) => {
        db.exec(`CREATE TABLE data (x); INSERT INTO data VALUES (7)`);
        const { builtAt: _, ...rest } = meta();
        return rest;
      },
    });
    expect(Date.parse(built.builtAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(readdirSync(join(home, 'datasets')).sort()).toEqual(['mine.sqlite', 'mine.sqlite.digest.json']);
    const db = new Database(target, { readonly: true });
    expect(readMeta(db)).toEqual(built);
    expect(db.prepare('SELECT x FROM data').pluck().all()).toEqual([7]);
    db.close();
    expect(JSON.parse(readFileSync(digestPath(target), 'utf8')).sha256).toBe(sha(readFileSync(target)));
  });

  it('temp files of a process that is gone are removed; this process\'s, a live one\'s and other files are kept', () => {
    const dir = makeTempHome();
    expect(removeStaleTemporaryFiles(join(dir, 'absent'))).toEqual([]);
    const dead = deadPid();
    const names = [`a.sqlite.tmp-${dead}`, `a.sqlite.tmp-${dead}-journal`, `b.sqlite.tmp-${dead}-wal`, `b.sqlite.tmp-${dead}-shm`, `c.sqlite.tmp-${process.pid}`, `d.sqlite.tmp-${process.ppid}`, `e.sqlite.tmp-${dead}-other`, 'f.sqlite', `g.csv.tmp-${dead}`, `h.sqlite.tmp-x${dead}`];
    for (const n of names) writeFileSync(join(dir, n), '');
    expect(removeStaleTemporaryFiles(dir).sort()).toEqual([`a.sqlite.tmp-${dead}`, `a.sqlite.tmp-${dead}-journal`, `b.sqlite.tmp-${dead}-shm`, `b.sqlite.tmp-${dead}-wal`]);
    expect(readdirSync(dir).sort()).toEqual([`c.sqlite.tmp-${process.pid}`, `d.sqlite.tmp-${process.ppid}`, `e.sqlite.tmp-${dead}-other`, 'f.sqlite', `g.csv.tmp-${dead}`, `h.sqlite.tmp-x${dead}`].sort());
  });

  it('sha256File hashes the bytes of a file', async () => {
    const path = join(makeTempHome(), 'f.bin');
    writeFileSync(path, Buffer.from('hello, world\n'));
    expect(await sha256File(path)).toBe(sha('hello, world\n'));
  });
});

describe('bundled builds on first use', () => {
  let shared: string;
  beforeAll(async () => {
    shared = await homeWithDatasets(['telco']);
  });

  it('an unknown name is not built; an imported one is used as it is; a built bundled one is not rebuilt', async () => {
    const home = makeTempHome();
    const notBundled = await caught(() => buildBundled('mine', { home }));
    expect(notBundled).toBeInstanceOf(UsageError);
    expect(notBundled.message).toBe('"mine" is not a bundled dataset; imported datasets are rebuilt by importing again');
    const unknown = await caught(() => ensureBuilt('mine', { home }));
    expect(unknown.message).toBe('no dataset named "mine"');
    expect(existsSync(join(home, 'datasets'))).toBe(false);
    const file = join(home, 'mine.csv');
    writeFileSync(file, 'a\n1\n');
    await importCsv({ file, name: 'mine', kind: 'table', home });
    await expect(ensureBuilt('mine', { home })).resolves.toBeUndefined();
    expect(isBuilt('mine', home)).toBe(true);
    expect(isBuilt('telco', home)).toBe(false);
    // the shared home has telco built (a link): it is read, not built again
    const progress: string[] = [];
    await ensureBuilt('telco', { home: shared, onProgress: (p) => progress.push(p) });
    const again = await buildBundled('telco', { home: shared, onProgress: (p) => progress.push(p) });
    expect(again.built).toBe(false);
    expect(again.meta).toMatchObject({ name: 'telco', kind: 'table', rows: 7043, sha256: findBundled('telco')!.sha256, label: findBundled('telco')!.label });
    expect(progress).toEqual([]);
  });

  it('telco built from scratch: checked sha256, typed columns, blank TotalCharges noted, unique customer index', async () => {
    const home = makeTempHome();
    const progress: string[] = [];
    const { meta: m, built } = await buildBundled('telco', { home, onProgress: (p) => progress.push(p) });
    expect(built).toBe(true);
    expect(progress[0]).toBe('checking sha256');
    expect(progress).toContain('loading');
    expect(m).toMatchObject({ name: 'telco', kind: 'table', mainTable: 'telco', rows: 7043, notes: ['TotalCharges: 11 blank value(s) stored as NULL (missing)'] });
    expect(m.columns.find((c) => c.name === 'TotalCharges')).toEqual({ name: 'TotalCharges', type: 'REAL', missing: 11 });
    const db = new Database(datasetPath('telco', home), { readonly: true });
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'`).pluck().all()).toEqual(['telco_customer']);
    // ANALYZE ran: the planner has statistics for the index
    expect(db.prepare(`SELECT idx FROM sqlite_stat1`).pluck().all()).toContain('telco_customer');
    db.close();
    expect(existsSync(digestPath(datasetPath('telco', home)))).toBe(true);
  }, 60_000);
});
