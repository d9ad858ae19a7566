/**
 * `prep story`: a STAR story and 30- and 90-second versions drafted from the user's latest runs.
 * Every figure is read from the run store (with its run id) or is one of the cost-model
 * assumptions the user set; a figure the runs do not have is left out, never invented.
 */
import type { MetricRecord, RunRecord } from '../data/runs.js';
import { UsageError } from '../errors.js';

export type Project = 'churn' | 'segment';
export type Role = 'mle' | 'ds' | 'analyst';

export interface StoryDraft {
  project: Project;
  role: Role;
  /** The one dataset every figure comes from. */
  dataset: string | null;
  runIds: string[];
  star: { situation: string; task: string; action: string; result: string };
  pitch30: string;
  pitch90: string;
  /** What the figures themselves say against pitching them ("the model is no better than chance"), from the runs' own statistics. */
  warnings: string[];
  markdown: string;
}

/** What a draft reads from the run store: a RunStore, or the same held in memory (tests). */
export interface DraftSource {
  latest(lab: string, withMetric?: string, dataset?: string): RunRecord | undefined;
  metrics(runId: string): Pick<MetricRecord, 'key' | 'value'>[];
  artifact<T = unknown>(runId: string, name: string): T | undefined;
}

interface Figures {
  run: RunRecord;
  has(key: string): boolean;
  pct(key: string): string;
  dec(key: string, digits?: number): string;
  int(key: string): string;
  raw(key: string): number;
}

function figuresOf(store: DraftSource, run: RunRecord): Figures {
  const values = new Map(store.metrics(run.id).map((m) => [m.key, m.value]));
  const get = (key: string) => {
    const v = values.get(key);
    if (v === undefined) throw new Error(`metric ${key} missing from run ${run.id}`);
    return v;
  };
  return {
    run,
    has: (key) => values.has(key),
    pct: (key) => `${(100 * get(key)).toFixed(1)}%`,
    dec: (key, digits = 3) => get(key).toFixed(digits),
    int: (key) => Math.round(get(key)).toLocaleString('en'),
    raw: get,
  };
}

const modelLabel: Record<string, string> = { logistic_regression: 'logistic regression', random_forest: 'a random forest', gradient_boosting: 'gradient-boosted trees' };

/** "0.849" when three figures round alike, else "between 0.623 and 0.659": never one of them passed off as all. */
function spread(values: number[], digits = 3): string {
  const shown = [...new Set(values.map((v) => v.toFixed(digits)))].sort();
  return shown.length === 1 ? `of about ${shown[0]}` : `between ${shown[0]} and ${shown.at(-1)}`;
}

/** The dataset a story is drawn from: the one asked for, else the newest complete run's. */
function datasetOf(store: DraftSource, lab: string, key: string, dataset?: string): string | undefined {
  const run = store.latest(lab, key, dataset);
  if (!run) {
    if (dataset) throw new UsageError(`no ${lab} run on the dataset "${dataset}" yet`, `Run \`prep lab ${lab} --dataset ${dataset}\` first, or leave out --dataset.`);
    throw new UsageError(`no ${lab} run yet to build a story from`, `Run \`prep lab ${lab}\` first.`);
  }
  return run.datasetName ?? undefined;
}

function churnStory(store: DraftSource, role: Role, requested?: string): Omit<StoryDraft, 'markdown' | 'project' | 'role'> {
  const dataset = datasetOf(store, 'churn', 'test.auc', requested);
  const run = store.latest('churn', 'test.auc', dataset)!;
  const f = figuresOf(store, run);
  // serving and drift figures only from runs on the same data
  const serveRun = store.latest('churn', 'serve.latencyP50Ms', dataset);
  const driftRun = store.latest('churn', 'drift.driftedColumns', dataset);
  const s = serveRun ? figuresOf(store, serveRun) : undefined;
  const d = driftRun ? figuresOf(store, driftRun) : undefined;
  const model = store.artifact<{ modelName: string }>(run.id, 'model')?.modelName ?? 'the best tree model';
  const data = run.datasetName === 'telco' ? "IBM's fictional Telco customer sample" : `the "${run.datasetName}" dataset`;
  const params = run.params as { offerCost?: number; savedValue?: number; successRate?: number; folds?: number };

  const situation = `Using ${data} (${f.int('dataset.rows')} customers, ${f.pct('dataset.positiveRate')} of them churned), the goal was to spot customers likely to leave early enough for a retention offer (run ${run.id}).`;
  const ran = ['trains', 'explains', ...(s ? ['serves'] : [])];
  const mleTask = `a pipeline that ${ran.length === 2 ? ran.join(' and ') : `${ran.slice(0, -1).join(', ')} and ${ran.at(-1)}`} the model${d ? ', and watches it for drift' : ''}`;
  const task = `Build and evaluate a churn model end to end: ${role === 'mle' ? mleTask : role === 'ds' ? 'a model whose choice, threshold and explanations I could defend to the business' : 'an analysis of who churns and a model that ranks customers by risk'}, judged by ROC-AUC under stratified ${params.folds ?? 5}-fold cross-validation and tested once on a held-out set.`;
  const actions = [
    f.has('clean.missingTotalCharges') ? `I cleaned the data (${f.int('clean.missingTotalCharges')} blank TotalCharges belonged to customers in their first month, so they became 0)` : 'I cleaned the data and reported every decision with its count',
    `built ${f.int('dataset.features')} model inputs with encodings fitted inside each training fold`,
    `compared logistic regression (CV AUC ${f.dec('cv.logistic_regression.auc.mean')}), a random forest (${f.dec('cv.random_forest.auc.mean')}) and gradient boosting (${f.dec('cv.gradient_boosting.auc.mean')})`,
    `checked class imbalance: SMOTE inside the training folds gave CV AUC ${f.dec('imbalance.smoteInFolds.auc')}, while SMOTE applied before the split would have reported a leaky CV AUC of ${f.dec('imbalance.smoteLeaky.auc')}, a leak I showed rather than shipped`,
    `set the decision threshold (${f.dec('test.threshold')}) from an explicit cost model rather than 0.5`,
    `explained predictions with exact TreeSHAP`,
  ];
  if (s) actions.push(`served the model as an HTTP API and load-tested it on my machine: median latency ${s.dec('serve.latencyP50Ms', 2)} ms, p99 ${s.dec('serve.latencyP99Ms', 2)} ms, ${s.int('serve.requestsPerSecond')} requests per second (run ${s.run.id})`);
  if (d) actions.push(`ran a drift check in which ${d.int('drift.driftedColumns')} columns crossed the Evidently default thresholds (run ${d.run.id})`);
  const action = `${actions.join('; ')}.`;
  let result = `On the held-out customers the model (${modelLabel[model] ?? model}) reached ROC-AUC ${f.dec('test.auc')}, recall ${f.pct('test.recall')} and precision ${f.pct('test.precision')} at that threshold, against recall ${f.pct('test.default.recall')} at 0.5.`;
  if (f.has('threshold.netValue') && params.offerCost !== undefined) {
    result += ` Under my stated assumptions (an offer costs ${params.offerCost}, a saved customer is worth ${params.savedValue}, offers work ${params.successRate} of the time), targeting at the chosen threshold was worth ${f.int('threshold.netValue')} on the test customers, against ${f.int('threshold.netValueDefault')} at 0.5: an estimate under those assumptions, not a measured saving.`;
  }
  const cvAucs = ['logistic_regression', 'random_forest', 'gradient_boosting'].map((m) => `cv.${m}.auc.mean`).filter((k) => f.has(k)).map((k) => f.raw(k));
  const pitch30 = `I built a churn model on ${data}: ${f.int('dataset.rows')} customers. Under ${params.folds ?? 5}-fold CV the three models reached a cross-validated AUC ${spread(cvAucs)}, and on the held-out set the deployed one caught ${f.pct('test.recall')} of churners at a threshold chosen by a cost model. I also showed that SMOTE before the split inflates AUC to ${f.dec('imbalance.smoteLeaky.auc')}: a leak, not skill.`;
  const pitch90 = `${situation} ${task} ${action} ${result}`;
  // an honest draft of a model that learned nothing is still nothing to pitch: say so, from the run's own interval
  const warnings =
    f.has('test.auc.ci95Low') && f.raw('test.auc.ci95Low') <= 0.5
      ? [`The model is not distinguishable from chance on the held-out customers: its ROC-AUC ${f.dec('test.auc')} has a 95% confidence interval of ${f.dec('test.auc.ci95Low')} to ${f.dec('test.auc.ci95High')}, which includes the AUC of a random ranking. These figures describe a model that found no signal; look at the data and the target before you pitch it.`]
      : [];
  return { dataset: dataset ?? null, runIds: [run.id, ...(s ? [s.run.id] : []), ...(d ? [d.run.id] : [])].filter((id, i, all) => all.indexOf(id) === i), star: { situation, task, action, result }, pitch30, pitch90, warnings };
}

function segmentStory(store: DraftSource, role: Role, requested?: string): Omit<StoryDraft, 'markdown' | 'project' | 'role'> {
  const dataset = datasetOf(store, 'segment', 'concentration.top10Share', requested);
  const run = store.latest('segment', 'concentration.top10Share', dataset)!;
  const f = figuresOf(store, run);
  const data = run.datasetName === 'retail' ? 'the UCI Online Retail transactions (a real UK online retailer, CC BY 4.0)' : `the "${run.datasetName}" transactions`;
  const situation = `Using ${data}, ${f.int('cleaning.linesIn')} transaction lines, the question was which customers drive the business and how to treat each group (run ${run.id}).`;
  const task = role === 'analyst' ? 'Clean the data, segment customers with RFM and report what each segment is worth.' : 'Segment customers, quantify how concentrated revenue is, and forecast customer value, in a way the marketing team could act on.';
  const action = `I cleaned the lines with a documented protocol (${f.int('cleaning.linesOut')} lines kept, ${f.int('cleaning.customers')} customers, ${f.int('cleaning.invoices')} invoices); scored recency, frequency and monetary value in quintiles and named segments by fixed rules; ran K-means on log-scaled, standardised RFM and chose k = ${f.int('kmeans.chosenK')} by silhouette (${f.dec('kmeans.silhouette')}); built monthly cohorts; and fitted BG/NBD and Gamma-Gamma models on a calibration period, checked on the hold-out weeks (${f.int('clv.holdoutPredicted')} purchase days predicted, ${f.int('clv.holdoutActual')} actual).`;
  const result = `Revenue was concentrated: the top 10% of customers brought ${f.pct('concentration.top10Share')} of it (Gini ${f.dec('concentration.gini')}); the Champions segment held ${f.pct('segments.champions.revenueShare')} of revenue; on average ${f.pct('cohorts.month1Retention')} of a month's new customers bought again the next month.`;
  const pitch30 = `I segmented ${f.int('cleaning.customers')} customers of a real online retailer: the top 10% brought ${f.pct('concentration.top10Share')} of revenue, and K-means on RFM found ${f.int('kmeans.chosenK')} clusters. I checked a BG/NBD value forecast on hold-out weeks before using it.`;
  const pitch90 = `${situation} ${task} ${action} ${result}`;
  return { dataset: dataset ?? null, runIds: [run.id], star: { situation, task, action, result }, pitch30, pitch90, warnings: [] };
}

const datasetLabel = (name: string | null) => (name === 'telco' ? "telco (IBM's fictional Telco sample: not real customers)" : name === 'retail' ? 'retail (UCI Online Retail)' : (name ?? 'an unnamed dataset'));

export function draftStory(store: DraftSource, project: Project, role: Role, options: { dataset?: string } = {}): StoryDraft {
  const body = project === 'churn' ? churnStory(store, role, options.dataset) : segmentStory(store, role, options.dataset);
  const markdown = [
    `# ${project === 'churn' ? 'Churn prediction' : 'Customer segmentation'}: my project (${role})`,
    '',
    `Drafted by \`prep story\` from run${body.runIds.length > 1 ? 's' : ''} ${body.runIds.join(', ')}, all on ${datasetLabel(body.dataset)}. Every figure comes from those runs or from assumptions I set; check it with \`prep story check\` after editing.`,
    '',
    ...body.warnings.flatMap((w) => [`> **Before you use this:** ${w}`, '']),
    '## Situation',
    body.star.situation,
    '',
    '## Task',
    body.star.task,
    '',
    '## Action',
    body.star.action,
    '',
    '## Result',
    body.star.result,
    '',
    '## 30-second version',
    body.pitch30,
    '',
    '## 90-second version',
    body.pitch90,
    '',
  ].join('\n');
  return { project, role, ...body, markdown };
}
