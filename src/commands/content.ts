/**
 * `prep content show|lint`: one question whole, or the question bank and exercises checked (for
 * mentors). Content parsing, SQLite and the exercise checkers load when a command runs.
 */
import type { Command } from 'commander';
import { sanitizeForTerminal } from '../terminal-text.js';
import { UsageError } from '../errors.js';
import { printJson, progressBar, style } from '../ui/text.js';
import { examples } from './options.js';

export function defineContent(program: Command): void {
  const content = program.command('content').description('the question bank in content/: show a question whole, lint it all (for mentors)');
  content
    .command('show')
    .description('one question whole, figures filled from your runs: model answer, worked example, pitfalls, follow-ups')
    .argument('<id>', 'question id (its file name under content/questions/)')
    .option('--json', 'print JSON')
    .action(show)
    .addHelpText('after', examples(['prep content show conflict-story', 'prep content show tell-me-about-yourself --json']));
  content
    .command('lint')
    .description('check every question: schema, unique ids, placeholders that name recorded metrics, no bare result figures, no ANSI')
    .option('--dir <dir>', 'content folder to check (default: $PREP_CONTENT if set, as for prep drill, else the bundled content/)')
    .option('--exercises <dir>', 'exercises folder to check (default: the bundled exercises/)')
    .option('--quick', 'skip running exercise solutions and stubs')
    .option('--json', 'print JSON')
    .action(lint);
}

export async function lint(opts: { json?: boolean; dir?: string; exercises?: string; quick?: boolean }): Promise<void> {
  const [{ lintQuestions }, { contentRoot }, { isKnownMetric }, { knownLabStages }, { exercisesRoot }, { lintExercises }] = await Promise.all([
    import('../content/lint.js'),
    import('../drill/questions.js'),
    import('../labs/catalogue/index.js'),
    import('../labs/lab-stages.js'),
    import('../exercises/catalog.js'),
    import('../exercises/lint.js'),
  ]);
  // the same content the drill reads: --dir, else PREP_CONTENT, else the bundled content/
  const root = opts.dir ?? contentRoot();
  const knownMetricKey = isKnownMetric;
  const knownStage = (s: string) => knownLabStages.has(s);
  // running every reference solution takes a while: say so on stderr as it goes
  const bar = progressBar('content lint');
  bar.update('questions', 0);
  const { problems, questions } = lintQuestions(root, { knownMetricKey, knownStage });
  bar.update(opts.quick ? 'exercises (--quick: solutions not run)' : 'exercises: running every stub and reference solution', 0.2);
  const exerciseLint = await lintExercises(opts.exercises ?? exercisesRoot(), { runSolutions: !opts.quick, knownMetricKey, knownStage });
  bar.done();
  if (opts.json) printJson({ root, questions, problems, exercises: exerciseLint.exercises, exerciseProblems: exerciseLint.problems });
  else {
    const say = (line: string) => process.stdout.write(`${sanitizeForTerminal(line)}\n`);
    for (const p of problems) say(`${p.file}:${p.line}: ${p.rule}: ${p.message}`);
    for (const p of exerciseLint.problems) say(`exercises/${p.file}: ${p.rule}: ${p.message}`);
    say(`${questions} question(s) and ${exerciseLint.exercises} exercise(s) checked, ${problems.length + exerciseLint.problems.length} problem(s)`);
  }
  if (problems.length || exerciseLint.problems.length) process.exitCode = 1;
}

/**
 * `prep content show ID`: one question whole, with figures filled from your runs: the question,
 * what it probes, the model answer (a template for behavioural questions), the worked example
 * answer when there is one, pitfalls and the interviewer's follow-ups.
 */
export async function show(id: string, opts: { json?: boolean }): Promise<void> {
  const [{ drillQuestions, modelAnswer }, { RunStore }, { renderMarkdownToAnsi }] = await Promise.all([import('../drill/questions.js'), import('../data/runs.js'), import('../content/render.js')]);
  const { questions } = await drillQuestions({});
  const q = questions.find((x) => x.id === id);
  if (!q) throw new UsageError(`no question "${id}"`, 'Question ids are the file names under content/questions/; `prep content lint --json` lists the folder.');
  const store = new RunStore();
  // the example is filled exactly as the model answer is: from the newest run that recorded each key
  const filled = (text: string) => modelAnswer({ ...q, sections: { ...q.sections, 'Model answer': text } }, store);
  const answer = filled(q.sections['Model answer']);
  const example = q.example ? filled(q.example) : undefined;
  if (opts.json) return printJson({ id: q.id, title: q.title, kind: q.kind, roles: q.roles, topics: q.topics, targetSeconds: q.targetSeconds, question: q.sections.Question, probing: q.sections['What they are probing'], modelAnswer: answer, example: example ?? null, pitfalls: q.sections.Pitfalls, followUps: q.followUps });
  const width = Math.min(100, process.stdout.columns ?? 80);
  const part = async (title: string, markdown: string) => `${style('bold', title)}\n${await renderMarkdownToAnsi(markdown, { width })}\n`;
  const out = [
    `${style('bold', q.title)}  ${style('dim', `(${q.kind}, ${q.difficulty}, about ${q.targetSeconds} s spoken; ${q.roles.join(', ')})`)}\n`,
    await part('Question', q.sections.Question),
    await part('What they are probing', q.sections['What they are probing']),
    await part(q.example ? 'Model answer (a template: fill it with your own story)' : 'Model answer', answer),
  ];
  if (example) out.push(await part('Example answer (one strong answer, in the first person)', example));
  out.push(await part('Pitfalls', q.sections.Pitfalls));
  if (q.followUps.length) out.push(await part('Follow-ups an interviewer may ask', q.followUps.map((f) => `- ${f}`).join('\n')));
  process.stdout.write(out.join('\n'));
}
