import { openState } from '../data/state.js';
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
  if (stats.leeches.length) out.push('', style('yellow', `leeches (${stats.leeches.length}): ${stats.leeches.map((l) => `${l.questionId} (${l.lapses} lapses)`).join(', ')}`));
  out.push('', 'last 90 days', activityHeatmap(stats.activity));
  if (stats.cards === 0) out.push('', 'No reviews yet: start with `prep drill`.');
  process.stdout.write(`${out.join('\n')}\n`);
}
