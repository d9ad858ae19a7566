/**
 * `prep feedback <question-id> [FILE|-]`: feedback on a written answer, the same as the drill
 * gives, without rating it or touching the schedule. For candidates polishing an answer and for
 * mentors testing content. The definition sits with its handler; everything heavy loads in the
 * action, so `prep --help` stays fast.
 */
import type { Command } from 'commander';
import { decodeTextInput, inputFileOrStdin, integer } from './options.js';

/** The wrap width when stdout is not a terminal. */
const defaultWidth = 100;

export interface FeedbackFlags {
  json?: boolean;
  width?: number;
}

export function defineFeedback(program: Command): void {
  program
    .command('feedback')
    .description('feedback on a written answer to one question, as the drill gives it, without touching your schedule')
    .argument('<question-id>', 'the question, by id (the file name under content/questions, e.g. conflict-story)')
    .argument('[file]', 'the answer: a text or markdown file, or - for stdin (default: stdin when it is not a terminal)', inputFileOrStdin)
    .option('--json', 'print the feedback as JSON for scripts')
    .option('--width <columns>', `wrap the text view at this width (default: the terminal, else ${defaultWidth})`, integer(40, 400))
    .action(run)
    .addHelpText(
      'after',
      `
What you get: a score 0-100 and how it was reached; STAR parts (Situation,
Task, Action, Result) from your labels or from what your sentences do, each
with the sentence that earned it; talking points, covered only by a real
sentence that is not negated (quoted); red flags with the sentence that raised
each (blame, no-recall, we-not-i, no-result, accuracy-without-context,
unbacked-figure, too-short, too-long, fillers, vague, keyword-list); every
figure checked against your runs; and the follow-up an interviewer would ask.
Nothing is rated or scheduled. Length is judged at 130-160 words a minute.

JSON: { question, star: { situation|task|action|result: { found, sentence } },
points: [{ point, covered, evidence }], flags: [{ kind, sentence, why }],
figures: [...as prep story check], words, seconds: [lo, hi], score,
scoreSteps, followUp: { question, source } }

Examples:
  $ prep feedback conflict-story answer.md
  $ pbpaste | prep feedback class-imbalance-smote -
  $ prep feedback class-imbalance-smote answer.txt --json | jq .score
`,
    );
}

async function readAnswer(file: string | undefined): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const { UsageError } = await import('../errors.js');
  if (file === undefined || file === '-') {
    if (file === undefined && process.stdin.isTTY) throw new UsageError('no answer given', 'Pass a file, or pipe the answer in: prep feedback QUESTION-ID - < answer.txt');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return decodeTextInput(Buffer.concat(chunks), 'the answer on standard input');
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return decodeTextInput(bytes, file);
}

export async function run(questionId: string, file: string | undefined, opts: FeedbackFlags): Promise<void> {
  const { UsageError } = await import('../errors.js');
  const { drillQuestions } = await import('../drill/questions.js');
  const { questions, problems } = await drillQuestions({});
  const question = questions.find((q) => q.id === questionId);
  if (!question) {
    const broken = problems.find((p) => p.file.endsWith(`/${questionId}.md`) || p.file === `${questionId}.md`);
    if (broken) throw new UsageError(`question ${questionId} does not load: ${broken.file}:${broken.line}: ${broken.message}`);
    const near = questions.map((q) => q.id).filter((id) => id.includes(questionId) || questionId.split('-').some((part) => part.length > 3 && id.includes(part)));
    throw new UsageError(`no question with id "${questionId}"`, near.length ? `Did you mean: ${near.slice(0, 5).join(', ')}?` : 'The ids are the file names under content/questions (prep drill --topic lists them by topic).');
  }
  // the answer is quoted back in the feedback: the one terminal sanitizer (escape sequences whole, C0/C1 controls)
  const { sanitizeForTerminal } = await import('../terminal-text.js');
  const answer = sanitizeForTerminal(await readAnswer(file));
  if (!answer.trim()) throw new UsageError('the answer is empty', 'Write the answer as you would say it, then pass the file or pipe it in.');
  const { RunStore } = await import('../data/runs.js');
  const { analyseAnswer } = await import('../drill/feedback.js');
  const feedback = analyseAnswer(answer, question, new RunStore());
  const { printJson, style } = await import('../ui/text.js');
  if (opts.json) return printJson(feedback);
  const { feedbackViewRows } = await import('../drill/feedback-view.js');
  const width = opts.width ?? (process.stdout.isTTY ? process.stdout.columns : defaultWidth);
  const tone = { heading: (t: string) => style('bold', t), good: (t: string) => style('green', t), bad: (t: string) => style('red', t), warn: (t: string) => style('yellow', t), dim: (t: string) => style('dim', t), plain: (t: string) => t };
  const lines = [style('bold', question.title), ...feedbackViewRows(feedback, { width }).map((r) => tone[r.tone](r.text))];
  process.stdout.write(`${lines.join('\n')}\n`);
}
