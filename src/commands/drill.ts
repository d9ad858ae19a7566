import { createInterface } from 'node:readline';
import { isInteractive } from '../env.js';
import { UsageError } from '../errors.js';
import { openState } from '../data/state.js';
import { RunStore } from '../data/runs.js';
import { renderMarkdownToAnsi } from '../content/render.js';
import { analyseAnswer, feedbackLines } from '../drill/feedback.js';
import { buildQueue, rate, ratingNames, setDesiredRetention, undoLast, type RatingValue } from '../drill/scheduler.js';
import type { Question } from '../content/questions.js';
import { drillQuestions, modelAnswer } from '../drill/questions.js';
import { style } from '../ui/text.js';

export interface DrillFlags {
  role?: string;
  topic?: string;
  new: number;
  dueOnly?: boolean;
  plain?: boolean;
  retention?: number;
}

export async function run(flags: DrillFlags): Promise<void> {
  if (!flags.plain && !isInteractive) {
    throw new UsageError('prep drill needs a terminal for its interactive view', 'Pass --plain to answer line by line (reads answers from stdin).');
  }
  const db = openState();
  if (flags.retention !== undefined) setDesiredRetention(db, flags.retention);
  const store = new RunStore(db);
  const { questions, problems } = await drillQuestions({ role: flags.role, topic: flags.topic });
  for (const p of problems) process.stderr.write(style('yellow', `skipped ${p.file}:${p.line}: ${p.message}\n`, process.stderr));
  const queue = buildQueue(db, questions, { newLimit: flags.new, dueOnly: Boolean(flags.dueOnly) });
  if (queue.length === 0) {
    process.stdout.write(flags.dueOnly ? 'Nothing is due. Come back later, or drop --due-only to learn new questions.\n' : 'No questions match. Try without --role/--topic.\n');
    return;
  }
  if (flags.plain) return plainSession(queue.map((q) => q.question), db, store);
  const { renderDrill } = await import('../ui/drill/DrillApp.js');
  await renderDrill({ queue: queue.map((q) => q.question), db, store });
}

async function plainSession(queue: Question[], db: ReturnType<typeof openState>, store: RunStore): Promise<void> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const nextLine = async () => {
    const r = await lines.next();
    return r.done ? undefined : r.value;
  };
  const out = (text = '') => process.stdout.write(`${text}\n`);
  const rated: { id: string; rating: number }[] = [];
  let skipped = 0;
  try {
    for (let i = 0; i < queue.length; i++) {
      const q = queue[i]!;
      out(style('bold', `\n[${i + 1}/${queue.length}] ${q.title}`));
      out(q.sections.Question);
      out(style('dim', `(about ${q.targetSeconds} s spoken) Type your answer; end it with a line holding only "." (an empty answer reveals the model answer).`));
      const answerLines: string[] = [];
      let line: string | undefined;
      while ((line = await nextLine()) !== undefined && line.trim() !== '.') answerLines.push(line);
      const answer = answerLines.join('\n').trim();
      const feedback = answer ? analyseAnswer(answer, q, store) : undefined;
      if (feedback) {
        out(style('bold', '\nFeedback'));
        for (const l of feedbackLines(feedback, q.kind)) out(`  ${l}`);
      }
      out(style('bold', '\nModel answer'));
      out(await renderMarkdownToAnsi(modelAnswer(q, store)));
      out(style('bold', '\nPitfalls'));
      out(await renderMarkdownToAnsi(q.sections.Pitfalls));
      for (;;) {
        out(style('dim', 'Rate: 1 Again, 2 Hard, 3 Good, 4 Easy; s skip, u undo the last rating, q quit'));
        const choice = (await nextLine())?.trim().toLowerCase();
        if (choice === undefined || choice === 'q') return;
        if (choice === 's') {
          skipped++;
          break;
        }
        if (choice === 'u') {
          // only this session's ratings, as in the interactive drill
          const undone = rated.length > 0 ? undoLast(db) : undefined;
          out(undone ? `undid ${ratingNames[undone.rating as RatingValue]} on ${undone.questionId}` : 'nothing to undo in this session');
          if (undone) rated.pop();
          continue;
        }
        if (['1', '2', '3', '4'].includes(choice)) {
          const rating = Number(choice) as RatingValue;
          const { card } = rate(db, { questionId: q.id, rating, answer, feedback: feedback?.summary ?? [] });
          rated.push({ id: q.id, rating });
          out(`${ratingNames[rating]}: next review ${card.due.toISOString().slice(0, 16).replace('T', ' ')}`);
          break;
        }
        out(`"${choice}" is not a choice`);
      }
    }
  } finally {
    rl.close();
    const counts = [1, 2, 3, 4].map((r) => `${ratingNames[r as RatingValue]} ${rated.filter((x) => x.rating === r).length}`).join(', ');
    out(style('bold', `\nSession: ${rated.length} rated (${counts}), ${skipped} skipped. \`prep stats\` shows what is due.`));
  }
}
