import { openState } from '../data/state.js';
import { LEECH_LAPSES } from '../drill/scheduler.js';
import { activityHeatmap, drillStats } from '../drill/stats.js';
import { drillQuestions } from '../drill/questions.js';
import { printJson, renderTable, style } from '../ui/text.js';

export async function run(opts: { json?: boolean }): Promise<void> {
  const stats = drillStats(openState(), (await drillQuestions()).questions);
  if (opts.json) return printJson(stats);
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
  out.push('', 'last 13 weeks', activityHeatmap(stats.activity));
  if (stats.cards === 0) out.push('', 'No reviews yet: start with `prep drill`.');
  process.stdout.write(`${out.join('\n')}\n`);
}
