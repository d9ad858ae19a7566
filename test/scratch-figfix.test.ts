import { it } from 'vitest';
import { checkClaims } from '../src/story/check.js';
import { memoryRuns } from './helpers/frozen-runs.js';
const source = memoryRuns([{ id: 'churn-20261201-100000-aaaa', dataset: 'telco', startedAt: '2026-12-01T10:00:00', metrics: { 'fairness.senior.1.positiveRate': 0.5434, 'fairness.senior.0.positiveRate': 0.2866, 'fairness.senior.positiveRateGap': 0.2568, 'fairness.senior.positiveRateGap.pValue': 1e-12, 'fairness.gender.positiveRateGap.pValue': 0.2, 'test.precision': 0.5652 } }]);
it('scratch', () => {
  process.env.PREP_DEBUG_CHECK = '6';
  for (const t of (process.env.SCRATCH ?? '').split('|')) console.log(JSON.stringify(checkClaims(t, source).map((c) => [c.text, c.verdict, c.metric])));
});
