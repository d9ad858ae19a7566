/**
 * STAR parts of a story: from explicit labels ("Situation:", "S:", "## Action") and, where there
 * is no label, from what each sentence does: sets the scene, states the goal, says what the
 * candidate did (first person), or reports how it ended. Each part keeps the sentence that
 * earned it.
 */
import type { Sentence, Token } from '../../text/analyse.js';
import { contentTokens, isWord, quote, readClause, starLabel, type StarPart } from './reading.js';

export interface StarFinding {
  found: boolean;
  /** The sentence that earned the part, without its label. */
  sentence: string | null;
  /** Found from a label the candidate wrote, or from what the sentence does. */
  how: 'label' | 'role' | null;
  /** Why a labelled part did not count (a label over an empty or list-like section). */
  note?: string;
}

export interface StarReading {
  parts: Record<StarPart, StarFinding>;
  /** Index of each part's sentence in the answer's sentences (for the flags and the result's figures). */
  at: Partial<Record<StarPart, number>>;
  /** Which part a label put each sentence under. */
  sectionOf: (StarPart | undefined)[];
}

const taskCue =
  /\b((i|we) (was|were) asked (to|what|whether|how|for|why|if)|my (task|job|goal|role|brief|responsibility) (was|is)|the (goal|aim|objective|task|ask|brief|question) (was|is)|(i|we) (needed|had|was asked|were asked|was supposed|wanted) to|asked me to|wanted me to|responsible for|in charge of|my goal|the challenge was|the problem was|deadline|to decide whether|i (owned|own|led|lead)|(it|this|that|the \w+) was (my|our) (call|decision|responsibility|job)|up to me|at stake|(it|this|that|the (choice|decision|work|project)) mattered|(i|we) had (\w+ ){1,3}to \w+)\b/i;
/** "I was the only data scientist on it", "I was a junior analyst": the candidate's role, which is the task's other half. */
const roleNoun = /^(analyst|scientist|engineer|lead|owner|manager|developer|intern|consultant|member|person|one|statistician|researcher|architect)s?$/;
function statesRole(sentence: Sentence): boolean {
  const tokens = contentTokens(sentence);
  return tokens.some((t, i) => {
    if (t.lower !== 'i' || tokens[i + 1]?.lemma !== 'be' || !['a', 'an', 'the'].includes(tokens[i + 2]?.lower ?? '')) return false;
    // the noun phrase after "I was the": at most three words before its head
    return tokens.slice(i + 3, i + 7).some((n) => roleNoun.test(n.lower));
  });
}
const situationCue =
  /\b(at my (last|previous|current)?\s*(job|company|team|role|employer|internship)|in my (\w+ ){0,2}(project|role|job|team|internship|company)|(our|the|my) (team|company|client|startup|stakeholders?|product|manager|project|data)|when i (was|joined|started)|while (i|we) (was|were)|^(i|we) (was|were) \w+ing\b|we had|there (was|were)|last (year|quarter|month|spring|summer|autumn|winter)|a (colleague|stakeholder|product manager|manager))\b/i;
const resultCue =
  /\b(as a result|in the end|eventually|finally|the (result|outcome|upshot) (was|is)|which (meant|led|cut|saved|gave|raised|lowered|reduced)|led to|ended up|(ever )?since then|ever since|afterwards|now we|from then on|(it|this|that) (worked|paid off|helped)|we (shipped|launched|agreed|decided|kept|adopted)|(was|were|got) (approved|adopted|shipped|deployed|launched|accepted)|i learned|the lesson|went live|(and )?now (i|we)|(went|go|goes|gone) (up|down)|(rose|fell|dropped|doubled|halved|jumped|climbed) (from|to|by)|on the (held[- ]out|test) (set|data|customers))\b/i;
/** An outcome announced as such: the only way a blaming sentence still counts as the result. */
const outcomeInWords = /\b(as a result|in the end|eventually|finally|the (result|outcome|upshot) (was|is)|ended up)\b/i;
const resultVerbs = new Set(['deliver', 'move', 'change', 'stay', 'remain', 'shift', 'hold', 'reduce', 'cut', 'improve', 'increase', 'raise', 'lower', 'drop', 'fall', 'rise', 'reach', 'achieve', 'save', 'catch', 'ship', 'launch', 'adopt', 'agree', 'approve', 'deploy', 'retain', 'win', 'double', 'halve', 'recover', 'prevent', 'stop', 'land', 'grow', 'shrink', 'beat', 'outperform']);
/** Verbs that report a finished outcome even with "I" or "we" as the subject: "we delivered on day nine", "I shipped it". */
const completionVerbs = new Set(['deliver', 'ship', 'launch', 'release', 'deploy', 'finish', 'complete', 'win', 'meet', 'hit', 'beat', 'outperform', 'land']);
/** Verbs that say what someone thinks or has, not what they did. */
export const stativeVerbs = new Set(['be', 'have', 'think', 'feel', 'believe', 'guess', 'know', 'remember', 'recall', 'forget', 'want', 'hope', 'like', 'seem', 'mean', 'wish', 'suppose', 'need', 'do']);

const negators = new Set(['not', "n't", 'never', 'no']);
const fillerAdverbs = new Set(['then', 'also', 'first', 'quickly', 'immediately', 'finally', 'personally', 'myself', 'just', 'later', 'eventually', 'still', 'actually', 'carefully', 'only', 'instead']);

/**
 * "I compared ...", "so I then reran ...": the candidate as the subject of a non-negated action
 * verb. The word after "I" (past adverbs and auxiliaries) is read as the verb whatever its tag,
 * since the tagger misses unusual verbs ("reran"); stative verbs (be, think, remember) are not actions.
 */
export function isFirstPersonAction(sentence: Sentence): boolean {
  const tokens = contentTokens(sentence);
  return tokens.some((t, i) => {
    if (t.lower !== 'i') return false;
    let j = i + 1;
    while (j < tokens.length && fillerAdverbs.has(tokens[j]!.lower)) j++;
    // auxiliaries: "I have built", "I was asked" (be + participle is passive: not an action)
    let passive = false;
    while (j < tokens.length && tokens[j]!.pos === 'AUX' && !negators.has(tokens[j]!.lower)) {
      if (tokens[j]!.lemma === 'be') passive = true;
      j++;
      while (j < tokens.length && fillerAdverbs.has(tokens[j]!.lower)) j++;
    }
    const verb = tokens[j];
    if (!verb || passive || negators.has(verb.lower) || verb.negated) return false;
    if (!/^\p{L}/u.test(verb.text) || ['PUNCT', 'PRON', 'DET', 'ADP', 'CCONJ', 'SCONJ', 'NUM'].includes(verb.pos)) return false;
    return !stativeVerbs.has(verb.lemma);
  });
}

/** "We compared ...": an action done by "we". */
export function isWeAction(sentence: Sentence): boolean {
  const tokens = contentTokens(sentence);
  return tokens.some((t, i) => t.lower === 'we' && tokens.slice(i + 1, i + 5).some((n) => n.pos === 'VERB' && !n.negated && !stativeVerbs.has(n.lemma)));
}

/** An outcome: said in so many words ("as a result", "in the end"), a measured figure, or a result verb ("cut", "improved") near the end of the answer. */
function resultReading(sentence: Sentence, index: number, count: number): 'cue' | 'verb' | 'figure' | undefined {
  if (resultCue.test(quote(sentence))) return 'cue';
  // a measured outcome: a figure that is not part of the candidate's own action ("the model expected 412 and they made 398")
  if (hasFigure(sentence) && !isFirstPersonAction(sentence) && !isWeAction(sentence)) return 'figure';
  // "I checked the forecast on the hold-out weeks: the model expected 412 and they made 398", "..., where recall was 69.5%"
  const tokens = contentTokens(sentence);
  const lastBreak = tokens.findLastIndex((t) => t.text === ':' || t.text === ';' || t.text === ',');
  const tail = lastBreak > 0 ? tokens.slice(lastBreak + 1) : [];
  if (tail.some((t) => /\d/.test(t.text)) && !tail.some((t) => t.lower === 'i' || t.lower === 'we')) return 'figure';
  if (index < Math.floor(count * 0.6)) return undefined;
  return resultClause(sentence) >= 0 ? 'verb' : undefined;
}

/**
 * The clauses of a sentence: split at ";" and at "and"/"but"/"so" before a new subject
 * ("..., and she agreed to ship it", "the directors approved it, and I have used it ever since").
 */
export function clausesOf(sentence: Sentence): Token[][] {
  const tokens = contentTokens(sentence);
  const out: Token[][] = [[]];
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    const subjectNext = next !== undefined && (next.pos === 'PRON' || next.pos === 'DET' || next.pos === 'PROPN');
    // "..., and showed them" keeps its subject: only a conjunction before a new subject starts a clause
    const boundary = t.text === ';' || (['and', 'but', 'so'].includes(t.lower) && subjectNext && out.at(-1)!.length > 0);
    if (boundary) out.push([]);
    else out.at(-1)!.push(t);
  });
  return out.filter((c) => c.length > 0);
}

const actsInClause = (clause: Token[], who: Set<string>) =>
  clause.some((t, i) => who.has(t.lower) && clause.slice(i + 1, i + 5).some((n) => (n.pos === 'VERB' || n.pos === 'AUX') && !stativeVerbs.has(n.lemma) && !n.negated));
const speakers = new Set(['i', 'we']);
const modals = new Set(['would', 'will', "'ll", 'could', 'should', 'might', 'may', 'can', 'must', 'shall']);

/**
 * The index of the first clause that reports an outcome with a result verb ("she agreed", "the
 * directors approved it", "we delivered on day nine"), or -1. "I agreed with her beforehand what
 * would settle it" is an action, and so is "I cut the scope": a clause whose subject is the
 * candidate counts only with a figure or a verb of completion (delivered, shipped, launched).
 */
export function resultClause(sentence: Sentence): number {
  const withFigure = hasFigure(sentence);
  return clausesOf(sentence).findIndex((clause) => {
    // "to deliver", "had to ship", "what would be delivered": an intention or a prospect, not an outcome
    // "how the net value changes if ...": the present tense describes, a story reports in the past
    const verbs = clause.filter((t, i) => t.pos === 'VERB' && !t.negated && !clause.slice(Math.max(0, i - 3), i).some((p) => p.lower === 'to' || modals.has(p.lower)) && t.lower !== `${t.lemma}s` && t.lower !== `${t.lemma}es`);
    if (!verbs.some((t) => resultVerbs.has(t.lemma))) return false;
    if (!actsInClause(clause, speakers)) return true;
    return withFigure || verbs.some((t) => completionVerbs.has(t.lemma) && t.lower !== t.lemma);
  });
}

/** The clause of a sentence where the candidate first acts, or -1. */
function actionClause(sentence: Sentence): number {
  return clausesOf(sentence).findIndex((clause) => actsInClause(clause, speakers));
}

const hasFigure = (sentence: Sentence) => contentTokens(sentence).some((t) => /\d/.test(t.text)) || /\b(half|twice|double[ds]?|halved|tripled|a third|a quarter)\b/i.test(quote(sentence));

export function readStar(sentences: Sentence[], keywordTokens: Set<number>[], exclude: (s: Sentence) => boolean = () => false): StarReading {
  // a sentence that blames someone is not credited as the situation, the task or an action (see pick)
  const clause = sentences.map((s, i) => readClause(s, keywordTokens[i]).isClause);
  const excluded = sentences.map((s) => exclude(s));
  // labels open sections that run to the next label
  const sectionOf: (StarPart | undefined)[] = [];
  let current: StarPart | undefined;
  for (const s of sentences) {
    const label = starLabel(s);
    if (label) current = label.part;
    sectionOf.push(current);
  }
  const order: StarPart[] = ['situation', 'task', 'action', 'result'];
  const parts = {} as Record<StarPart, StarFinding>;
  const ordered = (found: Partial<Record<StarPart, StarFinding>>) => Object.fromEntries(order.map((p) => [p, found[p]!])) as Record<StarPart, StarFinding>;
  const at: Partial<Record<StarPart, number>> = {};
  const labelled = new Set(sectionOf.filter(Boolean));
  for (const part of order) {
    if (!labelled.has(part)) continue;
    const inSection = sentences.map((_, i) => i).filter((i) => sectionOf[i] === part);
    const first = inSection.find((i) => clause[i] && (part === 'result' || !excluded[i]));
    if (first !== undefined) {
      parts[part] = { found: true, sentence: quote(sentences[first]!), how: 'label' };
      at[part] = first;
    } else {
      parts[part] = { found: false, sentence: null, how: null, note: `labelled "${part}", but what follows is not a sentence that says something` };
    }
  }
  // unlabelled parts: from what the sentences outside any labelled section do
  const free = sentences.map((_, i) => i).filter((i) => sectionOf[i] === undefined && clause[i]);
  const used = new Set<number>(Object.values(at));
  const pick = (part: StarPart, test: (s: Sentence) => boolean, fromEnd = false, avoid = used) => {
    if (parts[part]) return;
    // a blaming sentence is never a situation, task or action, and an outcome only when it says so ("in the end ...")
    const pool = (fromEnd ? [...free].reverse() : free).filter((j) => !excluded[j] || (part === 'result' && outcomeInWords.test(quote(sentences[j]!))));
    const i = pool.find((j) => !avoid.has(j) && test(sentences[j]!)) ?? pool.find((j) => test(sentences[j]!));
    if (i !== undefined) {
      parts[part] = { found: true, sentence: quote(sentences[i]!), how: 'role' };
      at[part] = i;
      used.add(i);
    }
  };
  pick('action', isFirstPersonAction);
  pick('action', isWeAction);
  const firstAction = at.action ?? -1;
  // after the first action (the action's own sentence only when it says "as a result" in words);
  // said in words first ("as a result"), then a measured figure, then a result verb; the latest of the strongest
  for (const wanted of ['cue', 'figure', 'verb'] as const) {
    pick(
      'result',
      (s) => {
        const i = sentences.indexOf(s);
        const reading = resultReading(s, i, sentences.length);
        // in the action's own sentence only when said in words, or in a clause after the action ("I reran it, and she agreed")
        const laterClause = reading === 'verb' && resultClause(s) > actionClause(s);
        return reading === wanted && (i > firstAction || (i === firstAction && (reading === 'cue' || laterClause)));
      },
      true,
    );
  }
  pick('task', (s) => taskCue.test(quote(s)) || statesRole(s));
  // the scene is set before the candidate acts
  const beforeAction = (s: Sentence) => at.action === undefined || sentences.indexOf(s) < at.action || sentences.indexOf(s) <= sentences.length / 3;
  pick('situation', (s) => beforeAction(s) && situationCue.test(quote(s)));
  // a story opens with its context: the first sentence that does nothing else sets the scene
  const opening = free[0];
  if (!parts.situation && opening !== undefined && !used.has(opening) && !excluded[opening] && opening <= Math.max(1, sentences.length / 3)) {
    parts.situation = { found: true, sentence: quote(sentences[opening]!), how: 'role' };
    at.situation = opening;
  }
  // a candidate who labels Situation, Task and Result but not Action still acts in the first person
  // somewhere: a first-person action inside another part's section, not the sentence that earned it
  if (!parts.action && !labelled.has('action')) {
    const taken = new Set(Object.values(at));
    const i = sentences.findIndex((s, j) => clause[j] && !excluded[j] && !taken.has(j) && isFirstPersonAction(s));
    if (i >= 0) {
      parts.action = { found: true, sentence: quote(sentences[i]!), how: 'role' };
      at.action = i;
    }
  }
  for (const part of order) parts[part] ??= { found: false, sentence: null, how: null };
  return { parts: ordered(parts), at, sectionOf };
}

/** The result's figure: only a result that was found and holds a figure is a quantified result. */
export function quantifiedResult(sentences: Sentence[], star: StarReading, untrusted: Set<string> = new Set()): { found: boolean; sentence: string | null; why: string } {
  if (!star.parts.result.found) return { found: false, sentence: null, why: 'no result, so nothing to quantify' };
  const resultSentences = sentences.map((_, i) => i).filter((i) => i === star.at.result || star.sectionOf[i] === 'result');
  const withFigure = resultSentences.find((i) => hasFigure(sentences[i]!));
  // a figure the runs contradict, or accuracy without context, does not quantify anything
  if (withFigure !== undefined && untrusted.has(quote(sentences[withFigure]!))) return { found: false, sentence: quote(sentences[withFigure]!), why: 'the result\'s figure is one the red flags question: quote one your runs back' };
  if (withFigure !== undefined) return { found: true, sentence: quote(sentences[withFigure]!), why: 'the result holds a figure' };
  return { found: false, sentence: star.parts.result.sentence, why: 'the result has no figure: say by how much, measured how' };
}

export const countWords = (sentences: Sentence[]) => sentences.reduce((n, s) => n + s.tokens.filter(isWord).length, 0);
