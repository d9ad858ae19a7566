/** The catalogue entries of issue 17's figures: every new key resolves, and its sentences quote the value. */
import { describe, expect, it } from 'vitest';
import { findStatisticsEntry, patternToRegExp, statisticsEntries } from '../../src/labs/catalogue/statistics.js';
import { knownMetricKeys } from '../../src/labs/metric-keys.js';

const newKey = /ci95|netValueGain|\.brier$|\.ece$|calibrated|cv\.choice|paired|Gap|partialMonthDays|zeroValuePurchaseDays|overlapShare|^retrain\.|^cancellations\.|^net\./;

describe('statistics catalogue', () => {
  it('patterns: {a|b} alternatives literally, {name} one key segment', () => {
    const re = patternToRegExp('fairness.{attribute}.{recallGap|positiveRateGap}.pValue');
    expect(re.test('fairness.senior.recallGap.pValue')).toBe(true);
    expect(re.test('fairness.senior.x.recallGap.pValue')).toBe(false);
    expect(re.test('fairness.senior.recallgap.pValue')).toBe(false);
  });

  it('every new key the labs record has an entry with a meaning and an interview sentence that quotes it', () => {
    const keys = [...knownMetricKeys].map((k) => k.slice(k.indexOf('.') + 1)).filter((k) => newKey.test(k));
    expect(keys.length).toBeGreaterThan(50);
    for (const key of keys) {
      const entry = findStatisticsEntry(key);
      expect(entry, key).toBeDefined();
      const value = key.includes('pValue') ? 0.0021 : key.includes('netValueGain') ? 1800 : 0.8342;
      const context = { key, value, inputs: { r1: 1000, versus: 'logistic_regression' }, others: new Map<string, number>(), parts: {} };
      const meaning = entry!.meaning(context);
      const interview = entry!.interview(context);
      expect(meaning.length, key).toBeGreaterThan(30);
      expect(`${meaning} ${interview}`, key).not.toMatch(/undefined|NaN|\[object/);
      expect(interview, key).toMatch(/\d/);
      expect(interview.trim(), key).toMatch(/[.!]$/);
    }
  });

  it('vocabulary is lower case, and every entry names a stage, unit and kind', () => {
    for (const e of statisticsEntries) {
      expect(e.vocabulary.length, e.key).toBeGreaterThan(2);
      for (const v of e.vocabulary) expect(v, e.key).toBe(v.toLowerCase());
      expect(e.stage.length).toBeGreaterThan(1);
    }
  });

  it('quotes an interval with both ends when the run has them', () => {
    const others = new Map([
      ['test.auc', 0.8342],
      ['test.auc.ci95Low', 0.8104],
      ['test.auc.ci95High', 0.8563],
    ]);
    const entry = findStatisticsEntry('test.auc.ci95Low')!;
    expect(entry.interview({ key: 'test.auc.ci95Low', value: 0.8104, inputs: {}, others, parts: {} })).toBe('The ROC-AUC of 0.834 on the test set has a 95% bootstrap confidence interval of 0.810 to 0.856, so I quote it as a range, not a point.');
    const gap = findStatisticsEntry('fairness.senior.recallGap.pValue')!;
    expect(gap.interview({ key: 'fairness.senior.recallGap.pValue', value: 0.0022, inputs: {}, others, parts: {} })).toMatch(/p = 0\.002, so the gap is significant at the 5% level/);
  });
});
