import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alsoBought, countPairs, countPairsCoded, pairTableCoded, topPairs } from '../../src/ml/association.js';
import { bgNbdLogLikelihood, bgNbdTotalLogLikelihood, gammaGammaLogLikelihood, hyp2f1, logGamma } from '../../src/ml/clv.js';
import { gini, topShare } from '../../src/ml/concentration.js';
import { fitKMeans, sampleWithoutReplacement, silhouetteScore, standardise } from '../../src/ml/kmeans.js';
import { nelderMead } from '../../src/ml/optimize.js';
import { createRng } from '../../src/ml/random.js';
import { quintileScores, segmentGrid, segmentOf, segmentRules } from '../../src/ml/rfm.js';

describe('special functions', () => {
  it('logGamma and 2F1 against known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    // 2F1(1, 1; 2; z) = −ln(1 − z) / z
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 12);
  });
});

describe('BG/NBD', () => {
  const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('log-likelihood of single customers matches eq. (6) computed by hand', () => {
    // x = 0, T = 10: ln[Γ(r)α^r/Γ(r)] + ln[Γ(a+b)Γ(b)/(Γ(b)Γ(a+b))] − r ln(α+T) = r ln α − r ln(α + T)
    expect(bgNbdLogLikelihood(p, { x: 0, tx: 0, T: 10 })).toBeCloseTo(0.243 * Math.log(4.414) - 0.243 * Math.log(14.414), 12);
    // x = 1, tx = 2, T = 10:
    // A1 = ln Γ(1.243) − ln Γ(0.243) + 0.243 ln 4.414
    // A2 = ln Γ(3.219) + ln Γ(3.426) − ln Γ(2.426) − ln Γ(4.219) = ln[(2.426)/(3.219)] (Γ(z+1) = zΓ(z))
    // A3 = (1/14.414)^1.243, A4 = (0.793 / 2.426) (1/6.414)^1.243
    const A1 = logGamma(1.243) - logGamma(0.243) + 0.243 * Math.log(4.414);
    const A2 = Math.log(2.426 / 3.219);
    const expected = A1 + A2 + Math.log(14.414 ** -1.243 + (0.793 / 2.426) * 6.414 ** -1.243);
    expect(bgNbdLogLikelihood(p, { x: 1, tx: 2, T: 10 })).toBeCloseTo(expected, 12);
    const customers = [{ x: 0, tx: 0, T: 10 }, { x: 1, tx: 2, T: 10 }, { x: 4, tx: 20, T: 30 }];
    expect(bgNbdTotalLogLikelihood(p, customers)).toBeCloseTo(customers.reduce((s, c) => s + bgNbdLogLikelihood(p, c), 0), 10);
  });

});

describe('Gamma-Gamma', () => {
  it('log-likelihood matches the formula by hand', () => {
    // x = 2, m = 10, p = 6, q = 3.7, v = 15:
    const byHand = logGamma(15.7) - logGamma(12) - logGamma(3.7) + 3.7 * Math.log(15) + 11 * Math.log(10) + 12 * Math.log(2) - 15.7 * Math.log(35);
    expect(gammaGammaLogLikelihood({ p: 6, q: 3.7, v: 15 }, 2, 10)).toBeCloseTo(byHand, 12);
  });
});

describe('k-means and silhouette', () => {
  it("Hamerly's bounds change nothing: labels, centroids, inertia and iterations bit-for-bit those of recomputing every distance", () => {
    const rng = createRng(11);
    // skewed, overlapping, duplicated rows (ties) and a constant column: the cases where a bound could mislead
    const shapes: [number, (i: number) => [number, number, number]][] = [
      [1500, () => [Math.log1p(rng.next() * 300), Math.log1p(Math.floor(-Math.log(rng.next()) * 3)), Math.log1p(Math.exp(rng.normal() * 1.2 + 6))]],
      [600, (i) => [i % 7, Math.floor(i / 7) % 3, 0]],
      [400, () => [rng.normal(), rng.normal() * 0.01, rng.normal() * 100]],
    ];
    for (const [rows, row] of shapes) {
      const raw = new Float64Array(rows * 3);
      for (let i = 0; i < rows; i++) raw.set(row(i), i * 3);
      const { x } = standardise({ rows, cols: 3, data: raw });
      for (const k of [2, 3, 5, 8]) {
        const bounded = fitKMeans(x, k, { rng: createRng(k), nInit: 4 });
        const plain = fitKMeans(x, k, { rng: createRng(k), nInit: 4, bounds: false });
        expect(Object.is(bounded.inertia, plain.inertia)).toBe(true);
        expect(bounded.iterations).toBe(plain.iterations);
        expect([...bounded.labels]).toEqual([...plain.labels]);
        expect([...bounded.centroids]).toEqual([...plain.centroids]);
      }
    }
  });

  it('finds three separated blobs; inertia is the sum of squared distances to assigned centroids', () => {
    const rng = createRng(1);
    const centres = [[0, 0], [10, 0], [0, 10]];
    const data = new Float64Array(150 * 2);
    for (let i = 0; i < 150; i++) {
      data[i * 2] = centres[i % 3]![0]! + rng.normal() * 0.5;
      data[i * 2 + 1] = centres[i % 3]![1]! + rng.normal() * 0.5;
    }
    const x = { rows: 150, cols: 2, data };
    const fit = fitKMeans(x, 3, { rng: createRng(5) });
    for (let i = 3; i < 150; i++) expect(fit.labels[i]).toBe(fit.labels[i % 3]);
    let inertia = 0;
    for (let i = 0; i < 150; i++) for (let j = 0; j < 2; j++) inertia += (data[i * 2 + j]! - fit.centroids[fit.labels[i]! * 2 + j]!) ** 2;
    expect(fit.inertia).toBeCloseTo(inertia, 8);
    expect(fitKMeans(x, 3, { rng: createRng(5) }).inertia).toBe(fit.inertia);
    expect(silhouetteScore(x, fit.labels, 3)).toBeGreaterThan(0.9);
  });

  it('silhouette on four points by hand', () => {
    // points 0, 1 (cluster 0) and 4, 5 (cluster 1) on a line:
    // s(0) = (avg dist to {4,5} = 4.5 − a = 1) / 4.5; s(1) = (3.5 − 1) / 3.5; symmetric for the others
    const x = { rows: 4, cols: 1, data: Float64Array.from([0, 1, 4, 5]) };
    const expected = (2 * (3.5 / 4.5) + 2 * (2.5 / 3.5)) / 4;
    expect(silhouetteScore(x, Int32Array.from([0, 0, 1, 1]), 2)).toBeCloseTo(expected, 12);
  });

  it('a sampled silhouette is the exact silhouette of the sampled rows (scikit-learn sample_size)', () => {
    // four points by hand, then two far points appended: a sample that picks exactly the first four
    // must give the hand value; a sample of all rows or more is the exact score
    const x = { rows: 4, cols: 1, data: Float64Array.from([0, 1, 4, 5]) };
    const labels = Int32Array.from([0, 0, 1, 1]);
    const expected = (2 * (3.5 / 4.5) + 2 * (2.5 / 3.5)) / 4;
    expect(silhouetteScore(x, labels, 2, { sampleSize: 4, rng: createRng(3) })).toBeCloseTo(expected, 12);
    expect(silhouetteScore(x, labels, 2, { sampleSize: 10, rng: createRng(3) })).toBe(silhouetteScore(x, labels, 2));
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 0, max: 2 ** 31 }), (n, seed) => {
        const rng = createRng(seed);
        const data = Float64Array.from({ length: n * 2 }, () => rng.normal());
        const lab = Int32Array.from({ length: n }, (_, i) => i % 3);
        const m = 1 + (seed % n);
        const picked = sampleWithoutReplacement(n, m, createRng(seed + 1));
        const sub = { rows: m, cols: 2, data: Float64Array.from(Array.from(picked).flatMap((r) => [data[r * 2]!, data[r * 2 + 1]!])) };
        const subLabels = Int32Array.from(picked, (r) => lab[r]!);
        const sampled = silhouetteScore({ rows: n, cols: 2, data }, lab, 3, { sampleSize: m, rng: createRng(seed + 1) });
        // the same rows in the same order: bit-identical (NaN too, where a sample holds one cluster)
        expect(sampled).toBe(m >= n ? silhouetteScore({ rows: n, cols: 2, data }, lab, 3) : silhouetteScore(sub, subLabels, 3));
      }),
      { numRuns: 60 },
    );
  });

  it('sampleWithoutReplacement draws distinct in-range rows, the same for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const m = seed % (n + 1);
        const picked = sampleWithoutReplacement(n, m, createRng(seed));
        expect(picked.length).toBe(m);
        expect(new Set(picked).size).toBe(m);
        for (const r of picked) expect(r >= 0 && r < n).toBe(true);
        expect([...sampleWithoutReplacement(n, m, createRng(seed))]).toEqual([...picked]);
      }),
    );
  });

  it('a sampled silhouette of 2,000 of 6,000 rows lands near the exact one', () => {
    const rng = createRng(11);
    const n = 6000;
    const data = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      data[i * 2] = (i % 3) * 2 + rng.normal();
      data[i * 2 + 1] = rng.normal();
    }
    const x = { rows: n, cols: 2, data };
    const fit = fitKMeans(x, 3, { rng: createRng(2), nInit: 2 });
    const exact = silhouetteScore(x, fit.labels, 3);
    const sampled = silhouetteScore(x, fit.labels, 3, { sampleSize: 2000, rng: createRng(7) });
    expect(sampled).not.toBe(exact);
    expect(Math.abs(sampled - exact)).toBeLessThan(0.02);
  });

  it('standardises to mean 0 and population std 1', () => {
    const s = standardise({ rows: 4, cols: 1, data: Float64Array.from([1, 2, 3, 4]) });
    expect([...s.x.data].map((v) => Number(v.toFixed(6)))).toEqual([-1.341641, -0.447214, 0.447214, 1.341641]);
  });
});

describe('co-purchase pairs on coded baskets', () => {
  it('countPairsCoded gives countPairs exactly (counts, item order, pair order); with two codes of one name it decodes', () => {
    const names = ['b', 'a', '10', '9', 'é', 'A', 'c'];
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.integer({ min: 0, max: names.length - 1 }), { maxLength: 6 }), { maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (raw, minPairCount) => {
        const baskets = raw.filter((b) => b.length > 0).map((b) => b.sort((x, y) => x - y));
        const start = Int32Array.from([0, ...baskets.map((_, i) => baskets.slice(0, i + 1).reduce((a, b) => a + b.length, 0))]);
        const coded = { start, items: Int32Array.from(baskets.flat()), names };
        const plain = countPairs(baskets.map((b) => b.map((c) => names[c]!)), { minPairCount });
        const fast = countPairsCoded(coded, { minPairCount });
        expect(fast).toEqual(plain);
        expect([...fast.itemCounts]).toEqual([...plain.itemCounts]);
        const merged = countPairsCoded({ ...coded, names: names.map((n) => (n === 'A' ? 'a' : n)) }, { minPairCount });
        expect(merged).toEqual(countPairs(baskets.map((b) => b.map((c) => (names[c] === 'A' ? 'a' : names[c]!))), { minPairCount }));
      }),
      { numRuns: 200, seed: 20 },
    );
  });
});

describe('the pair table the lab reads', () => {
  it('pairTableCoded answers top() and alsoBought() exactly as topPairs and alsoBought on countPairsCoded, for every item', () => {
    const names = ['b', 'a', '10', '9', 'é', 'A', 'c', 'd'];
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: names.length - 1 }), { minLength: 1, maxLength: 7 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(0, 0.05, 0.1, 0.3),
        fc.constantFrom('lift' as const, 'support' as const),
        fc.boolean(),
        (baskets, minPairCount, minSupport, by, merge) => {
          const itemNames = merge ? names.map((n) => (n === 'A' ? 'a' : n)) : names; // two codes of one name: the decoding path
          const start = Int32Array.from([0, ...baskets.map((_, i) => baskets.slice(0, i + 1).reduce((a, b) => a + b.length, 0))]);
          const coded = { start, items: Int32Array.from(baskets.flat()), names: itemNames };
          const counts = countPairsCoded(coded, { minPairCount });
          const table = pairTableCoded(coded, { minPairCount });
          expect(table.baskets).toBe(counts.baskets);
          expect(table.top({ minSupport, limit: 4, by })).toEqual(topPairs(counts, { minSupport, limit: 4, by }));
          for (const item of [...new Set(itemNames), 'none']) expect(table.alsoBought(item, { limit: 3 })).toEqual(alsoBought(counts, item, { limit: 3 }));
        },
      ),
      { numRuns: 300, seed: 21 },
    );
  });

  it('lists only the pairs over the minimum support for top(): a pair below it never reaches the rules', () => {
    // 10 baskets: {x, y} in 2 of them (support 0.2), {x, z} in 5 (0.5)
    const names = ['x', 'y', 'z'];
    const baskets = [[0, 1], [0, 1], [0, 2], [0, 2], [0, 2], [0, 2], [0, 2], [1], [2], [1]];
    const start = Int32Array.from([0, ...baskets.map((_, i) => baskets.slice(0, i + 1).reduce((a, b) => a + b.length, 0))]);
    const table = pairTableCoded({ start, items: Int32Array.from(baskets.flat()), names }, { minPairCount: 1 });
    expect(table.top({ minSupport: 0.3, limit: 10, by: 'support' }).map((r) => [r.a, r.b, r.count])).toEqual([['x', 'z', 5]]);
    expect(table.top({ minSupport: 0.1, limit: 10, by: 'support' }).map((r) => [r.a, r.b, r.count])).toEqual([['x', 'z', 5], ['x', 'y', 2]]);
    // y's partners: x (2 of y's 4 baskets)
    expect(table.alsoBought('y', { limit: 5 })).toEqual([{ a: 'y', b: 'x', count: 2, support: 0.2, confidenceAB: 0.5, confidenceBA: 2 / 7, lift: (2 * 10) / (4 * 7) }]);
  });
});

describe('RFM, concentration, rules, optimiser', () => {
  it('scores quintiles by rank and maps every (R, F) pair to exactly one named segment', () => {
    expect([...quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], true)]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect([...quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], false)]).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    const used = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) used.add(segmentOf(r, f).key);
    expect([...used].sort()).toEqual(segmentRules.map((s) => s.key).sort());
    expect(segmentGrid.flat()).toHaveLength(25);
  });

  it('equal values get equal RFM scores: the quintile of the average rank (frozen scipy.stats.rankdata "average" values)', () => {
    // scipy 1.10.1: rankdata([5,1,1,1,2,2,9,3,3,3,3,7], 'average') = [10, 2, 2, 2, 4.5, 4.5, 12, 7.5, 7.5, 7.5, 7.5, 11],
    // then floor(5 · (rank − 1) / 12) + 1
    const values = [5, 1, 1, 1, 2, 2, 9, 3, 3, 3, 3, 7];
    expect([...quintileScores(values, true)]).toEqual([4, 1, 1, 1, 2, 2, 5, 3, 3, 3, 3, 5]);
    expect([...quintileScores(values, false)]).toEqual([2, 5, 5, 5, 4, 4, 1, 3, 3, 3, 3, 1]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 60 }), (xs) => {
        const s = quintileScores(xs, true);
        for (let i = 0; i < xs.length; i++) {
          for (let j = 0; j < xs.length; j++) {
            if (xs[i] === xs[j]) expect(s[i]).toBe(s[j]);
            if (xs[i]! < xs[j]!) expect(s[i]!).toBeLessThanOrEqual(s[j]!);
          }
          expect(s[i]!).toBeGreaterThanOrEqual(1);
          expect(s[i]!).toBeLessThanOrEqual(5);
        }
      }),
    );
  });

  it('pair counts, item counts and the basket total use the same baskets (brute force on random baskets)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 30 }), fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), (baskets, maxBasket) => {
        const counts = countPairs(baskets, { minPairCount: 1, maxBasket });
        const kept = baskets.map((b) => new Set<string>(b)).filter((b) => maxBasket === undefined || b.size <= maxBasket);
        expect(counts.baskets).toBe(kept.length);
        expect(counts.skippedBaskets).toBe(baskets.length - kept.length);
        for (const rule of topPairs(counts, { minSupport: 0, limit: 100, by: 'lift' })) {
          const both = kept.filter((b) => b.has(rule.a) && b.has(rule.b)).length;
          const withA = kept.filter((b) => b.has(rule.a)).length;
          const withB = kept.filter((b) => b.has(rule.b)).length;
          expect(rule.count).toBe(both);
          expect(rule.confidenceAB).toBeCloseTo(both / withA, 12);
          expect(rule.lift).toBeCloseTo((both * kept.length) / (withA * withB), 12);
          expect(rule.confidenceAB).toBeLessThanOrEqual(1);
        }
      }),
    );
    // a basket above the old 100-item cut is counted for its pairs too
    const big = Array.from({ length: 150 }, (_, i) => `x${i}`).concat(['a', 'b']);
    const c = countPairs([['a', 'b'], ['a'], big], { minPairCount: 1 });
    const ab = topPairs(c, { minSupport: 0, limit: 100000, by: 'support' }).find((r) => r.a === 'a' && r.b === 'b')!;
    expect(ab.count).toBe(2);
    expect(ab.confidenceAB).toBeCloseTo(2 / 3, 12);
  });

  it('Gini and top shares by hand', () => {
    expect(gini([1, 1, 1, 1])).toBe(0);
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 12); // (2·4 − 4 − 1)·1 / (4 · 1)
    expect(topShare([5, 1, 1, 1, 1, 1], 0.1)).toEqual({ share: 0.5, customers: 1 }); // ceil(0.6) = 1 customer
  });

  it('pair support, confidence and lift on five baskets', () => {
    const baskets = [['a', 'b'], ['a', 'b', 'c'], ['a', 'c'], ['b', 'c'], ['a', 'b']];
    const counts = countPairs(baskets, { minPairCount: 1 });
    const ab = topPairs(counts, { minSupport: 0, limit: 10, by: 'support' })[0]!;
    // a in 4, b in 4, both in 3 of 5: support 0.6, confidence 0.75, lift 0.75 / 0.8
    expect(ab).toMatchObject({ a: 'a', b: 'b', count: 3, support: 0.6, confidenceAB: 0.75 });
    expect(ab.lift).toBeCloseTo(0.9375, 12);
    expect(alsoBought(counts, 'c', { limit: 5 }).map((r) => [r.b, r.confidenceAB])).toEqual([
      ['a', 2 / 3],
      ['b', 2 / 3],
    ]);
  });

  it('Nelder-Mead finds the Rosenbrock minimum', () => {
    const r = nelderMead(([x, y]) => (1 - x!) ** 2 + 100 * (y! - x! ** 2) ** 2, [-1.2, 1], { tolerance: 1e-14, maxIterations: 10000 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });
});
