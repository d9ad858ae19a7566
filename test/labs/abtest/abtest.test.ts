import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chiSquareIndependence, normalQuantile, sampleSizeMeans, sampleSizeProportions, twoProportionZTest, welchTTest } from '../../../src/ml/hypothesis.js';
import { analyze, simulate } from '../../../src/labs/abtest/abtest.js';
import { RunStore } from '../../../src/data/runs.js';
import { openState, closeState } from '../../../src/data/state.js';
import { homeWithDatasets, makeTempHome, repoRoot, runPrep } from '../../helpers/home.js';

describe('hypothesis tests against textbook values', () => {
  it('normal quantile is precise', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
  });

  it('sample size for 20% → 22%, alpha 0.05, power 0.8', () => {
    // p̄ = 0.21: (1.959964·√(2·0.21·0.79) + 0.841621·√(0.16 + 0.1716))² / 0.02² = (1.128995 + 0.484651)² / 0.0004 = 6509.6 → 6510
    expect(sampleSizeProportions(0.2, 0.02)).toBe(6510);
    // means: 2·(1.959964 + 0.841621)²·10² / 2² = 392.4 → 393
    expect(sampleSizeMeans(10, 2)).toBe(393);
  });

  it('two-proportion z-test by hand', () => {
    // 200/1000 vs 250/1000: pooled 0.225, se = √(0.225·0.775·0.002) = 0.018675, z = 0.05 / 0.018675 = 2.6774
    const r = twoProportionZTest(200, 1000, 250, 1000);
    expect(r.statistic).toBeCloseTo(0.05 / Math.sqrt(0.225 * 0.775 * 0.002), 10);
    expect(r.pValue).toBeCloseTo(0.00742, 4);
  });

  it('Welch t-test with Welch-Satterthwaite df', () => {
    // a: mean 2, sample variance 2.5 (n 5) → 0.5; b: mean 6, sample variance 58/4 = 14.5 → 2.9
    // t = 4 / √3.4 = 2.1693; df = 3.4² / (0.5²/4 + 2.9²/4) = 5.3521
    const r = welchTTest([0, 1, 2, 3, 4], [1, 4, 6, 8, 11]);
    expect(r.statistic).toBeCloseTo(4 / Math.sqrt(3.4), 10);
    expect(r.df).toBeCloseTo((0.5 + 2.9) ** 2 / (0.25 / 4 + 2.9 ** 2 / 4), 10);
  });

  it('chi-square independence on a 2×2 table', () => {
    const r = chiSquareIndependence([[30, 70], [50, 50]]);
    expect(r.statistic).toBeCloseTo(8.3333333, 6);
    expect(r.df).toBe(1);
    expect(r.pValue).toBeCloseTo(0.0038925, 6);
  });
});

describe('prep lab abtest', () => {
  it('analyze reads arm,outcome and picks the tests for a binary outcome', async () => {
    const dir = makeTempHome();
    const file = join(dir, 'ab.csv');
    const rows = ['arm,outcome'];
    for (let i = 0; i < 1000; i++) rows.push(`A,${i < 200 ? 1 : 0}`, `B,${i < 250 ? 1 : 0}`);
    writeFileSync(file, rows.join('\n'));
    const r = await analyze(file, 0.05);
    expect(r.outcome).toBe('binary');
    expect(r.tests[0]!.test).toBe('two-proportion z-test');
    expect(r.tests[0]!.pValue).toBeCloseTo(0.00742, 4);
    expect(r.reading).toMatch(/unlikely if there were no difference/);
  });

  it('A/A simulation on real baskets keeps the false-positive rate near alpha; peeking inflates it', async () => {
    const home = await homeWithDatasets(['retail']);
    process.env.PREP_HOME = home;
    closeState();
    const store = new RunStore(openState({ home }));
    const r = await simulate({ dataset: 'retail', seed: 42, runs: 1000, perArm: 2000, lift: 0.1, alpha: 0.05, looks: 10 }, store);
    expect(r.aa.falsePositiveRate).toBeGreaterThanOrEqual(0.03);
    expect(r.aa.falsePositiveRate).toBeLessThanOrEqual(0.07);
    expect(r.peeking.falsePositiveRate).toBeGreaterThan(r.aa.falsePositiveRate);
    expect(store.metric(r.runId, 'abtest.aaFalsePositiveRate')!.value).toBe(r.aa.falsePositiveRate);
  });

  it('a shop with too few invoices for --per-arm: exit 2 and the largest --per-arm that fits (spawned)', () => {
    const home = makeTempHome();
    const file = join(repoRoot, 'test/fixtures/segment/shop.csv');
    expect(runPrep(['data', 'import', file, '--name', 'shop', '--kind', 'transactions', '--customer', 'client', '--date', 'ordered_at', '--quantity', 'units', '--price', 'price_each', '--invoice', 'order_ref'], { home }).status).toBe(0);
    const r = runPrep(['lab', 'abtest', 'simulate', '--dataset', 'shop'], { home });
    expect(r.status).toBe(2);
    const invoices = Number(/only (\d+) invoices/.exec(r.stderr)![1]);
    expect(r.stderr).toContain(`pass --per-arm ${Math.floor(invoices / 2)} or fewer`);
  });
});
