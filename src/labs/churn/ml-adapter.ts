/**
 * The one place the churn lab meets src/ml. The pure learners (trees, logistic regression,
 * preprocessing, metrics, splitting, SMOTE, threshold choice) are written by the ML engineers;
 * this file adapts their exported APIs to the few shapes the stages use, so a change there is a
 * change here only.
 *
 * Status: src/ml/{trees,metrics,split,smote,logistic,preprocess,threshold,matrix} were not on
 * disk when the lab was written. Until they land, `requireMl` stops the run with a clear error
 * after the stages that do not need them, instead of printing numbers from a stand-in.
 */
import { PrepError } from '../../errors.js';
import type { RawRow } from './extract.js';

/** Dense row-major design matrix. */
export interface Design {
  rows: number;
  cols: number;
  data: Float64Array;
  featureNames: string[];
}

export interface FittedPreprocessor {
  featureNames: string[];
  transform(rows: RawRow[]): Design;
  toJSON(): unknown;
}

export interface FittedClassifier {
  predictProba(x: Design): Float64Array;
  toJSON(): unknown;
}

export interface FittedTreeModel extends FittedClassifier {
  /** Per-row SHAP values (rows × features) in the model's output space, and the expected value. */
  shap(x: Design): { values: Float64Array[]; expectedValue: number; outputSpace: string; rawOutput: Float64Array };
}

export interface MlApi {
  fitPreprocessor(rows: RawRow[], columns: { name: string; kind: 'numeric' | 'categorical' }[], options: { standardize: boolean }): FittedPreprocessor;
  fitLogistic(x: Design, y: Uint8Array, options: { l2: number; weights?: Float64Array }): FittedClassifier;
  fitForest(x: Design, y: Uint8Array, options: { trees: number; minLeaf: number; maxFeatures: number; seed: number; weights?: Float64Array }): FittedTreeModel;
  fitBoosting(x: Design, y: Uint8Array, options: { trees: number; depth: number; learningRate: number; seed: number; weights?: Float64Array }): FittedTreeModel;
  stratifiedHoldout(y: Uint8Array, testFraction: number, seed: number): { train: number[]; test: number[] };
  stratifiedKFold(y: Uint8Array, k: number, seed: number): { train: number[]; test: number[] }[];
  smote(x: Design, y: Uint8Array, options: { k: number; seed: number }): { x: Design; y: Uint8Array };
  rocAuc(y: Uint8Array, scores: ArrayLike<number>): number;
  averagePrecision(y: Uint8Array, scores: ArrayLike<number>): number;
  rocCurve(y: Uint8Array, scores: ArrayLike<number>): [number, number][];
  prCurve(y: Uint8Array, scores: ArrayLike<number>): [number, number][];
  confusionAt(y: Uint8Array, scores: ArrayLike<number>, threshold: number): { tp: number; fp: number; tn: number; fn: number };
  chooseThresholdByCost(
    y: Uint8Array,
    scores: ArrayLike<number>,
    cost: { offerCost: number; savedValue: number; successRate: number },
  ): { threshold: number; netValue: number; curve: { threshold: number; netValue: number }[] };
}

let api: MlApi | undefined;

/** Installs the adapter (done by ml-bindings.ts once src/ml exists). */
export function installMl(impl: MlApi): void {
  api = impl;
}

export function requireMl(): MlApi {
  if (!api) {
    throw new PrepError(
      'the modelling stages need the learners in src/ml (trees, logistic regression, preprocessing), which are not in this build yet',
      'The extract, profile, clean and features stages ran; rebuild when src/ml/trees and src/ml/preprocess are in.',
    );
  }
  return api;
}
