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
   * The key pattern: literal segments, `{a|b}` alternatives and `{name}` placeholders whose values
   * come from the catalogue's term lists (models, metrics, segments, groups...). Alternatives and
   * placeholders both become `parts`: an alternative `{a|b}` is named by the entry's `names` list.
   */
  key: string;
  /** The lab stage that records it ("cv", "test", "rfm"...). */
  stage: string;
  unit: MetricUnit;
  kind: MetricKind;
  /**
   * Phrases (lower case, lemmatised: "cross-validate", "hold out") that name this figure in a
   * sentence. The placeholders' own terms ("random forest", "senior citizens") are added to them.
   */
  vocabulary: string[];
  /** One plain sentence on what the figure means. */
  meaning(c: EntryContext): string;
  /** A sentence a candidate could say in an interview, quoting the figure. */
  interview(c: EntryContext): string;
}
