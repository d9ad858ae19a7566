// TODO: the point between a and b at the given gap
export function interpolate(a: number[], b: number[], gap: number): number[] {
  throw new Error('not implemented');
}
