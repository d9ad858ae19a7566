/**
 * `prep stats`: what is due, how reviews went, true retention (share of reviews of cards already
 * learned that were not rated Again), streak, strength by topic, leeches, and a 13-week heatmap.
 */
import type { Question } from '../content/questions.js';
import type { StateDb } from '../data/state.js';
import { LEECH_LAPSES, loadCards, suspendedIds } from './scheduler.js';

const DAY = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export interface DrillStats {
  cards: number;
  dueToday: number;
  dueThisWeek: number;
  reviews: number;
  trueRetention: number | null;
  streakDays: number;
  byTopic: { topic: string; cards: number; meanStability: number; againRate: number | null }[];
  leeches: { questionId: string; title?: string; lapses: number; suspended: boolean }[];
  suspended: string[];
  activity: { day: string; reviews: number }[];
}

export function drillStats(db: StateDb, questions: Question[], now = new Date()): DrillStats {
  const cards = loadCards(db);
  const endOfToday = new Date(now.toISOString().slice(0, 10) + 'T23:59:59.999Z');
  const dueToday = [...cards.values()].filter((c) => c.due <= endOfToday).length;
  const dueThisWeek = [...cards.values()].filter((c) => c.due.getTime() <= endOfToday.getTime() + 6 * DAY).length;
  const reviews = db.prepare(`SELECT question_id, rating, reviewed_at, card_before FROM drill_reviews ORDER BY id`).all() as { question_id: string; rating: number; reviewed_at: string; card_before: string | null }[];
  // true retention counts reviews of cards already learned (not a card's first review)
  const mature = reviews.filter((r) => r.card_before !== null);
  const trueRetention = mature.length ? mature.filter((r) => r.rating > 1).length / mature.length : null;
  const perDay = new Map<string, number>();
  for (const r of reviews) perDay.set(r.reviewed_at.slice(0, 10), (perDay.get(r.reviewed_at.slice(0, 10)) ?? 0) + 1);
  // consecutive days with reviews, ending today (or yesterday, if today has none yet)
  let streakDays = 0;
  let cursor = perDay.has(dayOf(now)) ? now : new Date(now.getTime() - DAY);
  while (perDay.has(dayOf(cursor))) {
    streakDays++;
    cursor = new Date(cursor.getTime() - DAY);
  }
  const suspended = suspendedIds(db);
  const titleOf = new Map(questions.map((q) => [q.id, q.title]));
  const topicOf = new Map(questions.map((q) => [q.id, q.topics[0] ?? 'other']));
  const topics = new Map<string, { cards: number; stability: number; again: number; rated: number }>();
  for (const c of cards.values()) {
    const t = topicOf.get(c.questionId) ?? 'other';
    const e = topics.get(t) ?? { cards: 0, stability: 0, again: 0, rated: 0 };
    e.cards++;
    e.stability += c.card.stability;
    topics.set(t, e);
  }
  for (const r of reviews) {
    const e = topics.get(topicOf.get(r.question_id) ?? 'other');
    if (!e) continue;
    e.rated++;
    if (r.rating === 1) e.again++;
  }
  // 13 whole weeks, Sunday to Saturday, the last one this week up to today: the heatmap is a full grid
  const days = 12 * 7 + now.getUTCDay() + 1;
  const activity = Array.from({ length: days }, (_, i) => {
    const day = dayOf(new Date(now.getTime() - (days - 1 - i) * DAY));
    return { day, reviews: perDay.get(day) ?? 0 };
  });
  return {
    cards: cards.size,
    dueToday,
    dueThisWeek,
    reviews: reviews.length,
    trueRetention,
    streakDays,
    byTopic: [...topics.entries()].map(([topic, e]) => ({ topic, cards: e.cards, meanStability: e.stability / e.cards, againRate: e.rated ? e.again / e.rated : null })).sort((a, b) => a.meanStability - b.meanStability),
    leeches: [...cards.values()]
      .filter((c) => c.lapses >= LEECH_LAPSES)
      .sort((a, b) => b.lapses - a.lapses)
      .map((c) => ({ questionId: c.questionId, title: titleOf.get(c.questionId), lapses: c.lapses, suspended: suspended.has(c.questionId) })),
    suspended: [...suspended].sort(),
    activity,
  };
}

/**
 * The activity as a calendar: one row per weekday, one column per week (oldest left, this week right),
 * every row the same width: days before the window or after today are blank. A header marks the
 * week in which each month starts; a legend says what the shades mean.
 */
export function activityHeatmap(activity: { day: string; reviews: number }[]): string {
  const shades = ['·', '░', '▒', '▓', '█'];
  const max = Math.max(1, ...activity.map((a) => a.reviews));
  const firstWeekday = new Date(`${activity[0]!.day}T00:00:00Z`).getUTCDay();
  const weeks = Math.ceil((firstWeekday + activity.length) / 7);
  const rows: string[][] = Array.from({ length: 7 }, () => Array.from({ length: weeks }, () => ' '));
  const months: string[] = Array.from({ length: weeks }, () => ' ');
  const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  activity.forEach((a, i) => {
    const cell = firstWeekday + i;
    const week = Math.floor(cell / 7);
    rows[cell % 7]![week] = a.reviews === 0 ? shades[0]! : shades[Math.min(4, 1 + Math.floor((3 * a.reviews) / max))]!;
    // a month's label goes in the week holding its first day, if there is room for three letters
    if (a.day.endsWith('-01') && week + 3 <= weeks && (week === 0 || months[week - 1] === ' ') && months.slice(week, week + 3).every((m) => m === ' ')) {
      const name = monthNames[Number(a.day.slice(5, 7)) - 1]!;
      for (let k = 0; k < 3; k++) months[week + k] = name[k]!;
    }
  });
  const names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return [`    ${months.join('')}`, ...rows.map((r, i) => `${names[i]} ${r.join('')}`), `    ${shades[0]} none  ${shades[1]}${shades[2]}${shades[3]}${shades[4]} more (most ${max} a day)`].join('\n');
}
