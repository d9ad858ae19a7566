/**
 * The shapes the churn lab's stages use to call src/ml (bound in ml-bindings.ts), so a stage can
 * be read, and tested, against this small interface rather than every learner's own options.
 */
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
  /** Path steps to explain one row with shap() (what it costs grows with the trees' leaves and depth). */
  shapWorkPerRow(): number;
}

export interface MlApi {
  fitPreprocessor(rows: RawRow[], columns: { name: string; kind: 'numeric' | 'categorical' }[], options: { standardize: boolean }): FittedPreprocessor;
  fitLogistic(x: Design, y: Uint8Array, options: { l2: number; weights?: Float64Array }): FittedClassifier;
  fitForest(x: Design, y: Uint8Array, options: { trees: number; minLeaf: number; maxFeatures: number; seed: number; weights?: Float64Array }): FittedTreeModel;
  /** A tree model back from its toJSON() (bit-identical predictions). */
  treeModelFromJSON(json: unknown): FittedTreeModel;
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
