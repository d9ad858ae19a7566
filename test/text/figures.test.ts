/** Figures as people write them: units, suffixes, separators, ranges, ±, qualifiers and stated precision. */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/text/analyse.js';
import { extractFigures } from '../../src/text/figures.js';

const figures = (text: string) => analyse(text).flatMap((s) => extractFigures(s, text));
const brief = (text: string) => figures(text).map((f) => [f.text, f.unit, Number(f.value.toPrecision(6)), f.high ?? null]);

describe('figure extraction', () => {
  it('reads percentages, decimals, latencies, throughput, money and multipliers', () => {
    expect(brief('89% accuracy and 0.92 AUC, 45 ms latency and 500 req/s, saved $1.2M; 2x faster')).toEqual([
      ['89%', 'percent', 0.89, null],
      ['0.92', 'decimal', 0.92, null],
      ['45 ms', 'ms', 45, null],
      ['500 req/s', 'per_second', 500, null],
      ['$1.2M', 'money', 1200000, null],
      ['2x', 'multiplier', 2, null],
    ]);
  });

  it('reads units glued to the number, seconds as ms, k suffixes, separators and scientific notation', () => {
    expect(brief('Latency was 45ms and p95 120ms; p99 of 1.5 s. 0.9k rps over 1,234,567 rows, error 7.1e-15.')).toEqual([
      ['45ms', 'ms', 45, null],
      ['120ms', 'ms', 120, null],
      ['1.5 s', 'ms', 1500, null],
      ['0.9k rps', 'per_second', 900, null],
      ['1,234,567', 'number', 1234570, null],
      ['7.1e-15', 'decimal', 7.1e-15, null],
    ]);
  });

  it('reads ranges written with a dash, "to" before a unit, and "between ... and ..."', () => {
    expect(brief('a 5-10% uplift; AUC between 0.81 and 0.86; 5 to 10 ms')).toEqual([
      ['5-10%', 'percent', 0.05, 0.1],
      ['0.81 and 0.86', 'decimal', 0.81, 0.86],
      ['5 to 10 ms', 'ms', 5, 10],
    ]);
    // "to" without a unit after it is a change of value, not a range
    expect(brief('Inertia fell from 6,474 at k = 2 to 4,856 at k = 3.').map((f) => f[0])).toEqual(['6,474', '2', '4,856', '3']);
  });

  it('links a ± figure to the figure it qualifies and reads durations as periods', () => {
    const [mean, std] = figures('AUC 0.849 ± 0.005 under 5-fold CV, a 13-week hold-out and 12-month CLV');
    expect(std!.plusMinusOf).toBe(0);
    expect(mean!.plusMinusOf).toBeUndefined();
    expect(brief('under 5-fold CV, a 13-week hold-out and 12-month CLV').map((f) => [f[0], f[1]])).toEqual([
      ['5-fold', 'duration'],
      ['13-week', 'duration'],
      ['12-month', 'duration'],
    ]);
  });

  it('ignores years, dates, run ids, versions and percentile names', () => {
    expect(brief('In 2023 (2011-12-09) run churn-20261122-164210-0566 on v2.1 gave p95 and P99 in Q3')).toEqual([]);
  });

  it('keeps the stated precision and the qualifier', () => {
    const [a, b, c, d, e] = figures('84.9% recall, about 0.85 AUC, 7K customers, over 60% of revenue, under 2 ms');
    expect(a!.resolution).toBeCloseTo(0.0005, 12);
    expect(b!.resolution).toBeCloseTo(0.005, 12);
    expect(b!.approximation).toBe('about');
    expect(c!.value).toBe(7000);
    expect(c!.resolution).toBe(500);
    expect(d!.approximation).toBe('over');
    expect(e!.approximation).toBe('under');
  });

  it('maps each figure to its tokens in the sentence', () => {
    const text = 'Recall reached 69.5% on held-out customers.';
    const [s] = analyse(text);
    const [f] = extractFigures(s!, text);
    expect(s!.tokens.slice(f!.tokenFrom, f!.tokenTo).map((t) => t.text).join('')).toBe('69.5%');
  });
});
