/**
 * Your numbers, as cards: the figures a candidate is likely to quote (the ones `prep story` drafts
 * from, and any pinned with `prep explain KEY --pin`) become drill questions from the newest run
 * on one dataset. The answer's figures are checked against the run by the figure check (stated
 * precision decides), its words against the metric's meaning; FSRS schedules them like any card.
 * A card's id carries the value it asks for, so a newer run that changes the figure retires the
 * old card and starts a new one.
 */
import { createHash } from 'node:crypto';
import type { Question } from '../content/questions.js';
import type { RunRecord, RunStore } from '../data/runs.js';
import type { StateDb } from '../data/state.js';
import { describeMetric } from '../labs/catalogue/index.js';

/** Figures `prep story` quotes, with the question an interviewer would ask about each. */
const quotable: { lab: string; key: string; ask: string }[] = [
  { lab: 'churn', key: 'dataset.positiveRate', ask: 'What share of customers churned in your data, and what does that base rate change about how you judge the model?' },
  { lab: 'churn', key: 'cv.gradient_boosting.auc.mean', ask: 'What cross-validated ROC-AUC did your gradient-boosted model reach, and how much did it vary between folds?' },
  { lab: 'churn', key: 'imbalance.smoteLeaky.auc', ask: 'What AUC did SMOTE before the split report, and why is that figure wrong?' },
  { lab: 'churn', key: 'test.threshold', ask: 'What decision threshold did you choose, and why not 0.5?' },
  { lab: 'churn', key: 'test.recall', ask: 'What was your test recall at the chosen threshold, and why that threshold?' },
  { lab: 'churn', key: 'test.precision', ask: 'What was your test precision at the chosen threshold, and what did it cost in recall?' },
  { lab: 'churn', key: 'test.auc', ask: 'What ROC-AUC did your model reach on the held-out customers, and what does that number mean?' },
  { lab: 'churn', key: 'threshold.netValue', ask: 'What net value did your threshold give under your cost model, and on which assumptions?' },
  { lab: 'segment', key: 'concentration.top10Share', ask: 'What share of revenue came from the top 10% of customers, and what would you do with that?' },
  { lab: 'segment', key: 'segments.champions.revenueShare', ask: 'What share of revenue did the Champions segment hold, and how is that segment defined?' },
  { lab: 'segment', key: 'cohorts.month1Retention', ask: 'What was month-one retention across your cohorts, and how did you compute it?' },
  { lab: 'segment', key: 'kmeans.silhouette', ask: 'What silhouette did your clustering reach, and how did you choose k?' },
];

const pinnedKey = 'pinnedFigures';

/** Figures the candidate pinned with `prep explain KEY --pin`, as "lab.key". */
export function pinnedFigures(db: StateDb): string[] {
  const row = db.prepare(`SELECT value FROM settings WHERE key = ?`).get(pinnedKey) as { value: string } | undefined;
  try {
    const list = row ? (JSON.parse(row.value) as unknown) : [];
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function pinFigure(db: StateDb, labDotKey: string): void {
  const list = [...new Set([...pinnedFigures(db), labDotKey])];
  db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(pinnedKey, JSON.stringify(list));
}

const datasetLabel = (run: RunRecord) => (run.datasetName === 'telco' ? "IBM's fictional Telco sample" : run.datasetName === 'retail' ? 'the UCI Online Retail data' : `the "${run.datasetName}" data`);

/** The figure cards for the newest complete run of each lab (one dataset per lab), with pinned figures after the usual ones. */
export function figureQuestions(store: RunStore, db: StateDb): Question[] {
  const pinned = pinnedFigures(db).map((k) => {
    const [lab, ...rest] = k.split('.');
    return { lab: lab!, key: rest.join('.'), ask: '' };
  });
  const wanted = [...quotable, ...pinned.filter((p) => !quotable.some((q) => q.lab === p.lab && q.key === p.key))];
  const out: Question[] = [];
  for (const { lab, key, ask } of wanted) {
    const newest = store.latest(lab);
    const run = newest && store.latest(lab, key, newest.datasetName ?? undefined);
    const metric = run && store.metric(run.id, key);
    if (!run || !metric) continue;
    const others = new Map(store.metrics(run.id).map((m) => [m.key, m.value]));
    const described = describeMetric(lab, { key, value: metric.value, inputs: metric.inputs, others });
    if (!described) continue;
    // the value is part of the id: a newer run with another value is a new card, and the old one retires
    const version = createHash('sha256').update(`${metric.value}`).digest('hex').slice(0, 6);
    const id = `figure-${lab}-${key.replace(/[^A-Za-z0-9]+/g, '-').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}-${version}`;
    const question = ask || `What was your ${key} in the ${lab} lab, and what does it mean?`;
    out.push({
      id,
      title: `Your number: ${key} (${lab} lab, ${run.datasetName ?? 'your data'})`,
      roles: ['mle', 'ds', 'analyst'],
      topics: ['your-numbers', lab],
      // a figure and its meaning, not a story: no STAR expected
      kind: 'technical',
      difficulty: 'medium',
      targetSeconds: 45,
      talkingPoints: [
        { point: 'Quote the figure your run measured', keywords: [formatFor(key, metric.value, metric.unit)] },
        { point: 'Say what it means and how it was computed', keywords: meaningWords(described.meaning, metric.formula) },
      ],
      followUps: ['How would you check that figure if someone doubted it?'],
      links: [`${lab}.${key}`],
      file: `(your runs)/${lab}/${key}`,
      sections: {
        Question: `${question} (Your run ${run.id} on ${datasetLabel(run)}.)`,
        'What they are probing': 'Whether you can quote a figure you produced, at the precision you measured it, and explain what it means and how it was computed.',
        'Model answer': `${described.interview.replace(/^"|"$/g, '')}\n\nWhat it is: ${described.meaning} Computed as ${metric.formula}.`,
        Pitfalls: '- Rounding the figure up, or quoting it to more digits than you measured.\n- Quoting the number without saying what it measures or on which data.',
      },
    });
  }
  return out;
}

/** The figure as people say it: AUC-like scores as decimals, shares as percentages. */
function formatFor(key: string, value: number, unit: string | null): string {
  if (/auc|prAuc|silhouette|gini/i.test(key)) return value.toFixed(3);
  if (/threshold$/.test(key)) return value.toFixed(2);
  if (unit === 'ratio' && Math.abs(value) <= 1) return `${(100 * value).toFixed(1)}%`;
  return Number.isInteger(value) ? value.toLocaleString('en') : String(Number(value.toPrecision(3)));
}

/** Content words of the meaning and formula (no everyday words), as the talking point's keywords. */
function meaningWords(meaning: string, formula: string): string[] {
  const stop = new Set(['the', 'and', 'that', 'with', 'from', 'this', 'their', 'over', 'share', 'customers', 'which', 'when', 'where', 'each', 'what', 'into', 'only', 'than', 'they', 'were', 'have', 'more', 'model', 'data', 'should', 'would', 'could', 'judged', 'rather', 'against', 'there', 'these', 'those', 'about']);
  const words = `${meaning} ${formula}`.toLowerCase().match(/[a-z][a-z-]{4,}/g) ?? [];
  return [...new Set(words.filter((w) => !stop.has(w)))].slice(0, 6);
}
