/**
 * `prep lab segment` and `prep lab clv`: customer segmentation and lifetime value on a
 * transactions dataset. The lab code and SQLite load when a command runs, not for --help.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_HOLDOUT_WEEKS } from '../../labs/segment/defaults.js';
import type { CustomerTableRow } from '../../labs/segment/run.js';
import { printJson, progressBar, renderTable, wrapForTerminal } from '../../ui/text.js';
import { csvOutputFile, examples, htmlOutputFile, integer, seed } from '../options.js';

/** --k: "auto" (the best silhouette over 2..8) or a number of clusters from 2 to 20. */
function clusterCount(value: string): 'auto' | number {
  if (value === 'auto') return value;
  try {
    return integer(2, 20)(value);
  } catch {
    throw new InvalidArgumentError('expected auto or a whole number from 2 to 20.');
  }
}

export function defineSegment(lab: Command): void {
  lab
    .command('segment')
    .description('customer segmentation on transactions: R1 cleaning, EDA, RFM, K-means, concentration, cohorts, CLV, co-purchase rules')
    .option('--dataset <name>', 'a transactions dataset (bundled: retail, UCI Online Retail, CC BY 4.0)', 'retail')
    .option('--k <k>', 'clusters: auto (best silhouette over 2..8) or a number from 2 to 20', clusterCount, 'auto' as const)
    .option('--seed <n>', 'seed for k-means++ and restarts', seed, 42)
    .option('--calibration-end <date>', `CLV calibration end (default: ${DEFAULT_HOLDOUT_WEEKS} weeks before the last purchase day)`)
    .option('--also-bought <code>', 'show "customers who bought X also bought" for this product code')
    .option('--net-cancellations', 'also rerun RFM, concentration and CLV without the purchases matched to a cancellation, beside R1')
    .option('--customers <file.csv>', 'also write one row per customer: recency, frequency, monetary, RFM scores, segment, cluster, 12-month CLV', csvOutputFile)
    .option('--report <file.html>', 'also write a self-contained HTML report', htmlOutputFile)
    .option('--json', 'print one JSON object')
    .action(run)
    .addHelpText('after', examples(['prep lab segment', 'prep lab segment --k 4 --report segments.html', 'prep lab segment --net-cancellations --customers crm.csv', 'prep lab segment --dataset shop --json']));
}

export function defineClv(lab: Command): void {
  lab
    .command('clv')
    .description('customer lifetime value alone: BG/NBD + Gamma-Gamma on a calibration period, checked on the hold-out')
    .option('--dataset <name>', 'a transactions dataset', 'retail')
    .option('--calibration-end <date>', `calibration end (default: ${DEFAULT_HOLDOUT_WEEKS} weeks before the last purchase day)`)
    .option('--json', 'print the clv object')
    .action(clv);
}

export async function run(flags: { dataset: string; k: 'auto' | number; seed: number; calibrationEnd?: string; alsoBought?: string; netCancellations?: boolean; customers?: string; json?: boolean; report?: string }): Promise<void> {
  const [{ RunStore }, { runSegmentLab }, { customersCsv }, { findBundled }, { renderSegmentHtml, renderSegmentText }, { segmentStatisticsLines }] = await Promise.all([
    import('../../data/runs.js'),
    import('../../labs/segment/run.js'),
    import('../../labs/segment/customers-csv.js'),
    import('../../data/datasets/catalog.js'),
    import('../../ui/segment/segment-report.js'),
    import('../../ui/lab/segment-statistics-text.js'),
  ]);
  const store = new RunStore();
  // on stderr, so it never mixes with --json
  const bar = progressBar('segment lab');
  const stages = ['clean', 'eda', 'rfm', 'kmeans', 'concentration', 'cohorts', 'clv', 'recommendations', 'cancellations'];
  const result = await runSegmentLab(
    { dataset: flags.dataset, k: flags.k, seed: flags.seed, calibrationEnd: flags.calibrationEnd, alsoBought: flags.alsoBought, netCancellations: flags.netCancellations },
    { store, onStage: (stage, ms) => bar.update(`${stage} done in ${(ms / 1000).toFixed(1)} s`, (stages.indexOf(stage) + 1) / stages.length) },
  );
  if (flags.customers) {
    const { customers } = store.artifact<{ customers: CustomerTableRow[] }>(result.runId, 'segments')!;
    writeFileSync(resolve(flags.customers), customersCsv(customers));
  }
  bar.done();
  if (flags.report) writeFileSync(resolve(flags.report), renderSegmentHtml(result, { currency: findBundled(result.dataset.name)?.currency }));
  if (flags.json) return printJson(result);
  process.stdout.write(`${wrapForTerminal(renderSegmentText(result))}\n${wrapForTerminal(segmentStatisticsLines(result).join('\n'))}\n`);
  if (flags.customers) process.stdout.write(`${result.cleaning.customers} customers written to ${resolve(flags.customers)} (${'customer_id, recency_days, frequency, monetary, r_score, f_score, m_score, segment, cluster, clv_12m'})\n`);
  if (flags.report) process.stdout.write(`report written to ${resolve(flags.report)}\n`);
}

export async function clv(flags: { dataset: string; calibrationEnd?: string; json?: boolean }): Promise<void> {
  const { runClvLab } = await import('../../labs/segment/clv-lab.js');
  const { runId, clv } = await runClvLab(flags.dataset, flags.calibrationEnd);
  if (flags.json) return printJson(clv);
  process.stdout.write(
    wrapForTerminal([
      `CLV on ${flags.dataset} (run ${runId}): calibration to ${clv.calibrationEnd}, hold-out ${clv.holdoutWeeks} weeks`,
      `BG/NBD r ${clv.bgnbd.r}, alpha ${clv.bgnbd.alpha}, a ${clv.bgnbd.a}, b ${clv.bgnbd.b}; log-likelihood ${clv.bgnbd.logLik}`,
      `Gamma-Gamma p ${clv.gammaGamma.p}, q ${clv.gammaGamma.q}, v ${clv.gammaGamma.v}`,
      `hold-out purchase days: predicted ${clv.holdout.predicted}, actual ${clv.holdout.actual}`,
      ...clv.notes.map((n) => `! ${n}`),
      renderTable(['decile', 'customers', 'predicted', 'actual'], clv.holdout.deciles.map((d) => [d.decile, d.customers, d.predicted, d.actual])),
      `mean 12-month CLV ${clv.clv12m.mean} (${clv.clv12m.assumption})`,
    ].join('\n')) + '\n',
  );
}
