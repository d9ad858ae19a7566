/**
 * `prep stats`: drill progress, plan standing and pitch history. SQLite and the scheduler load
 * when the command runs.
 */
import type { Command } from 'commander';
import { clockNow } from '../env.js';
import { printJson, renderTable, style } from '../ui/text.js';

export function defineStats(program: Command): void {
  program
    .command('stats')
    .description('your drill progress: due cards, true retention, streak, strength by topic, leeches (with how to suspend them), 13-week activity')
    .option('--json', 'print JSON')
    .action(run);
}

export async function run(opts: { json?: boolean }): Promise<void> {
  const [{ openState }, { currentPlan, pitchHistory, readProgress }, { pitchVerdict, planStanding, questionsForRole, recallOnInterview }, { LEECH_LAPSES, desiredRetention, loadCards }, { activityHeatmap, drillStats }, { drillQuestions }] = await Promise.all([
    import('../data/state.js'),
    import('../drill/plan-store.js'),
    import('../drill/plan.js'),
    import('../drill/scheduler.js'),
    import('../drill/stats.js'),
    import('../drill/questions.js'),
  ]);
  const db = openState();
  const now = clockNow();
  const questions = (await drillQuestions()).questions;
  const stats = drillStats(db, questions, now);
  const saved = currentPlan(db);
  // progress against the interview plan (prep plan) and predicted recall on the day, when a plan is set
  const plan = saved && {
    interview: saved.interview,
    role: saved.role,
    standing: planStanding(saved.plan, readProgress(db), now),
    recallOnInterview: recallOnInterview(questionsForRole(questions, saved.role), new Map([...loadCards(db)].map(([id, row]) => [id, row.card])), saved.interview, desiredRetention(db)),
  };
  const pitches = pitchHistory(db, 10).map((p) => ({ ...p, verdict: pitchVerdict(p.seconds, p.targetSeconds).verdict }));
  if (opts.json) return printJson({ ...stats, ...(plan ? { plan } : {}), pitches });
  const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(0)}%`);
  const out = [
    style('bold', 'Drill statistics'),
    `due today ${stats.dueToday}, this week ${stats.dueThisWeek}; ${stats.cards} cards learned, ${stats.reviews} reviews`,
    `true retention ${pct(stats.trueRetention)} (reviews of learned cards not rated Again); streak ${stats.streakDays} day(s)`,
  ];
  if (stats.byTopic.length) out.push('', renderTable(['topic (weakest first)', 'cards', 'mean stability (days)', 'Again rate'], stats.byTopic.map((t) => [t.topic, t.cards, Number(t.meanStability.toFixed(1)), pct(t.againRate)])));
  if (stats.leeches.length) {
    // Anki's leech: forgotten LEECH_LAPSES times or more; rewrite the question or set it aside
    out.push('', style('yellow', `leeches: questions forgotten ${LEECH_LAPSES} or more times (${stats.leeches.length})`));
    for (const l of stats.leeches) out.push(`  ${l.questionId}${l.title ? ` "${l.title}"` : ''}: ${l.lapses} lapses${l.suspended ? ' (suspended)' : `; set it aside with \`prep drill --suspend ${l.questionId}\``}`);
  }
  if (stats.suspended.length) out.push('', `suspended (kept out of drills): ${stats.suspended.join(', ')}; bring one back with \`prep drill --unsuspend ID\`, or practise it with \`prep drill --id ID\``);
  if (plan) {
    const s = plan.standing;
    const verdict = s.ahead > 0 ? style('green', `ahead by ${s.ahead} task(s)`) : s.ahead < 0 ? style('yellow', `behind by ${-s.ahead} task(s)`) : 'on plan';
    out.push('', style('bold', `Plan to the interview on ${plan.interview}`) + ` (${s.daysLeft} day(s) of plan left)`);
    out.push(`${s.done} of ${s.planned} tracked task(s) due by today done: ${verdict} (reviews are a forecast and not counted; the day-before checklist is yours to tick)`);
    for (const b of s.behind.slice(0, 5)) out.push(style('dim', `  not done: ${b.date} ${b.kind}: ${b.what} [${b.detail}]`));
    if (s.behind.length > 5) out.push(style('dim', `  ... and ${s.behind.length - 5} more: prep plan --all`));
    out.push('', renderTable(['topic (weakest first)', 'questions', 'seen', `predicted recall on ${plan.interview}`], plan.recallOnInterview.map((t) => [t.topic, t.questions, t.seen, pct(t.recall)])));
    out.push(style('dim', 'Predicted recall: FSRS retrievability of each card on the interview morning if you stop reviewing now; a question never seen counts as 0.'));
  }
  if (pitches.length) {
    out.push('', renderTable(['pitch (newest first)', 'project', 'target s', 'took s', '', 'your rating'], pitches.map((p) => [p.at.toISOString().slice(0, 16).replace('T', ' '), p.project, p.targetSeconds, Number(p.seconds.toFixed(1)), p.verdict, p.rating === null ? '-' : ['poor', 'fair', 'good', 'great'][p.rating - 1]!])));
  }
  out.push('', 'last 13 weeks', activityHeatmap(stats.activity));
  if (stats.cards === 0) out.push('', 'No reviews yet: start with `prep drill`.');
  process.stdout.write(`${out.join('\n')}\n`);
}
