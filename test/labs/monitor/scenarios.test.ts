/** The drift simulations say when they cannot change anything in a run's rows, instead of reporting "no drift" over data they left alone. */
import { describe, expect, it } from 'vitest';
import { findScenario, scenarios, type LabelledRow } from '../../../src/labs/monitor/scenarios.js';

const telcoLike: LabelledRow[] = [
  { record: { tenure: 2, Contract: 'Month-to-month', MonthlyCharges: 70.7, TotalCharges: 151.65 }, label: true },
  { record: { tenure: 45, Contract: 'One year', MonthlyCharges: 42.3, TotalCharges: 1840.75 }, label: false },
];
const bankLike: LabelledRow[] = [
  { record: { Age: 42, Balance: 0, Geography: 'France' }, label: true },
  { record: { Age: 39, Balance: 83807.86, Geography: 'Spain' }, label: false },
];

describe('drift scenarios on rows they were not written for', () => {
  it('every scenario applies to rows with the Telco sample\'s columns', () => {
    for (const s of scenarios) expect(s.unavailable?.(telcoLike), s.name).toBeUndefined();
  });

  it('on other columns each simulation says what it would have changed; the control always applies', () => {
    expect(findScenario('price-rise')!.unavailable!(bankLike)).toBe('it changes MonthlyCharges and TotalCharges, and these rows have no number in either');
    expect(findScenario('new-customers')!.unavailable!(bankLike)).toBe('it over-weights customers with a tenure of 6 months or less, and no row is one');
    expect(findScenario('contract-shift')!.unavailable!(bankLike)).toMatch(/Month-to-month contracts \(column Contract\), and no row is one/);
    expect(findScenario('none')!.unavailable?.(bankLike)).toBeUndefined();
  });

  it('a resampling scenario needs rows on both sides: all month-to-month is as useless as none', () => {
    const allMonthly = telcoLike.map((r) => ({ ...r, record: { ...r.record, Contract: 'Month-to-month' } }));
    expect(findScenario('contract-shift')!.unavailable!(allMonthly)).toMatch(/every row is one/);
    // and the scenario's build leaves such rows as they were, which is why it must not run
    expect(findScenario('contract-shift')!.build(allMonthly, 1)).toEqual(allMonthly);
  });
});
