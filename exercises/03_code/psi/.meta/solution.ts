export function psi(reference: number[], current: number[]): number {
  let sum = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i]!, 0.0001);
    const c = Math.max(current[i]!, 0.0001);
    sum += (c - r) * Math.log(c / r);
  }
  return sum;
}
