/**
 * Figures as people write them, found in a sentence: 69.5%, 0.83, 7,043, 7k, £8.9M, 45ms, 1.2 s,
 * 5,684 req/s, 2x, 5-10%, 0.849 ± 0.005, 12-month, 13 weeks, with the words that qualify them
 * ("about", "over") and the precision they are stated to ("83%" stands for 82.5-83.5%).
 * A hand-written grammar, because number formats are not what a general NLP model tags well
 * (wink reads "$3.5M." as an abbreviation and "120ms" as two words).
 */
import type { Sentence } from './analyse.js';

export type FigureUnit = 'percent' | 'pp' | 'decimal' | 'number' | 'money' | 'ms' | 'per_second' | 'multiplier' | 'duration';

export type Approximation = 'exact' | 'about' | 'over' | 'under';

export interface Figure {
  /** As written, e.g. "£8.9M", "69.5%". */
  text: string;
  /** In base units: percent as a ratio (69.5% → 0.695), seconds as ms, 8.9M as 8,900,000. */
  value: number;
  /** For a range "5-10%" or "between 0.81 and 0.86": the upper end (value is the lower). */
  high?: number;
  unit: FigureUnit;
  /** For a duration: the unit of time ("week"); for money: the currency symbol if written. */
  unitWord?: string;
  /** Half of the last shown digit, in base units: 84.9% → 0.0005, 0.92 → 0.005, 8.9M → 50,000. */
  resolution: number;
  approximation: Approximation;
  /** "0.849 ± 0.005": the ± figure points at the figure it qualifies (index in the sentence's figures). */
  plusMinusOf?: number;
  /** Written as an integer with no decimals, unit or separator ("3 models"). */
  bareInteger: boolean;
  /** "just under 70%", "slightly above 0.83": a bound that also says the value is close to it. */
  close?: boolean;
  /** "recall was not 80% but 69.5%": a figure the sentence denies, which is no claim. */
  denied?: boolean;
  /** "from 53% to 79%": the first end of a movement points at the second (index in the sentence's figures). */
  movesTo?: number;
  /** "1 in 4", "three out of ten", "a quarter": a fraction. */
  fraction?: boolean;
  /** "1 in 4", "three out of ten": a fraction written as two counts, which already says how coarse it is ("about" widens it no further). */
  counted?: boolean;
  /** Offsets in the whole text. */
  start: number;
  end: number;
  /** Token indices in the sentence: [from, to). */
  tokenFrom: number;
  tokenTo: number;
}

const multipliers: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };
const currencyWords: Record<string, string> = { gbp: '£', pounds: '£', usd: '$', dollars: '$', eur: '€', euros: '€' };

/** A decimal written without its leading zero (".834") reaches here with its point as U+2024, so that no sentence ends at it (see `leadingPoint`). */
export const LEADING_POINT = '\u2024';
/** ".834", "(.83)": a point that starts a decimal, not a full stop; `protectLeadingPoints` marks it before the text is split into sentences. */
const leadingPoint = /(^|[\s(~≈:=])\.(?=\d)/g;
/** The text with every leading decimal point replaced by LEADING_POINT, same length (a figure's text is read back with `restorePoints`). */
export const protectLeadingPoints = (text: string) => text.replace(leadingPoint, `$1${LEADING_POINT}`);
export const restorePoints = (text: string) => text.replaceAll(LEADING_POINT, '.');

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][-−]?\d+)?|[.\u2024]\d+`;
const pattern = new RegExp(
  String.raw`(?<![\p{L}\d.,/_#-])` +
    String.raw`(?<sign>[-−+])?(?<cur>[$£€])?\s?(?<num>${NUM})` +
    String.raw`(?:\s?(?<rangeSep>→|->|⟶|[-–]|to(?=\s?[$£€]?[\d.,]+\s?(?:%|percent|ms\b|s\b|seconds|[kKmM]\b))|(?<=\d\.\d+\s?)to(?=\s?\d*\.\d))\s?(?<cur2>[$£€])?(?<num2>${NUM}))?` +
    String.raw`(?:\s?(?<suffix>k|K|m|M|mn|bn|b|B|thousand|million|billion)(?![\p{L}]))?` +
    String.raw`(?:\s?-?\s?(?<unit>%|percent\b|per cent\b|pp\b|percentage points?\b|points?\b(?!\s+(?:to|at|out|towards|in)\b)|ms\b|milliseconds?\b|s\b|secs?\b|seconds?\b|req\/s|requests? ?\/ ?s\b|requests? per second\b|requests? a second\b|rps\b|qps\b|x\b|×|times\b|fold\b|days?\b|weeks?\b|months?\b|years?\b|minutes?\b|mins?\b|hours?\b|gbp\b|usd\b|eur\b|pounds\b|dollars\b|euros\b))?`,
  'giud',
);

/** "from 53% to 79%" is a movement, two results; "ranged from 0.81 to 0.86" or "an interval from" is one range. */
const movementFrom = /\bfrom\s*$/i;
/**
 * "rose 53 to 79%", "went up 0.80 to 0.84", "lifted recall 53% to 79%": a verb of change right
 * before "A to B" (an adverb or an object between, but no preposition: "rose by 5% to 79%" is a
 * change and a level) says the same as "from A to B".
 */
const movementVerb = /\b(?:(?<rise>rose|rise[sn]?|rising|climbed|climbs?|climbing|jumped|jumps?|jumping|grew|grows?|growing|grown|increased|increases?|increasing|improved|improves?|improving|soared|soars?|(?:went|goes|going|gone|edged|ticked|crept|shot|moved)\s+up)|(?<fall>fell|falls?|falling|fallen|dropped|drops?|dropping|decreased|decreases?|decreasing|declined|declines?|declining|slipped|slips?|dipped|dips?|sank|sinks?|sunk|slid|slides?|(?:went|goes|going|gone|edged|ticked|crept|moved)\s+(?:down|back))|(?<either>went|goes|going|gone|moved|moves?|moving|shifted|shifts?|changed|changes?|edged|ticked)|(?<transitiveRise>lifted|lifts?|raised|raises?|boosted|boosts?|pushed|pushes?)|(?<transitiveFall>lowered|lowers?|cut|cuts?|reduced|reduces?)|(?<transitive>took|takes?|brought|brings?))(?<between>(?:\s+(?!by\b|to\b|from\b|of\b|at\b|for\b|in\b|on\b|with\b|than\b|between\b|and\b|or\b)[\p{L}'-]+){0,2})\s*$/iu;
/** Whether "A to B" after these words is a movement: a verb of change whose direction, if it has one, is the direction from A to B ("costs fell 5 to 10%" is a range of the fall). A verb that takes an object needs one between ("took recall 53% to 79%", not "each request took 5 to 16 ms"). */
function movesBy(before: string, from: number, to: number): boolean {
  const m = movementVerb.exec(before);
  if (!m) return false;
  const g = m.groups!;
  const hasObject = /\p{L}/u.test(g.between ?? '');
  if ((g.transitive || g.transitiveRise || g.transitiveFall) && !hasObject) return false;
  if ((g.rise || g.transitiveRise) && to < from) return false;
  if ((g.fall || g.transitiveFall) && to > from) return false;
  return true;
}
/** "→", "->": an arrow between two figures always reads as a movement. */
const arrow = /^(?:→|->|⟶)$/;
const rangeFrom = /\b(?:ranges?|ranged|ranging|interval|ci|varie[sd]|varying|spann?(?:ed|s|ing)?|anywhere|somewhere)\s+(?:\w+\s+){0,2}from\s*$/i;

function decimalsOf(text: string): number {
  return /[.\u2024](\d+)/.exec(text)?.[1]!.length ?? 0;
}

const aboutWords = /(?:\babout|\baround|\broughly|\bapproximately|\bapprox\.?|~|≈|\bnearly|\balmost|\bcirca|\bsome|\bclose to|\bin the region of|\bor so)\s*$/i;
const overWords = /(?:\bover|\bmore than|\babove|\bat least|\bexceeding|\bupwards of|\bgreater than|\bnorth of|\bin excess of|>=?|≥)\s*$/i;
const underWords = /(?:\bunder|\bless than|\bbelow|\bat most|\bup to|\bfewer than|\bwithin|\bshy of|\bsouth of|\bshort of|<=?|≤)\s*$/i;
/** "just under 70%": a bound that is also close (see `Figure.close`). */
const closeBound = /\b(?:just|slightly|a little|a bit|a touch|marginally|barely|fractionally)\s+(?:under|below|over|above|less than|more than|shy of|short of|north of|south of)\s*$/i;

/** Run ids (churn-20261122-164210-0566), dates and versions are names, not figures. */
const skipSpans = [/\bCC[- ]BY(?:[- ](?:SA|NC|ND))*\s*\d(?:\.\d)?\b/gi, /\b[a-z]+-\d{8}-\d{6}-[0-9a-f]{4}\b/gi, /\b\d{4}-\d{2}(?:-\d{2})?\b/g, /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g, /\bv\d+(?:\.\d+)*\b/gi, /\b(?:19|20)\d{2}s?\b(?![,.]?\d)/g, /\b\d+(?:st|nd|rd|th)\b/gi, /\b[Qq][1-4]\b/g, /\bp\d{2}\b/gi, /\b[A-Za-z]+\d+[A-Za-z\d]*\b/g];

/**
 * Ages that say who a figure is about ("customers aged 46 to 72", "18-32 year olds", "over-65s",
 * "in their 40s", "(65+)") describe a group, not a result: their digits are blanked so that the
 * group's figure, not its age range, is checked. Only the digits: the words still name the group.
 */
const agePhrases = [
  /\bage[sd]?\s+(?:of\s+)?\d{1,3}(?:\s*(?:-|–|to|and)\s*\d{1,3})?(?:\s*\+|\s+(?:and|or)\s+(?:over|above|older|under|younger|up))?/gi,
  // a range or a bound ("18-32 year olds", "65 and over years of age") or a plural ("65-year-olds"); "she was 38 years old" stays a figure
  /\b\d{1,3}(?:\s*(?:-|–|to)\s*\d{1,3}|\s*\+|\s+(?:and|or)\s+(?:over|older|under|younger))[- ]?(?:year[- ]olds?|years?[- ]old|years of age)\b/gi,
  /\b\d{1,3}[- ]year[- ]olds\b/gi,
  /\b(?:over|under)[- ]\d{1,3}s\b/gi,
  /\bin\s+their\s+(?:early\s+|mid[- ]?|late\s+)?\d0s\b/gi,
  /\b(?:older|younger)\s+than\s+\d{1,3}\b(?!\s*%)/gi,
  /\(\d{1,3}\+\)/g,
];

/** The text with names blanked out, same length; cached for the text being read (every sentence of it asks). */
let maskedFor: { text: string; masked: string } | undefined;
function maskNames(text: string): string {
  if (maskedFor?.text !== text) {
    let masked = text;
    for (const re of skipSpans) masked = masked.replace(re, (s) => ' '.repeat(s.length));
    for (const re of agePhrases) masked = masked.replace(re, (s) => s.replace(/\d/g, ' '));
    maskedFor = { text, masked };
  }
  return maskedFor.masked;
}

/** Counts people spell out in a fraction ("one in four", "nine out of ten"). */
const countWords: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, 'twenty five': 25, fifty: 50, hundred: 100, 'a hundred': 100, thousand: 1000, 'a thousand': 1000 };
const countWord = Object.keys(countWords).sort((a, b) => b.length - a.length).join('|');
const fractionPattern = new RegExp(String.raw`(?<![\p{L}\d.,/-])(?<n>\d+|${countWord})\s+(?:in|out of)\s+(?:every\s+)?(?<m>\d+|${countWord})(?![\p{L}\d]|[.,]\d|\s?(?:%|percent\b))`, 'giu');
const countOf = (word: string) => (/^\d+$/.test(word) ? Number(word) : countWords[word.toLowerCase().replace(/\s+/g, ' ')]);

/**
 * "1 in 4", "three out of ten", "9 out of 10": a fraction, read as the share it states. Only with a
 * denominator people use for shares (up to 10, or 12, 20, 25, 50, 100, 1,000, or spelled out):
 * "260 out of 374 churners" states two counts. Its precision is what the wording can distinguish:
 * "N out of 10" is a share to the nearest tenth (±0.05); "1 in M" moves by the denominator ("1 in 4"
 * stands for 1/4.5 to 1/3.5); "N in M" over fewer than ten is no wider than the simple fractions beside
 * it allow ("3 in 4" is 72.5-77.5%, as "three quarters" is); a round denominator above 10 ("1 in 20") is
 * itself rounded, by about a quarter of it. The wording is its own rounding: "about 1 in 3" is read as
 * "1 in 3" (see `Figure.counted`).
 */
function fractionAt(m: RegExpExecArray): { value: number; resolution: number } | undefined {
  const n = countOf(m.groups!.n!);
  const d = countOf(m.groups!.m!);
  if (n === undefined || d === undefined || n < 1 || d < 2 || n > d) return undefined;
  const spelled = !/^\d+$/.test(m.groups!.m!);
  if (!spelled && !(d <= 10 || [12, 20, 25, 50, 100, 1000].includes(d))) return undefined;
  const counted = n > 1 ? 0.5 / d : d > 10 ? 0.25 / d : 0.5 / (d * d);
  // "3 in 4" is nearer 3/4 than 2/3 or 4/5, not anywhere from 2.5 to 3.5 in 4 ("N out of 10" stays a share to the nearest tenth)
  const resolution = n > 1 && d < 10 ? Math.min(counted, nearestFractionGap(n / d, d) / 2) : counted;
  return { value: n / d, resolution };
}

/** The distance from a share to the nearest other simple fraction over 2 to 5 (or its own denominator). */
function nearestFractionGap(value: number, d: number): number {
  let gap = Infinity;
  for (const den of new Set([2, 3, 4, 5, d])) for (let k = 0; k <= den; k++) if (Math.abs(k / den - value) > 1e-9) gap = Math.min(gap, Math.abs(k / den - value));
  return gap;
}

/** Fractions said as words: "half", "a third", "two thirds", "three quarters", "a fifth". */
const fractionNouns: Record<string, number> = { half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fourth: 4, fourths: 4, fifth: 5, fifths: 5, sixth: 6, sixths: 6, seventh: 7, sevenths: 7, eighth: 8, eighths: 8, ninth: 9, ninths: 9, tenth: 10, tenths: 10 };
const numeratorWords: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
/**
 * "half of the churners", "a third of customers", "two-thirds of", "three quarters of": a share,
 * when a group follows ("of", or "the"/"our"... after "half"). Not a period ("the first half of
 * 2011", "a quarter of the year", "half an hour") nor a change ("cut it by half": no group follows).
 */
const wordFractionPattern = new RegExp(
  String.raw`(?<![\p{L}\d-])(?:(?<n>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+(?<noun>half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)|(?<bare>half))(?=\s+of\b|(?<=half)\s+(?:the|our|their|its|all|them|those|these)\b|(?<group>\s*(?:[.,;:)]|$)))` +
    String.raw`(?!\s+of\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+|each\s+|every\s+)?(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)|quarters?|period|season|(?:19|20)\d\d)\b)(?!\s+(?:the|an?)\s+(?:years?|months?|weeks?|days?|hours?|minutes?|way)\b)(?!\s+(?:of\s+)?(?:the|our|my|its|their|this|that)\s+(?:time|cost|costs|size|price|effort|work|battle|story|problem|project|budget|team|money|way|distance|length|speed|memory|runtime|latency|code|job)\b)`,
  'giu',
);
/** "recall was (just over) half.": a fraction with no group after it is a share only as what a figure was or reached. */
const shareAtClauseEnd = /\b(?:was|were|is|are|been|be|at|reached|hit)\s+(?:(?:just|only|about|around|roughly|nearly|almost|over|under|above|below|more than|less than|close to|exactly|a little|slightly|well|barely)\s+)*$/i;
/** ", almost a third.", ", precision just over half.": a share that continues a list after a comma, its verb left out. */
const listedShareEnd = /[,;]\s*(?:[\p{L}'-]+\s+){0,3}?(?:(?:just|only|about|around|roughly|nearly|almost|over|under|close to|a little|slightly|well)\s+)*$/iu;
/** "the first half of", "each quarter of": an ordinal or a distributive word before it makes it a period or a part, not a share. */
const notAShareBefore = /\b(?:first|second|third|fourth|last|final|next|previous|latter|former|other|this|that|each|every|per|and a|the)\s*$/i;

/**
 * A fraction said in words stands for the simple fractions nearest to it: "half" is nearer 1/2 than
 * 2/5 or 3/5 (45-55%), "a quarter" nearer 1/4 than 1/5 or 1/3 (22.5-27.5%), "two thirds" nearer
 * 2/3 than 3/5 or 3/4. Its precision is half the gap to the nearest other fraction over 2 to 5 (or
 * its own denominator), so "about half" reads as 40-60%.
 */
function wordFractionAt(m: RegExpExecArray): { value: number; resolution: number } | undefined {
  const g = m.groups!;
  const d = g.bare ? 2 : fractionNouns[g.noun!.toLowerCase()]!;
  const n = g.bare ? 1 : numeratorWords[g.n!.toLowerCase()]!;
  if (n >= d) return undefined;
  // "a half", "one quarter" are singular; "two quarter" is no fraction
  if (n > 1 !== /s$/i.test(g.noun ?? 'half') && !/^halves$/i.test(g.noun ?? '')) return undefined;
  const value = n / d;
  return { value, resolution: nearestFractionGap(value, d) / 2 };
}

export function extractFigures(sentence: Sentence, fullText: string): Figure[] {
  let masked = maskNames(fullText).slice(sentence.start, sentence.end);
  // fractions first, blanked out so that their two counts are not read again as figures
  const fractions: Figure[] = [];
  for (const m of masked.matchAll(fractionPattern)) {
    const read = fractionAt(m);
    if (!read) continue;
    const start = sentence.start + m.index!;
    const end = start + m[0].length;
    const before = masked.slice(0, m.index!);
    const approximation: Approximation = aboutWords.test(before) ? 'about' : overWords.test(before) ? 'over' : underWords.test(before) ? 'under' : 'exact';
    fractions.push({ text: fullText.slice(start, end), value: read.value, unit: 'percent', resolution: read.resolution, approximation, bareInteger: false, fraction: true, counted: true, start, end, tokenFrom: 0, tokenTo: 0, ...(approximation !== 'exact' && approximation !== 'about' && closeBound.test(before) ? { close: true } : {}) });
  }
  for (const m of masked.matchAll(wordFractionPattern)) {
    const read = wordFractionAt(m);
    const before = masked.slice(0, m.index!);
    if (!read || notAShareBefore.test(before)) continue;
    // "CV recall was over three quarters.": at a clause end, only as what something was or reached, or as the next
    // item of a list of shares whose verb is not repeated ("the top 10% brought 61% of revenue; the top 1% alone, almost a third")
    if (m.groups!.group !== undefined && !shareAtClauseEnd.test(before) && !(listedShareEnd.test(before) && /\d\s?(?:%|per ?cent|percent)/i.test(before))) continue;
    const start = sentence.start + m.index!;
    const end = start + m[0].length;
    if (fractions.some((f) => f.start < end && start < f.end)) continue;
    const approximation: Approximation = aboutWords.test(before) ? 'about' : overWords.test(before) ? 'over' : underWords.test(before) ? 'under' : 'exact';
    fractions.push({ text: fullText.slice(start, end), value: read.value, unit: 'percent', resolution: read.resolution, approximation, bareInteger: false, fraction: true, start, end, tokenFrom: 0, tokenTo: 0, ...(approximation !== 'exact' && approximation !== 'about' && closeBound.test(before) ? { close: true } : {}) });
  }
  fractions.sort((a, b) => a.start - b.start);
  for (const f of fractions) masked = masked.slice(0, f.start - sentence.start) + ' '.repeat(f.end - f.start) + masked.slice(f.end - sentence.start);
  const figures: Figure[] = [];
  const movesTo = new Map<Figure, Figure>();
  const takeFractionsBefore = (offset: number) => {
    while (fractions.length && fractions[0]!.start - sentence.start < offset) figures.push(fractions.shift()!);
  };
  for (const m of masked.matchAll(pattern)) {
    takeFractionsBefore(m.index!);
    const g = m.groups!;
    const raw = m[0].trimEnd();
    const localStart = m.index! + (m[0].length - m[0].trimStart().length);
    const start = sentence.start + localStart;
    const end = sentence.start + m.index! + raw.length;
    const before = masked.slice(0, m.index!);
    const after = masked.slice(m.index! + m[0].length);
    const numText = g.num!.replace(/,/g, '').replace('−', '-').replace(LEADING_POINT, '.');
    let value = Number(numText);
    if (!Number.isFinite(value)) continue;
    let high = g.num2 !== undefined ? Number(g.num2.replace(/,/g, '').replace(LEADING_POINT, '.')) : undefined;
    const exponent = /e(-?\d+)$/i.exec(numText);
    let resolution = 0.5 * 10 ** -decimalsOf(numText.replace(/e-?\d+$/i, '')) * (exponent ? 10 ** Number(exponent[1]) : 1);
    const suffix = g.suffix?.toLowerCase();
    const unitText = (g.unit ?? '').toLowerCase().replace(/\s+/g, ' ');
    let unit: FigureUnit;
    let unitWord: string | undefined;
    const scale = suffix ? multipliers[suffix]! : 1;
    value *= scale;
    if (high !== undefined) high *= scale;
    resolution *= scale;
    if (g.cur || /^(gbp|usd|eur|pounds|dollars|euros)$/.test(unitText)) {
      unit = 'money';
      unitWord = g.cur ?? currencyWords[unitText];
    } else if (/^(pp|percentage points?|points?)$/.test(unitText)) {
      unit = 'pp';
      value /= 100;
      if (high !== undefined) high /= 100;
      resolution /= 100;
    } else if (unitText === '%' || unitText.startsWith('percent') || unitText === 'per cent') {
      unit = 'percent';
      value /= 100;
      if (high !== undefined) high /= 100;
      resolution /= 100;
    } else if (/-\s?(?:s|secs?|seconds?|minutes?|mins?|hours?)$/i.test(m[0].trim())) {
      // "a 30-second pitch": a length chosen, not a latency measured
      unit = 'duration';
      unitWord = unitText.replace(/s$/, '');
    } else if (unitText === 'ms' || unitText.startsWith('millisecond')) unit = 'ms';
    else if (/^(s|secs?|seconds?)$/.test(unitText)) {
      unit = 'ms';
      value *= 1000;
      if (high !== undefined) high *= 1000;
      resolution *= 1000;
    } else if (/req|rps|qps|request/.test(unitText)) unit = 'per_second';
    else if (unitText === 'x' || unitText === '×' || unitText === 'times') {
      if (/^\d/.test(after)) continue; // "2×2 table": a shape
      unit = 'multiplier';
    } else if (/^(fold|days?|weeks?|months?|years?|minutes?|mins?|hours?)$/.test(unitText)) {
      unit = 'duration';
      unitWord = unitText.replace(/s$/, '');
    } else if (!suffix && (numText.includes('.') || exponent) && Math.abs(value) < 1) unit = 'decimal';
    else unit = 'number';
    if (g.sign === '-' || g.sign === '−') {
      // a minus right after a word is a hyphen ("top-10"), after a space or at the start a sign
      if (/[\p{L}\d]$/u.test(before)) continue;
      value = -value;
    }
    // "pushed recall up to 71%" reports where it got to; "latency up to 2 ms" bounds it
    const reachedUpTo = /\b(?:\w+ed|rose|went|grew|got|brought|climbed|jumped)\b[^,.;]*\bup to\s*$/i.test(before);
    const approximation: Approximation = aboutWords.test(before) ? 'about' : overWords.test(before) ? 'over' : underWords.test(before) && !reachedUpTo ? 'under' : 'exact';
    const bareInteger = unit === 'number' && !numText.includes('.') && !g.num!.includes(',') && !suffix;
    const figure: Figure = { text: fullText.slice(start, end), value, unit, resolution, approximation, bareInteger, start, end, tokenFrom: 0, tokenTo: 0 };
    if (approximation !== 'exact' && approximation !== 'about' && closeBound.test(before)) figure.close = true;
    if (high !== undefined && g.rangeSep) figure.high = high;
    if (unitWord) figure.unitWord = unitWord;
    // "rose from 0.832 to 0.848": both ends are figures of their own, the first pointing at the second,
    // and so is "0.849 to 0.848": a range runs upwards, a movement either way
    // "at 0.5 to 69.5%": ends ten times apart are two figures, the first with no unit of the second's
    const apart = figure.high !== undefined && /^to$/i.test(g.rangeSep ?? '') && !g.cur && figure.value > 0 && figure.high / figure.value > 10;
    const moves = arrow.test(g.rangeSep ?? '') || ((movementFrom.test(before) || (high !== undefined && movesBy(before, value, high))) && !rangeFrom.test(before));
    if (figure.high !== undefined && (/^to$/i.test(g.rangeSep!) || arrow.test(g.rangeSep!)) && (apart || moves || figure.high < figure.value)) {
      const [, numEnd] = m.indices!.groups!.num!;
      const [secondStart] = m.indices!.groups!.cur2 ?? m.indices!.groups!.num2!;
      const second: Figure = { ...figure, value: figure.high, start: sentence.start + secondStart, text: fullText.slice(sentence.start + secondStart, end), resolution: resolution * 10 ** (decimalsOf(g.num!) - decimalsOf(g.num2!)), bareInteger: false };
      delete second.high;
      delete figure.high;
      figure.end = sentence.start + numEnd;
      figure.text = fullText.slice(start, figure.end);
      figure.bareInteger = false;
      if (apart) {
        const own = Number(numText);
        Object.assign(figure, { value: own, resolution: 0.5 * 10 ** -decimalsOf(numText), unit: numText.includes('.') && own < 1 ? 'decimal' : 'number', bareInteger: !/[.,]/.test(g.num!) });
        delete figure.unitWord;
      }
      figures.push(figure);
      if (!apart) movesTo.set(figure, second);
      figures.push(second);
      continue;
    }
    const previous = figures.at(-1);
    if (previous && /^\s*(?:±|\+\/-|\+-|plus or minus)\s*$/i.test(masked.slice(previous.end - sentence.start, m.index!))) figure.plusMinusOf = figures.length - 1;
    // "between 0.81 and 0.86": one range figure
    if (previous && previous.high === undefined && /^\s*and\s*$/i.test(masked.slice(previous.end - sentence.start, m.index!)) && /\bbetween\s*$/i.test(masked.slice(0, previous.start - sentence.start))) {
      previous.high = value;
      previous.end = end;
      previous.text = fullText.slice(previous.start, end);
      if (previous.unit === 'number' && figure.unit !== 'number') {
        previous.unit = figure.unit;
        if (figure.unit === 'percent') {
          previous.value /= 100;
          previous.resolution /= 100;
        }
      }
      continue;
    }
    figures.push(figure);
  }
  takeFractionsBefore(Infinity);
  // "an interval of 0 to 3,650": two figures after "interval of" or "range of" are one range
  for (let i = 0; i + 1 < figures.length; i++) {
    const a = figures[i]!;
    const b = figures[i + 1]!;
    if (a.high !== undefined || a.unit !== b.unit) continue;
    const between = masked.slice(a.end - sentence.start, b.start - sentence.start);
    const lead = masked.slice(0, a.start - sentence.start);
    // "rose 53% to 79%", "26.5% → 20%": a movement, as after "from"
    if ((arrow.test(between.trim()) || (/^\s*to\s*$/i.test(between) && movesBy(lead, a.value, b.value) && !rangeFrom.test(lead))) && !movesTo.has(a)) {
      movesTo.set(a, b);
      continue;
    }
    if (!/^\s*(?:to|and|[-–])\s*$/i.test(between) || !/\b(?:interval|range|ci|between|from)(?: (?:of|from|was|is))?\s*$/i.test(lead)) continue;
    if (/^\s*to\s*$/i.test(between) && movementFrom.test(lead) && !rangeFrom.test(lead)) {
      movesTo.set(a, b);
      continue;
    }
    a.high = b.value;
    a.bareInteger = false;
    a.end = b.end;
    a.text = fullText.slice(a.start, b.end);
    figures.splice(i + 1, 1);
  }
  for (const f of figures) {
    const tokens = sentence.tokens;
    let from = tokens.findIndex((t) => t.end > f.start);
    if (from < 0) from = tokens.length - 1;
    let to = from;
    while (to < tokens.length && tokens[to]!.start < f.end) to++;
    f.tokenFrom = Math.max(0, from);
    f.tokenTo = Math.max(f.tokenFrom + 1, to);
  }
  for (const [a, b] of movesTo) {
    const to = figures.indexOf(b);
    if (figures.includes(a) && to >= 0) a.movesTo = to;
  }
  for (const f of figures) readNegation(sentence, f);
  // "It's not that the top 10% bring 80% of revenue: they bring 61%": the whole clause after "not that" is denied
  for (const f of figures) {
    const clause = fullText.slice(sentence.start, f.start).split(/[:;—–]|,\s*(?:but|it's|it is|they|we)\b|\bbut\b/i).at(-1)!;
    if (/(?:\b(?:it|that|this)(?:'s|\s+(?:is|was))\s+not|\b(?:it|that|this)\s+(?:isn't|wasn't|is not|was not)|^\s*not)\s+that\b(?!\s+(?:much|many|far|high|low|big|small|good|bad|hard|easy|different))/i.test(clause)) f.denied = true;
  }
  return figures;
}

/** What may stand between a negation and a figure it denies: "recall was not (quite) 80%". */
const denialFillers = /^(?:(?:quite|exactly|really|actually|even|simply|precisely|at|the|a|an)\s*)*(?:(?:get|got|achieve|achieved|score|scored|see|saw|have|had|report|reported|claim|claimed|say|said|mean|meant|quote|quoted)\s*(?:(?:quite|exactly|really|actually|even|at|the|a|an)\s*)*)?$/;
/** After a negation, a lower bound turns into an upper one and back: "did not drop below 0.83" says at least 0.83. */
const negatedLowerBound = /^(?:[a-z]+\s+)?(?:below|under|beneath|less than|few than|fewer than|low than|lower than|short of)$/;
const negatedUpperBound = /^(?:(?:[a-z]+\s+)?(?:above|over|beyond|more than|high than|higher than|great than|greater than)|reach|reached|hit|exceed|exceeded|top|topped|break|broke|crack|cracked|pass|passed|cross|crossed|beat|surpass|surpassed|get to|got to|make it to|made it to|climb to|rise to|rose to|go to|went to)$/;
const negationCues = new Set(['not', "n't", 'never', 'no', 'nor', 'neither']);

/**
 * A figure inside the scope of a negation (wink marks the scope): denied outright ("recall was not
 * 80% but 69.5%": no claim), or a bound turned round ("did not drop below 0.83" is at least 0.83,
 * "never reached 75%" under it, "no more than 70%" at most). A negation further away ("we did not
 * use SMOTE; recall was 69.5%") leaves the figure a claim.
 */
function readNegation(sentence: Sentence, f: Figure): void {
  const tokens = sentence.tokens;
  let cue = -1;
  for (let i = f.tokenFrom - 1; i >= 0 && i >= f.tokenFrom - 5; i--) {
    const t = tokens[i]!;
    if (negationCues.has(t.lower) || t.lemma === 'not') {
      cue = i;
      break;
    }
    if (t.type === 'punctuation' || t.pos === 'CCONJ' || t.pos === 'SCONJ') return;
  }
  if (cue < 0) return;
  // wink's negation scope must reach the figure (or the cue is "no"/"never", which it marks less often)
  const inScope = tokens.slice(cue + 1, f.tokenTo).some((t) => t.negated) || ['no', 'never'].includes(tokens[cue]!.lower);
  if (!inScope) return;
  const between = tokens.slice(cue + 1, f.tokenFrom);
  const lower = between.map((t) => t.lower).join(' ');
  const lemma = between.map((t) => t.lemma).join(' ');
  const is = (re: RegExp) => re.test(lower) || re.test(lemma);
  if (is(denialFillers)) f.denied = true;
  else if (is(negatedLowerBound)) f.approximation = 'over';
  else if (is(negatedUpperBound)) f.approximation = 'under';
}
