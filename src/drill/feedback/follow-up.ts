/**
 * The interviewer's follow-up: drawn from what the candidate said (a weak spot the flags found,
 * SMOTE without saying where it was applied), from a figure they quoted that their runs measured,
 * or else one of the question's written follow-ups.
 */
import type { ClaimCheck } from '../../story/check.js';
import type { Flag } from './flags.js';

export interface FollowUp {
  question: string;
  source: 'question' | 'runs' | 'answer';
}

/** Follow-ups for a figure the runs measured, by the metric it was matched to; skipped when the answer already covers what it asks. */
const byMetric: [RegExp, (said: string) => string, RegExp?][] = [
  [/smoteLeaky/i, (said) => `You quoted ${said} from the leaky SMOTE variant: why is that figure inflated, and what did the honest pipeline give?`],
  [/\.recall\b|recall$/i, (said) => `You said recall ${said}: what did that cost in precision, and who chose that trade-off?`, /precision|false alarm|false positive/i],
  [/\.precision\b/i, (said) => `You said precision ${said}: how many churners did you miss at that threshold?`, /recall|missed/i],
  [/prAuc/i, (said) => `You quoted a PR-AUC of ${said}: what is the baseline PR-AUC on this data, and why quote it rather than ROC-AUC?`],
  [/\.auc\b|auc\.mean/i, (said) => `You quoted an AUC of ${said}: what does that mean for the customers you would actually contact?`],
  [/accuracy/i, (said) => `You quoted accuracy ${said}: what would a model that always predicts the majority class score on this data?`, /majority|base rate|always predict/i],
  [/latency/i, (said) => `You said ${said}: at which percentile, under what load, and measured where?`],
  [/threshold/i, (said) => `You chose a threshold of ${said}: how did you pick it, and what happens if the offer cost doubles?`],
  [/positiveRate/i, (said) => `You said ${said} of customers churned: how did that shape your choice of metric?`, /accuracy|metric|recall|precision|auc/i],
  [/silhouette|kmeans/i, (said) => `You quoted ${said}: why did that decide the number of segments, and what else did you look at?`],
  [/segments|concentration/i, (said) => `You said ${said}: what would you do with that segment on Monday morning?`],
  [/clv|holdout/i, (said) => `You said ${said}: how good was the model on the hold-out period, and what would make it wrong?`],
];

/** Follow-ups for what the answer said or left out, most telling first. */
const byFlag: Partial<Record<Flag['kind'], string>> = {
  blame: 'Looking back, what would you do differently yourself?',
  'we-not-i': 'You said "we" throughout: what exactly did you do yourself?',
  'no-result': 'How did it end: what changed, and how did you measure it?',
  'accuracy-without-context': 'What share of the data was the positive class, and what would always predicting the majority class score?',
  'no-recall': 'Roughly what were the numbers, and where would you look them up?',
  'unbacked-figure': 'Where does that figure come from, and how did you measure it?',
};

const smoteWithoutPlace = (text: string) => /\bsmote\b/i.test(text) && !/\b(fold|folds|inside|within|before the split|after the split|training (set|data|split) only|pipeline)\b/i.test(text);

export function chooseFollowUp(options: { answer: string; flags: Flag[]; figures: ClaimCheck[]; followUps: string[]; seed: number; listedTerm?: string }): FollowUp | null {
  // a term only listed: ask what it did, as an interviewer would
  if (options.listedTerm && options.flags.some((f) => f.kind === 'keyword-list')) {
    return { question: `You mentioned ${options.listedTerm}: what exactly did you do with it in your project, and why?`, source: 'answer' };
  }
  for (const kind of ['blame', 'we-not-i', 'no-result', 'accuracy-without-context', 'unbacked-figure', 'no-recall'] as const) {
    const flag = options.flags.find((f) => f.kind === kind);
    if (flag && byFlag[kind]) {
      const figure = kind === 'unbacked-figure' ? options.figures.find((f) => f.verdict === 'differs' || f.verdict === 'suspicious') : undefined;
      return { question: figure ? `You said ${figure.text}: where does that figure come from, and how did you measure it?` : byFlag[kind]!, source: 'answer' };
    }
  }
  if (smoteWithoutPlace(options.answer)) return { question: 'Was SMOTE applied inside the cross-validation folds, or before the split?', source: 'answer' };
  // the most telling measured figure first (a result before a dataset rate), as byMetric orders them
  const backed = options.figures.filter((f) => f.verdict === 'backed' && f.metric);
  for (const [re, ask, answered] of byMetric) {
    const figure = backed.find((f) => re.test(f.metric!));
    if (figure && !answered?.test(options.answer)) return { question: ask(figure.text), source: 'runs' };
  }
  if (options.followUps.length === 0) return null;
  // the same answer always gets the same follow-up; a different answer may get another
  return { question: options.followUps[options.seed % options.followUps.length]!, source: 'question' };
}
