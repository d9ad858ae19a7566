/**
 * The K-means stage's fits (k = 2..8, restarts, silhouettes), on a worker thread when one is
 * built: nothing else in the lab depends on them until the end, so on 2 cores they run beside
 * concentration, cohorts, CLV, recommendations and cancellations. Each k's generator is derived
 * from --seed in the same order as in one thread, so the figures do not depend on where it ran.
 * Without a built worker (running from sources, as the tests do) the fits run in this thread.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../../env.js';
import { fitKMeans, silhouetteScore } from '../../ml/kmeans.js';
import type { Matrix } from '../../ml/matrix.js';
import { createRng } from '../../ml/random.js';

export interface KMeansJob {
  x: Matrix;
  ks: number[];
  seed: number;
  restarts: number;
  /** Silhouette sample size when the customers exceed it (see run.ts), else undefined. */
  sampleSize?: number;
}

export interface KMeansFit {
  k: number;
  labels: Int32Array;
  inertia: number;
  silhouette: number;
}

export function runKMeansJob(job: KMeansJob): KMeansFit[] {
  const rng = createRng(job.seed);
  // its own generator, so sampling never shifts the restarts' random draws
  const sampleRng = createRng((job.seed ^ 0x5eed5a11) >>> 0);
  return job.ks
    .filter((k) => k <= job.x.rows)
    .map((k) => {
      const fit = fitKMeans(job.x, k, { rng: rng.child(), nInit: job.restarts });
      const sampling = job.sampleSize !== undefined ? { sampleSize: job.sampleSize, rng: sampleRng.child() } : undefined;
      return { k, labels: fit.labels, inertia: fit.inertia, silhouette: silhouetteScore(job.x, fit.labels, k, sampling) };
    });
}

function workerPath(): string | undefined {
  const sibling = fileURLToPath(new URL('./kmeans-worker.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  const built = join(packageRoot, 'dist', 'labs', 'segment', 'kmeans-worker.js');
  return existsSync(built) ? built : undefined;
}

export interface KMeansRunner {
  /** Where the fits run, for the output: "a worker thread" or "this thread". */
  where: 'worker thread' | 'main thread';
  run(job: KMeansJob): Promise<{ fits: KMeansFit[]; ms: number }>;
  close(): void;
}

/** Starts the worker now (its start-up overlaps the lab's first stages); `path` is for tests. */
export function createKMeansRunner(path = workerPath()): KMeansRunner {
  if (!path) {
    return {
      where: 'main thread',
      run: async (job) => {
        const start = performance.now();
        return { fits: runKMeansJob(job), ms: performance.now() - start };
      },
      close: () => {},
    };
  }
  const worker = new Worker(path);
  worker.unref();
  let failed: Error | undefined;
  worker.on('error', (e) => (failed = e));
  return {
    where: 'worker thread',
    run: (job) =>
      new Promise((resolve, reject) => {
        if (failed) return reject(new Error(`the K-means worker failed: ${failed.message}`));
        const onError = (e: Error) => reject(new Error(`the K-means worker failed: ${e.message}`));
        const onExit = (code: number) => reject(new Error(`the K-means worker exited with code ${code}`));
        worker.once('error', onError);
        worker.once('exit', onExit);
        worker.once('message', (msg: { fits?: KMeansFit[]; ms: number; error?: string }) => {
          worker.off('error', onError);
          worker.off('exit', onExit);
          if (msg.error !== undefined) reject(new Error(msg.error));
          else resolve({ fits: msg.fits!, ms: msg.ms });
        });
        worker.postMessage(job);
      }),
    close: () => void worker.terminate(),
  };
}
