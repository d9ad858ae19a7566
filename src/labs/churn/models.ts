/**
 * Stage 6, models: the three model families with their small tuning grids, fitted through the
 * ML adapter. A grid point is chosen by mean CV ROC-AUC only; nothing here sees the test set.
 */
import type { Design, FittedClassifier, FittedTreeModel, MlApi } from './ml-adapter.js';
import type { ModelName } from './types.js';

export type ModelParams = Record<string, number>;

/** Small grids: the reference protocol (P1) plus a neighbour or two, cheap enough for a 10 s run. */
export const tuningGrids: Record<ModelName, ModelParams[]> = {
  logistic_regression: [{ C: 0.1 }, { C: 1 }],
  random_forest: [
    { trees: 100, minLeaf: 5, maxFeaturesRatio: 0.3 },
    { trees: 100, minLeaf: 15, maxFeaturesRatio: 0.3 },
  ],
  gradient_boosting: [
    { trees: 200, depth: 3, learningRate: 0.05 },
    { trees: 100, depth: 3, learningRate: 0.1 },
  ],
};

export function fitModel(api: MlApi, name: ModelName, params: ModelParams, x: Design, y: Uint8Array, seed: number, weights?: Float64Array): FittedClassifier | FittedTreeModel {
  switch (name) {
    case 'logistic_regression':
      return api.fitLogistic(x, y, { l2: 1 / params.C!, weights });
    case 'random_forest':
      return api.fitForest(x, y, { trees: params.trees!, minLeaf: params.minLeaf!, maxFeatures: Math.max(1, Math.round(params.maxFeaturesRatio! * x.cols)), seed, weights });
    case 'gradient_boosting':
      return api.fitBoosting(x, y, { trees: params.trees!, depth: params.depth!, learningRate: params.learningRate!, seed, weights });
  }
}

export const isTreeModel = (name: ModelName) => name !== 'logistic_regression';
