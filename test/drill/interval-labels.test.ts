/**
 * Interval labels at each unit boundary, by hand (Anki's button labels): 60 minutes is "1h", 30
 * days "1mo", 365 days "1y"; whole months and years lose their ".0", fractional ones keep it.
 */
import { describe, expect, it } from 'vitest';
import { formatInterval } from '../../src/drill/scheduler.js';

const MIN = 60_000;
const DAY = 86_400_000;

describe('formatInterval at the unit boundaries', () => {
  it('60 minutes is an hour, 30 days a month, 365 days a year', () => {
    expect(formatInterval(59 * MIN)).toBe('59m');
    expect(formatInterval(60 * MIN)).toBe('1h');
    expect(formatInterval(29 * DAY)).toBe('29d');
    expect(formatInterval(30 * DAY)).toBe('1mo');
    expect(formatInterval(364 * DAY)).toBe('12.1mo');
    expect(formatInterval(365 * DAY)).toBe('1y');
  });

  it('drops a trailing ".0" only: 2 months, 2 years, but 10.5 months and 2.5 years', () => {
    expect(formatInterval(60 * DAY)).toBe('2mo');
    expect(formatInterval(315 * DAY)).toBe('10.5mo');
    expect(formatInterval(730 * DAY)).toBe('2y');
    expect(formatInterval(3650 * DAY)).toBe('10y');
    expect(formatInterval(912.5 * DAY)).toBe('2.5y');
  });
});
