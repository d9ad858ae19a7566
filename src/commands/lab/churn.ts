import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isInteractive } from '../../env.js';
import { RunStore } from '../../data/runs.js';
import { UsageError } from '../../errors.js';
import { runChurnLab } from '../../labs/churn/run.js';
import { costModelLine, renderChurnHtml, renderChurnText } from '../../ui/lab/churn-report.js';
import { defaultCostModel, type ChurnLabOptions, type ChurnLabResult } from '../../labs/churn/types.js';
import { churnStatisticsLines } from '../../ui/lab/churn-statistics-text.js';
import { printJson, style, wrapForTerminal } from '../../ui/text.js';

interface ChurnFlags {
  dataset: string;
  target: string;
  positive?: string;
  idColumn?: string;
  seed: number;
  folds: number;
  offerCost: number;
  savedValue: number;
  successRate: number;
  examples: number;
  calibrate?: 'platt' | 'isotonic';
  report?: string;
  json?: boolean;
}

export async function run(flags: ChurnFlags): Promise<void> {
  if (flags.folds < 2 || flags.folds > 20) throw new UsageError(`--folds must be between 2 and 20, not ${flags.folds}`);
  if (flags.report !== undefined && !/\.html?$/i.test(flags.report)) throw new UsageError('--report needs a file name ending in .html');
  const options: ChurnLabOptions = {
    dataset: flags.dataset,
    target: flags.target,
    positive: flags.positive,
    idColumn: flags.idColumn,
    seed: flags.seed,
    folds: flags.folds,
    testSize: 0.2,
    cost: { offerCost: flags.offerCost ?? defaultCostModel.offerCost, savedValue: flags.savedValue ?? defaultCostModel.savedValue, successRate: flags.successRate ?? defaultCostModel.successRate },
    examples: flags.examples,
    calibrate: flags.calibrate,
  };
  let result: ChurnLabResult;
  if (isInteractive && !flags.json) {
    const { renderChurnLabLive } = await import('../../ui/lab/ChurnLabView.js');
    result = await renderChurnLabLive((onEvent) => runChurnLab(options, { onEvent }));
  } else {
    // without the live view, each stage is reported on stderr as it happens (stdout stays the result)
    const { churnStageLogger } = await import('../../ui/lab/churn-report.js');
    result = await runChurnLab(options, { onEvent: churnStageLogger((line) => process.stderr.write(line)) });
  }
  if (flags.report) {
    const { churnReportInputs } = await import('./report-inputs.js');
    writeFileSync(resolve(flags.report), renderChurnHtml(result, churnReportInputs(new RunStore(), result.runId)));
  }
  if (flags.json) return printJson(result);
  // the live view ends with the same cost-model line
  if (!isInteractive) process.stdout.write(`${wrapForTerminal(renderChurnText(result))}\n${wrapForTerminal(churnStatisticsLines(result).join('\n'))}\n${style('dim', costModelLine(options.cost))}\n`);
  if (flags.report) process.stdout.write(`report written to ${resolve(flags.report)}\n`);
}
