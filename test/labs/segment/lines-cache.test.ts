/**
 * Issue 20: the purchase lines kept beside a built dataset (derived-cache.ts) read back as exactly
 * the lines SQLite gives, and are used only for the same database file and the same loader: a
 * changed sha256 or a damaged cache file means a fresh read from SQLite. A cache that cannot be
 * written is skipped, and a dead process's half-written cache is cleared.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { derivedCachePath, readDerivedCache, writeDerivedCache } from '../../../src/data/datasets/derived-cache.js';
import { datasetPath, openDatasetReadOnly } from '../../../src/data/datasets/store.js';
import { loadPurchaseLines, loadPurchaseLinesCached } from '../../../src/labs/segment/lines.js';
import { RunStore } from '../../../src/data/runs.js';
import { closeState, openState } from '../../../src/data/state.js';
import { runSegmentLab } from '../../../src/labs/segment/run.js';
import { homeWithDatasets, makeTempHome, repoRoot, runPrep } from '../../helpers/home.js';

let dir: string;
let path: string;

function fileDb(): Database.Database {
  const db = new Database(path);
  db.exec(`CREATE TABLE transactions (invoice TEXT, customer_id, invoice_date TEXT, item, quantity REAL, unit_price REAL, amount REAL, description TEXT, country TEXT)`);
  const insert = db.prepare('INSERT INTO transactions VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)');
  insert.run('1', 17850n, '2011-01-04 10:00', 'A', 6, 2.55, 15.3, 'United Kingdom');
  insert.run('1', 17850n, '2011-01-04 10:00', 'B', null, 1.5, 1.5, 'United Kingdom'); // NULL quantity: NaN in the typed lines
  insert.run('2', 'x-9', '2011-02-10 09:30', 'A', 2, 2.55, 5.1, null);
  insert.run('C3', 17850n, '2011-02-11 12:00', 'A', -1, 2.55, -2.55, 'United Kingdom'); // a cancellation
  insert.run('4', 12347n, '2011-03-01 08:00', null, 1, 0, 0, 'Iceland'); // NULL item, £0 line
  return db;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'prep-lines-cache-'));
  path = join(dir, 'shop.sqlite');
});

describe('loadPurchaseLinesCached', () => {
  it('the first call reads SQLite and writes the cache; the second reads the cache (the database is closed) and gives the same lines, NaN included', () => {
    const db = fileDb();
    const fromSql = loadPurchaseLines(db)!;
    expect(fromSql.n).toBe(4);
    expect(Number.isNaN(fromSql.quantity[1]!)).toBe(true);
    const first = loadPurchaseLinesCached({ db, path, fileSha256: 'sha-1' });
    expect(first).toEqual(fromSql);
    expect(existsSync(derivedCachePath(path, 'purchase-lines'))).toBe(true);
    db.close(); // reading SQLite now throws: what comes back must be the cache
    const second = loadPurchaseLinesCached({ db, path, fileSha256: 'sha-1' })!;
    expect(second).toEqual(fromSql);
    expect(second.quantity).toBeInstanceOf(Float64Array);
    expect(second.customer).toBeInstanceOf(Int32Array);
    expect(Number.isNaN(second.quantity[1]!)).toBe(true);
    expect(second.cancellations).toEqual(fromSql.cancellations);
  });

  it('another sha256 of the database file is a miss: the lines are read from SQLite again', () => {
    const db = fileDb();
    loadPurchaseLinesCached({ db, path, fileSha256: 'sha-1' });
    db.close();
    expect(() => loadPurchaseLinesCached({ db, path, fileSha256: 'sha-2' })).toThrow(/database connection is not open/);
  });

  it('a damaged cache file (cut short, or another format) is ignored and replaced', () => {
    const db = fileDb();
    const want = loadPurchaseLinesCached({ db, path, fileSha256: 'sha-1' });
    const cache = derivedCachePath(path, 'purchase-lines');
    truncateSync(cache, 60);
    expect(readDerivedCache(path, 'purchase-lines', 'anything')).toBeUndefined();
    expect(loadPurchaseLinesCached({ db, path, fileSha256: 'sha-1' })).toEqual(want); // from SQLite
    writeFileSync(cache, 'not a cache at all');
    expect(loadPurchaseLinesCached({ db, path, fileSha256: 'sha-1' })).toEqual(want);
    db.close();
    expect(loadPurchaseLinesCached({ db, path, fileSha256: 'sha-1' })).toEqual(want); // rewritten, readable again
  });

  it('without a verified sha256 nothing is cached', () => {
    const db = fileDb();
    expect(loadPurchaseLinesCached({ db, path })).toEqual(loadPurchaseLines(db));
    expect(existsSync(derivedCachePath(path, 'purchase-lines'))).toBe(false);
    db.close();
  });

  it('lines the typed passes do not model (a REAL customer id) are not cached', () => {
    const db = fileDb();
    db.prepare('INSERT INTO transactions VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)').run('5', 12.5, '2011-03-02 08:00', 'A', 1, 1, 1, 'UK');
    expect(loadPurchaseLinesCached({ db, path, fileSha256: 'sha-1' })).toBeUndefined();
    expect(existsSync(derivedCachePath(path, 'purchase-lines'))).toBe(false);
    db.close();
  });
});

describe('derived cache files', () => {
  it('a key is one line; a value round-trips with its key only', () => {
    expect(() => writeDerivedCache(path, 'p', 'a\nb', 1)).toThrow('one line');
    expect(writeDerivedCache(path, 'p', 'k1', { a: new Int32Array([1, -2]), b: [-0, NaN, 'é'] })).toBe(true);
    const back = readDerivedCache<{ a: Int32Array; b: unknown[] }>(path, 'p', 'k1')!;
    expect([...back.a]).toEqual([1, -2]);
    expect(Object.is(back.b[0], -0)).toBe(true);
    expect(back.b[1]).toBeNaN();
    expect(back.b[2]).toBe('é');
    expect(readDerivedCache(path, 'p', 'k2')).toBeUndefined();
    expect(readDerivedCache(path, 'p', 'k')).toBeUndefined(); // a prefix of the key is another key
  });

  it('a folder that cannot be written: false, no file and no temporary left', () => {
    const missing = join(dir, 'no-such-folder', 'x.sqlite');
    expect(writeDerivedCache(missing, 'p', 'k', [1])).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a dead process's half-written cache is removed by the next write; the live one's is kept", () => {
    const dead = `${derivedCachePath(path, 'p')}.tmp-999999`;
    const live = `${derivedCachePath(path, 'q')}.tmp-${process.pid}`;
    writeFileSync(dead, 'half');
    writeFileSync(live, 'half');
    expect(writeDerivedCache(path, 'p', 'k', [1])).toBe(true);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });
});

describe('openDatasetReadOnly gives the verified sha256 of the database file', () => {
  let home: string;
  beforeEach(async () => {
    home = await homeWithDatasets(['telco']);
  }, 120_000);

  it('equal to the file hashed here; absent when opened without verification', () => {
    const opened = openDatasetReadOnly('telco', home);
    const want = createHash('sha256').update(readFileSync(opened.path)).digest('hex');
    expect(opened.fileSha256).toBe(want);
    opened.db.close();
    const unverified = openDatasetReadOnly('telco', home, { verify: false });
    expect(unverified.fileSha256).toBeUndefined();
    unverified.db.close();
  });
});

// two lab runs (10-20 s): left out of mutation runs of src/data (PREP_MUTATION_RUN), whose mutants the unit tests above reach
describe.skipIf(process.env.PREP_MUTATION_RUN)('the segmentation lab with and without the cache', () => {
  it('the first run on a fresh home reads SQLite and writes the cache; the second reads it; every figure is the same', async () => {
    const home = await homeWithDatasets(['retail']);
    process.env.PREP_HOME = home;
    closeState();
    const store = new RunStore(openState({ home }));
    const cache = derivedCachePath(join(home, 'datasets', 'retail.sqlite'), 'purchase-lines');
    expect(existsSync(cache)).toBe(false);
    const { runId: firstId, timingsMs: _a, ...first } = await runSegmentLab({ dataset: 'retail', k: 'auto', seed: 42 }, { store });
    expect(existsSync(cache)).toBe(true);
    const { runId: secondId, timingsMs: _b, ...second } = await runSegmentLab({ dataset: 'retail', k: 'auto', seed: 42 }, { store });
    expect(second).toEqual(first);
    const metrics = (id: string) => store.metrics(id).map((m) => [m.key, m.value, m.formula, JSON.stringify(m.inputs)]);
    expect(metrics(secondId)).toEqual(metrics(firstId));
    closeState();
  }, 180_000);
});

describe('a rebuilt dataset', () => {
  it('loses its derived caches when it is built again (they would only miss)', async () => {
    const { buildBundled } = await import('../../../src/data/datasets/build.js');
    const home = mkdtempSync(join(tmpdir(), 'prep-lines-cache-home-'));
    await buildBundled('telco', { home });
    const db = join(home, 'datasets', 'telco.sqlite');
    writeDerivedCache(db, 'purchase-lines', 'k', [1]);
    writeDerivedCache(db, 'other', 'k', [2]);
    writeFileSync(`${db}.digest.json.cache-like-but-not`, 'kept');
    await buildBundled('telco', { home, force: true });
    expect(readdirSync(join(home, 'datasets')).sort()).toEqual(['telco.sqlite', 'telco.sqlite.digest.json', 'telco.sqlite.digest.json.cache-like-but-not']);
  }, 120_000);
});

describe('prep data import of a transactions file', () => {
  // reads the cache with dist/'s loader, which Stryker's sandbox has not got (PREP_MUTATION_RUN: vitest.mutation.config.ts)
  it.skipIf(process.env.PREP_MUTATION_RUN)('leaves the purchase-lines cache the lab\'s first run reads (same lines as SQLite); a table import leaves none', () => {
    const home = makeTempHome();
    const shop = join(repoRoot, 'test/fixtures/segment/shop.csv');
    const imported = runPrep(['data', 'import', shop, '--name', 'shop', '--kind', 'transactions', '--customer', 'client', '--date', 'ordered_at', '--quantity', 'units', '--price', 'price_each', '--invoice', 'order_ref', '--item', 'sku', '--json'], { home });
    expect(imported.status, imported.stderr).toBe(0);
    expect(existsSync(derivedCachePath(datasetPath('shop', home), 'purchase-lines'))).toBe(true);
    // The cache key includes a digest of the loader's own file, so it is read back by the built
    // loader (dist/), as the lab reads it: with the database closed, so SQLite cannot answer.
    const loader = JSON.stringify(join(repoRoot, 'dist/labs/segment/lines.js'));
    const store = JSON.stringify(join(repoRoot, 'dist/data/datasets/store.js'));
    const script = `const { loadPurchaseLines, loadPurchaseLinesCached } = await import(${loader}); const { openDatasetReadOnly } = await import(${store});
      const { isDeepStrictEqual } = await import('node:util');
      const dataset = openDatasetReadOnly('shop', ${JSON.stringify(home)});
      const fromSql = loadPurchaseLines(dataset.db);
      dataset.db.close();
      const cached = loadPurchaseLinesCached(dataset);
      process.stdout.write(String(fromSql.n > 0 && isDeepStrictEqual(cached, fromSql)));`;
    const read = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(read.stderr).toBe('');
    expect(read.stdout).toBe('true');

    const table = runPrep(['data', 'import', join(repoRoot, 'test/fixtures/churn/other-churn.csv'), '--name', 'churny', '--kind', 'table', '--json'], { home });
    expect(table.status, table.stderr).toBe(0);
    expect(readdirSync(join(home, 'datasets')).filter((f) => f.startsWith('churny') && f.endsWith('.cache'))).toEqual([]);
  });
});
