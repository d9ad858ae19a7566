/**
 * The metric catalogue: every figure a lab records, by lab, as typed entries (types.ts). This file
 * matches a recorded key to its entry and gives what the readers need: the meaning and interview
 * line for `prep explain`, the unit and kind for the figure check, and the words that name it.
 */
import { churnEntries } from './churn.js';
import { abtestEntries, segmentEntries } from './segment.js';
import { statisticsEntries } from './statistics.js';
import { termSets, type TermSet } from './terms.js';
import type { EntryContext, MetricEntry } from './types.js';

export type { EntryContext, MetricEntry, MetricKind, MetricUnit } from './types.js';

/** "95%" names the interval's level, a setting, not the figure: it is not a word for any figure. */
const statistics = statisticsEntries.map((e) => ({ ...e, vocabulary: e.vocabulary.filter((v) => !/^\d+%$/.test(v)) }));

/** The statistics entries of the segmentation lab, by the stages that record them; the rest are the churn lab's. */
const segmentStatistic = (e: MetricEntry) => /^(cohorts|clv|cancellations|net|cleaning|rfm|kmeans|concentration|segments)\./.test(e.key);

export const catalogue: Record<string, MetricEntry[]> = {
  churn: [...churnEntries, ...statistics.filter((e) => !segmentStatistic(e))],
  segment: [...segmentEntries, ...statistics.filter(segmentStatistic)],
  abtest: abtestEntries,
};

interface Compiled {
  entry: MetricEntry;
  regex: RegExp;
  names: string[];
}

function compile(entry: MetricEntry): Compiled {
  const names: string[] = [];
  let source = '';
  let rest = entry.key;
  let anonymous = 0;
  for (const m of entry.key.matchAll(/\{([^}]+)\}/g)) {
    source += escape(rest.slice(0, m.index! - (entry.key.length - rest.length)));
    rest = entry.key.slice(m.index! + m[0].length);
    // {a|b} without a name is named by its position; {name} that is no term set is any one segment
    const [name, spec] = m[1]!.includes(':') ? (m[1]!.split(':') as [string, string]) : m[1]!.includes('|') ? [`alt${anonymous++}`, m[1]!] : termSets[m[1]!] ? [m[1]!, undefined] : [m[1]!, '+'];
    names.push(name);
    if (spec === '*') source += '(.+?)';
    else if (spec === '+') source += '([^.]+)';
    else if (spec === '#') source += '(\\d+)';
    // "+" among alternatives: any one segment besides the named ones ({attribute:gender|senior|+})
    else if (spec) source += `(${spec.split('|').map((v) => (v === '+' ? '[^.]+' : escape(v))).join('|')})`;
    else {
      const set = termSets[name];
      if (!set) throw new Error(`catalogue key ${entry.key}: no term set "${name}"`);
      source += `(${[...Object.keys(set.values).map(escape), ...(set.open ? [set.open.pattern] : [])].join('|')})`;
    }
  }
  source += escape(rest);
  return { entry, regex: new RegExp(`^${source}$`), names };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const compiled: Record<string, Compiled[]> = Object.fromEntries(Object.entries(catalogue).map(([lab, entries]) => [lab, entries.map(compile)]));

export interface CatalogueMatch {
  lab: string;
  key: string;
  entry: MetricEntry;
  parts: Record<string, string>;
}

/** The entry a recorded key belongs to, with the values of its placeholders. */
export function findEntry(lab: string, key: string): CatalogueMatch | undefined {
  for (const c of compiled[lab] ?? []) {
    const m = c.regex.exec(key);
    if (m) return { lab, key, entry: c.entry, parts: Object.fromEntries(c.names.map((n, i) => [n, m[i + 1]!])) };
  }
  return undefined;
}

/** Every key an entry stands for, when its placeholders are finite (term sets and alternatives); none for `*` and `#`. */
export function expandKeys(entry: MetricEntry): string[] {
  const m = /\{([^}]+)\}/.exec(entry.key);
  if (!m) return [entry.key];
  const [name, spec] = m[1]!.includes(':') ? (m[1]!.split(':') as [string, string]) : m[1]!.includes('|') ? ['alt', m[1]!] : [m[1]!, termSets[m[1]!] ? undefined : '*'];
  if (spec === '*' || spec === '#') return [];
  // the named values only: "+" and an open set's other values are not figures to list
  const values = spec ? spec.split('|').filter((v) => v !== '+') : Object.keys(termSets[name]?.values ?? {});
  return values.flatMap((v) => expandKeys({ ...entry, key: entry.key.slice(0, m.index) + v + entry.key.slice(m.index + m[0].length) }));
}

/** Every entry whose pattern matches the key (the catalogue test requires exactly one). */
export function entriesMatching(lab: string, key: string): MetricEntry[] {
  return (compiled[lab] ?? []).filter((c) => c.regex.test(key)).map((c) => c.entry);
}

/** "churn.test.recall" names a figure some lab records (content placeholders must). */
export function isKnownMetric(labDotKey: string): boolean {
  const [lab, ...rest] = labDotKey.split('.');
  return rest.length > 0 && findEntry(lab!, rest.join('.')) !== undefined;
}

export interface FigureWords {
  /** Phrases that name the figure itself ("recall", "p95"). */
  head: string[];
  /** Phrases that point to it from anywhere in the sentence ("random forest", "on the test set"). */
  context: string[];
}

const wordsCache = new Map<string, FigureWords>();

/** The words that name a recorded figure: its entry's vocabulary and its parts' terms. */
export function wordsFor(match: CatalogueMatch): FigureWords {
  const id = `${match.lab}.${match.key}`;
  let words = wordsCache.get(id);
  if (words) return words;
  const head = [...match.entry.vocabulary];
  const context = [...(match.entry.context ?? [])];
  for (const [name, value] of Object.entries(match.parts)) {
    const set = termSets[name];
    const asContext = match.entry.contextParts?.includes(name);
    if (set) (set.role === 'head' && !asContext ? head : context).push(...termOf(set, value));
    else (asContext ? context : head).push(...(match.entry.partWords?.(name, value) ?? []));
  }
  words = { head: [...new Set(head)], context: [...new Set(context)] };
  wordsCache.set(id, words);
  return words;
}

/** The words of one placeholder of a recorded figure ("champions" for segments.champions.revenueShare). */
export function partWordsFor(match: CatalogueMatch, name: string): string[] {
  const value = match.parts[name];
  if (value === undefined) return [];
  const set = termSets[name];
  return set ? termOf(set, value) : (match.entry.partWords?.(name, value) ?? []);
}

/** A term set's words for a value: listed, or made by an open set from the value itself. */
function termOf(set: TermSet, value: string): string[] {
  return set.values[value]?.words ?? set.open?.term(value).words ?? [];
}

export interface Described {
  meaning: string;
  interview: string;
}

/** The meaning and interview line of a recorded figure, or undefined when the catalogue does not know it. */
export function describeMetric(lab: string, c: Omit<EntryContext, 'parts'>): Described | undefined {
  const match = findEntry(lab, c.key);
  if (!match) return undefined;
  const context = { ...c, parts: match.parts };
  return { meaning: match.entry.meaning(context), interview: match.entry.interview(context) };
}
