/**
 * `prep walkthrough`: the ML lifecycle step by step, each step beside the output of the lab stage
 * that does it. Content, SQLite and the pager (Ink) load when the command runs.
 */
import { Argument, type Command } from 'commander';
import { join } from 'node:path';
import { isInteractive } from '../env.js';
import { UsageError } from '../errors.js';
import { style } from '../ui/text.js';
import { positiveInt } from './options.js';
import { isRetrainOf } from '../labs/monitor/retrain-name.js';

export function defineWalkthrough(program: Command): void {
  program
    .command('walkthrough')
    .description('the ML project lifecycle step by step, each step beside the real output of the lab stage that does it')
    .addArgument(new Argument('[name]', 'which walkthrough').choices(['lifecycle']).default('lifecycle'))
    .option('--step <n>', 'start at (or, without a terminal, print only) this step', positiveInt('--step'))
    .option('--dataset <name>', 'show the runs on this dataset (default: telco, the data the text is written about, when you have a run on it; else your newest run\'s)')
    .action(run);
}

/** From this many columns the pager shows a step's text and its run output side by side. */
const sideBySideColumns = 110;

export async function run(walkthrough: string, opts: { step?: number; dataset?: string }): Promise<void> {
  const [{ loadWalkthrough }, { renderMarkdownToAnsi }, { RunStore }, { contentRoot }, { commandFor, stageOutput }, { stageLines }] = await Promise.all([
    import('../content/walkthroughs.js'),
    import('../content/render.js'),
    import('../data/runs.js'),
    import('../drill/questions.js'),
    import('../labs/stage-output.js'),
    import('../ui/walkthrough/stage-view.js'),
  ]);
  const steps = loadWalkthrough(join(contentRoot(), 'walkthroughs', walkthrough));
  if (opts.step !== undefined && (opts.step < 1 || opts.step > steps.length)) throw new UsageError(`--step must be between 1 and ${steps.length}`);
  const store = new RunStore();
  // the text is written about IBM's Telco sample: its runs go beside it unless another dataset is asked for
  const dataset = opts.dataset ?? (store.latest('churn', undefined, 'telco') ? 'telco' : (store.latest('churn')?.datasetName ?? undefined));
  if (opts.dataset && !store.list().some((r) => r.datasetName === opts.dataset)) {
    const withRuns = [...new Set(store.list().flatMap((r) => (r.datasetName ? [r.datasetName] : [])))];
    throw new UsageError(`no run on dataset "${opts.dataset}"`, withRuns.length ? `Runs exist on: ${withRuns.join(', ')}.` : 'Run a lab first, e.g. `prep lab churn`.');
  }
  const dataLine = (name: string | null | undefined) =>
    name === 'telco' ? "on IBM's fictional Telco sample" : isRetrainOf(name, 'telco') ? "on IBM's fictional Telco sample plus your labelled batch" : `on your dataset "${name}" (the text describes the Telco sample's columns)`;
  // interactive and wide: the pager gives the text 55% of the terminal and the run's output the
  // rest (inside a border and padding); narrower, the output goes under the text
  const columns = process.stdout.columns ?? 80;
  const sideBySide = isInteractive && columns >= sideBySideColumns;
  const textWidth = sideBySide ? Math.floor(columns * 0.55) - 2 : Math.min(100, columns);
  const outputWidth = !isInteractive ? undefined : sideBySide ? Math.floor(columns * 0.45) - 4 : columns - 4;
  const pages = await Promise.all(
    steps.map(async (s) => {
      const out = stageOutput(store, s.labStage, s.labStage.startsWith('churn:') ? dataset : undefined);
      const output = out
        ? [`run ${out.runId} ${dataLine(store.get(out.runId).datasetName)}`, ...stageLines(out, outputWidth)].join('\n')
        : `No run has this stage yet: run \`${commandFor(s.labStage)}\`.`;
      return { title: s.title, phase: s.phase, labStage: s.labStage, text: await renderMarkdownToAnsi(s.body, { width: textWidth }), output, related: s.relatedQuestions };
    }),
  );
  if (isInteractive) {
    const { renderWalkthrough } = await import('../ui/walkthrough/WalkthroughPager.js');
    return renderWalkthrough(pages, (opts.step ?? 1) - 1, sideBySide);
  }
  const shown = opts.step ? [pages[opts.step - 1]!] : pages;
  for (const p of shown) {
    process.stdout.write(`${style('bold', `${steps.indexOf(steps.find((s) => s.title === p.title)!) + 1}. ${p.title}`)} (${p.phase}; lab stage ${p.labStage})\n${p.text}\n${style('dim', 'From your runs:')}\n${p.output.replace(/^/gm, '  ')}\n${p.related.length ? style('dim', `Related drill questions: ${p.related.join(', ')}`) + '\n' : ''}\n`);
  }
}
