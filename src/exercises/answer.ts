/**
 * A learner's answer file checked against its exercise, and the reference solution as shown
 * after an attempt: what `prep exercise check|watch|solution` print, without the printing.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { sizeAgainstLimit } from '../sizes.js';
import type { Exercise } from './catalog.js';
import { checkCode, checkNumeric, checkSql, type Verdict } from './check.js';

/** An answer is a query, a number or one TypeScript module: anything larger is a mistake (or /dev/zero). */
export const maxAnswerBytes = 256 * 1024;

/** Checks the answer in `file`: SQL without its `--` comment lines, a number without `#` lines, or code by its tests. */
export async function checkAnswerFile(e: Exercise, file: string): Promise<Verdict> {
  if (!existsSync(file)) throw new UsageError(`no answer file at ${file}`, `Run \`prep exercise start ${e.id}\` first, or pass --file.`);
  const info = statSync(file);
  if (!info.isFile()) throw new UsageError(`${file} is not a regular file`);
  if (info.size > maxAnswerBytes) {
    const sizes = sizeAgainstLimit(info.size, maxAnswerBytes);
    throw new UsageError(`${file} is ${sizes.size}; an answer is at most ${sizes.limit}`);
  }
  const text = readFileSync(file, 'utf8');
  if (e.kind === 'sql') return checkSql(e, text.replace(/^\s*--.*$/gm, '').trim());
  if (e.kind === 'numeric') return checkNumeric(e, text.replace(/^#.*$/gm, ''));
  return checkCode(e, file);
}

/** The reference solution: the query, the code, or for a numeric exercise where its value comes from. */
export function referenceSolution(e: Exercise): string {
  if (e.kind === 'sql') return readFileSync(join(e.dir, 'solution.sql'), 'utf8');
  if (e.kind === 'code') return readFileSync(join(e.dir, '.meta', 'solution.ts'), 'utf8');
  const rule = e.expected!;
  return `${'metric' in rule ? `The value is ${rule.metric} from your latest run (prep explain ${rule.metric.split('.').slice(1).join('.')}).` : 'formula' in rule ? `Compute ${rule.formula} with ${Object.entries(rule.inputs).map(([k, v]) => `${k} = ${v}`).join(', ')}.` : `The value comes from this query on ${e.dataset}:\n${rule.sql}`}\n`;
}
