/** Where a learner works on an exercise, and their progress in state.db (content stays read-only). */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StateDb } from '../data/state.js';
import { dataHome } from '../env.js';
import type { Exercise } from './catalog.js';

export function workspaceDir(exercise: Exercise, override?: string): string {
  return override ?? join(dataHome(), 'exercises', exercise.id);
}

export function answerFile(exercise: Exercise, dir: string): string {
  return join(dir, exercise.kind === 'sql' ? 'query.sql' : exercise.kind === 'numeric' ? 'answer.txt' : `${exercise.slug}.ts`);
}

/** Copies the stub (or an empty answer file) into the workspace; reset overwrites. */
export function startExercise(exercise: Exercise, dir: string, overwrite: boolean): { file: string; created: boolean } {
  mkdirSync(dir, { recursive: true });
  const file = answerFile(exercise, dir);
  if (existsSync(file) && !overwrite) return { file, created: false };
  if (exercise.kind === 'code') copyFileSync(join(exercise.dir, `${exercise.slug}.ts`), file);
  else writeFileSync(file, exercise.kind === 'sql' ? `-- ${exercise.title}\n-- Write one SELECT (or WITH) query on the ${exercise.dataset} dataset below.\n\n` : `# ${exercise.title}\n# Write your answer as a number on the next line.\n\n`);
  return { file, created: true };
}

export type ExerciseStatus = 'new' | 'attempted' | 'done';

export function progressOf(db: StateDb): Map<string, { status: ExerciseStatus; attempts: number }> {
  const rows = db.prepare(`SELECT exercise_id, status, attempts FROM exercise_progress`).all() as { exercise_id: string; status: ExerciseStatus; attempts: number }[];
  return new Map(rows.map((r) => [r.exercise_id, { status: r.status, attempts: r.attempts }]));
}

export function recordAttempt(db: StateDb, id: string, passed: boolean): void {
  db.prepare(
    `INSERT INTO exercise_progress (exercise_id, attempts, status, last_checked_at) VALUES (?, 1, ?, ?)
     ON CONFLICT (exercise_id) DO UPDATE SET attempts = attempts + 1,
       status = CASE WHEN exercise_progress.status = 'done' OR excluded.status = 'done' THEN 'done' ELSE 'attempted' END,
       last_checked_at = excluded.last_checked_at`,
  ).run(id, passed ? 'done' : 'attempted', new Date().toISOString());
}
