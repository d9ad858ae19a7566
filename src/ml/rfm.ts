/**
 * RFM scoring. Quintile scores 1-5 from each customer's rank, with one rule for ties: customers
 * with equal values get equal scores. A tie group takes the score of its average (mid) rank:
 *   score = floor(5 · (midrank − 1) / n) + 1,  midrank = average 1-based position of the group
 * (scipy.stats.rankdata's "average"), which is the plain quintile of the position when there are
 * no ties. Recency is scored so the most recent fifth gets 5. Because a large tie group (e.g. all
 * one-time buyers) cannot be split, quintiles can hold more or fewer than a fifth of customers.
 * Segments are named from the R and F scores by the grid below: every (R, F) pair lands in
 * exactly one segment.
 */
export const quintileRule = 'quintile of the average rank: equal values get equal scores (score = floor(5 · (midrank − 1) / n) + 1); R: the most recent fifth scores 5';

export function quintileScores(values: ArrayLike<number>, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const scores = new Uint8Array(n);
  for (let start = 0; start < n; ) {
    let end = start;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    const midrank = (start + 1 + end) / 2; // average of the 1-based positions start+1 .. end
    const q = Math.min(5, Math.floor((5 * (midrank - 1)) / n) + 1);
    for (let k = start; k < end; k++) scores[order[k]!] = higherIsBetter ? q : 6 - q;
    start = end;
  }
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
