/**
 * Spaced repetition with FSRS (ts-fsrs): one card per question, rated Again / Hard / Good / Easy.
 * Every rating is written to state.db at once, with the card as it was before, so a killed
 * process loses nothing already rated and `u` can undo exactly.
 */
import { currentPlan } from './plan-store.js';
import { dueForInterview } from './plan.js';
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type Grade } from 'ts-fsrs';
import type { StateDb } from '../data/state.js';
import { DEFAULT_DESIRED_RETENTION, DEFAULT_LEARN_AHEAD_MINUTES, queueOrders, type QueueOrder } from './settings-defaults.js';

export const ratingNames = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' } as const;
export type RatingValue = keyof typeof ratingNames;

/** Anki's default: a card that lapses this many times is a leech. */
export const LEECH_LAPSES = 8;

export function desiredRetention(db: StateDb): number {
  const row = db.prepare(`SELECT value FROM settings WHERE key = 'desiredRetention'`).get() as { value: string } | undefined;
  return row ? Number(row.value) : DEFAULT_DESIRED_RETENTION;
}

export function setDesiredRetention(db: StateDb, retention: number): void {
  db.prepare(`INSERT INTO settings (key, value) VALUES ('desiredRetention', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(retention));
}

export { DEFAULT_LEARN_AHEAD_MINUTES };

function setting(db: StateDb, key: string): string | undefined {
  return (db.prepare(`SELECT value FROM settings WHERE key = ?`).get(key) as { value: string } | undefined)?.value;
}

function saveSetting(db: StateDb, key: string, value: string): void {
  db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(key, value);
}

export function learnAheadMinutes(db: StateDb): number {
  const raw = setting(db, 'learnAheadMinutes');
  const minutes = Number(raw);
  return raw !== undefined && Number.isFinite(minutes) && minutes >= 0 ? minutes : DEFAULT_LEARN_AHEAD_MINUTES;
}

export function setLearnAheadMinutes(db: StateDb, minutes: number): void {
  saveSetting(db, 'learnAheadMinutes', String(minutes));
}

/** Suspended questions never enter a queue on their own (an explicit --id still practises them). */
export function suspendedIds(db: StateDb): Set<string> {
  const raw = setting(db, 'suspendedQuestions');
  return new Set(raw ? (JSON.parse(raw) as string[]) : []);
}

export function setSuspended(db: StateDb, questionId: string, suspended: boolean): void {
  const ids = suspendedIds(db);
  if (suspended) ids.add(questionId);
  else ids.delete(questionId);
  saveSetting(db, 'suspendedQuestions', JSON.stringify([...ids].sort()));
}

function scheduler(db: StateDb) {
  return fsrs(generatorParameters({ request_retention: desiredRetention(db) }));
}

const reviveCard = (json: string): Card => {
  let c: (Card & { due: string; last_review?: string }) | undefined;
  try {
    c = JSON.parse(json) as Card & { due: string; last_review?: string };
  } catch {
    c = undefined;
  }
  // a card damaged in state.db starts again as a new card (its reviews stay in drill_reviews), instead of failing every drill
  if (!c || typeof c !== 'object' || Number.isNaN(new Date(c.due).getTime())) return createEmptyCard(new Date());
  return { ...c, due: new Date(c.due), last_review: c.last_review ? new Date(c.last_review) : undefined };
};

export interface CardRow {
  questionId: string;
  card: Card;
  due: Date;
  lapses: number;
  reps: number;
}

export function loadCards(db: StateDb, now = new Date()): Map<string, CardRow> {
  const rows = db.prepare(`SELECT question_id, card, lapses, reps FROM drill_cards`).all() as { question_id: string; card: string; lapses: number; reps: number }[];
  // With an interview date, the desired retention must hold on that day: a card FSRS scheduled
  // after the interview whose recall on the day would fall below the target (it was scheduled at a
  // lower retention, or the target was raised for the interview) comes back before the day.
  const plan = currentPlan(db);
  const interview = plan && plan.interview > now.toISOString().slice(0, 10) ? plan.interview : undefined;
  const retention = interview ? desiredRetention(db) : 0;
  return new Map(rows.map((r) => {
    const card = reviveCard(r.card);
    const due = interview && !inLearning(card) ? dueForInterview(card, interview, retention, now) : card.due;
    return [r.question_id, { questionId: r.question_id, card, due, lapses: r.lapses, reps: r.reps }];
  }));
}

function storedCard(db: StateDb, questionId: string): Card | undefined {
  const row = db.prepare(`SELECT card FROM drill_cards WHERE question_id = ?`).get(questionId) as { card: string } | undefined;
  return row ? reviveCard(row.card) : undefined;
}

/** A learning or relearning card: on short (minute) steps, so it comes back within the session. */
export const inLearning = (card: Card) => card.state === State.Learning || card.state === State.Relearning;

/** What each rating would do to a card now: the due dates ts-fsrs previews. */
export function preview(db: StateDb, questionId: string, now: Date): Record<RatingValue, Date> {
  const p = previewIntervals(db, questionId, now);
  return { 1: p[1].due, 2: p[2].due, 3: p[3].due, 4: p[4].due };
}

export interface RatingPreview {
  due: Date;
  /** Anki's style: "1m", "10m", "4d", "3.2mo", "1.1y". */
  label: string;
  /** The card stays on a short step and comes back in this session. */
  learning: boolean;
}

/** The interval each rating would give the card now, from ts-fsrs's own preview (the numbers under the buttons). */
export function previewIntervals(db: StateDb, questionId: string, now: Date): Record<RatingValue, RatingPreview> {
  const p = scheduler(db).repeat(storedCard(db, questionId) ?? createEmptyCard(now), now);
  const one = (r: Grade): RatingPreview => ({ due: p[r].card.due, label: formatInterval(p[r].card.due.getTime() - now.getTime()), learning: inLearning(p[r].card) });
  return { 1: one(Rating.Again), 2: one(Rating.Hard), 3: one(Rating.Good), 4: one(Rating.Easy) };
}

/** A duration the way Anki labels its buttons: minutes under an hour, hours under a day, then days, months, years. */
export function formatInterval(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${Math.round(minutes)}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${(days / 30).toFixed(1).replace(/\.0$/, '')}mo`;
  return `${(days / 365).toFixed(1).replace(/\.0$/, '')}y`;
}

export interface ReviewInput {
  questionId: string;
  rating: RatingValue;
  answer: string;
  feedback: unknown;
  now?: Date;
}

/** Applies a rating and commits it (card and review log) in one transaction. */
export function rate(db: StateDb, input: ReviewInput): { card: Card; reviewId: number } {
  const now = input.now ?? new Date();
  const before = db.prepare(`SELECT card FROM drill_cards WHERE question_id = ?`).get(input.questionId) as { card: string } | undefined;
  const card = before ? reviveCard(before.card) : createEmptyCard(now);
  const next = scheduler(db).next(card, now, input.rating as Grade).card;
  const reviewId = db.transaction(() => {
    db.prepare(
      `INSERT INTO drill_cards (question_id, card, due, lapses, reps, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (question_id) DO UPDATE SET card = excluded.card, due = excluded.due, lapses = excluded.lapses, reps = excluded.reps, updated_at = excluded.updated_at`,
    ).run(input.questionId, JSON.stringify(next), next.due.toISOString(), next.lapses, next.reps, now.toISOString());
    return Number(
      db
        .prepare(`INSERT INTO drill_reviews (question_id, rating, reviewed_at, answer, feedback, card_before, due_after) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(input.questionId, input.rating, now.toISOString(), input.answer, JSON.stringify(input.feedback ?? {}), before?.card ?? null, next.due.toISOString()).lastInsertRowid,
    );
  })();
  return { card: next, reviewId };
}

/** Undoes the most recent rating: the card returns to exactly what it was (or to new). */
export function undoLast(db: StateDb): { questionId: string; rating: number } | undefined {
  const last = db.prepare(`SELECT id FROM drill_reviews ORDER BY id DESC LIMIT 1`).get() as { id: number } | undefined;
  return last ? undoReview(db, last.id) : undefined;
}

/** Undoes one rating by its review id (a session undoes its own, whatever else was rated meanwhile). */
export function undoReview(db: StateDb, reviewId: number): { questionId: string; rating: number } | undefined {
  const last = db.prepare(`SELECT id, question_id, rating, card_before FROM drill_reviews WHERE id = ?`).get(reviewId) as
    | { id: number; question_id: string; rating: number; card_before: string | null }
    | undefined;
  if (!last) return undefined;
  db.transaction(() => {
    if (last.card_before === null) db.prepare(`DELETE FROM drill_cards WHERE question_id = ?`).run(last.question_id);
    else {
      const card = reviveCard(last.card_before);
      db.prepare(`UPDATE drill_cards SET card = ?, due = ?, lapses = ?, reps = ? WHERE question_id = ?`).run(last.card_before, card.due.toISOString(), card.lapses, card.reps, last.question_id);
    }
    db.prepare(`DELETE FROM drill_reviews WHERE id = ?`).run(last.id);
  })();
  return { questionId: last.question_id, rating: last.rating };
}

export { queueOrders, type QueueOrder };

/** Why a card is in the queue: Anki's three queues, plus cards practised ahead of their date. */
export type EntryKind = 'learning' | 'review' | 'new' | 'ahead';

export interface QueueEntry<Q> {
  question: Q;
  kind: EntryKind;
  /** For a learning card: when its step ends (the session shows it then, or within the learn-ahead limit). */
  due?: Date;
}

export interface QueueOptions {
  newLimit: number;
  dueOnly: boolean;
  now?: Date;
  /** How new cards are ordered: mixed (default) takes each from the group seen least so far. */
  order?: QueueOrder;
  /** The group a question belongs to (its content folder); new cards rotate through groups. */
  groupOf?: (questionId: string) => string;
  /** Practise these questions now, due or not (like Anki's custom study: the ratings count as reviews). */
  practiseNow?: boolean;
  /** Suspended questions too (they were asked for by id). */
  includeSuspended?: boolean;
  /** For order 'random' (tests pass one; the session uses Math.random). */
  random?: () => number;
}

/**
 * The session's queue: learning cards already due, due reviews (most overdue first), then new
 * questions. Learning cards whose step ends later come back as `learning` entries with a due time,
 * which the session shows when due. With practiseNow, cards not yet due follow as `ahead`.
 * Suspended questions are left out unless includeSuspended (asked for by id).
 */
export function buildQueue<Q extends { id: string }>(db: StateDb, questions: Q[], options: QueueOptions): QueueEntry<Q>[] {
  const now = options.now ?? new Date();
  const cards = loadCards(db, now);
  const suspended = options.includeSuspended ? new Set<string>() : suspendedIds(db);
  const pool = questions.filter((q) => !suspended.has(q.id));
  const byDue = (a: Q, b: Q) => cards.get(a.id)!.due.getTime() - cards.get(b.id)!.due.getTime();
  const seen = pool.filter((q) => cards.has(q.id));
  const learning = seen.filter((q) => inLearning(cards.get(q.id)!.card) && cards.get(q.id)!.due.getTime() - now.getTime() < 86_400_000).sort(byDue);
  const isLearning = new Set(learning.map((q) => q.id));
  const due = seen.filter((q) => !isLearning.has(q.id) && cards.get(q.id)!.due <= now).sort(byDue);
  const ahead = options.practiseNow && !options.dueOnly ? seen.filter((q) => !isLearning.has(q.id) && cards.get(q.id)!.due > now).sort(byDue) : [];
  const unseen = pool.filter((q) => !cards.has(q.id));
  const fresh = options.dueOnly ? [] : orderNew(db, unseen, options).slice(0, options.practiseNow ? unseen.length : options.newLimit);
  return [
    ...learning.map((question) => ({ question, kind: 'learning' as const, due: cards.get(question.id)!.due })),
    ...due.map((question) => ({ question, kind: 'review' as const })),
    ...fresh.map((question) => ({ question, kind: 'new' as const })),
    ...ahead.map((question) => ({ question, kind: 'ahead' as const })),
  ];
}

/**
 * New questions in the chosen order. 'mixed' interleaves groups: each next card comes from the
 * group with the fewest cards seen so far (counting earlier sessions), ties in content order, so
 * the first session is not five behavioural questions and later sessions reach every group.
 */
export function orderNew<Q extends { id: string }>(db: StateDb, unseen: Q[], options: Pick<QueueOptions, 'order' | 'groupOf' | 'random'>): Q[] {
  const order = options.order ?? 'mixed';
  if (order === 'in-order') return unseen;
  if (order === 'random') {
    const random = options.random ?? Math.random;
    const out = [...unseen];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  const groupOf = options.groupOf ?? (() => 'all');
  const seenPerGroup = new Map<string, number>();
  for (const id of loadCards(db).keys()) seenPerGroup.set(groupOf(id), (seenPerGroup.get(groupOf(id)) ?? 0) + 1);
  const groups = new Map<string, Q[]>();
  for (const q of unseen) groups.set(groupOf(q.id), [...(groups.get(groupOf(q.id)) ?? []), q]);
  const out: Q[] = [];
  while (out.length < unseen.length) {
    let best: string | undefined;
    for (const [g, left] of groups) if (left.length && (best === undefined || (seenPerGroup.get(g) ?? 0) < (seenPerGroup.get(best) ?? 0))) best = g;
    out.push(groups.get(best!)!.shift()!);
    seenPerGroup.set(best!, (seenPerGroup.get(best!) ?? 0) + 1);
  }
  return out;
}
