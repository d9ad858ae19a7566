/**
 * categoricalGroups, by hand: which columns of an encoded design SMOTE-NC treats as categorical.
 * (The churn lab's own test covers it on a real design; this one runs in the mutation run too.)
 */
import { describe, expect, it } from 'vitest';
import { categoricalGroups } from '../../src/ml/smote.js';

const design = (featureNames: string[], rows: number[][]) => ({ rows: rows.length, cols: featureNames.length, data: Float64Array.from(rows.flat()), featureNames });

describe('categoricalGroups', () => {
  it('groups one-hot columns by their "column=" prefix in first-seen order, and takes 0/1 columns as flags of one', () => {
    const x = design(
      ['tenure', 'Contract=Month', 'Partner', 'Contract=One year', 'Internet=DSL', 'score', 'Contract=Two year', 'Internet=Fiber'],
      [
        [0, 1, 1, 0, 1, 0.5, 0, 0],
        [1, 0, 0, 1, 0, 2, 0, 1],
        [1, 0, 1, 0, 0, 1, 1, 0],
      ],
    );
    // tenure is 0/1 here, so it is a flag; score has 0.5 and 2, so it is numeric
    expect(categoricalGroups(x)).toEqual([[0], [1, 3, 6], [2], [4, 7]]);
  });

  it('a column is a flag only when every row is 0 or 1 (the last row decides too); a name starting with "=" is no one-hot prefix', () => {
    expect(categoricalGroups(design(['a', 'b'], [[0, 1], [1, 1], [1, 2]]))).toEqual([[0]]);
    expect(categoricalGroups(design(['a', 'b'], [[0, -1], [1, 1]]))).toEqual([[0]]);
    expect(categoricalGroups(design(['=x', 'y=1'], [[0.5, 1], [1, 0]]))).toEqual([[1]]);
    expect(categoricalGroups(design(['=x'], [[0], [1]]))).toEqual([[0]]);
    expect(categoricalGroups(design([], []))).toEqual([]);
  });
});
