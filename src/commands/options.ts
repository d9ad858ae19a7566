/**
 * Parsers for option values, shared by the command definitions. Each throws commander's
 * InvalidArgumentError, so a bad value stops before any work with exit 2 and a message naming the
 * option: "prep: option '--seed <n>' argument 'abc' is invalid. expected a whole number ...".
 */
import { InvalidArgumentError } from 'commander';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Role } from '../drill/plan.js';
import type { Project } from '../story/draft.js';

/** The roles prep prepares for: --role of drill, story, plan and mock. */
export const roles: readonly Role[] = ['mle', 'ds', 'analyst'];
/** The labs a story or pitch can be about: --project of story and pitch. */
export const projects: readonly Project[] = ['churn', 'segment'];

const parseNumber = (value: string): number => (value.trim() === '' ? Number.NaN : Number(value));

/** The "Examples:" block of a command's --help. */
export function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/** A whole number >= min (1 unless given): counts, folds, seconds. */
export function integer(min = 1, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = parseNumber(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(max === Number.MAX_SAFE_INTEGER ? `expected a whole number of at least ${min}.` : `expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/**
 * A count of one or more: `positiveInt('--limit')`. The name is for the reader of the definition;
 * commander names the option in its message itself.
 */
export function positiveInt(_optionName: string): (value: string) => number {
  return integer(1);
}
/** A seed: any whole number from 0 (as scikit-learn's random_state). */
export const seed = integer(0, 2 ** 32 - 1);
/** A TCP port; 0 lets the system pick a free one. */
export const port = integer(0, 65535);

/** A finite number within [min, max]; `open` excludes both ends. */
export function numberIn(min: number, max: number, options: { open?: boolean } = {}) {
  return (value: string): number => {
    const n = parseNumber(value);
    const inside = options.open ? n > min && n < max : n >= min && n <= max;
    if (!Number.isFinite(n) || !inside) {
      const range = Number.isFinite(max) ? `${options.open ? 'strictly ' : ''}between ${min} and ${max}` : `of at least ${min}`;
      throw new InvalidArgumentError(`expected a number ${range}.`);
    }
    return n;
  };
}

/** A probability strictly between 0 and 1 (rates, alpha, power). */
export const proportion = numberIn(0, 1, { open: true });
/** A non-negative amount of money. */
export const amount = numberIn(0, Number.POSITIVE_INFINITY);

/**
 * A file prep will write: its folder must exist and be writable, and the path must not be a
 * folder. Checked when the options are read, so a lab never runs for a minute and then fails to
 * save its report.
 */
export function outputFile(value: string): string {
  const path = resolve(value);
  if (existsSync(path) && statSync(path).isDirectory()) throw new InvalidArgumentError(`${value} is a folder; give a file name.`);
  const dir = dirname(path);
  if (!existsSync(dir)) throw new InvalidArgumentError(`the folder ${dir} does not exist.`);
  try {
    accessSync(existsSync(path) ? path : dir, constants.W_OK);
  } catch {
    throw new InvalidArgumentError(`${existsSync(path) ? path : dir} is not writable.`);
  }
  return value;
}

/** An HTML report prep will write: as outputFile, and the name ends in .html (or .htm). */
export function htmlOutputFile(value: string): string {
  outputFile(value);
  if (!/\.html?$/i.test(value)) throw new InvalidArgumentError('expected a file name ending in .html.');
  return value;
}

/** A CSV file prep will write: as outputFile, and the name ends in .csv. */
export function csvOutputFile(value: string): string {
  outputFile(value);
  if (!/\.csv$/i.test(value)) throw new InvalidArgumentError('expected a file name ending in .csv.');
  return value;
}

/**
 * The text of an answer, pitch or CV as read from a file or standard input: UTF-8 (a byte-order
 * mark is dropped). UTF-16, binary and other encodings are refused with what to do, rather than
 * read as gibberish that the feedback or the figure check would score.
 */
export function decodeTextInput(bytes: Buffer, name: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new UsageError(`${name} is UTF-16 text; prep reads UTF-8`, 'Save it as UTF-8 (plain text or markdown), or convert it: iconv -f UTF-16 -t UTF-8 FILE > answer.md');
  if (bytes.includes(0)) throw new UsageError(`${name} has NUL bytes: it is a binary file (or UTF-16 without a byte-order mark), not text`, 'Pass the answer as plain text or markdown (UTF-8).');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UsageError(`${name} is not UTF-8 text`, 'Save it as UTF-8, or convert it: iconv -f WINDOWS-1252 -t UTF-8 FILE > answer.md');
  }
}

/** As inputFile, or "-" for standard input. */
export function inputFileOrStdin(value: string): string {
  return value === '-' ? value : inputFile(value);
}

/** A file prep will read: it must exist and be a regular file (not a folder, not /dev/zero). */
export function inputFile(value: string): string {
  if (!existsSync(value)) throw new InvalidArgumentError(`no file at ${value}.`);
  if (!statSync(value).isFile()) throw new InvalidArgumentError(`${value} is not a regular file.`);
  try {
    accessSync(value, constants.R_OK);
  } catch {
    throw new InvalidArgumentError(`${value} is not readable (permission denied).`);
  }
  return value;
}
