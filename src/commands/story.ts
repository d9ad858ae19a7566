import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RunStore } from '../data/runs.js';
import { UsageError } from '../errors.js';
import { checkClaims, type Verdict } from '../story/check.js';
import { draftStory, type Project, type Role } from '../story/draft.js';
import { printJson, renderTable, style } from '../ui/text.js';

export async function draft(opts: { project: string; role: string; out?: string; json?: boolean }): Promise<void> {
  if (opts.project !== 'churn' && opts.project !== 'segment') throw new UsageError('--project must be churn or segment');
  if (!['mle', 'ds', 'analyst'].includes(opts.role)) throw new UsageError('--role must be mle, ds or analyst');
  const story = draftStory(new RunStore(), opts.project as Project, opts.role as Role);
  if (opts.out) writeFileSync(resolve(opts.out), story.markdown);
  if (opts.json) return printJson(story);
  process.stdout.write(opts.out ? `story written to ${resolve(opts.out)}\n` : story.markdown);
}

export async function check(file: string, opts: { json?: boolean }): Promise<void> {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
  const checks = checkClaims(text, new RunStore());
  const count = (v: Verdict) => checks.filter((c) => c.verdict === v).length;
  // settings are the candidate's choices, not results: they never fail the check
  const unbacked = checks.filter((c) => c.verdict !== 'backed' && c.verdict !== 'setting').length;
  const datasets = [...new Set(checks.map((c) => c.dataset).filter(Boolean))];
  if (opts.json) printJson({ file, claims: checks, backed: count('backed'), differs: count('differs'), noRun: count('no-run'), suspicious: count('suspicious'), settings: count('setting'), unbacked, datasets });
  else {
    const mark: Record<Verdict, string> = { backed: style('green', 'backed'), differs: style('yellow', 'differs'), 'no-run': style('yellow', 'no run'), suspicious: style('red', 'SUSPICIOUS'), setting: style('dim', 'setting') };
    process.stdout.write(`${renderTable(['line', 'figure', 'verdict', 'why'], checks.map((c) => [c.line, c.text, mark[c.verdict], c.reason]), { maxWidth: 90 })}\n`);
    const results = checks.length - count('setting');
    process.stdout.write(`${count('backed')} of ${results} result figures backed by your runs${count('setting') ? `; ${count('setting')} setting${count('setting') > 1 ? 's' : ''} you chose` : ''}${datasets.length ? ` (checked against runs on ${datasets.map((d) => (d === 'telco' ? "telco, IBM's fictional sample" : d)).join(' and ')})` : ''}\n`);
  }
  if (unbacked > 0) {
    process.exitCode = 1;
    if (!opts.json) process.stderr.write(style('dim', 'Exit 1: some figures are not backed by a run you did. Replace them with measured ones (prep runs list) or cite their source.\n', process.stderr));
  }
}
