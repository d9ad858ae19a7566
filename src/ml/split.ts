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
  let train: number[] = [];
  let test: number[] = [];
  for (const members of indicesByClass(y)) {
    const shuffled = rng.shuffle(members.slice());
    const nTest = Math.round(shuffled.length * testFraction);
    // concat, not push(...): spreading a class of over about 120,000 rows into arguments throws a RangeError
    test = test.concat(shuffled.slice(0, nTest));
    train = train.concat(shuffled.slice(nTest));
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

/**
 * Rows sharing a group key (one customer's monthly snapshots, copies of one customer) as units of
 * a split: units in order of first appearance, each labelled 1 when any of its rows is. A row
 * with no key (null or '') is a unit of its own.
 */
export function groupUnits(y: ArrayLike<number>, groups: readonly (string | null)[]): { labels: number[]; members: number[][] } {
  if (groups.length !== y.length) throw new RangeError(`groups has ${groups.length} entries for ${y.length} rows`);
  const unitOf = new Map<string, number>();
  const labels: number[] = [];
  const members: number[][] = [];
  for (let i = 0; i < y.length; i++) {
    const key = groups[i];
    let unit = key === null || key === '' ? undefined : unitOf.get(key);
    if (unit === undefined) {
      unit = members.length;
      members.push([]);
      labels.push(0);
      if (key !== null && key !== '') unitOf.set(key, unit);
    }
    members[unit]!.push(i);
    if (y[i]) labels[unit] = 1;
  }
  return { labels, members };
}

const rowsOf = (units: number[], members: number[][]) => units.flatMap((u) => members[u]!).sort((a, b) => a - b);

/**
 * stratifiedHoldout over groups: every row of a group lands on the same side, and the classes are
 * balanced by groups (a group is positive when any of its rows is). When every group is one row
 * the units are the rows in order, so the split is exactly stratifiedHoldout's.
 */
export function stratifiedGroupHoldout(y: ArrayLike<number>, groups: readonly (string | null)[], testFraction: number, rng: Rng): { train: number[]; test: number[] } {
  const { labels, members } = groupUnits(y, groups);
  const units = stratifiedHoldout(labels, testFraction, rng);
  return { train: rowsOf(units.train, members), test: rowsOf(units.test, members) };
}

/** stratifiedKFold over groups (see stratifiedGroupHoldout): a group's rows share one validation fold. */
export function stratifiedGroupKFold(y: ArrayLike<number>, groups: readonly (string | null)[], k: number, rng: Rng): { train: number[]; validation: number[] }[] {
  const { labels, members } = groupUnits(y, groups);
  const positives = labels.reduce((a, b) => a + b, 0);
  const fewest = Math.min(positives, labels.length - positives);
  if (Number.isInteger(k) && k >= 2 && fewest < k) throw new RangeError(`a class has ${fewest} groups, fewer than the ${k} folds`);
  return stratifiedKFold(labels, k, rng).map((f) => ({ train: rowsOf(f.train, members), validation: rowsOf(f.validation, members) }));
}
