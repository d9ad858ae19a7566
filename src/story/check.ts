/**
 * `prep story check`: every numeric claim in a pitch, matched by its words to a metric of the
 * user's runs, and judged: backed (the run measured it), differs (the run measured something
 * else), no run measures this, or suspicious (a figure only a mistake produces on this data).
 */
import type { RunStore } from '../data/runs.js';
import { extractClaims, type Claim } from './claims.js';

export type Verdict = 'backed' | 'differs' | 'no-run' | 'suspicious';

export interface ClaimCheck {
  text: string;
  line: number;
  verdict: Verdict;
  /** lab.key of the metric the claim was matched to. */
  metric?: string;
  runId?: string;
  runValue?: number;
  reason: string;
}

interface Target {
  lab: string;
  keys: string[];
  /** How the metric is expressed: a ratio (claims in % or decimals), or a plain quantity. */
  scale: 'ratio' | 'quantity';
  label: string;
}

interface Rule {
  test: (c: Claim) => boolean;
  target: (c: Claim) => Target | string;
}

/** Which words a rule reads: the claim's near words first (after, then before), the wider context last. */
let scope: 'wordBefore' | 'wordsAfter' | 'after' | 'before' | 'context' = 'context';
const has = (c: Claim, re: RegExp) => re.test(c[scope]);

function findRule(c: Claim): Rule | undefined {
  for (const s of ['wordBefore', 'wordsAfter', 'before', 'after', 'context'] as const) {
    scope = s;
    const rule = rules.find((r) => r.test(c));
    if (rule) return rule;
  }
  return undefined;
}
const ratio = (c: Claim) => c.unit === 'percent' || c.unit === 'decimal';

/** Words that make a customer count one of the test confusion matrix's counts. */
const confusionCountWords = {
  flagged: /\bflag|\btarget|\bcontact|\boffer(s|ed|ing)?\b|\bpredicted to churn/,
  caught: /\bcaught|\bcorrectly|true positives/,
  missed: /\bmissed|false negatives/,
  falseAlarms: /false (alarms?|positives)/,
  heldOut: /held[- ]out customers|test (set|customers)|\bin the test\b/,
};

/** Ordered: the first rule whose words fit decides what the claim is about. A string means "no run measures this", with the reason. */
const rules: Rule[] = [
  {
    // the cost-model assumptions a story states are the user's own settings, recorded with the run
    test: (c) => c.unit !== 'money' && /offer costs?|saved customer is worth|offers work|assum/.test(c.before),
    target: () => ({ lab: 'churn', keys: ['threshold.offerCost', 'threshold.savedValue', 'threshold.successRate'], scale: 'quantity', label: 'cost-model assumption' }),
  },
  { test: (c) => c.unit === 'count' && (/worth|net value/.test(`${c.before} ${c.after}`) || (scope === 'context' && /worth|net value/.test(c.context))), target: () => ({ lab: 'churn', keys: ['threshold.netValue', 'threshold.netValueDefault'], scale: 'quantity', label: 'net value under the cost model' }) },
  { test: (c) => c.unit === 'money', target: () => 'no lab measures money earned or saved; the churn lab\'s net value is an estimate under the cost model you choose (quote it with those assumptions)' },
  { test: (c) => has(c, /uptime|availability|sla\b/), target: () => 'no run measures uptime' },
  { test: (c) => c.unit === 'multiplier', target: () => 'no run records a ratio between two systems; quote both measured figures instead' },
  {
    test: (c) => ratio(c) && /champions|loyal|at risk|can't lose|hibernating|\blost\b/.test(c.before) && /revenue/.test(`${c.wordsAfter} ${c.after}`),
    target: (c) => {
      const names: [RegExp, string][] = [[/champions/, 'champions'], [/potential loyalists/, 'potentialLoyalists'], [/loyal/, 'loyal'], [/at risk/, 'atRisk'], [/can't lose/, 'cantLoseThem'], [/hibernating/, 'hibernating'], [/lost\b/, 'lost']];
      const key = names.find(([re]) => re.test(c.before))![1];
      return { lab: 'segment', keys: [`segments.${key}.revenueShare`], scale: 'ratio', label: `revenue share of the ${key} segment` };
    },
  },
  { test: (c) => ratio(c) && has(c, /pr[- ]?auc|average precision/), target: () => ({ lab: 'churn', keys: ['test.prAuc'], scale: 'ratio', label: 'PR-AUC' }) },
  { test: (c) => ratio(c) && has(c, /leak|before the split/), target: () => ({ lab: 'churn', keys: ['imbalance.smoteLeaky.auc', 'imbalance.smoteLeaky.recall'], scale: 'ratio', label: 'leaky SMOTE figure' }) },
  { test: (c) => ratio(c) && has(c, /\bauc\b|roc/), target: () => ({ lab: 'churn', keys: ['test.auc', 'cv.logistic_regression.auc.mean', 'cv.random_forest.auc.mean', 'cv.gradient_boosting.auc.mean', 'imbalance.smoteInFolds.auc', 'imbalance.classWeights.auc', 'imbalance.none.auc'], scale: 'ratio', label: 'ROC-AUC' }) },
  { test: (c) => c.unit === 'decimal' && has(c, /threshold/), target: () => ({ lab: 'churn', keys: ['test.threshold'], scale: 'ratio', label: 'decision threshold' }) },
  { test: (c) => ratio(c) && has(c, /accura/), target: () => ({ lab: 'churn', keys: ['test.accuracy', 'test.default.accuracy', 'cv.logistic_regression.accuracy.mean', 'cv.random_forest.accuracy.mean', 'cv.gradient_boosting.accuracy.mean'], scale: 'ratio', label: 'accuracy' }) },
  { test: (c) => ratio(c) && has(c, /recall|sensitivity|caught|catch/), target: () => ({ lab: 'churn', keys: ['test.recall', 'test.default.recall'], scale: 'ratio', label: 'recall' }) },
  { test: (c) => ratio(c) && has(c, /precision/), target: () => ({ lab: 'churn', keys: ['test.precision', 'test.default.precision'], scale: 'ratio', label: 'precision' }) },
  { test: (c) => ratio(c) && has(c, /\bf1\b|f-score/), target: () => ({ lab: 'churn', keys: ['test.f1', 'test.default.f1'], scale: 'ratio', label: 'F1' }) },
  {
    test: (c) => c.unit === 'ms' || has(c, /latency/),
    target: (c) => {
      const words = `${c.before} ${c.wordsAfter}`;
      const key = /p99|99th/.test(words) ? 'serve.latencyP99Ms' : /p95|95th/.test(words) ? 'serve.latencyP95Ms' : 'serve.latencyP50Ms';
      return { lab: 'churn', keys: [key], scale: 'quantity', label: 'latency (ms)' };
    },
  },
  { test: (c) => c.unit === 'per_second' || has(c, /throughput|requests per second/), target: () => ({ lab: 'churn', keys: ['serve.requestsPerSecond'], scale: 'quantity', label: 'requests per second' }) },
  {
    test: (c) => c.unit === 'percent' && (c.topShare !== undefined || has(c, /\btop\b/)) && has(c, /revenue|sales|spend/),
    target: (c) => {
      const top = c.topShare ?? 0.1;
      const key = Math.abs(top - 0.01) < 1e-9 ? 'concentration.top1Share' : Math.abs(top - 0.1) < 1e-9 ? 'concentration.top10Share' : Math.abs(top - 0.2) < 1e-9 ? 'concentration.top20Share' : undefined;
      return key ? { lab: 'segment', keys: [key], scale: 'ratio', label: `revenue share of the top ${Math.round(top * 100)}%` } : `no run measures the share of the top ${Math.round(top * 100)}% (the lab records 1%, 10% and 20%)`;
    },
  },
  { test: (c) => has(c, /gini/), target: () => ({ lab: 'segment', keys: ['concentration.gini'], scale: 'ratio', label: 'Gini' }) },
  { test: (c) => has(c, /silhouette/), target: () => ({ lab: 'segment', keys: ['kmeans.silhouette'], scale: 'ratio', label: 'silhouette' }) },
  { test: (c) => c.unit === 'count' && has(c, /purchase days|hold-out|holdout/), target: () => ({ lab: 'segment', keys: ['clv.holdoutPredicted', 'clv.holdoutActual'], scale: 'quantity', label: 'hold-out purchase days' }) },
  { test: (c) => c.unit === 'count' && has(c, /blank|missing/), target: () => ({ lab: 'churn', keys: ['clean.missingTotalCharges'], scale: 'quantity', label: 'blank values cleaned' }) },
  { test: (c) => c.unit === 'count' && has(c, /model inputs|features/), target: () => ({ lab: 'churn', keys: ['dataset.features'], scale: 'quantity', label: 'model inputs' }) },
  { test: (c) => ratio(c) && has(c, /retention|retained|came back|repeat|bought again/), target: () => ({ lab: 'segment', keys: ['cohorts.month1Retention'], scale: 'ratio', label: 'month-1 retention' }) },
  { test: (c) => ratio(c) && has(c, /churn/), target: () => ({ lab: 'churn', keys: ['dataset.positiveRate'], scale: 'ratio', label: 'churn rate' }) },
  { test: (c) => c.unit === 'count' && has(c, /invoices|orders/), target: () => ({ lab: 'segment', keys: ['cleaning.invoices'], scale: 'quantity', label: 'invoices' }) },
  { test: (c) => c.unit === 'count' && has(c, /transactions|lines/), target: () => ({ lab: 'segment', keys: ['cleaning.linesOut', 'cleaning.linesIn'], scale: 'quantity', label: 'transaction lines' }) },
  // counts from the test confusion matrix, before the generic customer count: "we targeted 460
  // customers" is tp + fp at the chosen threshold, not the size of the dataset
  { test: (c) => c.unit === 'count' && has(c, confusionCountWords.flagged), target: () => ({ lab: 'churn', keys: ['test.tp+test.fp'], scale: 'quantity', label: 'test customers flagged at the chosen threshold, tp + fp' }) },
  { test: (c) => c.unit === 'count' && has(c, confusionCountWords.caught), target: () => ({ lab: 'churn', keys: ['test.tp'], scale: 'quantity', label: 'churners caught on the test set, tp' }) },
  { test: (c) => c.unit === 'count' && has(c, confusionCountWords.missed), target: () => ({ lab: 'churn', keys: ['test.fn'], scale: 'quantity', label: 'churners missed on the test set, fn' }) },
  { test: (c) => c.unit === 'count' && has(c, confusionCountWords.falseAlarms), target: () => ({ lab: 'churn', keys: ['test.fp'], scale: 'quantity', label: 'false alarms on the test set, fp' }) },
  { test: (c) => c.unit === 'count' && has(c, confusionCountWords.heldOut) && !/purchase/.test(c.context), target: () => ({ lab: 'churn', keys: ['split.testRows'], scale: 'quantity', label: 'held-out test customers' }) },
  {
    // "460 customers were flagged": the word right after is "customers", but the clause says which count it is
    test: (c) => c.unit === 'count' && has(c, /customers|users|subscribers|rows/) && !Object.values(confusionCountWords).some((re) => re.test(`${c.before} ${c.after}`)),
    target: (c) =>
      /retail|transaction|segment|shop|purchas|invoice|lines/.test(c.context)
        ? { lab: 'segment', keys: ['cleaning.customers', 'churn:dataset.rows'], scale: 'quantity', label: 'customers' }
        : { lab: 'churn', keys: ['dataset.rows', 'segment:cleaning.customers'], scale: 'quantity', label: 'customers' },
  },
];

function claimValue(c: Claim): number {
  return c.value;
}

function withinResolution(c: Claim, value: number): boolean {
  // a claim is read as rounded to the digits it shows; allow that rounding and a hair more
  return Math.abs(claimValue(c) - value) <= c.resolution * 1.0001 + 1e-12;
}

export function checkClaims(text: string, store: RunStore): ClaimCheck[] {
  return extractClaims(text)
    .filter((c) => c.unit !== 'qualifier')
    .map((c): ClaimCheck => {
      const rule = findRule(c);
      if (!rule) return { text: c.text, line: c.line, verdict: 'no-run', reason: 'no metric of any lab matches the words around this figure' };
      const target = rule.target(c);
      scope = 'context';
      if (typeof target === 'string') return { text: c.text, line: c.line, verdict: 'no-run', reason: target };
      const found = target.keys
        .map((entry) => {
          // "lab:key" names a metric of another lab (a customer count can come from either)
          const [lab, key] = entry.includes(':') ? (entry.split(':') as [string, string]) : [target.lab, entry];
          // "a+b": the sum of two metrics of the same run (tp + fp: the customers flagged)
          const parts = key.split('+');
          const run = store.latest(lab, parts[0]!);
          return run ? { key, lab, run, value: parts.reduce((sum, k) => sum + store.metric(run.id, k)!.value, 0) } : undefined;
        })
        .filter((f): f is NonNullable<typeof f> => f !== undefined);
      if (found.length === 0) return { text: c.text, line: c.line, verdict: 'no-run', metric: `${target.lab}.${target.keys[0]}`, reason: `no ${target.lab} run has measured ${target.label} yet (run \`prep lab ${target.lab}\`${target.keys[0]!.startsWith('serve.') ? ' and `prep lab churn loadtest`' : ''})` };

      const primary = found[0]!;
      // Signatures of a mistake on IBM's Telco sample (REFERENCE.md, protocol P1): honest AUC 0.84-0.85, accuracy about 0.80.
      if (target.lab === 'churn' && primary.run.datasetName === 'telco') {
        const leaky = store.latest('churn', 'imbalance.smoteLeaky.auc');
        const leakyAuc = leaky ? store.metric(leaky.id, 'imbalance.smoteLeaky.auc')!.value : undefined;
        const leakyRecall = leaky ? store.metric(leaky.id, 'imbalance.smoteLeaky.recall')?.value : undefined;
        const quotedAsLeak = /leak|before the split|mistake|inflat/.test(c.context);
        if (target.label === 'ROC-AUC' && quotedAsLeak && leakyAuc !== undefined && withinResolution(c, leakyAuc)) {
          return { text: c.text, line: c.line, verdict: 'backed', metric: 'churn.imbalance.smoteLeaky.auc', runId: leaky!.id, runValue: leakyAuc, reason: `quoted as the leaky SMOTE figure, which run ${leaky!.id} measured on purpose` };
        }
        if (target.label === 'ROC-AUC' && (c.value > 0.9 || (leakyAuc !== undefined && withinResolution(c, leakyAuc)))) {
          return { text: c.text, line: c.line, verdict: 'suspicious', metric: `churn.${primary.key}`, runId: primary.run.id, runValue: primary.value, reason: `an honest pipeline on IBM's Telco sample lands near 0.84-0.85; above about 0.90 points to leakage${leakyAuc !== undefined ? ` (your leaky SMOTE variant measured ${leakyAuc.toFixed(3)}; your honest test AUC is ${primary.value.toFixed(3)})` : ''}` };
        }
        if (target.label === 'accuracy' && c.value >= 0.85) {
          return { text: c.text, line: c.line, verdict: 'suspicious', metric: `churn.${primary.key}`, runId: primary.run.id, runValue: primary.value, reason: `honest models on IBM's Telco sample reach about 0.80 accuracy (always predicting "stays" gives 0.73); 0.85 and above is what SMOTE before the split produces. Your run: ${primary.value.toFixed(3)}` };
        }
        if (target.label === 'recall' && leakyRecall !== undefined && withinResolution(c, leakyRecall) && !found.some((f) => withinResolution(c, f.value))) {
          return { text: c.text, line: c.line, verdict: 'suspicious', metric: 'churn.imbalance.smoteLeaky.recall', runId: leaky!.id, runValue: leakyRecall, reason: 'this is the recall of the leaky SMOTE variant, the mistake the lab shows on purpose' };
        }
      }
      const match = found.find((f) => withinResolution(c, f.value));
      if (match) return { text: c.text, line: c.line, verdict: 'backed', metric: `${match.lab}.${match.key}`, runId: match.run.id, runValue: match.value, reason: `run ${match.run.id} measured ${match.value.toLocaleString('en', { maximumFractionDigits: 4 })} (${target.label})` };
      const shown = target.scale === 'ratio' ? (c.unit === 'percent' ? `${(100 * primary.value).toFixed(1)}%` : primary.value.toFixed(3)) : primary.value.toLocaleString('en', { maximumFractionDigits: 2 });
      return { text: c.text, line: c.line, verdict: 'differs', metric: `${primary.lab}.${primary.key}`, runId: primary.run.id, runValue: primary.value, reason: `your run measured ${shown} (${target.label}, run ${primary.run.id})` };
    });
}
