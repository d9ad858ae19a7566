import { importCsv } from '../../data/datasets/import.js';
import { printJson, progressBar } from '../../ui/text.js';

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
  force?: boolean;
  json?: boolean;
}

export async function run(file: string, opts: ImportFlags): Promise<void> {
  const bar = opts.json ? undefined : progressBar(`importing ${opts.name}`);
  const { customer, date, amount, quantity, price, invoice, item } = opts;
  const meta = await importCsv({
    file,
    name: opts.name,
    kind: opts.kind,
    mapping: opts.kind === 'transactions' ? { customer, date, amount, quantity, price, invoice, item } : undefined,
    force: opts.force,
    onProgress: bar ? (phase, fraction) => bar.update(phase, fraction) : undefined,
  });
  bar?.done();
  if (opts.json) return printJson(meta);
  process.stdout.write(`imported ${meta.rows.toLocaleString('en')} rows as dataset "${meta.name}" (${meta.kind})\n`);
  for (const note of meta.notes) process.stdout.write(`  - ${note}\n`);
  process.stdout.write(`Query it: prep data sql ${meta.name} "SELECT * FROM ${meta.kind === 'transactions' ? 'transactions' : 'data'} LIMIT 5"\n`);
}
