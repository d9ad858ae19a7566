/** The leakage check: single-feature ROC-AUC on the training rows, hand-computed cases, and columns that must not be flagged. */
import { describe, expect, it } from 'vitest';
import { findLeakage, leakageDropAuc, leakageWarnAuc } from '../../../src/labs/churn/leakage.js';
import type { ColumnInfo } from '../../../src/labs/churn/extract.js';

const y = Uint8Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 1 : 0));

describe('findLeakage', () => {
  it('drops a column that tells the outcome: a reason filled in only for churners, a copy of the label', () => {
    const rows = Array.from(y, (v, i) => ({ reason: v ? ['price', 'moved'][i % 2]! : '(missing)', label: v ? 'Yes' : 'No', plan: ['a', 'b', 'c'][i % 3]! }));
    const columns: ColumnInfo[] = [
      { name: 'reason', kind: 'categorical' },
      { name: 'label', kind: 'categorical' },
      { name: 'plan', kind: 'categorical' },
    ];
    expect(findLeakage(rows, columns, y)).toEqual([
      { column: 'label', auc: 1, dropped: true },
      { column: 'reason', auc: 1, dropped: true },
    ]);
  });

  it('measures a numeric column by its rank in either direction (hand-counted pairs)', () => {
    // 10 churners, 30 stayers: churners score 0..9 lower than every stayer, but one stayer sits among them
    const low = Array.from(y, (v, i) => (v ? i / 4 : 100 + i));
    low[1] = 5; // one stayer among the churners: below 6..9 (i = 24, 28, 32, 36), tied with 5 (i = 20)
    const rows = low.map((x) => ({ x }));
    const [finding] = findLeakage(rows, [{ name: 'x', kind: 'numeric' }], y);
    // churner above stayer in 4 of the 10 × 30 pairs, one tie counts half: AUC 4.5 / 300, strength 1 − 0.015 = 0.985
    expect(finding!.column).toBe('x');
    expect(finding!.auc).toBeCloseTo(1 - 4.5 / 300, 12);
    expect(finding!.dropped).toBe(false); // under 0.99: flagged, kept
    // one more stayer moved out of the way: perfect separation, dropped
    low[1] = 100;
    expect(findLeakage(low.map((x) => ({ x })), [{ name: 'x', kind: 'numeric' }], y)).toEqual([{ column: 'x', auc: 1, dropped: true }]);
  });

  it('flags a strong but imperfect column and leaves an ordinary one alone', () => {
    // churners 0..9 + noise, stayers from 6: overlap on 6..9
    const score = Array.from(y, (v, i) => (v ? i / 4 : 6 + (i % 30)));
    const rows = score.map((s, i) => ({ score: s, tenure: (i * 7) % 13 }));
    const found = findLeakage(rows, [{ name: 'score', kind: 'numeric' }, { name: 'tenure', kind: 'numeric' }], y);
    expect(found.map((f) => f.column)).toEqual(['score']);
    expect(found[0]!.auc).toBeGreaterThanOrEqual(leakageWarnAuc);
    expect(found[0]!.auc).toBeLessThan(leakageDropAuc);
    expect(found[0]!.dropped).toBe(false);
  });

  it('does not reward memorising: a column with a level per row (an id that slipped through) is not flagged', () => {
    const rows = Array.from(y, (_, i) => ({ code: `C${i}` }));
    expect(findLeakage(rows, [{ name: 'code', kind: 'categorical' }], y)).toEqual([]);
  });
});
