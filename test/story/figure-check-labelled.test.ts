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
  /** For faults.jsonl: which kind of miss the sentence probes. */
  point?: number;
}

const dir = join(repoRoot, 'test/fixtures/figure-check');
const read = (name: string) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Labelled);
const labelled = read('labelled.jsonl');
// written blind by a second author, after the checker was tuned on labelled.jsonl: it measures how the check generalises
const holdout = read('holdout.jsonl');
// written after session 4 for the kinds of miss it left (loose rounding, "1 in 4", negation, protocol counts, lift
// wording, from-to ranges, line starts, bounds near ties, stems; 10: the previous sentence's words only for a sentence that names no variant), before they were fixed; "point" numbers the kind
// points 11-15 (session of the figfix-2 branch): 11 a variant named without a metric word, 12 shares of a data subgroup,
// 13 fractions in words, 14 movements without "from", 15 denied figures listed as "denied"; each with sentences that must not change
// points 18-35 (branch blind3, from the misses on blind3.jsonl): 18 bounds said "north of", "south of", "in excess of", 19 a subgroup
// of two columns named with an adjective ("senior women"), 20 a near tie that is another model or reason than the one named,
// 21 "N in M" read no wider than the simple fractions beside it ("about 3 in 4" is not 69.4%), 22 a count named by words of
// its own ("(false positives)") when common words ("customers") fit many counts, 23 a figure for part of the period ("in Q4"),
// 24 a band of tenure or charges (no profile), 25 a period measured over the data ("a median tenure of 10 months"), 26 the
// start of a movement: a pair from one stage, and no run's (not a sibling's differs) when nothing names which sibling it is,
// 27 a change noun that follows another figure ("a 10% lift was only 22%"), 28 a price per thing ("£50 per offer"), 29 a
// clause denied by "it's not that ...", 30 a share ending a list with its verb left out (", precision just over half"), 31 "of
// the (customer) base", 32 the start of a movement named by the figure it moved to ("peeking pushed false positives from 3.9%"),
// 33 the count a share is taken of ("26.5% of the 7,043 customers churned"), 34 a decimal without its leading zero (".834"),
// 35 "just over" a round figure ("just over 40%" for 41.9%)
const faults = read('faults.jsonl');
// written blind by a third author (branch blind3) from the run store alone, before reading the checker or the other sets
const blind3 = read('blind3.jsonl');
const source = frozenRuns(dir);

/** `figure | text` of a labelled item: how a known miss is named below. */
const itemKey = (item: Labelled) => `${item.figure} | ${item.text}`;

export function evaluate(items: Labelled[]) {
  const verdicts: Verdict[] = ['backed', 'differs', 'no-run', 'suspicious', 'setting', 'denied'];
  const misses: string[] = [];
  const missedKeys: string[] = [];
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
    else missedKeys.push(itemKey(item));
    if (!ok) misses.push(`${item.verdict}${item.metric ? ` ${item.metric}` : ''} → ${got ? `${got.verdict} ${got.metric ?? ''} (${got.reason})` : 'not found'} | ${item.figure} | ${item.text}`);
    if (verdict === item.verdict) perClass[verdict]!.tp++;
    else {
      perClass[verdict]!.fp++;
      perClass[item.verdict]!.fn++;
    }
  }
  return { accuracy: correct / items.length, correct, misses, missedKeys, perClass };
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

  it('is right on at least 95% of the sentences written for the known kinds of miss (verdict and metric)', () => {
    const r = report('faults', faults);
    if (process.env.FIGURE_CHECK_REPORT) {
      const points = [...new Set(faults.map((f) => f.point))].sort((a, b) => a! - b!);
      console.log(points.map((p) => { const items = faults.filter((f) => f.point === p); return `point ${p}: ${evaluate(items).correct}/${items.length}`; }).join('\n'));
    }
    expect(faults.length).toBeGreaterThanOrEqual(90);
    expect(r.accuracy, r.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('is right on the third blind set (verdict and metric)', () => {
    const r = report('blind3', blind3);
    expect(blind3.length).toBeGreaterThanOrEqual(150);
    expect(r.accuracy, r.misses.join('\n')).toBeGreaterThanOrEqual(0.97);
  });

  it('is right on at least 95% of the development set (verdict and metric)', () => {
    const r = report('development', labelled);
    expect(labelled.length).toBeGreaterThanOrEqual(150);
    expect(r.accuracy, r.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  // The 95% floors above let a change flip a few sentences unnoticed (a mutation sample of
  // src/story found most mutants surviving them). Every sentence the check gets right today must
  // stay right; the misses of today are named here, to be fixed, not to be added to.
  const sets: Record<string, Labelled[]> = { development: labelled, holdout, faults, blind3 };
  const known: Record<string, string[]> = {
    development: [
      '0.003 | SHAP additivity held to within 0.003 at worst.',
      '136 | 136 new customers made up just 0.5% of revenue.',
      '0.5% | 136 new customers made up just 0.5% of revenue.',
      '0.43 | Silhouette picked k = 2 with a score of 0.43.',
    ],
    faults: [],
    blind3: [
      "£18,500 | Net value on the test set was £18,500 after threshold tuning.",
      "5% | New customers made up 5% of revenue.",
      "2k | Each simulated arm had 2k users.",
    ],
    holdout: [
      '$16,000 | At that threshold the net value on the test set was $16,000, versus $14,200 at the default 0.5.',
      "0.43 | Silhouette peaked at k=2 with 0.43, so that's what we went with.",
      '3,049 | In the 13 weeks up to calibration end the same customers made 3,049 repeat purchase days.',
    ],
  };
  for (const [name, items] of Object.entries(sets)) {
    it(`gets every ${name} sentence right that it got right before (${known[name]!.length} known misses)`, () => {
      const r = evaluate(items);
      const newMisses = r.missedKeys.filter((k) => !known[name]!.includes(k));
      expect(newMisses, r.misses.filter((m) => newMisses.some((k) => m.includes(k.split(' | ')[1]!))).join('\n')).toEqual([]);
    });
  }
});
