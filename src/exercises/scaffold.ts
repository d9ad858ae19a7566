/**
 * `prep exercise new`: the folder a mentor starts from. Every file is marked TODO where the mentor
 * must write, and lint refuses an exercise that still has a TODO outside a code stub, so an
 * untouched scaffold never passes. The id and topic become folder names: they are checked here
 * (not only in the prompts) and the folder must resolve inside the exercises root.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { confinedPath } from '../paths.js';

export const exerciseIdPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const topicPattern = /^\d{2}_[a-z0-9_]+$/;
export const stagePattern = /^(churn|segment|abtest):[a-z-]+$/;
export type ExerciseKind = 'sql' | 'numeric' | 'code';
export const exerciseKinds: readonly ExerciseKind[] = ['sql', 'numeric', 'code'];

export interface ScaffoldSpec {
  id: string;
  title: string;
  kind: ExerciseKind;
  topic: string;
  stage: string;
  dataset?: 'telco' | 'retail';
}

export function validateScaffold(spec: ScaffoldSpec): void {
  if (!exerciseIdPattern.test(spec.id)) throw new UsageError(`--id "${spec.id}" is not a kebab-case id`, 'Lower-case letters and digits joined by -, e.g. sql-churn-by-tenure.');
  if (!topicPattern.test(spec.topic)) throw new UsageError(`--topic "${spec.topic}" is not a topic folder name`, 'Two digits, an underscore and lower-case words, e.g. 01_sql.');
  if (!stagePattern.test(spec.stage)) throw new UsageError(`--stage "${spec.stage}" is not a lab stage`, 'lab:stage, e.g. churn:profile or segment:rfm.');
  if (spec.title.trim().length < 5) throw new UsageError('--title needs at least 5 characters');
  if (spec.kind === 'sql' && !spec.dataset) throw new UsageError('an sql exercise needs --dataset telco or retail');
}

/** Writes the scaffold under root/topic/id and returns the folder. */
export function scaffoldExercise(root: string, spec: ScaffoldSpec): string {
  validateScaffold(spec);
  const dir = confinedPath(root, spec.topic, spec.id);
  if (existsSync(dir)) throw new UsageError(`${dir} already exists`);
  mkdirSync(dir, { recursive: true });
  const { id, title, kind, topic, stage, dataset } = spec;
  const meta: Record<string, unknown> = { formatVersion: 1, id, title, kind, difficulty: 'easy', tags: [topic.replace(/^\d+_/, '')], stage };
  if (dataset) meta.dataset = dataset;
  if (kind === 'numeric') meta.expected = { formula: 'a / b', inputs: { a: 1, b: 2 } };
  writeFileSync(join(dir, 'exercise.json'), `${JSON.stringify(meta, null, 2)}\n`);
  writeFileSync(join(dir, 'instructions.md'), `# ${title}\n\nTODO: what the learner should do, and which lab stage it relates to.\n`);
  writeFileSync(join(dir, 'hints.md'), '1. TODO: a first nudge.\n2. TODO: a stronger hint.\n');
  if (kind === 'sql') writeFileSync(join(dir, 'solution.sql'), '-- TODO: the reference query\nSELECT 1;\n');
  if (kind === 'code') {
    mkdirSync(join(dir, '.meta'));
    writeFileSync(join(dir, `${id}.ts`), `// TODO: implement\nexport function solve(): number {\n  throw new Error('not implemented');\n}\n`);
    writeFileSync(join(dir, `${id}.test.ts`), `import { solve } from './${id}';\n\n// TODO: tests that only a right solution passes\ntest('solves', () => {\n  expect(solve()).toBe(42);\n});\n`);
    writeFileSync(join(dir, '.meta', 'solution.ts'), `// TODO: the reference solution\nexport function solve(): number {\n  return 42;\n}\n`);
  }
  return dir;
}
