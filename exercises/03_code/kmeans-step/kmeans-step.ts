// TODO: one assignment + update step of Lloyd's algorithm
export function kmeansStep(points: number[][], centroids: number[][]): { labels: number[]; centroids: number[][] } {
  throw new Error('not implemented');
}
