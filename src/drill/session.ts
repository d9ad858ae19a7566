/**
 * One drill session, whatever draws it: the Ink view and `--plain` both drive this object and
 * render what it says. It owns the queue (Anki's learning, review and new queues, plus cards
 * practised ahead), answers, feedback, the interviewer's follow-up, ratings (each committed to
 * state.db at once), skip, undo (back to the undone card) and the summary.
 *
 * Learning steps work as in Anki: a card rated onto a minute step (ts-fsrs's learning and
 * relearning steps) comes back in this session once its step ends; when nothing else is left, a
 * learning card due within the learn-ahead limit (default 20 minutes) is shown early.
 *
 * Feedback is held opaquely through a FeedbackPort, so the analysis can change without touching
 * the session or its views.
 */
import type { Question } from '../content/questions.js';
import type { StateDb } from '../data/state.js';
import { inLearning, previewIntervals, rate as commitRating, ratingNames, undoReview, type EntryKind, type QueueEntry, type RatingPreview, type RatingValue } from './scheduler.js';

/** One line of feedback as a view shows it: the tone picks a colour (good ✓, missing ✗, warning !). */
export interface FeedbackLine {
  text: string;
  tone?: 'good' | 'missing' | 'warning';
}

/** How the session talks to the answer analysis; it never looks inside F. */
export interface FeedbackPort<F> {
  analyse(answer: string, question: Question): F;
  /** The feedback as lines for both views. */
  lines(feedback: F, question: Question): FeedbackLine[];
  /** What is saved with the review in drill_reviews.feedback. */
  record(feedback: F): unknown;
  /** A follow-up the analysis drew from the answer; without one the question's own followUps are asked. */
  followUp?(feedback: F, question: Question): string | undefined;
  /** Feedback on the answer to a follow-up, judged as a short answer to that question. */
  analyseFollowUp?(answer: string, followUp: string, question: Question): F;
}

export type SessionPhase = 'answer' | 'follow-up' | 'review' | 'waiting' | 'finished';

export interface CurrentCard<F> {
  question: Question;
  kind: EntryKind;
  /** A learning card's step end. */
  due?: Date;
  answer: string;
  feedback?: F;
  followUp?: { question: string; answer?: string; feedback?: F };
}

interface Rated {
  questionId: string;
  rating: RatingValue;
  kind: EntryKind;
  reviewId: number;
}

interface Snapshot<F> {
  card: CurrentCard<F>;
  main: QueueEntry<Question>[];
  learning: QueueEntry<Question>[];
  skipped: number;
}

export interface SessionOptions<F> {
  db: StateDb;
  queue: QueueEntry<Question>[];
  feedback: FeedbackPort<F>;
  /** Minutes a learning card may be shown early when nothing else is left (Anki's learn-ahead limit). */
  learnAheadMinutes: number;
  /** The session's clock (tests pass a fake one). */
  clock?: () => Date;
  /** How many times each question was reviewed before, to rotate through its follow-ups. */
  reviewsBefore?: (questionId: string) => number;
}

export interface SessionSummary {
  rated: number;
  byRating: Record<RatingValue, number>;
  /** Ratings of cards practised before their due date: they count as reviews and move the schedule. */
  ahead: number;
  skipped: number;
  /** Learning cards whose next step ends after the session (they stay scheduled). */
  learningLeft: { questionId: string; due: Date }[];
}

/** Control bytes a terminal can send (backspace bursts, Ctrl keys) are never answer text. */
export function cleanAnswer(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '').trim();
}

export class DrillSession<F> {
  private main: QueueEntry<Question>[];
  private learning: QueueEntry<Question>[] = [];
  private rated: Rated[] = [];
  private undoStack: Snapshot<F>[] = [];
  private skippedCount = 0;
  private listeners = new Set<() => void>();
  private readonly clock: () => Date;
  private readonly learnAheadMs: number;
  phase: SessionPhase = 'answer';
  current: CurrentCard<F> | undefined;
  /** A line for the view to show once (what undo did, why a key did nothing). */
  message: string | undefined;

  constructor(private readonly options: SessionOptions<F>) {
    this.clock = options.clock ?? (() => new Date());
    this.learnAheadMs = options.learnAheadMinutes * 60_000;
    this.main = options.queue.filter((e) => e.kind !== 'learning');
    this.learning = options.queue.filter((e) => e.kind === 'learning').sort(byDue);
    this.advance();
  }

  /** The view re-renders when the session changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /**
   * Cards left, as Anki counts them at the top: new, learning, review (ahead cards count as review).
   * A learning card counts once its step ends within the learn-ahead limit, as in Anki: one due
   * later in the day is not yet part of what is left to do now.
   */
  get counts(): { new: number; learning: number; review: number } {
    const horizon = this.clock().getTime() + this.learnAheadMs;
    const learningNow = this.learning.filter((e) => !e.due || e.due.getTime() <= horizon);
    const all = [...this.main, ...learningNow, ...(this.current && this.phase !== 'waiting' ? [{ kind: this.current.kind }] : [])];
    return { new: all.filter((e) => e.kind === 'new').length, learning: all.filter((e) => e.kind === 'learning').length, review: all.filter((e) => e.kind === 'review' || e.kind === 'ahead').length };
  }

  /** When the next learning card may be shown, while the session waits for it. */
  get waitingUntil(): Date | undefined {
    return this.phase === 'waiting' && this.learning[0] ? new Date(this.learning[0].due!.getTime() - this.learnAheadMs) : undefined;
  }

  /** The next learning card and when it is due, while the session waits for it. */
  get nextLearning(): QueueEntry<Question> | undefined {
    return this.learning[0];
  }

  private take(entry: QueueEntry<Question>): void {
    this.current = { question: entry.question, kind: entry.kind, due: entry.due, answer: '' };
    this.phase = 'answer';
  }

  /**
   * Picks the next card as Anki does: a learning card whose step has ended, else the next review
   * or new card, else a learning card due within the learn-ahead limit; else wait or finish.
   */
  private advance(): void {
    const now = this.clock().getTime();
    const dueLearning = this.learning[0] && this.learning[0].due!.getTime() <= now;
    if (dueLearning) return this.take(this.learning.shift()!);
    if (this.main.length) return this.take(this.main.shift()!);
    if (this.learning[0] && this.learning[0].due!.getTime() <= now + this.learnAheadMs) return this.take(this.learning.shift()!);
    this.current = undefined;
    this.phase = this.learning.length ? 'waiting' : 'finished';
  }

  /** While waiting: look at the clock again (the view calls this on a timer, --plain on Enter). */
  refresh(): void {
    if (this.phase !== 'waiting') return;
    this.advance();
    if (this.phase !== 'waiting') this.message = undefined;
    this.changed();
  }

  submitAnswer(text: string): void {
    if (this.phase !== 'answer' || !this.current) return;
    const answer = cleanAnswer(text);
    const { question } = this.current;
    this.current.answer = answer;
    this.current.feedback = answer ? this.options.feedback.analyse(answer, question) : undefined;
    const followUp = answer ? this.pickFollowUp() : undefined;
    this.current.followUp = followUp ? { question: followUp } : undefined;
    this.phase = followUp ? 'follow-up' : 'review';
    this.message = undefined;
    this.changed();
  }

  private pickFollowUp(): string | undefined {
    const { question, feedback } = this.current!;
    const drawn = feedback !== undefined ? this.options.feedback.followUp?.(feedback, question) : undefined;
    if (drawn) return drawn;
    if (!question.followUps.length) return undefined;
    // rotate through the written follow-ups across reviews, so the same one is not asked every time
    return question.followUps[(this.options.reviewsBefore?.(question.id) ?? 0) % question.followUps.length];
  }

  /** The candidate's answer to the follow-up (empty: passed). */
  submitFollowUp(text: string): void {
    if (this.phase !== 'follow-up' || !this.current?.followUp) return;
    this.current.followUp.answer = cleanAnswer(text);
    if (this.current.followUp.answer && this.options.feedback.analyseFollowUp) this.current.followUp.feedback = this.options.feedback.analyseFollowUp(this.current.followUp.answer, this.current.followUp.question, this.current.question);
    this.phase = 'review';
    this.changed();
  }

  feedbackLines(): FeedbackLine[] {
    const c = this.current;
    return c?.feedback !== undefined ? this.options.feedback.lines(c.feedback, c.question) : [];
  }

  /** Feedback on the follow-up answer, when there is one. */
  followUpLines(): FeedbackLine[] {
    const c = this.current;
    return c?.followUp?.feedback !== undefined ? this.options.feedback.lines(c.followUp.feedback, c.question) : [];
  }

  /** What each rating would do to the current card now, from ts-fsrs's preview. */
  intervals(): Record<RatingValue, RatingPreview> | undefined {
    return this.current ? previewIntervals(this.options.db, this.current.question.id, this.clock()) : undefined;
  }

  rate(rating: RatingValue): void {
    if (this.phase !== 'review' || !this.current) return;
    const c = this.current;
    const now = this.clock();
    const snapshot: Snapshot<F> = { card: c, main: [...this.main], learning: [...this.learning], skipped: this.skippedCount };
    const feedback = { ...(c.feedback !== undefined ? { analysis: this.options.feedback.record(c.feedback) } : {}), ...(c.followUp ? { followUp: { question: c.followUp.question, answer: c.followUp.answer, ...(c.followUp.feedback !== undefined ? { analysis: this.options.feedback.record(c.followUp.feedback) } : {}) } } : {}) };
    const { card, reviewId } = commitRating(this.options.db, { questionId: c.question.id, rating, answer: c.answer, feedback, now });
    this.undoStack.push(snapshot);
    this.rated.push({ questionId: c.question.id, rating, kind: c.kind, reviewId });
    if (inLearning(card)) {
      this.learning.push({ question: c.question, kind: 'learning', due: card.due });
      this.learning.sort(byDue);
    }
    this.message = `${ratingNames[rating]}: ${inLearning(card) ? `back in this session in ${intervalWords(card.due.getTime() - now.getTime())}` : `next review ${card.due.toISOString().slice(0, 10)}`}`;
    this.advance();
    this.changed();
  }

  skip(): void {
    if (!this.current || this.phase === 'waiting' || this.phase === 'finished') return;
    this.skippedCount++;
    this.message = `Skipped "${this.current.question.id}" (its schedule is unchanged)`;
    this.advance();
    this.changed();
  }

  /** Undoes this session's last rating: the card's schedule is restored and the card is shown again to rate. */
  undo(): void {
    const snapshot = this.undoStack.pop();
    const last = this.rated.pop();
    if (!snapshot || !last) {
      this.message = 'Nothing to undo in this session';
      return this.changed();
    }
    undoReview(this.options.db, last.reviewId);
    // the card on screen goes back where it came from: the snapshot's queues held it
    this.main = snapshot.main;
    this.learning = snapshot.learning;
    this.skippedCount = snapshot.skipped;
    this.current = snapshot.card;
    this.phase = 'review';
    this.message = `Undid ${ratingNames[last.rating]} on "${last.questionId}": rate it again`;
    this.changed();
  }

  get canUndo(): boolean {
    return this.rated.length > 0;
  }

  /** Ends the session now (ratings are already saved). */
  quit(): void {
    // a learning card on screen is still on its step: the summary lists it with the others
    if (this.current?.kind === 'learning' && this.current.due) this.learning = [...this.learning, { question: this.current.question, kind: 'learning' as const, due: this.current.due }].sort(byDue);
    this.current = undefined;
    this.phase = 'finished';
    this.message = undefined;
    this.changed();
  }

  summary(): SessionSummary {
    const byRating = { 1: 0, 2: 0, 3: 0, 4: 0 } as Record<RatingValue, number>;
    for (const r of this.rated) byRating[r.rating]++;
    return {
      rated: this.rated.length,
      byRating,
      ahead: this.rated.filter((r) => r.kind === 'ahead').length,
      skipped: this.skippedCount,
      learningLeft: this.learning.map((e) => ({ questionId: e.question.id, due: e.due! })),
    };
  }
}

const byDue = (a: QueueEntry<unknown>, b: QueueEntry<unknown>) => a.due!.getTime() - b.due!.getTime();

/** "10 minutes", "1 minute", "2 hours": for messages (the buttons use the short labels). */
export function intervalWords(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

/** A learning card the session ends with, and when it is due. */
export function learningLeftLine(l: { questionId: string; due: Date }, now = new Date()): string {
  const at = `${l.due.toISOString().slice(11, 16)} UTC`;
  return `still learning: ${l.questionId}, ${l.due <= now ? `due now (since ${at})` : `due at ${at} (in ${intervalWords(l.due.getTime() - now.getTime())})`}`;
}

/** The one-line session summary both views print. */
export function summaryLine(s: SessionSummary): string {
  const counts = ([1, 2, 3, 4] as RatingValue[]).map((r) => `${ratingNames[r]} ${s.byRating[r]}`).join(', ');
  const parts = [`${s.rated} rated (${counts})`, `${s.skipped} skipped`];
  if (s.ahead) parts.push(`${s.ahead} practised ahead of schedule (counted as reviews)`);
  return `Session: ${parts.join(', ')}.`;
}
