/**
 * Feedback on a typed answer that reads it sentence by sentence (src/text/analyse.ts): STAR parts
 * with the sentences that earned them, talking points covered only by a real, non-negated
 * sentence (quoted), red flags with the sentence that raised each, every figure checked against
 * the user's runs, a 0-100 score that shows how it was reached, and the interviewer's follow-up.
 * `prep feedback`, the Ink drill and `--plain` all call analyseAnswer.
 */
import type { RunStore } from '../data/runs.js';
import type { Question } from '../content/questions.js';
import { checkClaims, type ClaimCheck } from '../story/check.js';
import { analyse, findPhrase, hasFirstPersonSubject, mentionsWe, phraseStems, type Sentence } from '../text/analyse.js';
import { blames, countFillers, countNoRecall, countVague, fillerPenalty, findFlags, flagCaps, flagPenalty, type Flag, type FlagKind } from './feedback/flags.js';
import { chooseFollowUp, type FollowUp } from './feedback/follow-up.js';
import { contentTokens, doneAnyway, findKeyword, isCounterfactual, isDoubleNegative, isIntentionForDone, isWeakKeyword, isWord, quote, readClause, templatedSentences, type StarPart } from './feedback/reading.js';
import { countWords, quantifiedResult, readStar, type StarFinding } from './feedback/star.js';
import { feedbackViewRows } from './feedback-view.js';

export type { Flag, FlagKind } from './feedback/flags.js';
export { flagKinds } from './feedback/flags.js';
export type { FollowUp } from './feedback/follow-up.js';
export type { StarFinding } from './feedback/star.js';
export type { StarPart } from './feedback/reading.js';

/** What the feedback needs from a question; a follow-up is analysed against a small one of these. */
export type FeedbackQuestion = Pick<Question, 'kind' | 'targetSeconds' | 'talkingPoints'> & Partial<Pick<Question, 'id' | 'title' | 'followUps'>> & {
  /** Set on the synthetic question of a follow-up: no STAR, no further follow-up. */
  followUpOf?: string;
};

export interface PointFinding {
  point: string;
  covered: boolean;
  /** The sentence that covers it, quoted. */
  evidence: string | null;
  /** 0-1: how strongly the evidence covers the point (one keyword, or several words of the point). */
  weight: number;
  /** The keywords and words of the point that the evidence uses. */
  matched: string[];
  keywords: string[];
  /** Why not covered: nothing said, only in a negated sentence, only in a list of terms, or not by the candidate. */
  why: string;
}

export interface ScoreStep {
  label: string;
  /** Points added (positive), taken off (negative), or the cap applied (as the new total). */
  points: number;
  kind: 'add' | 'subtract' | 'cap';
}

/** The JSON contract of `prep feedback --json`, and what the drill views render. */
export interface AnswerFeedback {
  question: string;
  title: string | null;
  kind: Question['kind'];
  /** STAR is expected from behavioural and project questions (not from a follow-up). */
  starExpected: boolean;
  star: Record<StarPart, StarFinding>;
  quantifiedResult: { found: boolean; sentence: string | null; why: string };
  points: PointFinding[];
  flags: Flag[];
  figures: ClaimCheck[];
  words: number;
  /** Spoken at 160 and at 130 words a minute. */
  seconds: [number, number];
  targetSeconds: number;
  length: 'short' | 'on target' | 'long';
  fillers: Record<string, number>;
  vague: Record<string, number>;
  score: number;
  scoreSteps: ScoreStep[];
  followUp: FollowUp | null;
  /** A few short lines for the review log: score, STAR, points, flags. */
  summary: string[];
  /** @deprecated the earlier shape, for callers written against it; not enumerable, so not in the JSON. Use seconds. */
  readonly speakingSeconds: { low: number; high: number };
  /** @deprecated use figures. */
  readonly numbers: ClaimCheck[];
  /** @deprecated use points (covered only with evidence). */
  readonly talkingPoints: { point: string; covered: boolean; matched: string[]; keywords: string[] }[];
  /** @deprecated use length. */
  readonly lengthVerdict: AnswerFeedback['length'];
}

type FeedbackFields = Omit<AnswerFeedback, 'speakingSeconds' | 'numbers' | 'talkingPoints' | 'lengthVerdict'>;

/** Adds the earlier field names as non-enumerable getters: old callers keep working, the JSON contract stays clean. */
function withLegacyFields(f: FeedbackFields): AnswerFeedback {
  return Object.defineProperties(f, {
    speakingSeconds: { get: () => ({ low: f.seconds[0], high: f.seconds[1] }), enumerable: false },
    numbers: { get: () => f.figures, enumerable: false },
    talkingPoints: { get: () => f.points.map((p) => ({ point: p.point, covered: p.covered, matched: p.matched, keywords: p.keywords })), enumerable: false },
    lengthVerdict: { get: () => f.length, enumerable: false },
  }) as AnswerFeedback;
}

const storyKinds = new Set<Question['kind']>(['behavioural', 'project']);

/**
 * A story is expected from project questions and from behavioural ones whose model answer is a
 * STAR template; "Why this role?" or "Questions for us?" are behavioural but not stories.
 */
function isStory(question: FeedbackQuestion): boolean {
  if (!storyKinds.has(question.kind) || question.followUpOf !== undefined) return false;
  const model = (question as Partial<Pick<Question, 'sections'>>).sections?.['Model answer'];
  return question.kind === 'project' || model === undefined || /\bSituation\b/.test(model);
}

/** Words of a point's text that say what it is about (not "state", "why", "the"). */
const genericPointWords = new Set(['state', 'explain', 'describe', 'why', 'how', 'what', 'when', 'which', 'use', 'using', 'used', 'mention', 'say', 'show', 'give', 'name', 'only', 'never', 'not', 'and', 'the', 'with', 'from', 'into', 'your', 'their', 'them', 'they', 'both', 'about', 'each', 'more', 'than', 'that', 'this', 'over', 'same', 'also']);
const contentPos = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ']);

function pointWords(point: string): string[] {
  const tokens = analyse(point).flatMap((s) => s.tokens);
  return [...new Set(tokens.filter((t) => contentPos.has(t.pos) && t.lower.length >= 4 && !genericPointWords.has(t.lower)).map((t) => t.lower))];
}

/** Imperative points ("Listen and find the shared goal") are about what the candidate did. */
function isImperative(point: string): boolean {
  const first = analyse(point)[0]?.tokens[0];
  return first !== undefined && first.pos === 'VERB' && first.lemma === first.lower;
}

const candidateSpeaks = (s: Sentence) => hasFirstPersonSubject(s) || contentTokens(s).some((t) => t.lower === 'i') || mentionsWe(s);

interface Match {
  word: string;
  tokens: number[];
}

function matchesIn(sentence: Sentence, phrases: string[], finder: (s: Sentence, p: string) => { from: number; to: number }[]): { live: Match[]; negated: Match[] } {
  const live: Match[] = [];
  const negated: Match[] = [];
  for (const p of phrases) {
    for (const r of finder(sentence, p)) {
      const tokens = Array.from({ length: r.to - r.from }, (_, k) => r.from + k);
      const m = { word: p, tokens };
      // "if he had listened", "had a week to deliver": said, but not done
      const notDone = isCounterfactual(sentence.tokens, r.from) || isIntentionForDone(p, sentence.tokens, r.from);
      if (tokens.some((i) => sentence.tokens[i]!.negated && !isDoubleNegative(sentence.tokens, i)) || notDone) negated.push(m);
      else live.push(m);
    }
  }
  return { live, negated };
}

/**
 * What the red flags and the pitfalls say about evidence: a sentence that blames someone or does
 * what a pitfall warns against earns no point, and accuracy quoted without context covers nothing
 * about accuracy.
 */
interface Disqualified {
  sentences: Set<number>;
  /** Of those, the ones that do what a pitfall warns against (the rest blame). */
  pitfall?: Set<number>;
  keywords: Set<string>;
}

/** Parts of speech that carry a pitfall's meaning. */
const pitfallPos = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'NUM']);

/** Tokens within which a pitfall's words must fall. */
const pitfallWindow = 20;
const pitfallNegation = new Set(['without', 'no', 'not', "n't", 'never', 'instead']);
/** Words that open a clause explaining or contrasting, not reporting what was done: "because peeking every day inflates ...". */
const explaining = new Set(['because', 'since', 'so', 'which', 'instead', 'rather', 'while', 'whereas', 'but', 'otherwise', 'unless', 'if', 'than']);

/** The pitfalls of a question, one per bullet, each as the set of its content lemmas. */
function pitfallLemmas(question: FeedbackQuestion): { text: string; lemmas: Set<string> }[] {
  const section = (question as Partial<Pick<Question, 'sections'>>).sections?.Pitfalls;
  if (!section) return [];
  return section
    .split('\n')
    .map((line) => line.replace(/^\s*[-*]\s*/, '').trim())
    .filter(Boolean)
    .map((text) => {
      // "Retraining without comparing the new model": what comes after the negation is what is missing, not what is done
      const tokens = analyse(text).flatMap((s) => s.tokens);
      const cut = tokens.findIndex((t) => pitfallNegation.has(t.lower));
      const done = cut >= 0 ? tokens.slice(0, cut) : tokens;
      return { text, lemmas: new Set(done.filter((t) => pitfallPos.has(t.pos) && t.lower.length >= 2).map((t) => t.lemma)) };
    })
    .filter((p) => p.lemmas.size >= 3);
}

/**
 * A sentence that does what a pitfall warns against ("fill every numeric column with the mean of
 * the whole dataset, before I split" for "Filling everything with the mean before the split"):
 * most of the pitfall's content words, said plainly (not negated, not as a counterfactual). It
 * is no evidence for a talking point, whatever keywords it holds.
 */
function enactsPitfall(sentence: Sentence, pitfalls: { lemmas: Set<string> }[]): boolean {
  if (pitfalls.length === 0) return false;
  const tokens = sentence.tokens;
  // the candidate's own clause: cut at ";" and at words that explain or contrast
  const segments: number[][] = [[]];
  tokens.forEach((t, i) => {
    if (t.text === ';' || explaining.has(t.lower)) segments.push([]);
    else segments.at(-1)!.push(i);
  });
  return segments.some((segment) => {
    const own = segment.some((i) => ['i', 'we'].includes(tokens[i]!.lower) && tokens.slice(i + 1, i + 4).some((n) => n.pos === 'VERB' || n.pos === 'AUX'));
    if (!own) return false;
    const plain = segment.filter((i) => !tokens[i]!.negated && !isCounterfactual(tokens, i));
    // close together, as the pitfall says it: "picked the threshold on out-of-fold predictions ... checked once on the test set" is not "picking the threshold on the test set"
    return plain.some((start) => {
      const window = plain.filter((i) => i >= start && i < start + pitfallWindow);
      const said = new Set(window.flatMap((i) => [tokens[i]!.lemma, tokens[i]!.stem]));
      return pitfalls.some(({ lemmas }) => {
        const hits = [...lemmas].filter((l) => said.has(l) || said.has(phraseStems(l)[0] ?? l)).length;
        return hits >= 3 && hits / lemmas.size >= 0.6;
      });
    });
  });
}

/** Keywords that name accuracy: void when the answer quotes accuracy without context. */
const accuracyKeywords = new Set(['accuracy', 'accurate']);
const negationWords = /\b(?:not|never|no|without|n't)\b/i;

/**
 * The candidate says they did not do what the point asks: "I did not bother comparing it with
 * class weights" for "Compared no resampling, class weights and SMOTE". A first-person sentence
 * whose negated verb is one of the point's keywords. A point phrased as a negation ("never before
 * the split") is affirmed by a negated sentence there, so those keywords never deny it.
 */
function deniedBy(sentence: Sentence, keywords: string[]): boolean {
  const tokens = sentence.tokens;
  return keywords.some((k) =>
    findKeyword(sentence, k).some((r) => {
      const verb = r.from;
      if (tokens[verb]!.pos !== 'VERB' || !tokens[verb]!.negated) return false;
      // the negator shortly before the keyword, with I or we as its subject ("I did not bother comparing", "we never tested")
      const n = tokens.slice(Math.max(0, verb - 4), verb).findLastIndex((t) => negators.has(t.lower)) + Math.max(0, verb - 4);
      if (n < Math.max(0, verb - 4)) return false;
      let subject = n - 1;
      while (subject >= 0 && tokens[subject]!.pos === 'AUX') subject--;
      if (subject < 0 || !['i', 'we'].includes(tokens[subject]!.lower)) return false;
      // "I never forget to fit", "we did not fail to test": two negatives, so it was done; and the
      // negation must reach the keyword: "I did not cut was the held-out evaluation" denies cutting
      const between = tokens.slice(n + 1, verb);
      return !between.some((t) => doneAnyway.has(t.lemma)) && between.every((t) => lightVerbs.has(t.lemma) || t.pos === 'ADV' || t.pos === 'PART' || (t.pos === 'AUX' && t.lemma !== 'be'));
    }),
  );
}
const negators = new Set(['not', "n't", 'never']);
/** Verbs that pass a negation on to the verb after them: "I did not bother comparing", "we never tried to test". */
const lightVerbs = new Set(['bother', 'try', 'want', 'need', 'manage', 'get', 'care', 'plan', 'intend', 'think', 'go']);

function readPoints(sentences: Sentence[], question: FeedbackQuestion, keywordTokens: Set<number>[], templated: Set<number>, disqualified: Disqualified = { sentences: new Set(), keywords: new Set() }): PointFinding[] {
  // a sentence on a repeated frame with keywords swapped in is a list, however grammatical
  const clauses = sentences.map((s, i) => (templated.has(i) ? { words: 0, isClause: false, reason: 'the same sentence frame repeated with keywords swapped in' } : readClause(s, keywordTokens[i])));
  const wordsOfPoints = question.talkingPoints.map((p) => pointWords(p.point));
  return question.talkingPoints.map(({ point, keywords }, index) => {
    const strong = keywords.filter((k) => !isWeakKeyword(k) && !disqualified.keywords.has(k.toLowerCase()));
    // a keyword in the point's own negated part ("never before the split", "no peeking") is affirmed by a negation
    const negatedPart = point.toLowerCase().split(negationWords).slice(1).join(' ');
    const deniable = strong.filter((k) => !negatedPart.includes(k.toLowerCase().replace(/\*$/, '')));
    const denial = sentences.findIndex((s) => deniedBy(s, deniable));
    // only the words that set this point apart from the question's other points
    const elsewhere = new Set(wordsOfPoints.flatMap((w, j) => (j === index ? [] : w)));
    const words = wordsOfPoints[index]!.filter((w) => !elsewhere.has(w));
    const needsCandidate = question.kind === 'behavioural' && isImperative(point);
    let best: { i: number; matched: string[]; weight: number; strength: number } | undefined;
    let seenNegated: number | undefined;
    let seenInList: number | undefined;
    let seenOthers: number | undefined;
    let seenDisqualified: number | undefined;
    sentences.forEach((s, i) => {
      if (denial >= 0) return;
      const k = matchesIn(s, strong, findKeyword);
      const w = matchesIn(s, words, findPhrase);
      const liveWords = new Set([...k.live.map((m) => m.word), ...w.live.map((m) => m.word)]);
      // a keyword said in a live clause covers; the point's own words only when three of them are
      const covers = k.live.length > 0 || new Set(w.live.map((m) => m.word)).size >= 3;
      if (!covers) {
        if (k.negated.length || w.negated.length) seenNegated ??= i;
        return;
      }
      if (disqualified.sentences.has(i)) {
        seenDisqualified ??= i;
        return;
      }
      if (!clauses[i]!.isClause) {
        seenInList ??= i;
        return;
      }
      if (needsCandidate && !candidateSpeaks(s)) {
        seenOthers ??= i;
        return;
      }
      // vague wording ("stuff", "somehow", "maybe") weakens the evidence it is in
      const vague = Object.keys(countVague(quote(s))).length > 0;
      const weight = (liveWords.size >= 2 ? 1 : 0.75) * (vague ? 0.7 : 1);
      const strength = 2 * new Set(k.live.map((m) => m.word)).size + new Set(w.live.map((m) => m.word)).size;
      if (!best || strength * weight > best.strength * best.weight) best = { i, matched: [...liveWords], weight, strength };
    });
    if (best) {
      const why = best.weight === 1 ? 'covered' : best.weight < 0.75 ? 'covered, in vague words: say exactly what' : 'covered by one keyword: say more about it';
      return { point, covered: true, evidence: quote(sentences[best.i]!), weight: best.weight, matched: best.matched, keywords, why };
    }
    const why =
      denial >= 0
        ? `you say you did not: "${quote(sentences[denial]!)}"`
        : seenNegated !== undefined
          ? `only in a negated sentence: "${quote(sentences[seenNegated]!)}"`
          : seenDisqualified !== undefined
            ? disqualified.pitfall?.has(seenDisqualified)
              ? `only in a sentence that does what the pitfalls warn against: "${quote(sentences[seenDisqualified]!)}"`
              : `only in a sentence that blames someone: "${quote(sentences[seenDisqualified]!)}"`
            : seenInList !== undefined
              ? `only in a list of terms: "${quote(sentences[seenInList]!)}" (${clauses[seenInList]!.reason})`
              : seenOthers !== undefined
                ? `only about someone else: "${quote(sentences[seenOthers]!)}"; say what you did`
                : `not mentioned (listen for: ${keywords.join(', ')})`;
    return { point, covered: false, evidence: null, weight: 0, matched: [], keywords, why };
  });
}

function keywordTokenSets(sentences: Sentence[], question: FeedbackQuestion): Set<number>[] {
  const keywords = [...new Set(question.talkingPoints.flatMap((p) => p.keywords).filter((k) => !isWeakKeyword(k)))];
  return sentences.map((s) => {
    const set = new Set<number>();
    for (const k of keywords) for (const r of findKeyword(s, k)) for (let i = r.from; i < r.to; i++) set.add(i);
    return set;
  });
}

/** The first talking-point keyword in a sentence, as the candidate wrote it: "class weights", not "class". */
function firstKeywordAsWritten(sentence: Sentence, question: FeedbackQuestion): string | undefined {
  const keywords = [...new Set(question.talkingPoints.flatMap((p) => p.keywords).filter((k) => !isWeakKeyword(k)))];
  const ranges = keywords.flatMap((k) => findKeyword(sentence, k)).sort((a, b) => a.from - b.from || b.to - a.to);
  const first = ranges[0];
  if (!first) return undefined;
  const { tokens } = sentence;
  return sentence.text.slice(tokens[first.from]!.start - sentence.start, tokens[first.to - 1]!.end - sentence.start);
}

function hashOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}

/** "about 40-49 s", or "about 2 s" when both rates round alike. */
export const spoken = ([lo, hi]: [number, number]) => (lo === hi ? `${lo} s` : `${lo}-${hi} s`);

function lengthOf(words: number, targetSeconds: number): { seconds: [number, number]; length: AnswerFeedback['length'] } {
  const seconds: [number, number] = [Math.round((words / 160) * 60), Math.round((words / 130) * 60)];
  // too short: under half the target even spoken slowly; too long: over 1.4 times it even spoken fast
  const length = seconds[1] < targetSeconds * 0.5 ? 'short' : seconds[0] > targetSeconds * 1.4 ? 'long' : 'on target';
  return { seconds, length };
}

/** Points a pitfall the answer falls into takes off, at most twice. */
export const pitfallPenalty = 10;

function score(f: Omit<FeedbackFields, 'score' | 'scoreSteps' | 'followUp' | 'summary'>, sentences: Sentence[], keywordTokens: Set<number>[], templated: Set<number>, pitfallsDone: string[] = []): { score: number; steps: ScoreStep[] } {
  const steps: ScoreStep[] = [];
  const hasPoints = f.points.length > 0;
  const clauseWords = sentences.reduce((n, s, i) => n + (!templated.has(i) && readClause(s, keywordTokens[i]).isClause ? contentTokens(s).filter(isWord).length : 0), 0);
  const clauseShare = f.words ? clauseWords / f.words : 0;
  const weights = f.starExpected ? { points: 50, structure: 30, length: 20 } : hasPoints ? { points: 65, structure: 15, length: 20 } : { points: 0, structure: 70, length: 30 };
  if (hasPoints) {
    const evidence = f.points.reduce((a, p) => a + p.weight, 0);
    steps.push({ label: `talking points: ${f.points.filter((p) => p.covered).length} of ${f.points.length} covered with evidence (weight ${evidence.toFixed(2)} of ${f.points.length})`, points: Math.round((weights.points * evidence) / f.points.length), kind: 'add' });
  }
  if (f.starExpected) {
    const parts: [StarPart, number][] = [['situation', 6], ['task', 6], ['action', 9], ['result', 5]];
    const found = parts.filter(([p]) => f.star[p].found);
    const starPoints = found.reduce((a, [, w]) => a + w, 0) + (f.quantifiedResult.found ? 4 : 0);
    steps.push({ label: `STAR: ${found.map(([p]) => p).join(', ') || 'no part'} found${f.quantifiedResult.found ? ', result quantified' : ''}`, points: starPoints, kind: 'add' });
  } else {
    steps.push({ label: `clear sentences: ${Math.round(clauseShare * 100)}% of the words are in sentences that say something`, points: Math.round(weights.structure * clauseShare), kind: 'add' });
  }
  // long: half the length points, none beyond twice the target
  const lengthFactor = f.length === 'on target' ? 1 : f.length === 'long' ? (f.seconds[0] > 2 * f.targetSeconds ? 0 : 0.5) : Math.min(1, f.seconds[1] / (0.5 * f.targetSeconds));
  steps.push({ label: `length: about ${spoken(f.seconds)} against ${f.targetSeconds} s (${f.length})`, points: Math.round(weights.length * lengthFactor), kind: 'add' });
  let total = steps.reduce((a, s) => a + s.points, 0);
  const byKind = new Map<FlagKind, number>();
  for (const flag of f.flags) byKind.set(flag.kind, (byKind.get(flag.kind) ?? 0) + 1);
  // "I can't quite recall which column, and I forget the score": each time it is said, not each sentence
  if (byKind.has('no-recall')) byKind.set('no-recall', Math.max(byKind.get('no-recall')!, countNoRecall(sentences.map((s) => quote(s)).join(' '))));
  for (const [kind, n] of byKind) {
    const each = kind === 'fillers' ? fillerPenalty(Object.values(f.fillers).reduce((a, b) => a + b, 0), f.words) : flagPenalty[kind];
    const off = Math.min(each * n, each * 2);
    if (off === 0) continue;
    steps.push({ label: `red flag ${kind}${n > 1 ? ` ×${n}` : ''}`, points: -off, kind: 'subtract' });
    total -= off;
  }
  for (const pitfall of pitfallsDone.slice(0, 2)) {
    steps.push({ label: `pitfall: ${pitfall}`, points: -pitfallPenalty, kind: 'subtract' });
    total -= pitfallPenalty;
  }
  for (const [kind, cap] of Object.entries(flagCaps) as [FlagKind, number][]) {
    if (byKind.has(kind) && total > cap) {
      steps.push({ label: `capped: red flag ${kind}`, points: cap, kind: 'cap' });
      total = cap;
    }
  }
  if (f.length === 'short') {
    // a short answer cannot show enough, however good its sentences: at most 60, less the shorter it is
    const cap = Math.round(60 * Math.min(1, f.seconds[1] / (0.5 * f.targetSeconds)));
    if (total > cap) {
      steps.push({ label: `capped: too short for a ${f.targetSeconds} s answer`, points: cap, kind: 'cap' });
      total = cap;
    }
  }
  return { score: Math.max(0, Math.min(100, total)), steps };
}

export function analyseAnswer(answer: string, question: FeedbackQuestion, store?: RunStore): AnswerFeedback {
  // code blocks (a SQL answer's query) are not spoken prose: blank them, keeping every offset
  const hasCode = /```[\s\S]*?\S[\s\S]*?```/.test(answer);
  const text = answer
    .replace(/\r\n?/g, '\n')
    .replace(/```[\s\S]*?(```|$)/g, (block) => block.replace(/[^\n]/g, ' '))
    .trim();
  const sentences = analyse(text);
  const keywordTokens = keywordTokenSets(sentences, question);
  const isFollowUp = question.followUpOf !== undefined;
  const starExpected = isStory(question);
  const star = readStar(sentences, keywordTokens, (s) => blames(quote(s)));
  const words = countWords(sentences);
  const spokenLength = lengthOf(words, question.targetSeconds);
  const { seconds } = spokenLength;
  // a query written out takes the time its prose does not: an answer with code is never too short
  const length = hasCode && spokenLength.length === 'short' ? 'on target' : spokenLength.length;
  const figures = store && text ? checkClaims(text, store) : [];
  const fillers = countFillers(text);
  const vague = countVague(text);
  const templated = templatedSentences(sentences, keywordTokens);
  const flags = text
    ? findFlags({ sentences, keywordTokens, templated, star, story: starExpected, isFollowUp, figures, words, seconds, targetSeconds: question.targetSeconds, length, fillers, vague })
    : [{ kind: 'too-short' as const, sentence: null, why: 'no answer' }];
  const pitfalls = pitfallLemmas(question);
  const pitfallsDone = pitfalls.filter((p) => sentences.some((s) => enactsPitfall(s, [p])));
  const pitfallSentences = new Set(sentences.map((s, i) => (enactsPitfall(s, pitfalls) ? i : -1)).filter((i) => i >= 0));
  const disqualified: Disqualified = {
    sentences: new Set(sentences.map((s, i) => (blames(quote(s)) || pitfallSentences.has(i) ? i : -1)).filter((i) => i >= 0)),
    pitfall: pitfallSentences,
    keywords: flags.some((fl) => fl.kind === 'accuracy-without-context') ? accuracyKeywords : new Set(),
  };
  const points = readPoints(sentences, question, keywordTokens, templated, disqualified);
  const base = {
    question: question.id ?? question.title ?? 'answer',
    title: question.title ?? null,
    kind: question.kind,
    starExpected,
    star: star.parts,
    quantifiedResult: quantifiedResult(sentences, star, new Set(flags.filter((fl) => (fl.kind === 'unbacked-figure' || fl.kind === 'accuracy-without-context') && fl.sentence).map((fl) => fl.sentence!))),
    points,
    flags,
    figures,
    words,
    seconds,
    targetSeconds: question.targetSeconds,
    length,
    fillers,
    vague,
  };
  const scored = score(base, sentences, keywordTokens, templated, pitfallsDone.map((p) => p.text));
  const listed = flags.find((fl) => fl.kind === 'keyword-list');
  const listedAt = listed ? sentences.findIndex((s) => quote(s) === listed.sentence) : -1;
  const listedTerm = listedAt >= 0 ? firstKeywordAsWritten(sentences[listedAt]!, question) : undefined;
  const followUp = isFollowUp || !text ? null : chooseFollowUp({ answer: text, flags, figures, followUps: question.followUps ?? [], seed: hashOf(text), listedTerm });
  const summary = [
    `score ${scored.score}/100`,
    ...(starExpected ? [`STAR: ${(['situation', 'task', 'action', 'result'] as const).filter((p) => !star.parts[p].found).join(', ') || 'all four parts found'}${(['situation', 'task', 'action', 'result'] as const).some((p) => !star.parts[p].found) ? ' missing' : ''}`] : []),
    ...(points.length ? [`talking points: ${points.filter((p) => p.covered).length} of ${points.length} covered with evidence`] : []),
    ...(flags.length ? [`red flags: ${flags.map((fl) => fl.kind).join(', ')}`] : []),
  ];
  return withLegacyFields({ ...base, score: scored.score, scoreSteps: scored.steps, followUp, summary });
}

/** Target length of a follow-up answer, in seconds. */
export const followUpSeconds = 45;

/** The small question a follow-up answer is analysed against: the follow-up's text, about 45 s, no talking points. */
export function followUpQuestion(followUp: FollowUp | string, parent: Pick<FeedbackQuestion, 'kind'> & Partial<Pick<Question, 'id'>>): FeedbackQuestion {
  const text = typeof followUp === 'string' ? followUp : followUp.question;
  return { id: parent.id ? `${parent.id}#follow-up` : 'follow-up', title: text, kind: parent.kind, targetSeconds: followUpSeconds, talkingPoints: [], followUps: [], followUpOf: parent.id ?? 'answer' };
}

/** Feedback on the answer to a follow-up. */
export function analyseFollowUpAnswer(answer: string, followUp: FollowUp | string, parent: Pick<FeedbackQuestion, 'kind'> & Partial<Pick<Question, 'id'>>, store?: RunStore): AnswerFeedback {
  return analyseAnswer(answer, followUpQuestion(followUp, parent), store);
}

/**
 * The feedback as unwrapped lines, one per item, for views that wrap and colour by the leading
 * mark (✓ ✗ ! ?): for a story the four STAR lines come first, in order, as the drill's views
 * have expected. New code should render feedbackViewRows (src/drill/feedback-view.ts).
 */
export function feedbackLines(f: AnswerFeedback, _kind?: Question['kind']): string[] {
  const rows = feedbackViewRows(f, { width: Number.MAX_SAFE_INTEGER });
  const star = f.starExpected ? (['situation', 'task', 'action', 'result'] as const).map((p) => `${f.star[p].found ? '✓' : '✗'} ${p.padEnd(9)} ${f.star[p].found ? `"${f.star[p].sentence}"` : (f.star[p].note ?? 'not found')}`) : [];
  const starRow = /^ {2}[✓✗] (situation|task|action|result) /;
  const rest = rows.filter((r) => r.text !== 'STAR' && !starRow.test(r.text)).map((r) => (/^ {2}[✓✗!?·] /.test(r.text) ? r.text.trimStart() : r.text));
  return [...star, ...rest];
}
