/**
 * Finds the numeric claims in a pitch or résumé: percentages, decimals, latencies, throughputs,
 * counts, money, multipliers, with the words around each (used to decide what it claims).
 * "Top 10% of customers" is a qualifier, not a result: it is kept to tell which share is meant.
 */
export type ClaimUnit = 'percent' | 'decimal' | 'ms' | 'per_second' | 'money' | 'count' | 'multiplier' | 'qualifier';

export interface Claim {
  text: string;
  value: number;
  /** For a range "5-10%": the upper end; value is the lower. */
  high?: number;
  unit: ClaimUnit;
  /** Half the last shown digit: 84.9% → 0.0005 (in ratio units), 0.92 → 0.005. */
  resolution: number;
  /** About eight words either side, lower-cased. */
  context: string;
  /** The words right after the figure, up to the next figure or punctuation (what it usually describes). */
  after: string;
  /** The words right before it, back to the previous punctuation. */
  before: string;
  /** The one word right before it ("recall 69.5%") and the one right after it ("89% accuracy"). */
  wordBefore: string;
  wordsAfter: string;
  /** For "from 27% to 21%": which end this is. */
  role?: 'from' | 'to';
  /** The "top N%" qualifier that precedes a share claim, as a ratio. */
  topShare?: number;
  index: number;
  line: number;
}

const suffixes: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, bn: 1e9, mn: 1e6 };

// number: 1,234.5 | 0.92 | .5 | 12 ; then optional range, suffix and unit
const pattern =
  /(?<![a-z\d.,])(?<cur>[$£€])?\s?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:\s?(?:-|–|to)\s?(?<num2>\d+(?:\.\d+)?))?\s?(?<suffix>k|m|bn|b|mn)?(?![a-wyz])\s?(?<unit>%|percent\b|ms\b|milliseconds?\b|s\b|seconds?\b|req\/s|requests?\/s|requests per second|rps\b|qps\b|x\b|×|times\b|fold\b|pp\b|percentage points?\b)?/gi;

function decimals(text: string): number {
  const m = /\.(\d+)/.exec(text);
  return m ? m[1]!.length : 0;
}

/** prep run ids (churn-20261122-164210-0566) are names, not figures. */
const runIdPattern = /\b[a-z]+-\d{8}-\d{6}-[0-9a-f]{4}\b/g;

// The wider context stays inside the figure's sentence: "recall 0.75. ... a pilot on 10% of
// accounts" must not read the 10% as a recall. A sentence ends at . ! ? followed by a space, or a line end.
const sentenceTail = (text: string) => text.slice(Math.max(...[...text.matchAll(/[.!?](?=\s)|\n/g)].map((m) => m.index! + 1), 0));
const sentenceHead = (text: string) => text.slice(0, /[.!?](?=\s|$)|\n/.exec(text)?.index ?? text.length);

export function extractClaims(input: string): Claim[] {
  const claims: Claim[] = [];
  const text = input.replace(runIdPattern, (id) => ' '.repeat(id.length));
  const lower = text.toLowerCase();
  for (const m of text.matchAll(pattern)) {
    const g = m.groups!;
    const raw = m[0].trim();
    const index = m.index!;
    const before = lower.slice(Math.max(0, index - 60), index);
    const after = lower.slice(index + m[0].length, index + m[0].length + 60);
    const numText = g.num!.replace(/,/g, '');
    let value = Number(numText);
    let high = g.num2 !== undefined ? Number(g.num2) : undefined;
    const suffix = g.suffix?.toLowerCase();
    const unitText = g.unit?.toLowerCase() ?? '';
    if (suffix) {
      value *= suffixes[suffix]!;
      if (high !== undefined) high *= suffixes[suffix]!;
    }
    let unit: ClaimUnit;
    let resolution = 0.5 * 10 ** -decimals(numText);
    if (unitText === 'fold' || /^\s*-?\s*(fold|folds|month|months|year|years|week|weeks|day|days|trees|features|columns|clusters|k\b)/.test(after) && !g.cur) {
      // "5-fold CV", "12 months", "300 trees": design choices, not results
      if (unitText === 'fold' || /^\s*-?\s*fold/.test(after)) continue;
    }
    if (/^(19|20)\d\d$/.test(numText) && !unitText && !g.cur && !suffix) continue; // a year
    if (/(k\s*=\s*|step\s|stage\s|#|version\s|v)$/.test(before)) continue;
    // the default decision threshold is a setting, not a result ("recall at 0.5")
    if (numText === '0.5' && !unitText && /(\bat|\bthan|threshold( of)?)\s*$/.test(before)) continue;
    if (g.cur) unit = 'money';
    else if (unitText === '%' || unitText.startsWith('percent')) {
      unit = 'percent';
      value /= 100;
      if (high !== undefined) high /= 100;
      resolution /= 100;
    } else if (unitText.startsWith('pp') || unitText.startsWith('percentage point')) {
      unit = 'percent';
      value /= 100;
      resolution /= 100;
    } else if (unitText === 'ms' || unitText.startsWith('millisecond')) unit = 'ms';
    else if (unitText === 's' || unitText.startsWith('second')) {
      unit = 'ms';
      value *= 1000;
      resolution *= 1000;
    } else if (/req|rps|qps|requests/.test(unitText)) unit = 'per_second';
    else if (unitText === 'x' || unitText === '×' || unitText === 'times') {
      if (/^\d/.test(text.slice(index + m[0].length))) continue; // "2×2 table": a shape, not a claim
      unit = 'multiplier';
    }
    else if (!suffix && value > 0 && value < 1 && numText.includes('.')) unit = 'decimal';
    else unit = 'count';
    if (suffix) resolution *= suffixes[suffix]!;
    // a bare small integer with no unit and no claim word around it is not a result ("3 models")
    if (unit === 'count' && value < 10 && !/(customers|rows|users|transactions|invoices)/.test(after.slice(0, 20))) continue;

    const nearAfter = /^[^\d.;,:!?\n()]*/.exec(after)![0];
    // back to the previous punctuation or the previous figure (whose words describe that figure)
    const nearBefore = /[^\d;,:!?\n()]*$/.exec(before.replace(/\.(?!\d)/g, ';'))![0];
    const claim: Claim = {
      text: raw,
      value,
      unit,
      resolution,
      context: `${sentenceTail(before)} ${raw.toLowerCase()} ${sentenceHead(after)}`.replace(/\s+/g, ' ').trim(),
      after: nearAfter.trim(),
      before: nearBefore.trim(),
      wordBefore: nearBefore.trim().split(/\s+/).at(-1) ?? '',
      wordsAfter: nearAfter.trim().split(/\s+/)[0] ?? '',
      index,
      line: text.slice(0, index).split('\n').length,
    };
    if (high !== undefined) claim.high = high;
    if (/\bfrom\s*$/.test(before)) claim.role = 'from';
    else if (/\bto\s*$/.test(before) && claims.at(-1)?.role === 'from') claim.role = 'to';
    if (unit === 'percent' && /\btop\s*$/.test(before)) claim.unit = 'qualifier';
    const previous = claims.at(-1);
    if (claim.unit === 'percent' && previous?.unit === 'qualifier' && index - previous.index < 60) claim.topShare = previous.value;
    claims.push(claim);
  }
  return claims;
}
