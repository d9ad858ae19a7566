/**
 * A value computed from a built dataset, kept beside it so later runs skip the computation:
 * <name>.sqlite.<purpose>.cache. A cache answers only for the same database file (its sha256,
 * which openDatasetReadOnly verifies before anything reads the dataset) and the same code (a key
 * the caller derives from the computing module), so a rebuilt or re-imported dataset, or a changed
 * loader, misses it and the value is computed again.
 *
 * v8's serializer keeps typed arrays, Maps, strings and numbers (NaN and −0 included) exactly.
 * Writes go to a temporary file that is renamed into place, so a reader never sees half a cache.
 * A cache that cannot be read is ignored (and replaced by the next write); one that cannot be
 * written is skipped: it only saves time, it never changes a figure.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { removeStaleTemporaryFiles } from './build.js';

const magic = 'prep.derived-cache/1\n';
/** Caches larger than this are not written (the retail lines take 16 MB; ten times the data, 160 MB). */
export const maxDerivedCacheBytes = 512 * 1024 * 1024;

export const derivedCachePath = (datasetPath: string, purpose: string) => `${datasetPath}.${purpose}.cache`;

/** The value stored for this key, or undefined (no cache, another key, or a file that does not read back). */
export function readDerivedCache<T>(datasetPath: string, purpose: string, key: string): T | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(derivedCachePath(datasetPath, purpose));
  } catch {
    return undefined;
  }
  const header = `${magic}${key}\n`;
  if (bytes.length <= header.length || bytes.toString('utf8', 0, header.length) !== header) return undefined;
  try {
    return deserialize(bytes.subarray(Buffer.byteLength(header))) as T;
  } catch {
    return undefined;
  }
}

/** Stores the value under the key, replacing any earlier cache of this purpose; false when it was not written (too large, or the folder refuses it). */
export function writeDerivedCache(datasetPath: string, purpose: string, key: string, value: unknown): boolean {
  if (key.includes('\n')) throw new Error('a derived-cache key is one line');
  const payload = serialize(value);
  if (payload.length > maxDerivedCacheBytes) return false;
  const target = derivedCachePath(datasetPath, purpose);
  // ".cache.tmp-<pid>": removeStaleTemporaryFiles clears it if this process dies mid-write
  const temporary = `${target}.tmp-${process.pid}`;
  try {
    removeStaleTemporaryFiles(dirname(target));
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${magic}${key}\n`), payload]));
    renameSync(temporary, target);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}
