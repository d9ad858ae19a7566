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
