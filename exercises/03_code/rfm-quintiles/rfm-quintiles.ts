// TODO: 1-5 quintile scores by rank
export function quintileScores(values: number[], higherIsBetter: boolean): number[] {
  throw new Error('not implemented');
}
