import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RunStore } from '../data/runs.js';
import { UsageError } from '../errors.js';
import { checkClaims } from '../story/check.js';
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
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const checks = checkClaims(text, new RunStore());
  const unbacked = checks.filter((c) => c.verdict !== 'backed').length;
  if (opts.json) printJson({ file, claims: checks, backed: checks.length - unbacked, unbacked });
  else {
    const mark = { backed: style('green', 'backed'), differs: style('yellow', 'differs'), 'no-run': style('yellow', 'no run'), suspicious: style('red', 'SUSPICIOUS') };
    process.stdout.write(`${renderTable(['line', 'claim', 'verdict', 'why'], checks.map((c) => [c.line, c.text, mark[c.verdict], c.reason]), { maxWidth: 90 })}\n`);
    process.stdout.write(`${checks.length - unbacked} of ${checks.length} figures backed by your runs\n`);
  }
  if (unbacked > 0) {
    process.exitCode = 1;
    if (!opts.json) process.stderr.write(style('dim', 'Exit 1: some figures are not backed by a run you did. Replace them with measured ones (prep runs list) or cite their source.\n', process.stderr));
  }
}
