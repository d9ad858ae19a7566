import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lintExercises } from '../../src/exercises/lint.js';
import { scaffoldExercise } from '../../src/exercises/scaffold.js';
import { makeTempHome, runPrep } from '../helpers/home.js';

describe('prep exercise new', () => {
  // spawns the built bin/prep.js, which Stryker's sandbox has not got (PREP_MUTATION_RUN: vitest.mutation.config.ts)
  it.skipIf(process.env.PREP_MUTATION_RUN)('refuses an id or topic that would write outside the exercises folder (flags, not only prompts)', () => {
    const parent = makeTempHome();
    const root = join(parent, 'exercises');
    for (const [id, topic] of [['../../evil', '01_sql'], ['ok-id', '../../x'], ['ok-id', '/tmp'], ['a/b', '01_sql'], ['ok-id', '01_sql/../..']]) {
      const r = runPrep(['exercise', 'new', '--id', id, '--title', 'A title', '--kind', 'sql', '--topic', topic, '--stage', 'churn:profile', '--dataset', 'telco'], { home: parent, env: { PREP_EXERCISES: root } });
      expect(r.status, `${id} ${topic}`).toBe(2);
      expect(r.stderr).toMatch(/is not a (kebab-case id|topic folder name)/);
    }
    expect(readdirSync(parent).filter((f) => f !== 'state.db' && !f.startsWith('state.db-'))).toEqual([]);
  });

  it('writes a scaffold that lint refuses until every TODO is replaced, even with --quick', async () => {
    const root = makeTempHome();
    for (const kind of ['sql', 'numeric', 'code'] as const) {
      const dir = scaffoldExercise(root, { id: `new-${kind}`, title: 'A new exercise', kind, topic: '04_new', stage: 'churn:profile', dataset: kind === 'sql' ? 'telco' : undefined });
      expect(existsSync(join(dir, 'exercise.json'))).toBe(true);
    }
    const { problems, exercises } = await lintExercises(root, { runSolutions: false });
    expect(exercises).toBe(3);
    const unfinished = new Set(problems.filter((p) => p.rule === 'unfinished').map((p) => p.file.split('/')[1]));
    expect(unfinished).toEqual(new Set(['new-sql', 'new-numeric', 'new-code']));
  });
});
