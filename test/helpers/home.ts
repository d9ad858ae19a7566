/**
 * Test homes: every test that touches user data gets its own PREP_HOME in a temp dir, so tests
 * never read or write the developer's ~/.local/share/prep.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundled } from '../../src/data/datasets/build.js';
import { datasetPath } from '../../src/data/datasets/store.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const binPath = join(repoRoot, 'bin', 'prep.js');

export function makeTempHome(prefix = 'prep-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A shared home where the bundled datasets are built once, keyed by the build code's hash so a
 * change to the build never reuses a stale database.
 */
const buildCodeHash = createHash('sha256')
  .update(['build.ts', 'catalog.ts', 'csv-source.ts', 'typing.ts', 'store.ts'].map((f) => readFileSync(join(repoRoot, 'src/data/datasets', f), 'utf8')).join('\0'))
  .digest('hex')
  .slice(0, 12);
const sharedDatasetsHome = join(tmpdir(), `prep-test-datasets-${buildCodeHash}`);

/**
 * A fresh temp home whose bundled datasets (built once, shared) are linked in: tests get real
 * data without paying for a retail build each. Opening datasets is read-only, so sharing is safe.
 */
export async function homeWithDatasets(names: string[] = ['telco', 'retail']): Promise<string> {
  const home = makeTempHome();
  mkdirSync(join(home, 'datasets'), { recursive: true });
  for (const name of names) {
    if (!existsSync(datasetPath(name, sharedDatasetsHome))) await buildBundled(name, { home: sharedDatasetsHome });
    symlinkSync(datasetPath(name, sharedDatasetsHome), datasetPath(name, home));
    // the digest too, so each home does not hash the shared file again to verify it
    if (existsSync(`${datasetPath(name, sharedDatasetsHome)}.digest.json`)) symlinkSync(`${datasetPath(name, sharedDatasetsHome)}.digest.json`, `${datasetPath(name, home)}.digest.json`);
  }
  return home;
}

export interface PrepResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs bin/prep.js as a user would in CI: CI=true, no TTY, stdin closed (or given input). */
export function runPrep(args: string[], options: { home: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): PrepResult {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: repoRoot,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, CI: 'true', NO_COLOR: '1', PREP_HOME: options.home, ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
