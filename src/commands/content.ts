import { join } from 'node:path';
import { lintQuestions } from '../content/lint.js';
import { packageRoot } from '../env.js';
import { knownMetricKeys } from '../labs/metric-keys.js';
import { printJson, progressBar } from '../ui/text.js';
import { exercisesRoot } from '../exercises/catalog.js';
import { lintExercises } from '../exercises/lint.js';

export async function lint(opts: { json?: boolean; dir?: string; exercises?: string; quick?: boolean }): Promise<void> {
  const root = opts.dir ?? join(packageRoot, 'content');
  // running every reference solution takes a while: say so on stderr as it goes
  const bar = progressBar('content lint');
  bar.update('questions', 0);
  const { problems, questions } = lintQuestions(root, { knownMetricKey: (k) => knownMetricKeys.has(k) });
  bar.update(opts.quick ? 'exercises (--quick: solutions not run)' : 'exercises: running every stub and reference solution', 0.2);
  const exerciseLint = await lintExercises(opts.exercises ?? exercisesRoot(), { runSolutions: !opts.quick });
  bar.done();
  if (opts.json) printJson({ root, questions, problems, exercises: exerciseLint.exercises, exerciseProblems: exerciseLint.problems });
  else {
    for (const p of problems) process.stdout.write(`${p.file}:${p.line}: ${p.rule}: ${p.message}\n`);
    for (const p of exerciseLint.problems) process.stdout.write(`exercises/${p.file}: ${p.rule}: ${p.message}\n`);
    process.stdout.write(`${questions} question(s) and ${exerciseLint.exercises} exercise(s) checked, ${problems.length + exerciseLint.problems.length} problem(s)\n`);
  }
  if (problems.length || exerciseLint.problems.length) process.exitCode = 1;
}
