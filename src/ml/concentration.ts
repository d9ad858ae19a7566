/**
 * How concentrated a total is across customers: the share held by the top p% (the top
 * ceil(p · n) customers by value), the Gini coefficient G = Σ_i (2i − n − 1) x_(i) / (n Σ x) with
 * values sorted ascending (0 = equal, → 1 = one customer holds everything), and the Lorenz curve.
 */
export function topShare(values: ArrayLike<number>, fraction: number): { share: number; customers: number } {
  const sorted = Float64Array.from(values).sort().reverse();
  const total = sorted.reduce((a, b) => a + b, 0);
  const customers = Math.ceil(fraction * sorted.length);
  let top = 0;
  for (let i = 0; i < customers; i++) top += sorted[i]!;
  return { share: total === 0 ? 0 : top / total, customers };
}

export function gini(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const total = sorted.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) return 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (2 * (i + 1) - n - 1) * sorted[i]!;
  return weighted / (n * total);
}

/** Lorenz curve: cumulative share of customers (ascending by value) against cumulative share of the total. */
export function lorenzCurve(values: ArrayLike<number>, points = 100): [number, number][] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const total = sorted.reduce((a, b) => a + b, 0);
  const curve: [number, number][] = [[0, 0]];
  let cumulative = 0;
  let next = 1;
  for (let i = 0; i < n; i++) {
    cumulative += sorted[i]!;
    if ((i + 1) / n >= next / points || i === n - 1) {
      curve.push([(i + 1) / n, total === 0 ? 0 : cumulative / total]);
      next = Math.floor(((i + 1) / n) * points) + 1;
    }
  }
  return curve;
}
