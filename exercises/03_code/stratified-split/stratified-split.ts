// TODO: deal each class round-robin into k folds
export function stratifiedFolds(y: number[], k: number): number[][] {
  throw new Error('not implemented');
}
