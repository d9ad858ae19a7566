/**
 * `prep story` drafts a STAR story and pitches from your runs; `prep story check` checks the
 * figures of a text against them. The story code and SQLite load when a command runs.
 */
import { Option, type Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Verdict } from '../story/check.js';
import type { Project, Role } from '../story/draft.js';
import { printJson, renderTable, style } from '../ui/text.js';
import { decodeTextInput, examples, inputFileOrStdin, outputFile, projects, roles } from './options.js';

export function defineStory(program: Command): void {
  const story = program
    .command('story')
    .description('draft a STAR story and 30 s / 90 s pitches from your runs: every figure measured by you')
    .addOption(new Option('--project <project>', 'which lab the story is about').choices(projects).default('churn'))
    .addOption(new Option('--role <role>', 'the role you interview for').choices(roles).default('mle'))
    .option('--out <file.md>', 'write the draft to a markdown file', outputFile)
    .option('--dataset <name>', 'draw every figure from runs on this dataset (default: the newest complete run\'s)')
    .option('--json', 'print JSON')
    .action(draft)
    .addHelpText('after', examples(['prep story', 'prep story --project segment --role ds --out story.md', 'prep story check resume.md']));
  story
    .command('check')
    .description('check every figure in a pitch, CV or answer against your runs: backed, differs, no run, suspicious, or a setting you chose; a figure the text denies ("not 80% but 69.5%") is listed as denied, not checked (exit 1 unless every result figure is backed)')
    .argument('<file>', 'markdown or plain text; - reads standard input', inputFileOrStdin)
    .option('--json', 'print JSON')
    .action(check);
}

const loadRuns = () => import('../data/runs.js');

export async function draft(opts: { project: Project; role: Role; out?: string; dataset?: string; json?: boolean }): Promise<void> {
  const [{ RunStore }, { draftStory }] = await Promise.all([loadRuns(), import('../story/draft.js')]);
  const story = draftStory(new RunStore(), opts.project, opts.role, { dataset: opts.dataset });
  if (opts.out) writeFileSync(resolve(opts.out), story.markdown);
  if (opts.json) return printJson(story);
  process.stdout.write(opts.out ? `story written to ${resolve(opts.out)}\n` : story.markdown);
}

export async function check(file: string, opts: { json?: boolean }): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = file === '-' ? readFileSync(0) : readFileSync(file);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
  const text = decodeTextInput(bytes, file === '-' ? 'standard input' : file);
  const [{ RunStore }, { checkClaims }] = await Promise.all([loadRuns(), import('../story/check.js')]);
  const checks = checkClaims(text, new RunStore());
  const count = (v: Verdict) => checks.filter((c) => c.verdict === v).length;
  // settings are the candidate's choices, not results: they never fail the check
  // and a figure the text denies is no claim
  const unbacked = checks.filter((c) => c.verdict !== 'backed' && c.verdict !== 'setting' && c.verdict !== 'denied').length;
  const datasets = [...new Set(checks.map((c) => c.dataset).filter(Boolean))];
  if (opts.json) printJson({ file, claims: checks, backed: count('backed'), differs: count('differs'), noRun: count('no-run'), suspicious: count('suspicious'), settings: count('setting'), denied: count('denied'), unbacked, datasets });
  else {
    const mark: Record<Verdict, string> = { backed: style('green', 'backed'), differs: style('yellow', 'differs'), 'no-run': style('yellow', 'no run'), suspicious: style('red', 'SUSPICIOUS'), setting: style('dim', 'setting'), denied: style('dim', 'denied') };
    process.stdout.write(`${renderTable(['line', 'figure', 'verdict', 'why'], checks.map((c) => [c.line, c.text, mark[c.verdict], c.reason]), { maxWidth: 90 })}\n`);
    const results = checks.length - count('setting') - count('denied');
    process.stdout.write(`${count('backed')} of ${results} result figures backed by your runs${count('setting') ? `; ${count('setting')} setting${count('setting') > 1 ? 's' : ''} you chose` : ''}${count('denied') ? `; ${count('denied')} denied in the text, not checked` : ''}${datasets.length ? ` (checked against runs on ${datasets.map((d) => (d === 'telco' ? "telco, IBM's fictional sample" : d)).join(' and ')})` : ''}\n`);
  }
  if (unbacked > 0) {
    process.exitCode = 1;
    if (!opts.json) process.stderr.write(style('dim', 'Exit 1: some figures are not backed by a run you did. Replace them with measured ones (prep runs list) or cite their source.\n', process.stderr));
  }
}
