/**
 * `prep mock`: a timed mock interview. The definition is here beside its handler; the handler
 * loads content, SQLite and Ink lazily.
 */
import { Option, type Command } from 'commander';
import type { MockAnswer } from '../drill/mock.js';
import type { Role } from '../drill/plan.js';
import { integer, roles } from './options.js';

export interface MockOptions {
  role?: Role;
  minutes: number;
  set: number;
  plain?: boolean;
  json?: boolean;
}

export function defineMock(program: Command): void {
  program
    .command('mock')
    .description('a timed mock interview: tell me about yourself, two behavioural, two project deep-dives with a follow-up each, SQL, statistics; feedback at the end')
    .addOption(new Option('--role <role>', 'questions for this role').choices(roles))
    .option('--minutes <n>', 'length of the interview', integer(5, 120), 45)
    .option('--set <n>', 'which question set (prep plan gives each mock day its own)', integer(0, 999), 0)
    .option('--plain', 'line by line without the interactive view (answers from stdin, end each with a line ".")')
    .option('--json', 'read answers as --plain does and print the summary as JSON: { questions: [{ id, seconds, score, flags, ... }], ... }')
    .action(run)
    .addHelpText(
      'after',
      `\nAs in a real interview, you get no feedback until the end. Then each answer gets the drill's feedback,\nand the summary shows time against target, flags, figures checked against your runs, weakest areas, and\nthe questions rated Again so they come back in \`prep drill\`.\n\nExamples:\n  $ prep mock --role ds\n  $ prep mock --role mle --minutes 30 --set 2\n  $ prep mock --plain < answers.txt\n`,
    );
}

export async function run(opts: MockOptions): Promise<void> {
  const [{ openState }, { RunStore }, { isInteractive, clockNow }, { UsageError }, session, mock, { analyseAnswer, feedbackLines }, { rate }, text, planStore] = await Promise.all([
    import('../data/state.js'),
    import('../data/runs.js'),
    import('../env.js'),
    import('../errors.js'),
    import('../drill/questions.js'),
    import('../drill/mock.js'),
    import('../drill/feedback.js'),
    import('../drill/scheduler.js'),
    import('../ui/text.js'),
    import('../drill/plan-store.js'),
  ]);
  const plain = opts.plain || opts.json;
  if (!plain && !isInteractive) throw new UsageError('prep mock needs a terminal for its interactive view', 'Pass --plain to answer line by line (reads answers from stdin).');
  const db = openState();
  const store = new RunStore(db);
  const { questions } = await session.drillQuestions({ role: opts.role });
  const turns = mock.mockTurns(questions, opts.set);
  if (!turns.length) throw new UsageError('no questions for a mock interview with these options', 'Try without --role.');

  let answers: MockAnswer[];
  if (plain) answers = await plainAnswers(turns, opts, text.style, Boolean(opts.json));
  else {
    const { renderMock } = await import('../ui/mock/MockApp.js');
    answers = await renderMock({ turns, minutes: opts.minutes });
  }

  const feedback = answers.map((a) => (a.answer.trim() ? analyseAnswer(a.answer, { ...a.turn.question, targetSeconds: a.turn.targetSeconds }, store) : undefined));
  const results = answers.map((a, i) => mock.mockResult(a, feedback[i]));
  const summary = mock.summariseMock(results, questions, opts.minutes);
  // the weak answers go back into the drill: rated Again, due again within minutes
  const now = clockNow();
  for (const id of summary.requeued) {
    const i = answers.findIndex((a) => a.turn.question.id === id && !a.turn.followUp);
    rate(db, { questionId: id, rating: 1, answer: answers[i]?.answer ?? '', feedback: ['mock interview', ...(feedback[i]?.summary ?? [])], now });
  }
  planStore.saveMockSession(db, { role: opts.role ?? null, set: opts.set, summary }, now);
  if (opts.json) return text.printJson(summary);
  const out: string[] = ['', text.style('bold', 'Feedback, answer by answer')];
  answers.forEach((a, i) => {
    out.push('', text.style('bold', a.turn.followUp ? `↳ ${a.turn.followUp}` : a.turn.question.title));
    const f = feedback[i];
    if (!f) out.push('  no answer');
    else for (const line of feedbackLines(f, a.turn.followUp ? 'technical' : a.turn.question.kind)) out.push(`  ${line}`);
  });
  out.push('', text.style('bold', 'Summary'), ...mock.summaryLines(summary));
  process.stdout.write(`${text.wrapForTerminal(out.join('\n'))}\n`);
}

async function plainAnswers(turns: import('../drill/mock.js').MockTurn[], opts: MockOptions, style: typeof import('../ui/text.js').style, quiet: boolean): Promise<MockAnswer[]> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  // with --json, stdout carries only the JSON: the interviewer's prompts go to stderr
  const say = (s = '') => (quiet ? process.stderr : process.stdout).write(`${s}\n`);
  say(style('bold', `Mock interview, ${opts.minutes} min: answer as you would aloud; feedback comes at the end. End each answer with a line holding only ".".`));
  const answers: MockAnswer[] = [];
  try {
    for (const [i, turn] of turns.entries()) {
      say('');
      say(style('bold', turn.followUp ? `Follow-up: ${turn.followUp}` : `[${i + 1}/${turns.length}] ${turn.question.title}`));
      if (!turn.followUp) say(turn.prompt);
      say(style('dim', `(about ${turn.targetSeconds} s spoken)`));
      const started = Date.now();
      const body: string[] = [];
      let ended = false;
      for (;;) {
        const r = await lines.next();
        if (r.done) {
          ended = true;
          break;
        }
        if (r.value.trim() === '.') break;
        body.push(r.value);
      }
      answers.push({ turn, answer: body.join('\n').trim(), seconds: (Date.now() - started) / 1000 });
      if (ended) break;
    }
  } finally {
    rl.close();
  }
  // stdin ended early: the remaining questions count as unanswered
  for (const turn of turns.slice(answers.length)) answers.push({ turn, answer: '', seconds: 0 });
  return answers;
}
