/**
 * By hand: pair rules' filtering and order, the Nelder-Mead stopping rules, and RFM scores and
 * segment names for counts that do not divide into fifths.
 */
import { describe, expect, it } from 'vitest';
import { alsoBought, countPairs, topPairs } from '../../src/ml/association.js';
import { nelderMead } from '../../src/ml/optimize.js';
import { quintileRule, quintileScores, segmentGrid, segmentOf, segmentRules } from '../../src/ml/rfm.js';

describe('pair rules', () => {
  // a in 5, b in 4, c in 3, d in 2 of 6 baskets; a-b 3, a-c 2, b-c 2, c-d 2, a-d 1, b-d 1
  const baskets = [['a', 'b'], ['a', 'b', 'c'], ['a', 'c', 'd'], ['b', 'c', 'd'], ['a', 'b', 'a'], ['a']];
  const counts = countPairs(baskets, { minPairCount: 2 });

  it('keeps pairs seen in at least minPairCount baskets, items counted once per basket', () => {
    expect(counts.baskets).toBe(6);
    expect(counts.minPairCount).toBe(2);
    expect(Object.fromEntries(counts.itemCounts)).toEqual({ a: 5, b: 4, c: 3, d: 2 });
    expect(counts.pairs).toEqual([
      { a: 'a', b: 'b', count: 3 },
      { a: 'a', b: 'c', count: 2 },
      { a: 'b', b: 'c', count: 2 },
      { a: 'c', b: 'd', count: 2 },
    ]);
    // an item in fewer than minPairCount baskets cannot be in a kept pair
    expect(countPairs(baskets, { minPairCount: 3 }).pairs).toEqual([{ a: 'a', b: 'b', count: 3 }]);
    expect(countPairs(baskets, { minPairCount: 2, maxBasket: 2 })).toMatchObject({ baskets: 3, skippedBaskets: 3 });
  });

  it('by lift: c-d (2·6/(3·2) = 2) first; by support: a-b (3/6); minSupport 0.4 needs ceil(2.4) = 3 baskets; limit', () => {
    const byLift = topPairs(counts, { minSupport: 0, limit: 10, by: 'lift' });
    expect(byLift.map((r) => `${r.a}${r.b}`)).toEqual(['cd', 'bc', 'ab', 'ac']);
    expect(byLift[0]).toEqual({ a: 'c', b: 'd', count: 2, support: 2 / 6, confidenceAB: 2 / 3, confidenceBA: 1, lift: 2 });
    // b-c: 2·6/(4·3) = 1; a-b: 3·6/(5·4) = 0.9; a-c: 2·6/(5·3) = 0.8
    expect(byLift.map((r) => r.lift)).toEqual([2, 1, 0.9, 0.8]);
    // equal support (2 baskets): ties broken by count, then by the first item's name
    expect(topPairs(counts, { minSupport: 0, limit: 10, by: 'support' }).map((r) => `${r.a}${r.b}`)).toEqual(['ab', 'ac', 'bc', 'cd']);
    expect(topPairs(counts, { minSupport: 0.4, limit: 10, by: 'support' }).map((r) => `${r.a}${r.b}`)).toEqual(['ab']);
    expect(topPairs(counts, { minSupport: 0, limit: 2, by: 'lift' })).toHaveLength(2);
  });

  it('equal lift: the pair seen in more baskets first, then by name', () => {
    // a in 2, b in 4, c in 2, d in 2 of 4 baskets; lift 1 for a-b, b-c, b-d (2 baskets each) and a-d, c-d (1 each); a-c: 2
    const c = countPairs([['a', 'b', 'c', 'd'], ['a', 'b', 'c'], ['b', 'd'], ['b']], { minPairCount: 1 });
    const rules = topPairs(c, { minSupport: 0, limit: 10, by: 'lift' });
    expect(rules.map((r) => `${r.a}${r.b}:${r.lift}`)).toEqual(['ac:2', 'ab:1', 'bc:1', 'bd:1', 'ad:1', 'cd:1']);
  });

  it('also bought with c: by confidence(c → Y), then lift; the item is always the left side', () => {
    const rules = alsoBought(counts, 'c', { limit: 5 });
    // c → a 2/3 (lift 0.8), c → b 2/3 (lift 1), c → d 2/3 (lift 2): equal confidence, so by lift
    expect(rules.map((r) => [r.a, r.b])).toEqual([['c', 'd'], ['c', 'b'], ['c', 'a']]);
    expect(rules[2]).toMatchObject({ confidenceAB: 2 / 3, confidenceBA: 2 / 5 });
    expect(alsoBought(counts, 'd', { limit: 5 }).map((r) => r.b)).toEqual(['c']);
    expect(alsoBought(counts, 'c', { limit: 1 })).toHaveLength(1);
  });
});

describe('Nelder-Mead', () => {
  it('minimises a shifted bowl and counts its iterations', () => {
    const r = nelderMead(([x, y]) => (x! - 3) ** 2 + 2 * (y! + 1) ** 2, [0, 0]);
    expect(r.x[0]).toBeCloseTo(3, 4);
    expect(r.x[1]).toBeCloseTo(-1, 4);
    expect(r.value).toBeLessThan(1e-8);
    expect(r.iterations).toBeGreaterThan(10);
    expect(r.iterations).toBeLessThan(5000);
  });

  it('treats NaN as +∞ (stays inside the domain) and stops at maxIterations', () => {
    const r = nelderMead(([x]) => (x! < 0 ? Number.NaN : (x! - 0.2) ** 2), [1], { step: 2 });
    expect(r.x[0]).toBeCloseTo(0.2, 4);
    expect(nelderMead(([x]) => (x! - 0.2) ** 2, [5], { maxIterations: 7 }).iterations).toBe(7);
  });

  it('a flat function stops at once; with `stall`, a slow creep stops at the second checkpoint', () => {
    expect(nelderMead(() => 1, [0, 0]).iterations).toBe(0);
    expect(nelderMead(() => 0, [0]).iterations).toBe(0);
    // the stall test is on the improvement, not on the size of the values: an offset of 10 changes nothing
    expect(nelderMead(([x]) => 10 + 1e-15 * x! ** 2, [1e6], { tolerance: 0, maxIterations: 300, stall: { iterations: 10, improvement: 1 } }).iterations).toBe(20);
    // checkpoints every 10 iterations: at 10 the best is recorded, at 20 it improved by < 1 → stop
    const creep = nelderMead(([x]) => 1e-9 * x! ** 2, [1], { tolerance: 0, maxIterations: 300, stall: { iterations: 10, improvement: 1 } });
    expect(creep.iterations).toBe(20);
    expect(nelderMead(([x]) => 1e-9 * x! ** 2, [1], { tolerance: 0, maxIterations: 300 }).iterations).toBeGreaterThan(20);
  });
});

describe('RFM scores and segments', () => {
  it('seven distinct values: by rank k = 1..7, floor(5 (k − 1) / 7) + 1 = 1 1 2 3 3 4 5', () => {
    // 70 is rank 7 → 5, 10 rank 1 → 1, 30 rank 3 → 2, 20 rank 2 → 1, 60 rank 6 → 4, 50 rank 5 → 3, 40 rank 4 → 3
    expect([...quintileScores([70, 10, 30, 20, 60, 50, 40], true)]).toEqual([5, 1, 2, 1, 4, 3, 3]);
    expect([...quintileScores([70, 10, 30, 20, 60, 50, 40], false)]).toEqual([1, 5, 4, 5, 2, 3, 3]);
    expect([...quintileScores([], true)]).toEqual([]);
    expect(quintileRule).toMatch(/midrank/);
  });

  it('names the segment of an (R, F) pair and refuses scores outside 1-5', () => {
    expect(segmentOf(3, 3).name).toBe('Potential loyalists');
    expect(segmentOf(5, 5).name).toBe('Champions');
    expect(segmentOf(1, 5).name).toBe("Can't lose them");
    expect(segmentOf(1, 1).key).toBe('lost');
    expect(() => segmentOf(0, 1)).toThrow('no segment for R=0, F=1');
    expect(() => segmentOf(3, 6)).toThrow(/no segment/);
  });
});

describe('Nelder-Mead steps, traced by the points it evaluates (standard coefficients, worked by hand)', () => {
  const trace = (f: (x: number) => number, start: number, options: Parameters<typeof nelderMead>[2]) => {
    const seen: number[] = [];
    const result = nelderMead(([x]) => (seen.push(x!), f(x!)), [start], options);
    return { seen, result };
  };

  it('reflection then expansion towards a far minimum: 0, 0.5 | 1, 1.5 | 2.5, 3.5', () => {
    // best 0.5, worst 0: reflected 1 beats the best, so expand to 1.5 (better still): keep 1.5; again from 1.5
    const { seen } = trace((x) => (x - 10) ** 2, 0, { maxIterations: 2 });
    expect(seen).toEqual([0, 0.5, 1, 1.5, 2.5, 3.5]);
  });

  it('a reflection that is only better than the worst point: outside contraction to −0.5', () => {
    // f(0) = 0.05, f(1) = 0.9, reflected f(−1) = 0.55: between best and worst → contract outside at −0.5 (0.3)
    const f = (x: number) => Math.abs(x - 0.1) * (x < 0.1 ? 0.5 : 1);
    const { seen, result } = trace(f, 0, { step: 1, maxIterations: 1 });
    expect(seen).toEqual([0, 1, -1, -0.5]);
    expect(result.x).toEqual([0]);
  });

  it('a reflection worse than the worst point: inside contraction to 0.5', () => {
    // f(0) = 0.3, f(1) = 0.7, reflected f(−1) = 1.3 → contract inside at 0.5 (0.2, accepted and now the best)
    const { seen, result } = trace((x) => Math.abs(x - 0.3), 0, { step: 1, maxIterations: 1 });
    expect(seen).toEqual([0, 1, -1, 0.5]);
    expect(result.x).toEqual([0.5]);
    expect(result.value).toBeCloseTo(0.2, 15);
  });

  it('when contracting fails too, the simplex shrinks towards the best point', () => {
    // f(0) = 0, elsewhere 1/|x|: reflected f(−1) = 1 is not below the worst f(1) = 1 → inside contraction 0.5 (2),
    // worse → shrink: 1 moves to 0.5. Next: reflected −0.5 (2), inside 0.25 (4), shrink to 0.25
    const { seen, result } = trace((x) => (x === 0 ? 0 : 1 / Math.abs(x)), 0, { step: 1, maxIterations: 2 });
    expect(seen).toEqual([0, 1, -1, 0.5, 0.5, -0.5, 0.25, 0.25]);
    expect(result).toEqual({ x: [0], value: 0, iterations: 2 });
  });

  it('a shrink moves every point but the best half-way towards it (best away from 0: 3 and 4 → 3.5)', () => {
    const { seen } = trace((x) => (x === 3 ? 0 : 1 / Math.abs(x - 3)), 3, { step: 1, maxIterations: 1 });
    expect(seen).toEqual([3, 4, 2, 3.5, 3.5]);
  });

  it('a contraction between the worst and the reflected value is not accepted: shrink', () => {
    // f(0) = 0 best, f(1) = 1 worst, reflected f(−1) = 3 → inside contraction f(0.5) = 2: above the worst → shrink
    const table = new Map([[0, 0], [1, 1], [-1, 3], [0.5, 2]]);
    const { seen } = trace((x) => table.get(x) ?? 10, 0, { step: 1, maxIterations: 1 });
    expect(seen).toEqual([0, 1, -1, 0.5, 0.5]);
  });

  it('a reflection only as good as the best point is not expanded, nor accepted as better than the second-worst', () => {
    // f(0) = 0.5 best, f(1) = 1 worst, reflected f(−1) = 0.5 ties the best → outside contraction at −0.5 (0.7), worse → shrink
    const table = new Map([[0, 0.5], [1, 1], [-1, 0.5], [-0.5, 0.7]]);
    const { seen } = trace((x) => table.get(x) ?? 10, 0, { step: 1, maxIterations: 1 });
    expect(seen).toEqual([0, 1, -1, -0.5, 0.5]);
  });

  it('a shrink keeps the best point with its value (here 1, not 0)', () => {
    const { result } = trace((x) => (x === 3 ? 1 : 1 + 1 / Math.abs(x - 3)), 3, { step: 1, maxIterations: 1 });
    expect(result).toEqual({ x: [3], value: 1, iterations: 1 });
  });

  it('an expansion only as good as the reflection is not taken: the reflected point stays', () => {
    // f(0) = 1 worst, f(1) = 0.5 best: reflected f(2) = 0.2 beats the best; expanded f(3) = 0.2 ties it → keep 2
    const table = new Map([[0, 1], [1, 0.5], [2, 0.2], [3, 0.2]]);
    const { seen, result } = trace((x) => table.get(x) ?? 10, 0, { step: 1, maxIterations: 1 });
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(result.x).toEqual([2]);
  });

  it('a contraction only as good as the worst point is not accepted: shrink', () => {
    // f(0) = 0 best, f(1) = 1 worst, reflected f(−1) = 3, inside contraction f(0.5) = 1 ties the worst → shrink
    const table = new Map([[0, 0], [1, 1], [-1, 3], [0.5, 1]]);
    const { seen } = trace((x) => table.get(x) ?? 10, 0, { step: 1, maxIterations: 1 });
    expect(seen).toEqual([0, 1, -1, 0.5, 0.5]);
  });

  it('two dimensions: the start simplex steps each coordinate by `step`; the default step is 0.5', () => {
    const seen: number[][] = [];
    nelderMead((x) => (seen.push(x.slice()), x[0]! ** 2 + x[1]! ** 2), [1, 2], { maxIterations: 0 });
    expect(seen).toEqual([[1, 2], [1.5, 2], [1, 2.5]]);
    const r = nelderMead((x) => x[0]! ** 2 + x[1]! ** 2, [1, 2], { maxIterations: 0 });
    expect(r).toEqual({ x: [1, 2], value: 5, iterations: 0 });
  });
});

describe('segment table', () => {
  it('each rule in words names exactly the grid cells of its segment', () => {
    for (const s of segmentRules) {
      const cells = new Set<string>();
      for (const part of s.rule.split('; or ')) {
        const m = /^R (\d)(?:-(\d))?, F (\d)(?:-(\d))?$/.exec(part);
        expect(m, `${s.key}: ${part}`).not.toBeNull();
        const [r0, r1, f0, f1] = [Number(m![1]), Number(m![2] ?? m![1]), Number(m![3]), Number(m![4] ?? m![3])];
        for (let r = r0; r <= r1; r++) for (let f = f0; f <= f1; f++) cells.add(`${r},${f}`);
      }
      const fromGrid = new Set<string>();
      segmentGrid.forEach((row, r) => row.forEach((key, f) => key === s.key && fromGrid.add(`${r + 1},${f + 1}`)));
      expect(cells).toEqual(fromGrid);
    }
  });

  it('eight segments with distinct names, keys and a description each', () => {
    expect(segmentRules).toHaveLength(8);
    expect(new Set(segmentRules.map((s) => s.name)).size).toBe(8);
    expect(new Set(segmentRules.map((s) => s.key)).size).toBe(8);
    expect(segmentRules.map((s) => s.name)).toEqual(['Champions', 'Loyal', 'Potential loyalists', 'New', 'At risk', "Can't lose them", 'Hibernating', 'Lost']);
    for (const s of segmentRules) expect(s.description.length).toBeGreaterThan(20);
  });
});
