/**
 * A lab stage's output as the walkthrough shows it: the CV table for model comparison, the
 * treatments for imbalance, the confusion matrix for the test, SHAP with fairness, the drift
 * table for monitoring, before and after for a retraining. Other stages list their figures.
 */
import type { StageOutput } from '../../labs/stage-output.js';
import type { DriftReport } from '../../labs/monitor/drift-report.js';
import { formatValue, renderTable } from '../text.js';

const methodShort: Record<DriftReport['columns'][number]['method'], string> = { wasserstein_normed: 'Wasserstein', jensen_shannon: 'Jensen-Sh.', ks: 'KS p', chi_square: 'χ² p' };
const fixed = (v: number | undefined, digits = 3) => (v === undefined ? '-' : v.toFixed(digits));
const percent = (v: number | undefined) => (v === undefined ? '-' : `${(100 * v).toFixed(1)}%`);

/** `width`: the columns the output is shown in (the walkthrough's pane); tables fit it. */
export function stageLines({ stage, runId, metrics, drift, retrain }: StageOutput, width?: number): string[] {
  const table = (columns: string[], rows: unknown[][]) => renderTable(columns, rows, { width }).split('\n');
  const v = (key: string) => metrics.find((m) => m.key === key)?.value;
  switch (stage) {
    case 'cv': {
      const order = ['logistic_regression', 'random_forest', 'gradient_boosting'];
      const models = metrics
        .map((m) => /^cv\.([a-z_]+)\.auc\.mean$/.exec(m.key)?.[1])
        .filter((m): m is string => m !== undefined)
        .sort((a, b) => order.indexOf(a) - order.indexOf(b));
      const name = (m: string) => m.replace('logistic_regression', 'logistic').replace('random_forest', 'forest').replace('gradient_boosting', 'boosting');
      const rows = models.map((m) => [name(m), `${fixed(v(`cv.${m}.auc.mean`))} ± ${fixed(v(`cv.${m}.auc.std`))}`, fixed(v(`cv.${m}.precision.mean`)), fixed(v(`cv.${m}.recall.mean`)), fixed(v(`cv.${m}.f1.mean`))]);
      const tuned = models.map((m) => {
        const params = metrics.filter((x) => x.key.startsWith(`cv.${m}.tuned.`)).map((x) => `${x.key.slice(`cv.${m}.tuned.`.length)} ${formatValue(x.value)}`);
        return `  ${name(m)}: ${params.join(', ')}`;
      });
      return ['mean over the folds (precision, recall, F1 at 0.5)', ...table(['model', 'AUC ± sd', 'prec', 'recall', 'F1'], rows), 'tuned by CV AUC:', ...tuned];
    }
    case 'imbalance': {
      const treatments: [string, string][] = [['none', 'none'], ['classWeights', 'class weights'], ['smoteInFolds', 'SMOTE in folds'], ['smoteLeaky', 'SMOTE before split']];
      const rows = treatments.filter(([k]) => v(`imbalance.${k}.auc`) !== undefined).map(([k, label]) => [label, fixed(v(`imbalance.${k}.auc`)), fixed(v(`imbalance.${k}.recall`)), k === 'smoteLeaky' ? 'MISTAKE' : 'honest']);
      return ['CV AUC and recall at 0.5 by treatment', ...table(['treatment', 'AUC', 'recall', ''], rows)];
    }
    case 'test': {
      const [tp, fp, fn, tn] = ['tp', 'fp', 'fn', 'tn'].map((k) => v(`test.${k}`));
      return [
        `ROC-AUC ${fixed(v('test.auc'))} · PR-AUC ${fixed(v('test.prAuc'))}`,
        ...table(
          ['threshold', 'prec', 'recall', 'F1'],
          [
            [`${fixed(v('test.threshold'), 2)} (cost)`, fixed(v('test.precision')), fixed(v('test.recall')), fixed(v('test.f1'))],
            ['0.50', fixed(v('test.default.precision')), fixed(v('test.default.recall')), fixed(v('test.default.f1'))],
          ],
        ),
        `confusion at ${fixed(v('test.threshold'), 2)}:`,
        ...table(['', 'flagged', 'not flagged'], [['churned', tp, fn], ['stayed', fp, tn]]),
        `net value ${formatValue(v('threshold.netValue'))} vs ${formatValue(v('threshold.netValueDefault'))} at 0.5`,
      ];
    }
    case 'explain': {
      const shap = metrics.filter((m) => m.key.startsWith('explain.global.')).sort((a, b) => b.value - a.value);
      const longest = Math.max(...shap.map((m) => m.key.length - 'explain.global.'.length), 0);
      const top = shap[0]?.value ?? 1;
      const bars = shap.slice(0, 8).map((m) => `${m.key.slice('explain.global.'.length).padEnd(longest)} ${'█'.repeat(Math.max(1, Math.round((12 * m.value) / top)))} ${fixed(m.value)}`);
      const groups = [...new Set(metrics.map((m) => /^fairness\.(\w+)\.([^.]+)\.recall$/.exec(m.key)).filter((x) => x !== null).map((x) => `${x[1]}.${x[2]}`))];
      const fairness = groups.map((g) => [g.replace('.', ' = '), fixed(v(`fairness.${g}.recall`)), fixed(v(`fairness.${g}.precision`)), percent(v(`fairness.${g}.positiveRate`))]);
      return [
        `additivity error ${v('explain.additivityMaxError')?.toExponential(1) ?? '-'}; mean |SHAP|:`,
        ...bars,
        ...(fairness.length ? ['by group, test set:', ...table(['group', 'recall', 'prec', 'flagged'], fairness)] : []),
      ];
    }
    case 'drift': {
      if (!drift) break;
      const columns = [...drift.columns].sort((a, b) => Number(b.drifted) - Number(a.drifted) || b.psi - a.psi).slice(0, 6);
      return [
        `${drift.driftedColumns} of ${drift.columns.length} columns drifted (${percent(drift.driftedShare)})`,
        `batch ${drift.currentRows} rows, reference ${drift.referenceRows}`,
        ...table(['column', 'test', 'stat', 'PSI', ''], columns.map((c) => [c.column, methodShort[c.method], fixed(c.statistic), fixed(c.psi), c.drifted ? 'DRIFT' : ''])),
        ...(drift.performance ? [`AUC ${fixed(drift.performance.baselineAuc)} → ${fixed(drift.performance.currentAuc)}, recall ${fixed(drift.performance.baselineRecall)} → ${fixed(drift.performance.currentRecall)}`] : []),
        drift.recommendation.retrain ? 'recommendation: retrain' : 'recommendation: no retraining yet',
      ];
    }
    case 'retrain': {
      if (!retrain) break;
      return [
        `${retrain.newRows} labelled rows from ${retrain.batch} added to run ${retrain.fromRun}'s data${retrain.replaced ? ` (replacing ${retrain.replaced} older rows of the same customers)` : ''}`,
        ...table(['metric', 'before', 'after'], retrain.compared.map((c) => [c.key, formatValue(c.before), formatValue(c.after)])),
        'the test sets differ (each run splits its own data):',
        `compare all: prep runs diff ${retrain.fromRun} ${runId}`,
      ];
    }
    case 'serve':
    case 'loadtest':
      return [`p50 ${fixed(v('serve.latencyP50Ms'), 2)} ms · p95 ${fixed(v('serve.latencyP95Ms'), 2)} ms · p99 ${fixed(v('serve.latencyP99Ms'), 2)} ms`, `${formatValue(v('serve.requestsPerSecond'))} requests/s (this machine, load generator on the same CPUs)`];
  }
  return metrics.map((m) => `${m.key} = ${formatValue(m.value)}`);
}

