/**
 * RFM scoring. Quintile scores 1-5 rank customers (ties broken by input order, like pandas
 * qcut(rank(method='first'), 5)); recency is scored so the most recent fifth gets 5. Segments are
 * named from the R and F scores by the grid below: every (R, F) pair lands in exactly one segment.
 */
export function quintileScores(values: ArrayLike<number>, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const scores = new Uint8Array(n);
  order.forEach((i, rank) => {
    const q = Math.floor((rank * 5) / n) + 1;
    scores[i] = higherIsBetter ? q : 6 - q;
  });
  return scores;
}

export type SegmentName = 'Champions' | 'Loyal' | 'Potential loyalists' | 'New' | 'At risk' | "Can't lose them" | 'Hibernating' | 'Lost';

export interface SegmentRule {
  name: SegmentName;
  key: string;
  /** The rule in words, as printed with the segment table. */
  rule: string;
  description: string;
}

export const segmentRules: readonly SegmentRule[] = [
  { name: 'Champions', key: 'champions', rule: 'R 4-5, F 4-5', description: 'bought recently and often: reward them, ask for reviews' },
  { name: 'Loyal', key: 'loyal', rule: 'R 3, F 4-5', description: 'buy often but not in the last weeks: keep them engaged' },
  { name: 'Potential loyalists', key: 'potentialLoyalists', rule: 'R 4-5, F 2-3; or R 3, F 3', description: 'recent, a few orders: a membership or bundle can make them loyal' },
  { name: 'New', key: 'new', rule: 'R 4-5, F 1', description: 'first order recently: onboarding matters now' },
  { name: 'At risk', key: 'atRisk', rule: 'R 1-2, F 3-4', description: 'used to buy regularly, not for a long time: win them back' },
  { name: "Can't lose them", key: 'cantLoseThem', rule: 'R 1-2, F 5', description: 'among the most frequent buyers, but gone quiet: personal outreach' },
  { name: 'Hibernating', key: 'hibernating', rule: 'R 2-3, F 1-2', description: 'few orders, a while ago: low-cost reactivation only' },
  { name: 'Lost', key: 'lost', rule: 'R 1, F 1-2', description: 'one or two orders long ago: do not spend much here' },
];

/** segmentGrid[R − 1][F − 1]: the segment key of every (R, F) pair, so none is left out or doubled. */
export const segmentGrid: readonly (readonly string[])[] = [
  /* R1 */ ['lost', 'lost', 'atRisk', 'atRisk', 'cantLoseThem'],
  /* R2 */ ['hibernating', 'hibernating', 'atRisk', 'atRisk', 'cantLoseThem'],
  /* R3 */ ['hibernating', 'hibernating', 'potentialLoyalists', 'loyal', 'loyal'],
  /* R4 */ ['new', 'potentialLoyalists', 'potentialLoyalists', 'champions', 'champions'],
  /* R5 */ ['new', 'potentialLoyalists', 'potentialLoyalists', 'champions', 'champions'],
];

export function segmentOf(recencyScore: number, frequencyScore: number): SegmentRule {
  const key = segmentGrid[recencyScore - 1]?.[frequencyScore - 1];
  const rule = segmentRules.find((s) => s.key === key);
  if (!rule) throw new Error(`no segment for R=${recencyScore}, F=${frequencyScore}`);
  return rule;
}
