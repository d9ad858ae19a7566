/**
 * The answer analysis as the drill session sees it (src/drill/feedback.ts behind the session's
 * narrow FeedbackPort): swap the analysis here and neither the session nor its views change.
 */
import type { Question } from '../content/questions.js';
import type { RunStore } from '../data/runs.js';
import { analyseAnswer, feedbackLines, type AnswerFeedback } from './feedback.js';
import type { FeedbackLine, FeedbackPort } from './session.js';

const toneOf = (line: string): FeedbackLine['tone'] => (line.startsWith('✓') ? 'good' : line.startsWith('✗') ? 'missing' : line.startsWith('!') || line.startsWith('?') ? 'warning' : undefined);

export function answerFeedbackPort(store?: RunStore): FeedbackPort<AnswerFeedback> {
  return {
    analyse: (answer, question) => analyseAnswer(answer, question, store),
    lines: (feedback, question: Question) => {
      const lines = feedbackLines(feedback, question.kind);
      // STAR lines quote their whole sentence here: the views wrap at word boundaries
      if (question.kind === 'behavioural' || question.kind === 'project') {
        Object.entries(feedback.star).forEach(([part, v], i) => {
          lines[i] = `${v.found ? '✓' : '✗'} ${part.padEnd(9)} ${v.found ? `"${v.sentence}"` : 'not found'}`;
        });
      }
      return lines.map((text) => ({ text, tone: toneOf(text) }));
    },
    record: (feedback) => feedback.summary,
    followUp: (feedback) => (feedback as { followUp?: string }).followUp,
  };
}
