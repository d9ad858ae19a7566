/** Issue 20: K-means on a worker thread gives the same fits as in this thread, and a broken worker fails the stage with its error. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKMeansRunner, runKMeansJob, type KMeansJob } from '../../../src/labs/segment/kmeans-fits.js';
import { createRng } from '../../../src/ml/random.js';
import { makeTempHome, repoRoot } from '../../helpers/home.js';

function job(rows: number, sampleSize?: number): KMeansJob {
  const rng = createRng(3);
  const data = Float64Array.from({ length: rows * 3 }, (_, i) => (i % 3) + rng.next() * (1 + (Math.floor(i / 3) % 4)));
  return { x: { rows, cols: 3, data }, ks: [2, 3, 4], seed: 42, restarts: 5, sampleSize };
}

describe('K-means fits beside the other stages', () => {
  // npm test builds first; the worker is the built one, as in the lab
  const built = join(repoRoot, 'dist', 'labs', 'segment', 'kmeans-worker.js');

  it('a worker thread returns exactly the in-thread fits (labels, inertia, silhouette), exact and sampled silhouettes', async () => {
    expect(existsSync(built)).toBe(true);
    const runner = createKMeansRunner(built);
    try {
      expect(runner.where).toBe('worker thread');
      for (const j of [job(300), job(400, 150)]) {
        const { fits } = await runner.run(j);
        const here = runKMeansJob(j);
        expect(fits.map((f) => [f.k, f.inertia, f.silhouette])).toEqual(here.map((f) => [f.k, f.inertia, f.silhouette]));
        fits.forEach((f, i) => expect([...f.labels]).toEqual([...here[i]!.labels]));
      }
    } finally {
      runner.close();
    }
  });

  it('without a worker script the fits run in this thread', async () => {
    const inThread = createKMeansRunner('');
    expect(inThread.where).toBe('main thread');
    const { fits } = await inThread.run(job(200));
    expect(fits.map((f) => f.k)).toEqual([2, 3, 4]);
  });

  it('a worker that fails to load rejects the stage with its error instead of hanging', async () => {
    const broken = join(makeTempHome('prep-kmeans-worker-'), 'broken-worker.mjs');
    writeFileSync(broken, 'throw new Error("cannot load");\n');
    const runner = createKMeansRunner(broken);
    await expect(runner.run(job(50))).rejects.toThrow(/K-means worker/);
    runner.close();
  });
});
