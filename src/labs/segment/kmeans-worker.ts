/** Worker thread for kmeans-fits.ts: runs one K-means job per message and returns its fits. */
import { parentPort } from 'node:worker_threads';
import { runKMeansJob, type KMeansJob } from './kmeans-fits.js';

parentPort!.on('message', (job: KMeansJob) => {
  try {
    const start = performance.now();
    const fits = runKMeansJob(job);
    parentPort!.postMessage({ fits, ms: performance.now() - start }, fits.map((f) => f.labels.buffer as ArrayBuffer));
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message, ms: 0 });
  }
});
