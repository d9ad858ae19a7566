/**
 * The shape of a churn lab run: options in, one result object out. `--json` prints the result
 * as is; the Ink summary, the plain-text summary and the HTML report all render from it.
 */
import type { ChurnProfile } from './profile.js';
import type { CleaningDecision } from './clean.js';
import type { CalibrationSummary, ModelChoice, TestIntervals } from './statistics.js';

export const modelNames = ['logistic_regression', 'random_forest', 'gradient_boosting'] as const;
export type ModelName = (typeof modelNames)[number];

export const cvMetricNames = ['auc', 'accuracy', 'precision', 'recall', 'f1'] as const;
export type CvMetricName = (typeof cvMetricNames)[number];

export const imbalanceVariants = ['none', 'classWeights', 'smoteInFolds', 'smoteLeaky'] as const;
export type ImbalanceVariant = (typeof imbalanceVariants)[number];

export const stageNames = ['extract', 'profile', 'clean', 'features', 'split', 'cv', 'imbalance', 'threshold', 'test', 'explain', 'fairness', 'save'] as const;
export type StageName = (typeof stageNames)[number];

export const stageTitles: Record<StageName, string> = {
  extract: 'Extract rows with SQL',
  profile: 'Profile: balance, missing, churn by group',
  clean: 'Clean: decide every quirk',
  features: 'Features: flags, one-hot, engineered',
  split: 'Split: stratified hold-out and k folds',
  cv: 'Models: cross-validate and tune',
  imbalance: 'Imbalance: weights, SMOTE, leaky SMOTE',
  threshold: 'Threshold: cost model',
  test: 'Test: the held-out set, once',
  explain: 'Explain: exact TreeSHAP',
  fairness: 'Fairness: metrics by group',
  save: 'Save: model, preprocessing, reference data',
};

export interface CostModel {
  offerCost: number;
  savedValue: number;
  successRate: number;
}

export const defaultCostModel: CostModel = { offerCost: 50, savedValue: 500, successRate: 0.3 };

/** Column names (case, spaces and punctuation aside) the fairness stage compares by default (fairness.ts); here so `--help` can list them without loading the lab. */
export const sensitiveColumnNames = ['gender', 'sex', 'SeniorCitizen', 'senior', 'age', 'age group', 'age band', 'race', 'ethnicity'];

export interface FairnessAttribute {
  column: string;
  /** Its name in metric keys: "senior" for the Telco sample's SeniorCitizen (the figure check's words for seniors name it), else the column name in lower case without punctuation. */
  key: string;
  /** A numeric column with many values is compared by quartile bands: each band's upper end (inclusive) but the last's, and the bands' names. */
  bands?: { upper: number[]; names: string[] };
}

export interface ChurnLabOptions {
  dataset: string;
  target: string;
  positive?: string;
  idColumn?: string;
  /** Rows with the same value in this column stay on one side of the hold-out split and of every fold. */
  groupColumn?: string;
  seed: number;
  folds: number;
  testSize: number;
  cost: CostModel;
  /** How many example customers to explain with SHAP. */
  examples: number;
  /** Recalibrate the test probabilities with a map fitted on out-of-fold predictions, reported before/after. */
  calibrate?: 'platt' | 'isotonic';
  /** The columns whose groups the fairness stage compares ([] for none); default: the columns named like a sensitive attribute (fairness.ts). */
  fairness?: string[];
}

export interface MeanStd {
  mean: number;
  std: number;
}

export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface Contribution {
  feature: string;
  value: number;
  shap: number;
}

export interface FairnessGroup {
  rows: number;
  positives: number;
  /** Churners flagged (tp) and rows flagged (tp + fp), the counts behind recall and flag rate. */
  detected: number;
  flagged: number;
  recall: number;
  /** Wilson 95% interval. */
  recallCi95: [number, number];
  precision: number;
  positiveRate: number;
  positiveRateCi95: [number, number];
}

/** Tests of equal recall and equal flag rate across an attribute's groups. */
export interface FairnessTest {
  attribute: string;
  test: string;
  alpha: number;
  recallGap: number;
  recallChiSquare: number;
  recallPValue: number;
  recallVerdict: 'significant' | 'not significant';
  positiveRateGap: number;
  positiveRateChiSquare: number;
  positiveRatePValue: number;
  positiveRateVerdict: 'significant' | 'not significant';
  note?: string;
}

export interface ChurnLabResult {
  runId: string;
  dataset: { name: string; sha256: string; rows: number; positives: number; label: string; title: string };
  seed: number;
  target: { column: string; positive: string; idColumn: string | null; groupColumn?: string };
  profile: ChurnProfile;
  cleaning: { decisions: CleaningDecision[] };
  features: { count: number; names: string[]; engineered: { name: string; rationale: string }[] };
  split: { testSize: number; trainRows: number; testRows: number; trainPositives: number; testPositives: number; groups?: { column: string; count: number; largest: number } };
  cv: {
    folds: number;
    models: Record<ModelName, Record<CvMetricName, MeanStd>>;
    tuning: Record<ModelName, { grid: { params: Record<string, number>; auc: number }[]; chosen: Record<string, number> }>;
    best: ModelName;
    /** The stated model-choice rule, the paired fold-by-fold comparisons, and why the deployed model differs. */
    choice: ModelChoice;
  };
  imbalance: Record<ImbalanceVariant, { auc: number; recall: number }> & { model: ModelName; note: string };
  threshold: CostModel & { chosen: number; netValue: number; netValueDefault: number; curve: { threshold: number; netValue: number }[]; netValueGain: TestIntervals['netValueGain']; ci95?: [number, number] };
  test: {
    model: ModelName;
    threshold: number;
    auc: number;
    prAuc: number;
    accuracy: number;
    precision: number;
    recall: number;
    f1: number;
    confusion: ConfusionCounts;
    default: { threshold: number; accuracy: number; precision: number; recall: number; f1: number; confusion: ConfusionCounts };
    roc: [number, number][];
    pr: [number, number][];
    /** Bootstrap 95% intervals of the figures above. */
    intervals: TestIntervals;
    calibration: CalibrationSummary;
  };
  explain: {
    method: string;
    model: ModelName;
    expectedValue: number;
    outputSpace: string;
    additivityMaxError: number;
    explainedRows: number;
    global: { feature: string; meanAbsShap: number }[];
    examples: { id: string; actual: boolean; probability: number; contributions: Contribution[] }[];
  };
  fairness: Record<string, Record<string, FairnessGroup>>;
  fairnessTests: Record<string, FairnessTest>;
  /** The attributes compared, and whether --fairness named them ("option") or their names did ("names"). Absent in runs saved before --fairness existed (gender and SeniorCitizen). */
  fairnessAttributes?: FairnessAttribute[];
  fairnessChosenBy?: 'names' | 'option';
  /** Columns that predict the target on their own (leakage.ts): dropped before modelling at AUC ≥ 0.99, flagged from 0.9. Absent in older runs. */
  leakage?: { column: string; auc: number; dropped: boolean }[];
  artifacts: string[];
  timingsMs: Partial<Record<StageName, number>> & { total?: number };
}

/** Events the pipeline emits while it runs; the Ink view turns them into the live stage list. */
export type ChurnLabEvent =
  | { type: 'stage-start'; stage: StageName }
  | { type: 'stage-progress'; stage: StageName; detail: string; fraction?: number }
  | { type: 'stage-done'; stage: StageName; ms: number; summary: string };
