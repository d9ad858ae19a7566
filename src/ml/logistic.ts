/**
 * Binary logistic regression with an intercept and an L2 penalty, fitted by Newton's method
 * (iteratively reweighted least squares). The objective follows scikit-learn's C convention:
 *   Σ_i w_i · logloss_i + ||β||² / (2C), the intercept not penalised.
 * Written here because ml-logistic-regression has no intercept, no probabilities and fits by slow
 * gradient descent (see STACK-NOTES).
 */
import type { Matrix } from './matrix.js';

export interface LogisticOptions {
  C?: number;
  sampleWeight?: Float64Array;
  maxIterations?: number;
  tolerance?: number;
  /** How the fit reads rows: 'auto' (default) picks dense for a mostly nonzero, finite design; tests compare the two. */
  rowLayout?: 'auto' | 'dense' | 'sparse';
}

export interface LogisticModel {
  kind: 'logistic_regression';
  intercept: number;
  coefficients: Float64Array;
  iterations: number;
  predictProba(x: Matrix): Float64Array;
  toJSON(): { kind: 'logistic_regression'; intercept: number; coefficients: number[] };
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A v = b for a symmetric positive-definite A (n × n, row-major) by Cholesky, reading only A's lower triangle (the diagonal and below; the upper may be left unfilled); A is overwritten. */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let diag = a[j * n + j]!;
    for (let k = 0; k < j; k++) diag -= a[j * n + k]! ** 2;
    if (diag <= 0) throw new Error('matrix is not positive definite');
    const l = Math.sqrt(diag);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / l;
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= a[i * n + k]! * z[k]!;
    z[i] = s / a[i * n + i]!;
  }
  const v = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= a[k * n + i]! * v[k]!;
    v[i] = s / a[i * n + i]!;
  }
  return v;
}

function model(intercept: number, coefficients: Float64Array, iterations: number): LogisticModel {
  return {
    kind: 'logistic_regression',
    intercept,
    coefficients,
    iterations,
    predictProba(x) {
      const out = new Float64Array(x.rows);
      for (let i = 0; i < x.rows; i++) {
        let z = intercept;
        for (let j = 0; j < x.cols; j++) z += coefficients[j]! * x.data[i * x.cols + j]!;
        out[i] = sigmoid(z);
      }
      return out;
    },
    toJSON: () => ({ kind: 'logistic_regression', intercept, coefficients: [...coefficients] }),
  };
}

/** The gradient of the objective at (intercept, coefficients): used by tests to check the optimum. */
export function logisticGradient(x: Matrix, y: ArrayLike<number>, beta: Float64Array, options: LogisticOptions = {}): Float64Array {
  const C = options.C ?? 1;
  const p = x.cols + 1;
  const g = new Float64Array(p);
  for (let i = 0; i < x.rows; i++) {
    let z = beta[0]!;
    for (let j = 0; j < x.cols; j++) z += beta[j + 1]! * x.data[i * x.cols + j]!;
    const r = (options.sampleWeight?.[i] ?? 1) * (sigmoid(z) - y[i]!);
    g[0] += r;
    for (let j = 0; j < x.cols; j++) g[j + 1] += r * x.data[i * x.cols + j]!;
  }
  for (let j = 1; j < p; j++) g[j] += beta[j]! / C;
  return g;
}

/**
 * The gradient and lower-triangle Hessian sums of a Newton step over a dense augmented design
 * (row i is value[i·p .. (i + 1)·p), column 0 the intercept's 1), the same sums in the same row
 * order as the nonzero lists (a 0 adds a signed zero). Four rows at a time: each entry takes the
 * four rows' terms one after the other, as row-by-row updates would, but is loaded and stored
 * once per four rows, the cost that bounded the row-by-row loop.
 */
function denseNewtonSums(value: Float64Array, rows: number, p: number, beta: Float64Array, y: ArrayLike<number>, weights: Float64Array | undefined, gradient: Float64Array, hessian: Float64Array): void {
  const r = new Float64Array(4);
  const w = new Float64Array(4);
  const rowTerms = (i: number, k: number) => {
    const first = i * p;
    let z = 0;
    for (let t = 0; t < p; t++) z += beta[t]! * value[first + t]!;
    const prob = sigmoid(z);
    const weight = weights?.[i] ?? 1;
    r[k] = weight * (prob - y[i]!);
    w[k] = weight * prob * (1 - prob);
  };
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    for (let k = 0; k < 4; k++) rowTerms(i + k, k);
    const a = i * p, b = a + p, c = b + p, d = c + p;
    const [r0, r1, r2, r3] = [r[0]!, r[1]!, r[2]!, r[3]!];
    for (let t = 0; t < p; t++) {
      let g = gradient[t]!;
      g += r0 * value[a + t]!;
      g += r1 * value[b + t]!;
      g += r2 * value[c + t]!;
      g += r3 * value[d + t]!;
      gradient[t] = g;
    }
    for (let s = 0; s < p; s++) {
      const w0 = w[0]! * value[a + s]!, w1 = w[1]! * value[b + s]!, w2 = w[2]! * value[c + s]!, w3 = w[3]! * value[d + s]!;
      const row = s * p;
      for (let t = 0; t <= s; t++) {
        let h = hessian[row + t]!;
        h += w0 * value[a + t]!;
        h += w1 * value[b + t]!;
        h += w2 * value[c + t]!;
        h += w3 * value[d + t]!;
        hessian[row + t] = h;
      }
    }
  }
  for (; i < rows; i++) {
    rowTerms(i, 0);
    const a = i * p;
    for (let t = 0; t < p; t++) gradient[t] += r[0]! * value[a + t]!;
    for (let s = 0; s < p; s++) {
      const ws = w[0]! * value[a + s]!;
      const row = s * p;
      for (let t = 0; t <= s; t++) hessian[row + t] += ws * value[a + t]!;
    }
  }
}

export function fitLogisticRegression(x: Matrix, y: ArrayLike<number>, options: LogisticOptions = {}): LogisticModel {
  const C = options.C ?? 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  const p = x.cols + 1;
  const beta = new Float64Array(p);
  // Each row's nonzero positions and values (position 0: the intercept's 1), found once: rows do
  // not change between iterations, and one-hot columns are mostly 0. A 0 adds a signed zero to z,
  // the gradient and the Hessian, which leaves every sum bit-identical, in the same row order.
  // The same argument lets a mostly nonzero design (the standardised one the lab fits) skip the
  // lists: the rows are read whole from an augmented copy [1, x] (denseNewtonSums), which took a
  // fit on 7,043 × 46 standardised rows from 178 to 62 ms, the same coefficients to the bit. (Not
  // when a value is not finite: 0 · Inf is NaN where the lists skip the 0.)
  let nonzero = 0;
  let finite = true;
  for (let k = 0; k < x.data.length; k++) {
    const v = x.data[k]!;
    if (v !== 0) nonzero++;
    if (!Number.isFinite(v)) finite = false;
  }
  const dense = options.rowLayout === 'dense' ? finite : options.rowLayout === 'sparse' ? false : finite && 2 * nonzero > x.data.length;
  const rowStart = new Int32Array(x.rows + 1);
  let position = new Int32Array(0);
  let value: Float64Array;
  if (dense) {
    value = new Float64Array(x.rows * p);
    for (let i = 0; i < x.rows; i++) {
      value[i * p] = 1;
      value.set(x.data.subarray(i * x.cols, (i + 1) * x.cols), i * p + 1);
    }
  } else {
    const positions: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < x.rows; i++) {
      rowStart[i] = positions.length;
      positions.push(0);
      values.push(1);
      for (let j = 0; j < x.cols; j++) {
        const v = x.data[i * x.cols + j]!;
        if (v !== 0) {
          positions.push(j + 1);
          values.push(v);
        }
      }
    }
    rowStart[x.rows] = positions.length;
    position = Int32Array.from(positions);
    value = Float64Array.from(values);
  }
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const hessian = new Float64Array(p * p);
    // the gradient (as logisticGradient) and the Hessian in one pass, sharing each row's z
    const gradient = new Float64Array(p);
    if (dense) denseNewtonSums(value, x.rows, p, beta, y, options.sampleWeight, gradient, hessian);
    else {
      for (let i = 0; i < x.rows; i++) {
        const first = rowStart[i]!;
        const end = rowStart[i + 1]!;
        const weight = options.sampleWeight?.[i] ?? 1;
        let z = 0;
        for (let q = first; q < end; q++) z += beta[position[q]!]! * value[q]!;
        const prob = sigmoid(z);
        const r = weight * (prob - y[i]!);
        for (let q = first; q < end; q++) gradient[position[q]!] += r * value[q]!;
        const w = weight * prob * (1 - prob);
        if (w === 0) continue;
        for (let s = first; s < end; s++) {
          const a = position[s]!;
          const wa = w * value[s]!;
          if (wa === 0) continue;
          for (let t = first; t <= s; t++) hessian[a * p + position[t]!] += wa * value[t]!;
        }
      }
    }
    for (let j = 1; j < p; j++) gradient[j] += beta[j]! / C;
    // only the lower triangle is filled: choleskySolve reads nothing above the diagonal
    for (let j = 1; j < p; j++) hessian[j * p + j] += 1 / C;
    hessian[0] += 1e-12; // keeps the intercept's pivot positive when every weight underflows
    const step = choleskySolve(hessian, gradient, p);
    let change = 0;
    for (let j = 0; j < p; j++) {
      beta[j] -= step[j]!;
      change = Math.max(change, Math.abs(step[j]!));
    }
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  return model(beta[0]!, beta.slice(1), iterations);
}

export function logisticFromJSON(json: { intercept: number; coefficients: number[] }): LogisticModel {
  return model(json.intercept, Float64Array.from(json.coefficients), 0);
}
