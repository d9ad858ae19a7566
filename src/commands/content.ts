import { join } from 'node:path';
import { lintQuestions } from '../content/lint.js';
import { packageRoot } from '../env.js';
import { isKnownMetric } from '../labs/catalogue/index.js';
import { printJson } from '../ui/text.js';
import { exercisesRoot } from '../exercises/catalog.js';
import { lintExercises } from '../exercises/lint.js';

export async function lint(opts: { json?: boolean; dir?: string; exercises?: string; quick?: boolean }): Promise<void> {
  const root = opts.dir ?? join(packageRoot, 'content');
  const { problems, questions } = lintQuestions(root, { knownMetricKey: isKnownMetric });
  const exerciseLint = await lintExercises(opts.exercises ?? exercisesRoot(), { runSolutions: !opts.quick });
  if (opts.json) printJson({ root, questions, problems, exercises: exerciseLint.exercises, exerciseProblems: exerciseLint.problems });
  else {
    for (const p of problems) process.stdout.write(`${p.file}:${p.line}: ${p.rule}: ${p.message}\n`);
    for (const p of exerciseLint.problems) process.stdout.write(`exercises/${p.file}: ${p.rule}: ${p.message}\n`);
    process.stdout.write(`${questions} question(s) and ${exerciseLint.exercises} exercise(s) checked, ${problems.length + exerciseLint.problems.length} problem(s)\n`);
  }
  if (problems.length || exerciseLint.problems.length) process.exitCode = 1;
}
