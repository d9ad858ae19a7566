/**
 * `prep drill`: practise questions with FSRS scheduling, in the Ink view or line by line
 * (--plain). Content, SQLite, ts-fsrs and Ink load when the command runs.
 */
import { Option, type Command } from 'commander';
import { createInterface } from 'node:readline';
import type { RunStore } from '../data/runs.js';
import type { StateDb } from '../data/state.js';
import type { RatingValue } from '../drill/scheduler.js';
import type { DrillSession } from '../drill/session.js';
import { DEFAULT_DESIRED_RETENTION, DEFAULT_LEARN_AHEAD_MINUTES, queueOrders, type QueueOrder } from '../drill/settings-defaults.js';
import { isInteractive } from '../env.js';
import { UsageError } from '../errors.js';
import { style, wrapForTerminal } from '../ui/text.js';
import { examples, integer, numberIn, roles } from './options.js';

const repeatable = (value: string, previous: string[] = []) => [...previous, value];

export function defineDrill(program: Command): void {
  program
    .command('drill')
    .description('practise interview questions: answer, get feedback that shows its workings, rate, and FSRS schedules the review')
    .addOption(new Option('--role <role>', 'only questions for this role').choices(roles))
    .option('--topic <topic>', 'practise the questions on this topic now, due or not (ratings count as reviews, as in Anki\'s custom study)')
    .option('--id <id>', 'practise this question now, due or not (repeatable; ratings count as reviews)', repeatable)
    .option('--new <n>', 'new questions after the due ones', integer(0, 1000), 5)
    .addOption(new Option('--order <order>', 'new questions: mixed (each from the topic you have seen least), in-order, or random').choices(queueOrders).default('mixed'))
    .option('--learn-ahead <minutes>', `when nothing else is left, show a card on a learning step this early (saved as your setting; default ${DEFAULT_LEARN_AHEAD_MINUTES})`, integer(0, 1440))
    .option('--suspend <id>', 'keep a question (a leech, say) out of drills (repeatable)', repeatable)
    .option('--unsuspend <id>', 'bring a suspended question back (repeatable)', repeatable)
    .option('--due-only', 'only questions due for review')
    .option('--plain', 'line by line without the interactive view (answers from stdin, end each with a line ".")')
    .option('--retention <p>', `desired retention for FSRS scheduling, saved as your setting (default ${DEFAULT_DESIRED_RETENTION})`, numberIn(0.7, 0.99))
    .action(run)
    .addHelpText('after', examples(['prep drill', 'prep drill --role mle --topic drift', 'prep drill --id conflict-story --id data-leakage', 'prep drill --plain < answers.txt']))
    .addHelpText(
      'after',
      [
        'Keys: Tab shows what a question probes; Esc submits an answer; 1-4 rate (the',
        'interval each gives is under it); u or Ctrl-Z undoes the last rating and shows',
        'that card again; s skips; q quits. A card rated onto a learning step comes back',
        'in the same session.',
      ].join('\n'),
    );
}

export interface DrillFlags {
  role?: string;
  topic?: string;
  id?: string[];
  new: number;
  dueOnly?: boolean;
  plain?: boolean;
  retention?: number;
  learnAhead?: number;
  order: QueueOrder;
  suspend?: string[];
  unsuspend?: string[];
}

export async function run(flags: DrillFlags): Promise<void> {
  const order = flags.order;
  const [{ openState }, { RunStore }, { figureQuestions }, { answerFeedbackPort }, { drillQuestions, matchesTopic, questionGroup }, { buildQueue, learnAheadMinutes, loadCards, setDesiredRetention, setLearnAheadMinutes }, { DrillSession }] = await Promise.all([
    import('../data/state.js'),
    import('../data/runs.js'),
    import('../drill/figure-cards.js'),
    import('../drill/feedback-port.js'),
    import('../drill/questions.js'),
    import('../drill/scheduler.js'),
    import('../drill/session.js'),
  ]);
  const db = openState();
  if (flags.suspend?.length || flags.unsuspend?.length) return suspendCommand(db, flags);
  if (!flags.plain && !isInteractive) {
    throw new UsageError('prep drill needs a terminal for its interactive view', 'Pass --plain to answer line by line (reads answers from stdin).');
  }
  if (flags.retention !== undefined) setDesiredRetention(db, flags.retention);
  if (flags.learnAhead !== undefined) setLearnAheadMinutes(db, flags.learnAhead);
  const store = new RunStore(db);
  const contentIds = flags.id?.filter((id) => !id.startsWith('figure-'));
  const bank = flags.id?.length && !contentIds?.length ? { questions: [], problems: [], unknownIds: [] } : await drillQuestions({ role: flags.role, topic: flags.topic, ids: contentIds });
  // your numbers as cards: the figures you will quote, from your newest runs (they follow --topic, and --id figure-...)
  const figures = figureQuestions(store, db).filter((q) => (flags.id?.length ? flags.id.includes(q.id) : !flags.topic || matchesTopic(q, flags.topic)));
  const questions = [...bank.questions, ...figures];
  const { problems } = bank;
  const unknownIds = [...bank.unknownIds, ...(flags.id ?? []).filter((id) => id.startsWith('figure-') && !figures.some((q) => q.id === id))];
  if (unknownIds.length) throw new UsageError(`no question with id ${unknownIds.map((id) => `"${id}"`).join(', ')}`, 'Question ids are the file names under content/questions, e.g. conflict-story; `prep drill --topic conflict` finds them by topic.');
  for (const p of problems) process.stderr.write(style('yellow', `skipped ${p.file}:${p.line}: ${p.message}\n`, process.stderr));
  // --id and --topic practise now, scheduled or not, like Anki's custom study
  const practiseNow = Boolean(flags.id?.length || flags.topic);
  const groups = new Map(questions.map((q) => [q.id, questionGroup(q)]));
  const queue = buildQueue(db, questions, { newLimit: flags.new, dueOnly: Boolean(flags.dueOnly), order, groupOf: (id) => groups.get(id) ?? 'other', practiseNow, includeSuspended: Boolean(flags.id?.length) });
  if (queue.length === 0) {
    process.stdout.write(
      flags.dueOnly
        ? 'Nothing is due. Come back later, or drop --due-only to learn new questions.\n'
        : questions.length
          ? 'Nothing is due and no new questions are left. `prep drill --topic TOPIC` or `--id ID` practises any question now.\n'
          : 'No questions match. Try without --role/--topic.\n',
    );
    return;
  }
  const cards = loadCards(db);
  const session = new DrillSession({
    db,
    queue,
    feedback: answerFeedbackPort(store),
    learnAheadMinutes: learnAheadMinutes(db),
    reviewsBefore: (id) => cards.get(id)?.reps ?? 0,
  });
  const ahead = queue.filter((e) => e.kind === 'ahead').length;
  const practiceNote = ahead
    ? `Practising now: ${ahead} card(s) not due yet are included. As in Anki's custom study, rating them counts as a review and reschedules them.`
    : undefined;
  if (flags.plain) return plainSession(session, store, practiceNote);
  const { renderDrill } = await import('../ui/drill/DrillApp.js');
  await renderDrill({ session, store, practiceNote });
}

async function suspendCommand(db: StateDb, flags: DrillFlags): Promise<void> {
  const { setSuspended } = await import('../drill/scheduler.js');
  for (const id of flags.suspend ?? []) {
    setSuspended(db, id, true);
    process.stdout.write(`suspended ${id}: it stays out of drills until \`prep drill --unsuspend ${id}\` (\`prep drill --id ${id}\` still practises it)\n`);
  }
  for (const id of flags.unsuspend ?? []) {
    setSuspended(db, id, false);
    process.stdout.write(`unsuspended ${id}: it is scheduled again\n`);
  }
}

const clock = (d: Date) => d.toISOString().slice(11, 16);

/** `--plain`: the same session, line by line (answers end with a line "."). */
async function plainSession(session: DrillSession<unknown>, store: RunStore, practiceNote?: string): Promise<void> {
  const [{ renderMarkdownToAnsi }, { modelAnswer }, { ratingNames }, { learningLeftLine, summaryLine }] = await Promise.all([
    import('../content/render.js'),
    import('../drill/questions.js'),
    import('../drill/scheduler.js'),
    import('../drill/session.js'),
  ]);
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const nextLine = async () => {
    const r = await lines.next();
    return r.done ? undefined : r.value;
  };
  // on a terminal, lines wrap at word boundaries; piped output is left alone
  const out = (text = '') => process.stdout.write(`${wrapForTerminal(text)}\n`);
  const flushMessage = () => {
    if (session.message) out(style('cyan', session.message));
    session.message = undefined;
  };
  /** Lines up to a "." line; a command line (:undo, :skip, :quit, ?) ends the read and is returned apart. */
  const readAnswer = async (commands: string[]): Promise<{ text: string; command?: string; eof?: boolean }> => {
    const got: string[] = [];
    for (;;) {
      const line = await nextLine();
      if (line === undefined) return { text: got.join('\n'), eof: true };
      if (line.trim() === '.') return { text: got.join('\n') };
      if (commands.includes(line.trim())) return { text: got.join('\n'), command: line.trim() };
      got.push(line);
    }
  };
  if (practiceNote) out(style('dim', practiceNote));
  let shown = 0;
  try {
    while (session.phase !== 'finished') {
      flushMessage();
      const c = session.current;
      if (session.phase === 'waiting') {
        const next = session.nextLearning!;
        out(`\nNext: "${next.question.title}" comes back at ${clock(next.due!)} UTC (its learning step); cards due within the learn-ahead limit are shown early.`);
        out(style('dim', 'Enter to check again, u undo the last rating, q quit (it stays scheduled).'));
        const line = await nextLine();
        if (line === undefined || line.trim() === 'q') return session.quit();
        if (line.trim() === 'u') session.undo();
        else session.refresh();
        continue;
      }
      if (!c) break;
      const q = c.question;
      if (session.phase === 'answer') {
        shown++;
        const n = session.counts;
        out(style('bold', `\n[${shown}] ${q.title}`));
        out(style('dim', `${c.kind === 'ahead' ? 'practised ahead' : c.kind} · ${q.kind} · ${q.difficulty} · left: new ${n.new}, learning ${n.learning}, review ${n.review}`));
        out(q.sections.Question);
        out(style('dim', `(about ${q.targetSeconds} s spoken) Type your answer; end it with a line ".". An empty answer reveals the model answer. A line "?" shows what they are probing; ":undo", ":skip", ":quit" alone on a line do that.`));
        for (;;) {
          const r = await readAnswer(['?', ':undo', ':skip', ':quit']);
          if (r.command === '?') {
            out(style('dim', `What they are probing: ${q.sections['What they are probing']}`));
            continue;
          }
          if (r.eof && !r.text.trim()) return session.quit();
          if (r.command === ':quit') return session.quit();
          if (r.command === ':skip') session.skip();
          else if (r.command === ':undo') session.undo();
          else session.submitAnswer(r.text);
          break;
        }
        continue;
      }
      if (session.phase === 'follow-up') {
        printFeedback(session, out);
        out(style('bold', `\nInterviewer: ${c.followUp!.question}`));
        out(style('dim', 'Answer it; end with a line "." (an empty answer passes).'));
        const r = await readAnswer([]);
        session.submitFollowUp(r.text);
        continue;
      }
      // review: the answer beside the feedback, the follow-up, the model answer, pitfalls, then the rating
      if (c.followUp === undefined) printFeedback(session, out);
      else if (c.followUp.answer) {
        out(`\nYour follow-up answer:\n${indent(c.followUp.answer)}`);
        const lines = session.followUpLines();
        if (lines.length) out([style('bold', 'Feedback on the follow-up'), ...lines.map((l) => `  ${l.text}`)].join('\n'));
      }
      out(style('bold', '\nModel answer'));
      out(await renderMarkdownToAnsi(modelAnswer(q, store)));
      out(style('bold', '\nPitfalls'));
      out(await renderMarkdownToAnsi(q.sections.Pitfalls));
      for (;;) {
        flushMessage();
        const iv = session.intervals()!;
        out(style('dim', `Rate: ${([1, 2, 3, 4] as RatingValue[]).map((r) => `${r} ${ratingNames[r]} (${iv[r].label})`).join(' · ')}; s skip, u undo, q quit`));
        const choice = (await nextLine())?.trim().toLowerCase();
        if (choice === undefined || choice === 'q') return session.quit();
        if (choice === 's') session.skip();
        else if (choice === 'u') {
          const undid = session.canUndo;
          session.undo();
          if (!undid) continue;
        } else if (['1', '2', '3', '4'].includes(choice)) session.rate(Number(choice) as RatingValue);
        else {
          out(`"${choice}" is not a choice`);
          continue;
        }
        break;
      }
    }
  } finally {
    rl.close();
    flushMessage();
    const s = session.summary();
    out(style('bold', `\n${summaryLine(s)} \`prep stats\` shows what is due.`));
    for (const l of s.learningLeft) out(learningLeftLine(l));
  }
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

function printFeedback(session: DrillSession<unknown>, out: (t?: string) => void): void {
  const c = session.current!;
  if (!c.answer) {
    out(style('dim', '\nNo answer typed: think, then compare with the model answer.'));
    return;
  }
  out(`\nYour answer:\n${indent(c.answer)}`);
  out(style('bold', '\nFeedback'));
  for (const l of session.feedbackLines()) out(`  ${l.text}`);
}
