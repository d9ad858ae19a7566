export function rocAuc(y: number[], scores: number[]): number {
  let pos = 0;
  let neg = 0;
  let wins = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    pos++;
    for (let j = 0; j < y.length; j++) {
      if (y[j] === 1) continue;
      if (scores[i]! > scores[j]!) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  for (const v of y) if (v !== 1) neg++;
  return pos === 0 || neg === 0 ? Number.NaN : wins / (pos * neg);
}
