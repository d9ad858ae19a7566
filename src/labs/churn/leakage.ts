/**
 * Target leakage, checked on the training rows after the split: a column that on its own ranks
 * churners above stayers almost perfectly is, in churn data, nearly always written after the
 * outcome (a churn reason, a churn label, a score computed from the outcome). The lab drops such a
 * column before any model sees it and says so; a column that is merely very strong is kept and
 * flagged, to be checked by the person who knows when it is filled in.
 *
 * The measure is the column's single-feature ROC-AUC, max(AUC, 1 − AUC) so that direction does not
 * matter: a numeric column ranks by its value (a missing value ranks below every value); a
 * categorical one by its level's churn rate, learned on the other half of the training rows (each
 * row drawn into a half by a fixed-seed generator, not by position, which a sorted or periodic file
 * would defeat), so that a column with many levels is not rewarded for memorising them.
 */
import { rocAuc } from '../../ml/metrics.js';
import { createRng } from '../../ml/random.js';
import type { ColumnInfo, RawRow } from './extract.js';

/** At or above this single-feature AUC a column is dropped as leakage. */
export const leakageDropAuc = 0.99;
/** At or above this it is kept but flagged. */
export const leakageWarnAuc = 0.9;

export interface LeakageFinding {
  column: string;
  /** max(AUC, 1 − AUC) of the column alone on the training rows. */
  auc: number;
  dropped: boolean;
}

/** The columns whose single-feature AUC on these rows reaches leakageWarnAuc, strongest first. */
export function findLeakage(rows: RawRow[], columns: ColumnInfo[], y: Uint8Array): LeakageFinding[] {
  const findings: LeakageFinding[] = [];
  for (const column of columns) {
    const scores = column.kind === 'numeric' ? numericScores(rows, column.name) : levelRateScores(rows, column.name, y);
    const auc = rocAuc(y, scores);
    if (!Number.isFinite(auc)) continue;
    const strength = Math.max(auc, 1 - auc);
    if (strength >= leakageWarnAuc) findings.push({ column: column.name, auc: strength, dropped: strength >= leakageDropAuc });
  }
  return findings.sort((a, b) => b.auc - a.auc || a.column.localeCompare(b.column));
}

function numericScores(rows: RawRow[], name: string): Float64Array {
  return Float64Array.from(rows, (r) => (typeof r[name] === 'number' ? (r[name] as number) : -Infinity));
}

/** Each row scored by its level's churn rate in the other half of the rows (the overall rate there for a level it lacks). */
function levelRateScores(rows: RawRow[], name: string, y: Uint8Array): Float64Array {
  const rng = createRng(1);
  const halfOf = Uint8Array.from(rows, () => (rng.next() < 0.5 ? 0 : 1));
  const halves = [0, 1].map((half) => {
    const counts = new Map<string, { positives: number; rows: number }>();
    let positives = 0;
    let n = 0;
    rows.forEach((r, i) => {
      if (halfOf[i] !== half) return;
      const level = String(r[name]);
      const c = counts.get(level) ?? { positives: 0, rows: 0 };
      c.positives += y[i]!;
      c.rows++;
      counts.set(level, c);
      positives += y[i]!;
      n++;
    });
    return { counts, overall: n ? positives / n : 0 };
  });
  return Float64Array.from(rows, (r, i) => {
    const other = halves[1 - halfOf[i]!]!;
    const c = other.counts.get(String(r[name]));
    return c ? c.positives / c.rows : other.overall;
  });
}
