/**
 * Feedback on a typed answer, every score with its reason: STAR parts and the sentences that
 * carry them, whether the result is quantified, talking points covered and missed (by their
 * keywords, listed so the candidate sees why), length against the question's target at 130-160
 * words a minute, filler and hedging, and every figure checked against the user's runs.
 */
import type { RunStore } from '../data/runs.js';
import type { Question } from '../content/questions.js';
import { checkClaims, type ClaimCheck } from '../story/check.js';

const starCues: Record<'situation' | 'task' | 'action' | 'result', RegExp> = {
  situation: /\b(situation|context|at (my|our|a) (company|team|job)|we had|the project|in my (project|role|last)|the data)\b/i,
  task: /\b(task|goal|my job|i needed to|i was asked|responsible for|the aim|the objective|to decide|had to)\b/i,
  action: /\b(i (built|used|wrote|ran|chose|compared|trained|tuned|designed|added|set|checked|measured|implemented|deployed|cleaned|fitted|fit)|so i|i then|first,? i)\b/i,
  result: /\b(result|as a result|in the end|outcome|reached|achieved|improved|reduced|increased|caught|which (led|meant)|on the (held-out|test))\b/i,
};

const fillers = ['um', 'uh', 'erm', 'like', 'basically', 'actually', 'you know', 'sort of', 'kind of', 'literally'];
const hedges = ['i think', 'maybe', 'probably', 'i guess', 'somewhat', 'i believe', 'perhaps', 'might have', 'not sure'];

export interface AnswerFeedback {
  words: number;
  speakingSeconds: { low: number; high: number };
  targetSeconds: number;
  lengthVerdict: 'short' | 'on target' | 'long';
  star: Record<keyof typeof starCues, { found: boolean; sentence?: string }>;
  quantifiedResult: { found: boolean; reason: string };
  talkingPoints: { point: string; covered: boolean; matched: string[]; keywords: string[] }[];
  fillers: Record<string, number>;
  hedges: Record<string, number>;
  numbers: ClaimCheck[];
  summary: string[];
}

export function keywordPattern(keyword: string): RegExp {
  // "oversampl*" matches oversampling/oversampled, and a * inside a phrase too ("roll* back");
  // a plain last word also matches its simple plural and -ed/-ing forms ("estimate": estimated, estimating)
  const escaped = keyword.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '\\w*');
  if (keyword.endsWith('*')) return new RegExp(`\\b${escaped}`, 'i');
  if (/[a-z]e$/i.test(keyword)) return new RegExp(`\\b${escaped.slice(0, -1)}(e|es|ed|ing)\\b`, 'i');
  return new RegExp(`\\b${escaped}(s|es|ed|ing)?\\b`, 'i');
}

function countPhrases(text: string, phrases: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of phrases) {
    const n = (text.match(new RegExp(`\\b${p}\\b`, 'gi')) ?? []).length;
    if (n) out[p] = n;
  }
  return out;
}

export function analyseAnswer(answer: string, question: Pick<Question, 'kind' | 'targetSeconds' | 'talkingPoints'>, store?: RunStore): AnswerFeedback {
  const text = answer.trim();
  const words = text ? text.split(/\s+/).length : 0;
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
  const star = Object.fromEntries(
    (Object.keys(starCues) as (keyof typeof starCues)[]).map((part) => {
      const sentence = sentences.find((s) => starCues[part].test(s));
      return [part, { found: Boolean(sentence), sentence }];
    }),
  ) as AnswerFeedback['star'];
  const resultSentences = sentences.filter((s) => starCues.result.test(s));
  const quantified = resultSentences.some((s) => /\d/.test(s)) || (!resultSentences.length && /\d/.test(text));
  const talkingPoints = question.talkingPoints.map((tp) => {
    const matched = tp.keywords.filter((k) => keywordPattern(k).test(text));
    return { point: tp.point, covered: matched.length > 0, matched, keywords: tp.keywords };
  });
  const speakingSeconds = { low: Math.round((words / 160) * 60), high: Math.round((words / 130) * 60) };
  const lengthVerdict = speakingSeconds.high < question.targetSeconds * 0.6 ? 'short' : speakingSeconds.low > question.targetSeconds * 1.4 ? 'long' : 'on target';
  const numbers = store ? checkClaims(text, store) : [];
  const fillerCounts = countPhrases(text, fillers);
  const hedgeCounts = countPhrases(text, hedges);

  const summary: string[] = [];
  const starNeeded = question.kind === 'behavioural' || question.kind === 'project';
  if (starNeeded) {
    const missing = (Object.keys(star) as (keyof typeof star)[]).filter((p) => !star[p].found);
    summary.push(missing.length ? `STAR: missing ${missing.join(', ')}` : 'STAR: all four parts found');
  }
  const covered = talkingPoints.filter((t) => t.covered).length;
  summary.push(`talking points: ${covered} of ${talkingPoints.length} covered`);
  summary.push(`length: ${words} words ≈ ${speakingSeconds.low}-${speakingSeconds.high} s against a ${question.targetSeconds} s target (${lengthVerdict})`);
  if (!quantified) summary.push('result not quantified: add a measured figure from your runs');
  const fillerTotal = Object.values(fillerCounts).reduce((a, b) => a + b, 0);
  const hedgeTotal = Object.values(hedgeCounts).reduce((a, b) => a + b, 0);
  if (fillerTotal + hedgeTotal) summary.push(`fillers ${fillerTotal}, hedges ${hedgeTotal}`);
  const unbacked = numbers.filter((n) => n.verdict !== 'backed');
  if (numbers.length) summary.push(`figures: ${numbers.length - unbacked.length} of ${numbers.length} backed by your runs`);
  return {
    words,
    speakingSeconds,
    targetSeconds: question.targetSeconds,
    lengthVerdict,
    star,
    quantifiedResult: { found: quantified, reason: quantified ? 'a figure appears in the result' : 'no figure in the sentences that state the result' },
    talkingPoints,
    fillers: fillerCounts,
    hedges: hedgeCounts,
    numbers,
    summary,
  };
}

/** The feedback as plain lines (the Ink view and --plain both show these). */
export function feedbackLines(f: AnswerFeedback, kind: Question['kind']): string[] {
  const lines: string[] = [];
  if (kind === 'behavioural' || kind === 'project') {
    for (const [part, v] of Object.entries(f.star)) lines.push(`${v.found ? '✓' : '✗'} ${part.padEnd(9)} ${v.found ? `"${v.sentence!.slice(0, 90)}"` : 'not found'}`);
  }
  lines.push(`${f.quantifiedResult.found ? '✓' : '✗'} quantified result: ${f.quantifiedResult.reason}`);
  for (const t of f.talkingPoints) lines.push(`${t.covered ? '✓' : '✗'} ${t.point}${t.covered ? ` (matched: ${t.matched.join(', ')})` : ` (listen for: ${t.keywords.join(', ')})`}`);
  lines.push(`• ${f.words} words ≈ ${f.speakingSeconds.low}-${f.speakingSeconds.high} s at 130-160 words a minute; target ${f.targetSeconds} s: ${f.lengthVerdict}`);
  const fill = Object.entries({ ...f.fillers, ...f.hedges });
  if (fill.length) lines.push(`• fillers and hedges: ${fill.map(([w, n]) => `"${w}" ×${n}`).join(', ')}`);
  // ✓ a run measured it; ! a run contradicts it (or only a mistake gives it); ? no run can back it:
  // fine for a story from past work, as long as the candidate can back it up themselves
  const mark = { backed: '✓', differs: '!', suspicious: '!', 'no-run': '?', setting: '·' } as const;
  for (const n of f.numbers) lines.push(`${mark[n.verdict]} ${n.text}: ${n.verdict === 'backed' ? `matches run ${n.runId}` : n.verdict === 'differs' ? `differs: ${n.reason}` : n.verdict === 'suspicious' ? `suspicious: ${n.reason}` : n.verdict === 'setting' ? n.reason : `no run has this figure (${n.reason})`}`);
  return lines;
}
