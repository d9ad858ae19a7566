/**
 * The interview plan in state.db, and what the candidate really did (drill reviews, lab runs,
 * passed exercises, mock interviews, timed pitches), read for the plan's ticks and `prep stats`.
 */
import type { StateDb } from '../data/state.js';
import type { InterviewPlan, PlanProgress, Role } from './plan.js';

export interface SavedPlan {
  interview: string;
  role: Role | null;
  minutesPerDay: number;
  startDay: string;
  plan: InterviewPlan;
  createdAt: string;
}

export function savePlan(db: StateDb, saved: Omit<SavedPlan, 'createdAt'>, now: Date): void {
  db.prepare(`INSERT INTO interview_plans (interview, role, minutes_per_day, start_day, plan, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
    saved.interview,
    saved.role,
    saved.minutesPerDay,
    saved.startDay,
    JSON.stringify(saved.plan),
    now.toISOString(),
  );
}

/** The plan in force: the newest one saved. */
export function currentPlan(db: StateDb): SavedPlan | undefined {
  const row = db.prepare(`SELECT interview, role, minutes_per_day, start_day, plan, created_at FROM interview_plans ORDER BY id DESC LIMIT 1`).get() as
    | { interview: string; role: Role | null; minutes_per_day: number; start_day: string; plan: string; created_at: string }
    | undefined;
  if (!row) return undefined;
  return { interview: row.interview, role: row.role, minutesPerDay: row.minutes_per_day, startDay: row.start_day, plan: JSON.parse(row.plan) as InterviewPlan, createdAt: row.created_at };
}

/** A finished mock interview, for the plan's ticks (the summary is kept for later review). */
export function saveMockSession(db: StateDb, session: { role: Role | null; set: number; summary: unknown }, now: Date): void {
  db.prepare(`INSERT INTO mock_sessions (role, question_set, finished_at, summary) VALUES (?, ?, ?, ?)`).run(session.role, session.set, now.toISOString(), JSON.stringify(session.summary));
}

export interface PitchAttempt {
  project: string;
  targetSeconds: number;
  seconds: number;
  /** The candidate's own rating, 1 poor to 4 great; null when skipped. */
  rating: number | null;
  at: Date;
}

export function savePitch(db: StateDb, attempt: PitchAttempt): void {
  db.prepare(`INSERT INTO pitch_sessions (project, target_seconds, seconds, rating, practised_at) VALUES (?, ?, ?, ?, ?)`).run(attempt.project, attempt.targetSeconds, attempt.seconds, attempt.rating, attempt.at.toISOString());
}

/** Timed pitches, newest first. */
export function pitchHistory(db: StateDb, limit = 20): PitchAttempt[] {
  const rows = db.prepare(`SELECT project, target_seconds, seconds, rating, practised_at FROM pitch_sessions ORDER BY practised_at DESC, id DESC LIMIT ?`).all(limit) as { project: string; target_seconds: number; seconds: number; rating: number | null; practised_at: string }[];
  return rows.map((r) => ({ project: r.project, targetSeconds: r.target_seconds, seconds: r.seconds, rating: r.rating, at: new Date(r.practised_at) }));
}

export function readProgress(db: StateDb): PlanProgress {
  const reviews = db.prepare(`SELECT question_id, rating, reviewed_at, card_before IS NULL AS first FROM drill_reviews ORDER BY id`).all() as { question_id: string; rating: number; reviewed_at: string; first: number }[];
  const runs = db.prepare(`SELECT lab, started_at FROM runs WHERE status = 'ok'`).all() as { lab: string; started_at: string }[];
  // metrics are amended onto a run later (loadtest writes serve.* on the model's run): first seen = the run's start
  const figures = db.prepare(`SELECT r.lab || '.' || m.key AS key, MIN(r.started_at) AS at FROM metrics m JOIN runs r ON r.id = m.run_id WHERE r.status = 'ok' GROUP BY 1`).all() as { key: string; at: string }[];
  const exercises = db.prepare(`SELECT exercise_id, last_checked_at FROM exercise_progress WHERE status = 'done'`).all() as { exercise_id: string; last_checked_at: string }[];
  const mocks = db.prepare(`SELECT question_set, finished_at FROM mock_sessions`).all() as { question_set: number; finished_at: string }[];
  const pitches = db.prepare(`SELECT project, target_seconds, practised_at FROM pitch_sessions`).all() as { project: string; target_seconds: number; practised_at: string }[];
  return {
    pitches: pitches.map((p) => ({ project: p.project, targetSeconds: p.target_seconds, at: new Date(p.practised_at) })),
    mocks: mocks.map((m) => ({ set: m.question_set, at: new Date(m.finished_at) })),
    reviews: reviews.map((r) => ({ questionId: r.question_id, rating: r.rating, at: new Date(r.reviewed_at), firstSight: r.first === 1 })),
    runs: runs.map((r) => ({ lab: r.lab, at: new Date(r.started_at) })),
    figures: figures.map((f) => ({ key: f.key, at: new Date(f.at) })),
    exercisesDone: exercises.map((e) => ({ id: e.exercise_id, at: new Date(e.last_checked_at) })),
  };
}
