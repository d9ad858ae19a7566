import { ensureBuilt } from '../../data/datasets/build.js';
import { findBundled } from '../../data/datasets/catalog.js';
import { knownDatasetNames, openDatasetReadOnly, unknownDataset } from '../../data/datasets/store.js';
import { quoteIdent } from '../../data/datasets/build.js';
import { printJson, renderTable, style } from '../../ui/text.js';
import { buildProgressFor } from './build.js';

export async function run(name: string, opts: { json?: boolean }): Promise<void> {
  if (!knownDatasetNames().includes(name)) throw unknownDataset(name);
  if (findBundled(name)) await ensureBuilt(name, { onProgress: buildProgressFor(name, opts.json) });
  const { meta, db } = openDatasetReadOnly(name);
  try {
    const objects = db
      .prepare(`SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite_%' ORDER BY type, name`)
      .all() as { name: string; type: 'table' | 'view' }[];
    const tables = objects.map((o) => {
      const columns = (db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(o.name) as { name: string; type: string }[]).map((c) => ({
        name: c.name,
        type: c.type || 'ANY',
        missing: meta.columns.find((m) => m.name === c.name && o.name === meta.mainTable)?.missing ?? undefined,
      }));
      const rows = (db.prepare(`SELECT COUNT(*) AS n FROM ${quoteIdent(o.name)}`).get() as { n: number }).n;
      return { name: o.name, type: o.type, rows, columns };
    });
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
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    db.close();
  }
}
