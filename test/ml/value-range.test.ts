import { describe, expect, it } from 'vitest';
import { valueRange } from '../../src/ml/matrix.js';
import { histogramPair } from '../../src/labs/monitor/drift-histogram.js';
import { describeTrainingColumns } from '../../src/labs/churn/save.js';

describe('valueRange: Math.min/Math.max of any number of values', () => {
  it('gives what Math.min(...xs) and Math.max(...xs) give on small arrays', () => {
    for (const xs of [[3, -1, 2], [5], [], [-0, 0], [1, NaN, 2], [Infinity, -Infinity], Float64Array.from([0.5, 0.25])]) {
      expect(valueRange(xs)).toEqual({ min: Math.min(...xs), max: Math.max(...xs) });
    }
  });

  it('300,000 values, where spreading them into Math.min throws', () => {
    const xs = Array.from({ length: 300_000 }, (_, i) => ((i * 7919) % 300_000) - 1000);
    expect(() => Math.min(...xs)).toThrow(RangeError);
    expect(valueRange(xs)).toEqual({ min: -1000, max: 298_999 });
  });

  it('the drift histogram and the model artifact\'s column ranges work on 300,000 rows', () => {
    const reference = Array.from({ length: 300_000 }, (_, i) => i % 100);
    const current = Array.from({ length: 200_000 }, (_, i) => 50 + (i % 100));
    const bins = histogramPair(reference, current, 10);
    expect(bins.reduce((a, b) => a + b.reference, 0)).toBeCloseTo(1, 12);
    expect(bins.reduce((a, b) => a + b.current, 0)).toBeCloseTo(1, 12);
    const rows = reference.map((v) => ({ tenure: v }));
    expect(describeTrainingColumns([{ name: 'tenure', kind: 'numeric' }], rows)).toEqual([{ name: 'tenure', type: 'numeric', min: 0, max: 99, integer: true, nullable: false }]);
  });
});
