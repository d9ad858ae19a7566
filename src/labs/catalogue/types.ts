/**
 * The metric catalogue: one typed entry per figure a lab records. The recorder, `prep explain`,
 * the story drafter, model-answer placeholders and the figure check all read these entries, so
 * adding a figure is a one-file change (a test checks recorded keys against the catalogue).
 */

/** What a figure's number is, so text like "83%", "45 ms", "£1.2k" can be compared with it. */
export type MetricUnit =
  | 'ratio' // 0..1, said as "83%" or "0.83"
  | 'score' // unitless, said as a decimal (AUC-like figures that are not shares are still 'ratio')
  | 'count' // customers, rows, invoices, purchase days
  | 'money' // in the dataset's currency
  | 'ms'
  | 'per_second'
  | 'days'
  | 'number'; // anything else (model parameters, log-likelihoods)

/** A result is what the run measured; a setting is what the candidate chose (folds, alpha, costs). */
export type MetricKind = 'result' | 'setting';

export interface EntryContext {
  /** The full recorded key, e.g. "cv.random_forest.auc.mean". */
  key: string;
  value: number;
  inputs: Record<string, unknown>;
  /** Other metrics of the same run by key (for a second figure, e.g. the std beside a mean). */
  others: Map<string, number>;
  /** Values of the key's placeholders, e.g. { model: 'random_forest', metric: 'auc', stat: 'mean' }. */
  parts: Record<string, string>;
}

export interface MetricEntry {
  /**
   * The key pattern: literal text, `{set}` for a term set of terms.ts (model, metric, variant,
   * group, segment), `{name:a|b}` for named alternatives, `{name:#}` for digits and `{name:*}` for
   * any text. Every placeholder becomes a `parts` entry.
   */
  key: string;
  /** Words for the values of `{name:...}` placeholders, which name the figure like `vocabulary` does. */
  partWords?: (name: string, value: string) => string[];
  /** Placeholders whose words only point to the figure ("k = 3" beside "silhouette"), rather than name it. */
  contextParts?: string[];
  /** The lab stage that records it ("cv", "test", "rfm"...). */
  stage: string;
  unit: MetricUnit;
  kind: MetricKind;
  /**
   * Phrases (lower case, lemmatised: "cross-validate", "hold out") that name this figure in a
   * sentence. The placeholders' own terms ("random forest", "senior citizens") are added to them.
   */
  vocabulary: string[];
  /**
   * Words that point to this figure from anywhere in its sentence without naming it: "on the test
   * set", "cross-validated", "SMOTE inside the folds". They separate figures that share a name.
   */
  context?: string[];
  /** The values this figure can take: a figure outside cannot be it (a chosen k of 4,856). */
  range?: [number, number];
  /** Words that rule this figure out when the sentence has them ("peeking" for the plain A/A rate). */
  unless?: string[];
  /** Breaks ties between figures the words fit equally well: the headline figure first. Default 0. */
  priority?: number;
  /** One plain sentence on what the figure means. */
  meaning(c: EntryContext): string;
  /** A sentence a candidate could say in an interview, quoting the figure. */
  interview(c: EntryContext): string;
}
