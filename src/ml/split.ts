/**
 * Stratified splits: each class is shuffled with the seeded generator and dealt out separately,
 * so every part keeps the overall class ratio (to within one row per class).
 */
import type { Rng } from './random.js';

function indicesByClass(y: ArrayLike<number>): number[][] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const list = byClass.get(y[i]!) ?? [];
    list.push(i);
    byClass.set(y[i]!, list);
  }
  return [...byClass.entries()].sort((a, b) => a[0] - b[0]).map(([, list]) => list);
}

/** A hold-out split: round(testFraction × class size) of each class goes to test. Indices ascending. */
export function stratifiedHoldout(y: ArrayLike<number>, testFraction: number, rng: Rng): { train: number[]; test: number[] } {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`testFraction must be in (0, 1), got ${testFraction}`);
  const train: number[] = [];
  const test: number[] = [];
  for (const members of indicesByClass(y)) {
    const shuffled = rng.shuffle(members.slice());
    const nTest = Math.round(shuffled.length * testFraction);
    test.push(...shuffled.slice(0, nTest));
    train.push(...shuffled.slice(nTest));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/**
 * k folds: each class is shuffled and dealt round-robin into the folds, continuing where the
 * previous class stopped, so fold sizes differ by at most one and class counts per fold by at most one.
 */
export function stratifiedKFold(y: ArrayLike<number>, k: number, rng: Rng): { train: number[]; validation: number[] }[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer >= 2, got ${k}`);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const members of indicesByClass(y)) {
    if (members.length < k) throw new RangeError(`a class has ${members.length} rows, fewer than the ${k} folds`);
    for (const i of rng.shuffle(members.slice())) {
      folds[next]!.push(i);
      next = (next + 1) % k;
    }
  }
  return folds.map((validation, f) => ({
    validation: validation.sort((a, b) => a - b),
    train: folds.flatMap((other, g) => (g === f ? [] : other)).sort((a, b) => a - b),
  }));
}
