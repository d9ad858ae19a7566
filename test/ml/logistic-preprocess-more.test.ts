/**
 * Logistic regression with sample weights against scikit-learn 1.2.1 (python3, computed once and
 * pasted), and the preprocessor's rules by hand (even medians, constant columns, blank strings,
 * which columns become a flag).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitLogisticRegression, logisticFromJSON } from '../../src/ml/logistic.js';
import { fitPreprocessor, median } from '../../src/ml/preprocess.js';

describe('logistic regression with two features and sample weights', () => {
  const data = Float64Array.from([0.5, 1.0, 1.0, 0.2, 1.5, 2.0, 2.0, 0.1, 2.5, 1.5, 3.0, 0.3, 3.5, 2.2, 4.0, 0.8, 4.5, 1.1, 5.0, 0.4]);
  const x = { rows: 10, cols: 2, data };
  const y = [0, 0, 1, 0, 0, 1, 1, 1, 0, 1];
  const sampleWeight = Float64Array.from([1, 2, 1, 1, 3, 1, 1, 2, 1, 1]);

  it('= LogisticRegression(C=0.7).fit(X, y, sample_weight=w): intercept, coefficients and one probability', () => {
    const m = fitLogisticRegression(x, y, { C: 0.7, sampleWeight, tolerance: 1e-12 });
    expect(m.kind).toBe('logistic_regression');
    expect(m.intercept).toBeCloseTo(-2.474114269045216, 5);
    expect(m.coefficients[0]).toBeCloseTo(0.7139289226554627, 5);
    expect(m.coefficients[1]).toBeCloseTo(0.20909133812085706, 5);
    expect(m.predictProba({ rows: 1, cols: 2, data: Float64Array.from([2.2, 0.9]) })[0]).toBeCloseTo(0.32843134421594494, 5);
    expect(m.iterations).toBeGreaterThan(1);
    expect(m.iterations).toBeLessThan(100);
    expect(m.toJSON()).toEqual({ kind: 'logistic_regression', intercept: m.intercept, coefficients: [...m.coefficients] });
    expect(logisticFromJSON(m.toJSON()).iterations).toBe(0);
  });

  it('probabilities of several rows read each row\'s own features (sklearn predict_proba)', () => {
    const m = fitLogisticRegression(x, y, { C: 0.7, sampleWeight, tolerance: 1e-12 });
    const p = m.predictProba({ rows: 3, cols: 2, data: Float64Array.from([2.2, 0.9, 4.1, 3.0, 0.3, 0.2]) });
    [0.32843134421594494, 0.7465447586006543, 0.09813530402169411].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 5));
  });

  it('maxIterations caps the Newton steps', () => {
    const one = fitLogisticRegression(x, y, { C: 0.7, sampleWeight, maxIterations: 1 });
    expect(one.iterations).toBe(1);
    expect(one.intercept).not.toBeCloseTo(-2.474114269045216, 2);
  });

  it('probabilities of extreme scores stay in [0, 1] without NaN (either side of the sigmoid)', () => {
    const m = logisticFromJSON({ intercept: 0, coefficients: [1] });
    const p = m.predictProba({ rows: 4, cols: 1, data: Float64Array.from([-800, -2, 2, 800]) });
    expect(p[0]).toBe(0);
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(2)), 15);
    expect(p[2]).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    expect(p[3]).toBe(1);
  });
});

describe('preprocessor rules', () => {
  it('median: middle value, mean of the two middle ones, 0 for none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBe(0);
  });

  it('blank strings and non-numbers are missing; a constant column scales by 1; standardised with the population std', () => {
    const records = [{ a: '2', c: 7 }, { a: '  ', c: 7 }, { a: 6, c: 7 }];
    const pre = fitPreprocessor(records, [{ name: 'a', kind: 'numeric' }, { name: 'c', kind: 'numeric' }], { standardize: true });
    // a: the blank is missing, so the median is of 2 and 6
    const json = pre.toJSON();
    expect(json.steps[0]).toMatchObject({ median: 4 });
    expect(json.format).toBe('prep.preprocessor/1');
    expect(json.standardize).toBe(true);
    const c = json.steps[1]!;
    expect(c).toEqual({ column: 'c', kind: 'numeric', median: 7, mean: 7, std: 1 });
    const m = pre.transform([{ a: 'x', c: 9 }, { a: ' ', c: 7 }]);
    expect(m.data[1]).toBe(2); // (9 − 7) / 1
    expect(pre.lastTransform.imputed).toBe(2); // 'x' is not a number, ' ' is blank
  });

  it('a training value that is not a number is missing when fitting too, as when transforming (no NaN median)', () => {
    // 'n/a' and '?' are missing: median of 1, 3 and 8 is 3; filled 1, 3, 3, 8, 3: mean 18/5
    const pre = fitPreprocessor([{ v: 1 }, { v: 'n/a' }, { v: '3' }, { v: 8 }, { v: '?' }], [{ name: 'v', kind: 'numeric' }], { standardize: true });
    const step = pre.toJSON().steps[0] as { median: number; mean: number; std: number };
    expect(step.median).toBe(3);
    expect(step.mean).toBeCloseTo(18 / 5, 12);
    expect(Number.isFinite(step.std)).toBe(true);
    expect([...pre.transform([{ v: 'n/a' }]).data].every(Number.isFinite)).toBe(true);
  });

  it('mean and population std of the filled training column (missing → median)', () => {
    // 1, 3, missing → median 2: filled 1, 3, 2: mean 2, population variance 2/3
    const pre = fitPreprocessor([{ v: 1 }, { v: 3 }, { v: null }], [{ name: 'v', kind: 'numeric' }], { standardize: true });
    expect(pre.toJSON().steps[0]).toEqual({ column: 'v', kind: 'numeric', median: 2, mean: 2, std: Math.sqrt(2 / 3) });
    expect(pre.transform([{ v: 4 }]).data[0]).toBeCloseTo(2 / Math.sqrt(2 / 3), 12);
    // without standardize the value passes through
    expect(fitPreprocessor([{ v: 1 }, { v: 3 }], [{ name: 'v', kind: 'numeric' }]).transform([{ v: 4 }]).data[0]).toBe(4);
  });

  it('only exactly No/Yes becomes one flag; Yes alone, or No/Yes/Maybe, is one-hot; blanks are not a level', () => {
    const cols = [{ name: 'p', kind: 'categorical' as const }];
    expect(fitPreprocessor([{ p: 'Yes' }, { p: 'No' }, { p: '' }], cols).toJSON().steps[0]).toEqual({ column: 'p', kind: 'flag', positive: 'Yes' });
    expect(fitPreprocessor([{ p: 'Yes' }, { p: 'Yes' }], cols).toJSON().steps[0]).toEqual({ column: 'p', kind: 'onehot', levels: ['Yes'] });
    // near misses of No/Yes: each is one-hot
    for (const values of [['Maybe', 'Yes'], ['No', 'Yes', 'Z'], ['No', 'Nope']]) {
      expect(fitPreprocessor(values.map((p) => ({ p })), cols).toJSON().steps[0]).toEqual({ column: 'p', kind: 'onehot', levels: values });
    }
    const three = fitPreprocessor([{ p: 'Yes' }, { p: 'No' }, { p: 'Maybe' }], cols);
    expect(three.featureNames).toEqual(['p=Maybe', 'p=No', 'p=Yes']);
    const m = three.transform([{ p: 'No' }, { p: null }, { p: 'Yes' }]);
    expect([...m.data]).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 1]);
    expect(three.lastTransform).toEqual({ imputed: 0, unseen: 1 });
    const flag = fitPreprocessor([{ p: 'Yes' }, { p: 'No' }], cols);
    expect([...flag.transform([{ p: 'Yes' }, { p: 'No' }, { p: 'yes' }]).data]).toEqual([1, 0, 0]);
  });
});

describe('preprocessor layout and counts', () => {
  it('a flag and a one-hot group followed by a numeric column keep every value in its own place; counts start at 0', () => {
    const records = [
      { p: 'Yes', c: 'b', v: 3 },
      { p: 'No', c: 'a', v: 5 },
    ];
    const pre = fitPreprocessor(records, [
      { name: 'p', kind: 'categorical' },
      { name: 'c', kind: 'categorical' },
      { name: 'v', kind: 'numeric' },
    ]);
    expect(pre.lastTransform).toEqual({ imputed: 0, unseen: 0 });
    expect(pre.featureNames).toEqual(['p', 'c=a', 'c=b', 'v']);
    const m = pre.transform([...records, { p: 'No', c: 'z', v: undefined }]);
    expect([...m.data]).toEqual([1, 0, 1, 3, 0, 1, 0, 5, 0, 0, 0, 4]);
    expect(pre.lastTransform).toEqual({ imputed: 1, unseen: 1 });
  });

  it('a record without the key is missing in training too (median of the others)', () => {
    const pre = fitPreprocessor([{ v: 1 }, {}, { v: 7 }], [{ name: 'v', kind: 'numeric' }]);
    expect(pre.toJSON().steps[0]).toMatchObject({ median: 4 });
  });
});

describe('logistic regression stopping', () => {
  const x = { rows: 6, cols: 1, data: Float64Array.from([0, 1, 2, 3, 4, 5]) };
  const y = [0, 1, 0, 1, 0, 1];

  it('a first step below the tolerance counts as one iteration; the default tolerance converges well before 100', () => {
    expect(fitLogisticRegression(x, y, { tolerance: 1e9 }).iterations).toBe(1);
    const m = fitLogisticRegression(x, y);
    expect(m.iterations).toBeGreaterThan(1);
    expect(m.iterations).toBeLessThan(20);
  });
});

describe('preprocessor fitted and applied with plain loops', () => {
  // The map/filter/reduce formulation it replaced, kept here as the reference: same medians, means,
  // standard deviations and levels to the last bit, and the same matrix.
  type Value = string | number | null | undefined;
  const missing = (v: Value) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  function referenceSteps(records: Record<string, Value>[], columns: { name: string; kind: 'numeric' | 'categorical' }[]) {
    return columns.map((c) => {
      if (c.kind === 'numeric') {
        const num = (v: Value) => (missing(v) || !Number.isFinite(Number(v)) ? undefined : Number(v));
        const values = records.map((r) => num(r[c.name])).filter((v): v is number => v !== undefined);
        const med = median(values);
        const filled = records.map((r) => num(r[c.name]) ?? med);
        const mean = filled.reduce((a, b) => a + b, 0) / Math.max(1, filled.length);
        const variance = filled.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, filled.length);
        return { column: c.name, kind: 'numeric', median: med, mean, std: Math.sqrt(variance) || 1 };
      }
      const levels = [...new Set(records.map((r) => r[c.name]).filter((v) => !missing(v)).map(String))].sort();
      if (levels.length === 2 && levels[0] === 'No' && levels[1] === 'Yes') return { column: c.name, kind: 'flag', positive: 'Yes' };
      return { column: c.name, kind: 'onehot', levels };
    });
  }
  const value = fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.integer({ min: -5, max: 5 }),
    fc.constantFrom(null, undefined, '', '  ', 'n/a', '3.5', 'No', 'Yes', 'a', 'b'),
  );
  it('gives the reference steps and matrix on random records (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value), { minLength: 0, maxLength: 40 }), fc.boolean(), (cells, standardize) => {
        const records = cells.map(([a, b, c]) => ({ a, b, c }));
        const columns = [
          { name: 'a', kind: 'numeric' as const },
          { name: 'b', kind: 'categorical' as const },
          { name: 'c', kind: 'numeric' as const },
        ];
        const pre = fitPreprocessor(records, columns, { standardize });
        const steps = referenceSteps(records, columns);
        expect(pre.toJSON().steps).toEqual(steps);
        const x = pre.transform(records);
        let k = 0;
        records.forEach((r) => {
          steps.forEach((s) => {
            const raw = r[s.column as 'a'];
            if (s.kind === 'numeric') {
              const v = missing(raw) || !Number.isFinite(Number(raw)) ? s.median! : Number(raw);
              expect(x.data[k++]).toBe(standardize ? (v - s.mean!) / s.std! : v);
            } else if (s.kind === 'flag') expect(x.data[k++]).toBe(String(raw) === 'Yes' ? 1 : 0);
            else for (const level of s.levels!) expect(x.data[k++]).toBe(!missing(raw) && String(raw) === level ? 1 : 0);
          });
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('logistic regression reads dense and sparse rows alike', () => {
  it('the dense (four rows at a time) and the nonzero-list passes give the same fit to the bit (property: zeros, weights, saturated rows)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 5, max: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom(0, 0.3, 0.8),
        fc.boolean(),
        (seed, rows, cols, zeroShare, weighted) => {
          let state = seed;
          const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
          const data = Float64Array.from({ length: rows * cols }, () => (next() < zeroShare ? 0 : (next() - 0.5) * (next() < 0.05 ? 60 : 4)));
          const y = Uint8Array.from({ length: rows }, () => (next() < 0.4 ? 1 : 0));
          const sampleWeight = weighted ? Float64Array.from({ length: rows }, () => (next() < 0.1 ? 0 : 1 + Math.floor(next() * 3))) : undefined;
          const fit = (rowLayout: 'dense' | 'sparse') => fitLogisticRegression({ rows, cols, data }, y, { C: 0.5, sampleWeight, rowLayout });
          const [dense, sparse] = [fit('dense'), fit('sparse')];
          expect(dense.iterations).toBe(sparse.iterations);
          expect(dense.intercept).toBe(sparse.intercept);
          expect([...dense.coefficients]).toEqual([...sparse.coefficients]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
