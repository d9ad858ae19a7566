/**
 * Red flags from the interview guide's don'ts, each with the sentence that raised it and why it
 * hurts: blame, "I don't remember", a story told only with "we", no result, accuracy quoted alone,
 * figures the runs contradict, length, fillers, vagueness, and lists of terms passed off as answers.
 */
import type { Sentence, Token } from '../../text/analyse.js';
import type { ClaimCheck } from '../../story/check.js';
import { contentTokens, isWord, quote, readClause } from './reading.js';
import { isFirstPersonAction, isWeAction, type StarReading } from './star.js';

export type FlagKind =
  | 'blame'
  | 'no-recall'
  | 'we-not-i'
  | 'no-result'
  | 'accuracy-without-context'
  | 'unbacked-figure'
  | 'too-short'
  | 'too-long'
  | 'fillers'
  | 'vague'
  | 'keyword-list';

export const flagKinds: FlagKind[] = ['blame', 'no-recall', 'we-not-i', 'no-result', 'accuracy-without-context', 'unbacked-figure', 'too-short', 'too-long', 'fillers', 'vague', 'keyword-list'];

export interface Flag {
  kind: FlagKind;
  /** The sentence that raised it; null when the flag is about something missing or the whole answer. */
  sentence: string | null;
  why: string;
}

/**
 * Points each flag takes off the score. The content flags weigh most: an interviewer who hears
 * blame, a story told only with "we", no outcome or a figure the runs contradict marks the answer
 * down whatever else it covers (blind2: answers with these flags scored 75-92 at the earlier 5-10).
 */
export const flagPenalty: Record<FlagKind, number> = {
  blame: 20,
  'no-recall': 15,
  'we-not-i': 20,
  'no-result': 12,
  'accuracy-without-context': 20,
  'unbacked-figure': 15,
  'too-short': 0, // too-short caps the score instead
  'too-long': 8,
  fillers: 8, // and more the denser they are: see fillerPenalty
  vague: 15,
  'keyword-list': 15,
};

/** The most a story that blames someone, or one with no outcome, can score. */
export const flagCaps: Partial<Record<FlagKind, number>> = { blame: 50, 'no-result': 60 };

/** Fillers cost 8 points, plus 2 for each percent of the words they take, up to 35: "um" once in a while is not "um, like, you know" in every sentence. */
export function fillerPenalty(fillers: number, words: number): number {
  return Math.min(35, flagPenalty.fillers + Math.round((200 * fillers) / Math.max(1, words)));
}

// "the data engineering team": up to three words before the group's noun
const others = String.raw`(?:he|she|they|my (?:manager|boss|lead|colleague|teammate|predecessor)|the (?:\w+ ){0,3}(?:pm|manager|client|engineers?|team|analysts?|stakeholders?|business|developers?|lead|scientists?|owners?|department|vendor|contractors?))`;
/** Words between the party and what they did: "they had messed up", "they always ignored". */
const between = String.raw`(?:(?:had|have|has|always|just|again|constantly|completely|totally|clearly|simply|even|still) )*`;
const badConduct = String.raw`(?:refused|ignored|failed to|messed (?:it |things |everything )?up|screwed (?:it |things )?up|broke|dropped the ball|let (?:us|me|the team) down|(?:did ?n[o']t|didn't|never|would ?n[o']t|wouldn't) (?:listen|care|bother|read|reply|respond|deliver|help|follow|do (?:his|her|their) (?:job|part))|never (?:listened|cared|bothered|replied|responded|delivered|helped|followed|did (?:his|her|their) (?:job|part))|never (?:test|check|document|communicate|answer|share|tell|update|fix|review|read|reply|respond|listen|care|bother|deliver|help|follow)\w*|kept (?:changing|ignoring|interrupting|blocking)|(?:was|were|is|are) (?:always |so |too |very |really |just )?(?:wrong|incompetent|lazy|difficult|stubborn|useless|clueless|rude|impossible|hopeless|the problem|slow to \w+|sloppy|careless|unresponsive|unhelpful)|just didn't get it)`;
const blamePatterns = [
  new RegExp(String.raw`\b(?:(?:it|this|that|which) (?:was|is) (?:all |entirely |totally )?(?:his|her|their|its|the \w+'s) (?:fault|mistake|problem|doing))\b`, 'i'),
  new RegExp(String.raw`\b(?:his|her|their|the (?:\w+ ){0,2}\w+'s) (?:fault|doing)\b`, 'i'),
  new RegExp(String.raw`\bi (?:blame|blamed)\b(?! myself)`, 'i'),
  new RegExp(String.raw`\b(?:was|were|is|are) to blame\b`, 'i'),
  new RegExp(String.raw`\b(?:because of|thanks to) (?:him|her|them|the \w+)(?: and (?:his|her|their) \w+)?,? (?:we|the project|it) (?:failed|missed|slipped)`, 'i'),
  new RegExp(String.raw`\b${others} ${between}${badConduct}\b`, 'i'),
  // "their sloppy work landed on my desk", "cleaning up after them"
  new RegExp(String.raw`\b(?:his|her|their) (?:sloppy|lazy|careless|shoddy|terrible|awful|buggy|broken) (?:work|code|job|data|pipeline|export|testing|documentation)\b`, 'i'),
  /\bclean(?:ing|ed)? up after (?:him|her|them)\b/i,
];
const ownership = /\b(my (own )?(fault|mistake)|i was wrong|i messed up|i should have)\b/i;

/** The sentence puts the fault on someone else. */
export function blames(text: string): boolean {
  return !ownership.test(text) && blamePatterns.some((re) => re.test(text));
}

const noRecallPatterns = [
  /\b(i|we) (don't|do not|can't|cannot|can not|couldn't|could not|dont|cant) (really |quite |exactly |fully |now )?(remember|recall)\b/i,
  /\bi (forget|forgot|have forgotten|'ve forgotten)\b/i,
  /\bor (something|whatever)\b/i,
  /\bsomething like that\b/i,
  /\b(i'm|i am|im) not (sure|certain) (exactly |anymore |now )?(what|how|which|about the|of the|if|whether)\b/i,
  /\b(i )?(don't|do not|dont) know (exactly|the exact|anymore)\b/i,
  /\bno idea (what|how|which)\b/i,
  /\bif i remember (rightly|correctly)\b/i,
  /\bi don't have the (exact )?(numbers?|figures?) (to hand|anymore|any more)\b/i,
];

const fillerPatterns: [string, RegExp][] = [
  ['um', /\b(um+|umm+)\b/gi],
  ['uh', /\b(uh+|uhm+)\b/gi],
  ['erm', /\b(erm+|er)\b/gi],
  ['you know', /\byou know\b(?! (what|that|how|why|where|when|which|who|the|if|whether))/gi],
  ['basically', /\bbasically\b/gi],
  ['literally', /\bliterally\b/gi],
  ['sort of', /\bsort of\b/gi],
  ['kind of', /(?<!\b(what|which|this|that|a|any|some|the|each|every|one)\s)\bkind of\b/gi],
  ['i mean', /\bi mean\b/gi],
  ['like', /(,\s*like\b|\blike,)/gi],
];

const vaguePatterns: [string, RegExp][] = [
  ['stuff', /\bstuff\b/gi],
  ['things', /\b(some|various|other|many|a few|the) things\b|\bthings (like|went|got|worked)\b/gi],
  ['etc', /\betc\b\.?|\band so (on|forth)\b/gi],
  ['somehow', /\bsomehow\b/gi],
  ['a lot', /\ba lot\b|\blots\b/gi],
  ['various', /\bvarious\b/gi],
  ['pretty good', /\b(pretty|quite|fairly|really) (good|well|nice|decent)\b/gi],
  ['went well', /\b(went|worked) (well|fine|great|ok|okay)\b/gi],
  ['better', /\b(made|make|making) (it|things|everything) better\b/gi],
  ['did some', /\b(did|do|doing) some\b/gi],
  ['is important', /\b(is|are|was|were) (very |really |so |also |too )?(important|key|crucial|essential|critical|relevant)\b/gi],
  ['maybe', /\bmaybe\b/gi],
  ['probably', /\bprobably\b/gi],
  ['i guess', /\bi guess\b/gi],
  ['perhaps', /\bperhaps\b/gi],
];

function countAll(text: string, patterns: [string, RegExp][]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, re] of patterns) {
    const n = (text.match(re) ?? []).length;
    if (n) out[name] = n;
  }
  return out;
}

export const countFillers = (text: string) => countAll(text, fillerPatterns);
/** Times an answer says it does not remember: "I can't quite recall which column, and I forget the score" is twice. */
export const countNoRecall = (text: string) => noRecallPatterns.reduce((n, re) => n + (text.match(new RegExp(re.source, 'gi')) ?? []).length, 0);
export const countVague = (text: string) => countAll(text, vaguePatterns);

/** What makes an accuracy meaningful anywhere in the answer: the base rate or a baseline. */
const accuracyBaseline =
  /base ?rate|baseline|majority|churn rate|prevalence|imbalanc|always (predict|say|guess)|dummy|by chance|na[iï]ve|class balance|only (about |around |roughly |some )?\d+(\.\d+)?% (of|churn)|\b(predict\w*|says?|guess\w*) (that )?(nobody|no one|no customer|everyone|every customer|all customers)\b/i;
/** ... or other metrics in the same or a neighbouring sentence ... */
const accuracyNeighbours = /precision|recall|\bauc\b|\bf1\b|pr[- ]auc|\blift\b|false (positives|negatives|alarms)|missed churners/i;
/** ... or a business measure in the same sentence. */
const accuracyBusiness = /\bcost|revenue|profit|[£$€]|per customer|saved|retained customers/i;
const accuracyDismissed = /mislead|flatter|not (a )?(good|useful|the right|enough)|isn't (a )?(good|useful|the right|enough)|alone|trap|rewards|inflat|meaningless|useless|instead of accuracy|rather than accuracy|over accuracy/i;
const praise = /\b(high|good|great|excellent|strong|impressive|best|very|really|super|highly)\b/i;

/**
 * Whether the word at `index` is said as a fact rather than a prospect: not in a counterfactual
 * ("accuracy would have flattered ..."), an intention ("the team was about to pick the model with
 * the best accuracy") or an "if" clause ("if two models have a similar accuracy"). Looks back to
 * the start of the clause.
 */
export function saidAsFact(tokens: Token[], index: number): boolean {
  let from = index;
  while (from > 0 && ![',', ';', ':'].includes(tokens[from - 1]!.text)) from--;
  const before = tokens.slice(from, index);
  const has = (i: number, ...words: string[]) => words.every((w, k) => before[i + k]?.lower === w);
  return !before.some((t, i) => t.lower === 'if' || t.lower === 'unless' || (['would', 'could', 'might', 'should'].includes(t.lower) && before[i + 1]?.lemma === 'have') || has(i, 'about', 'to') || has(i, 'going', 'to') || (['plan', 'want', 'intend', 'hope'].includes(t.lemma) && before[i + 1]?.lower === 'to'));
}

/** A metric named in a neighbouring sentence gives an accuracy context only as a fact: "I might look at F1 as a tie-breaker" does not. */
function statesMetric(sentence: Sentence): boolean {
  const tokens = contentTokens(sentence);
  if (tokens.some((t) => ['might', 'could', 'may'].includes(t.lower))) return false;
  // one word or two ("false positives", "PR AUC")
  const at = tokens.findIndex((t, i) => accuracyNeighbours.test(t.lower) || accuracyNeighbours.test(`${t.lower} ${tokens[i + 1]?.lower ?? ''}`));
  return at >= 0 && saidAsFact(tokens, at);
}

export interface FlagContext {
  sentences: Sentence[];
  keywordTokens: Set<number>[];
  /** Sentences on one repeated frame with keywords swapped in. */
  templated: Set<number>;
  star: StarReading;
  story: boolean;
  isFollowUp: boolean;
  figures: ClaimCheck[];
  words: number;
  seconds: [number, number];
  targetSeconds: number;
  length: 'short' | 'on target' | 'long';
  fillers: Record<string, number>;
  vague: Record<string, number>;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The sentence a figure came from: the figure check's own when it gives one, else the first sentence on its line that holds it. */
export function sentenceOfFigure(figure: ClaimCheck, sentences: Sentence[]): string | null {
  const own = (figure as ClaimCheck & { sentence?: string }).sentence;
  if (typeof own === 'string' && own) return own;
  const onLine = sentences.filter((s) => s.text.includes(figure.text));
  const hit = onLine.find((s) => s.line <= figure.line && s.line + s.text.split('\n').length - 1 >= figure.line) ?? onLine[0];
  return hit ? quote(hit) : null;
}

const indefinite = new Set(['a', 'an', 'any', 'every']);
const definite = new Set(['the', 'my', 'our', 'his', 'her', 'their', 'its', 'this', 'that', 'these', 'those', 'i', 'we', 'me', 'us', 'your']);

/**
 * A figure said about things in general, not about the candidate's runs: "for ROC a random
 * classifier has 0.5", "a PR-AUC of 0.3 can be good on rare events". Its clause speaks of "a" or
 * "any" something, of nothing definite (no "the", "my", "our", no I or we), and not in the past
 * tense. The figure check
 * still lists it; it is not flagged as contradicting a run.
 */
export function isGeneralStatement(figure: ClaimCheck, sentences: Sentence[]): boolean {
  const sentence = sentences.find((s) => s.text.includes(figure.text) && s.line <= figure.line && s.line + s.text.split('\n').length - 1 >= figure.line) ?? sentences.find((s) => s.text.includes(figure.text));
  if (!sentence) return false;
  const at = sentence.start + sentence.text.indexOf(figure.text);
  const tokens = sentence.tokens;
  const i = tokens.findIndex((t) => t.end > at);
  if (i < 0) return false;
  const isBreak = (t: Token) => [',', ';', ':'].includes(t.text) || ['but', 'so', 'while', 'whereas'].includes(t.lower);
  let from = i;
  while (from > 0 && !isBreak(tokens[from - 1]!)) from--;
  let to = i;
  while (to < tokens.length && !isBreak(tokens[to]!)) to++;
  const clause = tokens.slice(from, to);
  // said in the present or with a modal: "reached", "was" report what happened, so "as a result recall reached 75%" is a claim
  const past = clause.some((t) => ['was', 'were', 'had', 'did'].includes(t.lower) || (t.pos === 'VERB' && t.lower !== t.lemma && !/(s|ing)$/.test(t.lower)));
  return !past && clause.some((t) => indefinite.has(t.lower)) && !clause.some((t) => definite.has(t.lower));
}

export function findFlags(c: FlagContext): Flag[] {
  const flags: Flag[] = [];
  const { sentences } = c;
  const firstWhere = (test: (s: Sentence, i: number) => boolean) => {
    const i = sentences.findIndex(test);
    return i >= 0 ? quote(sentences[i]!) : null;
  };
  const textOf = (s: Sentence) => quote(s);

  const blamed = firstWhere((s) => blames(textOf(s)));
  if (blamed) flags.push({ kind: 'blame', sentence: blamed, why: 'puts the fault on someone else: interviewers hear that you will blame them too. Say what you did and what you would do differently.' });

  // each sentence that does not remember: twice sounds like a story that is not yours
  for (const s of sentences.filter((x) => noRecallPatterns.some((re) => re.test(textOf(x))))) {
    flags.push({ kind: 'no-recall', sentence: quote(s), why: 'says you do not remember: it sounds as if the story is not yours. Quote a figure you measured (prep runs list) or describe it without one.' });
  }

  if (c.story && !c.isFollowUp) {
    const iActions = sentences.filter(isFirstPersonAction).length;
    const weIndex = sentences.findIndex(isWeAction);
    if (iActions === 0 && weIndex >= 0) flags.push({ kind: 'we-not-i', sentence: quote(sentences[weIndex]!), why: 'the story is told only with "we": the interviewer cannot tell what you did. Say "I" for your own actions.' });
    if (!c.star.parts.result.found) flags.push({ kind: 'no-result', sentence: null, why: 'the story has no outcome: say how it ended and how you measured it.' });
  }

  const wholeText = sentences.map(textOf).join(' ');
  const accuracyIndex = sentences.findIndex((s) => {
    const tokens = contentTokens(s);
    const acc = tokens.findIndex((t, i) => (t.lemma === 'accuracy' || t.lemma === 'accurate' || t.lower === 'accuracy' || t.lower === 'accurate') && !t.negated && saidAsFact(tokens, i));
    if (acc < 0) return false;
    const text = textOf(s);
    if (accuracyDismissed.test(text)) return false;
    return tokens.some((t) => /\d/.test(t.text)) || praise.test(text);
  });
  const around = sentences.slice(Math.max(0, accuracyIndex - 1), accuracyIndex + 2);
  if (accuracyIndex >= 0 && !accuracyBaseline.test(wholeText) && !around.some(statesMetric) && !accuracyBusiness.test(textOf(sentences[accuracyIndex]!))) {
    flags.push({ kind: 'accuracy-without-context', sentence: quote(sentences[accuracyIndex]!), why: 'accuracy alone proves little: on imbalanced data always predicting the majority class scores high. Give the base rate or a baseline, or a business measure (recall at a cost, money saved).' });
  }

  for (const f of c.figures) {
    if (f.verdict !== 'differs' && f.verdict !== 'suspicious') continue;
    if (isGeneralStatement(f, sentences)) continue;
    flags.push({ kind: 'unbacked-figure', sentence: sentenceOfFigure(f, sentences), why: `${f.text}: ${f.verdict === 'differs' ? 'your runs say otherwise' : 'suspicious'}: ${f.reason}` });
  }

  const [lo, hi] = c.seconds;
  const about = lo === hi ? `${lo} s` : `${lo}-${hi} s`;
  if (c.length === 'short') flags.push({ kind: 'too-short', sentence: null, why: `${c.words} word${c.words === 1 ? '' : 's'} is about ${about} spoken; the question expects about ${c.targetSeconds} s. Too little to show how you think.` });
  if (c.length === 'long') flags.push({ kind: 'too-long', sentence: null, why: `${c.words} words is about ${about} spoken, against a target of about ${c.targetSeconds} s: interviewers stop listening. Cut to the decision, the evidence and the result.` });

  const fillerCount = total(c.fillers);
  if (fillerCount >= 3 || (fillerCount >= 2 && fillerCount / Math.max(1, c.words) >= 0.03)) {
    const first = firstWhere((s) => total(countFillers(textOf(s))) > 0);
    flags.push({ kind: 'fillers', sentence: first, why: `${fillerCount} fillers (${Object.entries(c.fillers).map(([w, n]) => `"${w}" ×${n}`).join(', ')}): they read as unsure. Pause instead.` });
  }
  // vagueness is a habit, not a word: two vague words are a flag in a short answer, not in 130 words
  const vagueCount = total(c.vague);
  if (vagueCount >= 3 || (vagueCount === 2 && vagueCount / Math.max(1, c.words) >= 0.02)) {
    const first = firstWhere((s) => total(countVague(textOf(s))) > 0);
    flags.push({ kind: 'vague', sentence: first, why: `vague wording (${Object.entries(c.vague).map(([w, n]) => `"${w}" ×${n}`).join(', ')}): name what you did and by how much.` });
  }

  const listIndex = sentences.findIndex((s, i) => {
    const reading = readClause(s, c.keywordTokens[i]);
    if (reading.isClause) return false;
    const keywordWords = contentTokens(s).filter((t) => isWord(t) && c.keywordTokens[i]!.has(s.tokens.indexOf(t))).length;
    return keywordWords >= 2 || (reading.words >= 4 && /list of terms|keywords and jargon|list of keywords/.test(reading.reason ?? ''));
  });
  if (listIndex >= 0) flags.push({ kind: 'keyword-list', sentence: quote(sentences[listIndex]!), why: 'a list of terms, not a sentence: naming a method does not show that you know what it did for you. Say what you did with each and why.' });
  else if (c.templated.size > 0) {
    const first = Math.min(...c.templated);
    flags.push({ kind: 'keyword-list', sentence: quote(sentences[first]!), why: `${c.templated.size} sentences on one frame with the keywords swapped in: a list in disguise. Say what you did with each and why.` });
  }
  return flags;
}
