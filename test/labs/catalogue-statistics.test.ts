/** The catalogue entries of issue 17's figures: every new key resolves, and its sentences quote the value. */
import { describe, expect, it } from 'vitest';
import { statisticsEntries } from '../../src/labs/catalogue/statistics.js';
import { catalogue, expandKeys, findEntry } from '../../src/labs/catalogue/index.js';

const newKey = /ci95|netValueGain|\.brier$|\.ece$|calibrated|cv\.choice|paired|Gap|partialMonthDays|zeroValuePurchaseDays|overlapShare|^retrain\.|^cancellations\.|^net\./;

describe('statistics catalogue', () => {
  it('patterns: {a|b} alternatives literally, {name} one key segment', () => {
    expect(findEntry('churn', 'fairness.senior.recallGap.pValue')).toBeDefined();
    expect(findEntry('churn', 'fairness.senior.x.recallGap.pValue')).toBeUndefined();
    expect(findEntry('churn', 'fairness.senior.recallgap.pValue')).toBeUndefined();
  });

  it('every new key the labs record has an entry with a meaning and an interview sentence that quotes it', () => {
    const keys = Object.values(catalogue).flat().flatMap(expandKeys).filter((k) => newKey.test(k));
    expect(keys.length).toBeGreaterThan(50);
    for (const key of keys) {
      const entry = (findEntry('churn', key) ?? findEntry('segment', key))?.entry;
      expect(entry, key).toBeDefined();
      const value = key.includes('pValue') ? 0.0021 : key.includes('netValueGain') ? 1800 : 0.8342;
      const context = { key, value, inputs: { r1: 1000, versus: 'logistic_regression' }, others: new Map<string, number>(), parts: {} };
      const meaning = entry!.meaning(context);
      const interview = entry!.interview(context);
      expect(meaning.length, key).toBeGreaterThan(30);
      expect(`${meaning} ${interview}`, key).not.toMatch(/undefined|NaN|\[object/);
      expect(interview, key).toMatch(/\d/);
      expect(interview.trim(), key).toMatch(/[.!]"?$/);
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
    const entry = findEntry('churn', 'test.auc.ci95Low')!.entry;
    expect(entry.interview({ key: 'test.auc.ci95Low', value: 0.8104, inputs: {}, others, parts: {} })).toBe('The ROC-AUC of 0.834 on the test set has a 95% bootstrap confidence interval of 0.810 to 0.856, so I quote it as a range, not a point.');
    const gap = findEntry('churn', 'fairness.senior.recallGap.pValue')!.entry;
    expect(gap.interview({ key: 'fairness.senior.recallGap.pValue', value: 0.0022, inputs: {}, others, parts: {} })).toMatch(/p = 0\.002, so the gap is significant at the 5% level/);
  });
});
