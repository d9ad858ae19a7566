/**
 * Exercise lint for mentors: schema, unique ids, the files each kind needs and no stray ones,
 * numbered hints, every SQL and code solution passes, every code stub fails, every expected-value
 * query of a numeric exercise gives a number.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { exercisesRoot, loadExercises, type Exercise, type ExerciseProblem } from './catalog.js';
import { checkSql, expectedQueryValue, runCodeTests } from './check.js';
import { parseFormula } from './formula.js';

const requiredFiles = (e: Exercise): string[] => {
  const common = ['exercise.json', 'instructions.md', 'hints.md'];
  if (e.kind === 'sql') return [...common, 'solution.sql'];
  if (e.kind === 'code') return [...common, `${e.slug}.ts`, `${e.slug}.test.ts`, '.meta'];
  return common;
};

/** Lint runs every solution, often beside other work (CI, a test suite): only a query this slow is a runaway. */
const lintQueryTimeoutMs = 120_000;

export async function lintExercises(root = exercisesRoot(), options: { runSolutions?: boolean; queryTimeoutMs?: number; knownMetricKey?: (labDotKey: string) => boolean; knownStage?: (labColonStage: string) => boolean } = {}): Promise<{ problems: ExerciseProblem[]; exercises: number }> {
  const { exercises, problems } = loadExercises(root);
  const seen = new Map<string, string>();
  const codeRuns: { name: string; module: string; implementation: string; test: string; expectPass: boolean; exercise: Exercise }[] = [];
  for (const e of exercises) {
    const rel = (f: string) => relative(root, join(e.dir, f));
    if (e.id !== e.slug) problems.push({ file: rel('exercise.json'), rule: 'id', message: `id "${e.id}" differs from its folder name "${e.slug}"` });
    if (options.knownStage && !options.knownStage(e.stage)) problems.push({ file: rel('exercise.json'), rule: 'stage', message: `stage "${e.stage}" names no lab stage` });
    if (options.knownMetricKey && e.expected) {
      const refs = 'metric' in e.expected ? [e.expected.metric] : 'inputs' in e.expected ? Object.values(e.expected.inputs).filter((v): v is string => typeof v === 'string') : [];
      for (const ref of refs) if (!options.knownMetricKey(ref)) problems.push({ file: rel('exercise.json'), rule: 'metric', message: `"${ref}" names no metric a lab records` });
    }
    if (seen.has(e.id)) problems.push({ file: rel('exercise.json'), rule: 'duplicate-id', message: `id "${e.id}" is also used by ${seen.get(e.id)}` });
    else seen.set(e.id, rel('exercise.json'));
    const need = requiredFiles(e);
    for (const f of need) if (!existsSync(join(e.dir, f))) problems.push({ file: rel(f), rule: 'missing-file', message: `a ${e.kind} exercise needs ${f}` });
    for (const f of readdirSync(e.dir)) if (!need.includes(f)) problems.push({ file: rel(f), rule: 'stray-file', message: `${f} is not part of a ${e.kind} exercise` });
    if (existsSync(join(e.dir, 'hints.md'))) {
      const numbers = [...readFileSync(join(e.dir, 'hints.md'), 'utf8').matchAll(/^(\d+)\.\s/gm)].map((m) => Number(m[1]));
      if (numbers.length === 0 || numbers.some((n, i) => n !== i + 1)) problems.push({ file: rel('hints.md'), rule: 'hints', message: 'hints must be numbered 1., 2., 3. ... in order' });
    }
    // the scaffold marks every place a mentor must write with TODO; a code stub may keep its own
    for (const f of need.filter((f) => f !== `${e.slug}.ts` && f !== '.meta').concat(e.kind === 'code' ? ['.meta/solution.ts'] : [])) {
      const path = join(e.dir, f);
      if (!existsSync(path)) continue;
      const lines = readFileSync(path, 'utf8').split('\n');
      const at = lines.findIndex((l) => /\bTODO\b/.test(l));
      if (at >= 0) problems.push({ file: `${rel(f)}:${at + 1}`, rule: 'unfinished', message: `still has the scaffold's TODO: ${lines[at]!.trim().slice(0, 80)}` });
    }
    if (e.expected && 'formula' in e.expected) {
      try {
        parseFormula(e.expected.formula, Object.keys(e.expected.inputs));
      } catch (error) {
        problems.push({ file: rel('exercise.json'), rule: 'formula', message: `expected.formula: ${(error as Error).message}` });
      }
    }
    if (!options.runSolutions) continue;
    if (e.kind === 'sql' && existsSync(join(e.dir, 'solution.sql'))) {
      const verdict = await checkSql(e, readFileSync(join(e.dir, 'solution.sql'), 'utf8'), { timeoutMs: options.queryTimeoutMs ?? lintQueryTimeoutMs }).catch((error: Error) => ({ passed: false, summary: error.message, details: [] }));
      if (!verdict.passed) problems.push({ file: rel('solution.sql'), rule: 'solution-fails', message: verdict.summary });
    }
    if (e.expected && 'sql' in e.expected) {
      // the value every answer is compared with: a query that returns nothing makes every answer wrong
      const outcome = await expectedQueryValue(e, e.expected.sql, { timeoutMs: options.queryTimeoutMs ?? lintQueryTimeoutMs }).catch((error: Error) => `fails: ${error.message}`);
      if (typeof outcome === 'string') {
        const line = readFileSync(join(e.dir, 'exercise.json'), 'utf8').split('\n').findIndex((l) => l.includes('"sql"')) + 1;
        problems.push({ file: line > 0 ? `${rel('exercise.json')}:${line}` : rel('exercise.json'), rule: 'expected-sql', message: `expected.sql ${outcome}` });
      }
    }
    if (e.kind === 'code' && need.every((f) => existsSync(join(e.dir, f)))) {
      codeRuns.push({ name: `${e.slug}--stub`, module: e.slug, implementation: join(e.dir, `${e.slug}.ts`), test: join(e.dir, `${e.slug}.test.ts`), expectPass: false, exercise: e });
      codeRuns.push({ name: `${e.slug}--solution`, module: e.slug, implementation: join(e.dir, '.meta', 'solution.ts'), test: join(e.dir, `${e.slug}.test.ts`), expectPass: true, exercise: e });
    }
  }
  if (codeRuns.length) {
    // one vitest child for every stub and solution: starting vitest is the slow part
    const results = await runCodeTests(codeRuns.map(({ name, module, implementation, test }) => ({ name, module, implementation, test })), 180_000);
    for (const run of codeRuns) {
      const r = results.get(run.name)!;
      if (r.passed !== run.expectPass) {
        problems.push({ file: relative(root, run.expectPass ? join(run.exercise.dir, '.meta', 'solution.ts') : join(run.exercise.dir, `${run.exercise.slug}.ts`)), rule: run.expectPass ? 'solution-fails' : 'stub-passes', message: run.expectPass ? `the reference solution fails its tests: ${r.output.split('\n')[0]}` : 'the stub already passes its tests: they test nothing the learner writes' });
      }
    }
  }
  return { problems, exercises: exercises.length };
}
