/** Worker thread for fit-pool.ts: fits one model per message and returns its test probabilities. */
import { parentPort } from 'node:worker_threads';
import { runFitJob, type FitJob } from './fit-pool.js';

parentPort!.on('message', (job: FitJob) => {
  try {
    const p = runFitJob(job);
    parentPort!.postMessage({ p }, [p.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message });
  }
});
