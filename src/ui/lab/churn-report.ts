/**
 * The churn run as a report: the same content for the plain-text summary and the HTML file.
 * Both say that the bundled data is IBM's fictional sample, and both put the leaky SMOTE figure
 * next to the honest one with a warning.
 */
import { renderHtmlReport, type HtmlReport, type ReportSection } from '../report-html.js';
import { renderTable } from '../text.js';
import { defaultCostModel, modelNames, stageNames, type ChurnLabResult, type CostModel } from '../../labs/churn/types.js';

const modelLabels: Record<string, string> = {
  logistic_regression: 'logistic regression',
  random_forest: 'random forest',
  gradient_boosting: 'gradient boosting',
};

const f3 = (v: number) => Number(v.toFixed(3));
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function dataLabel(r: ChurnLabResult): string {
  return r.dataset.name === 'telco' ? "IBM's fictional Telco sample data (not real customers)" : `${r.dataset.title}: ${r.dataset.label}`;
}

export function leakWarning(r: ChurnLabResult): string {
  const i = r.imbalance;
  return `Mistake shown on purpose: SMOTE applied before the split gives CV AUC ${f3(i.smoteLeaky.auc)} and recall ${pct(i.smoteLeaky.recall)}, against ${f3(i.smoteInFolds.auc)} and ${pct(i.smoteInFolds.recall)} with SMOTE inside the training folds. The gap is leakage (synthetic points made from validation customers), not skill.`;
}

export function buildChurnReport(r: ChurnLabResult): HtmlReport {
  const cvRows = modelNames.map((m) => {
    const s = r.cv.models[m];
    return [modelLabels[m]!, `${f3(s.auc.mean)} ± ${f3(s.auc.std)}`, f3(s.accuracy.mean), f3(s.precision.mean), f3(s.recall.mean), f3(s.f1.mean), JSON.stringify(r.cv.tuning[m].chosen)];
  });
  const c = r.test.confusion;
  const d = r.test.default;
  const sections: ReportSection[] = [
    {
      heading: 'Data',
      paragraphs: [
        `${dataLabel(r)}. ${r.dataset.rows.toLocaleString('en')} customers, ${r.dataset.positives.toLocaleString('en')} churned (${pct(r.profile.positiveRate)}); always predicting "stays" is ${pct(r.profile.majorityBaselineAccuracy)} accurate.`,
        `Target ${r.target.column} = "${r.target.positive}"; id column ${r.target.idColumn ?? '(row number)'}; dataset sha256 ${r.dataset.sha256}; seed ${r.seed}.`,
      ],
      tables: [
        { caption: 'Cleaning decisions', columns: ['column', 'rows', 'decision'], rows: r.cleaning.decisions.map((x) => [x.column, x.rows, x.decision]) },
        ...(r.profile.rateByTenureBand ? [{ caption: 'Churn rate by tenure band', columns: ['tenure', 'customers', 'churned', 'rate'], rows: r.profile.rateByTenureBand.map((x) => [x.value, x.rows, x.positives, x.rate]) }] : []),
        ...r.profile.rateBy
          .filter((x) => ['Contract', 'InternetService', 'PaymentMethod'].includes(x.column))
          .map((x) => ({ caption: `Churn rate by ${x.column}`, columns: [x.column, 'customers', 'churned', 'rate'], rows: x.rows.map((g) => [g.value, g.rows, g.positives, g.rate]) })),
      ],
      charts: r.profile.rateBy.some((x) => x.column === 'Contract')
        ? [{ kind: 'bar', title: 'Churn rate by contract', bars: r.profile.rateBy.find((x) => x.column === 'Contract')!.rows.map((g) => ({ label: g.value, value: g.rate })), format: pct }]
        : [],
    },
    {
      heading: 'Features',
      paragraphs: [
        `${r.features.count} model inputs after Yes/No flags, one-hot encoding and engineered features; encodings, medians and scaling are fitted on training folds only.`,
        ...r.features.engineered.map((f) => `${f.name}: ${f.rationale}.`),
      ],
    },
    {
      heading: `Cross-validation (${r.cv.folds}-fold stratified, on the ${r.split.trainRows.toLocaleString('en')} training customers)`,
      paragraphs: [`Hold-out test set: ${r.split.testRows.toLocaleString('en')} customers (${pct(r.split.testSize)}), stratified, used once at the end. Best by CV AUC: ${modelLabels[r.cv.best]}.`],
      tables: [{ columns: ['model', 'ROC-AUC (mean ± std)', 'accuracy', 'precision', 'recall', 'F1', 'tuned'], rows: cvRows }],
      charts: [{ kind: 'bar', title: 'CV ROC-AUC by model', bars: modelNames.map((m) => ({ label: modelLabels[m]!, value: r.cv.models[m].auc.mean })), format: (v) => v.toFixed(3) }],
    },
    {
      heading: `Class imbalance (${modelLabels[r.imbalance.model]}, cross-validated)`,
      paragraphs: [`!${leakWarning(r)}`, r.imbalance.note],
      tables: [
        {
          columns: ['treatment', 'CV ROC-AUC', 'CV recall @0.5', 'verdict'],
          rows: [
            ['none', f3(r.imbalance.none.auc), f3(r.imbalance.none.recall), 'honest'],
            ['class weights', f3(r.imbalance.classWeights.auc), f3(r.imbalance.classWeights.recall), 'honest'],
            ['SMOTE inside training folds', f3(r.imbalance.smoteInFolds.auc), f3(r.imbalance.smoteInFolds.recall), 'honest'],
            ['SMOTE before the split', f3(r.imbalance.smoteLeaky.auc), f3(r.imbalance.smoteLeaky.recall), 'MISTAKE: leaky, inflated'],
          ],
        },
      ],
    },
    {
      heading: 'Threshold by cost model',
      paragraphs: [
        `Offer cost ${r.threshold.offerCost}, value of a saved customer ${r.threshold.savedValue}, offer success rate ${r.threshold.successRate}. Net value = saved value × success rate × churners targeted − offer cost × customers targeted.`,
        `Chosen threshold ${r.threshold.chosen.toFixed(2)} (on training out-of-fold predictions): test net value ${r.threshold.netValue.toFixed(0)} against ${r.threshold.netValueDefault.toFixed(0)} at 0.5.`,
      ],
      charts: [{ kind: 'line', title: 'Net value on training out-of-fold predictions', xLabel: 'threshold', yLabel: 'net value', series: [{ name: 'net value', points: r.threshold.curve.map((p) => [p.threshold, p.netValue]) }] }],
    },
    {
      heading: `Test set: ${modelLabels[r.test.model]}`,
      paragraphs: [`ROC-AUC ${f3(r.test.auc)}, PR-AUC ${f3(r.test.prAuc)} (base rate ${f3(r.split.testPositives / r.split.testRows)}).`],
      tables: [
        {
          caption: 'Metrics at the chosen threshold and at 0.5',
          columns: ['threshold', 'accuracy', 'precision', 'recall', 'F1'],
          rows: [
            [`${r.test.threshold.toFixed(2)} (cost model)`, f3(r.test.accuracy), f3(r.test.precision), f3(r.test.recall), f3(r.test.f1)],
            ['0.50 (default)', f3(d.accuracy), f3(d.precision), f3(d.recall), f3(d.f1)],
          ],
        },
        { caption: `Confusion matrix at ${r.test.threshold.toFixed(2)}`, columns: ['', 'predicted churn', 'predicted stay'], rows: [['churned', c.tp, c.fn], ['stayed', c.fp, c.tn]] },
      ],
      charts: [
        { kind: 'line', title: 'ROC curve (test)', xLabel: 'false positive rate', yLabel: 'true positive rate', diagonal: true, xDomain: [0, 1], yDomain: [0, 1], series: [{ name: `${modelLabels[r.test.model]} AUC ${f3(r.test.auc)}`, points: r.test.roc }] },
        { kind: 'line', title: 'Precision-recall curve (test)', xLabel: 'recall', yLabel: 'precision', xDomain: [0, 1], yDomain: [0, 1], series: [{ name: `AP ${f3(r.test.prAuc)}`, points: r.test.pr }] },
      ],
    },
    {
      heading: `Explanations: ${r.explain.method}`,
      paragraphs: [
        `Expected value ${r.explain.expectedValue.toFixed(4)} (${r.explain.outputSpace}); additivity max error over ${r.explain.explainedRows} explained test rows: ${r.explain.additivityMaxError.toExponential(2)}.`,
      ],
      charts: [{ kind: 'bar', title: 'Mean |SHAP| (top 12 features)', bars: r.explain.global.slice(0, 12).map((g) => ({ label: g.feature, value: g.meanAbsShap })), format: (v) => v.toFixed(3) }],
      tables: r.explain.examples.map((e) => ({
        caption: `Customer ${e.id}: predicted ${pct(e.probability)}, actually ${e.actual ? 'churned' : 'stayed'}`,
        columns: ['feature', 'value', 'SHAP'],
        rows: e.contributions.map((x) => [x.feature, Number(x.value.toPrecision(4)), Number(x.shap.toFixed(4))]),
      })),
    },
    {
      heading: 'Fairness on the test set',
      tables: [
        {
          columns: ['attribute', 'group', 'customers', 'churned', 'recall', 'precision', 'flag rate'],
          rows: Object.entries(r.fairness).flatMap(([attr, groups]) => Object.entries(groups).map(([g, s]) => [attr, g, s.rows, s.positives, f3(s.recall), f3(s.precision), f3(s.positiveRate)])),
        },
      ],
    },
    {
      heading: 'Timings',
      tables: [{ columns: ['stage', 'ms'], rows: [...stageNames.filter((s) => r.timingsMs[s] !== undefined).map((s) => [s, Math.round(r.timingsMs[s]!)]), ['total', Math.round(r.timingsMs.total ?? 0)]] }],
    },
  ];
  return {
    title: 'Churn lab report',
    subtitle: `${dataLabel(r)} · run ${r.runId}`,
    sections,
    footer: [
      r.dataset.name === 'telco' ? "Data: IBM's fictional Telco customer churn sample (IBM sample data module); not real customers." : `Data: ${r.dataset.label}.`,
      `Every figure here is recorded with its formula and inputs in run ${r.runId}; see \`prep runs show ${r.runId}\` and \`prep explain METRIC --run ${r.runId}\`.`,
    ],
  };
}

export function renderChurnHtml(r: ChurnLabResult): string {
  return renderHtmlReport(buildChurnReport(r));
}

/** The plain-text summary printed without a TTY. */
export function renderChurnText(r: ChurnLabResult): string {
  const out: string[] = [];
  out.push(`Churn lab on ${dataLabel(r)}`);
  out.push(`run ${r.runId}: ${r.dataset.rows} customers, ${r.dataset.positives} churned (${pct(r.profile.positiveRate)}), ${r.features.count} features, seed ${r.seed}`);
  out.push('');
  out.push(renderTable(['stage', 'ms'], stageNames.filter((s) => r.timingsMs[s] !== undefined).map((s) => [s, Math.round(r.timingsMs[s]!)])));
  out.push('');
  out.push(`Cross-validation (${r.cv.folds}-fold stratified):`);
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
  out.push('Fairness (test set):');
  out.push(renderTable(['attribute', 'group', 'recall', 'precision', 'flag rate'], Object.entries(r.fairness).flatMap(([a, gs]) => Object.entries(gs).map(([g, s]) => [a, g, f3(s.recall), f3(s.precision), f3(s.positiveRate)]))));
  out.push('');
  out.push(`Saved artifacts: ${r.artifacts.join(', ')}. Explain a figure: prep explain test.recall --run ${r.runId}`);
  return out.join('\n');
}

/** The cost model's flags with their values and defaults, printed after every run. */
export function costModelLine(cost: CostModel): string {
  return `cost model: --offer-cost ${cost.offerCost} --saved-value ${cost.savedValue} --success-rate ${cost.successRate} (defaults ${defaultCostModel.offerCost}, ${defaultCostModel.savedValue}, ${defaultCostModel.successRate})`;
}
