/**
 * The churn run as a report: the same content for the plain-text summary and the HTML file.
 * Both say that the bundled data is IBM's fictional sample, and both put the leaky SMOTE figure
 * next to the honest one with a warning.
 *
 * The HTML report reads the lab's result plus `ChurnReportInputs`: figures the run store holds
 * beyond the result (CV AUC per fold, bootstrap intervals, calibration, fairness tests) and the
 * held-out scores, so each chart can mark the decision it supports.
 */
import { modelTerms } from '../../labs/catalogue/terms.js';
import { brierScore as brier, reliabilityCurve, type ReliabilityBin } from '../../ml/calibration.js';
import { renderHtmlReport, type Bar, type CellValue, type HtmlReport, type ReportSection, type ReportTable } from '../report-html.js';
import { formatCount, formatMoney, formatPercent, formatRatio, formatSigned } from '../number-format.js';
import { renderTable } from '../text.js';
import { fairnessKeyOf, groupName, noFairnessLine } from './churn-statistics-text.js';
import { defaultCostModel, modelNames, stageNames, stageTitles, type ChurnLabEvent, type ChurnLabResult, type CostModel, type ModelName } from '../../labs/churn/types.js';

/** The threshold and test stages run on the main thread while the imbalance stage's fits run on the workers. */
const overlapNote = 'Threshold and test run during imbalance, beside its fits: their rows show their own compute time, which overlaps imbalance.';

/** Model names for people: defined once, in the metric catalogue's terms. */
const modelLabels: Record<string, string> = Object.fromEntries(Object.entries(modelTerms.values).map(([key, term]) => [key, term.name]));

const f3 = (v: number) => Number(v.toFixed(3));
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export type { ReliabilityBin };

/** What the run store holds beyond the result object; every field is optional (older runs lack some). */
export interface ChurnReportInputs {
  /** ISO 4217 code of the dataset's money columns (the cost model is in the same unit). */
  currency?: string;
  /** The run's recorded figures by key (new figures such as `test.auc.ci95Low` light up when present). */
  metrics?: Record<string, number>;
  /** ROC-AUC on each CV fold, by model (the inputs of `cv.<model>.auc.mean`). */
  cvAucPerFold?: Partial<Record<ModelName, number[]>>;
  /** The deployed model's score and the true outcome for each held-out customer. */
  testScores?: { score: number; churned: boolean }[];
  /** The recorded reliability curve (the `calibration` artifact), if the run saved one. */
  reliability?: { bins: ReliabilityBin[]; source: string };
}

// Calibration for the report when the run saved none: the lab's own functions (src/ml/calibration.ts),
// on the held-out scores, so the report and the recorded figures cannot disagree.
const outcomes = (scores: { churned: boolean }[]) => scores.map((s) => (s.churned ? 1 : 0));
const probabilities = (scores: { score: number }[]) => scores.map((s) => s.score);
export const reliabilityBins = (scores: { score: number; churned: boolean }[], bins = 10): ReliabilityBin[] => reliabilityCurve(outcomes(scores), probabilities(scores), bins);
export const brierScore = (scores: { score: number; churned: boolean }[]): number => brier(outcomes(scores), probabilities(scores));
/** Expected calibration error over the bins: Σ (rows in bin / rows) · |observed − mean predicted|. */
export function expectedCalibrationError(bins: ReliabilityBin[]): number {
  const n = bins.reduce((a, b) => a + b.count, 0);
  return bins.reduce((a, b) => (b.count ? a + (b.count / n) * Math.abs(b.observedRate - b.meanPredicted) : a), 0);
}

/** Precision, recall and F1 at each threshold 0.01 … 0.99 (precision left out where nobody is flagged). */
export function thresholdSweep(scores: { score: number; churned: boolean }[], steps = 99): { threshold: number; precision: number | null; recall: number; f1: number | null }[] {
  const positives = scores.filter((s) => s.churned).length;
  const out = [];
  for (let k = 1; k <= steps; k++) {
    const t = k / (steps + 1);
    let tp = 0;
    let fp = 0;
    for (const s of scores) if (s.score >= t) s.churned ? tp++ : fp++;
    const precision = tp + fp ? tp / (tp + fp) : null;
    const recall = positives ? tp / positives : 0;
    const f1 = precision !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
    out.push({ threshold: t, precision, recall, f1 });
  }
  return out;
}

export function dataLabel(r: ChurnLabResult): string {
  return r.dataset.name === 'telco' ? "IBM's fictional Telco sample data (not real customers)" : `${r.dataset.title}: ${r.dataset.label}`;
}

export function leakWarning(r: ChurnLabResult): string {
  const i = r.imbalance;
  return `Mistake shown on purpose: SMOTE applied before the split gives CV AUC ${f3(i.smoteLeaky.auc)} and recall ${pct(i.smoteLeaky.recall)}, against ${f3(i.smoteInFolds.auc)} and ${pct(i.smoteInFolds.recall)} with SMOTE inside the training folds. The gap is leakage (synthetic points made from validation customers), not skill.`;
}

/** "trees 200, depth 3, learning rate 0.05": tuned parameters for people, not JSON. */
export function describeParams(params: Record<string, number>): string {
  // a one-letter name (C, the inverse regularisation strength) keeps its case
  const words = (k: string) => (k.length === 1 ? k : k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
  return Object.entries(params).map(([k, v]) => `${words(k)} ${v}`).join(', ') || 'defaults';
}

/**
 * A stage's progress detail for people: the CV stage reports `gradient_boosting {"trees":200}`,
 * shown as "gradient boosting: trees 200".
 */
export function readableStageDetail(detail: string): string {
  const match = /^(\w+) (\{.*\})$/.exec(detail);
  if (!match) return detail;
  try {
    const params = JSON.parse(match[2]!) as Record<string, number>;
    return `${modelLabels[match[1]!] ?? match[1]}: ${describeParams(params)}`;
  } catch {
    return detail;
  }
}

/**
 * One line per stage on stderr while the lab runs without its live view (piped, CI), so a log
 * shows progress as it happens; stdout keeps only the result.
 */
export function churnStageLogger(write: (line: string) => void, now: () => number = () => performance.now()): (event: ChurnLabEvent) => void {
  const start = now();
  return (e) => {
    const position = `[${stageNames.indexOf(e.stage) + 1}/${stageNames.length}]`;
    if (e.type === 'stage-start') write(`churn lab ${position} ${stageTitles[e.stage]}…\n`);
    else if (e.type === 'stage-done') write(`churn lab ${position} ${e.stage} done in ${(e.ms / 1000).toFixed(1)} s (${((now() - start) / 1000).toFixed(1)} s so far): ${readableStageDetail(e.summary)}\n`);
  };
}

/** The short glossary at the end of the report, for terms a hiring manager may not know. */
export const churnGlossary = [
  { term: 'ROC-AUC', meaning: 'The chance that the model scores a random churner above a random customer who stays: 0.5 is guessing, 1 is perfect ranking.' },
  { term: 'PR-AUC', meaning: 'Area under the precision-recall curve (average precision). Compare it with the base rate: a model that guesses scores about the share of churners.' },
  { term: 'precision', meaning: 'Of the customers flagged, the share who really churned.' },
  { term: 'recall', meaning: 'Of the customers who churned, the share the model flagged.' },
  { term: 'F1', meaning: 'The harmonic mean of precision and recall.' },
  { term: 'flag rate', meaning: 'The share of customers the model flags for a retention offer.' },
  { term: 'threshold', meaning: 'The score above which a customer is flagged; chosen here by the cost model, not fixed at 0.5.' },
  { term: 'cross-validation', meaning: 'Train on four fifths of the training customers, score the fifth, five times over; the spread across folds shows how stable a figure is.' },
  { term: 'calibration', meaning: 'Whether "30% likely to churn" means that about 30% of such customers churn. The Brier score is the mean squared error of the probabilities (lower is better).' },
  { term: 'SHAP value', meaning: 'How much one feature moved one customer\'s prediction away from the average prediction, in log-odds; the values add up exactly to the prediction.' },
  { term: 'log-odds', meaning: 'log(p / (1 − p)): 0 is a probability of 50%, −1.7 about 15%, +2 about 88%.' },
  { term: 'SMOTE', meaning: 'Makes synthetic churners by interpolating between real ones, to balance the classes; it must happen inside each training fold.' },
];

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));

/** "0.845 [0.811, 0.857]" when the run recorded a 95% interval for the key, else "0.845". */
function withInterval(metrics: Record<string, number> | undefined, key: string, value: number, format: (v: number) => string = formatRatio): string {
  const low = metrics?.[`${key}.ci95Low`];
  const high = metrics?.[`${key}.ci95High`];
  return low !== undefined && high !== undefined ? `${format(value)} [${format(low)}, ${format(high)}]` : format(value);
}

export function buildChurnReport(r: ChurnLabResult, inputs: ChurnReportInputs = {}): HtmlReport {
  const m = inputs.metrics;
  const money = (v: number) => formatMoney(v, inputs.currency, 0);
  const c = r.test.confusion;
  const d = r.test.default;
  const testRows = r.split.testRows;
  const baseRate = r.split.testPositives / testRows;
  const hasIntervals = m?.['test.auc.ci95Low'] !== undefined;
  const deployed = r.test.model;
  const operating = { x: c.fp / Math.max(1, c.fp + c.tn), y: r.test.recall };
  const operatingDefault = { x: d.confusion.fp / Math.max(1, d.confusion.fp + d.confusion.tn), y: d.recall };
  const chosenLabel = `chosen ${r.test.threshold.toFixed(2)}`;

  // CV: dots for the mean, whiskers for the fold range (or ± 1 std when folds are not recorded)
  const cvBars: Bar[] = modelNames.map((name) => {
    const folds = inputs.cvAucPerFold?.[name];
    const s = r.cv.models[name].auc;
    const error: [number, number] = folds?.length ? [Math.min(...folds), Math.max(...folds)] : [s.mean - s.std, s.mean + s.std];
    const notes = [name === r.cv.best ? 'best mean' : '', name === deployed ? 'deployed' : ''].filter(Boolean);
    return { label: modelLabels[name]!, value: s.mean, error, tone: name === deployed ? 'highlight' : undefined, note: notes.length ? `(${notes.join(', ')})` : undefined };
  });
  const cvLo = Math.min(...cvBars.map((b) => b.error![0]));
  const cvHi = Math.max(...cvBars.map((b) => b.error![1]));
  const pad = Math.max(0.005, (cvHi - cvLo) * 0.25);
  const foldsKnown = modelNames.every((n) => inputs.cvAucPerFold?.[n]?.length);

  const summaryRows: CellValue[][] = [
    ['test ROC-AUC', withInterval(m, 'test.auc', r.test.auc), `ranking quality on ${formatCount(testRows)} held-out customers`],
    ['test PR-AUC', withInterval(m, 'test.prAuc', r.test.prAuc), `against a base rate of ${formatRatio(baseRate)}`],
    [`recall at ${r.test.threshold.toFixed(2)}`, withInterval(m, 'test.recall', r.test.recall), `${formatCount(c.tp)} of ${formatCount(c.tp + c.fn)} churners flagged`],
    [`precision at ${r.test.threshold.toFixed(2)}`, withInterval(m, 'test.precision', r.test.precision), `${formatCount(c.tp)} of ${formatCount(c.tp + c.fp)} flagged customers churned`],
    ['net value of the offers', money(r.threshold.netValue), `${money(r.threshold.netValueDefault)} at the default 0.5`],
  ];
  if (m?.['threshold.netValueGain.ci95Low'] !== undefined) {
    summaryRows.push(['gain over 0.5 (95% interval)', `${money(r.threshold.netValue - r.threshold.netValueDefault)} [${money(m['threshold.netValueGain.ci95Low'])}, ${money(m['threshold.netValueGain.ci95High']!)}]`, 'bootstrap over the test customers']);
  }

  const cvRows: CellValue[][] = modelNames.map((name) => {
    const s = r.cv.models[name];
    const folds = inputs.cvAucPerFold?.[name];
    return [
      { text: modelLabels[name]!, strong: name === deployed },
      `${formatRatio(s.auc.mean)} ± ${formatRatio(s.auc.std)}`,
      folds?.length ? `${formatRatio(Math.min(...folds))}–${formatRatio(Math.max(...folds))}` : '–',
      formatRatio(s.accuracy.mean),
      formatRatio(s.precision.mean),
      formatRatio(s.recall.mean),
      formatRatio(s.f1.mean),
      describeParams(r.cv.tuning[name].chosen),
    ];
  });

  const sweep = inputs.testScores?.length ? thresholdSweep(inputs.testScores) : undefined;
  const reliability = inputs.reliability ?? (inputs.testScores?.length ? { bins: reliabilityBins(inputs.testScores), source: 'computed for this report from the saved model and the held-out customers' } : undefined);
  const brier = m?.['test.brier'] ?? (inputs.testScores?.length ? brierScore(inputs.testScores) : undefined);
  const ece = m?.['test.ece'] ?? (reliability ? expectedCalibrationError(reliability.bins) : undefined);
  const recordedCalibration = m?.['test.brier'] !== undefined;

  // shading relative to the largest cell, so the smaller three differ visibly too
  const largestCell = Math.max(c.tp, c.fn, c.fp, c.tn, 1);
  const confusion: ReportTable = {
    caption: `Confusion matrix at threshold ${r.test.threshold.toFixed(2)} (${formatCount(testRows)} test customers; darker = more customers)`,
    columns: ['actual \\ predicted', 'predicted: churn', 'predicted: stay', 'total'],
    rowHeaders: true,
    rows: [
      ['actual: churned', { text: `${formatCount(c.tp)} caught (TP)`, numeric: true, shade: c.tp / largestCell }, { text: `${formatCount(c.fn)} missed (FN)`, numeric: true, shade: c.fn / largestCell }, formatCount(c.tp + c.fn)],
      ['actual: stayed', { text: `${formatCount(c.fp)} false alarms (FP)`, numeric: true, shade: c.fp / largestCell }, { text: `${formatCount(c.tn)} left alone (TN)`, numeric: true, shade: c.tn / largestCell }, formatCount(c.fp + c.tn)],
      ['total', formatCount(c.tp + c.fp), formatCount(c.fn + c.tn), formatCount(testRows)],
    ],
  };

  const fairnessRows: CellValue[][] = Object.entries(r.fairness).flatMap(([attr, groups]) =>
    Object.entries(groups).map(([g, s]) => {
      const key = `fairness.${fairnessKeyOf(r, attr)}.${g}.recall`;
      return [attr, groupName(attr, g), formatCount(s.rows), formatCount(s.positives), withInterval(m, key, s.recall), formatRatio(s.precision), formatPercent(s.positiveRate)];
    }),
  );
  const fairnessGaps: CellValue[][] = Object.entries(r.fairness).map(([attr, groups]) => {
    const gs = Object.values(groups);
    const gap = (f: (g: (typeof gs)[number]) => number) => Math.max(...gs.map(f)) - Math.min(...gs.map(f));
    const key = fairnessKeyOf(r, attr);
    const p = (name: string) => {
      const value = m?.[`fairness.${key}.${name}.pValue`];
      return value === undefined ? 'not tested in this run' : `${value < 0.001 ? 'p < 0.001' : `p = ${value.toFixed(3)}`} (${value < 0.05 ? 'significant' : 'not significant'} at 5%)`;
    };
    return [attr, formatRatio(gap((g) => g.recall)), p('recallGap'), `${(100 * gap((g) => g.positiveRate)).toFixed(1)} percentage points`, p('positiveRateGap')];
  });

  const rateTables: ReportTable[] = [
    ...(r.profile.rateByTenureBand
      ? [{ caption: 'Churn rate by tenure band', columns: ['tenure', 'customers', 'churned', 'churn rate'], rows: r.profile.rateByTenureBand.map((x) => [x.value, formatCount(x.rows), formatCount(x.positives), formatPercent(x.rate)]) }]
      : []),
    ...r.profile.rateBy
      .filter((x) => ['Contract', 'InternetService', 'PaymentMethod'].includes(x.column))
      .map((x) => ({ caption: `Churn rate by ${x.column}`, columns: [x.column, 'customers', 'churned', 'churn rate'], rows: x.rows.map((g) => [g.value, formatCount(g.rows), formatCount(g.positives), formatPercent(g.rate)]) })),
  ];

  const sections: ReportSection[] = [
    {
      heading: 'Summary',
      paragraphs: [
        `${modelLabels[deployed]} predicts which customers of ${dataLabel(r)} will churn. On ${formatCount(testRows)} customers it never saw, it ranks a random churner above a random stayer ${formatPercent(r.test.auc)} of the time; at the cost-based threshold it flags ${formatPercent((c.tp + c.fp) / testRows)} of customers and catches ${formatPercent(r.test.recall)} of churners.`,
        ...(hasIntervals ? ['Brackets give 95% bootstrap intervals over the test customers.'] : []),
        ...leakageLines(r),
      ],
      tables: [{ caption: 'Headline figures (test set)', columns: ['figure', 'value', 'what it means'], rowHeaders: true, rows: summaryRows }],
    },
    {
      heading: 'Data',
      paragraphs: [
        `${dataLabel(r)}. ${formatCount(r.dataset.rows)} customers, ${formatCount(r.dataset.positives)} churned (${formatPercent(r.profile.positiveRate)}); always predicting "stays" is ${formatPercent(r.profile.majorityBaselineAccuracy)} accurate.`,
        `Target ${r.target.column} = "${r.target.positive}"; id column ${r.target.idColumn ?? '(row number)'}; seed ${r.seed}; dataset sha256 ${r.dataset.sha256.slice(0, 16)}….`,
      ],
      charts: r.profile.rateBy.some((x) => x.column === 'Contract')
        ? [
            {
              kind: 'bar',
              title: 'Churn rate by contract',
              description: 'Share of customers who churned, by contract type.',
              bars: r.profile.rateBy.find((x) => x.column === 'Contract')!.rows.map((g) => ({ label: g.value, value: g.rate })),
              format: (v) => formatPercent(v),
              valueLabel: 'churn rate',
            },
          ]
        : [],
      tables: [{ caption: 'Cleaning decisions', columns: ['column', 'rows', 'decision'], rows: r.cleaning.decisions.map((x) => [x.column, formatCount(x.rows), x.decision]) }, ...rateTables],
    },
    {
      heading: 'Features',
      paragraphs: [
        `${r.features.count} model inputs after Yes/No flags, one-hot encoding and engineered features; encodings, medians and scaling are fitted on training folds only.`,
        ...r.features.engineered.map((f) => `${f.name}: ${f.rationale}.`),
      ],
    },
    {
      heading: `Cross-validation (${r.cv.folds}-fold stratified${groupedBy(r)}, on the ${formatCount(r.split.trainRows)} training customers)`,
      paragraphs: [
        `Hold-out test set: ${formatCount(r.split.testRows)} customers (${formatPercent(r.split.testSize, 0)}), stratified${groupedBy(r)}, used once at the end. Best mean CV ROC-AUC: ${modelLabels[r.cv.best]}; deployed: ${modelLabels[deployed]}.`,
        // the stated model-choice rule, when the run records one (issue 17); otherwise why a tree ensemble is deployed
        ...((r.cv as { choice?: { reason?: string } }).choice?.reason
          ? [(r.cv as { choice?: { reason?: string } }).choice!.reason!]
          : r.cv.best !== deployed
            ? ['The deployed model is the best tree ensemble, because the lab explains each prediction with exact TreeSHAP; where the whiskers overlap, the models are not distinguishable on these folds.']
            : []),
      ],
      charts: [
        {
          kind: 'bar',
          title: 'CV ROC-AUC by model',
          description: `Mean ROC-AUC over ${r.cv.folds} folds; whiskers span ${foldsKnown ? 'the lowest to the highest fold' : 'one standard deviation either side'}. The axis does not start at 0.`,
          bars: cvBars,
          domain: [Math.max(0, cvLo - pad), Math.min(1, cvHi + pad)],
          format: (v) => formatRatio(v),
          valueLabel: `ROC-AUC (dot: mean; whisker: ${foldsKnown ? 'fold range' : '± 1 std'})`,
        },
      ],
      tables: [{ caption: 'Cross-validated metrics (metrics other than AUC at threshold 0.5)', columns: ['model', 'ROC-AUC (mean ± std)', 'AUC fold range', 'accuracy', 'precision', 'recall', 'F1', 'tuned parameters'], rowHeaders: true, rows: cvRows }],
    },
    {
      heading: `Class imbalance (${modelLabels[r.imbalance.model]}, cross-validated)`,
      paragraphs: [`!${leakWarning(r)}`, r.imbalance.note],
      tables: [
        {
          caption: 'Imbalance treatments compared on the same folds',
          columns: ['treatment', 'CV ROC-AUC', 'CV recall at 0.5', 'verdict'],
          rowHeaders: true,
          rows: [
            ['none', formatRatio(r.imbalance.none.auc), formatRatio(r.imbalance.none.recall), 'honest'],
            ['class weights', formatRatio(r.imbalance.classWeights.auc), formatRatio(r.imbalance.classWeights.recall), 'honest'],
            ['SMOTE inside training folds', formatRatio(r.imbalance.smoteInFolds.auc), formatRatio(r.imbalance.smoteInFolds.recall), 'honest'],
            [{ text: 'SMOTE before the split', strong: true }, formatRatio(r.imbalance.smoteLeaky.auc), formatRatio(r.imbalance.smoteLeaky.recall), { text: 'MISTAKE: leaky, inflated', strong: true }],
          ],
        },
      ],
    },
    {
      heading: 'Threshold by cost model',
      paragraphs: [
        `Offer cost ${formatMoney(r.threshold.offerCost, inputs.currency, 0)}, value of a saved customer ${formatMoney(r.threshold.savedValue, inputs.currency, 0)}, offer success rate ${formatPercent(r.threshold.successRate, 0)}. Net value = saved value × success rate × churners targeted − offer cost × customers targeted.`,
        `Chosen threshold ${r.threshold.chosen.toFixed(2)} (the peak on training out-of-fold predictions): test net value ${money(r.threshold.netValue)} against ${money(r.threshold.netValueDefault)} at 0.5.`,
      ],
      charts: [
        {
          kind: 'line',
          title: 'Net value by threshold (training out-of-fold)',
          description: `Net value of sending offers to everyone above each threshold; the chosen threshold ${r.threshold.chosen.toFixed(2)} is marked, with 0.5 for comparison.`,
          xLabel: 'threshold',
          yLabel: `net value${inputs.currency ? ` (${inputs.currency})` : ''}`,
          xDomain: [0, 1],
          series: [{ name: 'net value', points: r.threshold.curve.map((p) => [p.threshold, p.netValue]) }],
          markers: [
            { axis: 'x', value: r.threshold.chosen, label: chosenLabel },
            { axis: 'x', value: 0.5, label: 'default 0.5' },
          ],
          format: money,
          legend: 'none',
        },
        ...(sweep
          ? [
              {
                kind: 'line' as const,
                title: 'Precision, recall and F1 by threshold (test)',
                description: `How the three trade off as the threshold moves, on the ${formatCount(testRows)} test customers; the chosen threshold is marked.`,
                xLabel: 'threshold',
                yLabel: 'value',
                xDomain: [0, 1] as [number, number],
                yDomain: [0, 1] as [number, number],
                series: [
                  { name: 'precision', points: sweep.filter((s) => s.precision !== null).map((s) => [s.threshold, s.precision!] as [number, number]) },
                  { name: 'recall', points: sweep.map((s) => [s.threshold, s.recall] as [number, number]) },
                  { name: 'F1', points: sweep.filter((s) => s.f1 !== null).map((s) => [s.threshold, s.f1!] as [number, number]) },
                ],
                markers: [{ axis: 'x' as const, value: r.test.threshold, label: chosenLabel }],
                legend: 'upper-right' as const,
                format: (v: number) => formatRatio(v),
              },
            ]
          : []),
      ],
    },
    {
      heading: `Test set: ${modelLabels[deployed]}`,
      paragraphs: [`ROC-AUC ${withInterval(m, 'test.auc', r.test.auc)}, PR-AUC ${withInterval(m, 'test.prAuc', r.test.prAuc)} (base rate ${formatRatio(baseRate)}: the PR-AUC of a model that guesses).`],
      charts: [
        {
          kind: 'line',
          title: 'ROC curve (test)',
          description: `True positive rate against false positive rate; operating points at the chosen threshold (FPR ${formatRatio(operating.x)}, TPR ${formatRatio(operating.y)}) and at 0.5.`,
          xLabel: 'false positive rate',
          yLabel: 'true positive rate (recall)',
          diagonal: true,
          xDomain: [0, 1],
          yDomain: [0, 1],
          series: [{ name: `${modelLabels[deployed]}, AUC ${formatRatio(r.test.auc)}`, points: r.test.roc }],
          points: [
            { x: operating.x, y: operating.y, label: chosenLabel },
            { x: operatingDefault.x, y: operatingDefault.y, label: '0.5' },
          ],
        },
        {
          kind: 'line',
          title: 'Precision-recall curve (test)',
          description: `Precision against recall; the dashed line is the base rate ${formatRatio(baseRate)}; operating points at the chosen threshold and at 0.5.`,
          xLabel: 'recall',
          yLabel: 'precision',
          xDomain: [0, 1],
          yDomain: [0, 1],
          legend: 'upper-right',
          series: [{ name: `PR-AUC ${formatRatio(r.test.prAuc)}`, points: r.test.pr }],
          markers: [{ axis: 'y', value: baseRate, label: `base rate ${formatRatio(baseRate)}` }],
          points: [
            { x: r.test.recall, y: r.test.precision, label: chosenLabel },
            { x: d.recall, y: d.precision, label: '0.5' },
          ],
        },
      ],
      tables: [
        {
          caption: 'Metrics at the chosen threshold and at 0.5',
          columns: ['threshold', 'accuracy', 'precision', 'recall', 'F1', 'flag rate'],
          rowHeaders: true,
          rows: [
            [`${r.test.threshold.toFixed(2)} (cost model)`, formatRatio(r.test.accuracy), withInterval(m, 'test.precision', r.test.precision), withInterval(m, 'test.recall', r.test.recall), formatRatio(r.test.f1), formatPercent((c.tp + c.fp) / testRows)],
            ['0.50 (default)', formatRatio(d.accuracy), formatRatio(d.precision), formatRatio(d.recall), formatRatio(d.f1), formatPercent((d.confusion.tp + d.confusion.fp) / testRows)],
          ],
        },
        confusion,
      ],
    },
    ...(reliability
      ? [
          {
            heading: 'Calibration: do the probabilities mean what they say?',
            paragraphs: [
              `Brier score ${brier === undefined ? '–' : brier.toFixed(4)} (0 is perfect; always predicting the base rate scores ${(baseRate * (1 - baseRate)).toFixed(4)}), expected calibration error ${ece === undefined ? '–' : ece.toFixed(4)} over 10 bins. Points below the diagonal mean the model over-states the risk; above it, under-states it.`,
              `Source: ${recordedCalibration ? 'recorded in the run' : reliability.source}.`,
            ],
            charts: [
              {
                kind: 'line' as const,
                title: 'Reliability curve (test)',
                description: 'Observed churn rate against mean predicted probability in 10 equal-width bins; the diagonal is perfect calibration.',
                xLabel: 'mean predicted probability',
                yLabel: 'observed churn rate',
                diagonal: true,
                xDomain: [0, 1] as [number, number],
                yDomain: [0, 1] as [number, number],
                legend: 'upper-left' as const,
                series: [{ name: modelLabels[deployed]!, points: reliability.bins.filter((b) => b.count > 0).map((b) => [b.meanPredicted, b.observedRate] as [number, number]) }],
                format: (v: number) => formatRatio(v),
              },
            ],
            tables: [
              {
                caption: 'Reliability bins',
                columns: ['bin', 'customers', 'mean predicted', 'observed churn rate', 'gap'],
                rows: reliability.bins.map((b) => [
                  `${b.low.toFixed(1)}–${b.high.toFixed(1)}`,
                  formatCount(b.count),
                  b.count ? formatRatio(b.meanPredicted) : '–',
                  b.count ? formatRatio(b.observedRate) : '–',
                  b.count ? formatSigned(b.observedRate - b.meanPredicted, formatRatio) : '–',
                ]),
              },
            ],
          },
        ]
      : []),
    {
      heading: `Explanations: ${r.explain.method}`,
      paragraphs: [
        `SHAP values are in ${r.explain.outputSpace}. Every customer starts from the base value ${r.explain.expectedValue.toFixed(3)} (${r.explain.outputSpace === 'log-odds' ? `a probability of ${formatPercent(sigmoid(r.explain.expectedValue))}, ` : ''}the model's average output); each feature pushes the prediction up (towards churn) or down. Additivity checked on ${formatCount(r.explain.explainedRows)} test customers: the largest error is ${r.explain.additivityMaxError.toExponential(2)}.`,
      ],
      charts: [
        {
          kind: 'bar',
          title: 'Mean |SHAP| (top 12 features)',
          description: `Average absolute SHAP value over ${formatCount(r.explain.explainedRows)} explained test customers, in ${r.explain.outputSpace}.`,
          bars: r.explain.global.slice(0, 12).map((g) => ({ label: g.feature, value: g.meanAbsShap })),
          format: (v) => v.toFixed(3),
          valueLabel: `mean |SHAP| (${r.explain.outputSpace})`,
        },
        ...r.explain.examples.map((e) => customerWaterfall(r, e)),
      ],
      tables: r.explain.examples.map((e) => customerShapTable(r, e)),
    },
    {
      heading: 'Fairness on the test set',
      paragraphs: [
        noFairnessLine(r) ?? `Recall, precision and flag rate by group at threshold ${r.test.threshold.toFixed(2)}. A gap is a finding to discuss, not something the lab silently corrects.`,
        ...[...new Set(Object.values(r.fairnessTests).flatMap((t) => (t.note ? [t.note] : [])))].map((note) => `Note: ${note}.`),
      ],
      tables: fairnessRows.length
        ? [
            { caption: 'Metrics by group', columns: ['attribute', 'group', 'customers', 'churned', 'recall', 'precision', 'flag rate'], rows: fairnessRows },
            { caption: 'Largest gap between groups', columns: ['attribute', 'recall gap', 'equal-recall test', 'flag-rate gap', 'equal-flag-rate test'], rowHeaders: true, rows: fairnessGaps },
          ]
        : [],
    },
    {
      heading: 'Glossary',
      definitions: churnGlossary,
    },
    {
      heading: 'Timings',
      tables: [{ caption: `Milliseconds per stage on this machine. ${overlapNote}`, columns: ['stage', 'ms'], rows: [...stageNames.filter((s) => r.timingsMs[s] !== undefined).map((s) => [s, formatCount(r.timingsMs[s]!)]), ['total', formatCount(r.timingsMs.total ?? 0)]] }],
    },
  ];
  return {
    title: 'Churn lab report',
    subtitle: `${dataLabel(r)} · run ${r.runId}`,
    sections,
    footer: [
      r.dataset.name === 'telco' ? "Data: IBM's fictional Telco customer churn sample (IBM sample data module); not real customers." : `Data: ${r.dataset.label}.`,
      `Every figure here is recorded with its formula and inputs in run ${r.runId}: see \`prep runs show ${r.runId}\` and \`prep explain METRIC --run ${r.runId}\`.`,
      ...(reliability && !recordedCalibration ? ['The calibration figures and the precision/recall/F1 curve were computed for this report from the saved model and held-out customers.'] : []),
    ],
  };
}

type Example = ChurnLabResult['explain']['examples'][number];

/** The part of a customer's prediction the listed features do not explain (the other features' SHAP sum). */
function otherFeatures(r: ChurnLabResult, e: Example): { prediction: number; other: number } | undefined {
  // a forest explains the probability itself; boosting explains log-odds
  let prediction: number;
  if (r.explain.outputSpace === 'probability') prediction = e.probability;
  else if (r.explain.outputSpace === 'log-odds' && e.probability > 0 && e.probability < 1) prediction = logit(e.probability);
  else return undefined;
  const shown = e.contributions.reduce((a, x) => a + x.shap, 0);
  return { prediction, other: prediction - r.explain.expectedValue - shown };
}

function customerTitle(e: Example): string {
  return `Customer ${e.id}: predicted ${formatPercent(e.probability)}, actually ${e.actual ? 'churned' : 'stayed'}`;
}

function customerWaterfall(r: ChurnLabResult, e: Example) {
  const rest = otherFeatures(r, e);
  const hidden = r.features.count - e.contributions.length;
  return {
    kind: 'waterfall' as const,
    title: `Customer ${e.id}: ${formatPercent(e.probability)} (${e.actual ? 'churned' : 'stayed'})`,
    description: `From the base value ${r.explain.expectedValue.toFixed(3)} through each feature's SHAP value to the prediction, in ${r.explain.outputSpace}.`,
    start: { label: 'base value', value: r.explain.expectedValue },
    steps: [...e.contributions.map((x) => ({ label: `${x.feature} = ${formatShapValue(x.value)}`, delta: x.shap })), ...(rest ? [{ label: `${hidden} other features`, delta: rest.other }] : [])],
    end: { label: rest ? `prediction ${formatPercent(e.probability)}` : 'sum of the listed features' },
    valueLabel: r.explain.outputSpace,
    format: (v: number) => v.toFixed(3),
  };
}

const formatShapValue = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toLocaleString('en'));

function customerShapTable(r: ChurnLabResult, e: Example): ReportTable {
  const rest = otherFeatures(r, e);
  const hidden = r.features.count - e.contributions.length;
  const rows: CellValue[][] = [
    [{ text: 'base value (average prediction)', strong: true }, formatSigned(r.explain.expectedValue, (v) => v.toFixed(3)), ''],
    ...e.contributions.map((x) => [x.feature, formatSigned(x.shap, (v) => v.toFixed(3)), formatShapValue(x.value)]),
  ];
  if (rest) {
    rows.push([`${hidden} other features`, formatSigned(rest.other, (v) => v.toFixed(3)), '']);
    rows.push([{ text: `prediction (${formatPercent(e.probability)})`, strong: true }, { text: formatSigned(rest.prediction, (v) => v.toFixed(3)), strong: true, numeric: true }, '']);
  }
  // SHAP before the feature's value: on a phone the column that matters stays on screen
  return { caption: `${customerTitle(e)}; SHAP in ${r.explain.outputSpace}`, columns: ['feature', `SHAP (${r.explain.outputSpace})`, 'value'], rows };
}

export function renderChurnHtml(r: ChurnLabResult, inputs: ChurnReportInputs = {}): string {
  return renderHtmlReport(buildChurnReport(r, inputs));
}

/** The plain-text summary printed without a TTY. */
/** What the leakage check found, for the text and the HTML report. */
export function leakageLines(r: ChurnLabResult): string[] {
  const found = r.leakage ?? [];
  const dropped = found.filter((l) => l.dropped);
  const flagged = found.filter((l) => !l.dropped);
  return [
    ...(dropped.length ? [`Target leakage: ${dropped.map((l) => `${l.column} (AUC ${l.auc.toFixed(3)} on its own)`).join(', ')} ${dropped.length === 1 ? 'ranks' : 'rank'} churners almost perfectly on the training rows and ${dropped.length === 1 ? 'was' : 'were'} dropped before any model saw ${dropped.length === 1 ? 'it' : 'them'}: such a column is written after the outcome.`] : []),
    ...(flagged.length ? [`Check for leakage: ${flagged.map((l) => `${l.column} (AUC ${l.auc.toFixed(3)} on its own)`).join(', ')} ${flagged.length === 1 ? 'is' : 'are'} kept but suspiciously strong: make sure ${flagged.length === 1 ? 'it is' : 'they are'} known before a customer churns.`] : []),
  ];
}

export function renderChurnText(r: ChurnLabResult): string {
  const out: string[] = [];
  out.push(`Churn lab on ${dataLabel(r)}`);
  out.push(`run ${r.runId}: ${r.dataset.rows} customers, ${r.dataset.positives} churned (${pct(r.profile.positiveRate)}), ${r.features.count} features, seed ${r.seed}`);
  for (const line of leakageLines(r)) out.push(`! ${line}`);
  out.push('');
  out.push(renderTable(['stage', 'ms'], stageNames.filter((s) => r.timingsMs[s] !== undefined).map((s) => [s, Math.round(r.timingsMs[s]!)])));
  out.push(overlapNote);
  out.push('');
  out.push(`Cross-validation (${r.cv.folds}-fold stratified${groupedBy(r)}):`);
  out.push(renderTable(['model', 'auc', '± std', 'accuracy', 'precision', 'recall', 'f1'], modelNames.map((m) => {
    const s = r.cv.models[m];
    return [m, f3(s.auc.mean), f3(s.auc.std), f3(s.accuracy.mean), f3(s.precision.mean), f3(s.recall.mean), f3(s.f1.mean)];
  })));
  out.push('');
  out.push(`Imbalance (${r.imbalance.model}, CV):`);
  out.push(renderTable(['treatment', 'auc', 'recall'], [
    ['none', f3(r.imbalance.none.auc), f3(r.imbalance.none.recall)],
    ['classWeights', f3(r.imbalance.classWeights.auc), f3(r.imbalance.classWeights.recall)],
    ['smoteInFolds', f3(r.imbalance.smoteInFolds.auc), f3(r.imbalance.smoteInFolds.recall)],
    ['smoteLeaky (MISTAKE)', f3(r.imbalance.smoteLeaky.auc), f3(r.imbalance.smoteLeaky.recall)],
  ]));
  out.push(`! ${leakWarning(r)}`);
  out.push('');
  out.push(`Threshold ${r.threshold.chosen.toFixed(2)} by cost model (--offer-cost ${r.threshold.offerCost} --saved-value ${r.threshold.savedValue} --success-rate ${r.threshold.successRate}): net value ${r.threshold.netValue.toFixed(0)} vs ${r.threshold.netValueDefault.toFixed(0)} at 0.5`);
  const c = r.test.confusion;
  out.push(`Test (${r.test.model}): auc ${f3(r.test.auc)}, pr-auc ${f3(r.test.prAuc)}, accuracy ${f3(r.test.accuracy)}, precision ${f3(r.test.precision)}, recall ${f3(r.test.recall)}, f1 ${f3(r.test.f1)}`);
  out.push(`  confusion: tp ${c.tp}  fn ${c.fn}  fp ${c.fp}  tn ${c.tn}   (at 0.5: precision ${f3(r.test.default.precision)}, recall ${f3(r.test.default.recall)})`);
  out.push('');
  out.push(`${r.explain.method}: additivity max error ${r.explain.additivityMaxError.toExponential(2)} over ${r.explain.explainedRows} rows; top features by mean |SHAP|:`);
  out.push(renderTable(['feature', 'mean |shap|'], r.explain.global.slice(0, 8).map((g) => [g.feature, f3(g.meanAbsShap)])));
  out.push('');
  const none = noFairnessLine(r);
  if (none) out.push(none);
  else {
    out.push('Fairness (test set):');
    out.push(renderTable(['attribute', 'group', 'recall', 'precision', 'flag rate'], Object.entries(r.fairness).flatMap(([a, gs]) => Object.entries(gs).map(([g, s]) => [a, groupName(a, g), f3(s.recall), f3(s.precision), f3(s.positiveRate)]))));
  }
  out.push('');
  out.push(`Saved artifacts: ${r.artifacts.join(', ')}. Explain a figure: prep explain test.recall --run ${r.runId}`);
  return out.join('\n');
}

/** The cost model's flags with their values and defaults, printed after every run. */
export function costModelLine(cost: CostModel): string {
  return `cost model: --offer-cost ${cost.offerCost} --saved-value ${cost.savedValue} --success-rate ${cost.successRate} (defaults ${defaultCostModel.offerCost}, ${defaultCostModel.savedValue}, ${defaultCostModel.successRate})`;
}

/** ", grouped by X (N groups)" when the run kept groups of rows together in its splits. */
function groupedBy(r: ChurnLabResult): string {
  const g = r.split.groups;
  return g ? `, grouped by ${g.column} (${formatCount(g.count)} groups, the largest ${formatCount(g.largest)} rows)` : '';
}
