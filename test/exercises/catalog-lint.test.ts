/**
 * Exercise folders in process (src/exercises/catalog.ts, lint.ts, scaffold.ts, progress.ts): the
 * schema's patterns with near misses, problems reported with file:line, hints, each lint message,
 * the scaffold's names, ids and file texts, and the workspace and progress records. Every tree is
 * written here into a private temp folder; nothing is spawned.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeState, openState } from '../../src/data/state.js';
import { exerciseSchema, exercisesRoot, findExercise, hintsOf, loadExercises, type Exercise } from '../../src/exercises/catalog.js';
import { lintExercises } from '../../src/exercises/lint.js';
import { exerciseIdPattern, exerciseKinds, scaffoldExercise, stagePattern, topicPattern, validateScaffold, type ScaffoldSpec } from '../../src/exercises/scaffold.js';
import { answerFile, progressOf, recordAttempt, startExercise, workspaceDir } from '../../src/exercises/progress.js';
import { PrepError, UsageError } from '../../src/errors.js';
import { homeWithDatasets, makeTempHome, repoRoot } from '../helpers/home.js';

afterEach(() => closeState());

const caught = (f: () => unknown): PrepError => {
  try {
    f();
  } catch (e) {
    return e as PrepError;
  }
  throw new Error('no error thrown');
};

const base = { formatVersion: 1, title: 'A fine title', difficulty: 'easy', tags: ['t'], stage: 'churn:profile' };
const sqlMeta = (id: string, over: Record<string, unknown> = {}) => ({ ...base, id, kind: 'sql', dataset: 'telco', ...over });
const numericMeta = (id: string, over: Record<string, unknown> = {}) => ({ ...base, id, kind: 'numeric', expected: { formula: 'a / b', inputs: { a: 1, b: 2 } }, ...over });

/** Writes root/topic/slug with exercise.json (an object is JSON-encoded with 2 spaces) and other files. */
function put(root: string, topic: string, slug: string, meta: object | string, files: Record<string, string> = {}): string {
  const dir = join(root, topic, slug);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'exercise.json'), typeof meta === 'string' ? meta : `${JSON.stringify(meta, null, 2)}\n`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
const complete = { 'instructions.md': '# Do it\n', 'hints.md': '1. first\n2. second\n' };
const completeSql = { ...complete, 'solution.sql': 'SELECT 1;\n' };

describe('the exercise schema', () => {
  const parse = (meta: object) => exerciseSchema.safeParse(meta);
  const messages = (meta: object) => {
    const r = parse(meta);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  };

  it('defaults: tolerance 1e-6, unordered', () => {
    const r = parse(sqlMeta('a-b'));
    expect(r.success && r.data).toMatchObject({ tolerance: 1e-6, ordered: false });
    expect(parse(sqlMeta('a-b', { tolerance: 0 })).success).toBe(true);
    expect(parse(sqlMeta('a-b', { tolerance: -0.001 })).success).toBe(false);
  });

  it('ids are kebab-case words; stages are lab:stage; titles at least 5 characters', () => {
    for (const id of ['a', 'a1-b2', 'sql-churn-by-tenure']) expect(parse(sqlMeta(id)).success, id).toBe(true);
    for (const id of ['', 'A', 'a--b', '-a', 'a-', 'a_b', 'a b', 'a.b']) expect(parse(sqlMeta(id)).success, id).toBe(false);
    for (const stage of ['churn:profile', 'segment:rfm', 'abtest:power-calc']) expect(parse(sqlMeta('a', { stage })).success, stage).toBe(true);
    for (const stage of ['churn:', 'churn:Profile', 'churn:p2', 'churn-profile', 'xchurn:p', 'churn:p x', 'forecast:p', 'churn:p\n']) expect(parse(sqlMeta('a', { stage })).success, stage).toBe(false);
    expect(parse(sqlMeta('a', { title: 'abcde' })).success).toBe(true);
    expect(parse(sqlMeta('a', { title: 'abcd' })).success).toBe(false);
  });

  it('metric references are lab.key with word characters and dots', () => {
    for (const metric of ['churn.test.auc', 'segment.k', 'abtest.p_value', 'churn.cv.fold_1.auc']) {
      expect(parse(numericMeta('a', { expected: { metric } })).success, metric).toBe(true);
      expect(parse(numericMeta('a', { expected: { formula: 'x', inputs: { x: metric } } })).success, metric).toBe(true);
    }
    for (const metric of ['churn.', 'churn', 'churn.a-b', 'xchurn.a', 'churn.a b', 'forecast.a', 'churn:a', ' churn.a']) {
      expect(parse(numericMeta('a', { expected: { metric } })).success, metric).toBe(false);
      expect(parse(numericMeta('a', { expected: { formula: 'x', inputs: { x: metric } } })).success, metric).toBe(false);
    }
    expect(parse(numericMeta('a', { expected: { formula: '', inputs: {} } })).success).toBe(false);
    expect(parse(numericMeta('a', { dataset: 'telco', expected: { sql: 'SELECT 1 x' } })).success).toBe(true); // 10 characters
    expect(parse(numericMeta('a', { dataset: 'telco', expected: { sql: 'SELECT 1 ' } })).success).toBe(false);
    expect(parse(numericMeta('a', { expected: { metric: 'churn.a', extra: 1 } })).success).toBe(false);
  });

  it('what each kind needs, in words', () => {
    expect(messages({ ...sqlMeta('a'), dataset: undefined })).toEqual(['dataset: sql exercises need a dataset']);
    expect(messages({ ...numericMeta('a'), expected: undefined })).toEqual(['expected: numeric exercises need an expected rule (metric, formula or sql)']);
    expect(messages(numericMeta('a', { expected: { sql: 'SELECT COUNT(*) FROM telco' } }))).toEqual(['dataset: an sql expected value needs a dataset']);
    expect(messages(numericMeta('a', { dataset: 'retail', expected: { sql: 'SELECT COUNT(*) FROM telco' } }))).toEqual([]);
    expect(messages({ ...base, id: 'a', kind: 'code' })).toEqual([]);
    // the dataset rule is for numeric exercises' sql values only
    expect(messages({ ...base, id: 'a', kind: 'code', expected: { sql: 'SELECT COUNT(*) FROM telco' } })).toEqual([]);
  });
});

describe('loadExercises', () => {
  it('a missing root is empty; files beside topics and slugs are skipped; topics and slugs in order', () => {
    expect(loadExercises(join(makeTempHome(), 'absent'))).toEqual({ exercises: [], problems: [] });
    const root = makeTempHome();
    put(root, '02_b', 'zed', sqlMeta('zed'));
    put(root, '01_a', 'beta', sqlMeta('beta'));
    put(root, '01_a', 'alpha', sqlMeta('alpha'));
    writeFileSync(join(root, 'README.md'), 'x');
    writeFileSync(join(root, '01_a', 'notes.md'), 'x');
    const { exercises, problems } = loadExercises(root);
    expect(problems).toEqual([]);
    expect(exercises.map((e) => `${e.topic}/${e.slug}`)).toEqual(['01_a/alpha', '01_a/beta', '02_b/zed']);
    expect(exercises[0]).toMatchObject({ id: 'alpha', dir: join(root, '01_a', 'alpha'), tolerance: 1e-6, ordered: false });
  });

  it('JSON problems name the file, line and column: missing, a bare word, cut short, a line from the position (every kind: json-error.test.ts)', () => {
    const root = makeTempHome();
    mkdirSync(join(root, '01_a', 'missing'), { recursive: true });
    put(root, '01_a', 'pos', '{\n  "id": "x",\n  "title": oops\n}\n');
    put(root, '01_a', 'short', '{\n  "id": "x",\n');
    put(root, '01_a', 'token', 'nope');
    const { exercises, problems } = loadExercises(root);
    expect(exercises).toEqual([]);
    expect(problems).toEqual([
      { file: '01_a/missing/exercise.json', rule: 'json', message: 'missing exercise.json' },
      // V8 gives no position for an unexpected token ("Unexpected token 'o'"): line 1 was named before
      { file: '01_a/pos/exercise.json:3:12', rule: 'json', message: `not valid JSON: the bare word 'oops': a value is "text" in double quotes, a number, true, false, null, an object or an array` },
      { file: '01_a/short/exercise.json:3:1', rule: 'json', message: "not valid JSON: the file ends inside the object: a closing '}' is missing" },
      { file: '01_a/token/exercise.json:1:1', rule: 'json', message: expect.stringMatching(/^not valid JSON: the bare word 'nope'/) },
    ]);
  });

  it('an empty or blank exercise.json is named at its end', () => {
    const root = makeTempHome();
    put(root, '01_a', 'empty', '');
    put(root, '01_a', 'blank', '\n\n');
    expect(loadExercises(root).problems).toEqual([
      { file: '01_a/blank/exercise.json:3:1', rule: 'json', message: 'not valid JSON: the file is empty: an exercise.json is one JSON object' },
      { file: '01_a/empty/exercise.json:1:1', rule: 'json', message: 'not valid JSON: the file is empty: an exercise.json is one JSON object' },
    ]);
  });

  it('a double comma points at the second comma', () => {
    const root = makeTempHome();
    put(root, '01_a', 'comma', '{\n  "id": "x",\n\n  "title": "t",,\n}\n');
    const [problem] = loadExercises(root).problems;
    expect(problem).toEqual({ file: '01_a/comma/exercise.json:4:16', rule: 'json', message: "not valid JSON: expected a property name in double quotes, found ','" });
  });

  it('an exercise.json that cannot be read (a folder) says so rather than "not valid JSON"', () => {
    const root = makeTempHome();
    mkdirSync(join(root, '01_a', 'folder', 'exercise.json'), { recursive: true });
    expect(loadExercises(root).problems).toEqual([{ file: '01_a/folder/exercise.json', rule: 'json', message: expect.stringMatching(/^cannot be read: EISDIR/) }]);
  });

  it('schema problems name the field and the line it is on; keys not in the schema are (root) problems', () => {
    const root = makeTempHome();
    put(root, '01_a', 'bad', { ...sqlMeta('bad'), title: 'abc', tolerance: -1, colour: 'red' });
    const { problems } = loadExercises(root);
    expect(problems).toEqual([
      { file: '01_a/bad/exercise.json:3', rule: 'schema', message: 'title: Too small: expected string to have >=5 characters' },
      { file: '01_a/bad/exercise.json:12', rule: 'schema', message: 'tolerance: Too small: expected number to be >=0' },
      { file: '01_a/bad/exercise.json', rule: 'schema', message: '(root): Unrecognized key: "colour"' },
    ]);
    const noLine = makeTempHome();
    put(noLine, '01_a', 'x', { ...base, id: 'x', kind: 'sql' });
    expect(loadExercises(noLine).problems).toEqual([{ file: '01_a/x/exercise.json', rule: 'schema', message: 'dataset: sql exercises need a dataset' }]);
  });

  it('findExercise finds by id, or says how to list them', () => {
    const root = makeTempHome();
    put(root, '01_a', 'one', sqlMeta('one'));
    expect(findExercise('one', root).slug).toBe('one');
    const e = caught(() => findExercise('two', root));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe('no exercise "two"');
    expect(e.hint).toBe('See `prep exercise list`.');
  });

  it('the root is PREP_EXERCISES, else the package\'s exercises folder', () => {
    const saved = process.env.PREP_EXERCISES;
    try {
      process.env.PREP_EXERCISES = '/somewhere/else';
      expect(exercisesRoot()).toBe('/somewhere/else');
      delete process.env.PREP_EXERCISES;
      expect(exercisesRoot()).toBe(join(repoRoot, 'exercises'));
    } finally {
      if (saved === undefined) delete process.env.PREP_EXERCISES;
      else process.env.PREP_EXERCISES = saved;
    }
  });

  it('hintsOf: numbered items (over several lines), without a preamble; "2.x" does not start a hint', () => {
    const root = makeTempHome();
    put(root, '01_a', 'h', sqlMeta('h'), { 'hints.md': 'Hints: read 2. before 1.\n1. first\nstill first\n2.  second\n\n10. tenth\n11.x not a start\n' });
    const [e] = loadExercises(root).exercises;
    expect(hintsOf(e!)).toEqual(['first\nstill first', 'second', 'tenth\n11.x not a start']);
  });
});

describe('lintExercises', () => {
  const lint = async (root: string, options: Parameters<typeof lintExercises>[1] = {}) => (await lintExercises(root, options)).problems;

  it('a complete exercise of each kind has no problems', async () => {
    const root = makeTempHome();
    put(root, '01_a', 'q', sqlMeta('q'), completeSql);
    put(root, '02_b', 'n', numericMeta('n'), complete);
    put(root, '03_c', 'c', { ...base, id: 'c', kind: 'code' }, { ...complete, 'c.ts': '// TODO: the learner writes this\n', 'c.test.ts': 'test("x", () => {});\n', '.meta/solution.ts': 'export {};\n' });
    expect(await lintExercises(root)).toEqual({ problems: [], exercises: 3 });
  });

  it('an id that is not its folder name, and a duplicate id naming the first file', async () => {
    const root = makeTempHome();
    put(root, '01_a', 'q', sqlMeta('q'), completeSql);
    put(root, '02_b', 'q', sqlMeta('q'), completeSql);
    put(root, '02_b', 'folder', sqlMeta('other'), completeSql);
    expect(await lint(root)).toEqual([
      { file: '02_b/folder/exercise.json', rule: 'id', message: 'id "other" differs from its folder name "folder"' },
      { file: '02_b/q/exercise.json', rule: 'duplicate-id', message: 'id "q" is also used by 01_a/q/exercise.json' },
    ]);
  });

  it('stages and metrics are checked only when the caller says what exists; only string inputs are metric references', async () => {
    const root = makeTempHome();
    put(root, '01_a', 'q', sqlMeta('q', { stage: 'churn:nowhere' }), completeSql);
    put(root, '02_b', 'm', numericMeta('m', { expected: { metric: 'churn.test.zzz' } }), complete);
    put(root, '02_b', 'f', numericMeta('f', { expected: { formula: 'a / b', inputs: { a: 'churn.test.tp', b: 2, c: 'churn.test.nope' } } }), complete);
    put(root, '02_b', 's', numericMeta('s', { dataset: 'telco', expected: { sql: 'SELECT COUNT(*) FROM telco' } }), complete);
    expect(await lint(root)).toEqual([]); // nothing to check against
    const asked: string[] = [];
    const problems = await lint(root, { knownStage: (s) => s !== 'churn:nowhere', knownMetricKey: (k) => (asked.push(k), k === 'churn.test.tp') });
    expect(asked).toEqual(['churn.test.tp', 'churn.test.nope', 'churn.test.zzz']);
    expect(problems).toEqual([
      { file: '01_a/q/exercise.json', rule: 'stage', message: 'stage "churn:nowhere" names no lab stage' },
      { file: '02_b/f/exercise.json', rule: 'metric', message: '"churn.test.nope" names no metric a lab records' },
      { file: '02_b/m/exercise.json', rule: 'metric', message: '"churn.test.zzz" names no metric a lab records' },
    ]);
  });

  it('missing and stray files per kind', async () => {
    const root = makeTempHome();
    put(root, '01_a', 'q', sqlMeta('q'), { 'hints.md': '1. x\n', 'notes.txt': 'scratch' });
    put(root, '03_c', 'c', { ...base, id: 'c', kind: 'code' }, { ...complete, 'solution.sql': 'SELECT 1;\n' });
    expect(await lint(root)).toEqual([
      { file: '01_a/q/instructions.md', rule: 'missing-file', message: 'a sql exercise needs instructions.md' },
      { file: '01_a/q/solution.sql', rule: 'missing-file', message: 'a sql exercise needs solution.sql' },
      { file: '01_a/q/notes.txt', rule: 'stray-file', message: 'notes.txt is not part of a sql exercise' },
      { file: '03_c/c/c.ts', rule: 'missing-file', message: 'a code exercise needs c.ts' },
      { file: '03_c/c/c.test.ts', rule: 'missing-file', message: 'a code exercise needs c.test.ts' },
      { file: '03_c/c/.meta', rule: 'missing-file', message: 'a code exercise needs .meta' },
      { file: '03_c/c/solution.sql', rule: 'stray-file', message: 'solution.sql is not part of a code exercise' },
    ]);
  });

  it('hints numbered 1., 2., ... in order; anything else is one problem', async () => {
    const cases: [string, boolean][] = [
      ['1. a\n2. b\n3. c\n', true],
      ['1. a\n  more about a\n2. b\n', true],
      ['1. only one\n', true],
      ['- a bullet\n', false],
      ['', false],
      ['2. a\n3. b\n', false],
      ['1. a\n3. b\n', false],
      ['1. a\n1. b\n', false],
      ['1. a\n2. b\n2. c\n', false],
      ['1.a\n2.b\n', false],
    ];
    for (const [hints, ok] of cases) {
      const root = makeTempHome();
      put(root, '01_a', 'q', sqlMeta('q'), { ...completeSql, 'hints.md': hints });
      expect(await lint(root), JSON.stringify(hints)).toEqual(ok ? [] : [{ file: '01_a/q/hints.md', rule: 'hints', message: 'hints must be numbered 1., 2., 3. ... in order' }]);
    }
  });

  it('a TODO left from the scaffold, with its line; a code stub may keep its own; "TODOs" is not one', async () => {
    const root = makeTempHome();
    put(root, '01_a', 'q', sqlMeta('q'), { ...completeSql, 'instructions.md': '# Title\n\nWrite it.\n   TODO: what the learner should do, and which lab stage it relates to, said at length so that it is cut.\n' });
    put(root, '01_a', 'ok', sqlMeta('ok'), { ...completeSql, 'instructions.md': '# Title\n\nNo TODOs here, and (TODO-free) is fine? no: that one counts.\n' });
    put(root, '03_c', 'c', { ...base, id: 'c', kind: 'code' }, { ...complete, 'c.ts': '// TODO: implement\n', 'c.test.ts': '// TODO: tests that only a right solution passes\ntest("x", () => {});\n', '.meta/solution.ts': 'export {};\n// TODO: the reference solution\n' });
    expect(await lint(root)).toEqual([
      { file: '01_a/ok/instructions.md:3', rule: 'unfinished', message: "still has the scaffold's TODO: No TODOs here, and (TODO-free) is fine? no: that one counts." },
      { file: '01_a/q/instructions.md:4', rule: 'unfinished', message: "still has the scaffold's TODO: TODO: what the learner should do, and which lab stage it relates to, said at len" },
      { file: '03_c/c/c.test.ts:1', rule: 'unfinished', message: "still has the scaffold's TODO: // TODO: tests that only a right solution passes" },
      { file: '03_c/c/.meta/solution.ts:2', rule: 'unfinished', message: "still has the scaffold's TODO: // TODO: the reference solution" },
    ]);
    const clean = makeTempHome();
    put(clean, '01_a', 'q', sqlMeta('q'), { ...completeSql, 'instructions.md': 'TODOS and MyTODO and todo are not markers\n' });
    expect(await lint(clean)).toEqual([]);
  });

  it('a formula that does not parse, with the parser\'s message', async () => {
    const root = makeTempHome();
    put(root, '02_b', 'n', numericMeta('n', { expected: { formula: 'a / c', inputs: { a: 1 } } }), complete);
    const problems = await lint(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: '02_b/n/exercise.json', rule: 'formula', message: expect.stringMatching(/^expected\.formula: .*"c"/) });
  });

  it('schema and JSON problems come through with the exercise count of the valid ones', async () => {
    const root = makeTempHome();
    put(root, '01_a', 'q', sqlMeta('q'), completeSql);
    put(root, '01_a', 'broken', '{');
    const result = await lintExercises(root);
    expect(result.exercises).toBe(1);
    expect(result.problems.map((p) => p.rule)).toEqual(['json']);
  });
});

describe('lintExercises running the solutions', () => {
  beforeAll(async () => {
    process.env.PREP_HOME = await homeWithDatasets(['telco']);
  });

  it('a failing SQL solution and a failing code solution are reported; a passing stub too; an incomplete code exercise is not run', async () => {
    const root = makeTempHome();
    put(root, '01_a', 'good', sqlMeta('good'), { ...complete, 'solution.sql': 'SELECT COUNT(*) FROM telco;\n' });
    put(root, '01_a', 'typo', sqlMeta('typo'), { ...complete, 'solution.sql': 'SELECT nope FROM telco;\n' });
    const code = (id: string, stub: string, solution: string) =>
      put(root, '03_c', id, { ...base, id, kind: 'code' }, { ...complete, [`${id}.ts`]: stub, [`${id}.test.ts`]: `import { f } from './${id}';\ntest('returns 2', () => expect(f()).toBe(2));\n`, '.meta/solution.ts': solution });
    code('right', 'export function f(): number {\n  return 0;\n}\n', 'export function f(): number {\n  return 2;\n}\n');
    code('wrong', 'export function f(): number {\n  return 0;\n}\n', 'export function f(): number {\n  return 3;\n}\n');
    code('easy', 'export function f(): number {\n  return 2;\n}\n', 'export function f(): number {\n  return 2;\n}\n');
    put(root, '03_c', 'partial', { ...base, id: 'partial', kind: 'code' }, { ...complete, 'partial.ts': 'export const f = () => 1;\n' });
    const { problems, exercises } = await lintExercises(root, { runSolutions: true });
    expect(exercises).toBe(6);
    expect(problems).toEqual([
      { file: '01_a/typo/solution.sql', rule: 'solution-fails', message: 'SQL error: no such column: nope' },
      { file: '03_c/partial/partial.test.ts', rule: 'missing-file', message: 'a code exercise needs partial.test.ts' },
      { file: '03_c/partial/.meta', rule: 'missing-file', message: 'a code exercise needs .meta' },
      { file: '03_c/easy/easy.ts', rule: 'stub-passes', message: 'the stub already passes its tests: they test nothing the learner writes' },
      { file: '03_c/wrong/.meta/solution.ts', rule: 'solution-fails', message: expect.stringMatching(/^the reference solution fails its tests: ✗ returns 2: /) },
    ]);
  }, 180_000);
});

describe('the scaffold', () => {
  const spec = (over: Partial<ScaffoldSpec> = {}): ScaffoldSpec => ({ id: 'new-one', title: 'A new one', kind: 'sql', topic: '04_new_topic', stage: 'churn:profile', dataset: 'telco', ...over });

  it('patterns: kebab-case ids, NN_words topics, lab:stage stages, with near misses', () => {
    for (const ok of ['a', 'a1', 'sql-churn-by-tenure']) expect(exerciseIdPattern.test(ok), ok).toBe(true);
    for (const bad of ['', 'A', 'a--b', '-a', 'a-', 'a_b', '../a', 'a/b']) expect(exerciseIdPattern.test(bad), bad).toBe(false);
    for (const ok of ['01_sql', '99_a_b', '04_new1']) expect(topicPattern.test(ok), ok).toBe(true);
    for (const bad of ['1_sql', '001_sql', '01-sql', '01_', '01_Sql', '01_sql/..', 'x01_sql', '01_sql x']) expect(topicPattern.test(bad), bad).toBe(false);
    for (const ok of ['churn:profile', 'segment:rfm', 'abtest:power-calc']) expect(stagePattern.test(ok), ok).toBe(true);
    for (const bad of ['churn:', 'churn:p2', 'churn:P', 'churn:p/x', 'xchurn:p', 'churn profile', 'forecast:p']) expect(stagePattern.test(bad), bad).toBe(false);
    expect(exerciseKinds).toEqual(['sql', 'numeric', 'code']);
  });

  it('each invalid field is a usage error with an example', () => {
    const cases: [Partial<ScaffoldSpec>, string, string | undefined][] = [
      [{ id: 'Bad Id' }, '--id "Bad Id" is not a kebab-case id', 'Lower-case letters and digits joined by -, e.g. sql-churn-by-tenure.'],
      [{ topic: '4_x' }, '--topic "4_x" is not a topic folder name', 'Two digits, an underscore and lower-case words, e.g. 01_sql.'],
      [{ stage: 'churn' }, '--stage "churn" is not a lab stage', 'lab:stage, e.g. churn:profile or segment:rfm.'],
      [{ title: '  abcd  ' }, '--title needs at least 5 characters', undefined],
      [{ dataset: undefined }, 'an sql exercise needs --dataset telco or retail', undefined],
    ];
    for (const [over, message, hint] of cases) {
      const e = caught(() => validateScaffold(spec(over)));
      expect(e).toBeInstanceOf(UsageError);
      expect(e.message).toBe(message);
      expect(e.hint).toBe(hint);
    }
    expect(() => validateScaffold(spec({ title: 'abcde' }))).not.toThrow();
    expect(() => validateScaffold(spec({ kind: 'numeric', dataset: undefined }))).not.toThrow();
  });

  it('writes exercise.json, instructions and hints marked TODO; sql gets a solution.sql', () => {
    const root = makeTempHome();
    const dir = scaffoldExercise(root, spec());
    expect(dir).toBe(join(root, '04_new_topic', 'new-one'));
    expect(readdirSync(dir).sort()).toEqual(['exercise.json', 'hints.md', 'instructions.md', 'solution.sql']);
    expect(readFileSync(join(dir, 'exercise.json'), 'utf8')).toBe(`${JSON.stringify({ formatVersion: 1, id: 'new-one', title: 'A new one', kind: 'sql', difficulty: 'easy', tags: ['new_topic'], stage: 'churn:profile', dataset: 'telco' }, null, 2)}\n`);
    expect(readFileSync(join(dir, 'instructions.md'), 'utf8')).toBe('# A new one\n\nTODO: what the learner should do, and which lab stage it relates to.\n');
    expect(readFileSync(join(dir, 'hints.md'), 'utf8')).toBe('1. TODO: a first nudge.\n2. TODO: a stronger hint.\n');
    expect(readFileSync(join(dir, 'solution.sql'), 'utf8')).toBe('-- TODO: the reference query\nSELECT 1;\n');
    const e = caught(() => scaffoldExercise(root, spec()));
    expect(e.message).toBe(`${dir} already exists`);
  });

  it('numeric: an example formula rule and no dataset; code: stub, test and solution', () => {
    const root = makeTempHome();
    const numeric = scaffoldExercise(root, spec({ id: 'num', kind: 'numeric', dataset: undefined, topic: '02_numeric' }));
    expect(JSON.parse(readFileSync(join(numeric, 'exercise.json'), 'utf8'))).toEqual({ formatVersion: 1, id: 'num', title: 'A new one', kind: 'numeric', difficulty: 'easy', tags: ['numeric'], stage: 'churn:profile', expected: { formula: 'a / b', inputs: { a: 1, b: 2 } } });
    expect(readdirSync(numeric).sort()).toEqual(['exercise.json', 'hints.md', 'instructions.md']);
    const code = scaffoldExercise(root, spec({ id: 'solve-it', kind: 'code', dataset: undefined, topic: '03_code' }));
    expect(readdirSync(code).sort()).toEqual(['.meta', 'exercise.json', 'hints.md', 'instructions.md', 'solve-it.test.ts', 'solve-it.ts']);
    expect(readFileSync(join(code, 'solve-it.ts'), 'utf8')).toBe("// TODO: implement\nexport function solve(): number {\n  throw new Error('not implemented');\n}\n");
    expect(readFileSync(join(code, 'solve-it.test.ts'), 'utf8')).toBe("import { solve } from './solve-it';\n\n// TODO: tests that only a right solution passes\ntest('solves', () => {\n  expect(solve()).toBe(42);\n});\n");
    expect(readFileSync(join(code, '.meta', 'solution.ts'), 'utf8')).toBe('// TODO: the reference solution\nexport function solve(): number {\n  return 42;\n}\n');
    // loads without schema problems, and lint finds only the TODOs
    const { exercises, problems } = loadExercises(root);
    expect(problems).toEqual([]);
    expect(exercises.map((e) => e.id).sort()).toEqual(['num', 'solve-it']);
  });

  it('a two-digit prefix only is taken off the topic for the tag', () => {
    const root = makeTempHome();
    const dir = scaffoldExercise(root, spec({ topic: '12_3_x' }));
    expect(JSON.parse(readFileSync(join(dir, 'exercise.json'), 'utf8')).tags).toEqual(['3_x']);
  });
});

describe('workspace and progress', () => {
  const ex = (over: Partial<Exercise>): Exercise => ({ formatVersion: 1, id: 'w', title: 'Work here', kind: 'sql', dataset: 'retail', difficulty: 'easy', tags: ['t'], stage: 'churn:profile', tolerance: 0, ordered: false, dir: '/nowhere', topic: '01_t', slug: 'w', ...over }) as Exercise;

  it('the workspace is <home>/exercises/<id> unless overridden; the answer file by kind', () => {
    const saved = process.env.PREP_HOME;
    process.env.PREP_HOME = '/h';
    try {
      expect(workspaceDir(ex({}))).toBe('/h/exercises/w');
      expect(workspaceDir(ex({}), '/else')).toBe('/else');
    } finally {
      process.env.PREP_HOME = saved;
    }
    expect(answerFile(ex({ kind: 'sql' }), '/d')).toBe('/d/query.sql');
    expect(answerFile(ex({ kind: 'numeric' }), '/d')).toBe('/d/answer.txt');
    expect(answerFile(ex({ kind: 'code', slug: 'psi' }), '/d')).toBe('/d/psi.ts');
  });

  it('start writes a starter naming the exercise (and the dataset for SQL), keeps an existing answer unless reset', () => {
    const dir = join(makeTempHome(), 'ws');
    const sql = startExercise(ex({}), dir, false);
    expect(sql).toEqual({ file: join(dir, 'query.sql'), created: true });
    expect(readFileSync(sql.file, 'utf8')).toBe('-- Work here\n-- Write one SELECT (or WITH) query on the retail dataset below.\n\n');
    writeFileSync(sql.file, 'SELECT 1');
    expect(startExercise(ex({}), dir, false)).toEqual({ file: sql.file, created: false });
    expect(readFileSync(sql.file, 'utf8')).toBe('SELECT 1');
    expect(startExercise(ex({}), dir, true).created).toBe(true);
    expect(readFileSync(sql.file, 'utf8')).toMatch(/^-- Work here\n/);
    const num = startExercise(ex({ kind: 'numeric', title: 'A number' }), dir, false);
    expect(readFileSync(num.file, 'utf8')).toBe('# A number\n# Write your answer as a number on the next line.\n\n');
    expect(existsSync(join(dir, 'answer.txt'))).toBe(true);
  });

  it('attempts count up; done once passed, and stays done', () => {
    const db = openState({ home: makeTempHome() });
    expect(progressOf(db).size).toBe(0);
    recordAttempt(db, 'a', false);
    expect(progressOf(db).get('a')).toEqual({ status: 'attempted', attempts: 1 });
    recordAttempt(db, 'a', false);
    expect(progressOf(db).get('a')).toEqual({ status: 'attempted', attempts: 2 });
    recordAttempt(db, 'a', true);
    recordAttempt(db, 'a', false);
    expect(progressOf(db).get('a')).toEqual({ status: 'done', attempts: 4 });
    recordAttempt(db, 'b', true);
    expect(progressOf(db).get('b')).toEqual({ status: 'done', attempts: 1 });
    expect(progressOf(db).get('c')).toBeUndefined();
  });
});
