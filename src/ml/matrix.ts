/** A dense row-major matrix of features: x[i][j] is data[i * cols + j]. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function rowOf(x: Matrix, i: number): Float64Array {
  return x.data.subarray(i * x.cols, (i + 1) * x.cols);
}

export function selectRows<T extends Matrix>(x: T, indices: ArrayLike<number>): Matrix {
  const data = new Float64Array(indices.length * x.cols);
  for (let k = 0; k < indices.length; k++) data.set(rowOf(x, indices[k]!), k * x.cols);
  return { rows: indices.length, cols: x.cols, data };
}

/**
 * Math.min(...values) and Math.max(...values) in one loop: spreading an array passes each value
 * as an argument, and past about 120,000 values V8 throws "Maximum call stack size exceeded" (a
 * training set of that many rows did). Same results: Infinity and −Infinity for no values, NaN
 * when any value is NaN, −0 below 0.
 */
export function valueRange(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  // pairwise Math.min/Math.max, so NaN and the sign of zero come out as the spread versions give them
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  return { min, max };
}
