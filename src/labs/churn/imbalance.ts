/**
 * Stage 7, imbalance: the same model and folds under four treatments. The first three are
 * honest: nothing from a validation fold touches training. The fourth, SMOTE applied to the
 * whole training set before splitting into folds, is the classic mistake: synthetic churners are
 * interpolated from customers that later sit in validation folds, so the score is inflated.
 */
import type { Design, MlApi } from './ml-adapter.js';
import { fitModel, type ModelParams } from './models.js';
import { inverseFrequencyWeights, subsetDesign, subsetLabels } from './design.js';
import type { FoldData } from './cv.js';
import { round, type Recorder } from '../record.js';
import type { ImbalanceVariant, ModelName } from './types.js';

export interface ImbalanceOutcome {
  scores: Record<ImbalanceVariant, { auc: number; recall: number }>;
}

export function compareImbalance(
  api: MlApi,
  model: ModelName,
  params: ModelParams,
  folds: FoldData[],
  fullTrain: { design: Design; y: Uint8Array },
  seed: number,
  rec: Recorder,
  progress: (detail: string) => void,
  /** Out-of-fold probabilities the CV stage already computed for this model and params (same folds, same seeds). */
  cvOutOfFold?: Float64Array,
): ImbalanceOutcome {
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
    const c = api.confusionAt(yTest, p, 0.5);
    return { auc: api.rocAuc(yTest, p), recall: c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn) };
  };

  progress('none');
  // "none" is exactly the CV stage's fit of this model: reuse its out-of-fold scores rather than refit.
  const none = folds.map((f, i) =>
    scoreFold(f.yTest, cvOutOfFold ? Float64Array.from(f.fold.test, (row) => cvOutOfFold[row]!) : fitModel(api, model, params, pickDesign(f).train, f.yTrain, seed + i).predictProba(pickDesign(f).test)),
  );
  progress('class weights');
  const weighted = folds.map((f, i) =>
    scoreFold(f.yTest, fitModel(api, model, params, pickDesign(f).train, f.yTrain, seed + i, inverseFrequencyWeights(f.yTrain)).predictProba(pickDesign(f).test)),
  );
  progress('SMOTE inside folds');
  const inFolds = folds.map((f, i) => {
    const resampled = api.smote(pickDesign(f).train, f.yTrain, { k: 5, seed: seed + 100 + i });
    return scoreFold(f.yTest, fitModel(api, model, params, resampled.x, resampled.y, seed + i).predictProba(pickDesign(f).test));
  });
  progress('SMOTE before the split (the mistake)');
  const leakySet = api.smote(fullTrain.design, fullTrain.y, { k: 5, seed: seed + 200 });
  const leakyFolds = api.stratifiedKFold(leakySet.y, folds.length, seed + 300);
  const leaky = leakyFolds.map((f, i) => {
    const model_ = fitModel(api, model, params, subsetDesign(leakySet.x, f.train), subsetLabels(leakySet.y, f.train), seed + i);
    return scoreFold(subsetLabels(leakySet.y, f.test), model_.predictProba(subsetDesign(leakySet.x, f.test)));
  });
  return {
    scores: {
      none: evaluate('none', none, 'no resampling or weighting'),
      classWeights: evaluate('classWeights', weighted, 'sample weight n / (2 · n_class) per class in the training fold'),
      smoteInFolds: evaluate('smoteInFolds', inFolds, 'SMOTE (k = 5) on each training fold only; validation folds untouched'),
      smoteLeaky: evaluate('smoteLeaky', leaky, `LEAKY: SMOTE (k = 5) on all ${fullTrain.y.length} training rows, then ${folds.length}-fold CV on the oversampled set`),
    },
  };
}
