import type { Command } from 'commander';
import { printJson, renderTable, style } from '../../ui/text.js';
import { examples, integer, positiveInt } from '../options.js';
import { buildProgressFor } from './build.js';

export function defineSql(data: Command): void {
  data
    .command('sql')
    .description('run one read-only SELECT/WITH query on a dataset')
    .argument('<name>', 'dataset name')
    .argument('<query>', 'a single SELECT or WITH statement')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'show at most n rows', positiveInt('--limit'), 100)
    .option('--timeout <seconds>', 'stop the query after this many seconds', integer(1, 3600), 30)
    .action(run)
    .addHelpText(
      'after',
      `\nTables: telco (IBM's fictional sample, IBM column names), retail: online_retail and the view transactions.\nUse \`prep data info NAME\` to see the columns. A query that starts with a SQL comment (-- ...) goes after\na lone --, or the comment is read as an option. On a terminal, long text columns are clipped to fit its\nwidth (…); piped output and --json keep every character. The query runs in a separate process that is\nstopped after --timeout seconds.` +
        examples([
          `prep data sql telco "SELECT Contract, COUNT(*) AS n FROM telco GROUP BY Contract"`,
          `prep data sql telco -- "-- churned customers by contract\nSELECT Contract, COUNT(*) AS n FROM telco WHERE Churn = 'Yes' GROUP BY Contract"`,
          `prep data sql retail "SELECT Country, ROUND(SUM(amount), 2) AS revenue FROM transactions GROUP BY Country ORDER BY revenue DESC" --limit 5`,
        ]),
    );
}

export async function run(name: string, query: string, opts: { json?: boolean; limit: number; timeout: number }): Promise<void> {
  const [{ ensureBuilt }, { runSandboxedQuery }] = await Promise.all([import('../../data/datasets/build.js'), import('../../data/sandboxed-query.js')]);
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
