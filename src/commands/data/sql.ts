import { ensureBuilt } from '../../data/datasets/build.js';
import { runReadOnlyQuery } from '../../data/datasets/query.js';
import { openDatasetReadOnly } from '../../data/datasets/store.js';
import { printJson, renderTable, style } from '../../ui/text.js';
import { buildProgressFor } from './build.js';

export async function run(name: string, query: string, opts: { json?: boolean; limit: number }): Promise<void> {
  await ensureBuilt(name, { onProgress: buildProgressFor(name, opts.json) });
  const { db } = openDatasetReadOnly(name);
  try {
    const result = runReadOnlyQuery(db, query, opts.limit);
    if (opts.json) {
      return printJson({
        columns: result.columns,
        rows: result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c, r[i]]))),
        truncated: result.truncated,
      });
    }
    process.stdout.write(`${renderTable(result.columns, result.rows)}\n`);
    const shown = `${result.rows.length} row${result.rows.length === 1 ? '' : 's'}`;
    process.stderr.write(style('dim', result.truncated ? `${shown} shown (more exist; raise --limit)\n` : `${shown}\n`, process.stderr));
  } finally {
    db.close();
  }
}
