import type { Command } from 'commander';
import { sanitizeForTerminal } from '../../terminal-text.js';
import { printJson, renderTable, style } from '../../ui/text.js';
import { examples } from '../options.js';
import { buildProgressFor } from './build.js';

export function defineInfo(data: Command): void {
  data
    .command('info')
    .description('tables, columns with types, row counts, provenance and sha256 of a dataset')
    .argument('<name>', 'dataset name (see prep data list)')
    .option('--json', 'print JSON')
    .action(run)
    .addHelpText('after', examples(['prep data info telco', 'prep data info retail --json']));
}

export async function run(name: string, opts: { json?: boolean }): Promise<void> {
  const [{ ensureBuilt }, { findBundled }, { describeTables, knownDatasetNames, openDatasetReadOnly, unknownDataset }] = await Promise.all([
    import('../../data/datasets/build.js'),
    import('../../data/datasets/catalog.js'),
    import('../../data/datasets/store.js'),
  ]);
  if (!knownDatasetNames().includes(name)) throw unknownDataset(name);
  if (findBundled(name)) await ensureBuilt(name, { onProgress: buildProgressFor(name, opts.json) });
  const { meta, db } = openDatasetReadOnly(name);
  try {
    const tables = describeTables(db, meta);
    const info = { ...meta, tables };
    if (opts.json) return printJson(info);
    const out: string[] = [];
    out.push(style('bold', `${meta.name}: ${meta.title}`));
    out.push(`  ${meta.label}`);
    out.push(`  source:  ${meta.source}`);
    out.push(`  licence: ${meta.licence}`);
    out.push(`  sha256:  ${meta.sha256}`);
    out.push(`  built:   ${meta.builtAt}`);
    for (const t of tables) {
      out.push('', style('bold', `${t.type} ${t.name}: ${t.rows.toLocaleString('en')} rows`));
      out.push(renderTable(['column', 'type', 'missing'], t.columns.map((c) => [c.name, c.type, c.missing ?? null])).replace(/^/gm, '  '));
    }
    if (meta.notes.length) out.push('', style('bold', 'notes'), ...meta.notes.map((n) => `  - ${n}`));
    // names, titles and notes of an imported dataset come from the user's file
    process.stdout.write(`${sanitizeForTerminal(out.join('\n'))}\n`);
  } finally {
    db.close();
  }
}
