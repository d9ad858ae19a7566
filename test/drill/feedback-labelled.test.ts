/**
 * The labelled answers (test/fixtures/feedback/labelled.jsonl, written for this test: strong,
 * weak, keyword salads, each red flag, negations) against the feedback: per-flag precision and
 * recall (printed), every flag caught, no flag on a strong answer, STAR parts, covered and
 * uncovered points, and the score in its labelled range. Figures are checked against a run store
 * built here, never the developer's home.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeState, openState } from '../../src/data/state.js';
import { RunStore } from '../../src/data/runs.js';
import { loadQuestions, type Question } from '../../src/content/questions.js';
import { analyseAnswer, flagKinds, type AnswerFeedback, type FlagKind } from '../../src/drill/feedback.js';
import { makeTempHome, repoRoot } from '../helpers/home.js';

interface Labelled {
  label: string;
  /** What the answer is, in a phrase (blind2.jsonl). */
  about?: string;
  note?: string;
  /**
   * Misses the feedback still makes on this answer, kept in sight rather than relabelled: each
   * "covered: <point>", "notCovered: <point>" or "score" listed here is printed, not failed.
   */
  known?: string[];
  /** Why each known miss happens. */
  knownWhy?: string;
  question: string;
  answer: string;
  expect: {
    flags: FlagKind[];
    scoreRange: [number, number];
    star?: Partial<Record<'situation' | 'task' | 'action' | 'result', boolean>>;
    covered?: string[];
    notCovered?: string[];
    /** The follow-up question asked, word for word. */
    followUp?: string;
  };
}

const readSet = (name: string) =>
  readFileSync(join(repoRoot, 'test/fixtures/feedback', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled);
/**
 * labelled.jsonl was written with the feedback; unseen.jsonl and then blind.jsonl afterwards, on
 * other questions and phrasings, each first scored untouched (label corrections carry a note).
 * edges.jsonl (issue 19, point 13): wordings at the flags' edges (bold labels, blame in the past
 * tense, hedged recall, "we" only, accuracy beside recall), flags, STAR and follow-ups labelled
 * before the feedback was run; score ranges are wide. blind2.jsonl (48 answers on 26 questions in
 * all six folders, several voices, each flag twice with near-misses) was labelled by hand before the
 * feedback's code was read or run.
 */
const labelled: Labelled[] = [...readSet('labelled.jsonl'), ...readSet('unseen.jsonl'), ...readSet('blind.jsonl'), ...readSet('blind2.jsonl'), ...readSet('edges.jsonl')];

/** A churn run on IBM's fictional Telco sample with the figures the labelled answers quote. */
export function churnStore(): RunStore {
  const store = new RunStore(openState({ home: makeTempHome('prep-feedback-') }));
  const run = store.start({ lab: 'churn', dataset: { name: 'telco', sha256: 'fixture' } });
  const metrics: [string, number, string][] = [
    ['dataset.rows', 7043, 'count(rows)'],
    ['dataset.positiveRate', 0.2654, 'churned / rows'],
    ['test.auc', 0.843, 'ROC-AUC on the held-out set'],
    ['test.recall', 0.6952, 'tp / (tp + fn)'],
    ['test.precision', 0.5145, 'tp / (tp + fp)'],
    ['test.accuracy', 0.7963, '(tp + tn) / n'],
    ['imbalance.none.auc', 0.842, 'CV AUC'],
    ['imbalance.classWeights.auc', 0.845, 'CV AUC'],
    ['imbalance.smoteInFolds.auc', 0.839, 'CV AUC'],
    ['imbalance.smoteLeaky.auc', 0.919, 'CV AUC, SMOTE before the split'],
    ['serve.latencyP50Ms', 3.2, 'p50 of request latency'],
    ['serve.latencyP95Ms', 7.9, 'p95 of request latency'],
    ['serve.latencyP99Ms', 11.4, 'p99 of request latency'],
  ];
  for (const [key, value, formula] of metrics) run.metric(key, value, { stage: key.split('.')[0]!, formula });
  run.finish();
  return store;
}

describe('labelled answers', () => {
  let results: { item: Labelled; feedback: AnswerFeedback }[];
  beforeAll(() => {
    const root = join(repoRoot, 'content');
    const { questions } = loadQuestions(join(root, 'questions'), root);
    const byId = new Map<string, Question>(questions.map((q) => [q.id, q]));
    const store = churnStore();
    results = labelled.map((item) => {
      const question = byId.get(item.question);
      if (!question) throw new Error(`fixture names unknown question ${item.question}`);
      return { item, feedback: analyseAnswer(item.answer, question, store) };
    });
  });
  afterAll(() => closeState());

  it('has at least 60 answers, with strong ones, salads, negations and every flag', () => {
    expect(readSet('labelled.jsonl').length).toBeGreaterThanOrEqual(60);
    const labels = new Set(labelled.map((l) => l.label));
    for (const l of ['strong', 'weak', 'salad', 'negation']) expect(labels).toContain(l);
    for (const kind of flagKinds) expect(labelled.some((l) => l.expect.flags.includes(kind)), kind).toBe(true);
  });

  it('catches every flag, with no false flag on a strong answer (per-flag precision and recall printed)', () => {
    const rows: string[] = [];
    const mistakes: string[] = [];
    let allRecall = true;
    for (const kind of flagKinds) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const { item, feedback } of results) {
        const said = feedback.flags.some((f) => f.kind === kind);
        const expected = item.expect.flags.includes(kind);
        if (said && expected) tp++;
        else if (said) {
          fp++;
          mistakes.push(`false ${kind} on ${item.label}/${item.question}: ${feedback.flags.find((f) => f.kind === kind)!.sentence ?? ''}`);
        } else if (expected) {
          fn++;
          mistakes.push(`missed ${kind} on ${item.label}/${item.question}`);
        }
      }
      const precision = tp + fp ? tp / (tp + fp) : 1;
      const recall = tp + fn ? tp / (tp + fn) : 1;
      if (recall < 1) allRecall = false;
      rows.push(`${kind.padEnd(26)} ${String(tp + fn).padStart(3)} ${String(tp).padStart(3)} ${String(fp).padStart(3)} ${String(fn).padStart(3)}   ${precision.toFixed(2)}      ${recall.toFixed(2)}`);
    }
    console.log(`\nper-flag results on ${results.length} labelled answers\nflag                       exp  tp  fp  fn   precision recall\n${rows.join('\n')}${mistakes.length ? `\n\n${mistakes.join('\n')}` : ''}\n`);
    const strongFlags = results.filter((r) => r.item.label.startsWith('strong')).flatMap((r) => r.feedback.flags.map((f) => `${r.item.question}: ${f.kind} (${f.sentence})`));
    expect(strongFlags).toEqual([]);
    expect(allRecall, mistakes.join('\n')).toBe(true);
  });

  it('finds the STAR parts, the covered and uncovered points and the follow-up it was labelled with', () => {
    const wrong: string[] = [];
    const known: string[] = [];
    for (const { item, feedback } of results) {
      for (const [part, found] of Object.entries(item.expect.star ?? {})) {
        if (feedback.star[part as 'situation'].found !== found) wrong.push(`${item.label}/${item.question}: ${part} ${found ? 'not found' : `found in "${feedback.star[part as 'situation'].sentence}"`}`);
      }
      for (const prefix of item.expect.covered ?? []) {
        const p = feedback.points.find((x) => x.point.startsWith(prefix));
        if (!p?.covered) (item.known?.includes(`covered: ${prefix}`) ? known : wrong).push(`${item.label}/${item.question}: "${prefix}" not covered (${p?.why})`);
      }
      if (item.expect.followUp !== undefined && feedback.followUp?.question !== item.expect.followUp) wrong.push(`${item.label}/${item.question}: follow-up "${feedback.followUp?.question}"`);
      for (const prefix of item.expect.notCovered ?? []) {
        const p = feedback.points.find((x) => x.point.startsWith(prefix));
        if (!p || p.covered) (item.known?.includes(`notCovered: ${prefix}`) ? known : wrong).push(`${item.label}/${item.question}: "${prefix}" covered by "${p?.evidence}"`);
      }
    }
    if (known.length) console.log(`\nknown misses, listed in the fixtures:\n${known.join('\n')}\n`);
    expect(wrong).toEqual([]);
  });

  it('scores each answer within its labelled range', () => {
    const outsideAll = results.filter(({ item, feedback }) => feedback.score < item.expect.scoreRange[0] || feedback.score > item.expect.scoreRange[1]);
    const describe = ({ item, feedback }: (typeof results)[number]) => `${item.label}/${item.question}: ${feedback.score} not in [${item.expect.scoreRange.join(', ')}]: ${feedback.scoreSteps.map((s) => `${s.points} ${s.label}`).join('; ')}`;
    const known = outsideAll.filter((r) => r.item.known?.includes('score')).map(describe);
    if (known.length) console.log(`\nknown score misses, listed in the fixtures:\n${known.join('\n')}\n`);
    expect(outsideAll.filter((r) => !r.item.known?.includes('score')).map(describe)).toEqual([]);
  });

  it('scores a keyword salad far below a real answer to the same question', () => {
    for (const { item, feedback } of results.filter((r) => r.item.label === 'salad')) {
      const strong = results.find((r) => r.item.label === 'strong' && r.item.question === item.question);
      if (strong) expect(strong.feedback.score - feedback.score, `${item.question}: ${item.answer}`).toBeGreaterThanOrEqual(50);
    }
  });

  it('quotes evidence and flagged sentences from the answer itself', () => {
    for (const { item, feedback } of results) {
      for (const p of feedback.points.filter((x) => x.covered)) expect(item.answer).toContain(p.evidence!);
      for (const f of feedback.flags.filter((x) => x.sentence)) expect(item.answer).toContain(f.sentence!);
      for (const s of Object.values(feedback.star).filter((x) => x.found)) expect(item.answer).toContain(s.sentence!);
    }
  });
});
