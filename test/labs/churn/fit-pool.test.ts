import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createFitPool, runFitJob, type FitJob } from '../../../src/labs/churn/fit-pool.js';
import { treeModelFromJSON } from '../../../src/ml/trees/index.js';
import { createRng } from '../../../src/ml/random.js';

// A small design with signal in two columns, so the trees have real splits to make.
function design(rows: number, seed: number) {
  const rng = createRng(seed);
  const cols = 4;
  const data = new Float64Array(rows * cols);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) data[i * cols + j] = j === 3 ? rng.int(2) : Math.round(100 * rng.next()) / 10;
    y[i] = data[i * cols]! + 3 * data[i * cols + 3]! + 2 * rng.next() > 7 ? 1 : 0;
  }
  return { x: { rows, cols, data, featureNames: ['a', 'b', 'c', 'flag'] }, y };
}

describe('fit pool', () => {
  it('runs on worker threads here (the built worker exists, so the tests below cross threads)', () => {
    expect(existsSync(fileURLToPath(new URL('../../../dist/labs/churn/fit-worker.js', import.meta.url)))).toBe(true);
  });

  // two workers, as on the 2-core machine the lab runs on (the built worker from dist/)
  const pool = createFitPool(2);
  afterAll(() => pool.close());
  const train = design(400, 1);
  const test = design(100, 2);
  const jobs: FitJob[] = [
    { model: 'gradient_boosting', params: { trees: 30, depth: 3, learningRate: 0.1 }, seed: 5, xTrain: train.x, yTrain: train.y, xTest: test.x },
    { model: 'random_forest', params: { trees: 20, minLeaf: 5, maxFeaturesRatio: 0.5 }, seed: 6, xTrain: train.x, yTrain: train.y, xTest: test.x },
    { model: 'logistic_regression', params: { C: 1 }, seed: 7, xTrain: train.x, yTrain: train.y, xTest: test.x },
  ];

  it('returns exactly the probabilities a fit in this thread gives', async () => {
    const fromPool = await Promise.all(jobs.map((job) => pool.fitPredict(job)));
    jobs.forEach((job, k) => expect([...fromPool[k]!]).toEqual([...(runFitJob(job) as Float64Array)]));
  });

  it('returns a fitted tree model as JSON that predicts bit for bit like the in-thread fit', async () => {
    for (const { xTest, ...job } of jobs.slice(0, 2)) {
      const model = treeModelFromJSON(await pool.fitToJSON(job));
      const p = model.predictProba(xTest);
      expect(new Set(p).size).toBeGreaterThan(5); // a model that splits, not a constant
      expect([...p]).toEqual([...(runFitJob({ ...job, xTest }) as Float64Array)]);
    }
  });

  it('rejects every fit when a worker fails to load, rather than hanging', async () => {
    const broken = createFitPool(2, fileURLToPath(new URL('../../fixtures/churn/broken-fit-worker.mjs', import.meta.url)));
    const fits = jobs.map((job) => broken.fitPredict(job));
    for (const fit of fits) await expect(fit).rejects.toThrow(/a model-fitting worker failed: broken worker fixture/);
    await expect(broken.fitToJSON(jobs[0]!)).rejects.toThrow(/worker failed/);
    await broken.close();
  });

  it('rejects with the learner error rather than hanging', async () => {
    const bad = { ...jobs[0]!, xTrain: { ...train.x, data: Float64Array.from(train.x.data, (v, i) => (i === 0 ? NaN : v)) } };
    await expect(pool.fitPredict(bad)).rejects.toThrow(/non-finite/);
  });
});
