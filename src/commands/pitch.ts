/**
 * `prep pitch`: timed practice of the project pitch, with the outline filled from your runs. The
 * timer (Ink) loads only in a terminal.
 */
import { Option, type Command } from 'commander';
import { isInteractive } from '../env.js';
import type { Project } from '../story/draft.js';
import { style, wrapForTerminal } from '../ui/text.js';
import { projects } from './options.js';

export function definePitch(program: Command): void {
  program
    .command('pitch')
    .description('timed practice of your project pitch, with an outline filled from your runs')
    .addOption(new Option('--seconds <n>', 'length of the pitch').choices(['30', '90']).default('30'))
    .addOption(new Option('--project <project>', 'which lab the pitch is about').choices(projects).default('churn'))
    .option('--dataset <name>', 'draw the outline\'s figures from runs on this dataset (default: the newest complete run\'s)')
    .action(run);
}

export async function run(opts: { seconds: '30' | '90'; project: Project; dataset?: string }): Promise<void> {
  const [{ RunStore }, { draftStory }] = await Promise.all([import('../data/runs.js'), import('../story/draft.js')]);
  const seconds = Number(opts.seconds);
  const story = draftStory(new RunStore(), opts.project, 'ds', { dataset: opts.dataset });
  const outline = seconds === 30 ? story.pitch30 : story.pitch90;
  const words = outline.split(/\s+/).length;
  process.stdout.write(wrapForTerminal(`${style('bold', `${seconds}-second pitch, ${opts.project} project`)} (outline from runs ${story.runIds.join(', ')} on ${story.dataset ?? 'an unnamed dataset'}${story.dataset === 'telco' ? ", IBM's fictional sample" : ''}; ${words} words ≈ ${Math.round((words / 145) * 60)} s at 145 words a minute)\n\n${story.warnings.map((w) => `${style('yellow', `! ${w}`)}\n\n`).join('')}${outline}\n\n`));
  if (!isInteractive) return;
  const { timedPitch } = await import('../ui/pitch/timer.js');
  await timedPitch(opts.project, seconds);
}
