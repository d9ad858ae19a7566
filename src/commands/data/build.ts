import type { Command } from 'commander';
import type { BuildProgress } from '../../data/datasets/build.js';
import { UsageError } from '../../errors.js';
import { printJson, progressBar } from '../../ui/text.js';

export function defineBuild(data: Command): void {
  data
    .command('build')
    .description('build bundled datasets into SQLite under the data home (done automatically on first use)')
    .argument('[name]', 'one dataset (default: all bundled)')
    .option('--force', 'rebuild even if already built')
    .option('--json', 'print JSON')
    .action(run);
}

/** A progress bar for a dataset build (quiet under --json or without a terminal). */
export function buildProgressFor(name: string, quiet?: boolean): BuildProgress | undefined {
  if (quiet) return undefined;
  const bar = progressBar(`building ${name}`);
  return (phase, fraction) => {
    bar.update(phase, fraction);
    if (fraction >= 1 && phase !== 'checking sha256') bar.done();
  };
}

/** A transactions dataset's purchase lines, read once now into the cache the segmentation lab reads, so its first run is as fast as later ones (a cache only saves time: failing to write it is not an error). */
export async function prepareSegmentCache(name: string): Promise<void> {
  const { preparePurchaseLinesCache } = await import('../../labs/segment/lines.js');
  try {
    preparePurchaseLinesCache(name);
  } catch {
    // the lab reads the lines itself, and reports any problem with them where it can explain it
  }
}

export async function run(name: string | undefined, opts: { force?: boolean; json?: boolean }): Promise<void> {
  const [{ bundledDatasets, findBundled }, { buildBundled }] = await Promise.all([import('../../data/datasets/catalog.js'), import('../../data/datasets/build.js')]);
  if (name && !findBundled(name)) {
    throw new UsageError(`"${name}" is not a bundled dataset`, `Bundled: ${bundledDatasets.map((d) => d.name).join(', ')}. Imported datasets are rebuilt by importing again with --force.`);
  }
  const names = name ? [name] : bundledDatasets.map((d) => d.name);
  const results = [];
  for (const n of names) {
    const t0 = performance.now();
    const { meta, built } = await buildBundled(n, { force: opts.force, onProgress: buildProgressFor(n, opts.json) });
    if (built && meta.kind === 'transactions') await prepareSegmentCache(n);
    const seconds = (performance.now() - t0) / 1000;
    results.push({ name: n, built, rows: meta.rows, sha256: meta.sha256, seconds: Number(seconds.toFixed(2)) });
    if (!opts.json) {
      process.stdout.write(
        built
          ? `${n}: built ${meta.rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (sha256 verified)\n`
          : `${n}: already built (${meta.rows.toLocaleString('en')} rows); --force rebuilds it\n`,
      );
    }
  }
  if (opts.json) printJson(results);
}
