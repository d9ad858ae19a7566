/**
 * Reading an answer sentence by sentence: STAR labels ("Situation:", "S:", "## Action",
 * "**Result.**"), talking-point keywords matched on tokens (stems, lemmas, "oversampl*"), and
 * whether a sentence is a real clause or a list of terms dressed up as one.
 */
import { findPhrase, type Sentence, type Token } from '../../text/analyse.js';

export type StarPart = 'situation' | 'task' | 'action' | 'result';

const labelWords: Record<string, StarPart> = {
  situation: 'situation',
  context: 'situation',
  background: 'situation',
  s: 'situation',
  task: 'task',
  goal: 'task',
  objective: 'task',
  challenge: 'task',
  t: 'task',
  action: 'action',
  actions: 'action',
  approach: 'action',
  a: 'action',
  result: 'result',
  results: 'result',
  outcome: 'result',
  impact: 'result',
  r: 'result',
};

const isMarkup = (t: Token) => /^[#*_•·>-]+$/.test(t.text);

/**
 * A STAR label at the start of a sentence, and how many tokens it takes. Accepted: a label word
 * followed by ":" "-" "—" "." or ")" ("Situation:", "S)", "Result - ..."), after a markdown heading
 * ("## Action") or in bold ("**Task.**"), or a sentence that is only the label word. A single
 * letter counts only in capitals with ":" or ")" after it, so "A model..." is not an Action.
 */
export function starLabel(sentence: Sentence): { part: StarPart; tokens: number } | undefined {
  const tokens = sentence.tokens;
  let i = 0;
  let heading = false;
  while (i < tokens.length && isMarkup(tokens[i]!)) {
    if (tokens[i]!.text.includes('#') || tokens[i]!.text.includes('*')) heading = true;
    i++;
  }
  // a numbered list: "1. Situation: ...", "2) Task - ..."
  if (/^\d$/.test(tokens[i]?.text ?? '') && ['.', ')'].includes(tokens[i + 1]?.text ?? '')) i += 2;
  const word = tokens[i];
  if (!word) return undefined;
  const part = labelWords[word.lower];
  if (!part) return undefined;
  const next = tokens[i + 1];
  // the tokenizer keeps bold markup on the punctuation: "**Situation:**" is "Situation" then ":*"
  const punct = next?.text.replace(/[*_]+$/, '');
  const single = word.text.length === 1;
  if (single && (word.text !== word.text.toUpperCase() || !next || ![':', ')'].includes(punct!))) return undefined;
  let used = i + 1;
  if (next && [':', '-', '—', '–', '.', ')'].includes(punct!)) used = i + 2;
  else if (next && !heading) return undefined;
  while (used < tokens.length && isMarkup(tokens[used]!)) used++;
  return { part, tokens: used };
}

/** The tokens that carry content: without a leading STAR label and markup. */
export function contentTokens(sentence: Sentence): Token[] {
  const label = starLabel(sentence);
  let from = label?.tokens ?? 0;
  while (from < sentence.tokens.length && isMarkup(sentence.tokens[from]!)) from++;
  return sentence.tokens.slice(from);
}

/** The sentence as quoted back: without its label. */
export function quote(sentence: Sentence): string {
  const tokens = contentTokens(sentence);
  if (tokens.length === 0) return sentence.text.trim();
  return sentence.text.slice(tokens[0]!.start - sentence.start).replace(/\*+$/, '').trim();
}

export const isWord = (t: Token) => /[\p{L}\p{N}]/u.test(t.text) && t.pos !== 'PUNCT';

/** Keywords that are function words ("they", "their", "both") say nothing on their own. */
const weakKeywords = new Set(['they', 'their', 'them', 'both', 'it', 'we', 'our', 'i', 'my', 'own', 'the', 'a', 'an', 'this', 'that', 'and', 'or', 'not', 'no', 'all', 'some', 'why', 'under', 'before', 'after']);

export function isWeakKeyword(keyword: string): boolean {
  return weakKeywords.has(keyword.toLowerCase().trim());
}

/**
 * Where a talking-point keyword occurs in a sentence, as token index ranges. Words match by stem,
 * lemma or spelling (through the text module); "oversampl*" matches any word starting with
 * "oversampl", also inside a phrase ("roll* back"); "a/b", "80/20" and other keywords with symbols
 * match their spelling in the text.
 */
export function findKeyword(sentence: Sentence, keyword: string): { from: number; to: number }[] {
  const k = keyword.toLowerCase().trim();
  const found = findKeywordAdjacent(sentence, k);
  return found.length > 0 ? found : findSeparatedParticle(sentence, k);
}

/** Particles of phrasal verbs: "roll back", "set up", "pointed out". */
const particles = new Set(['back', 'up', 'out', 'down', 'off', 'over']);

/**
 * A phrasal verb with its object in between: "rolled the model back" for "roll* back" or "rolled
 * back", "set the alert up" for "set up". At most three words between, none of them punctuation.
 */
function findSeparatedParticle(sentence: Sentence, k: string): { from: number; to: number }[] {
  const words = k.split(/\s+/);
  if (words.length !== 2 || !particles.has(words[1]!)) return [];
  const out: { from: number; to: number }[] = [];
  const tokens = sentence.tokens;
  tokens.forEach((t, i) => {
    if (t.pos !== 'VERB' || findKeywordAdjacent({ ...sentence, tokens: [t] }, words[0]!).length === 0) return;
    for (let j = i + 2; j <= i + 4 && j < tokens.length; j++) {
      if (tokens[j - 1]!.pos === 'PUNCT') break;
      if (tokens[j]!.lower === words[1]) {
        out.push({ from: i, to: j + 1 });
        break;
      }
    }
  });
  return out;
}

function findKeywordAdjacent(sentence: Sentence, k: string): { from: number; to: number }[] {
  if (/[^\p{L}\p{N}\s*'-]/u.test(k)) {
    // symbols: match the spelling, then map the characters back to tokens
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${k.replace(/[.+?^${}()|[\]\\/]/g, '\\$&').replace(/\\?\*/g, '[\\p{L}\\p{N}]*')}(?![\\p{L}\\p{N}])`, 'giu');
    const out: { from: number; to: number }[] = [];
    for (const m of sentence.text.matchAll(re)) {
      const start = sentence.start + m.index!;
      const end = start + m[0].length;
      const from = sentence.tokens.findIndex((t) => t.end > start);
      let to = from;
      while (to < sentence.tokens.length && sentence.tokens[to]!.start < end) to++;
      if (from >= 0) out.push({ from, to });
    }
    return out;
  }
  if (!k.includes('*')) return findPhrase(sentence, k);
  const words = k.split(/[\s-]+/).filter(Boolean);
  const out: { from: number; to: number }[] = [];
  const tokens = sentence.tokens;
  const fits = (t: Token, w: string) => {
    if (w.endsWith('*')) {
      const prefix = w.slice(0, -1);
      return t.lower.startsWith(prefix) || t.lemma.startsWith(prefix);
    }
    const stem = findPhrase({ text: w, start: 0, end: w.length, line: 1, tokens: [t] }, w).length > 0;
    return stem;
  };
  for (let i = 0; i < tokens.length; i++) {
    let j = 0;
    let at = i;
    while (j < words.length && at < tokens.length && fits(tokens[at]!, words[j]!)) {
      j++;
      at++;
    }
    if (j === words.length) out.push({ from: i, to: at });
  }
  return out;
}

/**
 * A word said about what did not happen: in a counterfactual ("if he had listened to me", "we
 * would have shipped"), looking back to the start of its clause.
 */
export function isCounterfactual(tokens: Token[], index: number): boolean {
  let from = index;
  while (from > 0 && ![',', ';', ':'].includes(tokens[from - 1]!.text)) from--;
  const before = tokens.slice(from, index + 1);
  return before.some((t, i) => (t.lower === 'if' && before.slice(i + 1, i + 4).some((n) => n.lower === 'had')) || (['would', 'could', 'should', 'might'].includes(t.lower) && before[i + 1]?.lemma === 'have'));
}

/** Verbs that undo a negation before them: "I never forget to fit", "we did not fail to test" say it was done. */
export const doneAnyway = new Set(['forget', 'fail', 'neglect', 'skip', 'miss', 'stop', 'hesitate', 'omit']);

/** A word inside a negation's scope that the negation does not reach: "fit" in "I never forget to fit". */
export function isDoubleNegative(tokens: Token[], index: number): boolean {
  for (let j = index - 1; j >= Math.max(0, index - 5); j--) {
    if (doneAnyway.has(tokens[j]!.lemma)) return tokens.slice(Math.max(0, j - 3), j).some((t) => ['not', "n't", 'never'].includes(t.lower));
  }
  return false;
}

const modalsAndTo = new Set(['to', 'would', 'will', "'ll", 'could', 'should', 'might', 'may', 'can', 'must']);

/**
 * A keyword written as something done ("delivered", "rolled back") met as an intention ("had one
 * week to deliver", "we will deliver"): not the same claim.
 */
export function isIntentionForDone(keyword: string, tokens: Token[], index: number): boolean {
  if (!/^[a-z]+ed\b/.test(keyword.toLowerCase())) return false;
  const t = tokens[index]!;
  if (t.lower.endsWith('ed')) return false;
  return tokens.slice(Math.max(0, index - 2), index).some((p) => modalsAndTo.has(p.lower));
}

/** Words that carry grammar rather than content: prose has plenty, a list of terms has almost none. */
const functionWords = new Set(
  "the a an of to in on for with by at from as is are was were be been being it its this that these those which who whom what when how why or but so because if then than not no nor i we you he she they my our your their his her me us them do did does done has have had can could would should will may might must each every all some any more most only also very there here into onto over under between about after before while where whether one both either neither such same other another own n't never per via against without within during since until".split(' '),
);
/** Terms of the trade that a list of keywords is made of, besides the question's own keywords. */
const jargon = new Set('cv smote shap auc roc xgboost lightgbm catboost sklearn pca knn svm lstm cnn rnn bert llm mse rmse mae f1 rfm clv sql etl api gbm ml ai nlp kpi ab'.split(' '));
const isTerm = (t: Token) => jargon.has(t.lower) || (/^[A-Z][A-Z0-9]+$/.test(t.text) && t.text.length >= 2);

export interface ClauseReading {
  /** Words in the sentence, without its label. */
  words: number;
  isClause: boolean;
  /** Why it is not a clause, when it is not. */
  reason?: string;
}

/**
 * Whether a sentence says something, rather than listing terms. Prose has function words
 * (articles, prepositions, pronouns, auxiliaries) between its content words and a verb; a keyword
 * list has neither, runs many content words together, and is mostly the question's keywords or
 * other jargon ("I built cv smote shap."). Part-of-speech tags decide only the verb: the tagger
 * misreads lists of technical terms, so the other tests use the words themselves.
 */
export function readClause(sentence: Sentence, keywordTokens: Set<number> = new Set()): ClauseReading {
  const tokens = contentTokens(sentence);
  const offset = sentence.tokens.length - tokens.length;
  const words = tokens.filter(isWord);
  const n = words.length;
  if (n < 5) return { words: n, isClause: false, reason: `only ${n} word${n === 1 ? '' : 's'}` };
  // function words inside a keyword ("order by", "within each group") are the keyword, not grammar
  const functionShare = tokens.filter((t, i) => isWord(t) && functionWords.has(t.lower) && !keywordTokens.has(i + offset)).length / n;
  if (functionShare < 0.1) return { words: n, isClause: false, reason: 'a list of terms: almost no articles, prepositions or pronouns' };
  let run = 0;
  let longest = 0;
  for (const t of tokens) {
    run = isWord(t) && !functionWords.has(t.lower) && t.lower !== 'and' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  if (longest >= 9) return { words: n, isClause: false, reason: `a list of terms: ${longest} content words in a row` };
  const hasVerb = words.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
  // keywords chained by "and" or commas ("probabilities and frequencies and reliability"), with little grammar around them
  const chained = tokens.filter((t, i) => (t.lower === 'and' || t.lower === 'or' || t.text === ',') && keywordTokens.has(i - 1 + offset) && keywordTokens.has(i + 1 + offset)).length;
  const keywordShare = tokens.filter((t, i) => isWord(t) && keywordTokens.has(i + offset)).length / n;
  if (chained >= 2 && keywordShare >= 0.4 && functionShare < 0.35) return { words: n, isClause: false, reason: 'a list of keywords joined by "and"' };
  // grammar words outside the keywords: prose, even where the tagger missed the verb ("I segmented" read as an adjective)
  if (functionShare >= 0.25) return { words: n, isClause: true };
  const terms = tokens.filter((t, i) => isWord(t) && (keywordTokens.has(i + offset) || isTerm(t))).length;
  if (terms / n > 0.5) return { words: n, isClause: false, reason: 'mostly keywords and jargon, with little said about them' };
  // a verbless fragment ("First the sample size: from the baseline rate, ...") reads as prose when it has grammar words
  if (!hasVerb && functionShare < 0.2) return { words: n, isClause: false, reason: 'no verb' };
  return { words: n, isClause: true };
}

/**
 * Sentences that share one frame with the keywords swapped ("I think that X is important. I
 * think that Y is important."): the words outside the keywords, compared between sentences. Three
 * or more sentences on one frame are a list in disguise; returns their indices.
 */
export function templatedSentences(sentences: Sentence[], keywordTokens: Set<number>[]): Set<number> {
  const frames = sentences.map((s, i) => new Set(s.tokens.filter((t, j) => isWord(t) && !keywordTokens[i]!.has(j)).map((t) => t.lemma)));
  const keywords = sentences.map((s, i) => new Set(s.tokens.filter((_, j) => keywordTokens[i]!.has(j)).map((t) => t.lower)));
  const jaccard = (a: Set<string>, b: Set<string>) => {
    const shared = [...a].filter((w) => b.has(w)).length;
    return a.size + b.size - shared === 0 ? 1 : shared / (a.size + b.size - shared);
  };
  // same frame, different keywords: a sentence said again word for word is repetition, not a list
  const swapped = (i: number, j: number) => frames[i]!.size >= 2 && frames[j]!.size >= 2 && jaccard(frames[i]!, frames[j]!) >= 0.6 && jaccard(keywords[i]!, keywords[j]!) < 0.5;
  const out = new Set<number>();
  frames.forEach((_, i) => {
    if (keywordTokens[i]!.size === 0) return;
    const alike = frames.map((__, j) => (j !== i && keywordTokens[j]!.size > 0 && swapped(i, j) ? j : -1)).filter((j) => j >= 0);
    if (alike.length >= 2) for (const j of [i, ...alike]) out.add(j);
  });
  return out;
}
