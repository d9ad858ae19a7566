// TODO: implement ROC-AUC with ties counted as 1/2
export function rocAuc(y: number[], scores: number[]): number {
  throw new Error('not implemented');
}
