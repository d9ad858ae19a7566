/** Nelder-Mead simplex minimisation (standard coefficients: reflection 1, expansion 2, contraction ½, shrink ½). */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  options: { step?: number; tolerance?: number; maxIterations?: number; stall?: { iterations: number; improvement: number } } = {},
): { x: number[]; value: number; iterations: number } {
  const n = start.length;
  const step = options.step ?? 0.5;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 5000;
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [start.slice(), ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((x) => ({ x, v: value(x) }));
  let iterations = 0;
  // with `stall`, stop when the best value improved by less than `improvement` over the last
  // `iterations` steps: on a ridge that runs to the edge of the parameter space (BG/NBD's a → 0,
  // b → ∞) the simplex can otherwise creep along it until maxIterations
  let checkpoint = { iteration: 0, value: Infinity };
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance)) break;
    if (options.stall && iterations - checkpoint.iteration >= options.stall.iterations) {
      if (checkpoint.value - best.v < options.stall.improvement) break;
      checkpoint = { iteration: iterations, value: best.v };
    }
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) centroid[j] += simplex[k]!.x[j]! / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j]! - c));
    const reflected = { x: along(-1), v: 0 };
    reflected.v = value(reflected.x);
    if (reflected.v < best.v) {
      const expanded = { x: along(-2), v: 0 };
      expanded.v = value(expanded.x);
      simplex[n] = expanded.v < reflected.v ? expanded : reflected;
    } else if (reflected.v < simplex[n - 1]!.v) {
      simplex[n] = reflected;
    } else {
      const contracted = { x: reflected.v < worst.v ? along(-0.5) : along(0.5), v: 0 };
      contracted.v = value(contracted.x);
      if (contracted.v < Math.min(worst.v, reflected.v)) simplex[n] = contracted;
      else simplex = simplex.map((p, k) => (k === 0 ? p : { x: p.x.map((v, j) => best.x[j]! + 0.5 * (v - best.x[j]!)), v: 0 })).map((p, k) => (k === 0 ? p : { x: p.x, v: value(p.x) }));
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: simplex[0]!.x, value: simplex[0]!.v, iterations };
}
