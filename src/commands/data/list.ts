import type { Command } from 'commander';
import { printJson, renderTable } from '../../ui/text.js';

export function defineList(data: Command): void {
  data.command('list').description('list the datasets: bundled and imported, built or not').option('--json', 'print JSON').action(run);
}

export async function run(opts: { json?: boolean }): Promise<void> {
  const [{ findBundled }, { isBuilt }, { knownDatasetNames, openDatasetReadOnly }] = await Promise.all([
    import('../../data/datasets/catalog.js'),
    import('../../data/datasets/build.js'),
    import('../../data/datasets/store.js'),
  ]);
  const rows = knownDatasetNames().map((name) => {
    const bundled = findBundled(name);
    const built = isBuilt(name);
    if (built) {
      const { meta, db } = openDatasetReadOnly(name, undefined, { verify: false });
      db.close();
      return { name, kind: meta.kind, rows: meta.rows, source: meta.source, licence: meta.licence, label: meta.label, bundled: Boolean(bundled), built };
    }
    const b = bundled!;
    return { name, kind: b.kind, rows: b.rows, source: b.source, licence: b.licence, label: b.label, bundled: true, built };
  });
  if (opts.json) return printJson(rows);
  process.stdout.write(
    `${renderTable(
      ['name', 'kind', 'rows', 'built', 'what it is', 'licence'],
      rows.map((r) => [r.name, r.kind, r.rows, r.built ? 'yes' : 'no', r.label, r.licence]),
      { maxWidth: 72 },
    )}\n`,
  );
  if (rows.some((r) => !r.built)) process.stdout.write('\nDatasets build on first use, or now with `prep data build`.\n');
}
