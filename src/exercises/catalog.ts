/**
 * Exercises are folders a mentor adds under exercises/<NN_topic>/<slug>/ (see exercises/README.md):
 * exercise.json (validated here), instructions.md, hints.md, and per kind a solution.sql, an
 * expected-value rule, or a TypeScript stub with its test and .meta/solution.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../env.js';
import { UsageError } from '../errors.js';
import { findJsonError } from './json-error.js';

const expectedSchema = z.union([
  z.object({ metric: z.string().regex(/^(churn|segment|abtest)\.[\w.]+$/) }).strict(),
  z.object({ formula: z.string().min(1), inputs: z.record(z.string(), z.union([z.number(), z.string().regex(/^(churn|segment|abtest)\.[\w.]+$/)])) }).strict(),
  z.object({ sql: z.string().min(10) }).strict(),
]);

export const exerciseSchema = z
  .object({
    formatVersion: z.literal(1),
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: z.string().min(5),
    kind: z.enum(['sql', 'numeric', 'code']),
    dataset: z.enum(['telco', 'retail']).optional(),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    tags: z.array(z.string()).min(1),
    stage: z.string().regex(/^(churn|segment|abtest):[a-z-]+$/),
    tolerance: z.number().min(0).default(1e-6),
    ordered: z.boolean().default(false),
    expected: expectedSchema.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.kind === 'sql' && !e.dataset) ctx.addIssue({ code: 'custom', message: 'sql exercises need a dataset', path: ['dataset'] });
    if (e.kind === 'numeric' && !e.expected) ctx.addIssue({ code: 'custom', message: 'numeric exercises need an expected rule (metric, formula or sql)', path: ['expected'] });
    if (e.kind === 'numeric' && e.expected && 'sql' in e.expected && !e.dataset) ctx.addIssue({ code: 'custom', message: 'an sql expected value needs a dataset', path: ['dataset'] });
  });

export type ExerciseMeta = z.infer<typeof exerciseSchema>;

export interface Exercise extends ExerciseMeta {
  dir: string;
  topic: string;
  slug: string;
}

export function exercisesRoot(): string {
  return process.env.PREP_EXERCISES ?? join(packageRoot, 'exercises');
}

export interface ExerciseProblem {
  file: string;
  rule: string;
  message: string;
}

export function loadExercises(root = exercisesRoot()): { exercises: Exercise[]; problems: ExerciseProblem[] } {
  const exercises: Exercise[] = [];
  const problems: ExerciseProblem[] = [];
  if (!existsSync(root)) return { exercises, problems };
  for (const topic of readdirSync(root).sort()) {
    const topicDir = join(root, topic);
    if (!statSync(topicDir).isDirectory()) continue;
    for (const slug of readdirSync(topicDir).sort()) {
      const dir = join(topicDir, slug);
      if (!statSync(dir).isDirectory()) continue;
      const file = relative(root, join(dir, 'exercise.json'));
      let raw: unknown;
      let text = '';
      try {
        text = readFileSync(join(dir, 'exercise.json'), 'utf8');
        raw = JSON.parse(text);
      } catch (error) {
        if (!existsSync(join(dir, 'exercise.json'))) problems.push({ file, rule: 'json', message: 'missing exercise.json' });
        else {
          // V8 names a position for some errors only, and quotes the file around the rest: the
          // scanner finds the line, column and reason for every kind
          const at = error instanceof SyntaxError ? findJsonError(text) : undefined;
          if (at) problems.push({ file: `${file}:${at.line}:${at.column}`, rule: 'json', message: `not valid JSON: ${at.reason}` });
          else if (!(error instanceof SyntaxError)) problems.push({ file, rule: 'json', message: `cannot be read: ${(error as Error).message}` });
          else problems.push({ file, rule: 'json', message: `not valid JSON: ${(error as Error).message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')}` });
        }
        continue;
      }
      const parsed = exerciseSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const key = issue.path[0];
          const line = typeof key === 'string' ? text.split('\n').findIndex((l) => l.includes(`"${key}"`)) + 1 : 0;
          problems.push({ file: line > 0 ? `${file}:${line}` : file, rule: 'schema', message: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
        }
        continue;
      }
      exercises.push({ ...parsed.data, dir, topic, slug });
    }
  }
  return { exercises, problems };
}

export function findExercise(id: string, root = exercisesRoot()): Exercise {
  const { exercises } = loadExercises(root);
  const found = exercises.find((e) => e.id === id);
  if (!found) throw new UsageError(`no exercise "${id}"`, 'See `prep exercise list`.');
  return found;
}

/** Numbered hints from hints.md: "1. ...", "2. ...". */
export function hintsOf(exercise: Exercise): string[] {
  const text = readFileSync(join(exercise.dir, 'hints.md'), 'utf8');
  return text
    .split(/\n(?=\d+\.\s)/)
    .map((h) => h.trim())
    .filter((h) => /^\d+\.\s/.test(h))
    .map((h) => h.replace(/^\d+\.\s+/, ''));
}
