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
