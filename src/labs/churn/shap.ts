/**
 * Stage 10, explain: exact path-dependent TreeSHAP (Lundberg et al.) for the tree model on the
 * test rows, checked for additivity on every explained row: expected value + Σ SHAP must equal
 * the model's raw output. Global importance is mean |SHAP|; a few customers are shown one by one.
 */
import { shapBase, shapValuesOfRows, shapWorkPerRow, type TreeEnsemble } from '../../ml/trees/index.js';
import type { FitPool } from './fit-pool.js';
import { subsetDesign, type Design } from './design.js';
import { round, type Recorder } from '../record.js';
import type { ChurnLabResult, ModelName } from './types.js';

/** Path steps (shapWorkPerRow) the global ranking may spend before it samples test rows: about 5 s here. */
export const shapWorkBudget = 1.5e9;
/** The fewest test rows a sampled global ranking uses. */
export const shapMinRows = 200;
/** Path steps above which the rows are explained on the fit pool's workers (about 1 s here; below it, the hand-off costs more than it saves). */
export const shapPoolWork = 3e8;

export interface ExplainOptions {
  model: TreeEnsemble;
  modelName: ModelName;
  /** The test design, its customer ids, labels and the model's probabilities, row for row. */
  x: Design;
  ids: string[];
  y: Uint8Array;
  probabilities: Float64Array;
  /** The chosen threshold: the customer nearest it is one of the examples. */
  threshold: number;
  /** How many customers to explain one by one. */
  examples: number;
  rec: Recorder;
  /** The most test rows the global ranking explains (default: all that fit the budget). */
  maxRows?: number;
  /** Path steps the global ranking may spend (default shapWorkBudget). */
  workBudget?: number;
  /** When given and the work exceeds shapPoolWork, the rows are explained on its workers, in chunks (same values, row for row). */
  pool?: Pick<FitPool, 'shapValues'>;
  /** Work above which the pool is used (default shapPoolWork; tests set 0). */
  poolWork?: number;
}

/** SHAP values of every row of x: on this thread, or split into contiguous chunks across the pool's workers. */
async function shapValues(model: TreeEnsemble, x: Design, pool: ExplainOptions['pool'], work: number, poolWork: number): Promise<Float64Array[]> {
  if (!pool || work <= poolWork || x.rows < 2) return shapValuesOfRows(model, x);
  const json = model.toJSON();
  const chunks = Math.min(8, x.rows);
  const bounds = Array.from({ length: chunks + 1 }, (_, c) => Math.round((c * x.rows) / chunks));
  const parts = await Promise.all(
    bounds.slice(0, -1).map((start, c) => pool.shapValues({ model: json, x: { rows: bounds[c + 1]! - start, cols: x.cols, data: x.data.slice(start * x.cols, bounds[c + 1]! * x.cols) } })),
  );
  return parts.flatMap((flat) => Array.from({ length: flat.length / x.cols }, (_, i) => flat.subarray(i * x.cols, (i + 1) * x.cols)));
}

export async function explainWithShap(options: ExplainOptions): Promise<ChurnLabResult['explain']> {
  const { model, modelName, x, ids, y, probabilities, threshold, examples, rec, maxRows = Infinity, workBudget = shapWorkBudget, pool, poolWork = shapPoolWork } = options;
  // Three kinds of customer: the most confident churn call, the one nearest the threshold, the safest.
  const order = [...probabilities.keys()].sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
  const nearest = [...probabilities.keys()].sort((a, b) => Math.abs(probabilities[a]! - threshold) - Math.abs(probabilities[b]! - threshold) || a - b)[0]!;
  const examplesRows = [...new Set([order[0]!, nearest, order[order.length - 1]!, ...order])].slice(0, Math.min(examples, x.rows));
  // Exact TreeSHAP costs O(trees · leaves · depth²) per row. Boosting's depth-3 trees are tabled
  // and cost microseconds a row, so every test row is explained; a forest's deep trees cost
  // 30-110 ms a row here (Telco 1× to 4×), so when the whole test set would take more than
  // shapWorkBudget path steps (about 5 s here) the global ranking uses an evenly spaced sample of
  // max(shapMinRows, budget / work per row) test rows. The example customers are always explained.
  const workPerRow = shapWorkPerRow(model);
  const budgetRows = workPerRow * x.rows > workBudget ? Math.max(shapMinRows, Math.floor(workBudget / workPerRow)) : x.rows;
  const rowCap = Math.min(maxRows, budgetRows);
  const step = Math.max(1, Math.ceil(x.rows / rowCap));
  const explained = [...new Set([...examplesRows, ...Array.from({ length: Math.ceil(x.rows / step) }, (_, k) => k * step)])].sort((a, b) => a - b);
  const position = new Map(explained.map((r, k) => [r, k]));
  const sample = subsetDesign(x, explained);
  const values = await shapValues(model, sample, pool, workPerRow * sample.rows, poolWork);
  const { expectedValue, outputSpace, rawOutput } = shapBase(model, sample);
  let maxError = 0;
  const meanAbs = new Float64Array(x.cols);
  values.forEach((row, r) => {
    let sum = expectedValue;
    for (let j = 0; j < x.cols; j++) {
      sum += row[j]!;
      meanAbs[j]! += Math.abs(row[j]!) / values.length;
    }
    maxError = Math.max(maxError, Math.abs(sum - rawOutput[r]!));
  });
  rec.metric('explain.additivityMaxError', maxError, 'max over explained rows of |expected value + Σ SHAP − model output|', { rows: values.length, expectedValue, outputSpace, model: modelName }, outputSpace);
  const global = x.featureNames
    .map((feature, j) => ({ feature, meanAbsShap: round(meanAbs[j]!, 5) }))
    .sort((a, b) => b.meanAbsShap - a.meanAbsShap || a.feature.localeCompare(b.feature));
  const sampled = step > 1;
  const over = sampled ? `every ${step}th test row (${values.length} of ${x.rows}: explaining all would take ${(workPerRow * x.rows).toExponential(1)} path steps, over the budget of ${workBudget.toExponential(1)})` : 'explained test rows';
  global.slice(0, 10).forEach((g, rank) => rec.metric(`explain.global.${g.feature}`, g.meanAbsShap, `mean over ${over} of |SHAP value|`, { rank: rank + 1, rows: values.length, testRows: x.rows, outputSpace }, outputSpace));

  return {
    method: `exact path-dependent TreeSHAP (Lundberg et al. 2020), ${modelName}${sampled ? `; global ranking on every ${step}th of ${x.rows} test rows (cost budget)` : ''}`,
    model: modelName,
    expectedValue: round(expectedValue, 6),
    outputSpace,
    additivityMaxError: maxError,
    explainedRows: values.length,
    global,
    examples: examplesRows.map((r) => ({
      id: ids[r]!,
      actual: y[r] === 1,
      probability: round(probabilities[r]!),
      contributions: x.featureNames
        .map((feature, j) => ({ feature, value: round(x.data[r * x.cols + j]!, 4), shap: round(values[position.get(r)!]![j]!, 6) }))
        .sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap))
        .slice(0, 6),
    })),
  };
}
