/**
 * The BG/NBD and Gamma-Gamma fits recover the parameters customers were simulated from (3,000
 * each). Apart from segment-math.test.ts because each fit takes a second here and minutes in
 * Stryker's instrumented code: the mutation run leaves this file out and pins the fits instead
 * with small data sets against scipy's optimum (clv-concentration-utils.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { bgNbdTotalLogLikelihood, conditionalExpectedPurchases, fitBgNbd, fitGammaGamma, preparedBgNbdLogLikelihood } from '../../src/ml/clv.js';
import { createRng, type Rng } from '../../src/ml/random.js';

describe('BG/NBD', () => {
  it('the prepared likelihood (logs per distinct T, tx, x; terms per distinct triple) is bit-for-bit the plain sum', () => {
    const rng = createRng(7);
    const customers = Array.from({ length: 2000 }, () => simulateCustomer({ r: 0.7, alpha: 9, a: 0.3, b: 2 }, 20 + Math.floor(rng.next() * 30), rng));
    const logLik = preparedBgNbdLogLikelihood(customers);
    for (const p of [{ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { r: 0.72, alpha: 9.4, a: 1e-4, b: 1.4e5 }, { r: 3, alpha: 0.5, a: 5, b: 0.2 }]) {
      expect(Object.is(logLik(p), bgNbdTotalLogLikelihood(p, customers))).toBe(true);
    }
    // repeated triples are common in such data: the cache is exercised, not bypassed
    expect(new Set(customers.map((c) => `${c.x},${c.tx},${c.T}`)).size).toBeLessThan(customers.length);
  });

  it('recovers known parameters from simulated customers', () => {
    const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    const rng = createRng(2024);
    const customers = Array.from({ length: 3000 }, () => simulateCustomer(truth, 39, rng));
    const fit = fitBgNbd(customers);
    expect(fit.params.r).toBeGreaterThan(truth.r * 0.75);
    expect(fit.params.r).toBeLessThan(truth.r * 1.25);
    expect(fit.params.alpha).toBeGreaterThan(truth.alpha * 0.7);
    expect(fit.params.alpha).toBeLessThan(truth.alpha * 1.3);
    expect(fit.params.a).toBeGreaterThan(truth.a * 0.6);
    expect(fit.params.a).toBeLessThan(truth.a * 1.4);
    expect(fit.params.b).toBeGreaterThan(truth.b * 0.5);
    expect(fit.params.b).toBeLessThan(truth.b * 1.5);
    expect(fit.logLik).toBeGreaterThanOrEqual(bgNbdTotalLogLikelihood(truth, customers) - 1e-6);
    // a customer with more recent purchases is expected to buy more
    expect(conditionalExpectedPurchases(fit.params, 10, { x: 3, tx: 35, T: 39 })).toBeGreaterThan(conditionalExpectedPurchases(fit.params, 10, { x: 3, tx: 5, T: 39 }));
  }, 30_000);
});

describe('Gamma-Gamma', () => {
  it('the fit recovers simulated parameters', () => {
    const rng = createRng(7);
    const buyers = Array.from({ length: 3000 }, () => {
      const nu = gammaSample(3.7, rng) / 15; // ν ~ Gamma(q, rate v)
      const x = 1 + rng.int(6);
      let total = 0;
      for (let i = 0; i < x; i++) total += gammaSample(6, rng) / nu; // z ~ Gamma(p, rate ν)
      return { x, m: total / x };
    });
    const fit = fitGammaGamma(buyers);
    expect(fit.params.p).toBeGreaterThan(6 * 0.8);
    expect(fit.params.p).toBeLessThan(6 * 1.2);
    expect(fit.params.q).toBeGreaterThan(3.7 * 0.75);
    expect(fit.params.q).toBeLessThan(3.7 * 1.25);
    expect(fit.params.v).toBeGreaterThan(15 * 0.6);
    expect(fit.params.v).toBeLessThan(15 * 1.4);
  }, 30_000);
});

/** Marsaglia-Tsang gamma(shape, 1) sampler. */
function gammaSample(shape: number, rng: Rng): number {
  if (shape < 1) return gammaSample(shape + 1, rng) * rng.next() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(rng.next()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** One BG/NBD customer over (0, T]: λ ~ Gamma(r, rate α), p ~ Beta(a, b); after each purchase they drop out with probability p. */
function simulateCustomer(params: { r: number; alpha: number; a: number; b: number }, T: number, rng: Rng) {
  const lambda = gammaSample(params.r, rng) / params.alpha;
  const ga = gammaSample(params.a, rng);
  const p = ga / (ga + gammaSample(params.b, rng));
  let t = 0;
  let x = 0;
  let tx = 0;
  for (;;) {
    t += -Math.log(1 - rng.next()) / lambda;
    if (t > T) break;
    x++;
    tx = t;
    if (rng.next() < p) break;
  }
  return { x, tx, T };
}
