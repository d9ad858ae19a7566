/**
 * `prep explain METRIC`: where a recorded figure came from, and optionally a drill card for it.
 * The run store (SQLite) loads when the command runs.
 */
import type { Command } from 'commander';
import { formatValue, printJson, style } from '../ui/text.js';
import { examples } from './options.js';

export function defineExplain(program: Command): void {
  program
    .command('explain')
    .description('where a recorded figure came from: formula, inputs, value, meaning, and how to say it in an interview')
    .argument('<metric>', 'metric key, e.g. test.recall or cv.random_forest.auc.mean')
    .option('--run <id>', 'a run id (default: the newest run that recorded the metric)')
    .option('--pin', 'also drill this figure: it becomes a review card ("your numbers") in prep drill')
    .option('--json', 'print JSON')
    .action(run)
    .addHelpText('after', examples(['prep explain test.recall', 'prep explain imbalance.smoteLeaky.auc --json']));
}

export async function run(metric: string, opts: { run?: string; pin?: boolean; json?: boolean }): Promise<void> {
  const [{ RunStore }, { openState }, { pinFigure }, { explainMetric }] = await Promise.all([
    import('../data/runs.js'),
    import('../data/state.js'),
    import('../drill/figure-cards.js'),
    import('../labs/explain.js'),
  ]);
  const e = explainMetric(new RunStore(), metric, { runId: opts.run });
  if (opts.pin) {
    pinFigure(openState(), `${e.lab}.${e.key}`);
    process.stderr.write(`pinned ${e.lab}.${e.key}: \`prep drill --topic your-numbers\` drills it with your other figures\n`);
  }
  if (opts.json) return printJson(e);
  const inputs = Object.entries(e.inputs);
  const show = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : formatValue(v));
  const width = Math.max(0, ...inputs.map(([k]) => k.length));
  const lines = [
    `${style('bold', e.key)} = ${style('cyan', formatValue(e.value))}${e.unit ? ` ${e.unit}` : ''}`,
    style('dim', `  ${e.lab} lab, stage ${e.stage}, run ${e.runId}${e.dataset ? `, dataset ${e.dataset}` : ''}`),
    '',
    `${style('bold', 'formula')}  ${e.formula}`,
    ...(inputs.length ? [style('bold', 'inputs'), ...inputs.map(([k, v]) => `  ${k.padEnd(width)}  ${show(v)}`)] : []),
    `${style('bold', 'value')}    ${formatValue(e.value)}`,
    '',
    `${style('bold', 'meaning')}  ${e.meaning}`,
    `${style('bold', 'say it')}   ${e.interview}`,
  ];
  if (e.dataset === 'telco') lines.push('', style('dim', "Data: IBM's fictional Telco sample data, not real customers."));
  process.stdout.write(`${lines.join('\n')}\n`);
}
