/**
 * The words for the parts of metric keys: models, classifier metrics, imbalance treatments,
 * fairness groups, RFM segments. A key pattern names a term set with `{set}`; each value has a
 * display name and the words a candidate uses for it. `head` sets name the figure itself
 * ("recall"), `context` sets only point to it from anywhere in the sentence ("random forest").
 */
export interface Term {
  name: string;
  words: string[];
}

export interface TermSet {
  role: 'head' | 'context';
  values: Record<string, Term>;
  /** Keys may also hold values beyond `values`, matching `pattern` (a regular expression), named by `term(value)`: a fairness group of a column of the user's own data. Only `values` are listed as figures a run could record. */
  open?: { pattern: string; term: (value: string) => Term };
}

export const modelTerms: TermSet = {
  role: 'context',
  values: {
    logistic_regression: { name: 'logistic regression', words: ['logistic regression', 'logistic', 'logit', 'linear model', 'lr'] },
    random_forest: { name: 'random forest', words: ['random forest', 'forest', 'rf'] },
    gradient_boosting: { name: 'gradient-boosted trees', words: ['gradient boosting', 'gradient boosted', 'boosted trees', 'boosting', 'gbm', 'gbdt', 'xgboost', 'lightgbm'] },
  },
};

export const classifierMetricTerms: TermSet = {
  role: 'head',
  values: {
    auc: { name: 'ROC-AUC', words: ['auc', 'roc auc', 'auroc', 'roc', 'area under the curve', 'area under the roc curve', 'ranks a churner above', 'rank a churner above', 'ranks churners above', 'ranking'] },
    prAuc: { name: 'PR-AUC', words: ['pr auc', 'average precision', 'auprc', 'area under the precision recall curve', 'precision recall auc'] },
    accuracy: { name: 'accuracy', words: ['accuracy', 'accurate', 'classified correctly'] },
    precision: { name: 'precision', words: ['precision', 'precise', 'positive predictive value', 'really churned', 'actually churned', 'of the flagged', 'of those flagged', 'of the customers it flagged', 'hit rate'] },
    recall: { name: 'recall', words: ['recall', 'sensitivity', 'true positive rate', 'tpr', 'caught', 'catch', 'catches', 'of the churners', 'of churners', 'detected', 'of the customers who would leave', 'of customers who would leave', 'of those who would leave', 'who would leave'] },
    f1: { name: 'F1', words: ['f1', 'f1 score', 'f score', 'f measure'] },
  },
};

export const imbalanceTerms: TermSet = {
  role: 'context',
  values: {
    none: { name: 'no treatment of the imbalance', words: ['no treatment', 'no rebalancing', 'without rebalancing', 'untreated', 'no resampling', 'without resampling', 'without any resampling', 'without any rebalancing', 'without any treatment', 'no weighting', 'without weighting', 'plain model', 'as is'] },
    classWeights: { name: 'class weights', words: ['class weight', 'class weights', 'class weighting', 'weighted loss', 'balanced weights', 'weighting the classes', 'reweighting'] },
    smoteInFolds: { name: 'SMOTE inside the training folds', words: ['smote', 'smote nc', 'oversampling', 'oversampled', 'inside the folds', 'inside each fold', 'within the folds', 'within each fold', 'inside folds', 'in each training fold', 'honest figure', 'honest', 'done correctly', 'done properly'] },
    smoteLeaky: { name: 'SMOTE before the split (leaky)', words: ['leaky', 'leak', 'leaks', 'leaked', 'leakage', 'before the split', 'before splitting', 'before cross validation', 'artefact', 'artifact', 'inflated', 'mistake', 'too good to be true', 'whole training set', 'whole dataset', 'entire dataset', 'full dataset', 'naive smote', 'oversampling the whole', 'before cv'] },
  },
};

export const fairnessGroupTerms: TermSet = {
  role: 'context',
  values: {
    'gender.Female': { name: 'women', words: ['women', 'woman', 'female', 'females', 'female customers'] },
    'gender.Male': { name: 'men', words: ['men', 'man', 'male', 'males', 'male customers'] },
    'senior.1': { name: 'senior citizens', words: ['senior', 'seniors', 'senior citizens', 'senior citizen', 'older customers', 'elderly', 'over 65'] },
    'senior.0': { name: 'non-senior customers', words: ['non senior', 'non seniors', 'non senior customers', 'younger customers', 'younger', 'everyone else', 'under 65', 'not seniors', 'other customers', 'others', 'the rest', 'everybody else', 'not senior'] },
  },
  // the groups of a --fairness column of another dataset: "geography.Germany", "age.46-72" (a band), "is_senior.1"
  open: { pattern: String.raw`[^.]+\.[^.]+`, term: fairnessGroupTerm },
};

/** A fairness group's display name: listed ("women"), or made from its key ("Germany", "age 46-72"). */
export function fairnessGroupName(group: string): string {
  return fairnessGroupTerms.values[group]?.name ?? fairnessGroupTerm(group).name;
}

/** Words for a fairness group the set does not list, from its key: "geography.Germany" → Germany; "age.46-72" → aged 46 to 72; "is_senior.1" → is senior. */
function fairnessGroupTerm(group: string): Term {
  const [attribute, value] = group.split('.') as [string, string];
  const spaced = (t: string) => t.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ').toLowerCase().trim();
  const band = /^(\d+)-(\d+)$/.exec(value);
  if (band) {
    const [, low, high] = band;
    return { name: `${attribute} ${low}-${high}`, words: [`${low}-${high}`, `${low} to ${high}`, `aged ${low} to ${high}`, `aged ${low}-${high}`, `between ${low} and ${high}`] };
  }
  if (value === '1' || value === '0') {
    const a = spaced(attribute);
    return { name: `${attribute} = ${value}`, words: value === '1' ? [a] : [`non ${a}`, `not ${a}`, `without ${a}`] };
  }
  return { name: value, words: [spaced(value)] };
}

export const segmentTerms: TermSet = {
  role: 'head',
  values: {
    champions: { name: 'Champions', words: ['champions', 'champion'] },
    loyal: { name: 'Loyal', words: ['loyal', 'loyal customers'] },
    potentialLoyalists: { name: 'Potential loyalists', words: ['potential loyalists', 'potential loyalist'] },
    new: { name: 'New', words: ['new segment', 'the new segment', 'newcomers', 'new rfm segment'] },
    atRisk: { name: 'At risk', words: ['at risk', 'at risk customers'] },
    cantLoseThem: { name: "Can't lose them", words: ["can't lose them", 'cant lose them', 'can not lose them', 'cannot lose them'] },
    hibernating: { name: 'Hibernating', words: ['hibernating', 'hibernate'] },
    lost: { name: 'Lost', words: ['lost', 'lost customers', 'lost segment'] },
  },
};

export const termSets: Record<string, TermSet> = {
  model: modelTerms,
  metric: classifierMetricTerms,
  variant: imbalanceTerms,
  group: fairnessGroupTerms,
  segment: segmentTerms,
};

/** A model's name for people ("random forest"), from its key ("random_forest"). */
export const modelDisplayName = (key: string): string => modelTerms.values[key]?.name ?? key.replace(/_/g, ' ');
