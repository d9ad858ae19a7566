/**
 * The column a drift summary plots and its binned distributions: reference and current shares
 * over the same equal-width bins, so the two can be read side by side.
 */
import { valueRange } from '../../ml/matrix.js';
import type { ColumnDriftRow, DriftReport } from './drift-report.js';
import type { LabelledRow } from './scenarios.js';

export interface HistogramBin {
  /** The bin's lower edge. */
  lower: number;
  /** Share of the reference rows in this bin. */
  reference: number;
  /** Share of the current rows in this bin. */
  current: number;
}

/**
 * The numeric column to plot: the drifted one with the largest PSI, else the one whose statistic
 * is furthest past (or nearest to) its threshold. Undefined when no column is numeric.
 */
export function histogramColumn(report: DriftReport): ColumnDriftRow | undefined {
  const worst = [...report.columns].filter((c) => c.kind === 'numeric').sort((a, b) => b.statistic / b.threshold - a.statistic / a.threshold)[0];
  return report.columns.filter((c) => c.drifted && c.kind === 'numeric').sort((a, b) => b.psi - a.psi)[0] ?? worst;
}

/** The numeric values of one column (missing and non-numeric values left out). */
export function columnValues(rows: LabelledRow[], column: string): number[] {
  return rows.map((r) => r.record[column]).filter((v): v is number => typeof v === 'number');
}

/** Equal-width bins over the range of both samples; each side's shares sum to 1. */
export function histogramPair(reference: number[], current: number[], bins = 10): HistogramBin[] {
  const ranges = [valueRange(reference), valueRange(current)];
  const lo = Math.min(ranges[0]!.min, ranges[1]!.min);
  const hi = Math.max(ranges[0]!.max, ranges[1]!.max);
  // a constant column has no range: width 1 puts every value in the first bin
  const width = (hi - lo) / bins || 1;
  const shares = (xs: number[]) => {
    const counts = new Array<number>(bins).fill(0);
    for (const x of xs) counts[Math.min(bins - 1, Math.floor((x - lo) / width))]++;
    return counts.map((c) => c / xs.length);
  };
  const r = shares(reference);
  const c = shares(current);
  return r.map((share, i) => ({ lower: lo + i * width, reference: share, current: c[i]! }));
}
