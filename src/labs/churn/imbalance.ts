/**
 * Stage 7, imbalance: the same model and folds under four treatments. The first three are
 * honest: nothing from a validation fold touches training. The fourth, SMOTE applied to the
 * whole training set before splitting into folds, is the classic mistake: synthetic churners are
 * interpolated from customers that later sit in validation folds, so the score is inflated.
 */
import { confusionAt, rocAuc } from '../../ml/metrics.js';
import { createRng } from '../../ml/random.js';
import { categoricalGroups, smote } from '../../ml/smote.js';
import { stratifiedKFold } from '../../ml/split.js';
import type { ModelParams } from './models.js';
import { letPoolDispatch, type FitPool } from './fit-pool.js';
import { inverseFrequencyWeights, subsetDesign, subsetLabels, type Design } from './design.js';
import type { FoldData } from './cv.js';
import { round, type Recorder } from '../record.js';
import type { ImbalanceVariant, ModelName } from './types.js';

export interface ImbalanceOutcome {
  scores: Record<ImbalanceVariant, { auc: number; recall: number }>;
}

export interface ImbalanceOptions {
  model: ModelName;
  params: ModelParams;
  /** The CV stage's folds (each treatment is scored on the same validation folds). */
  folds: FoldData[];
  /** The whole training set, for the leaky demonstration. */
  fullTrain: { design: Design; y: Uint8Array };
  /** Fold i fits with seed + i (as the CV stage did), SMOTE in fold i with seed + 100 + i, the leaky SMOTE with seed + 200, its folds with seed + 300. */
  seed: number;
  rec: Recorder;
  progress: (detail: string) => void;
  /** Out-of-fold probabilities the CV stage already computed for this model and params (same folds, same seeds). */
  cvOutOfFold?: Float64Array;
  pool: FitPool;
}

/** SMOTE-NC on an encoded design (categorical features found from its feature names); the feature names carry over. */
function oversample(x: Design, y: Uint8Array, seed: number): { x: Design; y: Uint8Array } {
  const resampled = smote(x, y, { k: 5, rng: createRng(seed), categorical: categoricalGroups(x) });
  return { x: { ...resampled.x, featureNames: x.featureNames }, y: resampled.y };
}

export async function compareImbalance(options: ImbalanceOptions): Promise<ImbalanceOutcome> {
  const { model, params, folds, fullTrain, seed, rec, progress, cvOutOfFold, pool } = options;
  const pickDesign = (f: FoldData) => (model === 'logistic_regression' ? f.scaled : f.raw);
  const evaluate = (variant: ImbalanceVariant, perFold: { auc: number; recall: number }[], formula: string) => {
    const auc = perFold.reduce((s, p) => s + p.auc, 0) / perFold.length;
    const recall = perFold.reduce((s, p) => s + p.recall, 0) / perFold.length;
    const inputs = { model, params, folds: perFold.length, aucPerFold: perFold.map((p) => round(p.auc)), recallPerFold: perFold.map((p) => round(p.recall)) };
    rec.metric(`imbalance.${variant}.auc`, auc, `mean over folds of ROC-AUC; ${formula}`, inputs, 'ratio');
    rec.metric(`imbalance.${variant}.recall`, recall, `mean over folds of recall at 0.5; ${formula}`, inputs, 'ratio');
    return { auc: round(auc), recall: round(recall) };
  };
  const scoreFold = (yTest: Uint8Array, p: Float64Array) => {
    const c = confusionAt(yTest, p, 0.5);
    return { auc: rocAuc(yTest, p), recall: c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn) };
  };

  // Every treatment's fits are independent: queue them all on the pool, then score in order.
  const fit = (xTrain: Design, yTrain: Uint8Array, xTest: Design, i: number, weights?: Float64Array) => pool.fitPredict({ model, params, seed: seed + i, xTrain, yTrain, xTest, weights });
  progress('none, class weights, SMOTE inside folds, SMOTE before the split (the mistake)');
  // "none" is exactly the CV stage's fit of this model: reuse its out-of-fold scores rather than refit.
  const nonePredictions = folds.map((f, i) =>
    cvOutOfFold ? Promise.resolve(Float64Array.from(f.fold.test, (row) => cvOutOfFold[row]!)) : fit(pickDesign(f).train, f.yTrain, pickDesign(f).test, i),
  );
  const weightedPredictions = folds.map((f, i) => fit(pickDesign(f).train, f.yTrain, pickDesign(f).test, i, inverseFrequencyWeights(f.yTrain)));
  const inFoldPredictions: Promise<Float64Array>[] = [];
  for (const [i, f] of folds.entries()) {
    const resampled = oversample(pickDesign(f).train, f.yTrain, seed + 100 + i);
    inFoldPredictions.push(fit(resampled.x, resampled.y, pickDesign(f).test, i));
    await letPoolDispatch();
  }
  const leakySet = oversample(fullTrain.design, fullTrain.y, seed + 200);
  await letPoolDispatch();
  const leakyFolds = stratifiedKFold(leakySet.y, folds.length, createRng(seed + 300)).map((f) => ({ train: f.train, test: f.validation }));
  const leakyPredictions = leakyFolds.map((f, i) => fit(subsetDesign(leakySet.x, f.train), subsetLabels(leakySet.y, f.train), subsetDesign(leakySet.x, f.test), i));
  const none = (await Promise.all(nonePredictions)).map((p, i) => scoreFold(folds[i]!.yTest, p));
  const weighted = (await Promise.all(weightedPredictions)).map((p, i) => scoreFold(folds[i]!.yTest, p));
  const inFolds = (await Promise.all(inFoldPredictions)).map((p, i) => scoreFold(folds[i]!.yTest, p));
  const leaky = (await Promise.all(leakyPredictions)).map((p, i) => scoreFold(subsetLabels(leakySet.y, leakyFolds[i]!.test), p));
  return {
    scores: {
      none: evaluate('none', none, 'no resampling or weighting'),
      classWeights: evaluate('classWeights', weighted, 'sample weight n / (2 · n_class) per class in the training fold'),
      smoteInFolds: evaluate('smoteInFolds', inFolds, 'SMOTE-NC (k = 5; categorical features from the neighbours\' majority) on each training fold only; validation folds untouched'),
      smoteLeaky: evaluate('smoteLeaky', leaky, `LEAKY: SMOTE-NC (k = 5) on all ${fullTrain.y.length} training rows, then ${folds.length}-fold CV on the oversampled set`),
    },
  };
}
