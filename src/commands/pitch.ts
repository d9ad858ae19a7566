import { RunStore } from '../data/runs.js';
import { isInteractive } from '../env.js';
import { UsageError } from '../errors.js';
import { draftStory, type Project } from '../story/draft.js';
import { style, wrapForTerminal } from '../ui/text.js';

export async function run(opts: { seconds: string; project: string; dataset?: string }): Promise<void> {
  const seconds = Number(opts.seconds);
  if (seconds !== 30 && seconds !== 90) throw new UsageError('--seconds must be 30 or 90');
  if (opts.project !== 'churn' && opts.project !== 'segment') throw new UsageError('--project must be churn or segment');
  const story = draftStory(new RunStore(), opts.project as Project, 'ds', { dataset: opts.dataset });
  const outline = seconds === 30 ? story.pitch30 : story.pitch90;
  const words = outline.split(/\s+/).length;
  process.stdout.write(wrapForTerminal(`${style('bold', `${seconds}-second pitch, ${opts.project} project`)} (outline from runs ${story.runIds.join(', ')} on ${story.dataset ?? 'an unnamed dataset'}${story.dataset === 'telco' ? ", IBM's fictional sample" : ''}; ${words} words ≈ ${Math.round((words / 145) * 60)} s at 145 words a minute)\n\n${outline}\n\n`));
  if (!isInteractive) return;
  const { timedPitch } = await import('../ui/pitch/timer.js');
  await timedPitch(opts.project, seconds);
}
