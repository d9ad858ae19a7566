export function quintileScores(values: number[], higherIsBetter: boolean): number[] {
  const n = values.length;
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const scores = new Array<number>(n);
  order.forEach((i, rank) => {
    const q = Math.floor((5 * rank) / n) + 1;
    scores[i] = higherIsBetter ? q : 6 - q;
  });
  return scores;
}
