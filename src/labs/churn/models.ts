/**
 * Stage 6, models: the three model families with their small tuning grids, fitted with src/ml's
 * own option names. A grid point is chosen by mean CV ROC-AUC only; nothing here sees the test set.
 */
import { fitLogisticRegression, type LogisticModel } from '../../ml/logistic.js';
import { createRng } from '../../ml/random.js';
import { fitGradientBoosting, fitRandomForest, type TreeEnsemble } from '../../ml/trees/index.js';
import type { Design } from './design.js';
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

export function fitModel(name: ModelName, params: ModelParams, x: Design, y: Uint8Array, seed: number, weights?: Float64Array): LogisticModel | TreeEnsemble {
  switch (name) {
    case 'logistic_regression':
      return fitLogisticRegression(x, y, { C: params.C!, sampleWeight: weights });
    case 'random_forest':
      return fitRandomForest(x, y, { nTrees: params.trees!, minSamplesLeaf: params.minLeaf!, maxFeatures: params.maxFeaturesRatio!, sampleWeight: weights, rng: createRng(seed) });
    case 'gradient_boosting':
      return fitGradientBoosting(x, y, { nEstimators: params.trees!, maxDepth: params.depth!, learningRate: params.learningRate!, sampleWeight: weights, rng: createRng(seed) });
  }
}

export const isTreeModel = (name: ModelName) => name !== 'logistic_regression';
