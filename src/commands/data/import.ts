import { Option, type Command } from 'commander';
import { printJson, progressBar } from '../../ui/text.js';
import { examples, inputFile } from '../options.js';
import { prepareSegmentCache } from './build.js';

export function defineImport(data: Command): void {
  data
    .command('import')
    .description('import your own CSV (plain or .gz) as a dataset the labs can read')
    .argument('<file>', 'CSV file with a header row (comma-separated, UTF-8; plain or .gz)', inputFile)
    .requiredOption('--name <name>', 'name for the new dataset (lower-case letters, digits, - and _)')
    .addOption(new Option('--kind <kind>', 'table (a churn-like table) or transactions (for the segmentation lab)').choices(['table', 'transactions']).makeOptionMandatory())
    .option('--customer <col>', 'transactions: customer id column')
    .option('--date <col>', 'transactions: date or date-time column')
    .option('--amount <col>', 'transactions: line amount column')
    .option('--quantity <col>', 'transactions: quantity column (with --price)')
    .option('--price <col>', 'transactions: unit price column (with --quantity)')
    .option('--invoice <col>', 'transactions: invoice/order id column (default: one per customer timestamp)')
    .option('--item <col>', 'transactions: product code column (for recommendations)')
    .option('--description <col>', 'transactions: product name column (shown beside the codes)')
    .option('--country <col>', 'transactions: country column (revenue by country)')
    .option('--day-first', 'transactions: slash dates are day/month/year (01/12/2010 is 1 December), as British exports write them; default month/day/year')
    .option('--force', 'replace an existing dataset of that name')
    .option('--json', 'print JSON')
    .action(run)
    .addHelpText(
      'after',
      '\nTypes are inferred (INTEGER, REAL, TEXT; integers beyond 2^53 stay TEXT); blank fields are stored as missing.\nA ragged row, an empty file, a missing mapped column or an unparseable date stops the import with file:line,\nand nothing is written. UTF-16, tab- or semicolon-separated files are refused with how to convert them.' +
        examples([
          'prep data import churn.csv --name mychurn --kind table',
          'prep data import orders.csv.gz --name shop --kind transactions --customer client --date ordered_at --amount total --invoice order_id',
          "prep data import online_retail_II.csv --name retail2 --kind transactions --customer 'Customer ID' --date InvoiceDate --quantity Quantity --price Price --invoice Invoice --item StockCode --description Description --country Country --day-first",
        ]),
    );
}

interface ImportFlags {
  name: string;
  kind: 'table' | 'transactions';
  customer?: string;
  date?: string;
  amount?: string;
  quantity?: string;
  price?: string;
  invoice?: string;
  item?: string;
  description?: string;
  country?: string;
  dayFirst?: boolean;
  force?: boolean;
  json?: boolean;
}

export async function run(file: string, opts: ImportFlags): Promise<void> {
  const { importCsv } = await import('../../data/datasets/import.js');
  const bar = opts.json ? undefined : progressBar(`importing ${opts.name}`);
  const { customer, date, amount, quantity, price, invoice, item, description, country, dayFirst } = opts;
  const meta = await importCsv({
    file,
    name: opts.name,
    kind: opts.kind,
    mapping: opts.kind === 'transactions' ? { customer, date, amount, quantity, price, invoice, item, description, country, dayFirst } : undefined,
    force: opts.force,
    onProgress: bar ? (phase, fraction) => bar.update(phase, fraction) : undefined,
  });
  if (meta.kind === 'transactions') {
    bar?.update('reading the purchase lines for the segmentation lab', 0.99);
    await prepareSegmentCache(meta.name);
  }
  bar?.done();
  if (opts.json) return printJson(meta);
  process.stdout.write(`imported ${meta.rows.toLocaleString('en')} rows as dataset "${meta.name}" (${meta.kind})\n`);
  for (const note of meta.notes) process.stdout.write(`  - ${note}\n`);
  process.stdout.write(`Query it: prep data sql ${meta.name} "SELECT * FROM ${meta.kind === 'transactions' ? 'transactions' : 'data'} LIMIT 5"\n`);
}
