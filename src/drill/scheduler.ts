/**
 * Spaced repetition with FSRS (ts-fsrs): one card per question, rated Again / Hard / Good / Easy.
 * Every rating is written to state.db at once, with the card as it was before, so a killed
 * process loses nothing already rated and `u` can undo exactly.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';
import type { StateDb } from '../data/state.js';

export const ratingNames = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' } as const;
export type RatingValue = keyof typeof ratingNames;

/** Anki's default: a card that lapses this many times is a leech. */
export const LEECH_LAPSES = 8;

export function desiredRetention(db: StateDb): number {
  const row = db.prepare(`SELECT value FROM settings WHERE key = 'desiredRetention'`).get() as { value: string } | undefined;
  return row ? Number(row.value) : 0.9;
}

export function setDesiredRetention(db: StateDb, retention: number): void {
  db.prepare(`INSERT INTO settings (key, value) VALUES ('desiredRetention', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(retention));
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

export function loadCards(db: StateDb): Map<string, CardRow> {
  const rows = db.prepare(`SELECT question_id, card, lapses, reps FROM drill_cards`).all() as { question_id: string; card: string; lapses: number; reps: number }[];
  return new Map(rows.map((r) => {
    const card = reviveCard(r.card);
    return [r.question_id, { questionId: r.question_id, card, due: card.due, lapses: r.lapses, reps: r.reps }];
  }));
}

/** What each rating would do to a card now: the due dates ts-fsrs previews. */
export function preview(db: StateDb, questionId: string, now: Date): Record<RatingValue, Date> {
  const existing: Card = loadCards(db).get(questionId)?.card ?? createEmptyCard(now);
  const p = scheduler(db).repeat(existing, now);
  return { 1: p[Rating.Again].card.due, 2: p[Rating.Hard].card.due, 3: p[Rating.Good].card.due, 4: p[Rating.Easy].card.due };
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
  const last = db.prepare(`SELECT id, question_id, rating, card_before FROM drill_reviews ORDER BY id DESC LIMIT 1`).get() as
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

export interface QueueOptions {
  newLimit: number;
  dueOnly: boolean;
  now?: Date;
}

/** Due cards first (most overdue first), then up to newLimit questions never seen. */
export function buildQueue<Q extends { id: string }>(db: StateDb, questions: Q[], options: QueueOptions): { question: Q; due: boolean }[] {
  const now = options.now ?? new Date();
  const cards = loadCards(db);
  const due = questions.filter((q) => cards.has(q.id) && cards.get(q.id)!.due <= now).sort((a, b) => cards.get(a.id)!.due.getTime() - cards.get(b.id)!.due.getTime());
  const fresh = options.dueOnly ? [] : questions.filter((q) => !cards.has(q.id)).slice(0, options.newLimit);
  return [...due.map((question) => ({ question, due: true })), ...fresh.map((question) => ({ question, due: false }))];
}
