/**
 * Stages 8 and 9: the threshold, chosen by an explicit cost model on the training rows'
 * out-of-fold predictions, then the held-out test set scored once at that threshold and at 0.5.
 */
import { averagePrecision, confusionAt, prCurve, rocAuc, rocCurve } from '../../ml/metrics.js';
import { createRng } from '../../ml/random.js';
import { chooseThresholdByCost } from '../../ml/threshold.js';
import { ratesFrom } from './design.js';
import { round, type Recorder } from '../record.js';
import { bootstrapIntervals, scoreOrder, weightedBestThreshold } from '../../ml/bootstrap.js';
import type { ChurnLabResult, ConfusionCounts, CostModel, ModelName } from './types.js';

export function netValue(c: ConfusionCounts, cost: CostModel): number {
  return cost.savedValue * cost.successRate * c.tp - cost.offerCost * (c.tp + c.fp);
}

const netFormula = 'savedValue × successRate × tp − offerCost × (tp + fp) on the test set';

/** `groups`: the training rows' groups (--group-column), resampled whole for the threshold's interval. */
export function chooseThreshold(yTrain: Uint8Array, oof: Float64Array, cost: CostModel, rec: Recorder, seed = 42, groups?: { column: string; keys: (string | null)[] }) {
  rec.metric('threshold.offerCost', cost.offerCost, 'cost of one retention offer (--offer-cost)', {}, 'currency');
  rec.metric('threshold.savedValue', cost.savedValue, 'value of keeping a customer who would have churned (--saved-value)', {}, 'currency');
  rec.metric('threshold.successRate', cost.successRate, 'share of targeted churners an offer keeps (--success-rate)', {}, 'ratio');
  const choice = chooseThresholdByCost(yTrain, oof, cost);
  // How firmly do the out-of-fold predictions pin the threshold down? Re-choose it on bootstrap
  // resamples: a flat net-value curve shows as a wide interval.
  const order = scoreOrder(oof);
  const iv = bootstrapIntervals(yTrain, { threshold: (w) => weightedBestThreshold(yTrain, oof, order, w, cost.successRate * cost.savedValue, cost.offerCost) }, { resamples: 1000, rng: createRng(seed), groups: groups?.keys }).threshold!;
  const method = `the threshold re-chosen by the same cost rule on 1000 stratified bootstrap resamples of the training rows' out-of-fold predictions${groups ? ` (whole groups of ${groups.column})` : ''} (seed ${seed})`;
  rec.metric('threshold.ci95Low', iv.low, `2.5th percentile of ${method}`, { chosen: choice.threshold, resamples: iv.resamples }, 'probability');
  rec.metric('threshold.ci95High', iv.high, `97.5th percentile of ${method}`, { chosen: choice.threshold, resamples: iv.resamples }, 'probability');
  return { ...choice, ci95: [round(iv.low), round(iv.high)] as [number, number] };
}

export function evaluateTest(
  model: ModelName,
  yTest: Uint8Array,
  p: Float64Array,
  threshold: number,
  cost: CostModel,
  curve: { threshold: number; netValue: number }[],
  rec: Recorder,
): { test: Omit<ChurnLabResult['test'], 'intervals' | 'calibration'>; threshold: Omit<ChurnLabResult['threshold'], 'netValueGain'> } {
  const c = confusionAt(yTest, p, threshold);
  const d = confusionAt(yTest, p, 0.5);
  const rates = ratesFrom(c);
  const defaults = ratesFrom(d);
  const n = yTest.length;
  const auc = rec.metric('test.auc', rocAuc(yTest, p), 'P(score of a random churner > score of a random non-churner), ties count ½, on the test set', { model, rows: n, positives: c.tp + c.fn }, 'ratio');
  const prAuc = rec.metric('test.prAuc', averagePrecision(yTest, p), 'average precision: Σ (R_k − R_{k−1}) · P_k over score thresholds', { model, rows: n, positives: c.tp + c.fn, baseRate: round((c.tp + c.fn) / n) }, 'ratio');
  rec.metric('test.threshold', threshold, 'threshold maximising net value on the training out-of-fold predictions', { ...cost }, 'probability');
  rec.metric('test.accuracy', rates.accuracy, '(tp + tn) / (tp + fp + tn + fn)', { ...c, threshold }, 'ratio');
  rec.metric('test.precision', rates.precision, 'tp / (tp + fp)', { tp: c.tp, fp: c.fp, threshold }, 'ratio');
  rec.metric('test.recall', rates.recall, 'tp / (tp + fn)', { tp: c.tp, fn: c.fn, threshold }, 'ratio');
  rec.metric('test.f1', rates.f1, '2 · precision · recall / (precision + recall)', { precision: round(rates.precision, 6), recall: round(rates.recall, 6) }, 'ratio');
  for (const k of ['tp', 'fp', 'tn', 'fn'] as const) rec.metric(`test.${k}`, c[k], `count of test rows that are ${k} at threshold ${threshold.toFixed(3)}`, { threshold, rows: n }, 'rows');
  rec.metric('test.default.accuracy', defaults.accuracy, '(tp + tn) / n at threshold 0.5', { ...d }, 'ratio');
  rec.metric('test.default.precision', defaults.precision, 'tp / (tp + fp) at threshold 0.5', { tp: d.tp, fp: d.fp }, 'ratio');
  rec.metric('test.default.recall', defaults.recall, 'tp / (tp + fn) at threshold 0.5', { tp: d.tp, fn: d.fn }, 'ratio');
  rec.metric('test.default.f1', defaults.f1, '2 · precision · recall / (precision + recall) at threshold 0.5', { precision: round(defaults.precision, 6), recall: round(defaults.recall, 6) }, 'ratio');
  const net = rec.metric('threshold.netValue', netValue(c, cost), netFormula, { ...cost, tp: c.tp, fp: c.fp, threshold }, 'currency');
  const netDefault = rec.metric('threshold.netValueDefault', netValue(d, cost), `${netFormula}, at threshold 0.5`, { ...cost, tp: d.tp, fp: d.fp, threshold: 0.5 }, 'currency');
  const r4 = (x: ReturnType<typeof ratesFrom>) => ({ accuracy: round(x.accuracy), precision: round(x.precision), recall: round(x.recall), f1: round(x.f1) });
  const thin = <T>(points: T[], max: number) => (points.length <= max ? points : points.filter((_, i) => i % Math.ceil(points.length / max) === 0 || i === points.length - 1));
  return {
    test: {
      model,
      threshold: round(threshold),
      auc: round(auc),
      prAuc: round(prAuc),
      ...r4(rates),
      confusion: c,
      default: { threshold: 0.5, ...r4(defaults), confusion: d },
      roc: thin(rocCurve(yTest, p), 200).map((point) => [round(point.x), round(point.y)]),
      pr: thin(prCurve(yTest, p), 200).map((point) => [round(point.x), round(point.y)]),
    },
    threshold: { ...cost, chosen: round(threshold), netValue: round(net, 2), netValueDefault: round(netDefault, 2), curve: thin(curve, 101).map((x) => ({ threshold: round(x.threshold), netValue: round(x.netValue, 2) })) },
  };
}
