/**
 * `prep mock`: a rehearsal of a real interview. A timed sequence of different questions, as an
 * interviewer runs it: "tell me about yourself", two behavioural, two project deep-dives on the
 * candidate's own runs with one follow-up each, a SQL (or technical) question and a statistics (or
 * system design) question. Feedback comes at the end, not during, as in a real interview; the
 * summary gives time against target, flags, figures checked, weakest areas, and the questions that
 * go back into the review queue.
 *
 * The feedback itself is the drill's (`analyseAnswer`); this module only sequences and sums up.
 */
import type { Question } from '../content/questions.js';
import type { AnswerFeedback } from './feedback.js';
import { mockSet } from './plan.js';

/** One thing the interviewer asks: a question, or the follow-up to the answer just given. */
export interface MockTurn {
  question: Question;
  /** The follow-up the interviewer asks after the answer, when this turn is one. */
  followUp?: string;
  /** What is shown to the candidate. */
  prompt: string;
  /** Target speaking time: the question's, or a minute for a follow-up. */
  targetSeconds: number;
}

export const FOLLOW_UP_SECONDS = 60;

/** The interview's turns, a different set for each round; project questions get one follow-up each. */
export function mockTurns(questions: Question[], round: number): MockTurn[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const turns: MockTurn[] = [];
  for (const id of mockSet(questions, round)) {
    const question = byId.get(id)!;
    turns.push({ question, prompt: question.sections.Question, targetSeconds: question.targetSeconds });
    if (question.kind === 'project' && question.followUps.length) {
      const followUp = question.followUps[round % question.followUps.length]!;
      turns.push({ question, followUp, prompt: followUp, targetSeconds: FOLLOW_UP_SECONDS });
    }
  }
  return turns;
}

export interface MockAnswer {
  turn: MockTurn;
  answer: string;
  /** Seconds from the question shown to the answer submitted (typing time, in --plain near zero when piped). */
  seconds: number;
}

/**
 * Flags named as the answer-feedback issue names them (issue 14), from what the drill's feedback
 * measures today: length against the target, a result without a figure, fillers, figures no run backs.
 */
export type MockFlag = 'too-short' | 'too-long' | 'no-result' | 'fillers' | 'unbacked-figure' | 'no-answer';

export interface MockResult {
  id: string;
  followUp?: string;
  seconds: number;
  /** Spoken time the answer would take at 130-160 words a minute. */
  spokenSeconds: [number, number];
  targetSeconds: number;
  /** Talking points covered, 0-100: the part of the drill's feedback that a mock can compare across questions. */
  score: number;
  flags: MockFlag[];
  missed: string[];
  figures: { text: string; verdict: string }[];
}

export interface MockSummary {
  questions: MockResult[];
  totalSeconds: number;
  minutes: number;
  /** Topics of the answers with the lowest scores, weakest first. */
  weakest: { topic: string; score: number }[];
  /** Questions rated Again so they come back in the drill: scored below REQUEUE_BELOW or flagged. */
  requeued: string[];
}

export const REQUEUE_BELOW = 50;
const FILLERS_FLAG_AT = 3;

export function mockResult(answer: MockAnswer, feedback: AnswerFeedback | undefined): MockResult {
  const { turn } = answer;
  const base = { id: turn.question.id, ...(turn.followUp ? { followUp: turn.followUp } : {}), seconds: Math.round(answer.seconds), targetSeconds: turn.targetSeconds };
  if (!feedback) return { ...base, spokenSeconds: [0, 0], score: 0, flags: ['no-answer'], missed: turn.followUp ? [] : turn.question.talkingPoints.map((t) => t.point), figures: [] };
  const flags: MockFlag[] = [];
  // length against this turn's target (a follow-up is judged against a minute, not the question's target)
  if (feedback.speakingSeconds.high < turn.targetSeconds * 0.6) flags.push('too-short');
  else if (feedback.speakingSeconds.low > turn.targetSeconds * 1.4) flags.push('too-long');
  // a result is expected from a story (a project, or a behavioural question whose template is STAR), not from "tell me about yourself"
  const story = turn.question.kind === 'project' || (turn.question.kind === 'behavioural' && turn.question.sections['Model answer'].includes('**Situation.**'));
  if (story && !turn.followUp && !feedback.quantifiedResult.found) flags.push('no-result');
  if (Object.values(feedback.fillers).reduce((a, b) => a + b, 0) >= FILLERS_FLAG_AT) flags.push('fillers');
  if (feedback.numbers.some((n) => n.verdict === 'differs' || n.verdict === 'suspicious')) flags.push('unbacked-figure');
  const covered = feedback.talkingPoints.filter((t) => t.covered).length;
  return {
    ...base,
    spokenSeconds: [feedback.speakingSeconds.low, feedback.speakingSeconds.high],
    // a follow-up is scored on whether it was answered at all with substance: its points are the question's
    score: turn.followUp ? (feedback.words >= 20 ? 100 : Math.round((100 * feedback.words) / 20)) : Math.round((100 * covered) / Math.max(1, feedback.talkingPoints.length)),
    flags,
    missed: turn.followUp ? [] : feedback.talkingPoints.filter((t) => !t.covered).map((t) => t.point),
    figures: feedback.numbers.map((n) => ({ text: n.text, verdict: n.verdict })),
  };
}

export function summariseMock(results: MockResult[], questions: Question[], minutes: number): MockSummary {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const topics = new Map<string, number[]>();
  for (const r of results.filter((r) => !r.followUp)) {
    const topic = byId.get(r.id)?.topics.find((t) => t !== 'behavioural') ?? byId.get(r.id)?.topics[0] ?? 'other';
    topics.set(topic, [...(topics.get(topic) ?? []), r.score]);
  }
  const weakest = [...topics.entries()]
    .map(([topic, scores]) => ({ topic, score: Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) }))
    .sort((a, b) => a.score - b.score || a.topic.localeCompare(b.topic))
    .slice(0, 3);
  const requeued = [...new Set(results.filter((r) => !r.followUp && (r.score < REQUEUE_BELOW || r.flags.length)).map((r) => r.id))];
  return { questions: results, totalSeconds: results.reduce((s, r) => s + r.seconds, 0), minutes, weakest, requeued };
}

/** The summary as plain lines, for --plain and the end screen of the interactive mock. */
export function summaryLines(s: MockSummary): string[] {
  const lines = [`Mock interview: ${s.questions.length} answers in ${Math.round(s.totalSeconds / 60)} of ${s.minutes} min (typing time).`];
  for (const r of s.questions) {
    const label = r.followUp ? `  ↳ follow-up: ${r.followUp}` : r.id;
    lines.push(
      `${label}\n    spoken ≈ ${r.spokenSeconds[0]}-${r.spokenSeconds[1]} s against ${r.targetSeconds} s · points covered ${r.score}%${r.flags.length ? ` · flags: ${r.flags.join(', ')}` : ''}`,
    );
    if (r.missed.length) lines.push(`    missed: ${r.missed.join('; ')}`);
    for (const f of r.figures) lines.push(`    figure ${f.text}: ${f.verdict}`);
  }
  if (s.weakest.length) lines.push(`Weakest areas: ${s.weakest.map((w) => `${w.topic} (${w.score}%)`).join(', ')}`);
  lines.push(s.requeued.length ? `Back in your review queue (rated Again): ${s.requeued.join(', ')}` : 'Nothing went back to the review queue.');
  return lines;
}
