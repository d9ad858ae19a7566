/**
 * `prep plan`: set the interview date and get a day-by-day plan to it, or see today's tasks with
 * ticks from what you really did. The definition is here beside its handler; the handler loads
 * content, SQLite and ts-fsrs lazily, so `prep --help` stays light.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { PlanDay, PlanProgress, Role } from '../drill/plan.js';
import { DEFAULT_MINUTES_PER_DAY, DEFAULT_PLAN_DAYS } from '../drill/settings-defaults.js';
import { integer, roles } from './options.js';

/** A calendar date as YYYY-MM-DD that exists (no 2026-02-30). */
function interviewDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const t = m ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
  return value;
}

export interface PlanOptions {
  interview?: string;
  role?: Role;
  minutesPerDay?: number;
  all?: boolean;
  json?: boolean;
}

export function definePlan(program: Command): void {
  program
    .command('plan')
    .description('a day-by-day plan to your interview date (labs, explaining your figures, new questions, FSRS reviews, pitch, mocks), or today\'s tasks with progress')
    .option('--interview <date>', `the interview date, YYYY-MM-DD (saved; default: ${DEFAULT_PLAN_DAYS / 7} weeks from today)`, interviewDate)
    .addOption(new Option('--role <role>', 'plan the questions and labs for this role').choices(roles))
    .option('--minutes-per-day <n>', `the time you have each day (default ${DEFAULT_MINUTES_PER_DAY})`, integer(10, 600))
    .option('--all', 'show every day of the plan, not only today')
    .option('--json', 'print the plan as JSON: { interview, role, days: [{ date, minutes, tasks: [{ kind, what, questions?, command }] }] }')
    .action(run)
    .addHelpText(
      'after',
      `\nWith --interview (or --role / --minutes-per-day) a new plan is made from today and saved; without them,\nprep plan shows today's tasks of the saved plan, ticked from your drill reviews, lab runs, exercises,\ntimed pitches and mock interviews.\nEvery question for the role is introduced early enough to be reviewed before the day; the review load\nof each day is forecast with FSRS. \`prep stats\` shows whether you are ahead or behind, and your predicted\nrecall on the interview day.\n\nExamples:\n  $ prep plan --interview 2026-12-29 --role mle\n  $ prep plan --interview 2026-12-29 --role analyst --minutes-per-day 45 --json\n  $ prep plan\n  $ prep plan --all\n`,
    );
}

export async function run(opts: PlanOptions): Promise<void> {
  const [{ openState }, { clockNow }, { UsageError }, session, plan, store, { loadCards, desiredRetention }, { loadExercises }, { progressOf }, text] = await Promise.all([
    import('../data/state.js'),
    import('../env.js'),
    import('../errors.js'),
    import('../drill/questions.js'),
    import('../drill/plan.js'),
    import('../drill/plan-store.js'),
    import('../drill/scheduler.js'),
    import('../exercises/catalog.js'),
    import('../exercises/progress.js'),
    import('../ui/text.js'),
  ]);
  const now = clockNow();
  const today = plan.dayOf(now);
  const db = openState();
  let saved = store.currentPlan(db);
  const replan = opts.interview !== undefined || opts.role !== undefined || opts.minutesPerDay !== undefined || !saved;
  let made = false;
  if (replan) {
    const interview = opts.interview ?? (saved && saved.interview > today ? saved.interview : plan.dayOf(new Date(now.getTime() + plan.DEFAULT_PLAN_DAYS * plan.DAY_MS)));
    if (interview <= today) throw new UsageError(`the interview date ${interview} is not after today (${today})`, 'Pass the date of your next interview: prep plan --interview YYYY-MM-DD');
    const role = opts.role ?? saved?.role ?? null;
    const minutes = opts.minutesPerDay ?? saved?.minutesPerDay ?? plan.DEFAULT_MINUTES_PER_DAY;
    // the bank plus your numbers as cards: the plan counts "can explain every figure you will quote"
    const [{ figureQuestions }, { RunStore }] = await Promise.all([import('../drill/figure-cards.js'), import('../data/runs.js')]);
    const questions = [...(await session.drillQuestions({})).questions, ...figureQuestions(new RunStore(db), db)];
    const progress = progressOf(db);
    const built = plan.buildPlan({
      now,
      interview,
      role,
      minutesPerDay: minutes,
      questions,
      cards: new Map([...loadCards(db)].map(([id, row]) => [id, row.card])),
      exercises: loadExercises().exercises,
      exercisesDone: new Set([...progress].filter(([, p]) => p.status === 'done').map(([id]) => id)),
      retention: desiredRetention(db),
    });
    store.savePlan(db, { interview, role, minutesPerDay: minutes, startDay: today, plan: built }, now);
    const left = plan.unplannedQuestions(built, questions, new Map([...loadCards(db)]));
    const heavy = built.days.filter((d) => d.minutes > minutes);
    if (heavy.length) process.stderr.write(`prep: ${heavy.length} day(s) need more than ${minutes} min (the busiest, ${heavy.reduce((a, b) => (b.minutes > a.minutes ? b : a)).date}, about ${Math.max(...heavy.map((d) => d.minutes))} min).\n`);
    if (left.length) {
      process.stderr.write(
        `prep: ${left.length} question(s) for the role do not fit in ${minutes} min a day before ${interview}, so the plan leaves them out (the last ones the drill would introduce). Raise --minutes-per-day or set a later date to cover them.\n`,
      );
    }
    saved = store.currentPlan(db)!;
    made = true;
  }
  const current = saved!;
  if (opts.json) return text.printJson(current.plan);

  const progress = store.readProgress(db);
  const { style, wrapForTerminal } = text;
  const out: string[] = [];
  const left = Math.round((Date.parse(`${current.interview}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / plan.DAY_MS);
  const roleText = current.role ? `${current.role} questions` : 'questions for every role';
  out.push(
    style('bold', `Interview on ${current.interview}`) +
      ` (${left > 0 ? `${left} day(s) left` : left === 0 ? 'today' : 'passed'}): ${roleText}, about ${current.minutesPerDay} min a day; plan made ${current.startDay}${made ? ' and saved' : ''}.`,
  );
  if (made && !opts.interview && !opts.role && !opts.minutesPerDay) out.push(style('dim', `No interview date was set: this is the guide's ${DEFAULT_PLAN_DAYS / 7} weeks. Set yours: prep plan --interview YYYY-MM-DD --role mle|ds|analyst`));
  const days = opts.all ? current.plan.days : current.plan.days.filter((d) => d.date === today);
  if (left <= 0) out.push(left === 0 ? 'The interview is today: no more plan. Good luck; afterwards, set the next date with prep plan --interview.' : 'That date has passed: set the next one with prep plan --interview YYYY-MM-DD.');
  else if (!days.length) out.push('Today is not in this plan. Make a new one from today: prep plan --interview ' + current.interview);
  for (const day of days) out.push('', ...dayLines(day, today, progress, plan, style));
  if (!opts.all && left > 0) {
    const next = current.plan.days.find((d) => d.date > today);
    if (next) out.push('', style('dim', `Tomorrow: ${next.tasks.map((t) => t.kind).join(', ')} (about ${next.minutes} min). Every day: prep plan --all. Progress: prep stats.`));
  }
  process.stdout.write(`${wrapForTerminal(out.join('\n'))}\n`);
}

function dayLines(day: PlanDay, today: string, progress: PlanProgress, plan: typeof import('../drill/plan.js'), style: typeof import('../ui/text.js').style): string[] {
  const label = day.date === today ? `Today, ${day.date}` : day.date;
  const lines = [style('bold', `${label}  (about ${day.minutes} min)`)];
  for (const task of day.tasks) {
    const p = day.date <= today ? plan.taskProgress(task, day.date, progress) : undefined;
    const mark = !p ? ' ' : p.done === null ? '?' : p.done ? style('green', '✓') : style('yellow', '·');
    const detail = p ? style('dim', ` [${p.detail}]`) : '';
    lines.push(`${mark} ${task.kind.padEnd(10)} ${task.what}${detail}`);
    lines.push(`  ${' '.repeat(10)} ${style('cyan', `$ ${task.command}`)}${task.questions && task.kind !== 'review' ? style('dim', `  ${task.questions.join(', ')}`) : ''}`);
  }
  return lines;
}
