/**
 * Settings a candidate states: parameters and conventions they chose (folds, alpha, power, the
 * test fraction, "top 10%"), recognised by the words right around a figure. They are checked
 * against a run's parameters where recorded, and never judged as results. Shared by the figure
 * check and content lint.
 */
import type { Sentence } from './analyse.js';
import type { Figure } from './figures.js';

/** Settings a candidate states that the labs take as parameters: by the words right around the figure. */
export interface SettingRule {
  name: string;
  test: (f: Figure, before: string, after: string, sentence: string) => boolean;
  /** The run parameter (lab, param) it is checked against, and how the figure maps to it. */
  param?: { lab: string; key: string; scale?: number };
  /** A share (alpha, power, a test fraction): a fraction "1 in 5" can state it; counts (folds, seeds, resamples) it cannot. */
  share?: true;
}

export const settingRules: SettingRule[] = [
  { name: 'cross-validation folds', test: (f, b, a) => (f.unit === 'duration' && f.unitWord === 'fold') || /^\s*(?:stratified\s+)?(?:cv\s+)?folds?\b/i.test(a) || /\bk\s*=\s*$/i.test(b) && /\bfolds?\b/i.test(a), param: { lab: 'churn', key: 'folds' } },
  { name: 'significance level (alpha)', share: true, test: (f, b, a) => (/(?:\balpha|α|\bnominal|significance(?: level)?|p ?value (?:threshold|cut ?off)(?: of)?|at the)\s*(?:=|of|at|level of)?\s*$/i.test(b) || (/\bp\s*[<≤]\s*$/i.test(b) && [0.1, 0.05, 0.01].includes(f.value))) && (f.unit === 'decimal' || f.unit === 'percent') || /^\s*(?:significance|level of significance|alpha)\b/i.test(a), param: { lab: 'abtest', key: 'alpha' } },
  { name: 'statistical power', share: true, test: (f, b, a, s) => f.unit === 'percent' && (/^\s*(?:statistical\s+)?power\b/i.test(a) || /\bpower(?: of| at)?\s*$/i.test(b)) && !/\b(?:simulat|detected|measured|came out)/i.test(s) },
  { name: 'confidence level', share: true, test: (f, _b, a) => (f.unit === 'percent' || f.unit === 'decimal') && /^\s*(?:[\w-]+\s+){0,2}(?:confidence|ci\b|credible|interval)/i.test(a) && !/^\s*of\b/i.test(a) },
  { name: 'minimum detectable effect', share: true, test: (f, b, a, s) => /\b(?:mde|minimum detectable effect|detect(?:ing)?(?: a)?(?: lift| change| difference)?(?: of)?)\s*(?:of|=)?\s*$/i.test(b) || (/^\s*(?:relative |absolute )?(?:lift|uplift|mde|minimum detectable|effect)\b/i.test(a) && /\bdetect|sized?|plan|power|simulat/i.test(s)) },
  { name: 'baseline rate', share: true, test: (_f, b, _a, s) => /\bbaseline(?: (?:conversion|rate|conversion rate))?(?: of| =| at)?\s*$/i.test(b) && /\b(?:sample size|per arm|plan|power|detect|mde)\b/i.test(s) },
  { name: 'which customers a share is of ("top 10%")', share: true, test: (f, b, a) => f.unit === 'percent' && (/\b(?:top|bottom|best|worst|first|highest[- ]spending|biggest)\s*$/i.test(b) || (/^\s*of (?:the |our |all )?(?:customers|users|buyers|clients|shoppers)\b[^%]*\b\d[\d.]*\s?%/i.test(a) && !/^\s*of (?:the |our |all )?(?:customers|users|buyers|clients|shoppers)\s+(?:churned|left|bought again|came back|returned|were flagged)/i.test(a))) },
  { name: 'the number of clusters a figure was measured at', test: (f, b) => f.bareInteger && /\b(?:at|with|for|when|where)\s+k\s*=\s*$/i.test(b) },
  { name: 'SMOTE neighbours', test: (_f, b, a) => /^\s*(?:nearest\s+)?neighbou?rs?\b/i.test(a) || /\bk\s*=\s*$/i.test(b) && /^\s*(?:nearest\s+)?neighbou?r/i.test(a) },
  { name: 'random seed', test: (_f, b) => /\b(?:seed|random[_ ]state)\s*(?:=|of)?\s*$/i.test(b) },
  { name: 'resamples or simulations', test: (_f, _b, a) => /^\s*(?:bootstrap\s+|a\/a\s+|a\/b\s+|monte carlo\s+|random\s+)?(?:resamples?|re-?samples|samples per|iterations|epochs|restarts|initiali[sz]ations|random starts|simulations?|simulated (?:[a-z/]+ )?(?:tests|experiments|runs)|a\/a (?:tests|runs)|runs\b|permutations|interim looks|looks)\b/i.test(a) },
  { name: 'sample size per arm', test: (_f, b, a) => /^\s*(?:users |customers |visitors |baskets )?(?:per (?:arm|group|variant)|in each (?:arm|group|variant))\b/i.test(a) || /\bsample size(?: of)?\s*$/i.test(b) },
  { name: 'test fraction', share: true, test: (f, b, a) => (f.unit === 'percent' || f.unit === 'decimal') && (/\b(?:held[- ]out|hold[- ]out|holding out|test size|test fraction|test split|kept back|set aside|reserved)(?: of| was| is| =|:)?\s*$/i.test(b) || /^\s*(?:of (?:the )?(?:data|rows|customers) (?:as|for) (?:a |the )?(?:test|hold ?out)|test(?: set| split| data)?\b(?! (?:recall|precision|auc|accuracy|f1))|hold[- ]?out\b(?! (?:recall|precision|auc))|held[- ]out\b(?! (?:recall|precision|auc)))/i.test(a)) && !/\b(?:recall|precision|auc|accuracy|f1|caught|flagged|flags|flag|targeted|contacted)\b/i.test(`${b.slice(-30)} ${a.slice(0, 30)}`), param: { lab: 'churn', key: 'testSize' } },
  { name: 'train/test split', share: true, test: (f, _b, a) => /^\/\d/.test(a) || (f.unit === 'percent' && /^\s*\/\s*\d/.test(a)) },
  { name: 'training fraction', share: true, test: (f, b, a) => f.unit === 'percent' && /\b(?:trained on|train on|training on|fit on|fitted on)\s*$/i.test(b) && /^\s*of the/i.test(a) },
  { name: 'the default threshold 0.5', test: (f, b, a) => Math.abs(f.value - 0.5) < 1e-9 && f.unit === 'decimal' && (/\b(?:at|default|of|than|above|the|from|over)\s*$/i.test(b) || /^\s*(?:threshold|cut ?off|default)/i.test(a)) },
  // "a pilot on a tenth of the accounts", "rolled it out to 10% of customers first": the reach a rollout was given, a decision, not a measurement
  { name: 'the share of customers a pilot or rollout covered', share: true, test: (f, b, a) => f.unit === 'percent' && /\b(?:pilot(?:ed)?(?: (?:ran|run|test(?:ed)?))?(?: on| with| for)?|rolled (?:it |this |the \w+ )?out to|roll[- ]?out to|released (?:it )?to|launched (?:it )?to|limited (?:it )?to|tested (?:it )?on|exposed)\s+(?:only\s+|just\s+)?$/i.test(b) && /^\s*of\b/i.test(a) },
  // "a random classifier has 0.5", "which includes 0.5 (random ranking)", "0.5 is a coin flip": chance level as a yardstick, not a result
  { name: 'the AUC of random guessing, a reference point', test: (f, b, a) => Math.abs(f.value - 0.5) < 1e-9 && f.unit === 'decimal' && (/\b(?:random|chance|coin|guess\w*|no skill|no better than|baseline)\b[^.;]{0,30}$/i.test(b) || /^\s*\(?\s*(?:is\s+|would be\s+|means\s+)?(?:a\s+)?(?:random|chance|coin|guess\w*|no skill|no better)/i.test(a)) },
  { name: 'a value you set (imputation or fill)', test: (_f, b) => /\b(?:set(?: them| it| those| these)? to|became|become|filled(?: them| it)? with|imputed(?: them| it)? (?:as|with)|replaced(?: them| it)? with|defaulted to)\s*$/i.test(b) },
  // "13-week hold-out", "12-month CLV", "a 30-second pitch": periods and formats chosen, not measured
  { name: 'a period of time', test: (f) => f.unit === 'duration' && (['fold', 'day', 'week', 'month', 'year'].includes(f.unitWord ?? '') || /\d-\p{L}/u.test(f.text)) },
];

/** Whether a figure is worded as a setting ("alpha 0.05", "5-fold", "top 10%", "the default 0.5"), whatever the runs hold. */
export function isStatedSetting(sentence: Sentence, f: Figure, text: string): boolean {
  const before = text.slice(Math.max(sentence.start, f.start - 60), f.start);
  const after = text.slice(f.end, Math.min(sentence.end, f.end + 60));
  return settingRuleFor(f, before, after, sentence.text) !== undefined;
}

/** The setting a figure's wording states, if any ("1 in 25 A/A tests" is a share of tests, not a number of them). */
export function settingRuleFor(f: Figure, before: string, after: string, sentence: string): SettingRule | undefined {
  return settingRules.find((r) => (!f.fraction || r.share) && r.test(f, before, after, sentence));
}

