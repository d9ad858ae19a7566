import { describe, expect, it, beforeAll } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { RunStore } from '../../../src/data/runs.js';
import { openState, closeState } from '../../../src/data/state.js';
import { runSegmentLab } from '../../../src/labs/segment/run.js';
import { clvNotes } from '../../../src/labs/segment/clv.js';
import { homeWithDatasets, makeTempHome, repoRoot, runPrep } from '../../helpers/home.js';

describe('segmentation lab on the bundled retail data', () => {
  let result: Awaited<ReturnType<typeof runSegmentLab>>;
  let store: RunStore;
  beforeAll(async () => {
    const home = await homeWithDatasets(['retail']);
    process.env.PREP_HOME = home;
    closeState();
    store = new RunStore(openState({ home }));
    // with --net-cancellations: the R1 figures are the same either way, the netted ones come beside them
    result = await runSegmentLab({ dataset: 'retail', k: 'auto', seed: 42, netCancellations: true }, { store });
  }, 120_000);

  it('cleans exactly as protocol R1: 397,884 lines, 4,338 customers, 18,532 invoices, revenue 8,911,407.90', () => {
    expect(result.cleaning).toMatchObject({ linesIn: 541909, linesOut: 397884, customers: 4338, invoices: 18532, revenue: 8911407.9 });
    const dropped = Object.values(result.cleaning.dropped).reduce((a, b) => a + b, 0);
    expect(result.cleaning.linesIn - dropped).toBe(result.cleaning.linesOut);
  });

  it('uses the R2 snapshot and puts every customer in exactly one segment', () => {
    expect(result.rfm.snapshot).toBe('2011-12-10');
    expect(result.segments.reduce((a, s) => a + s.customers, 0)).toBe(4338);
    expect(result.segments.reduce((a, s) => a + s.revenueShare, 0)).toBeCloseTo(1, 3);
  });

  it('k-means inertia per k is at least as good as scikit-learn KMeans(n_init=10) within 0.1%', () => {
    // Protocol: R2 RFM per customer, log1p of each, standardised (population std), then
    // sklearn.cluster.KMeans(n_clusters=k, n_init=10, random_state=0).fit(X).inertia_ with
    // scikit-learn 1.2.1 (Debian python3-sklearn), computed while developing this lab.
    const sklearn: Record<number, number> = {
      2: 6474.138464595908,
      3: 4856.401540909992,
      4: 3924.8891511703323,
      5: 3268.545409040848,
      6: 2840.3265316962006,
      7: 2533.109648905516,
      8: 2325.570604512708,
    };
    // (the best of random_state 0..4 at k = 8 is 2325.5195; random_state 2 ends at 2330.61)
    expect(result.kmeans.runs.map((r) => r.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    for (const run of result.kmeans.runs) {
      expect(run.inertia, `k = ${run.k}`).toBeLessThanOrEqual(sklearn[run.k]! * 1.001);
    }
    const chosen = result.kmeans.runs.find((r) => r.k === result.kmeans.chosenK)!;
    expect(Math.max(...result.kmeans.runs.map((r) => r.silhouette))).toBe(chosen.silhouette);
  });

  it('co-purchase rules count every basket the same way: 23171 → 23172 confidence 0.748 (audit, pandas over all baskets)', () => {
    const rule = result.recommendations.pairs.find((p) => p.a === '23171' && p.b === '23172')!;
    expect(rule.confidenceAB).toBeCloseTo(0.748, 3);
    expect(result.recommendations.skippedLargeBaskets).toBe(0);
    expect(result.recommendations.baskets).toBe(18532);
    for (const p of result.recommendations.pairs) expect(p.confidenceAB).toBeLessThanOrEqual(1);
  });

  it('RFM: equal values get equal scores (all 1,493 one-time buyers share one F score)', () => {
    const { customers } = store.artifact<{ customers: { frequency: number; recency: number; f: number; r: number }[] }>(result.runId, 'segments')!;
    const oneTime = customers.filter((c) => c.frequency === 1);
    expect(oneTime).toHaveLength(1493);
    expect(new Set(oneTime.map((c) => c.f))).toEqual(new Set([1]));
    const byRecency = new Map<number, Set<number>>();
    for (const c of customers) byRecency.set(c.recency, (byRecency.get(c.recency) ?? new Set()).add(c.r));
    for (const [recency, scores] of byRecency) expect(scores.size, `recency ${recency}`).toBe(1);
    expect(result.rfm.scoring).toMatch(/equal values get equal scores/);
  });

  it('flags the partial final month (9 days of December 2011) and leaves it out of the month-1 retention', () => {
    expect(result.cohorts.partialMonth).toMatchObject({ month: '2011-12', daysWithData: 9, daysInMonth: 31 });
    // independent: the mean of month 1 over cohorts 2010-12 .. 2011-10 (2011-11's month 1 is December)
    const rows = result.cohorts.months.map((m, i) => [m, result.cohorts.retention[i]!] as const).filter(([m, r]) => r.length > 1 && m < '2011-11');
    expect(rows).toHaveLength(11);
    const mean = rows.reduce((a, [, r]) => a + r[1]!, 0) / rows.length;
    expect(store.metric(result.runId, 'cohorts.month1Retention')!.value).toBeCloseTo(mean, 10);
    expect(store.metric(result.runId, 'cohorts.partialMonthDays')!.value).toBe(9);
  });

  it('matches cancellations to the purchases they undo: the top product and customer 12346 (audit figures)', () => {
    const c = result.cancellations;
    expect(c.largest[0]).toMatchObject({ customer: '16446', item: '23843', quantity: 80995, amount: 168469.6 });
    expect(c.largest[1]).toMatchObject({ customer: '12346', item: '23166', quantity: 74215, amount: 77183.6 });
    expect(c.pairs).toBeGreaterThan(2000);
    expect(store.metric(result.runId, 'cancellations.revenue')!.value).toBeCloseTo(c.revenue, 2);
    const net = c.net!;
    // 12346's £77,183.60 nets to 0: the customer has no purchase left; 16446 keeps 168,472.50 − 168,469.60 = 2.90
    expect(net.examples.find((e) => e.customer === '12346')).toMatchObject({ r1Monetary: 77183.6, r1MScore: 5, netMonetary: 0, netMScore: null });
    expect(net.examples.find((e) => e.customer === '16446')!.netMonetary).toBeCloseTo(2.9, 2);
    expect(net.revenue).toBeCloseTo(result.cleaning.revenue - c.revenue, 1);
    expect(net.customers + net.customersRemoved).toBe(4338);
    expect(net.segments.reduce((a, s) => a + s.netCustomers, 0)).toBe(net.customers);
    expect(net.concentration.net.top1Share).toBeLessThan(net.concentration.r1.top1Share);
  });

  it('cohort retention starts at 1 for every cohort, cohorts in date order', () => {
    expect(result.cohorts.retention.every((row) => row[0] === 1)).toBe(true);
    expect([...result.cohorts.months].sort()).toEqual(result.cohorts.months);
    expect(result.cohorts.sizes.reduce((a, b) => a + b, 0)).toBe(4338);
  });

  it('concentration and CLV figures are recorded with formula and inputs', () => {
    const top10 = store.metric(result.runId, 'concentration.top10Share')!;
    expect(top10.value).toBeCloseTo(result.concentration.top10Share, 4);
    expect(top10.inputs).toMatchObject({ topCustomers: 434, customers: 4338 });
    expect(store.metric(result.runId, 'clv.holdoutActual')!.value).toBe(result.clv.holdout.actual);
    expect(result.clv.holdout.deciles.reduce((a, d) => a + d.actual, 0)).toBe(result.clv.holdout.actual);
    for (const key of ['cleaning.linesOut', 'rfm.median.recency', 'kmeans.chosenK', 'concentration.gini', 'cohorts.month1Retention', 'clv.mean12m', 'segments.champions.revenueShare']) {
      expect(store.metric(result.runId, key), key).toBeDefined();
    }
  });

  it('says in plain words when BG/NBD sits at its boundary and why the hold-out check misses, from recorded figures', () => {
    const dropout = store.metric(result.runId, 'clv.bgnbd.meanDropout')!;
    expect(dropout.value).toBeCloseTo(result.clv.bgnbd.a / (result.clv.bgnbd.a + result.clv.bgnbd.b), 6);
    const before = store.metric(result.runId, 'clv.preHoldoutActual')!.value;
    const { predicted, actual } = result.clv.holdout;
    // on the retail data the fit is at the edge (a -> 0) and the hold-out weeks are busier than the weeks before them
    expect(result.clv.notes).toHaveLength(2);
    expect(actual).toBeGreaterThan(before);
    expect(result.clv.notes.some((n) => n.includes(`a / (a + b) = ${dropout.value.toExponential(1)}`))).toBe(dropout.value < 1e-3);
    const missNote = result.clv.notes.find((n) => n.startsWith('The model predicts'));
    expect(Boolean(missNote)).toBe(predicted / actual < 0.9 || predicted / actual > 1.1);
    if (missNote) expect(missNote).toContain(`made ${before} repeat purchase days in the 13 weeks before the calibration end and ${actual} in the 13 hold-out weeks`);
  });
});

describe('segmentation lab on an imported transactions file with other column names', () => {
  it('imports with a mapping and runs end to end (spawned, --json)', () => {
    const home = makeTempHome();
    const file = join(repoRoot, 'test/fixtures/segment/shop.csv');
    const imported = runPrep(['data', 'import', file, '--name', 'shop', '--kind', 'transactions', '--customer', 'client', '--date', 'ordered_at', '--quantity', 'units', '--price', 'price_each', '--invoice', 'order_ref', '--item', 'sku'], { home });
    expect(imported.status, imported.stderr).toBe(0);
    const crm = join(home, 'crm.csv');
    const r = runPrep(['lab', 'segment', '--dataset', 'shop', '--json', '--calibration-end', '2011-08-31', '--net-cancellations', '--customers', crm], { home });
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    // CA4 cancels A3 (c2, P2, 4 × 3.00), c2's only purchase
    expect(json.cancellations).toMatchObject({ pairs: 1, revenue: 12, customers: 1 });
    expect(json.cancellations.net).toMatchObject({ customersRemoved: 1, customers: json.cleaning.customers - 1 });
    const lines = readFileSync(crm, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,segment,cluster,clv_12m');
    expect(lines).toHaveLength(1 + json.cleaning.customers);
    // c1: invoices A1 (2 × 5 + 1 × 3) and A2 (1 × 5) → frequency 2, monetary 18.00
    const c1 = lines.find((l) => l.startsWith('c1,'))!.split(',');
    expect(c1.slice(2, 4)).toEqual(['2', '18.00']);
    expect(Number(c1[9])).toBeGreaterThan(0);
    const bad = runPrep(['lab', 'segment', '--dataset', 'shop', '--customers', join(home, 'crm.txt')], { home });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/option '--customers <file.csv>' argument .* is invalid. expected a file name ending in \.csv/);
    // dropped: A5 (no customer), CA4 (cancellation), A6 (quantity 0), the P2 line of A7 (price 0)
    expect(json.cleaning.dropped).toMatchObject({ 'no customer id': 1, 'cancellation (invoice starts with C)': 1, 'quantity <= 0': 1, 'unit price <= 0': 1 });
    expect(json.cleaning.linesOut).toBe(json.cleaning.linesIn - 4);
    expect(json.clv.calibrationEnd).toBe('2011-08-31');
    expect(json.segments.reduce((a: number, s: { customers: number }) => a + s.customers, 0)).toBe(json.cleaning.customers);
    // too few invoices for any pair to reach 20: said, not an empty table; --also-bought a code no invoice has, and one it has
    expect(json.recommendations.pairs).toEqual([]);
    expect(json.recommendations.noRules).toBe('no product pair is in 20 or more invoices');
    const unknown = runPrep(['lab', 'segment', '--dataset', 'shop', '--also-bought', 'P9'], { home });
    expect(unknown.status, unknown.stderr).toBe(0);
    expect(unknown.stdout).toContain('no product pair is in 20 or more invoices');
    expect(unknown.stdout).toContain('P9 is not a product code in these invoices');
    const known = runPrep(['lab', 'segment', '--dataset', 'shop', '--also-bought', 'P4', '--json'], { home });
    // P4's invoices after R1 cleaning: B3, B7, B11, B15, B19, ... counted from the fixture below
    const p4Invoices = new Set(readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).filter((f) => f[3] === 'P4' && f[1] !== '' && !f[0]!.startsWith('C') && Number(f[4]) > 0 && Number(f[5]) > 0).map((f) => f[0]));
    expect(JSON.parse(known.stdout).recommendations.alsoBought).toMatchObject({ item: 'P4', inBaskets: p4Invoices.size, partners: [] });
  });

  it('refuses a table dataset with a clear message', () => {
    const home = makeTempHome();
    const r = runPrep(['lab', 'segment', '--dataset', 'telco'], { home });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is a table, not transactions/);
  });
});

describe('CLV notes', () => {
  const base = { meanDropout: 0.2, predicted: 75, actual: 100, preHoldoutActual: 80, holdoutWeeks: 13, windowInData: true };
  it('explain a miss only with a hold-out that moved the same way, inside the data, with counts to compare', () => {
    expect(clvNotes(base)).toHaveLength(1);
    expect(clvNotes(base)[0]).toContain('(+25.0%)');
    expect(clvNotes({ ...base, preHoldoutActual: 120 })).toEqual([]); // under-predicts, but the hold-out was quieter
    expect(clvNotes({ ...base, predicted: 130, preHoldoutActual: 120 })[0]).toContain('quieter');
    expect(clvNotes({ ...base, windowInData: false })).toEqual([]);
    expect(clvNotes({ ...base, preHoldoutActual: 0 })).toEqual([]);
    expect(clvNotes({ ...base, actual: 0 })).toEqual([]);
    expect(clvNotes({ ...base, predicted: 95 })).toEqual([]); // within 10%: nothing to explain
  });

  it('flag a dropout estimate at the edge of the parameter space', () => {
    expect(clvNotes({ ...base, predicted: 100, meanDropout: 5e-10 })[0]).toMatch(/a \/ \(a \+ b\) = 5\.0e-10/);
  });

  it('say there is nothing to estimate when no customer bought twice, and nothing else', () => {
    const notes = clvNotes({ ...base, predicted: 0, actual: 0, meanDropout: 5e-10, repeatCustomers: 0, customers: 218, calibrationEnd: '2023-07-29' });
    expect(notes).toEqual([expect.stringMatching(/^No customer bought again before the calibration end \(2023-07-29\): BG\/NBD and Gamma-Gamma learn from repeat purchases/)]);
    expect(clvNotes({ ...base, repeatCustomers: 12, customers: 218 }).some((n) => /No customer bought again/.test(n))).toBe(false);
  });

  it('a shop of one-time buyers: the lab runs, records no Gamma-Gamma estimate and prints no NaN (spawned)', () => {
    const home = makeTempHome();
    const lines = ['order,client,day,amount', ...Array.from({ length: 60 }, (_, i) => `O${i},C${i},2023-${String(1 + (i % 9)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')},${10 + i}`)];
    const file = join(home, 'onetime.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(runPrep(['data', 'import', file, '--name', 'onetime', '--kind', 'transactions', '--customer', 'client', '--date', 'day', '--amount', 'amount', '--invoice', 'order'], { home }).status).toBe(0);
    const r = runPrep(['lab', 'segment', '--dataset', 'onetime'], { home });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/NaN/);
    expect(r.stdout).toContain('Gamma-Gamma: not fitted (no repeat buyers)');
    expect(r.stdout).toMatch(/! No customer bought again before the calibration end/);
    const json = JSON.parse(runPrep(['lab', 'segment', '--dataset', 'onetime', '--json'], { home }).stdout);
    const recorded = JSON.parse(runPrep(['runs', 'show', json.runId, '--json'], { home }).stdout).metrics.map((m: { key: string }) => m.key);
    expect(recorded.filter((k: string) => k.startsWith('clv.gammaGamma'))).toEqual([]);
  });

  it('flag a Gamma-Gamma q so large that customers\' spends do not differ (1/√q under 3%), and not the retail fit (q 3.35)', () => {
    const flat = clvNotes({ ...base, predicted: 100, spendQ: 3.38e7, populationSpend: 1500.25 });
    expect(flat).toHaveLength(1);
    // 1/√(3.38e7) = 0.000172: 0.017%
    expect(flat[0]).toMatch(/q at 3\.4e\+7: .*is 0\.017%\).*p·v \/ \(q − 1\) = 1500\.25,/);
    expect(clvNotes({ ...base, predicted: 100, spendQ: 3.345, populationSpend: 320 })).toEqual([]);
    expect(clvNotes({ ...base, predicted: 100, spendQ: 999 })).toEqual([]);
  });
});
