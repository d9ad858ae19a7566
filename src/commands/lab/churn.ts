/**
 * `prep lab churn`: the churn lab end to end. The definition sits beside its handler; the lab,
 * SQLite and the live view load when it runs, so `prep --help` stays light.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isInteractive } from '../../env.js';
import { printJson, style, wrapForTerminal } from '../../ui/text.js';
import { defaultCostModel, sensitiveColumnNames, type ChurnLabOptions, type ChurnLabResult } from '../../labs/churn/types.js';
import { amount, examples, htmlOutputFile, integer, numberIn, seed } from '../options.js';

/** Adds `lab churn` under `lab` and returns it, for the operating subcommands (serve, drift, ...). */
export function defineChurn(lab: Command): Command {
  return lab
    .command('churn')
    .description('churn prediction end to end: profile, clean, features, CV of 3 models, imbalance, cost threshold, test, TreeSHAP, fairness')
    .option('--dataset <name>', 'a table dataset (bundled: telco, IBM\'s fictional sample)', 'telco')
    .option('--target <column>', 'the yes/no outcome column', 'Churn')
    .option('--positive <value>', 'the target value that means "churned" (default: the yes side of a yes/no, y/n, true/false, t/f or 1/0 column, in any case)')
    .option('--id-column <column>', 'customer id column (default: a column named customerID, CustomerId, client_id, user id or the like; else row numbers)')
    .option('--group-column <column>', 'keep rows with the same value here (one customer\'s snapshots, copies) on one side of the test split and of every fold')
    .option('--seed <n>', 'seed for splits, folds, SMOTE and the forests', seed, 42)
    .option('--folds <k>', 'cross-validation folds (2 to 20)', integer(2, 20), 5)
    .option('--offer-cost <amount>', 'cost of one retention offer', amount, defaultCostModel.offerCost)
    .option('--saved-value <amount>', 'value of keeping a customer who would have churned', amount, defaultCostModel.savedValue)
    .option('--success-rate <p>', 'share of targeted churners an offer keeps', numberIn(0, 1), defaultCostModel.successRate)
    .option('--examples <n>', 'customers to explain one by one with SHAP', integer(0, 50), 3)
    .option('--fairness <names>', `columns whose groups to compare on recall, precision and flag rate, comma-separated, or "none" (default: the columns named ${sensitiveColumnNames.join(', ')}, in any case); a numeric column with over 10 values is compared in quartile bands`, columnList)
    .addOption(new Option('--calibrate <method>', 'also recalibrate the probabilities (fitted on out-of-fold predictions) and show Brier/ECE before and after').choices(['platt', 'isotonic']))
    .option('--report <file.html>', 'also write a self-contained HTML report', htmlOutputFile)
    .option('--json', 'print one JSON object (no live view)')
    .action(run)
    .addHelpText(
      'after',
      '\nThe bundled telco data is IBM\'s fictional sample data, not real customers.' +
        examples(['prep lab churn', 'prep lab churn --seed 7 --report churn.html', 'prep lab churn --dataset mychurn --target left --positive 1 --id-column client_id --json', 'prep lab churn --dataset snapshots --group-column customerID', 'prep lab churn --dataset bank --target Exited --fairness Gender,Age']),
    );
}

interface ChurnFlags {
  dataset: string;
  target: string;
  positive?: string;
  idColumn?: string;
  groupColumn?: string;
  seed: number;
  folds: number;
  offerCost: number;
  savedValue: number;
  successRate: number;
  examples: number;
  calibrate?: 'platt' | 'isotonic';
  report?: string;
  json?: boolean;
  fairness?: string[];
}

/** "gender, Age" → ["gender", "Age"]; "none" → []. */
function columnList(value: string): string[] {
  if (value.trim().toLowerCase() === 'none') return [];
  const columns = value.split(',').map((c) => c.trim());
  if (columns.some((c) => c === '')) throw new InvalidArgumentError('expected column names separated by commas (e.g. gender,age), or "none".');
  return [...new Set(columns)];
}

export async function run(flags: ChurnFlags): Promise<void> {
  const [{ RunStore }, { runChurnLab }, { churnStageLogger, costModelLine, renderChurnHtml, renderChurnText }, { churnStatisticsLines }] = await Promise.all([
    import('../../data/runs.js'),
    import('../../labs/churn/run.js'),
    import('../../ui/lab/churn-report.js'),
    import('../../ui/lab/churn-statistics-text.js'),
  ]);
  const options: ChurnLabOptions = {
    dataset: flags.dataset,
    target: flags.target,
    positive: flags.positive,
    idColumn: flags.idColumn,
    groupColumn: flags.groupColumn,
    seed: flags.seed,
    folds: flags.folds,
    testSize: 0.2,
    cost: { offerCost: flags.offerCost, savedValue: flags.savedValue, successRate: flags.successRate },
    examples: flags.examples,
    calibrate: flags.calibrate,
    fairness: flags.fairness,
  };
  let result: ChurnLabResult;
  if (isInteractive && !flags.json) {
    const { renderChurnLabLive } = await import('../../ui/lab/ChurnLabView.js');
    result = await renderChurnLabLive((onEvent) => runChurnLab(options, { onEvent }));
  } else {
    // without the live view, each stage is reported on stderr as it happens (stdout stays the result)
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
