import { Option, type Command } from 'commander';
import { existsSync, readFileSync, watch as watchFile } from 'node:fs';
import { join } from 'node:path';
import { isInteractive } from '../env.js';
import { UsageError } from '../errors.js';
import { exerciseIdPattern, exerciseKinds, scaffoldExercise, stagePattern, topicPattern, type ExerciseKind } from '../exercises/scaffold.js';
import { sanitizeForTerminal } from '../terminal-text.js';
import { printJson, renderTable, style } from '../ui/text.js';
import { inputFile } from './options.js';

export function defineExercise(program: Command): void {
  const exercise = program.command('exercise').description('practice on the real datasets and your runs, checked automatically (SQL, numbers, code)');
  exercise.command('list').description('all exercises with done / attempted / new').option('--json', 'print JSON').action(list);
  exercise
    .command('start')
    .description('show the instructions and copy the stub (or an empty answer file) into your workspace')
    .argument('<id>', 'exercise id (see prep exercise list)')
    .option('--dir <dir>', 'workspace folder (default: under the data home)')
    .action(start);
  exercise
    .command('check')
    .description('check your answer: the verdict with the difference shown (exit 1 until it passes)')
    .argument('<id>', 'exercise id')
    .option('--file <file>', 'answer file (default: the one in your workspace)', inputFile)
    .option('--json', 'print JSON')
    .action(check);
  exercise.command('hint').description('numbered hints, one at a time').argument('<id>', 'exercise id').argument('[n]', 'hint number').action(hint);
  exercise.command('solution').description('the reference solution (after an attempt, or with --force)').argument('<id>', 'exercise id').option('--force', 'show it without an attempt').action(solution);
  exercise.command('watch').description('re-check every time you save the answer file').argument('<id>', 'exercise id').option('--file <file>', 'answer file', inputFile).action(watch);
  exercise.command('reset').description('restore the stub (or an empty answer file)').argument('<id>', 'exercise id').option('--dir <dir>', 'workspace folder').action(reset);
  exercise
    .command('new')
    .description('for mentors: scaffold a new exercise folder (asks, or takes the flags)')
    .option('--id <id>', 'kebab-case id')
    .option('--title <title>', 'title')
    .addOption(new Option('--kind <kind>', 'exercise kind').choices(exerciseKinds))
    .option('--topic <folder>', 'topic folder, e.g. 01_sql')
    .addOption(new Option('--dataset <name>', 'dataset (sql exercises)').choices(['telco', 'retail']))
    .option('--stage <stage>', 'lab stage, e.g. churn:profile')
    .action(scaffold);
}

/** The exercise modules (zod, SQLite, the checkers), loaded when a subcommand runs, not for --help. */
async function load() {
  const [state, catalog, answer, progress] = await Promise.all([import('../data/state.js'), import('../exercises/catalog.js'), import('../exercises/answer.js'), import('../exercises/progress.js')]);
  return { ...state, ...catalog, ...answer, ...progress };
}

export async function list(opts: { json?: boolean }): Promise<void> {
  const { loadExercises, progressOf, openState } = await load();
  const { exercises, problems } = loadExercises();
  const progress = progressOf(openState());
  const rows = exercises.map((e) => ({ id: e.id, title: e.title, kind: e.kind, difficulty: e.difficulty, stage: e.stage, status: progress.get(e.id)?.status ?? 'new', attempts: progress.get(e.id)?.attempts ?? 0 }));
  if (opts.json) return printJson(rows);
  process.stdout.write(`${renderTable(['id', 'kind', 'difficulty', 'lab stage', 'status', 'title'], rows.map((r) => [r.id, r.kind, r.difficulty, r.stage, r.status, r.title]), { maxWidth: 60 })}\n`);
  for (const p of problems) process.stderr.write(style('yellow', `skipped ${sanitizeForTerminal(p.file)}: ${sanitizeForTerminal(p.message)}\n`, process.stderr));
  process.stdout.write(style('dim', `${rows.filter((r) => r.status === 'done').length} of ${rows.length} done. Start one: prep exercise start ID\n`));
}

export async function start(id: string, opts: { dir?: string }): Promise<void> {
  const { findExercise, startExercise, workspaceDir } = await load();
  const e = findExercise(id);
  const { file, created } = startExercise(e, workspaceDir(e, opts.dir), false);
  process.stdout.write(`${style('bold', sanitizeForTerminal(e.title))} (${e.kind}, ${e.difficulty}; lab stage ${e.stage})\n\n${sanitizeForTerminal(readFileSync(join(e.dir, 'instructions.md'), 'utf8').trim())}\n\n`);
  process.stdout.write(`${created ? 'Your file' : 'Your file (kept: you already started)'}: ${file}\nCheck it: prep exercise check ${e.id}${opts.dir ? ` --file ${file}` : ''}   Hints: prep exercise hint ${e.id}\n`);
}

export async function check(id: string, opts: { file?: string; json?: boolean }): Promise<void> {
  const { findExercise, answerFile, workspaceDir, checkAnswerFile, recordAttempt, openState } = await load();
  const e = findExercise(id);
  const file = opts.file ?? answerFile(e, workspaceDir(e));
  const verdict = await checkAnswerFile(e, file);
  recordAttempt(openState(), e.id, verdict.passed);
  if (opts.json) printJson({ id: e.id, file, ...verdict });
  else process.stdout.write(`${verdict.passed ? style('green', '✓ passed') : style('red', '✗ not yet')}: ${sanitizeForTerminal(verdict.summary)}\n${verdict.details.map((d) => `  ${sanitizeForTerminal(d)}`).join('\n')}${verdict.details.length ? '\n' : ''}${verdict.passed ? '' : style('dim', `A hint: prep exercise hint ${e.id}\n`)}`);
  if (!verdict.passed) process.exitCode = 1;
}

export async function hint(id: string, n: string | undefined): Promise<void> {
  const { findExercise, hintsOf } = await load();
  const e = findExercise(id);
  const hints = hintsOf(e);
  const k = n === undefined ? 1 : Number(n);
  if (!Number.isInteger(k) || k < 1 || k > hints.length) throw new UsageError(`hint number must be between 1 and ${hints.length}`);
  process.stdout.write(`Hint ${k} of ${hints.length}: ${sanitizeForTerminal(hints[k - 1]!)}\n${k < hints.length ? style('dim', `Next: prep exercise hint ${e.id} ${k + 1}\n`) : ''}`);
}

export async function solution(id: string, opts: { force?: boolean }): Promise<void> {
  const { findExercise, progressOf, openState, referenceSolution } = await load();
  const e = findExercise(id);
  if (!progressOf(openState()).has(e.id) && !opts.force) throw new UsageError('try a check first: the solution is shown after an attempt', `Or pass --force: prep exercise solution ${e.id} --force`);
  process.stdout.write(sanitizeForTerminal(referenceSolution(e)));
}

export async function reset(id: string, opts: { dir?: string }): Promise<void> {
  const { findExercise, startExercise, workspaceDir } = await load();
  const e = findExercise(id);
  const { file } = startExercise(e, workspaceDir(e, opts.dir), true);
  process.stdout.write(`restored ${file}\n`);
}

export async function watch(id: string, opts: { file?: string }): Promise<void> {
  const { findExercise, answerFile, workspaceDir, checkAnswerFile, recordAttempt, openState } = await load();
  const e = findExercise(id);
  const file = opts.file ?? answerFile(e, workspaceDir(e));
  if (!existsSync(file)) throw new UsageError(`no answer file at ${file}`, `Run \`prep exercise start ${e.id}\` first.`);
  const run = async () => {
    try {
      const v = await checkAnswerFile(e, file);
      recordAttempt(openState(), e.id, v.passed);
      process.stdout.write(`${new Date().toLocaleTimeString()} ${v.passed ? style('green', '✓ passed') : style('red', '✗ not yet')}: ${v.summary}\n${v.details.map((d) => `  ${d}\n`).join('')}`);
    } catch (error) {
      process.stdout.write(`${style('red', '✗')} ${(error as Error).message}\n`);
    }
  };
  process.stdout.write(`watching ${file}: saving re-checks it; Ctrl-C stops\n`);
  await run();
  let timer: NodeJS.Timeout | undefined;
  const watcher = watchFile(file, () => {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  await new Promise<void>((resolve) => {
    const stop = () => {
      watcher.close();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export async function scaffold(opts: { id?: string; title?: string; kind?: ExerciseKind; topic?: string; dataset?: 'telco' | 'retail'; stage?: string }): Promise<void> {
  let { id, title, kind, topic, dataset, stage } = opts;
  if (!id || !title || !kind || !topic || !stage) {
    if (!isInteractive) throw new UsageError('prep exercise new needs a terminal for its questions', 'Pass --id --title --kind sql|numeric|code --topic NN_topic --stage churn:cv (and --dataset telco|retail for sql).');
    const { input, select } = await import('@inquirer/prompts');
    id ??= await input({ message: 'id (kebab-case)', validate: (v) => exerciseIdPattern.test(v) || 'lower-case words joined by -' });
    title ??= await input({ message: 'title' });
    kind ??= await select<ExerciseKind>({ message: 'kind', choices: exerciseKinds.map((v) => ({ value: v })) });
    topic ??= await input({ message: 'topic folder (e.g. 01_sql)', default: '01_sql', validate: (v) => topicPattern.test(v) || 'two digits, _ and lower-case words, e.g. 01_sql' });
    stage ??= await input({ message: 'lab stage (e.g. churn:profile)', default: 'churn:profile', validate: (v) => stagePattern.test(v) || 'lab:stage, e.g. churn:profile' });
    if (kind === 'sql') dataset ??= await select<'telco' | 'retail'>({ message: 'dataset', choices: [{ value: 'telco' }, { value: 'retail' }] });
  }
  const { exercisesRoot } = await import('../exercises/catalog.js');
  const dir = scaffoldExercise(exercisesRoot(), { id, title, kind, topic, stage, dataset });
  process.stdout.write(`created ${dir}\nEdit the files (every TODO), then run: prep content lint\n`);
}
