/**
 * Column typing and date parsing by hand: the integer and real patterns at their edges, counts
 * of missing fields, long ids as TEXT, and calendar checks of dates and times.
 */
import { describe, expect, it } from 'vitest';
import { convertField, normaliseDateTime, TypeInferrer } from '../../src/data/datasets/typing.js';

const typeOf = (values: string[]) => {
  const t = new TypeInferrer(['c']);
  for (const v of values) t.observe([v]);
  return t.result()[0]!;
};

describe('TypeInferrer', () => {
  it('integers with a sign and around blanks; counts of missing fields; a column with no values is TEXT', () => {
    expect(typeOf(['+1', '-2', ' 3 ', ''])).toEqual({ name: 'c', type: 'INTEGER', missing: 1 });
    expect(typeOf(['', '  '])).toEqual({ name: 'c', type: 'TEXT', missing: 2 });
    expect(typeOf(['*1'])).toEqual({ name: 'c', type: 'TEXT', missing: 0 });
    const two = new TypeInferrer(['a', 'b']);
    two.observe(['1', '']);
    two.observe(['2', 'x']);
    expect(two.result()).toEqual([
      { name: 'a', type: 'INTEGER', missing: 0 },
      { name: 'b', type: 'TEXT', missing: 1 },
    ]);
  });

  it('reals: 1., .5, 1e5, 2.5E-3 and +.5e+2 are numbers; e5, 1e, 1e+, .e1, 1.5x and 1,5 are not', () => {
    for (const v of ['1.', '.5', '1e5', '2.5E-3', '+.5e+2', '1.25e10']) expect(typeOf([v]).type, v).toBe('REAL');
    for (const v of ['e5', '1e', '1e+', '.e1', '1.5x', '1,5', '.', '1e5.5', 'x1.5', '1.5e1x']) expect(typeOf([v]).type, v).toBe('TEXT');
  });

  it('an integer beyond 2^53 makes the column TEXT (its digits survive), 2^53 − 1 stays INTEGER', () => {
    expect(typeOf(['1', '9007199254740993']).type).toBe('TEXT');
    expect(typeOf(['9007199254740991']).type).toBe('INTEGER');
  });

  it('convertField: blanks are NULL, TEXT is kept as written, numbers are trimmed and converted', () => {
    expect(convertField('  ', 'INTEGER')).toBeNull();
    expect(convertField(' a b ', 'TEXT')).toBe(' a b ');
    expect(convertField(' 12 ', 'INTEGER')).toBe(12);
    expect(convertField(' 1.5 ', 'REAL')).toBe(1.5);
  });
});

describe('normaliseDateTime', () => {
  it('ISO dates with and without time, seconds, fractions and a time zone; spreadsheet m/d/y', () => {
    expect(normaliseDateTime(' 2010-12-01 ')).toBe('2010-12-01 00:00:00');
    expect(normaliseDateTime('2010-12-01T08:26')).toBe('2010-12-01 08:26:00');
    expect(normaliseDateTime('2010-12-01 8:26:07.123Z')).toBe('2010-12-01 08:26:07');
    expect(normaliseDateTime('2010-12-01T08:26:07+01:00')).toBe('2010-12-01 08:26:07');
    expect(normaliseDateTime('12/1/2010 8:26')).toBe('2010-12-01 08:26:00');
    expect(normaliseDateTime('12/31/2010 23:59:59')).toBe('2010-12-31 23:59:59');
    expect(normaliseDateTime('1/2/2011')).toBe('2011-01-02 00:00:00');
  });

  it('rejects dates that are not on the calendar, times past 23:59:59, and anything with extra text', () => {
    for (const bad of ['2023-02-29', '2023-13-01', '2023-04-31', '2/30/2020', '2010-12-01 24:00', '2010-12-01 23:60', '2010-12-01 23:59:60', '12/1/2010 24:00', '12/1/2010 8:60', '12/1/2010 8:26:60', 'x2010-12-01', '2010-12-01x', '12/1/2010x', 'x12/1/2010', '12/1/2010 8:26:5', '2010-12-01 08:26:07.x', '12/123/2010', '12/1/2010 123:00']) {
      expect(normaliseDateTime(bad), bad).toBeUndefined();
    }
    expect(normaliseDateTime('2020-02-29')).toBe('2020-02-29 00:00:00');
    expect(normaliseDateTime('2/29/2020 23:59:59')).toBe('2020-02-29 23:59:59');
  });
});
