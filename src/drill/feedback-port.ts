/**
 * The answer analysis as the drill session sees it (src/drill/feedback.ts behind the session's
 * narrow FeedbackPort): swap the analysis here and neither the session nor its views change.
 */
import type { RunStore } from '../data/runs.js';
import { analyseAnswer, analyseFollowUpAnswer, feedbackLines, type AnswerFeedback } from './feedback.js';
import type { FeedbackLine, FeedbackPort } from './session.js';

const toneOf = (line: string): FeedbackLine['tone'] => (line.startsWith('✓') ? 'good' : line.startsWith('✗') ? 'missing' : line.startsWith('!') || line.startsWith('?') ? 'warning' : undefined);

export function answerFeedbackPort(store?: RunStore): FeedbackPort<AnswerFeedback> {
  return {
    analyse: (answer, question) => analyseAnswer(answer, question, store),
    // whole sentences are quoted; the views wrap at word boundaries
    lines: (feedback) => feedbackLines(feedback).map((text) => ({ text, tone: toneOf(text) })),
    // the JSON contract of `prep feedback --json`: star, points, flags, figures, words, seconds, score
    record: (feedback) => JSON.parse(JSON.stringify(feedback)) as unknown,
    followUp: (feedback) => feedback.followUp?.question,
    analyseFollowUp: (answer, followUp, question) => analyseFollowUpAnswer(answer, followUp, question, store),
  };
}
