/** Worker thread for fit-pool.ts: fits one model per message and returns its test probabilities (or its JSON). */
import { parentPort } from 'node:worker_threads';
import { runFitJob, warmUpFits, type PoolJob } from './fit-pool.js';

parentPort!.on('message', (job: PoolJob) => {
  try {
    const result = runFitJob(job);
    parentPort!.postMessage({ result }, result instanceof Float64Array ? [result.buffer as ArrayBuffer] : []);
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message });
  }
});
// After the listener exists: jobs posted meanwhile wait in the port until the warm-up returns.
warmUpFits();
