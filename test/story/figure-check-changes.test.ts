/**
 * Changes are not levels: "improved recall by 5%", "a 26% lift", "went up 5%" describe a before
 * and an after that no run records as one figure, so they are "no run" with the reason that says
 * so; a level reached ("improved recall to 79.3%") or a total ("made up 26.5%") is checked as the
 * run's figure. Each verb, preposition and word after the figure that marks a change is pinned,
 * beside a near miss. Against the frozen run store of test/fixtures/figure-check; no lab runs.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkClaims } from '../../src/story/check.js';
import { repoRoot } from '../helpers/home.js';
import { frozenRuns } from '../helpers/frozen-runs.js';

const frozen = frozenRuns(join(repoRoot, 'test/fixtures/figure-check'));
const CHANGE = "a change (before vs after) that no run records: prep's labs measure levels on held-out data; quote the two measured figures, or cite where the change was measured";

const only = (text: string) => {
  const checks = checkClaims(text, frozen);
  expect(checks, text).toHaveLength(1);
  return checks[0]!;
};

describe('a verb of change before a percentage', () => {
  const verbs = ['improved', 'improves', 'increased', 'increases', 'decreased', 'decreases', 'reduced', 'reduces', 'grew', 'grows', 'rose', 'fell', 'dropped', 'cut', 'cuts', 'boosted', 'boosts', 'lifted', 'lifts', 'raised', 'lowered', 'saved', 'saves', 'saving'];
  it.each(verbs)('"Class weights %s CV recall about 5%%" is a change', (verb) => {
    expect(only(`Class weights ${verb} CV recall about 5%.`)).toMatchObject({ verdict: 'no-run', reason: CHANGE });
  });

  it('with up to two words between, and each hedge', () => {
    for (const hedge of ['', 'about ', 'around ', 'roughly ', 'nearly ', 'almost ', 'over ', '~']) {
      expect(only(`Class weights lifted CV recall ${hedge}5%.`), hedge).toMatchObject({ verdict: 'no-run', reason: CHANGE });
    }
  });

  it('"to" and "from" make it a level: the level is checked', () => {
    expect(only('Class weights improved CV recall to 79.3%.')).toMatchObject({ verdict: 'backed', metric: 'churn.imbalance.classWeights.recall' });
    expect(only('Class weights improved CV recall to 83%.')).toMatchObject({ verdict: 'differs', metric: 'churn.imbalance.classWeights.recall' });
    expect(only('Churn rose to 26.5% on IBM\'s Telco sample.')).toMatchObject({ verdict: 'backed', metric: 'churn.dataset.positiveRate' });
    expect(only('Churn rose from 20% on IBM\'s Telco sample.')).toMatchObject({ verdict: 'differs', metric: 'churn.dataset.positiveRate' });
    // no "to": a change
    expect(only('Churn rose 26.5% on IBM\'s Telco sample.')).toMatchObject({ verdict: 'no-run', reason: CHANGE });
  });

  it('"by", "up" and "down" before a figure', () => {
    for (const text of ['Class weights improved the CV recall by 26%.', 'Class weights improved the CV recall by about 26%.', 'Class weights improved the CV recall by ~26%.', 'CV recall went up 26% with class weights.', 'CV recall went down 5% with SMOTE.', 'Precision rose by 5 pp.', 'Precision rose by 5 percentage points.']) {
      expect(only(text), text).toMatchObject({ verdict: 'no-run', reason: CHANGE });
    }
  });

  it('"made up" and "ended up" are totals, not changes', () => {
    expect(only("Churners made up 26.5% of IBM's Telco customers.")).toMatchObject({ verdict: 'backed', metric: 'churn.dataset.positiveRate' });
    expect(only("Churners made up 30% of IBM's Telco customers.")).toMatchObject({ verdict: 'differs', metric: 'churn.dataset.positiveRate' });
    expect(only("Churners ended up 26.5% of IBM's Telco customers.")).toMatchObject({ verdict: 'backed', metric: 'churn.dataset.positiveRate' });
  });
});

describe('a word of change after the figure', () => {
  const after = ['higher CV recall', 'lift in CV recall', 'uplift in CV recall', 'increase in CV recall', 'improvement in CV recall', 'gain in CV recall', 'drop in CV recall', 'decrease in CV recall', 'reduction in CV recall', 'more recall in CV', 'less recall in CV', 'fewer churners caught in CV', 'slower in CV', 'worse in CV recall', 'better in CV recall', 'faster in CV', 'lower CV recall'];
  it.each(after)('"a 26%% %s" is a change', (words) => {
    expect(only(`Class weights gave a 26% ${words}.`)).toMatchObject({ verdict: 'no-run', reason: CHANGE });
  });

  it('"up 5% from the baseline" beside a level: the level is checked, the change is not', () => {
    const [level, change] = checkClaims('Test recall was 69.5%, up 5% from the baseline.', frozen);
    expect(level).toMatchObject({ verdict: 'backed', metric: 'churn.test.recall' });
    expect(change).toMatchObject({ verdict: 'no-run', reason: CHANGE });
  });

  it('a multiplier is a ratio of two figures', () => {
    expect(only('Recall improved 2x.')).toMatchObject({ verdict: 'no-run', reason: 'no run records a ratio between two systems or periods; quote both measured figures instead' });
  });
});
