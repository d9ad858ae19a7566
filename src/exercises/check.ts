/**
 * Checking an answer: SQL against the solution's result (columns, values, order only when the
 * exercise asks for it, numeric tolerance), a number against a value computed from the user's
 * runs or the data (never a hard-coded run figure), and code against its tests in a vitest child
 * process with a time limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSandboxedQuery, type SandboxOptions } from '../data/sandboxed-query.js';
import { RunStore } from '../data/runs.js';
import { onInterrupt } from '../cleanup.js';
import { packageRoot } from '../env.js';
import { UsageError } from '../errors.js';
import type { Exercise } from './catalog.js';
import { evaluateFormula, parseFormula } from './formula.js';

export interface Verdict {
  passed: boolean;
  summary: string;
  details: string[];
}

/**
 * The rule for comparing one cell of the learner's result with the solution's: the same value,
 * whichever storage class SQLite returned it in, as a mentor reading the two tables would judge.
 * - NULL equals only NULL: a missing value is not '' nor 0 nor the text 'NULL'.
 * - Numbers are numbers whether SQLite returned INTEGER, REAL or TEXT holding a plain number
 *   literal: 4, 4.0, '4', '4.0' and '4.00' are one value (printf(), CAST(... AS TEXT) and columns
 *   imported as text return numbers as text, and that is not what an exercise tests). They are
 *   equal within the exercise's tolerance, relative to the expected value above 1.
 * - A plain number literal is JSON's: an optional minus, no leading zeros, no spaces, no '+', no
 *   thousands separators. Any other text is text, compared exactly: ' 4' (padded), '4%', '1,000'
 *   and the code '007' are formatted for display, and a number never equals text.
 * - A BLOB equals a BLOB with the same bytes.
 * Each cell is read into this form once, so the comparison is the same in either direction and
 * the order unordered results are sorted in does not depend on the storage class either.
 */
export type SqlCell = null | number | string | { blob: string };

const plainNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function sqlCell(value: unknown): SqlCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return plainNumber.test(value) ? Number(value) : value;
  if (value instanceof Uint8Array) return { blob: Buffer.from(value).toString('hex') };
  return String(value);
}

/** True when the learner's cell `got` equals the expected cell `want` under the rule above. */
export function sameCell(got: SqlCell, want: SqlCell, tolerance: number): boolean {
  if (typeof got === 'number' && typeof want === 'number') {
    // an overflowing REAL (Inf) equals only itself: a relative tolerance of Inf would admit any number
    if (!Number.isFinite(got) || !Number.isFinite(want)) return got === want;
    return Math.abs(got - want) <= tolerance * Math.max(1, Math.abs(want));
  }
  if (got !== null && want !== null && typeof got === 'object' && typeof want === 'object') return got.blob === want.blob;
  return got === want;
}

/** Why two cells differ when it is their kind rather than their value (a number returned as padded text, '' for NULL). */
function kindDifference(got: SqlCell, want: SqlCell): string | undefined {
  const kind = (c: SqlCell) => (c === null ? 'NULL' : typeof c === 'number' ? 'a number' : typeof c === 'string' ? 'text' : 'a BLOB');
  if (kind(got) === kind(want)) return undefined;
  const what = got === null ? 'NULL' : `${showCell(got)} is ${kind(got)}`;
  // " 4", "1,000", "+4": a number the query formatted
  const formatted = typeof got === 'string' && typeof want === 'number' && got.trim() !== '' && Number.isFinite(Number(got.trim().replace(/,/g, '')));
  return `${what} where ${kind(want)} is expected${formatted ? ': return the number itself, not formatted text' : ''}`;
}

const rowKey = (row: SqlCell[]) => JSON.stringify(row.map((v) => (typeof v === 'number' ? (Number.isFinite(v) ? Number(v.toPrecision(9)) : String(v)) : v === null ? { null: true } : v)));

const showCell = (c: SqlCell) => (c === null ? 'null' : typeof c === 'object' ? `x'${c.blob}'` : typeof c === 'number' && !Number.isFinite(c) ? String(c) : JSON.stringify(c));
const showRow = (row: SqlCell[]) => `[${row.map(showCell).join(',')}]`;

const sameRow = (got: SqlCell[], want: SqlCell[], tolerance: number) => want.every((v, c) => sameCell(got[c]!, v, tolerance));

/** Largest group searched for a maximum matching; a larger one keeps the sorted pairing (its cost grows with the square of its rows). */
const maxMatchedGroup = 2000;

/**
 * For each expected row, the returned row it is matched to (-1: none), matching as many rows as
 * possible one to one. Pairing the two sorted lists is not enough once a tolerance is allowed: a
 * learner who rounds (0.45 returned as 0.5) can tie with another row and sort beside the wrong
 * one, and a correct answer was failed. Rows can only match when their cells other than numbers
 * are equal (text exactly, NULL with NULL), so rows are grouped by those first; within a group
 * the sorted pairing is tried, then, if a row is left over, Kuhn's augmenting paths.
 */
export function matchRows(got: SqlCell[][], want: SqlCell[][], tolerance: number): number[] {
  const signature = (row: SqlCell[]) => JSON.stringify(row.map((v) => (typeof v === 'number' ? 0 : v === null ? { null: true } : v)));
  const groups = new Map<string, { got: number[]; want: number[] }>();
  const groupOf = (row: SqlCell[]) => {
    const key = signature(row);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { got: [], want: [] }));
    return group;
  };
  got.forEach((row, j) => groupOf(row).got.push(j));
  want.forEach((row, i) => groupOf(row).want.push(i));
  const match = new Array<number>(want.length).fill(-1);
  for (const group of groups.values()) {
    const pairs = Math.min(group.want.length, group.got.length);
    let paired = 0;
    for (let k = 0; k < pairs; k++) {
      if (!sameRow(got[group.got[k]!]!, want[group.want[k]!]!, tolerance)) continue;
      match[group.want[k]!] = group.got[k]!;
      paired++;
    }
    if (paired === pairs || Math.max(group.want.length, group.got.length) > maxMatchedGroup) continue;
    // Kuhn: try to give each expected row a returned row, re-routing earlier matches along augmenting paths
    for (const i of group.want) match[i] = -1;
    const owner = new Map<number, number>();
    const edges = new Map(group.want.map((i) => [i, group.got.filter((j) => sameRow(got[j]!, want[i]!, tolerance))]));
    const augment = (i: number, seen: Set<number>): boolean => {
      for (const j of edges.get(i)!) {
        if (seen.has(j)) continue;
        seen.add(j);
        const current = owner.get(j);
        if (current === undefined || augment(current, seen)) {
          owner.set(j, i);
          match[i] = j;
          return true;
        }
      }
      return false;
    };
    for (const i of group.want) augment(i, new Set());
  }
  return match;
}

export async function checkSql(exercise: Exercise, sql: string, options: SandboxOptions = {}): Promise<Verdict> {
  const solution = readFileSync(join(exercise.dir, 'solution.sql'), 'utf8');
  // one after the other: on 2 cores two heavy queries at once would each hit the time limit sooner
  const got = await runSandboxedQuery(exercise.dataset!, sql, options);
  const want = await runSandboxedQuery(exercise.dataset!, solution, options);
  if (got.columns.length !== want.columns.length) {
    return { passed: false, summary: `expected ${want.columns.length} columns (${want.columns.join(', ')}), got ${got.columns.length} (${got.columns.join(', ')})`, details: [] };
  }
  if (got.rows.length !== want.rows.length) return { passed: false, summary: `expected ${want.rows.length} rows, got ${got.rows.length}`, details: [`first expected row: ${JSON.stringify(want.rows[0])}`, `first row you returned: ${JSON.stringify(got.rows[0])}`] };
  const sortRows = (rows: SqlCell[][]) => (exercise.ordered ? rows : [...rows].sort((a, b) => rowKey(a).localeCompare(rowKey(b))));
  const g = sortRows(got.rows.map((row) => row.map(sqlCell)));
  const w = sortRows(want.rows.map((row) => row.map(sqlCell)));
  // Ordered: row i against row i. Unordered: the most rows matched one to one (matchRows); the
  // expected rows left over are shown beside the returned rows left over, both in sorted order.
  const pairs: [number, number][] = [];
  if (exercise.ordered) w.forEach((_, i) => sameRow(g[i]!, w[i]!, exercise.tolerance) || pairs.push([i, i]));
  else {
    const matchedGot = matchRows(g, w, exercise.tolerance);
    const takenGot = new Set(matchedGot.filter((j) => j >= 0));
    const spareGot = g.map((_, j) => j).filter((j) => !takenGot.has(j));
    w.forEach((_, i) => matchedGot[i]! < 0 && pairs.push([i, spareGot.shift()!]));
  }
  // every differing row is counted; the first three are shown
  const differing = pairs.length;
  const mismatches = pairs.slice(0, 3).map(([i, j]) => {
    const column = w[i]!.findIndex((v, c) => !sameCell(g[j]![c]!, v, exercise.tolerance));
    const why = column < 0 ? undefined : kindDifference(g[j]![column]!, w[i]![column]!);
    return `row ${i + 1}: expected ${showRow(w[i]!)}, got ${showRow(g[j]!)}${why ? ` (column ${column + 1}: ${why})` : ''}`;
  });
  if (differing) return { passed: false, summary: `${differing} row(s) differ${differing > mismatches.length ? ` (the first ${mismatches.length} shown)` : ''}${exercise.ordered ? ' (order matters here)' : ' (compared in any order)'}`, details: mismatches };
  return { passed: true, summary: `all ${w.length} rows match`, details: [] };
}

/** The expected number of a numeric exercise, with how it was computed. */
export async function expectedNumber(exercise: Exercise, store: RunStore): Promise<{ value: number; how: string }> {
  const rule = exercise.expected!;
  const metric = (ref: string) => {
    const [lab, ...rest] = ref.split('.');
    const key = rest.join('.');
    const run = store.latest(lab!, key);
    if (!run) throw new UsageError(`this exercise reads ${ref} from your latest run, and there is none yet`, `Run \`prep lab ${lab}\` first.`);
    return { value: store.metric(run.id, key)!.value, runId: run.id };
  };
  if ('metric' in rule) {
    const m = metric(rule.metric);
    return { value: m.value, how: `the recorded ${rule.metric} of run ${m.runId}` };
  }
  if ('formula' in rule) {
    const values: Record<string, number> = {};
    const sources: string[] = [];
    for (const [name, ref] of Object.entries(rule.inputs)) {
      if (typeof ref === 'number') values[name] = ref;
      else {
        const m = metric(ref);
        values[name] = m.value;
        sources.push(`${name} = ${m.value} (${ref}, run ${m.runId})`);
      }
    }
    let tree;
    try {
      tree = parseFormula(rule.formula, Object.keys(values));
    } catch (error) {
      throw brokenExercise(exercise, `the formula cannot be read: ${(error as Error).message}`);
    }
    return { value: evaluateFormula(tree, values), how: `${rule.formula} with ${sources.join(', ') || 'the values given'}` };
  }
  const value = await expectedQueryValue(exercise, rule.sql);
  if (typeof value === 'string') throw brokenExercise(exercise, `its expected-value query (expected.sql) ${value}, so there is nothing to compare your answer with: ${rule.sql}`);
  return { value, how: `the first cell of the exercise's query on ${exercise.dataset}` };
}

/** An exercise whose own files cannot give a verdict: the candidate can do nothing about it, a mentor can. */
function brokenExercise(exercise: Exercise, problem: string): UsageError {
  return new UsageError(`exercise ${exercise.id}: ${problem}`, 'Mentors: run `prep content lint` to see every exercise problem.');
}

/**
 * The number an `expected.sql` rule gives (the first cell of its first row), or what is wrong
 * with its result: no rows, NULL (an aggregate over no rows) or text that is not a number. Any
 * of these used to become NaN and call every answer "far off".
 */
export async function expectedQueryValue(exercise: Exercise, sql: string, options: SandboxOptions = {}): Promise<number | string> {
  const result = await runSandboxedQuery(exercise.dataset!, sql, options);
  if (result.rows.length === 0) return 'returned no rows';
  const cell = sqlCell(result.rows[0]![0]);
  if (cell === null) return 'returned NULL in its first cell (an aggregate over no rows?)';
  if (typeof cell !== 'number' || !Number.isFinite(cell)) return `returned ${typeof cell === 'object' ? 'a BLOB' : typeof cell === 'number' ? String(cell) : `the text ${JSON.stringify(cell.slice(0, 40))}`} in its first cell, not a number`;
  return cell;
}

export async function checkNumeric(exercise: Exercise, answer: string, store = new RunStore()): Promise<Verdict> {
  const match = /-?\d+(?:\.\d+)?(?:e-?\d+)?/i.exec(answer.replace(/,/g, ''));
  if (!match) return { passed: false, summary: 'no number found in your answer', details: ['Write the number alone on a line, e.g. 0.6543'] };
  const given = Number(match[0]);
  const expected = await expectedNumber(exercise, store);
  const ok = Math.abs(given - expected.value) <= exercise.tolerance * Math.max(1, Math.abs(expected.value));
  return ok
    ? { passed: true, summary: `${given} is right (within ${exercise.tolerance})`, details: [`expected: ${expected.how}`] }
    : { passed: false, summary: `${given} is not within ${exercise.tolerance} of the expected value`, details: [Math.abs(given - expected.value) < 0.5 * Math.abs(expected.value) ? 'close: check rounding, the formula, or which run you used' : 'far off: check the formula and its inputs'] };
}

export interface CodeRun {
  passed: boolean;
  output: string;
}

/**
 * Runs test files against implementations in one vitest child process (globals on, time limit).
 * The child leads its own process group, and the whole group is killed at the time limit, on
 * Ctrl-C and when the run ends: killing vitest alone left its worker looping at 99% of a core.
 */
export async function runCodeTests(files: { name: string; module: string; implementation: string; test: string }[], timeoutMs = 60_000): Promise<Map<string, CodeRun>> {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  const killGroup = () => {
    if (child?.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  };
  // registered before the folder exists: a signal in between would find no handler and leave it
  const forget = onInterrupt(() => {
    killGroup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  dir = mkdtempSync(join(tmpdir(), 'prep-exercise-'));
  try {
    for (const f of files) {
      const sub = join(dir, f.name);
      mkdirSync(sub, { recursive: true });
      copyFileSync(f.implementation, join(sub, `${f.module}.ts`));
      copyFileSync(f.test, join(sub, `${f.module}.test.ts`));
    }
    writeFileSync(join(dir, 'vitest.config.mjs'), `export default { test: { globals: true, include: ['**/*.test.ts'], testTimeout: 10000 } };\n`);
    const reportFile = join(dir, 'report.json');
    child = spawn(process.execPath, [join(packageRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir, '--config', join(dir, 'vitest.config.mjs'), '--reporter=json', `--outputFile=${reportFile}`], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', NO_COLOR: '1', NODE_ENV: 'test' },
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    await new Promise<void>((resolve) => child!.once('close', () => resolve()));
    clearTimeout(timer);
    killGroup(); // anything the tests started and left behind
    if (timedOut) throw new UsageError(`the tests ran longer than ${timeoutMs / 1000} s and were stopped (an endless loop?)`);
    const results = new Map<string, CodeRun>();
    const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as { testResults: { name: string; status: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[]; message?: string }[] }) : undefined;
    for (const f of files) {
      const file = report?.testResults.find((t) => t.name.endsWith(`/${f.name}/${f.module}.test.ts`));
      if (!file) {
        results.set(f.name, { passed: false, output: (output || 'vitest did not run').slice(0, 2000) });
        continue;
      }
      const failures = file.assertionResults.filter((a) => a.status !== 'passed');
      const text = file.message
        ? file.message.split('\n')[0]!
        : failures.map((a) => `✗ ${a.fullName}: ${a.failureMessages[0]?.split('\n')[0] ?? ''}`).join('\n') || `✓ ${file.assertionResults.length} test(s) pass`;
      results.set(f.name, { passed: file.status === 'passed' && file.assertionResults.length > 0, output: text });
    }
    return results;
  } finally {
    forget();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function checkCode(exercise: Exercise, file: string, timeoutMs?: number): Promise<Verdict> {
  const run = (await runCodeTests([{ name: exercise.slug, module: exercise.slug, implementation: file, test: join(exercise.dir, `${exercise.slug}.test.ts`) }], timeoutMs)).get(exercise.slug)!;
  return { passed: run.passed, summary: run.passed ? 'all tests pass' : 'some tests fail', details: run.output.split('\n') };
}
