/** Names that become paths: resolved first, then refused unless they stay inside their folder. */
import { isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from './errors.js';

/** True when `path`, resolved, is `dir` itself or inside it. */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Joins names under dir and refuses the result unless, once resolved, it is strictly inside dir. */
export function confinedPath(dir: string, ...names: string[]): string {
  const full = resolve(dir, ...names);
  if (!isInside(dir, full) || resolve(dir) === full) throw new UsageError(`"${names.join('/')}" points outside ${dir}`);
  return full;
}
