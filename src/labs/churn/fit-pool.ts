/**
 * Fits models on worker threads, one per core: the CV grid and the imbalance treatments are
 * dozens of independent fit-and-predict jobs, and on 2 cores running them side by side nearly
 * halves the lab's wall time (and keeps the live view responsive). Each job is deterministic
 * (its seed is part of the job), so results do not depend on scheduling. Without a built worker
 * (running from sources) or with one core, jobs run in this thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../../env.js';
import type { Design } from './design.js';
import type { Matrix } from '../../ml/matrix.js';
import { createRng } from '../../ml/random.js';
import { shapValuesOfRows, treeModelFromJSON } from '../../ml/trees/index.js';
import { fitModel, type ModelParams } from './models.js';
import type { ModelName } from './types.js';

export interface FitJob {
  model: ModelName;
  params: ModelParams;
  seed: number;
  xTrain: Design;
  yTrain: Uint8Array;
  weights?: Float64Array;
  xTest: Design;
}

/** TreeSHAP values of every row of x for a tree model given as its JSON: rows × cols, row-major. */
export interface ShapJob {
  kind: 'shap';
  model: unknown;
  x: Matrix;
}

export interface FitPool {
  fitPredict(job: FitJob): Promise<Float64Array>;
  /** SHAP values on a worker (the explain stage splits a large set of rows across the workers). */
  shapValues(job: Omit<ShapJob, 'kind'>): Promise<Float64Array>;
  /** Fits without predicting and returns the model's JSON (the deployed model, fitted while other jobs run). */
  fitToJSON(job: Omit<FitJob, 'xTest'>): Promise<unknown>;
  close(): Promise<void>;
}

export type PoolJob = FitJob | Omit<FitJob, 'xTest'> | ShapJob;
type PoolResult = Float64Array | unknown;

/**
 * Resolves after this thread has handled what the event loop holds: a stage that queues fits
 * between long synchronous steps (encoding a fold, SMOTE) awaits it after each step, so that the
 * workers' finished fits are collected and their next jobs sent. Without it each worker ran one
 * job, then waited for the whole synchronous loop to end (seen in the lab's CPU profiles: both
 * workers idle while the main thread encoded folds 1-4).
 */
export const letPoolDispatch = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A job with a test design returns its probabilities; one without returns the fitted model's JSON. */
export function runFitJob(job: PoolJob): PoolResult {
  if ('kind' in job) {
    const values = shapValuesOfRows(treeModelFromJSON(job.model), job.x);
    const out = new Float64Array(job.x.rows * job.x.cols);
    values.forEach((phi, i) => out.set(phi, i * job.x.cols));
    return out;
  }
  const model = fitModel(job.model, job.params, job.xTrain, job.yTrain, job.seed, job.weights);
  return 'xTest' in job ? model.predictProba(job.xTest) : model.toJSON();
}

/**
 * Fits each model family once on a small synthetic design (300 rows: 4 numeric and 26 flag
 * columns), so that a worker's first real fit runs optimised code instead of spending most of its
 * time in the interpreter. Measured in a fresh process: ~160 ms of CPU, and the first forest,
 * boosting and logistic fits of a Telco fold took ~350 ms less CPU in all; in the lab it runs
 * while the main thread extracts and cleans. Deterministic, and nothing of it reaches later fits.
 */
export function warmUpFits(): void {
  const rng = createRng(1);
  const rows = 300;
  const cols = 30;
  const data = new Float64Array(rows * cols);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) data[i * cols + j] = j < 4 ? 100 * rng.next() : rng.next() < 0.3 ? 1 : 0;
    y[i] = rng.next() < 0.3 + 0.004 * data[i * cols]! ? 1 : 0;
  }
  const x = { rows, cols, data, featureNames: Array.from({ length: cols }, (_, j) => `x${j}`) };
  fitModel('random_forest', { trees: 8, minLeaf: 5, maxFeaturesRatio: 0.3 }, x, y, 1).predictProba(x);
  fitModel('gradient_boosting', { trees: 8, depth: 3, learningRate: 0.1 }, x, y, 1).predictProba(x);
  fitModel('logistic_regression', { C: 1 }, x, y, 1).predictProba(x);
}

function workerPath(): string | undefined {
  const sibling = fileURLToPath(new URL('./fit-worker.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  const built = join(packageRoot, 'dist', 'labs', 'churn', 'fit-worker.js');
  return existsSync(built) ? built : undefined;
}

/**
 * The stages queue many fits and await them later, in order: marks a fit's rejection as handled
 * so that one failure is reported once, by the stage that awaits it, and not also as an
 * unhandled rejection (which would end the process before the run is marked failed).
 */
function handled<T>(fit: Promise<T>): Promise<T> {
  fit.catch(() => {});
  return fit;
}

/** `path`: the worker script (tests pass a broken one). */
export function createFitPool(size = Math.min(availableParallelism(), 4), path = workerPath()): FitPool {
  if (!path || size <= 1) {
    const inThread = async (job: PoolJob) => runFitJob(job);
    return {
      fitPredict: (job) => handled(inThread(job)) as Promise<Float64Array>,
      fitToJSON: (job) => handled(inThread(job)),
      shapValues: (job) => handled(inThread({ kind: 'shap', ...job })) as Promise<Float64Array>,
      close: async () => {},
    };
  }
  const workers = Array.from({ length: size }, () => new Worker(path));
  const idle = [...workers];
  type Task = { job: PoolJob; resolve: (result: PoolResult) => void; reject: (e: Error) => void };
  const queue: Task[] = [];
  const pending = new Map<Worker, Task>();
  // A worker that fails (to load, or crashes) breaks the pool: every waiting fit is rejected with
  // its error. Left alone, its job would never answer and, the workers being unref'd, the process
  // would exit with code 13 (unsettled await) and no message.
  let broken: Error | undefined;
  let closing = false;
  const breakPool = (error: Error) => {
    if (broken || closing) return;
    broken = new Error(`a model-fitting worker failed: ${error.message}`);
    for (const task of [...pending.values(), ...queue.splice(0)]) task.reject(broken);
    pending.clear();
    for (const w of workers) void w.terminate();
  };
  const dispatch = () => {
    while (idle.length && queue.length) {
      const worker = idle.pop()!;
      const task = queue.shift()!;
      pending.set(worker, task);
      worker.postMessage(task.job);
    }
  };
  for (const worker of workers) {
    worker.unref();
    worker.on('message', (msg: { result?: PoolResult; error?: string }) => {
      const task = pending.get(worker);
      if (!task) return; // the pool broke while this fit ran: its task was already rejected
      pending.delete(worker);
      idle.push(worker);
      if (msg.error !== undefined) task.reject(new Error(msg.error));
      else task.resolve(msg.result);
      dispatch();
    });
    worker.on('error', breakPool);
    worker.on('exit', (code) => breakPool(new Error(`worker exited with code ${code}`)));
  }
  const submit = (job: PoolJob) =>
    handled(
      new Promise<PoolResult>((resolve, reject) => {
        if (broken) return reject(broken);
        queue.push({ job, resolve, reject });
        dispatch();
      }),
    );
  return {
    fitPredict: (job) => submit(job) as Promise<Float64Array>,
    fitToJSON: submit,
    shapValues: (job) => submit({ kind: 'shap', ...job }) as Promise<Float64Array>,
    close: async () => {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

