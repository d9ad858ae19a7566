/**
 * The drift summary's histogram: equal-width bins over both samples (hand-computed values), the
 * column it plots, and its text (bars scaled to the largest share).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { columnValues, histogramColumn, histogramPair } from '../../src/labs/monitor/drift-histogram.js';
import type { ColumnDriftRow, DriftReport } from '../../src/labs/monitor/drift-report.js';
import { renderHistogramPair } from '../../src/ui/lab/drift-text.js';

describe('histogramPair', () => {
  it('bins both samples over their joint range; the maximum falls in the last bin', () => {
    // range 0..5 in 5 bins of width 1
    expect(histogramPair([0, 1, 2, 3], [2, 3, 4, 5], 5)).toEqual([
      { lower: 0, reference: 0.25, current: 0 },
      { lower: 1, reference: 0.25, current: 0 },
      { lower: 2, reference: 0.25, current: 0.25 },
      { lower: 3, reference: 0.25, current: 0.25 },
      { lower: 4, reference: 0, current: 0.5 },
    ]);
  });

  it('a constant column puts every value in the first bin', () => {
    const bins = histogramPair([3, 3], [3], 4);
    expect(bins.map((b) => [b.lower, b.reference, b.current])).toEqual([
      [3, 1, 1],
      [4, 0, 0],
      [5, 0, 0],
      [6, 0, 0],
    ]);
  });

  it('each side\'s shares sum to 1 and every value lands in a bin', () => {
    const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(sample, sample, fc.integer({ min: 1, max: 30 }), (reference, current, bins) => {
        const h = histogramPair(reference, current, bins);
        expect(h).toHaveLength(bins);
        expect(h.reduce((s, b) => s + b.reference, 0)).toBeCloseTo(1, 9);
        expect(h.reduce((s, b) => s + b.current, 0)).toBeCloseTo(1, 9);
        // equal as numbers: Math.min(0, -0) is -0 and the first edge lo + 0·width is +0 (found by fast-check)
        expect(h[0]!.lower === Math.min(...reference, ...current)).toBe(true);
      }),
    );
  });
});

describe('histogramColumn', () => {
  const column = (name: string, kind: 'numeric' | 'categorical', statistic: number, threshold: number, drifted: boolean, psi: number) =>
    ({ column: name, kind, method: 'm', statistic, threshold, drifted, psi }) as unknown as ColumnDriftRow;
  const report = (columns: ColumnDriftRow[]) => ({ columns }) as unknown as DriftReport;

  it('plots the drifted numeric column with the largest PSI', () => {
    const r = report([column('a', 'numeric', 0.5, 0.1, true, 0.2), column('b', 'numeric', 0.2, 0.1, true, 0.9), column('c', 'categorical', 0.9, 0.1, true, 5)]);
    expect(histogramColumn(r)?.column).toBe('b');
  });

  it('without drift, the numeric column nearest its threshold', () => {
    const r = report([column('a', 'numeric', 0.02, 0.1, false, 0), column('b', 'numeric', 0.09, 0.1, false, 0), column('c', 'categorical', 0.095, 0.1, false, 0)]);
    expect(histogramColumn(r)?.column).toBe('b');
  });

  it('no numeric column, no plot', () => {
    expect(histogramColumn(report([column('c', 'categorical', 0.5, 0.1, true, 1)]))).toBeUndefined();
  });

  it('reads only the numeric values of the column', () => {
    const rows = [{ record: { x: 1 } }, { record: { x: 'n/a' } }, { record: {} }, { record: { x: 2.5 } }];
    expect(columnValues(rows as never, 'x')).toEqual([1, 2.5]);
  });
});

describe('renderHistogramPair', () => {
  it('scales bars to the largest share (24 blocks) and prints lower edges and percentages', () => {
    const text = renderHistogramPair([
      { lower: 0, reference: 0.5, current: 0.25 },
      { lower: 12.34, reference: 0.5, current: 0.75 },
    ]);
    const bar = (n: number) => '█'.repeat(n).padEnd(24);
    expect(text.split('\n')).toEqual([
      `      0.0  ${bar(16)}  50%  ${bar(8)}  25%`,
      `     12.3  ${bar(16)}  50%  ${bar(24)}  75%`,
    ]);
  });
});
