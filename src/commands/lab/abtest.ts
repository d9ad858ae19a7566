/**
 * `prep lab abtest plan|analyze|simulate`: sample sizes, the analysis of a result file, and
 * simulations on real invoice totals. The statistics (jStat) and SQLite load when a command runs.
 */
import type { Command } from 'commander';
import { printJson, renderTable, style } from '../../ui/text.js';
import { examples, inputFile, integer, numberIn, proportion, seed } from '../options.js';

const abtestLab = () => import('../../labs/abtest/abtest.js');

export function defineAbtest(lab: Command): void {
  const abtest = lab.command('abtest').description('A/B testing: plan a sample size, analyze a result, simulate A/A and lifts on real baskets');
  abtest
    .command('plan')
    .description('sample size per arm for a conversion-rate test (and for means with --sd)')
    .requiredOption('--baseline <p>', 'current conversion rate, e.g. 0.2', proportion)
    .requiredOption('--mde <d>', 'smallest absolute lift worth detecting, e.g. 0.02', proportion)
    .option('--alpha <a>', 'significance level (two-sided)', proportion, 0.05)
    .option('--power <p>', 'power (1 − beta)', proportion, 0.8)
    .option('--sd <s>', 'standard deviation, for a test of means with the same --mde', numberIn(0, Number.POSITIVE_INFINITY, { open: true }))
    .option('--json', 'print JSON')
    .action(runPlan)
    .addHelpText('after', examples(['prep lab abtest plan --baseline 0.2 --mde 0.02', 'prep lab abtest plan --baseline 0.1 --mde 0.01 --power 0.9 --json']));
  abtest
    .command('analyze')
    .description('test a CSV with columns arm,outcome (0/1 or a number): z-test, chi-square, Welch t, intervals, a plain reading')
    .argument('<file>', 'CSV with a header arm,outcome and exactly two arms', inputFile)
    .option('--alpha <a>', 'significance level', proportion, 0.05)
    .option('--json', 'print JSON')
    .action(runAnalyze);
  abtest
    .command('simulate')
    .description('SIMULATION on real invoice totals: A/A false-positive rate, peeking, power for an injected lift')
    .option('--dataset <name>', 'transactions dataset', 'retail')
    .option('--runs <n>', 'A/A runs', integer(1, 100_000), 1000)
    .option('--per-arm <n>', 'invoices per arm', integer(2, 1_000_000), 2000)
    .option('--lift <x>', 'injected relative lift in basket value', proportion, 0.1)
    .option('--looks <n>', 'interim looks for the peeking demonstration', integer(1, 100), 10)
    .option('--alpha <a>', 'significance level', proportion, 0.05)
    .option('--seed <n>', 'seed', seed, 42)
    .option('--json', 'print JSON')
    .action(runSimulate);
}

export async function runPlan(opts: { baseline: number; mde: number; alpha: number; power: number; sd?: number; json?: boolean }): Promise<void> {
  const { plan } = await abtestLab();
  const p = plan(opts);
  if (opts.json) return printJson(p);
  const lines = [
    `To detect ${p.proportions.baseline} → ${p.proportions.target.toFixed(4)} (absolute +${p.proportions.mde}) with alpha ${p.proportions.alpha} (two-sided) and power ${p.proportions.power}:`,
    `  ${p.proportions.perArm.toLocaleString('en')} per arm, ${p.proportions.total.toLocaleString('en')} in total`,
    style('dim', `  ${p.proportions.formula}`),
  ];
  if (p.means) lines.push(`For a difference in means of ${opts.mde} with sd ${p.means.sd}: ${p.means.perArm.toLocaleString('en')} per arm (n = 2(z₁₋α/₂ + z₁₋β)²σ²/δ²)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export async function runAnalyze(file: string, opts: { alpha: number; json?: boolean }): Promise<void> {
  const { analyze } = await abtestLab();
  const r = await analyze(file, opts.alpha);
  if (opts.json) return printJson(r);
  process.stdout.write(
    [
      renderTable(['arm', 'n', 'mean'], Object.entries(r.arms).map(([arm, s]) => [arm, s.n, s.mean])),
      renderTable(['test', 'statistic', 'p-value', `${r.treatment} − ${r.control}`, 'CI low', 'CI high'], r.tests.map((t) => [t.test, t.statistic, t.pValue, t.difference, t.ci[0], t.ci[1]])),
      r.chiSquare ? `chi-square: ${r.chiSquare.statistic.toFixed(3)} on ${r.chiSquare.df} df, p = ${r.chiSquare.pValue.toPrecision(3)}` : '',
      '',
      r.reading,
    ].join('\n') + '\n',
  );
}

export async function runSimulate(opts: { dataset: string; seed: number; runs: number; perArm: number; lift: number; alpha: number; looks: number; json?: boolean }): Promise<void> {
  const { simulate } = await abtestLab();
  const r = await simulate(opts);
  if (opts.json) return printJson(r);
  process.stdout.write(
    [
      style('bold', r.label),
      `${r.invoices.toLocaleString('en')} real invoice totals from ${r.dataset}; ${r.perArm} per arm; Welch t-test at alpha ${r.alpha}; run ${r.runId}`,
      `A/A (no difference): ${r.aa.falsePositives} of ${r.aa.runs} runs "significant": false-positive rate ${(100 * r.aa.falsePositiveRate).toFixed(1)}% (should sit near ${100 * r.alpha}%)`,
      `Peeking at ${r.peeking.looks} interim looks and stopping at the first p < ${r.alpha}: ${(100 * r.peeking.falsePositiveRate).toFixed(1)}% false positives`,
      `Injected lift of ${100 * r.injectedLift.lift}%: detected in ${r.injectedLift.detected} of ${r.injectedLift.runs} runs: power ${(100 * r.injectedLift.power).toFixed(1)}%`,
    ].join('\n') + '\n',
  );
}
