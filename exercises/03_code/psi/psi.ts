// TODO: population stability index over bin proportions
export function psi(reference: number[], current: number[]): number {
  throw new Error('not implemented');
}
