import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { renderSegmentHtml, renderSegmentText } from '../../ui/segment/segment-report.js';
import { runSegmentLab } from '../../labs/segment/run.js';
import { runClvLab } from '../../labs/segment/clv-lab.js';
import { findBundled } from '../../data/datasets/catalog.js';
import { printJson, progressBar, renderTable, wrapForTerminal } from '../../ui/text.js';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { RunStore } from '../../data/runs.js';
import { customersCsv } from '../../labs/segment/customers-csv.js';
import type { CustomerTableRow } from '../../labs/segment/run.js';
import { segmentStatisticsLines } from '../../ui/lab/segment-statistics-text.js';

function parseK(value: string): 'auto' | number {
  if (value === 'auto') return 'auto';
  const k = Number(value);
  if (!Number.isInteger(k) || k < 2 || k > 20) throw new UsageError(`--k must be auto or an integer from 2 to 20, not "${value}"`);
  return k;
}

export async function run(flags: { dataset: string; k: string; seed: number; calibrationEnd?: string; alsoBought?: string; netCancellations?: boolean; customers?: string; json?: boolean; report?: string }): Promise<void> {
  if (flags.report !== undefined && !/\.html?$/i.test(flags.report)) throw new UsageError('--report needs a file name ending in .html');
  if (flags.customers !== undefined) {
    if (!/\.csv$/i.test(flags.customers)) throw new UsageError('--customers needs a file name ending in .csv');
    const dir = dirname(resolve(flags.customers));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--customers: the folder ${dir} does not exist`);
  }
  const store = new RunStore();
  // on stderr, so it never mixes with --json
  const bar = progressBar('segment lab');
  const stages = ['clean', 'eda', 'rfm', 'kmeans', 'concentration', 'cohorts', 'clv', 'recommendations', 'cancellations'];
  const result = await runSegmentLab(
    { dataset: flags.dataset, k: parseK(flags.k), seed: flags.seed, calibrationEnd: flags.calibrationEnd, alsoBought: flags.alsoBought, netCancellations: flags.netCancellations },
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
