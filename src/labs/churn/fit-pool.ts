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
import type { Design } from './ml-adapter.js';
import { fitModel, type ModelParams } from './models.js';
import type { ModelName } from './types.js';
import { mlApi } from './ml-bindings.js';

export interface FitJob {
  model: ModelName;
  params: ModelParams;
  seed: number;
  xTrain: Design;
  yTrain: Uint8Array;
  weights?: Float64Array;
  xTest: Design;
}

export interface FitPool {
  fitPredict(job: FitJob): Promise<Float64Array>;
  /** Fits without predicting and returns the model's JSON (the deployed model, fitted while other jobs run). */
  fitToJSON(job: Omit<FitJob, 'xTest'>): Promise<unknown>;
  close(): Promise<void>;
}

export type PoolJob = FitJob | Omit<FitJob, 'xTest'>;
type PoolResult = Float64Array | unknown;

/** A job with a test design returns its probabilities; one without returns the fitted model's JSON. */
export function runFitJob(job: PoolJob): PoolResult {
  const model = fitModel(mlApi, job.model, job.params, job.xTrain, job.yTrain, job.seed, job.weights);
  return 'xTest' in job ? model.predictProba(job.xTest) : model.toJSON();
}

function workerPath(): string | undefined {
  const sibling = fileURLToPath(new URL('./fit-worker.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  const built = join(packageRoot, 'dist', 'labs', 'churn', 'fit-worker.js');
  return existsSync(built) ? built : undefined;
}

export function createFitPool(size = Math.min(availableParallelism(), 4)): FitPool {
  const path = workerPath();
  if (!path || size <= 1) {
    return { fitPredict: async (job) => runFitJob(job) as Float64Array, fitToJSON: async (job) => runFitJob(job), close: async () => {} };
  }
  const workers = Array.from({ length: size }, () => new Worker(path));
  const idle = [...workers];
  type Task = { job: PoolJob; resolve: (result: PoolResult) => void; reject: (e: Error) => void };
  const queue: Task[] = [];
  const pending = new Map<Worker, Task>();
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
      const task = pending.get(worker)!;
      pending.delete(worker);
      idle.push(worker);
      if (msg.error !== undefined) task.reject(new Error(msg.error));
      else task.resolve(msg.result);
      dispatch();
    });
    worker.on('error', (error) => {
      pending.get(worker)?.reject(error);
      pending.delete(worker);
    });
  }
  const submit = (job: PoolJob) =>
    new Promise<PoolResult>((resolve, reject) => {
      queue.push({ job, resolve, reject });
      dispatch();
    });
  return {
    fitPredict: (job) => submit(job) as Promise<Float64Array>,
    fitToJSON: submit,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

