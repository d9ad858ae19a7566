/**
 * Seeded pseudo-random numbers. Nothing calls Math.random, so the same seed gives the same bytes.
 *
 * The one convention of src/ml: every stochastic function takes an `rng: Rng` (in its options
 * object, or as its last argument), as scikit-learn estimators take a `random_state`; a caller
 * holding a seed passes `createRng(seed)`. A function draws from the generator it is given, in a
 * documented order, and never creates one from a seed of its own (so no learner or split has a
 * seed option, and a caller that wants independent streams passes `rng.child()`).
 *
 * The generator is mulberry32: 32-bit state, fast, and good enough for sampling and shuffling
 * (it is not a cryptographic generator).
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal variate (Box-Muller). */
  normal(): number;
  /** A new independent generator whose seed is drawn from this one. */
  child(): Rng;
  /** Fisher-Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[];
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      let u = 0;
      while (u === 0) u = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    child: () => createRng(Math.floor(next() * 4294967296)),
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i]!;
        items[i] = items[j]!;
        items[j] = tmp;
      }
      return items;
    },
  };
  return rng;
}
