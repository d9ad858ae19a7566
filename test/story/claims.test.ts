import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/story/claims.js';

const brief = (text: string) => extractClaims(text).map((c) => [c.text, c.unit, Number(c.value.toPrecision(6)), c.high ?? null, c.role ?? null, c.topShare ?? null]);

describe('claim extraction on tricky text', () => {
  it('reads percentages, decimals, latencies, throughput, money and shares with their qualifier', () => {
    expect(brief('89% accuracy and 0.92 AUC, 45 ms latency and 500 req/s, saved $1.2M; top 10% of customers drive 68% of revenue')).toEqual([
      ['89%', 'percent', 0.89, null, null, null],
      ['0.92', 'decimal', 0.92, null, null, null],
      ['45 ms', 'ms', 45, null, null, null],
      ['500 req/s', 'per_second', 500, null, null, null],
      ['$1.2M', 'money', 1200000, null, null, null],
      ['10%', 'qualifier', 0.1, null, null, null],
      ['68%', 'percent', 0.68, null, null, 0.1],
    ]);
  });

  it('"from 27% to 21%", ranges, multipliers, thousands separators, k suffixes and seconds', () => {
    expect(brief('churn fell from 27% to 21%')).toEqual([
      ['27%', 'percent', 0.27, null, 'from', null],
      ['21%', 'percent', 0.21, null, 'to', null],
    ]);
    expect(brief('a 5-10% uplift, 2x faster, 0.9k rps, 1,234,567 rows, p99 of 1.5 s')).toEqual([
      ['5-10%', 'percent', 0.05, 0.1, null, null],
      ['2x', 'multiplier', 2, null, null, null],
      ['0.9k rps', 'per_second', 900, null, null, null],
      ['1,234,567', 'count', 1234570, null, null, null],
      ['1.5 s', 'ms', 1500, null, null, null],
    ]);
  });

  it('ignores years, fold counts, k = N, small design counts, run ids and the default 0.5 threshold', () => {
    expect(brief('In 2023 I used 5-fold CV, k = 4, 3 models, recall at 0.5, run churn-20261122-164210-0566')).toEqual([]);
  });

  it('keeps the resolution a figure is shown with', () => {
    const [a, b, c] = extractClaims('84.9% recall, 0.85 AUC, 7K customers');
    expect(a!.resolution).toBeCloseTo(0.0005, 12);
    expect(b!.resolution).toBeCloseTo(0.005, 12);
    expect(c!.value).toBe(7000);
    expect(c!.resolution).toBe(500);
  });
});
