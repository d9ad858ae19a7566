/**
 * `prep lab churn` as named stages. Each stage is a function in this folder; this file runs
 * them in order, times them, emits events for the live view, and writes every recorded figure
 * and the artifacts to the run store. The run is marked failed if any stage throws.
 */
import { ensureBuilt } from '../../data/datasets/build.js';
import { openDatasetReadOnly } from '../../data/datasets/store.js';
import { RunStore } from '../../data/runs.js';
import { cleanTable } from './clean.js';
import { crossValidate, prepareFold } from './cv.js';
import { pick, subsetLabels } from './design.js';
import { fitPreprocessor } from '../../ml/preprocess.js';
import { createRng } from '../../ml/random.js';
import { groupUnits, stratifiedGroupHoldout, stratifiedGroupKFold, stratifiedHoldout, stratifiedKFold } from '../../ml/split.js';
import { treeModelFromJSON } from '../../ml/trees/index.js';
import { chooseThreshold, evaluateTest } from './evaluate.js';
import { extractChurnTable, type ChurnTable } from './extract.js';
import { chooseFairnessAttributes, fairnessByGroup, fairnessTests } from './fairness.js';
import { calibrationOf, chooseModel, testIntervals } from './statistics.js';
import { addEngineeredFeatures, applicableFeatures } from './features.js';
import { compareImbalance } from './imbalance.js';
import { createFitPool, letPoolDispatch } from './fit-pool.js';
import { profileTable } from './profile.js';
import { createRecorder, round, type RecordedMetric } from '../record.js';
import { describeTrainingColumns, modelArtifactFormat, type ChurnModelArtifact, type ReferenceArtifact } from './save.js';
import { explainWithShap } from './shap.js';
import { findLeakage, leakageDropAuc, leakageWarnAuc } from './leakage.js';
import type { ChurnLabEvent, ChurnLabOptions, ChurnLabResult, FairnessAttribute, StageName } from './types.js';

export interface RunContext {
  onEvent?: (event: ChurnLabEvent) => void;
  store?: RunStore;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runChurnLab(options: ChurnLabOptions, context: RunContext = {}): Promise<ChurnLabResult> {
  const emit = context.onEvent ?? (() => {});
  const timings: ChurnLabResult['timingsMs'] = {};
  const recorded: RecordedMetric[] = [];
  const t0 = performance.now();

  /** `ownMs`: for a stage whose work ran earlier, beside another stage: its own compute time, reported instead of the time spent waiting for it. */
  async function stage<T>(name: StageName, work: (progress: (detail: string) => void) => T | Promise<T>, summary: (value: T) => string, ownMs?: () => number): Promise<T> {
    emit({ type: 'stage-start', stage: name });
    await tick();
    const start = performance.now();
    const value = await work((detail) => emit({ type: 'stage-progress', stage: name, detail }));
    const ms = ownMs ? ownMs() : performance.now() - start;
    timings[name] = Math.round(ms);
    emit({ type: 'stage-done', stage: name, ms, summary: summary(value) });
    await tick();
    return value;
  }

  // The fit workers start first: they load their modules and warm up (fit-worker.ts) while this
  // thread extracts, profiles and cleans, instead of after.
  const pool = createFitPool();
  let table: ChurnTable;
  let fairnessAttributes: FairnessAttribute[];
  try {
    // Extract happens before the run record exists: a bad --target is a usage error, not a failed run.
    await ensureBuilt(options.dataset);
    table = await stage<ChurnTable>(
      'extract',
      () => {
        const ds = openDatasetReadOnly(options.dataset);
        try {
          return extractChurnTable(ds.db, ds.meta, {
            target: options.target,
            positive: options.positive,
            idColumn: options.idColumn,
            groupColumn: options.groupColumn,
            minPerClass: Math.max(10, 2 * options.folds),
          });
        } finally {
          ds.db.close();
        }
      },
      (t) => `${t.rows.length} rows, ${t.columns.length} columns`,
    );
    // a --fairness column that is not there is a usage error too
    fairnessAttributes = chooseFairnessAttributes(table.columns, table.rows, [table.targetColumn, table.idColumn, table.groupColumn], options.fairness);
  } catch (error) {
    await pool.close();
    throw error;
  }

  const store = context.store ?? new RunStore();
  const active = store.start({
    lab: 'churn',
    dataset: { name: table.dataset.name, sha256: table.dataset.sha256 },
    params: { target: table.targetColumn, positive: table.positiveLabel, idColumn: table.idColumn, ...(table.groupColumn ? { groupColumn: table.groupColumn } : {}), ...(options.fairness ? { fairness: options.fairness } : {}), folds: options.folds, testSize: options.testSize, ...options.cost, examples: options.examples },
    seed: options.seed,
  });
  try {
    const profile = await stage('profile', () => profileTable(table, createRecorder('profile', recorded)), (p) => `${p.positives} positives (${(100 * p.positiveRate).toFixed(1)}%)`);
    const clean = await stage('clean', () => cleanTable(table, createRecorder('clean', recorded)), (c) => `${c.decisions.length} decision${c.decisions.length === 1 ? '' : 's'}`);
    const allEngineered = applicableFeatures(clean.columns);
    const rows = await stage('features', () => addEngineeredFeatures(clean.rows, allEngineered), () => `${allEngineered.length} engineered`);

    const y = table.y;
    const split = await stage(
      'split',
      () => {
        const rec = createRecorder('split', recorded);
        // With --group-column the units dealt out are groups (split.ts): the same seeds, and with
        // every group a single row the same split as without it.
        const groups = table.groups;
        const holdout = groups ? stratifiedGroupHoldout(y, groups, options.testSize, createRng(options.seed)) : stratifiedHoldout(y, options.testSize, createRng(options.seed));
        const yTrain = subsetLabels(y, holdout.train);
        const kFold = groups ? stratifiedGroupKFold(yTrain, pick(groups, holdout.train), options.folds, createRng(options.seed + 1)) : stratifiedKFold(yTrain, options.folds, createRng(options.seed + 1));
        const folds = kFold.map((f) => ({ train: f.train, test: f.validation }));
        const trainPositives = yTrain.reduce((a, b) => a + b, 0);
        const testPositives = holdout.test.reduce((a, i) => a + y[i]!, 0);
        rec.metric('split.trainRows', holdout.train.length, 'rows − test rows', { rows: y.length, testSize: options.testSize, seed: options.seed }, 'rows');
        const groupSummary = groups && table.groupColumn ? summariseGroups(table.groupColumn, y, groups) : undefined;
        const perClass = groupSummary ? `the rows of round(testSize × groups) per class, a group positive when any of its rows is (stratified by groups of ${groupSummary.column})` : 'round(testSize × rows) per class (stratified)';
        rec.metric('split.testRows', holdout.test.length, perClass, { rows: y.length, testSize: options.testSize, trainPositives, testPositives, ...(groupSummary ? { groups: groupSummary.count } : {}) }, 'rows');
        // on the training rows only: which columns tell the outcome on their own (leakage.ts)
        const leakage = findLeakage(pick(rows, holdout.train), clean.columns, yTrain);
        for (const l of leakage) {
          rec.metric(`split.leakageAuc.${l.column}`, l.auc, `max(AUC, 1 − AUC) of ${l.column} alone on the training rows (${l.dropped ? `≥ ${leakageDropAuc}: dropped as leakage` : `≥ ${leakageWarnAuc}: kept, flagged`})`, { trainRows: holdout.train.length, dropAt: leakageDropAuc, warnAt: leakageWarnAuc }, 'ratio');
        }
        return { holdout, folds, yTrain, trainPositives, testPositives, groupSummary, leakage };
      },
      (s) => `${s.holdout.train.length} train / ${s.holdout.test.length} test, ${s.folds.length} folds${s.groupSummary ? `, ${s.groupSummary.count} groups of ${s.groupSummary.column} kept whole` : ''}${s.leakage.length ? `; leakage check: ${s.leakage.map((l) => `${l.column} ${l.dropped ? 'dropped' : 'flagged'}`).join(', ')}` : ''}`,
    );
    // the model's columns: the cleaned ones but those that leak the target (and engineered features built on them)
    const leaky = new Set(split.leakage.filter((l) => l.dropped).map((l) => l.column));
    const modelColumns = leaky.size ? clean.columns.filter((c) => !leaky.has(c.name)) : clean.columns;
    const engineered = leaky.size ? applicableFeatures(modelColumns) : allEngineered;
    const featureColumns = [...modelColumns, ...engineered.map((f) => ({ name: f.name, kind: f.kind }))];
    const leakageDecisions = split.leakage.map((l) => ({
      column: l.column,
      rows: split.holdout.train.length,
      decision: l.dropped
        ? `column dropped: on its own it ranks churners above stayers almost perfectly (AUC ${l.auc.toFixed(3)} on the training rows), so it is almost certainly written after the outcome (target leakage)`
        : `kept, but on its own it ranks churners with AUC ${l.auc.toFixed(3)} on the training rows: check that it is known before the outcome, or it leaks the target`,
    }));
    const trainRows = pick(rows, split.holdout.train);
    /** The --group-column keys of some rows, for the bootstraps that resample whole groups. */
    const groupsOf = (indices: number[]) => (table.groups && table.groupColumn ? { column: table.groupColumn, keys: pick(table.groups, indices) } : undefined);
    const testRows = pick(rows, split.holdout.test);

    const cv = await stage(
      'cv',
      async (progress) => {
        const rec = createRecorder('cv', recorded);
        const outcome = await crossValidate(split.folds.length, (i) => prepareFold(trainRows, featureColumns, split.yTrain, split.folds[i]!), trainRows.length, options.seed, rec, progress, pool);
        rec.metric('dataset.features', outcome.foldData[0]!.raw.train.cols, 'model inputs after flags, one-hot encoding and engineered features (first fold)', { engineered: engineered.map((f) => f.name) }, 'features');
        const foldTestTrainRatio = split.folds.reduce((a, f) => a + f.test.length / f.train.length, 0) / split.folds.length;
        const choice = chooseModel(outcome.perFoldAuc, outcome.bestTree, foldTestTrainRatio, rec);
        return { ...outcome, choice };
      },
      (c) => `best ${c.best} AUC ${c.models[c.best].auc.mean.toFixed(3)}`,
    );

    // The deployed model is the best tree ensemble, so its explanations are exact TreeSHAP. It is
    // fitted on the whole training set by the pool while the imbalance jobs run (the first job
    // queued), instead of on this thread after them with both workers idle.
    const modelName = cv.bestTree;
    const deployedPre = fitPreprocessor(trainRows, featureColumns, { standardize: false });
    const xTrain = deployedPre.transform(trainRows);
    const deployedFit = pool.fitToJSON({ model: modelName, params: cv.chosenParams[modelName], seed: options.seed, xTrain, yTrain: split.yTrain });

    // The threshold and test stages need only the CV's out-of-fold scores and the deployed model,
    // not the imbalance fits: they are computed on this thread while the pool runs those fits (it
    // mostly waits then), and their stages below record their figures, in stage order, and report.
    const evaluateDeployed = (modelJSON: unknown, threshold: ReturnType<typeof chooseThreshold>) => {
      const xTest = deployedPre.transform(testRows);
      const model = treeModelFromJSON(modelJSON);
      const p = model.predictProba(xTest);
      const yTest = subsetLabels(y, split.holdout.test);
      const rec = createRecorder('test', testMetrics);
      const evaluated = evaluateTest(modelName, yTest, p, threshold.threshold, options.cost, threshold.curve, rec);
      const intervals = testIntervals(yTest, p, threshold.threshold, options.cost, options.seed, rec, groupsOf(split.holdout.test));
      const calibration = calibrationOf(yTest, p, options.calibrate, { y: split.yTrain, p: cv.oof[modelName] }, rec);
      return {
        pre: deployedPre,
        model,
        xTest,
        yTest,
        p,
        test: { ...evaluated.test, intervals, calibration },
        threshold: { ...evaluated.threshold, netValueGain: intervals.netValueGain, ci95: threshold.ci95 },
      };
    };
    const thresholdMetrics: RecordedMetric[] = [];
    const testMetrics: RecordedMetric[] = [];
    let thresholdWork!: Promise<ReturnType<typeof chooseThreshold>>;
    let testWork!: Promise<ReturnType<typeof evaluateDeployed>>;
    // their own compute time: it overlaps the imbalance stage, so their stages would otherwise read ~0 ms
    let thresholdMs = 0;
    let testMs = 0;

    const imbalance = await stage(
      'imbalance',
      // on the deployed model's family and unscaled design (trees need no scaling)
      (progress) => {
        const outcome = compareImbalance({
          model: modelName,
          params: cv.chosenParams[modelName],
          folds: cv.foldData,
          fullTrain: { design: xTrain, y: split.yTrain },
          seed: options.seed,
          rec: createRecorder('imbalance', recorded),
          progress,
          cvOutOfFold: cv.oof[modelName],
          pool,
        });
        // started once compareImbalance has queued its first fits, so the workers are busy meanwhile
        thresholdWork = letPoolDispatch().then(() => {
          const start = performance.now();
          const chosen = chooseThreshold(split.yTrain, cv.oof[modelName], options.cost, createRecorder('threshold', thresholdMetrics), options.seed, groupsOf(split.holdout.train));
          thresholdMs = performance.now() - start;
          return chosen;
        });
        testWork = Promise.all([deployedFit, thresholdWork]).then(([modelJSON, threshold]) => {
          const start = performance.now();
          const evaluated = evaluateDeployed(modelJSON, threshold);
          testMs = performance.now() - start;
          return evaluated;
        });
        // a failure is reported by the stage that awaits it (not also as an unhandled rejection)
        testWork.catch(() => {});
        return outcome;
      },
      (i) => `honest ${i.scores.smoteInFolds.auc.toFixed(3)} vs leaky ${i.scores.smoteLeaky.auc.toFixed(3)}`,
    );

    const threshold = await stage(
      'threshold',
      async () => {
        const chosen = await thresholdWork;
        recorded.push(...thresholdMetrics);
        return chosen;
      },
      (t) => `threshold ${t.threshold.toFixed(2)} (during imbalance)`,
      () => thresholdMs,
    );

    const tested = await stage(
      'test',
      async () => {
        const evaluated = await testWork;
        recorded.push(...testMetrics);
        return evaluated;
      },
      (t) => `AUC ${t.test.auc.toFixed(3)}, recall ${t.test.recall.toFixed(3)} (during imbalance)`,
      () => testMs,
    );

    const explained = await stage(
      'explain',
      () =>
        explainWithShap({
          model: tested.model,
          modelName,
          x: tested.xTest,
          ids: pick(table.ids, split.holdout.test),
          y: tested.yTest,
          probabilities: tested.p,
          threshold: threshold.threshold,
          examples: options.examples,
          rec: createRecorder('explain', recorded),
          pool,
        }),
      (e) => `additivity error ${e.additivityMaxError.toExponential(1)}`,
    );

    const fairness = await stage(
      'fairness',
      () => {
        const rec = createRecorder('fairness', recorded);
        // the attributes as extracted: a blank age is "missing", not the median cleaning would put in the model's inputs
        const { groups, leftOut } = fairnessByGroup(fairnessAttributes, pick(table.rows, split.holdout.test), tested.yTest, tested.p, threshold.threshold, rec);
        const clustered = split.groupSummary && split.groupSummary.largest > 1 ? split.groupSummary : undefined;
        return { groups, tests: fairnessTests(fairnessAttributes, groups, rec, clustered, leftOut) };
      },
      (f) => (Object.keys(f.groups).length ? `${Object.keys(f.groups).join(', ')}: ${Object.values(f.tests).filter((t) => t.recallVerdict === 'significant').length} significant recall gap(s)` : 'no attribute compared (--fairness COLUMN names one)'),
    );

    const artifacts = await stage(
      'save',
      () => {
        const trainingMetrics = Object.fromEntries(recorded.filter((m) => m.key.startsWith('test.') || m.key.startsWith('cv.')).map((m) => [m.key, m.value]));
        const modelArtifact: ChurnModelArtifact = {
          format: modelArtifactFormat,
          dataset: { name: table.dataset.name, sha256: table.dataset.sha256 },
          seed: options.seed,
          modelName,
          params: cv.chosenParams[modelName],
          threshold: threshold.threshold,
          targetColumn: table.targetColumn,
          positiveLabel: table.positiveLabel,
          idColumn: table.idColumn,
          columns: describeTrainingColumns(modelColumns, pick(clean.rows, split.holdout.train)),
          engineeredFeatures: engineered.map((f) => f.name),
          featureNames: tested.pre.featureNames,
          preprocessor: tested.pre.toJSON(),
          model: tested.model.toJSON(),
          trainingMetrics,
          droppedColumns: [...clean.dropped.map((d) => d.column), ...leaky],
        };
        const withId = (i: number) => (table.idColumn ? { [table.idColumn]: table.ids[i]!, ...clean.rows[i] } : { ...clean.rows[i] });
        const reference: ReferenceArtifact = {
          columns: modelColumns.map((c) => c.name),
          training: pick(clean.rows, split.holdout.train),
          holdout: split.holdout.test.map((i) => ({ record: withId(i), label: y[i] === 1 })),
          ...(table.idColumn ? { trainingIds: split.holdout.train.map((i) => String(table.ids[i])) } : {}),
        };
        for (const m of recorded) active.metric(m.key, m.value, { stage: m.stage, formula: m.formula, inputs: m.inputs, unit: m.unit });
        active.artifact('model', modelArtifact);
        active.artifact('reference', reference);
        active.artifact('calibration', { model: modelName, rows: tested.yTest.length, ...tested.test.calibration });
        return ['model', 'reference', 'calibration'];
      },
      (a) => `${a.join(', ')} saved`,
    );

    timings.total = Math.round(performance.now() - t0);
    const result: ChurnLabResult = {
      runId: active.id,
      dataset: { name: table.dataset.name, sha256: table.dataset.sha256, rows: profile.rows, positives: profile.positives, label: table.dataset.label, title: table.dataset.title },
      seed: options.seed,
      target: { column: table.targetColumn, positive: table.positiveLabel, idColumn: table.idColumn, ...(table.groupColumn ? { groupColumn: table.groupColumn } : {}) },
      profile,
      cleaning: { decisions: [...clean.decisions, ...leakageDecisions] },
      leakage: split.leakage.map((l) => ({ ...l, auc: round(l.auc) })),
      features: { count: tested.pre.featureNames.length, names: tested.pre.featureNames, engineered: engineered.map((f) => ({ name: f.name, rationale: f.rationale })) },
      split: { testSize: options.testSize, trainRows: split.holdout.train.length, testRows: split.holdout.test.length, trainPositives: split.trainPositives, testPositives: split.testPositives, ...(split.groupSummary ? { groups: split.groupSummary } : {}) },
      cv: { folds: options.folds, models: cv.models, tuning: cv.tuning, best: cv.best, choice: cv.choice },
      imbalance: {
        ...imbalance.scores,
        model: cv.bestTree,
        note: 'SMOTE and class weights change where the 0.5 threshold falls (recall), but should not change ranking (AUC) much; the leaky row is a mistake shown on purpose.',
      },
      threshold: tested.threshold,
      test: tested.test,
      explain: explained,
      fairness: fairness.groups,
      fairnessTests: fairness.tests,
      fairnessAttributes,
      fairnessChosenBy: options.fairness ? 'option' : 'names',
      artifacts,
      timingsMs: timings,
    };
    active.artifact('result', { ...result, timingsMs: undefined });
    active.finish();
    return result;
  } catch (error) {
    // Figures recorded so far stay in the store, so a failed run can still be inspected.
    for (const m of recorded) {
      try {
        active.metric(m.key, m.value, { stage: m.stage, formula: m.formula, inputs: m.inputs, unit: m.unit });
      } catch {
        // a non-finite figure from a broken stage: skip it, the error below says what failed
      }
    }
    active.fail(error);
    throw error;
  } finally {
    await pool.close();
  }
}

/** How many groups the split dealt out, and the largest (a row without a key is a group of its own). */
function summariseGroups(column: string, y: Uint8Array, groups: (string | null)[]): { column: string; count: number; largest: number } {
  const { members } = groupUnits(y, groups);
  let largest = 0;
  for (const rows of members) largest = Math.max(largest, rows.length);
  return { column, count: members.length, largest };
}
