/**
 * The uncertainty block of the churn lab's terminal summary (issue 17): model-choice rule,
 * bootstrap intervals, calibration and tested fairness gaps, as plain lines shared by the live
 * Ink view and the plain-text output. The HTML report renders the same figures from the run.
 */
import { sensitiveColumnNames, type ChurnLabResult } from '../../labs/churn/types.js';

/** Readable group names for the fairness attributes (SeniorCitizen is coded 0/1 in the data). */
export function groupName(attribute: string, value: string): string {
  if (attribute === 'SeniorCitizen') return value === '1' ? 'senior (65+)' : value === '0' ? 'not senior' : value;
  return value;
}

/** The name a fairness column has in metric keys (runs saved before --fairness existed keyed SeniorCitizen as "senior"). */
export function fairnessKeyOf(r: ChurnLabResult, column: string): string {
  return r.fairnessAttributes?.find((a) => a.column === column)?.key ?? (column === 'SeniorCitizen' ? 'senior' : column);
}

/** What the fairness section says when it compared no groups, and why. */
export function noFairnessLine(r: ChurnLabResult): string | undefined {
  if (Object.keys(r.fairness).length > 0) return undefined;
  return r.fairnessChosenBy === 'option'
    ? 'Fairness: not measured (--fairness none).'
    : `Fairness: no column of this dataset is named like a sensitive attribute (${sensitiveColumnNames.join(', ')}, in any case); compare the groups of any column with --fairness COLUMN[,COLUMN].`;
}

const f3 = (v: number) => v.toFixed(3);
const range = ([a, b]: [number, number], f = f3) => `[${f(a)}, ${f(b)}]`;
const p = (v: number) => (v < 0.001 ? '< 0.001' : v.toFixed(3));

export function churnStatisticsLines(r: ChurnLabResult): string[] {
  const out: string[] = [];
  const iv = r.test.intervals;
  out.push(`Model choice: ${r.cv.choice.reason}`);
  out.push(`Test 95% intervals (${iv.resamples} stratified bootstrap resamples, seed ${iv.seed}): auc ${f3(r.test.auc)} ${range(iv.auc)}, pr-auc ${f3(r.test.prAuc)} ${range(iv.prAuc)}, recall ${f3(r.test.recall)} ${range(iv.recall)}, precision ${f3(r.test.precision)} ${range(iv.precision)}`);
  if (r.threshold.ci95) out.push(`Threshold ${r.threshold.chosen.toFixed(2)}: re-chosen on 1000 bootstrap resamples of the out-of-fold predictions it lands in ${range(r.threshold.ci95, (v) => v.toFixed(2))}${r.threshold.ci95[1] - r.threshold.ci95[0] > 0.1 ? ': the net-value curve is flat there' : ''}`);
  const gain = r.threshold.netValueGain;
  const establishes = gain.ci95[0] > 0 ? 'the gain is established' : 'the interval reaches zero: the gain is not established';
  out.push(`Threshold gain over 0.5: ${gain.value.toFixed(0)} net value, 95% interval ${range(gain.ci95, (v) => v.toFixed(0))}; ${establishes}`);
  const cal = r.test.calibration;
  const after = cal.calibrated ? `; after ${cal.calibrated.method} (fitted on out-of-fold predictions): brier ${cal.calibrated.brier.toFixed(4)}, ece ${cal.calibrated.ece.toFixed(4)}` : ' (--calibrate platt|isotonic to recalibrate)';
  out.push(`Calibration: brier ${cal.brier.toFixed(4)}, ece ${cal.ece.toFixed(4)} over 10 bins${after}`);
  for (const [column, t] of Object.entries(r.fairnessTests)) {
    const groups = Object.entries(r.fairness[column] ?? {})
      .map(([value, g]) => `${groupName(column, value)} ${f3(g.recall)} ${range(g.recallCi95)}`)
      .join(' vs ');
    out.push(`Fairness ${column}: recall ${groups} (Wilson 95%); gap ${f3(t.recallGap)}, χ² p ${p(t.recallPValue)}: ${t.recallVerdict}; flag-rate gap ${f3(t.positiveRateGap)}, p ${p(t.positiveRatePValue)}: ${t.positiveRateVerdict}${t.note ? ` (${t.note})` : ''}`);
  }
  return out;
}
