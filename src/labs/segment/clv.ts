/**
 * Stage 7, CLV: BG/NBD and Gamma-Gamma fitted by maximum likelihood on a calibration period and
 * checked on the hold-out period that follows (predicted vs actual purchase days, overall and by
 * decile of prediction), then 12-month expected value per customer and per segment. A purchase is
 * a customer-day: several invoices on one day count once. Time is in weeks.
 */
import { DEFAULT_HOLDOUT_WEEKS } from './defaults.js';
import { UsageError } from '../../errors.js';
import { conditionalExpectedPurchases, conditionalExpectedSpend, fitBgNbd, fitGammaGamma, type CustomerSummary } from '../../ml/clv.js';
import { round, type Recorder } from '../record.js';

const DAY = 86_400_000;
const weeksBetween = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY / 7;
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export interface ClvResult {
  calibrationEnd: string;
  holdoutEnd: string;
  holdoutWeeks: number;
  customers: number;
  repeatBuyers: number;
  bgnbd: { r: number; alpha: number; a: number; b: number; logLik: number };
  gammaGamma: { p: number; q: number; v: number; logLik: number };
  holdout: { predicted: number; actual: number; deciles: { decile: number; customers: number; predicted: number; actual: number }[] };
  /** Plain-language readings of the fit and the hold-out check, each from figures recorded above. */
  notes: string[];
  clv12m: { assumption: string; mean: number; total: number; bySegment: { segment: string; customers: number; meanClv: number }[]; top: { customer: string; expectedPurchases: number; expectedSpend: number; clv: number }[] };
}


export function runClv(
  days: { customer: string; day: string; amount: number }[],
  options: { calibrationEnd?: string; lastDay: string },
  rec: Recorder,
  segmentOfCustomer: (customer: string) => string | undefined = () => undefined,
  /** When given, filled with every customer's 12-month CLV (full history, parameters fitted on the calibration cohort), for the CRM export. */
  perCustomer?: Map<string, { expectedPurchases: number; expectedSpend: number; clv: number }>,
): ClvResult {
  const lastDay = options.lastDay;
  const calibrationEnd = options.calibrationEnd ?? new Date(Date.parse(`${lastDay}T00:00:00Z`) - 7 * DEFAULT_HOLDOUT_WEEKS * DAY).toISOString().slice(0, 10);
  if (!isDay(calibrationEnd)) throw new UsageError(`--calibration-end must be a date like 2011-09-09, not "${calibrationEnd}"`);
  const byCustomer = new Map<string, { day: string; amount: number }[]>();
  for (const d of days) {
    const list = byCustomer.get(d.customer) ?? [];
    list.push({ day: d.day, amount: d.amount });
    byCustomer.set(d.customer, list);
  }
  const firstDay = days.reduce((m, d) => (d.day < m ? d.day : m), lastDay);
  if (!(calibrationEnd > firstDay && calibrationEnd < lastDay)) {
    throw new UsageError(`--calibration-end ${calibrationEnd} must fall between the first (${firstDay}) and last (${lastDay}) purchase days`);
  }
  const holdoutWeeks = weeksBetween(calibrationEnd, lastDay);

  type Summary = CustomerSummary & { customer: string; m: number; xSpend: number; actual: number; full: CustomerSummary; fullM: number; fullX: number };
  const summaries: Summary[] = [];
  for (const [customer, list] of byCustomer) {
    const first = list[0]!.day;
    if (first > calibrationEnd) continue; // acquired during the hold-out: not in the calibration cohort
    const cal = list.filter((d) => d.day <= calibrationEnd);
    const repeat = cal.slice(1);
    const fullRepeat = list.slice(1);
    // Gamma-Gamma models the spend of purchases that have one: zero-value days count as purchases
    // (x) but not in the mean spend (m) or its number of observations (xSpend)
    const paid = repeat.filter((d) => d.amount > 0);
    const fullPaid = fullRepeat.filter((d) => d.amount > 0);
    summaries.push({
      customer,
      x: repeat.length,
      tx: weeksBetween(first, cal[cal.length - 1]!.day),
      T: weeksBetween(first, calibrationEnd),
      m: paid.length ? paid.reduce((a, d) => a + d.amount, 0) / paid.length : 0,
      xSpend: paid.length,
      actual: list.length - cal.length,
      full: { x: fullRepeat.length, tx: weeksBetween(first, list[list.length - 1]!.day), T: weeksBetween(first, lastDay) },
      fullX: fullPaid.length,
      fullM: fullPaid.length ? fullPaid.reduce((a, d) => a + d.amount, 0) / fullPaid.length : 0,
    });
  }
  if (summaries.length < 10) throw new UsageError(`only ${summaries.length} customers bought before ${calibrationEnd}: too few to fit a CLV model`);

  const bg = fitBgNbd(summaries);
  const buyers = summaries.filter((s) => s.xSpend > 0 && s.m > 0).map((s) => ({ x: s.xSpend, m: s.m }));
  const zeroValueDays = days.filter((d) => d.amount <= 0).length;
  const gg = fitGammaGamma(buyers);
  const predicted = summaries.map((s) => conditionalExpectedPurchases(bg.params, holdoutWeeks, s));
  const totalPredicted = predicted.reduce((a, b) => a + b, 0);
  const totalActual = summaries.reduce((a, s) => a + s.actual, 0);
  // the same customers' purchase days in an equally long window just before the calibration end:
  // whether the hold-out is simply busier than the weeks a stationary model learned from
  // (repeat purchases only, as in the hold-out count: a customer's first day is not counted)
  const windowStart = new Date(Date.parse(`${calibrationEnd}T00:00:00Z`) - Math.round(holdoutWeeks * 7) * DAY).toISOString().slice(0, 10);
  let preHoldoutActual = 0;
  for (const s of summaries) for (const d of byCustomer.get(s.customer)!.slice(1)) if (d.day > windowStart && d.day <= calibrationEnd) preHoldoutActual++;
  const meanDropout = bg.params.a / (bg.params.a + bg.params.b);

  const order = summaries.map((_, i) => i).sort((a, b) => predicted[a]! - predicted[b]!);
  const deciles = Array.from({ length: 10 }, (_, d) => {
    const idx = order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10));
    return { decile: d + 1, customers: idx.length, predicted: round(idx.reduce((a, i) => a + predicted[i]!, 0), 1), actual: idx.reduce((a, i) => a + summaries[i]!.actual, 0) };
  });

  const populationSpend = (gg.params.p * gg.params.v) / (gg.params.q - 1);
  const clvs = summaries.map((s) => {
    const expectedPurchases = conditionalExpectedPurchases(bg.params, 52, s.full);
    const expectedSpend = s.fullX > 0 && s.fullM > 0 ? conditionalExpectedSpend(gg.params, s.fullX, s.fullM) : populationSpend;
    return { customer: s.customer, expectedPurchases, expectedSpend, clv: expectedPurchases * expectedSpend };
  });
  const totalClv = clvs.reduce((a, c) => a + c.clv, 0);
  if (perCustomer) {
    for (const [customer, list] of byCustomer) {
      const first = list[0]!.day;
      const paid = list.slice(1).filter((d) => d.amount > 0);
      const full = { x: list.length - 1, tx: weeksBetween(first, list[list.length - 1]!.day), T: weeksBetween(first, lastDay) };
      const expectedPurchases = conditionalExpectedPurchases(bg.params, 52, full);
      const m = paid.length ? paid.reduce((a, d) => a + d.amount, 0) / paid.length : 0;
      const expectedSpend = paid.length > 0 && m > 0 ? conditionalExpectedSpend(gg.params, paid.length, m) : populationSpend;
      perCustomer.set(customer, { expectedPurchases, expectedSpend, clv: expectedPurchases * expectedSpend });
    }
  }
  const bySegment = new Map<string, { customers: number; total: number }>();
  for (const c of clvs) {
    const seg = segmentOfCustomer(c.customer) ?? '(none)';
    const e = bySegment.get(seg) ?? { customers: 0, total: 0 };
    e.customers++;
    e.total += c.clv;
    bySegment.set(seg, e);
  }

  const inputs = { calibrationEnd, customers: summaries.length };
  rec.metric('clv.customers', summaries.length, 'customers whose first purchase day is on or before the calibration end', inputs, 'count');
  rec.metric('clv.zeroValuePurchaseDays', zeroValueDays, 'customer-days whose purchases total 0: counted as purchases by BG/NBD, left out of Gamma-Gamma spend', { purchaseDays: days.length }, 'count');
  rec.metric('clv.bgnbd.r', bg.params.r, 'maximum-likelihood estimate (Nelder-Mead on log-parameters), BG/NBD eq. 6', inputs, 'number');
  rec.metric('clv.bgnbd.alpha', bg.params.alpha, 'maximum-likelihood estimate, BG/NBD (weeks)', inputs, 'number');
  rec.metric('clv.bgnbd.a', bg.params.a, 'maximum-likelihood estimate, BG/NBD', inputs, 'number');
  rec.metric('clv.bgnbd.b', bg.params.b, 'maximum-likelihood estimate, BG/NBD', inputs, 'number');
  rec.metric('clv.bgnbd.logLik', bg.logLik, 'Σ over customers of the BG/NBD log-likelihood at the estimates', inputs, 'number');
  // with no repeat buyer the spend model has nothing to fit: its parameters are the optimiser's start, not estimates
  if (buyers.length > 0) {
    rec.metric('clv.gammaGamma.p', gg.params.p, 'maximum-likelihood estimate, Gamma-Gamma spend model', { repeatBuyers: buyers.length }, 'number');
    rec.metric('clv.gammaGamma.q', gg.params.q, 'maximum-likelihood estimate, Gamma-Gamma spend model', { repeatBuyers: buyers.length }, 'number');
    rec.metric('clv.gammaGamma.v', gg.params.v, 'maximum-likelihood estimate, Gamma-Gamma spend model', { repeatBuyers: buyers.length }, 'number');
  }
  rec.metric('clv.holdoutPredicted', totalPredicted, `Σ E[purchase days in the ${round(holdoutWeeks, 1)} hold-out weeks | x, tx, T] (BG/NBD eq. 10)`, { ...inputs, holdoutWeeks: round(holdoutWeeks, 2) }, 'count');
  rec.metric('clv.holdoutActual', totalActual, 'Σ purchase days after the calibration end, same customers', { ...inputs, holdoutEnd: lastDay }, 'count');
  rec.metric('clv.preHoldoutActual', preHoldoutActual, `Σ repeat purchase days (a customer's first day not counted, as in the hold-out) of the same customers in the ${round(holdoutWeeks, 1)} weeks up to the calibration end`, { ...inputs, windowStart }, 'count');
  rec.metric('clv.bgnbd.meanDropout', meanDropout, 'a / (a + b): the mean chance that a customer drops out after a purchase (BG/NBD)', { a: bg.params.a, b: bg.params.b }, 'ratio');
  rec.metric('clv.mean12m', totalClv / clvs.length, 'mean of E[purchases in 52 weeks] × E[spend per purchase] (revenue, undiscounted, no margin applied)', { customers: clvs.length }, 'gbp');

  return {
    calibrationEnd,
    holdoutEnd: lastDay,
    holdoutWeeks: round(holdoutWeeks, 2),
    customers: summaries.length,
    repeatBuyers: buyers.length,
    bgnbd: { r: round(bg.params.r), alpha: round(bg.params.alpha), a: round(bg.params.a), b: round(bg.params.b), logLik: round(bg.logLik, 2) },
    gammaGamma: { p: round(gg.params.p), q: round(gg.params.q), v: round(gg.params.v), logLik: round(gg.logLik, 2) },
    holdout: { predicted: round(totalPredicted, 1), actual: totalActual, deciles },
    notes: clvNotes({ meanDropout, predicted: totalPredicted, actual: totalActual, preHoldoutActual, holdoutWeeks, windowInData: windowStart >= firstDay, ...(buyers.length > 0 ? { spendQ: gg.params.q, populationSpend } : {}), repeatCustomers: summaries.filter((s) => s.x > 0).length, customers: summaries.length, calibrationEnd }),
    clv12m: {
      assumption: 'expected revenue over the next 52 weeks: BG/NBD purchases × Gamma-Gamma spend per purchase; undiscounted, before margin',
      mean: round(totalClv / clvs.length, 2),
      total: round(totalClv, 2),
      bySegment: [...bySegment.entries()].map(([segment, e]) => ({ segment, customers: e.customers, meanClv: round(e.total / e.customers, 2) })).sort((a, b) => b.meanClv - a.meanClv),
      top: clvs.sort((a, b) => b.clv - a.clv).slice(0, 5).map((c) => ({ customer: c.customer, expectedPurchases: round(c.expectedPurchases, 2), expectedSpend: round(c.expectedSpend, 2), clv: round(c.clv, 2) })),
    },
  };
}

/** Above this Gamma-Gamma q, customers' mean spends differ by under 3% (coefficient of variation 1/√q): no heterogeneity left to model. */
const flatSpendQ = 1000;

export function clvNotes(f: { meanDropout: number; predicted: number; actual: number; preHoldoutActual: number; holdoutWeeks: number; windowInData: boolean; spendQ?: number; populationSpend?: number; repeatCustomers?: number; customers?: number; calibrationEnd?: string }): string[] {
  const notes: string[] = [];
  const weeks = round(f.holdoutWeeks, 1);
  // both models learn from repeat purchases: without them there is nothing to estimate
  if (f.repeatCustomers === 0) {
    notes.push(
      `No customer bought again before the calibration end${f.calibrationEnd ? ` (${f.calibrationEnd})` : ''}: BG/NBD and Gamma-Gamma learn from repeat purchases, so the parameters above are not estimates and every predicted purchase and CLV is 0. They need a history with returning customers: more data, or a later --calibration-end.`,
    );
    return notes;
  }
  if (f.meanDropout < 1e-3) {
    notes.push(
      `The fit puts the chance of dropping out after a purchase at a / (a + b) = ${f.meanDropout.toExponential(1)}: in the calibration period customers look as if they never leave, and BG/NBD reduces to a steady purchase-rate (NBD) model. This is an estimate at the edge of the parameter space; say so if you quote a or b.`,
    );
  }
  // q → ∞ with p·v/(q − 1) fixed: every customer's spend comes from one distribution, whatever they spent before
  if (f.spendQ !== undefined && f.spendQ > flatSpendQ) {
    notes.push(
      `The Gamma-Gamma fit puts q at ${f.spendQ.toExponential(1)}: customers' average spends differ by no more than chance (their spread, 1/√q, is ${(100 / Math.sqrt(f.spendQ)).toPrecision(2)}%), so each customer's expected spend is close to the population mean${f.populationSpend !== undefined ? `, p·v / (q − 1) = ${f.populationSpend.toFixed(2)},` : ''} whatever they spent before. This is an estimate at the edge of the parameter space; say so if you quote p, q or v, and rank customers by expected purchases rather than by CLV.`,
    );
  }
  // Only when the comparison window lies in the data, both counts are positive, and the hold-out
  // moved the same way as the miss (busier when the model under-predicts, quieter when it over-predicts).
  const ratio = f.predicted / f.actual;
  const change = f.actual / f.preHoldoutActual - 1;
  const explains = (ratio < 0.9 && change > 0) || (ratio > 1.1 && change < 0);
  if (f.windowInData && f.actual > 0 && f.preHoldoutActual > 0 && explains) {
    notes.push(
      `The model predicts ${(100 * ratio).toFixed(1)}% of the actual hold-out purchase days. The same customers made ${f.preHoldoutActual} repeat purchase days in the ${weeks} weeks before the calibration end and ${f.actual} in the ${weeks} hold-out weeks (${change > 0 ? '+' : ''}${(100 * change).toFixed(1)}%): a model with steady purchase rates cannot anticipate a ${change > 0 ? 'busier' : 'quieter'} period such as a seasonal peak.`,
    );
  }
  return notes;
}
