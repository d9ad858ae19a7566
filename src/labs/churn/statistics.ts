/**
 * The uncertainty a reviewer asks for beside each headline figure: bootstrap intervals on the
 * test set, a fold-by-fold comparison of the cross-validated models with a stated choice rule,
 * and the calibration of the deployed model's probabilities (with optional recalibration fitted
 * on out-of-fold predictions, never on the test rows).
 */
import { bootstrapIntervals, scoreOrder, weightedAuc, weightedAveragePrecision, weightedConfusion } from '../../ml/bootstrap.js';
import { brierScore, expectedCalibrationError, fitIsotonic, fitPlatt, reliabilityCurve, type ReliabilityBin } from '../../ml/calibration.js';
import { pairedTTest } from '../../ml/hypothesis.js';
import { createRng } from '../../ml/random.js';
import { round, type Recorder } from '../record.js';
import { netValue } from './evaluate.js';
import { modelNames, type CostModel, type ModelName } from './types.js';

export const bootstrapResamples = 2000;

export interface TestIntervals {
  resamples: number;
  seed: number;
  method: string;
  auc: [number, number];
  prAuc: [number, number];
  recall: [number, number];
  precision: [number, number];
  netValueGain: { value: number; ci95: [number, number] };
}

/**
 * Stratified percentile bootstrap (2,000 resamples, fixed seed) of the test figures and of the
 * chosen threshold's gain in net value over the default 0.5, all on the same resamples.
 */
/** `groups`: the test rows' groups (--group-column), resampled whole. */
export function testIntervals(y: Uint8Array, p: Float64Array, threshold: number, cost: CostModel, seed: number, rec: Recorder, groups?: { column: string; keys: (string | null)[] }): TestIntervals {
  const order = scoreOrder(p);
  const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);
  const intervals = bootstrapIntervals(
    y,
    {
      auc: (w) => weightedAuc(y, order, w),
      prAuc: (w) => weightedAveragePrecision(y, order, w),
      recall: (w) => {
        const c = weightedConfusion(y, p, threshold, w);
        return ratio(c.tp, c.tp + c.fn);
      },
      precision: (w) => {
        const c = weightedConfusion(y, p, threshold, w);
        return ratio(c.tp, c.tp + c.fp);
      },
      netValueGain: (w) => netValue(weightedConfusion(y, p, threshold, w), cost) - netValue(weightedConfusion(y, p, 0.5, w), cost),
    },
    { resamples: bootstrapResamples, rng: createRng(seed), groups: groups?.keys },
  );
  const method = groups
    ? `stratified percentile bootstrap of the test rows by whole groups of ${groups.column}: ${bootstrapResamples} resamples (positive and negative groups resampled separately), seed ${seed}; 2.5th and 97.5th percentiles`
    : `stratified percentile bootstrap of the test rows: ${bootstrapResamples} resamples (positives and negatives resampled separately), seed ${seed}; 2.5th and 97.5th percentiles`;
  for (const key of ['auc', 'prAuc', 'recall', 'precision'] as const) {
    const iv = intervals[key]!;
    const inputs = { estimate: round(iv.estimate, 6), resamples: iv.resamples, seed, threshold: key === 'recall' || key === 'precision' ? threshold : undefined };
    // undefined on every resample (e.g. precision when no row is ever flagged): nothing to record
    if (!Number.isFinite(iv.low) || !Number.isFinite(iv.high)) continue;
    rec.metric(`test.${key}.ci95Low`, iv.low, `2.5th percentile of test.${key} over ${method}`, inputs, 'ratio');
    rec.metric(`test.${key}.ci95High`, iv.high, `97.5th percentile of test.${key} over ${method}`, inputs, 'ratio');
  }
  const gain = intervals.netValueGain!;
  rec.metric('threshold.netValueGain', gain.estimate, 'net value at the chosen threshold − net value at 0.5, on the test set', { threshold, ...cost }, 'currency');
  rec.metric('threshold.netValueGain.ci95Low', gain.low, `2.5th percentile of threshold.netValueGain over ${method}`, { estimate: gain.estimate, resamples: gain.resamples, seed }, 'currency');
  rec.metric('threshold.netValueGain.ci95High', gain.high, `97.5th percentile of threshold.netValueGain over ${method}`, { estimate: gain.estimate, resamples: gain.resamples, seed }, 'currency');
  const pair = (k: string): [number, number] => (Number.isFinite(intervals[k]!.low) ? [round(intervals[k]!.low), round(intervals[k]!.high)] : [Number.NaN, Number.NaN]);
  return {
    resamples: bootstrapResamples,
    seed,
    method,
    auc: pair('auc'),
    prAuc: pair('prAuc'),
    recall: pair('recall'),
    precision: pair('precision'),
    netValueGain: { value: round(gain.estimate, 2), ci95: [round(gain.low, 2), round(gain.high, 2)] },
  };
}

/** Simplest first: the order the one-standard-error rule walks. */
export const simplicityOrder: ModelName[] = ['logistic_regression', 'random_forest', 'gradient_boosting'];
export const simplicityReason = 'logistic regression (one linear score, readable coefficients) < random forest (independent trees, few settings) < gradient boosting (sequential trees, most settings)';

export interface ModelChoice {
  rule: string;
  bestByMean: ModelName;
  standardError: number;
  cutoff: number;
  withinOneSe: ModelName[];
  chosen: ModelName;
  deployed: ModelName;
  reason: string;
  paired: Partial<Record<ModelName, { versus: ModelName; meanDiff: number; sd: number; pValue: number; test: string }>>;
}

/**
 * Model choice by the one-standard-error rule (Hastie, Tibshirani & Friedman, ESL §7.10): the
 * simplest model whose mean CV AUC is within one standard error (fold std / √k) of the best
 * mean. Each other model is compared with the best fold by fold (same folds, paired), with the
 * corrected resampled t-test because CV training sets overlap.
 */
export function chooseModel(perFoldAuc: Record<ModelName, number[]>, deployed: ModelName, foldTestTrainRatio: number, rec: Recorder): ModelChoice {
  const k = perFoldAuc[modelNames[0]].length;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
  const bestByMean = [...modelNames].sort((a, b) => mean(perFoldAuc[b]) - mean(perFoldAuc[a]))[0]!;
  const standardError = sd(perFoldAuc[bestByMean]) / Math.sqrt(k);
  const cutoff = mean(perFoldAuc[bestByMean]) - standardError;
  const withinOneSe = simplicityOrder.filter((m) => mean(perFoldAuc[m]) >= cutoff);
  const chosen = withinOneSe[0]!;
  rec.metric('cv.choice.standardError', standardError, `std over folds of the best model's AUC / √k (best by mean: ${bestByMean})`, { folds: k, perFold: perFoldAuc[bestByMean].map((v) => round(v)) }, 'ratio');
  rec.metric('cv.choice.cutoff', cutoff, 'best mean CV AUC − one standard error: models at or above it are within one SE', { bestMean: round(mean(perFoldAuc[bestByMean]), 6), standardError: round(standardError, 6) }, 'ratio');
  const paired: ModelChoice['paired'] = {};
  for (const m of modelNames) {
    if (m === bestByMean) continue;
    const t = pairedTTest(perFoldAuc[bestByMean], perFoldAuc[m], { testTrainRatio: foldTestTrainRatio });
    paired[m] = { versus: bestByMean, meanDiff: round(t.difference, 5), sd: round(t.sd, 5), pValue: round(t.pValue), test: t.test };
    const inputs = { versus: bestByMean, folds: k, perFoldDiff: perFoldAuc[m].map((v, i) => round(v - perFoldAuc[bestByMean][i]!, 5)) };
    rec.metric(`cv.${m}.auc.pairedDiff`, t.difference, `mean over folds of (AUC of ${m} − AUC of ${bestByMean}) on the same folds`, inputs, 'ratio');
    rec.metric(`cv.${m}.auc.pairedPValue`, t.pValue, `two-sided p-value of the corrected resampled t-test (Nadeau-Bengio): t = mean diff / √(var diff · (1/k + test/train)), df = k − 1`, { ...inputs, testTrainRatio: round(foldTestTrainRatio, 4) }, 'ratio');
  }
  const name = (m: ModelName) => m.replace(/_/g, ' ');
  const within = withinOneSe.map(name).join(', ');
  let reason = `${name(chosen)} by the one-standard-error rule: the best mean CV AUC is ${name(bestByMean)}'s ${mean(perFoldAuc[bestByMean]).toFixed(4)} (SE ${standardError.toFixed(4)}); within one SE: ${within}; the simplest of them is ${name(chosen)} (order: ${simplicityReason}).`;
  if (deployed !== chosen) {
    const diff = mean(perFoldAuc[deployed]) - mean(perFoldAuc[chosen]);
    const t = pairedTTest(perFoldAuc[chosen], perFoldAuc[deployed], { testTrainRatio: foldTestTrainRatio });
    reason += ` Deployed: ${name(deployed)}, the best tree ensemble by mean CV AUC, because the lab explains each prediction with exact TreeSHAP; fold by fold it differs from ${name(chosen)} by ${diff >= 0 ? '+' : ''}${diff.toFixed(4)} AUC (p = ${t.pValue.toFixed(2)}), ${t.pValue < 0.05 ? 'a significant difference' : 'no detectable difference'}.`;
  }
  return { rule: 'one standard error', bestByMean, standardError: round(standardError, 5), cutoff: round(cutoff), withinOneSe, chosen, deployed, reason, paired };
}

export interface CalibrationSummary {
  brier: number;
  ece: number;
  bins: ReliabilityBin[];
  calibrated?: { method: 'platt' | 'isotonic'; fittedOn: string; parameters: Record<string, number>; brier: number; ece: number; bins: ReliabilityBin[] };
}

const roundBins = (bins: ReliabilityBin[]) => bins.map((b) => ({ ...b, meanPredicted: Number.isNaN(b.meanPredicted) ? Number.NaN : round(b.meanPredicted), observedRate: Number.isNaN(b.observedRate) ? Number.NaN : round(b.observedRate) }));

/** Brier score, expected calibration error and the 10-bin reliability curve of the test probabilities; optionally the same after recalibration. */
export function calibrationOf(
  y: Uint8Array,
  p: Float64Array,
  method: 'platt' | 'isotonic' | undefined,
  outOfFold: { y: Uint8Array; p: Float64Array },
  rec: Recorder,
): CalibrationSummary {
  const brier = rec.metric('test.brier', brierScore(y, p), 'mean over test rows of (predicted probability − outcome)²', { rows: y.length }, 'ratio');
  const ece = rec.metric('test.ece', expectedCalibrationError(y, p, 10), 'Σ over 10 equal-width probability bins of (rows in bin / rows) · |observed churn rate − mean predicted probability|', { rows: y.length, bins: 10 }, 'ratio');
  const summary: CalibrationSummary = { brier: round(brier, 5), ece: round(ece, 5), bins: roundBins(reliabilityCurve(y, p, 10)) };
  if (method) {
    const calibrator = method === 'platt' ? fitPlatt(outOfFold.y, outOfFold.p) : fitIsotonic(outOfFold.y, outOfFold.p);
    const q = calibrator.apply(p);
    const fittedOn = `the deployed model family's out-of-fold predictions on the ${outOfFold.y.length} training rows`;
    const b2 = rec.metric('test.calibrated.brier', brierScore(y, q), `Brier score after ${method} calibration fitted on ${fittedOn}`, { rows: y.length, method, ...calibrator.parameters }, 'ratio');
    const e2 = rec.metric('test.calibrated.ece', expectedCalibrationError(y, q, 10), `expected calibration error (10 bins) after ${method} calibration fitted on ${fittedOn}`, { rows: y.length, method, ...calibrator.parameters }, 'ratio');
    summary.calibrated = { method, fittedOn, parameters: Object.fromEntries(Object.entries(calibrator.parameters).map(([k, v]) => [k, round(v, 6)])), brier: round(b2, 5), ece: round(e2, 5), bins: roundBins(reliabilityCurve(y, q, 10)) };
  }
  return summary;
}
