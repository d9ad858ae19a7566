export function interpolate(a: number[], b: number[], gap: number): number[] {
  if (!(gap >= 0 && gap <= 1)) throw new RangeError(`gap must be in [0, 1], got ${gap}`);
  return a.map((v, j) => v + gap * (b[j]! - v));
}
