import { RunStore } from '../data/runs.js';
import { openState } from '../data/state.js';
import { pinFigure } from '../drill/figure-cards.js';
import { explainMetric } from '../labs/explain.js';
import { formatValue, printJson, style } from '../ui/text.js';

export async function run(metric: string, opts: { run?: string; pin?: boolean; json?: boolean }): Promise<void> {
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
