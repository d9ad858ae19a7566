import { ensureBuilt } from '../../data/datasets/build.js';
import { runSandboxedQuery } from '../../data/sandboxed-query.js';
import { printJson, renderTable, style } from '../../ui/text.js';
import { buildProgressFor } from './build.js';

export async function run(name: string, query: string, opts: { json?: boolean; limit: number; timeout: number }): Promise<void> {
  await ensureBuilt(name, { onProgress: buildProgressFor(name, opts.json) });
  // in a child process that is killed at the time limit: SQLite cannot interrupt a query itself
  const result = await runSandboxedQuery(name, query, { rowCap: opts.limit, timeoutMs: opts.timeout * 1000 });
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
}
