import { describe, expect, it } from 'vitest';
import { chiSquareTest, columnDrift, jensenShannonDistance, ksTest, psiFromProportions, wasserstein1d } from '../../src/ml/drift.js';
import { createRng } from '../../src/ml/random.js';

describe('drift statistics against hand-computed values', () => {
  it('PSI on given bins: Σ (c − r) ln(c / r)', () => {
    // (0.3−0.5)ln(0.3/0.5) + (0.7−0.5)ln(0.7/0.5) = 0.102165 + 0.067294 = 0.169459
    expect(psiFromProportions([0.5, 0.5], [0.3, 0.7])).toBeCloseTo(0.2 * Math.log(5 / 3) + 0.2 * Math.log(7 / 5), 12);
    expect(psiFromProportions([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])).toBe(0);
  });

  it('KS D on two small samples', () => {
    // a = {1,2,3,4}, b = {3,4,5,6}: after 2, F_a = 0.5, F_b = 0 → D = 0.5
    expect(ksTest([1, 2, 3, 4], [3, 4, 5, 6]).d).toBe(0.5);
    expect(ksTest([1, 2, 3], [1, 2, 3]).d).toBe(0);
  });

  it('Jensen-Shannon distance, base 2', () => {
    // [0.5,0.5] vs [1,0]: m = [0.75, 0.25]; JS = ½(0.5 log2(2/3) + 0.5 log2 2) + ½(1 · log2(4/3)) = 0.311278
    expect(jensenShannonDistance([0.5, 0.5], [1, 0])).toBeCloseTo(Math.sqrt(0.311278124459), 9);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(1, 12);
  });

  it('Wasserstein in 1-D is the area between the CDFs', () => {
    expect(wasserstein1d([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 12);
    expect(wasserstein1d([0, 0, 1], [0, 1, 1])).toBeCloseTo(1 / 3, 12);
  });

  it('chi-square on a 2×2 table', () => {
    // counts ref [30, 70], cur [50, 50]: expected 40/60 each side → χ² = 4 · (10²/40)/… = 100/40·2 + 100/60·2 = 8.3333
    const r = chiSquareTest([30, 70], [50, 50]);
    expect(r.statistic).toBeCloseTo(100 / 40 + 100 / 40 + 100 / 60 + 100 / 60, 10);
    expect(r.df).toBe(1);
    expect(r.pValue).toBeCloseTo(0.003892, 5);
  });
});

describe('columnDrift picks the test like Evidently', () => {
  const rng = createRng(1);
  const big = Array.from({ length: 2000 }, () => rng.normal());
  const same = Array.from({ length: 500 }, () => rng.normal());
  const shifted = same.map((v) => v + 1);

  it('no shift → no drift; a one-std shift → drift (Wasserstein/std for a large reference)', () => {
    expect(columnDrift(big, same, 'numeric')).toMatchObject({ method: 'wasserstein_normed', drifted: false });
    const d = columnDrift(big, shifted, 'numeric');
    expect(d.method).toBe('wasserstein_normed');
    expect(d.drifted).toBe(true);
    expect(d.statistic).toBeGreaterThan(0.8);
    expect(d.psi).toBeGreaterThan(0.25);
  });

  it('KS below 1,000 reference rows, Jensen-Shannon / chi-square for categories', () => {
    expect(columnDrift(same, shifted, 'numeric').method).toBe('ks');
    const cats = Array.from({ length: 1500 }, (_, i) => (i % 3 === 0 ? 'a' : 'b'));
    expect(columnDrift(cats, cats.slice(0, 300), 'categorical')).toMatchObject({ method: 'jensen_shannon', drifted: false });
    expect(columnDrift(cats.slice(0, 600), Array(300).fill('a'), 'categorical')).toMatchObject({ method: 'chi_square', drifted: true });
  });
});

describe('columnDrift figures against scipy (python3, computed once and pasted)', () => {
  it('1,001 reference rows: Wasserstein / population std = scipy.stats.wasserstein_distance / numpy.std', () => {
    const ref = Array.from({ length: 1001 }, (_, i) => ((i * 37) % 101) / 10);
    const cur = Array.from({ length: 400 }, (_, i) => ((i * 53) % 89) / 10 + 1.5);
    const d = columnDrift(ref, cur, 'numeric');
    expect(d).toMatchObject({ method: 'wasserstein_normed', threshold: 0.1, drifted: true });
    expect(d.statistic).toBeCloseTo(0.30566307807763154, 10);
    // exactly 1,000 rows is still "small": KS
    expect(columnDrift(ref.slice(0, 1000), cur, 'numeric').method).toBe('ks');
  });

  it('a constant large reference is scaled by 1, not divided by a zero std', () => {
    const d = columnDrift(Array(1001).fill(2), Array(10).fill(2.05), 'numeric');
    expect(d.statistic).toBeCloseTo(0.05, 10);
    expect(d.drifted).toBe(false);
  });

  it('KS branch: the p-value is scipy.special.kolmogorov of Stephens\' λ (D from scipy.stats.ks_2samp = 0.175)', () => {
    const a = Array.from({ length: 40 }, (_, i) => (i * 7) % 13);
    const b = Array.from({ length: 30 }, (_, i) => ((i * 5) % 11) + 2);
    expect(ksTest(a, b).d).toBeCloseTo(0.175, 12);
    const d = columnDrift(a, b, 'numeric');
    expect(d).toMatchObject({ method: 'ks', threshold: 0.05, drifted: false });
    expect(d.statistic).toBeCloseTo(0.6267997989621646, 9);
    expect(ksTest([1, 2, 3], [1, 2, 3]).pValue).toBe(1);
  });

  it('numeric column with 4 distinct values: chi-square on the counts, a level missing from the current sample', () => {
    // scipy.stats.chi2_contingency([[25, 25, 25, 25], [20, 20, 20, 0]], correction=False): χ² 17.78, df 3
    const ref = Array.from({ length: 100 }, (_, i) => i % 4);
    const cur = Array.from({ length: 60 }, (_, i) => i % 3);
    const d = columnDrift(ref, cur, 'numeric');
    expect(d).toMatchObject({ method: 'chi_square', threshold: 0.05, drifted: true });
    expect(d.statistic).toBeCloseTo(0.0004887896655924643, 10);
    // PSI on the level shares: 3 · (1/3 − 1/4) ln(4/3) + (1e-4 − 1/4) ln(1e-4 / 0.25)
    expect(d.psi).toBeCloseTo(3 * (1 / 3 - 0.25) * Math.log(4 / 3) + (1e-4 - 0.25) * Math.log(1e-4 / 0.25), 10);
    const r = chiSquareTest([25, 25, 0, 25, 25], [20, 20, 0, 20, 0]);
    expect(r.statistic).toBeCloseTo(17.77777777777778, 10);
    expect(r.df).toBe(3);
  });

  it('one category in both samples: no test possible, p = 1', () => {
    expect(chiSquareTest([10, 0], [5, 0])).toMatchObject({ df: 1, pValue: 1 });
    expect(columnDrift(['a', 'a'], ['a'], 'categorical')).toMatchObject({ method: 'chi_square', statistic: 1, drifted: false });
  });

  it('1,001 categorical reference rows: scipy.spatial.distance.jensenshannon(p, q, base=2) and PSI with a new level', () => {
    const ref = [...Array(500).fill('x'), ...Array(300).fill('y'), ...Array(201).fill('z')];
    const cur = [...Array(100).fill('x'), ...Array(150).fill('y'), ...Array(50).fill('w')];
    const d = columnDrift(ref, cur, 'categorical');
    expect(d).toMatchObject({ method: 'jensen_shannon', threshold: 0.1, drifted: true });
    expect(d.statistic).toBeCloseTo(0.4626660692274267, 10);
    expect(d.psi).toBeCloseTo(2.9317110608466592, 10);
  });
});

describe('drift boundaries', () => {
  it('KS is symmetric, whichever sample runs out first', () => {
    const a = [0.61, 1.2, 2.3, 0.5, 3.1, 2.2, 1.8, 0.9, 1.1, 2.7, 1.5, 0.3];
    const b = [1.9, 2.8, 3.3, 2.1, 4.0, 3.6, 2.5, 1.7, 3.9, 2.2];
    expect(ksTest(b, a).d).toBeCloseTo(0.5833333333333334, 12);
  });

  it('KS drift is flagged below p 0.05; a numeric chi-square without drift is not', () => {
    const ref = Array.from({ length: 60 }, (_, i) => i / 10);
    const cur = ref.map((v) => v + 3);
    expect(columnDrift(ref, cur, 'numeric')).toMatchObject({ method: 'ks', drifted: true });
    const levels = Array.from({ length: 100 }, (_, i) => i % 4);
    expect(columnDrift(levels, levels.slice(0, 40), 'numeric')).toMatchObject({ method: 'chi_square', drifted: false, statistic: 1 });
  });

  it('five distinct values are categories, six are numeric; 1,000 categorical rows are still "small"', () => {
    const five = Array.from({ length: 50 }, (_, i) => i % 5);
    expect(columnDrift(five, five, 'numeric').method).toBe('chi_square');
    const six = Array.from({ length: 60 }, (_, i) => i % 6);
    expect(columnDrift(six, six, 'numeric').method).toBe('ks');
    const cats = Array.from({ length: 1000 }, (_, i) => (i % 2 ? 'a' : 'b'));
    expect(columnDrift(cats, cats, 'categorical').method).toBe('chi_square');
  });

  it('Wasserstein / std of exactly 0.1 counts as drift (threshold inclusive): 501 zeros and 501 twenties against them plus 1', () => {
    // std of the reference = 10 exactly; the CDFs differ by ½ on [0, 1) and on [20, 21): distance 1, so 1/10
    const ref = [...Array(501).fill(0), ...Array(501).fill(20)];
    const cur = [...Array(10).fill(1), ...Array(10).fill(21)];
    const d = columnDrift(ref, cur, 'numeric');
    expect(d.statistic).toBe(0.1);
    expect(d.drifted).toBe(true);
  });
});
