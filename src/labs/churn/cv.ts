/**
 * Stage 6, cross-validation: every model family, every grid point, every fold. The preprocessor
 * is fitted on each fold's training rows only (medians, categories, scaling), then the model;
 * the held-out fold is only transformed and scored. The grid point with the best mean AUC wins.
 */
import type { ColumnInfo, RawRow } from './extract.js';
import { fitPreprocessor, preprocessorFromJSON } from '../../ml/preprocess.js';
import { confusionAt, rocAuc } from '../../ml/metrics.js';
import { isTreeModel, tuningGrids, type ModelParams } from './models.js';
import { letPoolDispatch, type FitPool } from './fit-pool.js';
import { meanStd, pick, ratesFrom, subsetLabels, type Design } from './design.js';
import { round, type Recorder } from '../record.js';
import { cvMetricNames, modelNames, type ChurnLabResult, type CvMetricName, type MeanStd, type ModelName } from './types.js';

export interface Fold {
  train: number[];
  test: number[];
}

/** Fold designs, fitted once per fold and shared by all models (scaled for the linear model, raw for trees). */
export interface FoldData {
  fold: Fold;
  yTrain: Uint8Array;
  yTest: Uint8Array;
  scaled: { train: Design; test: Design };
  raw: { train: Design; test: Design };
}

/** Fits a fold's preprocessing on its training rows only and encodes both sides (scaled for the linear model, raw for trees). */
export function prepareFold(rows: RawRow[], columns: ColumnInfo[], y: Uint8Array, fold: Fold): FoldData {
  const trainRows = pick(rows, fold.train);
  const testRows = pick(rows, fold.test);
  const scaledPre = fitPreprocessor(trainRows, columns, { standardize: true });
  // the same fitted steps (medians, means, levels) without the scaling: fitted once, not twice
  const rawPre = preprocessorFromJSON({ ...scaledPre.toJSON(), standardize: false });
  return {
    fold,
    yTrain: subsetLabels(y, fold.train),
    yTest: subsetLabels(y, fold.test),
    scaled: { train: scaledPre.transform(trainRows), test: scaledPre.transform(testRows) },
    raw: { train: rawPre.transform(trainRows), test: rawPre.transform(testRows) },
  };
}

export interface CvOutcome {
  models: Record<ModelName, Record<CvMetricName, MeanStd>>;
  tuning: ChurnLabResult['cv']['tuning'];
  best: ModelName;
  bestTree: ModelName;
  chosenParams: Record<ModelName, ModelParams>;
  /** Out-of-fold probabilities of each model's chosen grid point, indexed like the training rows. */
  oof: Record<ModelName, Float64Array>;
  /** AUC on each held-out fold at each model's chosen grid point (same folds for every model, so pairable). */
  perFoldAuc: Record<ModelName, number[]>;
  foldData: FoldData[];
}

/**
 * `prepare(i)` fits fold i's preprocessing and encodes its designs: each fold's fits are queued as
 * soon as its designs exist, so the workers start on fold 0 while this thread encodes fold 1.
 */
export async function crossValidate(
  foldCount: number,
  prepare: (i: number) => FoldData,
  trainSize: number,
  seed: number,
  rec: Recorder,
  progress: (detail: string) => void,
  pool: FitPool,
): Promise<CvOutcome> {
  // Every (model, grid point, fold) fit is independent: start them all, then read them in order.
  // Within a fold the tree ensembles are queued first and the quick logistic fits last, so the
  // workers finish together instead of one waiting on a last long fit.
  const fits = new Map<string, Promise<Float64Array>[]>();
  const folds: FoldData[] = [];
  for (let i = 0; i < foldCount; i++) {
    const f = prepare(i);
    folds.push(f);
    for (const name of [...modelNames].sort((a, b) => Number(!isTreeModel(a)) - Number(!isTreeModel(b)))) {
      for (const params of tuningGrids[name]) {
        const key = `${name} ${JSON.stringify(params)}`;
        if (!fits.has(key)) fits.set(key, []);
        const design = name === 'logistic_regression' ? f.scaled : f.raw;
        fits.get(key)!.push(pool.fitPredict({ model: name, params, seed: seed + i, xTrain: design.train, yTrain: f.yTrain, xTest: design.test }));
      }
    }
    await letPoolDispatch();
  }
  const models = {} as CvOutcome['models'];
  const tuning = {} as CvOutcome['tuning'];
  const chosenParams = {} as CvOutcome['chosenParams'];
  const oof = {} as CvOutcome['oof'];
  const perFoldAuc = {} as CvOutcome['perFoldAuc'];
  for (const name of modelNames) {
    let bestAuc = -Infinity;
    let bestPerFold: { auc: number; accuracy: number; precision: number; recall: number; f1: number; confusion: object }[] = [];
    let bestOof = new Float64Array(trainSize);
    const grid: { params: ModelParams; auc: number }[] = [];
    for (const params of tuningGrids[name]) {
      progress(`${name} ${JSON.stringify(params)}`);
      const perFold: typeof bestPerFold = [];
      const preds = new Float64Array(trainSize);
      const foldPredictions = await Promise.all(fits.get(`${name} ${JSON.stringify(params)}`)!);
      folds.forEach((f, i) => {
        const p = foldPredictions[i]!;
        f.fold.test.forEach((row, j) => (preds[row] = p[j]!));
        const confusion = confusionAt(f.yTest, p, 0.5);
        perFold.push({ auc: rocAuc(f.yTest, p), ...ratesFrom(confusion), confusion });
      });
      const auc = meanStd(perFold.map((p) => p.auc)).mean;
      grid.push({ params, auc: round(auc) });
      if (auc > bestAuc) {
        bestAuc = auc;
        bestPerFold = perFold;
        bestOof = preds;
        chosenParams[name] = params;
      }
    }
    tuning[name] = { grid, chosen: chosenParams[name] };
    oof[name] = bestOof;
    perFoldAuc[name] = bestPerFold.map((p) => p.auc);
    const summary = {} as Record<CvMetricName, MeanStd>;
    for (const metric of cvMetricNames) {
      const values = bestPerFold.map((p) => p[metric]);
      const ms = meanStd(values);
      const formula = metric === 'auc' ? 'ROC-AUC on each held-out fold (ties count half)' : `${metric} at threshold 0.5 on each held-out fold`;
      const inputs = { folds: folds.length, perFold: values.map((v) => round(v)), params: chosenParams[name], ...(metric === 'auc' ? {} : { confusionPerFold: bestPerFold.map((p) => p.confusion) }) };
      rec.metric(`cv.${name}.${metric}.mean`, ms.mean, `mean over folds of ${formula}`, inputs, 'ratio');
      rec.metric(`cv.${name}.${metric}.std`, ms.std, `sample standard deviation over folds of ${formula}`, { folds: folds.length, perFold: inputs.perFold }, 'ratio');
      summary[metric] = { mean: round(ms.mean), std: round(ms.std) };
    }
    for (const [k, v] of Object.entries(chosenParams[name])) {
      rec.metric(`cv.${name}.tuned.${k}`, v, 'grid value with the highest mean CV ROC-AUC', { grid }, undefined);
    }
    models[name] = summary;
  }
  const byAuc = [...modelNames].sort((a, b) => models[b].auc.mean - models[a].auc.mean);
  const best = byAuc[0]!;
  const bestTree = byAuc.find((m) => m !== 'logistic_regression')!;
  return { models, tuning, best, bestTree, chosenParams, oof, perFoldAuc, foldData: folds };
}
