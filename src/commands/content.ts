import { join } from 'node:path';
import { lintQuestions } from '../content/lint.js';
import { packageRoot } from '../env.js';
import { knownMetricKeys } from '../labs/metric-keys.js';
import { printJson } from '../ui/text.js';

export async function lint(opts: { json?: boolean; dir?: string }): Promise<void> {
  const root = opts.dir ?? join(packageRoot, 'content');
  const { problems, questions } = lintQuestions(root, { knownMetricKey: (k) => knownMetricKeys.has(k) });
  if (opts.json) printJson({ root, questions, problems });
  else {
    for (const p of problems) process.stdout.write(`${p.file}:${p.line}: ${p.rule}: ${p.message}\n`);
    process.stdout.write(`${questions} question(s) checked, ${problems.length} problem(s)\n`);
  }
  if (problems.length) process.exitCode = 1;
}
