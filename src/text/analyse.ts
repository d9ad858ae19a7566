/**
 * Text analysis shared by the figure check and the answer feedback: sentences, tokens with
 * lemmas and stems, negation scope, parts of speech, and character offsets back into the
 * original text. It wraps wink-nlp with its English lite model (offline, MIT), loaded on first
 * use so that commands which never read prose (and `--help`) do not pay for it.
 */
import { createRequire } from 'node:module';
import type { ItemSentence, ItemToken, WinkMethods } from 'wink-nlp';

/** wink's typings reject its own `its.stem` helpers in `out()`; one loose alias for all of them. */
type ItsHelper = Parameters<ItemToken['out']>[0];

export interface Token {
  /** As written. */
  text: string;
  /** Lower case. */
  lower: string;
  /** wink's lemma, lower case ("rolled" → "roll", "didn't" → "do" "not"). */
  lemma: string;
  /** Porter-2 stem of the lower-case word: "validated" and "validation" share "valid". */
  stem: string;
  /** Universal part of speech: NOUN, VERB, PRON, NUM, ... */
  pos: string;
  /** word, number, punctuation, symbol, currency, ... */
  type: string;
  /** Inside the scope of a negation ("didn't [listen to me]"). */
  negated: boolean;
  /** Offset of the token in the whole text. */
  start: number;
  end: number;
}

export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** 1-based line of the sentence's first character. */
  line: number;
  tokens: Token[];
}

let nlpInstance: WinkMethods | undefined;

function nlp(): WinkMethods {
  if (!nlpInstance) {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as (model: unknown) => WinkMethods;
    nlpInstance = winkNLP(require('wink-eng-lite-web-model'));
  }
  return nlpInstance;
}

/**
 * Hyphens between letters become spaces before analysis ("cross-validated" reads as "cross
 * validated", "PR-AUC" as "PR AUC"), so that a phrase matches however it is hyphenated. The
 * replacement keeps every offset.
 */
function normaliseHyphens(text: string): string {
  return text.replace(/(?<=\p{L})[-‐‑–](?=\p{L})/gu, ' ');
}

/**
 * wink keeps "$3.5M. Top 10%" in one sentence (it reads "M." as an abbreviation). A full stop after
 * a figure or its unit, followed by a capital, ends a sentence here.
 */
const figureEnd = /\d(?:[%kKmMbB]|bn|ms|s)?\.$/;

export function analyse(text: string): Sentence[] {
  const its = nlp().its as unknown as Record<'lemma' | 'stem' | 'pos' | 'type' | 'negationFlag', ItsHelper>;
  const prepared = normaliseHyphens(text);
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const lineOf = (offset: number) => {
    let lo = 0;
    while (lo + 1 < lineStarts.length && lineStarts[lo + 1]! <= offset) lo++;
    return lo + 1;
  };
  const sentences: Sentence[] = [];
  // Paragraphs, list items and headings are sentences of their own even without a full stop.
  for (const block of prepared.matchAll(/[ \t]*#{1,6}\s[^\n]*|[^\n]+(?:\n(?![ \t]*(?:[-*•·]|\d+[.)]|#{1,6})\s|[ \t]*\n)[^\n]+)*/g)) {
    const blockStart = block.index!;
    const doc = nlp().readDoc(block[0]);
    let cursor = 0;
    doc.sentences().each((s: ItemSentence) => {
      const tokens: Token[] = [];
      s.tokens().each((t: ItemToken) => {
        const raw = t.out();
        if (raw.trim() === '') return; // line breaks inside a paragraph
        const at = block[0].indexOf(raw, cursor);
        const start = at >= 0 ? at : cursor;
        cursor = start + raw.length;
        tokens.push({
          text: text.slice(blockStart + start, blockStart + start + raw.length),
          lower: raw.toLowerCase(),
          lemma: String(t.out(its.lemma)).toLowerCase(),
          // numbers keep their digits: the stemmer turns "68.3" into "68.i"
          stem: /\p{L}/u.test(raw) ? String(t.out(its.stem)).toLowerCase() : raw.toLowerCase(),
          pos: String(t.out(its.pos)),
          type: String(t.out(its.type)),
          negated: Boolean(t.out(its.negationFlag)),
          start: blockStart + start,
          end: blockStart + start + raw.length,
        });
      });
      if (tokens.length === 0) return;
      // split further where wink missed a sentence end after a figure: right before this token, not
      // anywhere in the stretch read ("0.849.\nTest ROC-AUC" once split "Test" from "ROC-AUC")
      const pieces: Token[][] = [[]];
      for (const token of tokens) {
        const current = pieces.at(-1)!;
        const previous = current.at(-1);
        if (previous && /^[A-Z]/.test(token.text) && /^\s+$/.test(text.slice(previous.end, token.start)) && figureEnd.test(text.slice(Math.max(0, previous.end - 8), previous.end))) pieces.push([token]);
        else current.push(token);
      }
      for (const piece of pieces.filter((p) => p.length > 0)) {
        const start = piece[0]!.start;
        const end = piece.at(-1)!.end;
        sentences.push({ text: text.slice(start, end), start, end, line: lineOf(start), tokens: piece });
      }
    });
  }
  return sentences;
}

/** Stems of a phrase, for matching against a sentence's token stems ("cross-validated AUC" → ["cross", "valid", "auc"]). */
interface PhraseWord {
  stem: string;
  lemma: string;
  lower: string;
}
const phraseCache = new Map<string, PhraseWord[]>();
/** Marks that are part of a phrase: "p =", "A/A tests", "req/s" ("A/A tests" without its slash was "tests", its "A"s being read as articles). */
const keptMarks = new Set(['=', '/']);
function phraseWords(phrase: string): PhraseWord[] {
  let words = phraseCache.get(phrase);
  if (!words) {
    words = analyse(phrase).flatMap((s) => s.tokens.filter((t) => t.type !== 'punctuation' || keptMarks.has(t.lower)).map((t) => ({ stem: t.stem, lemma: t.lemma, lower: t.lower })));
    phraseCache.set(phrase, words);
  }
  return words;
}
export const phraseStems = (phrase: string): string[] => phraseWords(phrase).map((w) => w.stem);

/**
 * Reads many phrases in one pass (one wink document instead of one per phrase: the figure check
 * matches about two thousand catalogue phrases, and a document each cost more than the check).
 */
export function preparePhrases(phrases: Iterable<string>): void {
  const missing = [...new Set(phrases)].filter((p) => !phraseCache.has(p) && !p.includes(separator));
  if (missing.length === 0) return;
  const its = nlp().its as unknown as Record<'lemma' | 'stem' | 'type', ItsHelper>;
  const doc = nlp().readDoc(normaliseHyphens(missing.join(` ${separator} `)));
  let current: PhraseWord[] = [];
  const done: PhraseWord[][] = [];
  doc.tokens().each((t: ItemToken) => {
    const raw = t.out();
    if (raw === separator) {
      done.push(current);
      current = [];
      return;
    }
    if (raw.trim() === '' || (String(t.out(its.type)) === 'punctuation' && !keptMarks.has(raw))) return;
    current.push({ stem: /\p{L}/u.test(raw) ? String(t.out(its.stem)).toLowerCase() : raw.toLowerCase(), lemma: String(t.out(its.lemma)).toLowerCase(), lower: raw.toLowerCase() });
  });
  done.push(current);
  // a phrase the batch could not split cleanly is read on its own, as before
  if (done.length !== missing.length) return;
  missing.forEach((p, i) => phraseCache.set(p, done[i]!));
}
const separator = 'qqphrasebreakqq';

const articles = new Set(['the', 'a', 'an']);

/** What a word adds after its stem, when it is written with the stem first ("estimators" → "ators"). */
const tail = (w: { lower: string; stem: string }) => (w.lower.startsWith(w.stem) ? w.lower.slice(w.stem.length) : '');
/**
 * Two different words with one stem match only when the stem says enough: "validated" and
 * "validation" (stem "valid") do, but not through a stem of under four letters ("added" and "ads"
 * share "ad"), nor when one is the agent noun of the other (the stemmer maps "estimators" and
 * "estimate" both to "estim", "customer" and "custom" to "custom").
 */
function sameStem(t: Token, w: PhraseWord): boolean {
  if (t.stem !== w.stem || t.stem.length < 3) return false;
  const agent = (x: { lower: string; stem: string }) => /(?:or|er)s?$/.test(tail(x));
  return agent(t) === agent(w);
}

/**
 * Where a phrase occurs in a sentence, as token index ranges [from, to). Words match by stem,
 * lemma or spelling; articles are skipped on both sides ("SMOTE inside the folds" matches
 * "smote inside folds").
 */
export function findPhrase(sentence: Sentence, phrase: string): { from: number; to: number }[] {
  const all = phraseWords(phrase);
  // an "a" beside a slash ("A/A", "A/B") is a name, not an article
  const words = all.filter((w, i) => !articles.has(w.lower) || all[i - 1]?.lower === '/' || all[i + 1]?.lower === '/');
  if (words.length === 0) return [];
  const out: { from: number; to: number }[] = [];
  const tokens = sentence.tokens;
  for (let i = 0; i < tokens.length; i++) {
    let at = i;
    let j = 0;
    for (; j < words.length && at < tokens.length; j++, at++) {
      const w = words[j]!;
      while (j > 0 && at < tokens.length && articles.has(tokens[at]!.lower) && !articles.has(w.lower)) at++;
      const t = tokens[at];
      // "came back" and "comes back" share a lemma, "validated" and "validation" a stem
      if (!t || !(t.lemma === w.lemma || t.lower === w.lower || sameStem(t, w))) break;
    }
    if (j === words.length) out.push({ from: i, to: at });
  }
  return out;
}

const firstPersonSubjects = new Set(['i']);
const firstPersonAny = new Set(['i', 'me', 'my', 'mine', 'myself']);
const weWords = new Set(['we', 'us', 'our', 'ours', 'ourselves']);

/** "I built", "I chose": the sentence has I as a speaker doing something (not only "me" as an object). */
export function hasFirstPersonSubject(sentence: Sentence): boolean {
  return sentence.tokens.some((t, i) => firstPersonSubjects.has(t.lower) && sentence.tokens.slice(i + 1, i + 4).some((n) => n.pos === 'VERB' || n.pos === 'AUX'));
}

export function mentionsFirstPerson(sentence: Sentence): boolean {
  return sentence.tokens.some((t) => firstPersonAny.has(t.lower));
}

export function mentionsWe(sentence: Sentence): boolean {
  return sentence.tokens.some((t) => weWords.has(t.lower));
}
