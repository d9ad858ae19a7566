/**
 * Binds src/ml to the churn lab's interface (ml-adapter.ts): seeds become generators, the lab's
 * option names become the learners' own, and designs keep their feature names.
 */
import { averagePrecision, confusionAt, prCurve, rocAuc, rocCurve } from '../../ml/metrics.js';
import { fitLogisticRegression } from '../../ml/logistic.js';
import { fitPreprocessor } from '../../ml/preprocess.js';
import { createRng } from '../../ml/random.js';
import { smote } from '../../ml/smote.js';
import { stratifiedHoldout, stratifiedKFold } from '../../ml/split.js';
import { chooseThresholdByCost } from '../../ml/threshold.js';
import { fitGradientBoosting, fitRandomForest, shapWorkPerRow, treeModelFromJSON, treeShap } from '../../ml/trees/index.js';
import type { Design, FittedTreeModel, MlApi } from './ml-adapter.js';

function withShap(model: Parameters<typeof treeShap>[0] & { predictProba(x: Design): Float64Array; toJSON(): unknown }): FittedTreeModel {
  return {
    predictProba: (x) => model.predictProba(x),
    toJSON: () => model.toJSON(),
    shap: (x) => treeShap(model, x),
    shapWorkPerRow: () => shapWorkPerRow(model),
  };
}

/**
 * The categorical features of a design, for SMOTE-NC: one-hot columns grouped by their
 * "column=" prefix, and every other column whose values are all 0 or 1 as a yes/no flag.
 */
export function categoricalGroups(x: Design): number[][] {
  const oneHot = new Map<string, number[]>();
  const groups: number[][] = [];
  x.featureNames.forEach((name, c) => {
    const at = name.indexOf('=');
    if (at > 0) {
      const prefix = name.slice(0, at);
      if (!oneHot.has(prefix)) groups.push(oneHot.set(prefix, []).get(prefix)!);
      oneHot.get(prefix)!.push(c);
      return;
    }
    for (let i = 0; i < x.rows; i++) {
      const v = x.data[i * x.cols + c]!;
      if (v !== 0 && v !== 1) return;
    }
    groups.push([c]);
  });
  return groups;
}

export const mlApi: MlApi = {
  fitPreprocessor: (rows, columns, options) => fitPreprocessor(rows, columns, { standardize: options.standardize }),
  fitLogistic: (x, y, options) => fitLogisticRegression(x, y, { C: 1 / options.l2, sampleWeight: options.weights }),
  fitForest: (x, y, o) =>
    withShap(fitRandomForest(x, y, { nTrees: o.trees, minSamplesLeaf: o.minLeaf, maxFeatures: o.maxFeatures, sampleWeight: o.weights, seed: o.seed })),
  fitBoosting: (x, y, o) =>
    withShap(fitGradientBoosting(x, y, { nEstimators: o.trees, maxDepth: o.depth, learningRate: o.learningRate, sampleWeight: o.weights, seed: o.seed })),
  treeModelFromJSON: (json) => withShap(treeModelFromJSON(json)),
  stratifiedHoldout: (y, testFraction, seed) => stratifiedHoldout(y, testFraction, createRng(seed)),
  stratifiedKFold: (y, k, seed) => stratifiedKFold(y, k, createRng(seed)).map((f) => ({ train: f.train, test: f.validation })),
  smote: (x, y, o) => {
    const r = smote(x, y, { k: o.k, rng: createRng(o.seed), categorical: categoricalGroups(x) });
    return { x: { ...r.x, featureNames: x.featureNames }, y: r.y };
  },
  rocAuc,
  averagePrecision,
  rocCurve: (y, s) => rocCurve(y, s).map((p) => [p.x, p.y]),
  prCurve: (y, s) => prCurve(y, s).map((p) => [p.x, p.y]),
  confusionAt,
  chooseThresholdByCost: (y, s, cost) => {
    const choice = chooseThresholdByCost(y, s, cost);
    return { threshold: choice.threshold, netValue: choice.netValue, curve: choice.curve.map((c) => ({ threshold: c.threshold, netValue: c.netValue })) };
  },
};

