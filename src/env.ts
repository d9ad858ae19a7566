/**
 * Facts about the environment, decided once: where user data lives, whether we may be
 * interactive, whether to colour output, where the package's own files are.
 */
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';

/** The package root (the folder with package.json, datasets/, content/, exercises/). */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** PREP_HOME if set, else $XDG_DATA_HOME/prep, else ~/.local/share/prep. */
export function dataHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PREP_HOME) return env.PREP_HOME;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'prep');
  return join(homedir(), '.local', 'share', 'prep');
}

export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI;
  return (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') || Boolean(env.CONTINUOUS_INTEGRATION);
}

/** Interactive means: not CI, and both stdin and stdout are terminals. Decided here only. */
export const isInteractive: boolean = !isCI() && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/**
 * The time as prep's date-based commands see it (`plan`, `stats`): PREP_NOW (an ISO date or time)
 * when set, so a candidate's days can be simulated in tests and demos, else the real clock.
 */
export function clockNow(env: NodeJS.ProcessEnv = process.env): Date {
  if (!env.PREP_NOW) return new Date();
  const t = Date.parse(env.PREP_NOW);
  if (Number.isNaN(t)) throw new UsageError(`PREP_NOW is not a date: "${env.PREP_NOW}"`, 'Unset it, or give an ISO date such as 2026-12-01T09:00:00Z.');
  return new Date(t);
}
