/**
 * TreeSHAP on hand-written models: a "caterpillar" tree (each split's left child a leaf) with 1-8
 * splits (compiled into a pattern table) and with 9 or more (the recursion), features repeating along the
 * path, against brute-force Shapley values; what treeShap returns besides the values; the work
 * estimate on both sides of the table limit; rows [start, end).
 */
import { describe, expect, it } from 'vitest';
import { explainRow, shapBase, shapValuesOfRows, shapWorkPerRow, treeExpectedValue, treeModelFromJSON, treeShap, treeShapSingle } from '../../src/ml/trees/index.js';
import type { Matrix } from '../../src/ml/matrix.js';
import { treeFromJSON, type TreeJSON } from '../../src/ml/trees/tree.js';
import { bruteForceShapley } from '../helpers/shapley.js';


/** s splits in a chain: split t (node 2t) tests feature features[t % len] <= thresholds[t], its left child (node 2t + 1) is a leaf; the last right child is a leaf. */
function caterpillar(s: number, features: number[], valueShift = 0): TreeJSON {
  const t: TreeJSON = { feature: [], threshold: [], left: [], right: [], value: [], cover: [] };
  let cover = 2 ** (s + 1);
  for (let k = 0; k < s; k++) {
    const split = 2 * k;
    t.feature[split] = features[k % features.length]!;
    t.threshold[split] = 0.5 + (k % 3);
    t.left[split] = split + 1;
    t.right[split] = split + 2;
    t.value[split] = 0;
    t.cover[split] = cover;
    // the leaf: a value and a cover that differ per level
    t.feature[split + 1] = -1;
    t.threshold[split + 1] = 0;
    t.left[split + 1] = -1;
    t.right[split + 1] = -1;
    t.value[split + 1] = ((k * 7) % 5) - 2 + valueShift;
    t.cover[split + 1] = cover / 2 + (k % 2);
    cover = cover - t.cover[split + 1]!;
  }
  t.feature[2 * s] = -1;
  t.threshold[2 * s] = 0;
  t.left[2 * s] = -1;
  t.right[2 * s] = -1;
  t.value[2 * s] = 3 + valueShift;
  t.cover[2 * s] = cover;
  return t;
}

/** The same tree with every split's children swapped (and `x <= t` still going left): the chain continues on the left. */
const mirrored = (t: TreeJSON): TreeJSON => ({ ...t, left: t.right, right: t.left });


const cols = 4;
// rows that leave the chain at different depths (values 0-3 against thresholds 0.5, 1.5, 2.5); the
// last row sits exactly on thresholds (x <= t goes left)
const x: Matrix = { rows: 7, cols, data: Float64Array.from([3, 3, 3, 3, 0, 3, 3, 3, 3, 0, 2, 1, 2, 2, 2, 2, 1, 3, 0, 2, 3, 1, 2, 3, 0.5, 1.5, 2.5, 1.5]) };

describe('TreeSHAP on hand-written chains', () => {
  for (const splits of [1, 2, 3, 8, 9, 12, 40]) {
    it(`${splits} splits, features 0, 1, 2, 0, 3, 1 repeating: forest and boosting values equal brute force and add up to the output`, () => {
      const a = caterpillar(splits, [0, 1, 2, 0, 3, 1]);
      const b = caterpillar(splits, [2, 0, 0, 3], 0.5);
      for (const kind of ['random_forest', 'gradient_boosting'] as const) {
        const model = treeModelFromJSON({ format: 'prep.trees/1', kind, base: kind === 'random_forest' ? 0 : -0.25, trees: [a, b] });
        const scale = kind === 'random_forest' ? 0.5 : 1;
        const result = treeShap(model, x);
        expect(result.outputSpace).toBe(kind === 'random_forest' ? 'probability' : 'log-odds');
        const expectedValue = (kind === 'random_forest' ? 0 : -0.25) + scale * (treeExpectedValue(treeFromJSON(a)) + treeExpectedValue(treeFromJSON(b)));
        expect(result.expectedValue).toBeCloseTo(expectedValue, 12);
        for (let r = 0; r < x.rows; r++) {
          const row = x.data.subarray(r * cols, (r + 1) * cols);
          const want = bruteForceShapley(treeFromJSON(a), row, cols).map((v, j) => scale * (v + bruteForceShapley(treeFromJSON(b), row, cols)[j]!));
          for (let j = 0; j < cols; j++) expect(result.values[r]![j]).toBeCloseTo(want[j]!, 12);
          const total = result.values[r]!.reduce((s, v) => s + v, result.expectedValue);
          expect(total).toBeCloseTo(result.rawOutput[r]!, 12);
          // one tree at a time, by the recursion (treeShapSingle adds into phi, scaled)
          const single = new Float64Array(cols);
          treeShapSingle(treeFromJSON(a), x, r, single, scale);
          treeShapSingle(treeFromJSON(b), x, r, single, scale);
          for (let j = 0; j < cols; j++) expect(single[j]).toBeCloseTo(want[j]!, 12);
          const explained = explainRow(model, x, r);
          expect(explained.output).toBe(result.rawOutput[r]);
          expect(explained.probability).toBe(model.predictProba(x)[r]);
        }
      }
    });
  }

  it('a chain of 9 distinct features going down the left children (the longest path the buffers hold) and one of 8 (tabled): brute force', () => {
    const wide = 9;
    const rows = [[3, 3, 3, 3, 3, 3, 3, 3, 3], [3, 3, 0, 3, 3, 1, 3, 3, 3], [2, 2, 2, 2, 2, 2, 2, 2, 0], [1, 3, 3, 3, 3, 3, 3, 3, 3]];
    const xw: Matrix = { rows: rows.length, cols: wide, data: Float64Array.from(rows.flat()) };
    // the second chain mirrored: it goes on through the left children, so its depth is found down the left side
    const a = caterpillar(9, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const b = mirrored(caterpillar(8, [8, 7, 6, 5, 4, 3, 2, 1]));
    const model = treeModelFromJSON({ format: 'prep.trees/1', kind: 'gradient_boosting', base: 0, trees: [mirrored(a), b] });
    const result = treeShap(model, xw);
    rows.forEach((row, r) => {
      const want = bruteForceShapley(treeFromJSON(mirrored(a)), row, wide).map((v, j) => v + bruteForceShapley(treeFromJSON(b), row, wide)[j]!);
      for (let j = 0; j < wide; j++) expect(result.values[r]![j]).toBeCloseTo(want[j]!, 12);
    });
  });

  it('treeExpectedValue is the cover-weighted mean of the leaves', () => {
    // leaves: 1 (cover 1), 4 (cover 3): (1 + 12) / 4
    const t = treeFromJSON({ feature: [0, -1, -1], threshold: [0.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [9, 1, 4], cover: [4, 1, 3] });
    expect(treeExpectedValue(t)).toBe(13 / 4);
  });

  it('shapBase: expected value, output space and raw outputs (probabilities for the forest, margins for boosting)', () => {
    const stump = { feature: [0, -1, -1], threshold: [1.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, 0.2, 0.8], cover: [10, 4, 6] };
    const forest = treeModelFromJSON({ format: 'prep.trees/1', kind: 'random_forest', base: 0, trees: [stump] });
    const fb = shapBase(forest, x);
    expect(fb.outputSpace).toBe('probability');
    expect(fb.expectedValue).toBeCloseTo(0.2 * 0.4 + 0.8 * 0.6, 14);
    expect([...fb.rawOutput]).toEqual([0.8, 0.2, 0.8, 0.8, 0.2, 0.8, 0.2]);
    const boost = treeModelFromJSON({ format: 'prep.trees/1', kind: 'gradient_boosting', base: 1, trees: [stump] });
    if (boost.kind !== 'gradient_boosting') throw new Error('kind');
    const base = shapBase(boost, x);
    expect(base.outputSpace).toBe('log-odds');
    expect(base.expectedValue).toBeCloseTo(1 + 0.2 * 0.4 + 0.8 * 0.6, 14);
    expect([...base.rawOutput]).toEqual([...boost.predictMargin(x)]);
    expect([...base.rawOutput]).toEqual([1.8, 1.2, 1.8, 1.8, 1.2, 1.8, 1.2]);
  });

  it('shapValuesOfRows explains rows [start, end), all rows by default', () => {
    const model = treeModelFromJSON({ format: 'prep.trees/1', kind: 'gradient_boosting', base: 0, trees: [caterpillar(9, [0, 1, 2, 3]), caterpillar(3, [3, 2])] });
    const some = shapValuesOfRows(model, x, 2, 5);
    expect(some.map((v) => [...v])).toEqual([2, 3, 4].map((r) => [...explainRow(model, x, r).phi]));
    expect(shapValuesOfRows(model, x).map((v) => [...v])).toEqual([0, 1, 2, 3, 4, 5, 6].map((r) => [...explainRow(model, x, r).phi]));
    expect(shapValuesOfRows(model, x, 4)).toHaveLength(3);
  });
});

describe('shapWorkPerRow', () => {
  it('a tree of up to 8 splits costs 2 per split (tabled); above, nodes plus Σ (depth + 1)² over leaves', () => {
    const model = (trees: TreeJSON[]) => treeModelFromJSON({ format: 'prep.trees/1', kind: 'gradient_boosting', base: 0, trees });
    expect(shapWorkPerRow(model([caterpillar(8, [0])]))).toBe(16);
    // 9 splits: 19 nodes; leaves at depths 1..9 and a last one at depth 9: Σ_{d=1..9} (d + 1)² + 10² = 384 + 100
    expect(shapWorkPerRow(model([caterpillar(9, [0])]))).toBe(19 + 384 + 100);
    expect(shapWorkPerRow(model([caterpillar(8, [0]), caterpillar(9, [1]), caterpillar(1, [2])]))).toBe(16 + 503 + 2);
    // a single leaf: no split, tabled, no work
    expect(shapWorkPerRow(model([{ feature: [-1], threshold: [0], left: [-1], right: [-1], value: [1], cover: [1] }]))).toBe(0);
  });
});
