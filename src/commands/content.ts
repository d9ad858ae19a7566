import { join } from 'node:path';
import { lintQuestions } from '../content/lint.js';
import { packageRoot } from '../env.js';
import { stageNames as churnStages } from '../labs/churn/types.js';
import { knownMetricKeys } from '../labs/metric-keys.js';
import { sanitizeForTerminal } from '../terminal-text.js';
import { printJson } from '../ui/text.js';
import { exercisesRoot } from '../exercises/catalog.js';
import { lintExercises } from '../exercises/lint.js';

/** Every "lab:stage" a question link or an exercise may name: the labs' stages and their commands. */
export const knownLabStages: ReadonlySet<string> = new Set([
  ...[...churnStages, 'serve', 'loadtest', 'drift', 'retrain'].map((s) => `churn:${s}`),
  ...['clean', 'eda', 'rfm', 'kmeans', 'concentration', 'cohorts', 'clv', 'recommendations'].map((s) => `segment:${s}`),
  ...['plan', 'analyze', 'simulate'].map((s) => `abtest:${s}`),
]);

export async function lint(opts: { json?: boolean; dir?: string; exercises?: string; quick?: boolean }): Promise<void> {
  const root = opts.dir ?? join(packageRoot, 'content');
  const knownMetricKey = (k: string) => knownMetricKeys.has(k);
  const knownStage = (s: string) => knownLabStages.has(s);
  const { problems, questions } = lintQuestions(root, { knownMetricKey, knownStage });
  const exerciseLint = await lintExercises(opts.exercises ?? exercisesRoot(), { runSolutions: !opts.quick, knownMetricKey, knownStage });
  if (opts.json) printJson({ root, questions, problems, exercises: exerciseLint.exercises, exerciseProblems: exerciseLint.problems });
  else {
    const say = (line: string) => process.stdout.write(`${sanitizeForTerminal(line)}\n`);
    for (const p of problems) say(`${p.file}:${p.line}: ${p.rule}: ${p.message}`);
    for (const p of exerciseLint.problems) say(`exercises/${p.file}: ${p.rule}: ${p.message}`);
    say(`${questions} question(s) and ${exerciseLint.exercises} exercise(s) checked, ${problems.length + exerciseLint.problems.length} problem(s)`);
  }
  if (problems.length || exerciseLint.problems.length) process.exitCode = 1;
}
