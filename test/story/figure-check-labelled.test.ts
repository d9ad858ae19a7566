/**
 * The figure check on a labelled set of candidate sentences (test/fixtures/figure-check), against
 * a frozen run store of one default run per lab: accuracy overall and per verdict, with every miss
 * listed. The set was written and hand-checked against the frozen values, separately from the checker.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkClaims, type ClaimCheck, type Verdict } from '../../src/story/check.js';
import { repoRoot } from '../helpers/home.js';
import { frozenRuns } from '../helpers/frozen-runs.js';

interface Labelled {
  text: string;
  figure: string;
  verdict: Verdict;
  metric?: string;
  why: string;
}

const dir = join(repoRoot, 'test/fixtures/figure-check');
const read = (name: string) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Labelled);
const labelled = read('labelled.jsonl');
// written blind by a second author, after the checker was tuned on labelled.jsonl: it measures how the check generalises
const holdout = read('holdout.jsonl');
const source = frozenRuns(dir);

export function evaluate(items: Labelled[]) {
  const verdicts: Verdict[] = ['backed', 'differs', 'no-run', 'suspicious', 'setting'];
  const misses: string[] = [];
  const perClass = Object.fromEntries(verdicts.map((v) => [v, { tp: 0, fp: 0, fn: 0 }]));
  let correct = 0;
  for (const item of items) {
    const checks = checkClaims(item.text, source);
    const got: ClaimCheck | undefined = checks.find((c) => c.text === item.figure) ?? checks.find((c) => c.text.includes(item.figure) || item.figure.includes(c.text));
    const verdict = got?.verdict ?? 'no-run';
    // a backed, differing or suspicious verdict must also name the labelled metric
    const metricOk = !item.metric || !got || got.verdict === 'no-run' || got.metric === item.metric;
    const ok = verdict === item.verdict && metricOk;
    if (ok) correct++;
    else misses.push(`${item.verdict}${item.metric ? ` ${item.metric}` : ''} → ${got ? `${got.verdict} ${got.metric ?? ''} (${got.reason})` : 'not found'} | ${item.figure} | ${item.text}`);
    if (verdict === item.verdict) perClass[verdict]!.tp++;
    else {
      perClass[verdict]!.fp++;
      perClass[item.verdict]!.fn++;
    }
  }
  return { accuracy: correct / items.length, correct, misses, perClass };
}

function report(name: string, items: Labelled[]) {
  const r = evaluate(items);
  const table = Object.entries(r.perClass).map(([v, c]) => `${v.padEnd(11)} precision ${(c.tp / Math.max(1, c.tp + c.fp)).toFixed(3)} recall ${(c.tp / Math.max(1, c.tp + c.fn)).toFixed(3)} (n=${c.tp + c.fn})`);
  if (process.env.FIGURE_CHECK_REPORT) console.log([`${name}: ${r.correct}/${items.length} = ${(100 * r.accuracy).toFixed(1)}%`, ...table, '', ...r.misses].join('\n'));
  return r;
}

describe('figure check on the labelled sets', () => {
  it('is right on at least 95% of the held-out set written blind (verdict and metric)', () => {
    const r = report('holdout', holdout);
    expect(holdout.length).toBeGreaterThanOrEqual(150);
    expect(r.accuracy, r.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('is right on at least 95% of the development set (verdict and metric)', () => {
    const r = report('development', labelled);
    expect(labelled.length).toBeGreaterThanOrEqual(150);
    expect(r.accuracy, r.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
