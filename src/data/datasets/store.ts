/**
 * Where built datasets live (<data home>/datasets/<name>.sqlite), what each one says about
 * itself (the _prep_meta table), and read-only opening for analysis.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataHome } from '../../env.js';
import { PrepError, UsageError } from '../../errors.js';
import { confinedPath } from '../../paths.js';
import { bundledDatasets, findBundled, type DatasetKind } from './catalog.js';
import type { ColumnProfile } from './typing.js';

export interface DatasetMeta {
  name: string;
  kind: DatasetKind;
  title: string;
  mainTable: string;
  source: string;
  licence: string;
  label: string;
  /** sha256 of the source file the database was built from. */
  sha256: string;
  rows: number;
  builtAt: string;
  columns: ColumnProfile[];
  /** What the build or import decided, line by line (for `prep data info`). */
  notes: string[];
  /** For imported transactions: which source column became which canonical field. */
  mapping?: Record<string, string>;
}

export interface OpenDataset {
  meta: DatasetMeta;
  db: Database.Database;
  path: string;
  /** sha256 of the database file itself, checked against its recorded digest (absent when opened with verify: false). */
  fileSha256?: string;
}

export const datasetNamePattern = /^[a-z][a-z0-9_-]{0,39}$/;

export function datasetsDir(home = dataHome()): string {
  return join(home, 'datasets');
}

/**
 * The file of a dataset. A name is a plain word (see datasetNamePattern), never a path: a name
 * such as "../../elsewhere/secret" would otherwise open any SQLite file on the machine.
 */
export function datasetPath(name: string, home = dataHome()): string {
  if (!datasetNamePattern.test(name)) {
    throw new UsageError(
      `"${name}" is not a dataset name`,
      `A dataset name is lower-case letters, digits, - and _ (starting with a letter); see \`prep data list\`.`,
    );
  }
  return confinedPath(datasetsDir(home), `${name}.sqlite`);
}


export function ensureDatasetsDir(home = dataHome()): string {
  const dir = datasetsDir(home);
  mkdirSync(dir, { recursive: true });
  return dir;
}

interface DatasetDigest {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** The digest of a built database sits beside it: <name>.sqlite.digest.json. */
export const digestPath = (path: string) => `${path}.digest.json`;

function sha256FileSync(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Records size, mtime and sha256 of a built database (at the end of every build and import); returns the sha256. */
export function recordDatasetDigest(path: string): string {
  const { size, mtimeMs } = statSync(path);
  const sha256 = sha256FileSync(path);
  writeFileSync(digestPath(path), `${JSON.stringify({ size, mtimeMs, sha256 } satisfies DatasetDigest)}\n`);
  return sha256;
}

/**
 * Refuses a dataset whose file changed after it was built (an UPDATE by hand would otherwise flow
 * into every figure, recorded under the source CSV's checksum). Cheap when nothing changed: size
 * and mtime are compared first, and the file is hashed only when they differ. A dataset built
 * before digests were recorded gets one now. Returns the file's sha256.
 */
export function verifyDatasetDigest(name: string, path: string): string {
  const { size, mtimeMs } = statSync(path);
  let recorded: DatasetDigest | undefined;
  try {
    recorded = JSON.parse(readFileSync(digestPath(path), 'utf8')) as DatasetDigest;
  } catch {
    recorded = undefined;
  }
  if (!recorded || typeof recorded.sha256 !== 'string') return recordDatasetDigest(path);
  if (recorded.size === size && recorded.mtimeMs === mtimeMs) return recorded.sha256;
  if (sha256FileSync(path) === recorded.sha256) return recordDatasetDigest(path); // touched, not changed
  throw new PrepError(
    `dataset "${name}" was changed after it was built: ${path} no longer matches the sha256 recorded when it was built, so its figures would not be the source's`,
    findBundled(name) ? `Rebuild it from the checked CSV: prep data build ${name} --force` : `Import it again: prep data import FILE --name ${name} --kind table|transactions --force`,
  );
}

export interface TableDescription {
  name: string;
  type: 'table' | 'view';
  rows: number;
  columns: { name: string; type: string; missing?: number }[];
}

/** The user-visible tables and views of a dataset with their columns and row counts (for `prep data info`). */
export function describeTables(db: Database.Database, meta: DatasetMeta): TableDescription[] {
  const objects = db
    .prepare(`SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all() as { name: string; type: 'table' | 'view' }[];
  return objects.map((o) => {
    const columns = (db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(o.name) as { name: string; type: string }[]).map((c) => ({
      name: c.name,
      type: c.type || 'ANY',
      missing: meta.columns.find((m) => m.name === c.name && o.name === meta.mainTable)?.missing ?? undefined,
    }));
    const rows = (db.prepare(`SELECT COUNT(*) AS n FROM "${o.name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    return { name: o.name, type: o.type, rows, columns };
  });
}

export function readMeta(db: Database.Database): DatasetMeta {
  const row = db.prepare(`SELECT value FROM _prep_meta WHERE key = 'meta'`).get() as { value: string } | undefined;
  if (!row) throw new UsageError('this database has no prep metadata; rebuild it with `prep data build --force`');
  return JSON.parse(row.value) as DatasetMeta;
}

export function writeMeta(db: Database.Database, meta: DatasetMeta): void {
  db.exec(`CREATE TABLE IF NOT EXISTS _prep_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  db.prepare(`INSERT OR REPLACE INTO _prep_meta (key, value) VALUES ('meta', ?)`).run(JSON.stringify(meta));
}

/** Names of every dataset prep knows: bundled ones first, then imported ones found on disk. */
export function knownDatasetNames(home = dataHome()): string[] {
  const names = bundledDatasets.map((d) => d.name);
  const dir = datasetsDir(home);
  if (existsSync(dir)) {
    for (const file of readdirSync(dir).sort()) {
      const m = /^(.+)\.sqlite$/.exec(file);
      if (m && !names.includes(m[1]!)) names.push(m[1]!);
    }
  }
  return names;
}

export function unknownDataset(name: string, home = dataHome()): UsageError {
  return new UsageError(
    `no dataset named "${name}"`,
    `Known: ${knownDatasetNames(home).join(', ')}. Import your own with \`prep data import FILE --name NAME --kind table|transactions\`.`,
  );
}

/** Opens a built dataset read-only. Callers that may need a first build use ensureBuilt first. */
export function openDatasetReadOnly(name: string, home = dataHome(), options: { verify?: boolean } = {}): OpenDataset {
  const path = datasetPath(name, home);
  if (!existsSync(path)) {
    if (findBundled(name)) throw new UsageError(`dataset "${name}" is not built yet`, 'Run `prep data build ' + name + '`.');
    throw unknownDataset(name, home);
  }
  const fileSha256 = options.verify !== false ? verifyDatasetDigest(name, path) : undefined;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('query_only = ON');
  return { meta: readMeta(db), db, path, fileSha256 };
}
