export function stratifiedFolds(y: number[], k: number): number[][] {
  const folds: number[][] = Array.from({ length: k }, () => []);
  let f = 0;
  for (const cls of [0, 1]) {
    y.forEach((v, i) => {
      if (v === cls) {
        folds[f]!.push(i);
        f = (f + 1) % k;
      }
    });
  }
  return folds.map((fold) => fold.sort((a, b) => a - b));
}
