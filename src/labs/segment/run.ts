/**
 * `prep lab segment` as named stages over the canonical transactions view: clean (R1), EDA, RFM
 * (R2) with named segments, K-means on log1p-standardised RFM, revenue concentration, cohorts,
 * CLV (BG/NBD + Gamma-Gamma) and co-purchase recommendations. Every printed figure is recorded
 * in the run store with its formula and inputs.
 */
import { ensureBuilt } from '../../data/datasets/build.js';
import { openDatasetReadOnly, type OpenDataset } from '../../data/datasets/store.js';
import { RunStore } from '../../data/runs.js';
import { UsageError } from '../../errors.js';
import { countPairs, pairTable, pairTableCoded, type PairRule } from '../../ml/association.js';
import { gini, lorenzCurve, topShare } from '../../ml/concentration.js';
import { standardise } from '../../ml/kmeans.js';
import { quintileRule, quintileScores, segmentOf, segmentRules } from '../../ml/rfm.js';
import { createRecorder, round, type RecordedMetric, type Recorder } from '../record.js';
import { runClv, type ClvResult } from './clv.js';
import { matchCancellations, netCustomerDays, netCustomerRows } from './cancellations.js';
import { createKMeansRunner, type KMeansRunner } from './kmeans-fits.js';
import * as typed from './lines.js';
import * as sql from './transactions.js';

export interface SegmentLabOptions {
  dataset: string;
  k: 'auto' | number;
  seed: number;
  calibrationEnd?: string;
  alsoBought?: string;
  /** Also rerun RFM, concentration and CLV without the purchases matched to a cancellation, side by side with R1. */
  netCancellations?: boolean;
}

export type SegmentStage = 'clean' | 'eda' | 'rfm' | 'kmeans' | 'concentration' | 'cohorts' | 'clv' | 'recommendations' | 'cancellations' | 'save';

const DAY = 86_400_000;
/**
 * Above this many customers the silhouette (O(n²) distances) is computed on a sample of this
 * many, drawn without replacement with a generator seeded from --seed, as scikit-learn's
 * silhouette_score(sample_size=) does: at 43k customers (retail ×10) the exact one took most of
 * the K-means stage. The bundled retail data (4,338 customers) stays exact. A sample of 8,000
 * puts the mean's standard error near 0.002.
 */
export const silhouetteSampleSize = 8_000;
/** Restarts per k: with 20 greedy k-means++ restarts the inertia matched or beat scikit-learn's KMeans(n_init=10) within 0.02% at every k = 2..8 over 12 seeds; 10 restarts missed by 0.2% at k = 8 for some seeds. */
export const kmeansRestarts = 20;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function describeCluster(c: { recency: number; frequency: number; monetary: number }, overall: { recency: number; frequency: number; monetary: number }): string {
  const recent = c.recency < overall.recency * 0.6 ? 'recent' : c.recency > overall.recency * 1.6 ? 'long inactive' : 'moderately recent';
  const often = c.frequency > overall.frequency * 1.6 ? 'frequent' : c.frequency < overall.frequency * 0.6 ? 'rare' : 'occasional';
  const spend = c.monetary > overall.monetary * 1.6 ? 'high-spending' : c.monetary < overall.monetary * 0.6 ? 'low-spending' : 'mid-spending';
  return `${recent}, ${often}, ${spend} buyers`;
}

/** One row of the per-customer table saved as the run's "segments" artifact (and written by --customers). */
export type CustomerTableRow = { customer: string; recency: number; frequency: number; monetary: number; r: number; f: number; m: number; segment: string; cluster: number; clv12m: number | null };

export async function runSegmentLab(options: SegmentLabOptions, context: { store?: RunStore; onStage?: (stage: SegmentStage, ms: number) => void } = {}) {
  const timingsMs: Partial<Record<SegmentStage | 'total', number>> = {};
  const recorded: RecordedMetric[] = [];
  const t0 = performance.now();
  // A stage that runs beside the next ones (K-means, on a worker) reports when it ends; the
  // stages after it are reported after it, so progress still moves in stage order.
  let pending: SegmentStage | undefined;
  const held: SegmentStage[] = [];
  const report = (name: SegmentStage) => {
    if (pending && name !== pending) return void held.push(name);
    context.onStage?.(name, timingsMs[name]!);
    if (name === pending) {
      pending = undefined;
      for (const h of held.splice(0)) context.onStage?.(h, timingsMs[h]!);
    }
  };
  const stage: StageRunner = (name, work) => {
    const start = performance.now();
    const value = work(createRecorder(name, recorded));
    timingsMs[name] = Math.round(performance.now() - start);
    report(name);
    return value;
  };
  stage.beside = async (name, started, finish) => {
    // the stage keeps its place in the timings and in the recorded figures' order
    timingsMs[name] = 0;
    pending = name;
    const at = recorded.length;
    const { value, ms } = await started;
    const start = performance.now();
    const own: RecordedMetric[] = [];
    const result = finish(value, createRecorder(name, own));
    recorded.splice(at, 0, ...own);
    timingsMs[name] = Math.round(ms + performance.now() - start);
    report(name);
    return result;
  };

  const kmeansRunner = createKMeansRunner();
  try {
    return await runWithDataset(options, context, stage, kmeansRunner, recorded, timingsMs, t0);
  } finally {
    kmeansRunner.close();
  }
}

interface StageRunner {
  <T>(name: SegmentStage, work: (rec: Recorder) => T): T;
  /** A stage whose work (`started`) runs elsewhere while the next stages run; `finish` turns its result into figures once it is awaited. */
  beside: <V, T>(name: SegmentStage, started: Promise<{ value: V; ms: number }>, finish: (value: V, rec: Recorder) => T) => Promise<T>;
}

async function runWithDataset(
  options: SegmentLabOptions,
  context: { store?: RunStore },
  stage: StageRunner,
  kmeansRunner: KMeansRunner,
  recorded: RecordedMetric[],
  timingsMs: Partial<Record<SegmentStage | 'total', number>>,
  t0: number,
) {
  await ensureBuilt(options.dataset);
  const dataset = openDatasetReadOnly(options.dataset);
  const { db, meta } = dataset;
  try {
    if (meta.kind !== 'transactions') {
      throw new UsageError(`dataset "${meta.name}" is a table, not transactions`, 'Import one with `prep data import FILE --name NAME --kind transactions --customer COL --date COL --amount COL`.');
    }
    const store = context.store ?? new RunStore();
    const active = store.start({ lab: 'segment', dataset: { name: meta.name, sha256: meta.sha256 }, params: { k: options.k, calibrationEnd: options.calibrationEnd ?? null, netCancellations: options.netCancellations ?? false }, seed: options.seed });
    try {
      const result = await pipeline(dataset, options, stage, kmeansRunner);
      for (const m of recorded) active.metric(m.key, m.value, { stage: m.stage, formula: m.formula, inputs: m.inputs, unit: m.unit });
      active.artifact('segments', { customers: result.customerTable });
      active.finish();
      timingsMs.total = Math.round(performance.now() - t0);
      const { customerTable: _customers, ...json } = result;
      return { runId: active.id, ...json, timingsMs };
    } catch (error) {
      active.fail(error);
      throw error;
    }
  } finally {
    db.close();
  }
}

/** The lab's aggregates from the typed purchase lines when they loaded, else from SQL; both give the same values (test/labs/segment/lines.test.ts). */
function aggregates(db: import('better-sqlite3').Database, lines: typed.PurchaseLines | undefined) {
  if (!lines) {
    return {
      lines,
      cleaningReport: () => sql.cleaningReport(db),
      customerRows: () => sql.customerRows(db),
      revenueByMonth: () => sql.revenueByMonth(db),
      revenueByCountry: () => sql.revenueByCountry(db),
      topProducts: () => sql.topProducts(db),
      basketSizes: () => sql.basketSizes(db),
      cohortCounts: () => sql.cohortCounts(db),
      customerDays: () => sql.customerDays(db),
      invoiceBaskets: () => sql.invoiceBaskets(db),
      codedBaskets: () => undefined,
    };
  }
  return {
    lines,
    cleaningReport: () => typed.cleaningReportFromLines(db, lines),
    customerRows: () => typed.customerRowsFromLines(lines),
    revenueByMonth: () => typed.revenueByMonthFromLines(db, lines),
    revenueByCountry: () => typed.revenueByCountryFromLines(db, lines),
    topProducts: () => typed.topProductsFromLines(db, lines),
    basketSizes: () => typed.basketSizesFromLines(lines),
    cohortCounts: () => typed.cohortCountsFromLines(lines),
    customerDays: () => typed.customerDaysFromLines(lines),
    invoiceBaskets: () => typed.invoiceBasketsFromLines(lines),
    codedBaskets: () => typed.invoiceBasketsCoded(lines),
  };
}

async function pipeline(dataset: OpenDataset, options: SegmentLabOptions, stage: StageRunner, kmeansRunner: KMeansRunner) {
  const { db, meta } = dataset;
  // one read of the purchase lines serves every aggregate below; the SQL is the fallback for values the typed passes do not model
  let source!: ReturnType<typeof aggregates>;
  const cleaning = stage('clean', (rec) => {
    source = aggregates(db, typed.loadPurchaseLinesCached(dataset));
    const r = source.cleaningReport();
    if (r.linesOut === 0) throw new UsageError(`no lines of "${meta.name}" survive cleaning (customer, not cancelled, positive quantity and price)`);
    rec.metric('cleaning.linesIn', r.linesIn, 'COUNT(*) FROM transactions', {}, 'count');
    rec.metric('cleaning.linesOut', r.linesOut, 'lines with a customer, not a cancellation, quantity > 0 and unit price > 0 (R1)', r.dropped, 'count');
    rec.metric('cleaning.customers', r.customers, 'COUNT(DISTINCT customer_id) of kept lines', { linesOut: r.linesOut }, 'count');
    rec.metric('cleaning.invoices', r.invoices, 'COUNT(DISTINCT invoice) of kept lines', { linesOut: r.linesOut }, 'count');
    rec.metric('cleaning.revenue', r.revenue, 'Σ quantity × unit price over kept lines', { linesOut: r.linesOut }, 'gbp');
    for (const [reason, count] of Object.entries(r.dropped)) rec.metric(`cleaning.dropped.${reason.split(' ')[0]}`, count, `lines dropped for: ${reason} (each line counted once, reasons in order)`, {}, 'count');
    return r;
  });

  // K-means needs only each customer's R, F, M: its work starts here, on the worker, while EDA and
  // RFM run; its figures are recorded at its place after RFM
  const customers = source.customerRows();
  const snapshot = addDays(cleaning.lastDate.slice(0, 10), 1);
  const raw = new Float64Array(customers.length * 3);
  customers.forEach((c, i) => {
    raw[i * 3] = Math.log1p(daysBetween(c.lastDate, snapshot));
    raw[i * 3 + 1] = Math.log1p(c.frequency);
    raw[i * 3 + 2] = Math.log1p(Math.max(0, c.monetary));
  });
  const { x } = standardise({ rows: customers.length, cols: 3, data: raw });
  const ks = options.k === 'auto' ? [2, 3, 4, 5, 6, 7, 8] : [options.k];
  const sampled = customers.length > silhouetteSampleSize;
  const kmeansFits = kmeansRunner.run({ x, ks, seed: options.seed, restarts: kmeansRestarts, sampleSize: sampled ? silhouetteSampleSize : undefined }).then(({ fits, ms }) => ({ value: fits, ms }));
  kmeansFits.catch(() => {}); // awaited after the stages that run beside it; a failure is reported there

  const eda = stage('eda', () => {
    const sizes = source.basketSizes();
    const q = (p: number) => sizes[Math.min(sizes.length - 1, Math.floor(p * sizes.length))]!;
    return {
      revenueByMonth: source.revenueByMonth(),
      topCountries: source.revenueByCountry(),
      topProducts: source.topProducts(),
      basketSize: { invoices: sizes.length, p25: q(0.25), median: q(0.5), p75: q(0.75), p90: q(0.9), max: sizes[sizes.length - 1]! },
    };
  });

  const rfm = stage('rfm', (rec) => {
    const recency = customers.map((c) => daysBetween(c.lastDate, snapshot));
    const frequency = customers.map((c) => c.frequency);
    const monetary = customers.map((c) => c.monetary);
    const rScore = quintileScores(recency, false);
    const fScore = quintileScores(frequency, true);
    const mScore = quintileScores(monetary, true);
    const totalRevenue = monetary.reduce((a, b) => a + b, 0);
    const members = customers.map((_, i) => segmentOf(rScore[i]!, fScore[i]!).key);
    const segments = segmentRules.map((s) => {
      const idx = members.flatMap((m, i) => (m === s.key ? [i] : []));
      const revenue = idx.reduce((a, i) => a + monetary[i]!, 0);
      const result = { name: s.name, key: s.key, rule: s.rule, description: s.description, customers: idx.length, customerShare: idx.length / customers.length, revenueShare: revenue / totalRevenue };
      rec.metric(`segments.${s.key}.customers`, idx.length, `customers whose (R, F) scores fall in ${s.rule}`, { customers: customers.length }, 'count');
      rec.metric(`segments.${s.key}.revenueShare`, result.revenueShare, 'segment revenue / total revenue', { segmentRevenue: round(revenue, 2), totalRevenue: round(totalRevenue, 2) }, 'ratio');
      return result;
    });
    const med = { recency: median(recency), frequency: median(frequency), monetary: round(median(monetary), 2) };
    rec.metric('rfm.median.recency', med.recency, `median days from last purchase to the snapshot ${snapshot}`, { customers: customers.length, snapshot }, 'days');
    rec.metric('rfm.median.frequency', med.frequency, 'median distinct invoices per customer', { customers: customers.length }, 'count');
    rec.metric('rfm.median.monetary', med.monetary, 'median Σ amount per customer', { customers: customers.length }, 'gbp');
    return { snapshot, median: med, recency, frequency, monetary, rScore, fScore, mScore, members, segments };
  });

  // K-means (started above) runs beside the next stages: its figures are recorded here, in their place, when it is awaited
  const kmeansStage = stage.beside('kmeans', kmeansFits, (fitted, rec) => {
    const fits = fitted.map((f) => ({ k: f.k, fit: { labels: f.labels }, inertia: f.inertia, silhouette: f.silhouette }));
    const chosen = fits.reduce((best, f) => (f.silhouette > best.silhouette ? f : best));
    const totalRevenue = rfm.monetary.reduce((a, b) => a + b, 0);
    const overall = { recency: rfm.median.recency, frequency: rfm.median.frequency, monetary: rfm.median.monetary };
    const clusters = Array.from({ length: chosen.k }, (_, c) => {
      const idx = customers.flatMap((_, i) => (chosen.fit.labels[i] === c ? [i] : []));
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      const profile = { recency: mean(idx.map((i) => rfm.recency[i]!)), frequency: mean(idx.map((i) => rfm.frequency[i]!)), monetary: mean(idx.map((i) => rfm.monetary[i]!)) };
      const medians = { recency: median(idx.map((i) => rfm.recency[i]!)), frequency: median(idx.map((i) => rfm.frequency[i]!)), monetary: median(idx.map((i) => rfm.monetary[i]!)) };
      return {
        cluster: c,
        customers: idx.length,
        revenueShare: round(idx.reduce((a, i) => a + rfm.monetary[i]!, 0) / totalRevenue),
        meanRecency: round(profile.recency, 1),
        meanFrequency: round(profile.frequency, 2),
        meanMonetary: round(profile.monetary, 2),
        description: describeCluster(medians, overall),
      };
    });
    for (const f of fits) {
      rec.metric(`kmeans.k${f.k}.inertia`, f.inertia, `Σ squared distance of each customer to its centroid (log1p + standardised R, F, M; best of ${kmeansRestarts} greedy k-means++ restarts)`, { k: f.k, customers: customers.length, seed: options.seed }, 'number');
      rec.metric(
        `kmeans.k${f.k}.silhouette`,
        f.silhouette,
        `mean over ${sampled ? `a random sample of ${silhouetteSampleSize} customers (seeded from --seed; distances within the sample)` : 'customers'} of (b − a) / max(a, b): a = mean distance within the cluster, b = to the nearest other cluster`,
        sampled ? { k: f.k, customers: customers.length, sampleSize: silhouetteSampleSize, seed: options.seed } : { k: f.k },
        'number',
      );
    }
    rec.metric('kmeans.chosenK', chosen.k, options.k === 'auto' ? 'the k in 2..8 with the highest silhouette' : 'k given by --k', { silhouettes: Object.fromEntries(fits.map((f) => [f.k, round(f.silhouette)])) }, 'count');
    rec.metric('kmeans.silhouette', chosen.silhouette, 'silhouette of the chosen k', { k: chosen.k }, 'number');
    return {
      runs: fits.map((f) => ({ k: f.k, inertia: round(f.inertia, 3), silhouette: round(f.silhouette) })),
      chosenK: chosen.k,
      rule: options.k === 'auto' ? 'highest silhouette over k = 2..8 (the elbow of inertia is shown for comparison)' : 'fixed by --k',
      // present only when sampled, so an exact run's JSON keeps its shape
      ...(sampled ? { silhouetteSample: { sampleSize: silhouetteSampleSize, customers: customers.length, seed: options.seed } } : {}),
      clusters,
      labels: chosen.fit.labels,
    };
  });

  kmeansStage.catch(() => {});

  const concentration = stage('concentration', (rec) => {
    const values = rfm.monetary.map((m) => Math.max(0, m));
    const total = values.reduce((a, b) => a + b, 0);
    const shares = ([0.01, 0.1, 0.2] as const).map((p) => ({ p, ...topShare(values, p) }));
    const keys = ['top1Share', 'top10Share', 'top20Share'] as const;
    shares.forEach((s, i) => rec.metric(`concentration.${keys[i]}`, s.share, `revenue of the top ceil(${s.p} × customers) customers / total revenue`, { topCustomers: s.customers, customers: values.length, totalRevenue: round(total, 2) }, 'ratio'));
    const g = rec.metric('concentration.gini', gini(values), 'Σ_i (2i − n − 1) x_(i) / (n Σ x), x sorted ascending', { customers: values.length }, 'ratio');
    return { top1Share: round(shares[0]!.share), top10Share: round(shares[1]!.share), top20Share: round(shares[2]!.share), gini: round(g), lorenz: lorenzCurve(values, 50).map(([a, b]) => [round(a), round(b)]) };
  });

  const cohorts = stage('cohorts', (rec) => {
    const counts = source.cohortCounts();
    const months = [...new Set(counts.map((c) => c.cohort))].sort();
    const retention = months.map((m) => {
      const rows = counts.filter((c) => c.cohort === m);
      const size = rows.find((r) => r.offset === 0)!.customers;
      const width = Math.max(...rows.map((r) => r.offset)) + 1;
      const line = new Array<number>(width).fill(0);
      for (const r of rows) line[r.offset] = round(r.customers / size);
      return line;
    });
    const sizes = months.map((m) => counts.find((c) => c.cohort === m && c.offset === 0)!.customers);
    // The data may stop mid-month (the retail file ends on 9 December 2011): that month is every
    // cohort's last column and holds only a few days of purchases, so it is flagged and left out
    // of the summary retention.
    const lastDay = cleaning.lastDate.slice(0, 10);
    const lastMonth = lastDay.slice(0, 7);
    const [year, month] = lastMonth.split('-').map(Number) as [number, number];
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const daysWithData = Number(lastDay.slice(8, 10));
    const partial = daysWithData < daysInMonth ? { month: lastMonth, daysWithData, daysInMonth } : undefined;
    const monthAfter = (m: string) => {
      const [y, mo] = m.split('-').map(Number) as [number, number];
      return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    };
    const counted = months.flatMap((m, i) => (retention[i]!.length > 1 && !(partial && monthAfter(m) === partial.month) ? [i] : []));
    const m1 = counted.reduce((a, i) => a + retention[i]![1]!, 0) / Math.max(1, counted.length);
    const excluded = months.filter((m, i) => retention[i]!.length > 1 && !counted.includes(i));
    rec.metric(
      'cohorts.month1Retention',
      m1,
      `mean over cohorts of (customers buying in the month after their first) / cohort size${partial ? `, leaving out cohorts whose month 1 is the partial month ${partial.month}` : ''}`,
      { cohorts: counted.length, excludedCohorts: excluded, partialMonth: partial?.month ?? null },
      'ratio',
    );
    if (partial) rec.metric('cohorts.partialMonthDays', partial.daysWithData, `days of data in the final month ${partial.month} (of ${partial.daysInMonth}): its column is partial in every cohort`, { lastDate: cleaning.lastDate }, 'days');
    return {
      months,
      sizes,
      retention,
      partialMonth: partial ? { ...partial, note: `${partial.month} has ${partial.daysWithData} of ${partial.daysInMonth} days of data: each cohort's last column is partial, and the month-1 summary leaves out ${excluded.join(', ') || 'no cohort'}` } : null,
      month1Retention: round(m1),
    };
  });

  const clvByCustomer = new Map<string, { expectedPurchases: number; expectedSpend: number; clv: number }>();
  const customerIndex = new Map(customers.map((c, i) => [c.customer, i]));
  const clv = stage('clv', (rec) =>
    runClv(
      source.customerDays(),
      { calibrationEnd: options.calibrationEnd, lastDay: cleaning.lastDate.slice(0, 10) },
      rec,
      (c) => {
        const i = customerIndex.get(c);
        return i !== undefined ? segmentRules.find((s) => s.key === rfm.members[i])!.name : undefined;
      },
      clvByCustomer,
    ),
  );

  const recommendations = stage('recommendations', () => {
    // integer-coded baskets from the typed lines (no Map lookup per item), else the SQL's string baskets
    const coded = source.codedBaskets();
    const baskets = coded ? undefined : source.invoiceBaskets().baskets;
    const sizes = coded ? Array.from({ length: coded.start.length - 1 }, (_, b) => coded.start[b + 1]! - coded.start[b]!) : baskets!.map((b) => b.length);
    if (sizes.length === 0) return { baskets: 0, pairs: [] as (PairRule & { aName?: string; bName?: string })[], alsoBought: undefined, noRules: 'no invoices to count pairs in' };
    const counts = coded ? pairTableCoded(coded, { minPairCount: 20 }) : pairTable(countPairs(baskets!, { minPairCount: 20 }));
    const top = counts.top({ minSupport: 0.01, limit: 10, by: 'lift' });
    const item = options.alsoBought ?? (top[0]?.a as string | undefined);
    const partners = item ? counts.alsoBought(item, { limit: 5 }) : [];
    const descriptions = sql.itemDescriptions(db, [...top.flatMap((r) => [r.a, r.b]), ...(item ? [item] : []), ...partners.map((r) => r.b)]);
    const name = (code: string) => descriptions.get(code);
    const pairs = top.map((r) => ({ ...r, aName: name(r.a), bName: name(r.b) }));
    // inBaskets 0: the code is no product of these invoices (a typo in --also-bought, say)
    const also = item ? { item, name: name(item), inBaskets: counts.itemCounts.get(item) ?? 0, minPairCount: counts.minPairCount, partners: partners.map((r) => ({ ...r, bName: name(r.b) })) } : undefined;
    const largeBaskets = sizes.filter((size) => size > 100).length;
    // said instead of an empty table (many products, few invoices each): the most common pair, for scale
    const mostCommon = top.length ? undefined : counts.top({ minSupport: 0, limit: 1, by: 'support' })[0];
    const noRules = top.length ? undefined : mostCommon ? `no product pair is in 1% or more of the invoices: the most common, ${mostCommon.a} with ${mostCommon.b}, is in ${mostCommon.count} (${(100 * mostCommon.support).toFixed(2)}%)` : `no product pair is in ${counts.minPairCount} or more invoices`;
    return { baskets: counts.baskets, skippedLargeBaskets: counts.skippedBaskets, counting: `support, confidence and lift all count the same ${counts.baskets} baskets, including the ${largeBaskets} with more than 100 items`, minSupport: 0.01, noRules, pairs: pairs.map((p) => ({ ...p, support: round(p.support), confidenceAB: round(p.confidenceAB), confidenceBA: round(p.confidenceBA), lift: round(p.lift, 2) })), alsoBought: also };
  });

  const cancellations = stage('cancellations', (rec) => {
    const match = matchCancellations(db, source.lines);
    const inputs = { rule: match.rule, cancellationLines: match.cancellationLines };
    rec.metric('cancellations.pairs', match.pairs, `cancellation lines matched to the purchase they cancel (${match.rule})`, inputs, 'count');
    rec.metric('cancellations.revenue', match.revenue, 'Σ amount of the matched purchases: R1 revenue that was cancelled', { ...inputs, pairs: match.pairs }, 'gbp');
    rec.metric('cancellations.revenueShare', match.revenue / cleaning.revenue, 'matched cancelled revenue / R1 revenue', { revenue: round(match.revenue, 2), r1Revenue: cleaning.revenue }, 'ratio');
    const summary = {
      rule: match.rule,
      cancellationLines: match.cancellationLines,
      pairs: match.pairs,
      revenue: round(match.revenue, 2),
      revenueShare: round(match.revenue / cleaning.revenue),
      customers: match.customers,
      largest: match.largest.map((p) => ({ ...p, amount: round(p.amount, 2) })),
    };
    if (!options.netCancellations) return { ...summary, net: undefined };
    // the same R2, RFM, concentration and CLV protocol on the purchases left after netting
    const netRows = netCustomerRows(db, match.matchedLines);
    const recency = netRows.map((c) => daysBetween(c.lastDate, snapshot));
    const rScore = quintileScores(recency, false);
    const fScore = quintileScores(netRows.map((c) => c.frequency), true);
    const mScore = quintileScores(netRows.map((c) => c.monetary), true);
    const netMembers = netRows.map((_, i) => segmentOf(rScore[i]!, fScore[i]!).key);
    const netRevenue = netRows.reduce((a, c) => a + c.monetary, 0);
    const netSegments = segmentRules.map((sr) => {
      const idx = netMembers.flatMap((m, i) => (m === sr.key ? [i] : []));
      const revenueShare = idx.reduce((a, i) => a + netRows[i]!.monetary, 0) / netRevenue;
      const r1 = rfm.segments.find((x) => x.key === sr.key)!;
      rec.metric(`net.segments.${sr.key}.customers`, idx.length, `customers in ${sr.rule} after netting matched cancellations (R1: ${r1.customers})`, { r1: r1.customers }, 'count');
      return { key: sr.key, name: sr.name, r1Customers: r1.customers, netCustomers: idx.length, r1RevenueShare: round(r1.revenueShare), netRevenueShare: round(revenueShare) };
    });
    const values = netRows.map((c) => Math.max(0, c.monetary));
    const netConcentration = {
      top1Share: topShare(values, 0.01).share,
      top10Share: topShare(values, 0.1).share,
      top20Share: topShare(values, 0.2).share,
      gini: gini(values),
    };
    for (const [k, v] of Object.entries(netConcentration)) if (Number.isFinite(v)) rec.metric(`net.concentration.${k}`, v, `concentration.${k} after netting matched cancellations`, { customers: values.length, r1: (concentration as Record<string, unknown>)[k] }, 'ratio');
    let netClv: ClvResult | undefined;
    try {
      netClv = runClv(netCustomerDays(db, match.matchedLines), { calibrationEnd: options.calibrationEnd, lastDay: cleaning.lastDate.slice(0, 10) }, createRecorder('net', []));
      rec.metric('net.clv.mean12m', netClv.clv12m.mean, 'clv.mean12m after netting matched cancellations', { r1: clv.clv12m.mean, customers: netClv.customers }, 'gbp');
    } catch (error) {
      if (!(error instanceof UsageError)) throw error; // too few customers left to fit: the side-by-side omits CLV
    }
    const byCustomer = new Map(netRows.map((c, i) => [c.customer, { monetary: c.monetary, m: mScore[i]! }]));
    const examples = match.largest.slice(0, 3).map((p) => {
      const i = customers.findIndex((c) => c.customer === p.customer);
      const net = byCustomer.get(p.customer);
      return { customer: p.customer, r1Monetary: round(customers[i]!.monetary, 2), r1MScore: rfm.mScore[i]!, netMonetary: net ? round(net.monetary, 2) : 0, netMScore: net?.m ?? null };
    });
    return {
      ...summary,
      net: {
        customers: netRows.length,
        customersRemoved: customers.length - netRows.length,
        revenue: round(netRevenue, 2),
        segments: netSegments,
        concentration: { r1: { top1Share: concentration.top1Share, top10Share: concentration.top10Share, top20Share: concentration.top20Share, gini: concentration.gini }, net: Object.fromEntries(Object.entries(netConcentration).map(([k, v]) => [k, round(v)])) },
        clv: { r1Mean12m: clv.clv12m.mean, netMean12m: netClv?.clv12m.mean ?? null, r1Customers: clv.customers, netCustomers: netClv?.customers ?? null },
        examples,
      },
    };
  });

  const kmeans = await kmeansStage;
  const customerTable = customers.map((c, i) => ({
    customer: c.customer,
    recency: rfm.recency[i]!,
    frequency: c.frequency,
    monetary: round(c.monetary, 2),
    r: rfm.rScore[i]!,
    f: rfm.fScore[i]!,
    m: rfm.mScore[i]!,
    segment: rfm.members[i]!,
    cluster: kmeans.labels[i]!,
    clv12m: clvByCustomer.has(c.customer) ? round(clvByCustomer.get(c.customer)!.clv, 2) : null,
  }));

  return {
    dataset: { name: meta.name, sha256: meta.sha256, label: meta.label, title: meta.title, licence: meta.licence, source: meta.source },
    cleaning: { linesIn: cleaning.linesIn, linesOut: cleaning.linesOut, customers: cleaning.customers, invoices: cleaning.invoices, revenue: cleaning.revenue, dropped: cleaning.dropped, firstDate: cleaning.firstDate, lastDate: cleaning.lastDate },
    eda,
    rfm: { snapshot: rfm.snapshot, median: rfm.median, scoring: quintileRule },
    segments: rfm.segments.map((s) => ({ ...s, customerShare: round(s.customerShare), revenueShare: round(s.revenueShare) })),
    kmeans: { runs: kmeans.runs, chosenK: kmeans.chosenK, rule: kmeans.rule, ...(kmeans.silhouetteSample ? { silhouetteSample: kmeans.silhouetteSample } : {}), clusters: kmeans.clusters },
    concentration,
    cohorts,
    clv: clv satisfies ClvResult,
    recommendations,
    cancellations,
    customerTable,
  };
}
