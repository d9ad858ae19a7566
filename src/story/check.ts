/**
 * `prep story check`: every figure in a pitch, CV or answer, resolved against every recorded
 * metric of the candidate's runs on one dataset, by the words around it (each metric's catalogue
 * vocabulary), and judged:
 *   backed      a metric the words name has this value, at the precision stated
 *   differs     the words name a recorded metric whose value differs (the run's value is shown)
 *   no-run      nothing the labs record measures it (said why; never an unrelated metric)
 *   suspicious  implausible for this data (the signature of leakage on IBM's Telco sample)
 *   setting     a parameter or convention the candidate chose, checked against the run's params
 *   denied      a figure the sentence denies ("not 80% but 69.5%"): read, shown, and not checked
 */
import type { MetricRecord, RunRecord } from '../data/runs.js';
import { catalogue, expandKeys, findEntry, partWordsFor, wordsFor, type CatalogueMatch, type MetricUnit } from '../labs/catalogue/index.js';
import { classifierMetricTerms, imbalanceTerms, modelTerms } from '../labs/catalogue/terms.js';
import { analyse, findPhrase, preparePhrases, type Sentence } from '../text/analyse.js';
import { extractFigures, protectLeadingPoints, restorePoints, type Figure } from '../text/figures.js';
import { settingRuleFor } from '../text/settings.js';

export type Verdict = 'backed' | 'differs' | 'no-run' | 'suspicious' | 'setting' | 'denied';

export interface ClaimCheck {
  /** The figure as written. */
  text: string;
  line: number;
  /** The sentence it was read in. */
  sentence: string;
  verdict: Verdict;
  /** lab.key of the metric (or setting) the figure was resolved to. */
  metric?: string;
  runId?: string;
  runValue?: number;
  /** The dataset of the run it was checked against. */
  dataset?: string;
  reason: string;
}

/** What the checker reads from the run store (a fixture can provide the same). */
export interface RunSource {
  list(filter?: { lab?: string }): RunRecord[];
  metrics(runId: string): Pick<MetricRecord, 'key' | 'value' | 'inputs'>[];
  /** A run's JSON artifact (the churn run's "result" holds its profile: the churn rate by each column's values). */
  artifact?<T = unknown>(runId: string, name: string): T | undefined;
}

/** The churn lab's profile as its result artifact stores it: rows and churners by value of each low-cardinality column. */
interface StoredProfile {
  rows: number;
  positives: number;
  rateBy: { column: string; rows: { value: string; rows: number; positives: number }[] }[];
}

interface Candidate {
  match: CatalogueMatch;
  run: RunRecord;
  value: number;
  unit: MetricUnit;
  kind: 'result' | 'setting';
  /** A figure the catalogue knows that no run of this user has recorded: it can only be "no run". */
  unrecorded?: boolean;
}

/** Every figure the catalogue can name, by lab: what the words of a claim may point to even before any run has it. */
const knownFigures: { lab: string; key: string }[] = Object.entries(catalogue).flatMap(([lab, entries]) => entries.flatMap((e) => expandKeys(e).map((key) => ({ lab, key }))));
const noRunYet = (lab: string): RunRecord => ({ id: '', lab, datasetName: null, datasetSha256: null, params: {}, seed: null, codeVersion: '', startedAt: '', durationMs: null, status: 'ok', error: null });

/** Figures the labs do not record as one metric but that follow from two: customers flagged = tp + fp. */
const derived: { lab: string; key: string; label: string; from: string[]; head: string[]; context: string[] }[] = [
  { lab: 'churn', key: 'test.tp+test.fp', label: 'test customers flagged at the chosen threshold, tp + fp', from: ['test.tp', 'test.fp'], head: ['flagged', 'customers flagged', 'flagged customers', 'customers it flagged', 'customers were flagged', 'were flagged', 'customers were targeted', 'were targeted', 'customers were contacted', 'were contacted', 'customers got offers', 'got an offer', 'targeted', 'target', 'contacted', 'contact', 'offered', 'offers', 'predicted to churn', 'sent offers', 'would target'], context: ['test', 'held out', 'threshold', 'retention team'] },
  { lab: 'churn', key: 'test.tp+test.fn', label: 'churners in the test set, tp + fn', from: ['test.tp', 'test.fn'], head: ['churners', 'churned', 'who churned'], context: ['test', 'held out', 'test set'] },
];

/**
 * Facts of the protocol a candidate states as counts ("we trained 3 models", "8 RFM segments"): how
 * many figures of one kind the run recorded. They are what the candidate chose to run, so they
 * check as settings.
 */
const protocolCounts: { lab: string; key: string; label: string; count: RegExp; head: string[]; context: string[] }[] = [
  { lab: 'churn', key: 'protocol.models', label: 'model families cross-validated', count: /^cv\.[^.]+\.auc\.mean$/, head: ['models', 'model families', 'model types', 'classifiers', 'candidate models', 'kinds of model', 'types of model'], context: ['trained', 'compared', 'cross validated', 'fitted', 'tried', 'cv'] },
  { lab: 'churn', key: 'protocol.imbalanceTreatments', label: 'ways of treating the class imbalance compared', count: /^imbalance\.[^.]+\.auc$/, head: ['ways of handling the imbalance', 'ways of handling the class imbalance', 'ways to handle the imbalance', 'ways to handle the class imbalance', 'imbalance treatments', 'imbalance strategies', 'rebalancing strategies', 'approaches to the imbalance', 'imbalance variants'], context: ['imbalance', 'class imbalance'] },
  { lab: 'segment', key: 'protocol.segments', label: 'RFM segments', count: /^segments\.[^.]+\.customers$/, head: ['segments', 'rfm segments', 'customer segments'], context: ['rfm'] },
  { lab: 'segment', key: 'protocol.kValues', label: 'values of k tried', count: /^kmeans\.k\d+\.inertia$/, head: ['values of k', 'choices of k', 'values for k', 'cluster counts'], context: ['k means', 'kmeans', 'elbow', 'silhouette'] },
];

/** A change noun the figure states: "the precision lift is 5%", "uplift from class weights was 26%", "an improvement of 3 points". */
const changeNounBefore = /\b(?:lift|uplift|improvement|increase|decrease|reduction|gain|boost|jump|delta|difference)s?\b(?:\s+(?:from|with|for|in|on|of|over|after|versus|vs\.?)\s+(?:[\w'-]+\s+){0,3}?)?\s*(?:(?:is|was|were|are|been|be|of|at|came to|came out at|stood at|amounted to|reached|totall?ed|=|:)\s*)+(?:about|around|roughly|nearly|almost|over|just|only|~)?\s*$/i;
/** "a 5% precision lift", "a 3-point recall gain" (the change noun within two words after the figure). */
const changeNounAfter = /^\s*(?:[\w-]+\s+){1,2}(lift|uplift|improvement|increase|decrease|reduction|gain|boost|jump)\b/i;

const datasetAliases: Record<string, string[]> = { telco: ['telco', 'ibm'], retail: ['online retail', 'uci', 'retail', 'retailer'] };

/** Words that say a figure is the leaky one (the catalogue's words for SMOTE before the split). */
const leakWords = imbalanceTerms.values.smoteLeaky!.words;

/** Words that put a figure in another project: prep has no run of it, so it cannot be backed or contradicted. */
const otherProject = ['readmission', 'patients', 'hospital', 'clinical', 'fraud', 'credit', 'loan', 'loans', 'insurance', 'claims model', 'image', 'images', 'vision', 'speech', 'nlp', 'chatbot', 'recommender system', 'recommendation engine', 'search ranking', 'ads', 'ad', 'click through', 'ctr', 'demand forecast', 'demand forecasting', 'inventory', 'pricing model', 'previous job', 'previous role', 'last job', 'my last company', 'internship', 'at my previous', 'sentiment', 'object detection', 'translation', 'spam'];
/** Outcomes after deployment: prep measures models on held-out data, not what happened in the business. */
const businessOutcome = ['after launch', 'post launch', 'in production', 'campaign', 'rollout', 'rolled out', 'business impact', 'year over year', 'saved the company', 'for the company', 'revenue uplift', 'nps', 'uptime', 'availability', 'sla', 'team of', 'stakeholders', 'users adopted', 'adoption', 'headcount', 'budget', 'per year', 'annually', 'marketing spend', 'per retained customer', 'cost per', 'open rate', 'open rates', 'click rate', 'email', 'emails', 'per ticket', 'tickets', 'handling cost', 'support team', 'call centre', 'call center', 'last year', 'last quarter', 'pricing page', 'pricing pages', 'live', 'checkout', 'conversion', 'brought back', 'won back', 'win back', 'winback', 'loyalty scheme', 'loyalty programme', 'loyalty program', 'went live', 'monthly churn', 'go live'];
/** "after the price change": what followed an intervention, which no lab measures. */
const afterIntervention = /\b(?:after|since|following|once|when) (?:the |our |a |we )?(?:[\w-]+ ){0,3}(?:launch(?:ed)?|release[ds]?|price change|changes?|campaigns?|rollout|rolled out|intervention|redesign|deployment|deploying|deployed|migration|update|targeting|went live|going live|introduced)\b/i;
/** The words of a listed phrase, by lemma and spelling (cached: the lists are checked in every sentence). */
const listedForms = new Map<string, Set<string>>();
function formsOf(phrase: string): Set<string> {
  let forms = listedForms.get(phrase);
  if (!forms) listedForms.set(phrase, (forms = new Set(analyse(phrase).flatMap((s) => s.tokens.flatMap((t) => [t.lemma, t.lower])))));
  return forms;
}
/**
 * Where a phrase of the lists above occurs as its own words: "added" and "adding" share the stem
 * "ad" with "ads", and "adopted" the stem "adopt" with "adoption", but a sentence that says "we
 * added class weights" is neither about ads nor an outcome. (findPhrase also matches by stem.)
 */
function findListed(sentence: Sentence, phrase: string): { from: number; to: number }[] {
  const forms = formsOf(phrase);
  return findPhrase(sentence, phrase).filter((o) => sentence.tokens.slice(o.from, o.to).every((t) => forms.has(t.lemma) || forms.has(t.lower) || ['the', 'a', 'an'].includes(t.lower)));
}
/** "At Harbor Health my model ...": a named employer or client, not the candidate's prep runs. */
const namedEmployer = /\b[Aa]t (?!IBM\b|Telco\b|UCI\b|Online\b|Retail\b|SMOTE\b|Risk\b|[A-Z]{2,}\b)[A-Z][a-z]+(?: [A-Z][a-z]+)*\b/;

/** How a reason names a figure: its key, or what a figure derived from two keys counts. */
const name = (c: Candidate) => (c.match.key.includes('+') ? c.match.entry.meaning({ key: c.match.key, value: c.value, inputs: {}, others: new Map(), parts: {} }) : c.match.key);

function inRange(f: Figure, c: Candidate): boolean {
  const range = c.match.entry.range ?? (c.unit === 'score' ? [-1, 1] : undefined);
  return !range || (f.value >= range[0] && f.value <= range[1]);
}

/**
 * How far a round count may be from the value it states. "1,400", "7k", "540k" and "£9M" are read
 * to their significant figures only as far as people mean a rounding: said flat, at most 5% off
 * ("7,000 customers" for 7,043 and "1,400" for 1,409 state them; "1,000" or "1k" for 1,409 does not,
 * although 1,409 rounds to 1,000 at one significant figure); with "about", "roughly", "~", at most
 * 10% off ("about 4,000" for 4,338, not "about 1,000" for 1,409). A bound ("over 1,000") holds at
 * any distance. Undefined for a figure that is not a round count (decimals state their precision).
 */
function roundCountTolerance(f: Figure, approximate: boolean): number | undefined {
  if ((f.unit !== 'number' && f.unit !== 'per_second' && f.unit !== 'money') || f.fraction || f.high !== undefined || Math.abs(f.value) < 100) return undefined;
  const written = /\d[\d,]*(?:\.\d+)?/.exec(f.text)?.[0];
  if (!written || written.includes('.')) return undefined;
  const digits = written.replace(/,/g, '');
  const trailing = /0*$/.exec(digits)![0].length;
  if (trailing >= digits.length) return undefined;
  // f.resolution is half a unit of the last digit written ("7k": 500); each trailing zero widens it tenfold
  const significant = f.resolution * 10 ** trailing;
  const claimed = Math.abs(f.value);
  return approximate ? Math.max(1, Math.min(2 * significant, 0.1 * claimed)) : Math.max(0.5, Math.min(significant, 0.05 * claimed));
}

function within(f: Figure, value: number, options: { asRatio: boolean }): boolean {
  let claimed = f.value;
  let resolution = f.resolution;
  let high = f.high;
  // a figure stated as a percentage of a ratio metric, or a decimal of one: the same scale already
  if (!options.asRatio && f.unit === 'percent') {
    claimed *= 100;
    resolution *= 100;
    if (high !== undefined) high *= 100;
  }
  const slack = 1e-9 * Math.max(1, Math.abs(value));
  if (high !== undefined) return value >= Math.min(claimed, high) - resolution - slack && value <= Math.max(claimed, high) + resolution + slack;
  const exactTolerance = roundCountTolerance(f, false) ?? resolution * 1.0001;
  // ("about 1 in 3" is no wider than "1 in 3", which already spans 1/3.5 to 1/2.5)
  const aboutTolerance = roundCountTolerance(f, true) ?? (f.counted ? 1.0001 : 2) * resolution;
  // "just under 70%" is under 70% and about 70% ("just over 40%" for 41.9%: within 5% of the figure said)
  const close = !f.close || Math.abs(claimed - value) <= Math.max(aboutTolerance, 0.05 * Math.abs(claimed)) + slack;
  switch (f.approximation) {
    case 'about':
      return Math.abs(claimed - value) <= aboutTolerance + slack;
    // "above 70%", "under 0.8": the bound is the figure as written, however coarsely; 69.5% is not above 70%
    case 'over':
      return value >= claimed - slack && close;
    case 'under':
      return value <= claimed + slack && close;
    default:
      return Math.abs(claimed - value) <= exactTolerance + slack;
  }
}

/** Can a figure written this way be this metric? */
function unitFits(f: Figure, unit: MetricUnit, value: number): boolean {
  switch (f.unit) {
    case 'percent':
    case 'pp':
      return unit === 'ratio' || (unit === 'number' && Math.abs(value) <= 1);
    case 'decimal':
      return unit === 'ratio' || unit === 'number' || unit === 'score';
    case 'number':
      return unit === 'count' || unit === 'number' || unit === 'money' || unit === 'days' || unit === 'per_second' || (unit === 'ratio' && f.value <= 1);
    case 'money':
      return unit === 'money';
    case 'ms':
      return unit === 'ms';
    case 'per_second':
      return unit === 'per_second';
    case 'duration':
      return unit === 'days' && f.unitWord === 'day';
    default:
      return false;
  }
}

const fmtValue = (f: Figure | undefined, c: Candidate) => {
  const v = c.value;
  if (c.unit === 'ratio' && (f?.unit === 'percent' || f === undefined)) return `${(100 * v).toFixed(1)}%`;
  if (c.unit === 'ratio' || c.unit === 'score') return v.toFixed(3);
  if (c.unit === 'ms') return `${v.toFixed(2)} ms`;
  if (Math.abs(v) < 1e-3 && v !== 0) return v.toExponential(2);
  return v.toLocaleString('en', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 3 });
};

interface Occurrence {
  phrase: string;
  from: number;
  to: number;
}

/** Token distance from a phrase to a figure, with a toll for each clause boundary between them. */
function distance(sentence: Sentence, occ: Occurrence, f: Figure): number {
  const [a, b] = occ.to <= f.tokenFrom ? [occ.to, f.tokenFrom] : occ.from >= f.tokenTo ? [f.tokenTo, occ.from] : [0, 0];
  let d = b - a;
  for (let i = a; i < b; i++) {
    const t = sentence.tokens[i]!.lower;
    if ([',', ';', ':', '(', ')', '—', '–'].includes(t)) d += 3;
    else if (['versus', 'vs', 'against', 'compared', 'than', 'whereas'].includes(t)) d += 6; // "A ... vs B": what comes before belongs to A
    else if (['and', 'but', 'while', 'whilst', 'then'].includes(t)) d += 3;
  }
  // words in brackets describe what stands before the brackets: "200 customers (false positives) and 835 ..." names the 200
  if (occ.to <= f.tokenFrom && sentence.tokens.slice(occ.to, f.tokenFrom).some((t) => t.lower === ')') && !sentence.tokens.slice(occ.to, f.tokenFrom).some((t) => t.lower === '(')) d += 3;
  // words after a figure name it less often than words before it ("recall 69.5%", "69.5% recall" both work; "69.5%, precision" does not)
  return d;
}

const functionWords = new Set(['of', 'the', 'a', 'an', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'per', 'and']);
const prepositions = new Set(['on', 'in', 'for', 'across', 'over', 'among', 'within', 'at']);
const phrasesStartWithPreposition = { has: (p: string) => prepositions.has(p.split(' ')[0]!) };
function afterPreposition(sentence: Sentence, o: Occurrence, phraseHasOne: boolean): boolean {
  if (phraseHasOne) return false;
  let i = o.from - 1;
  // "at the chosen threshold", "on the held out set": determiners and up to two describing words stand between
  let describing = 0;
  while (i >= 0) {
    const t = sentence.tokens[i]!;
    if (['the', 'a', 'an', 'our', 'my', 'its', 'their', 'each', 'every', 'all'].includes(t.lower)) i--;
    else if (describing < 2 && (t.pos === 'ADJ' || (t.pos === 'VERB' && /(?:ed|en)$/.test(t.lower)))) {
      describing++;
      i--;
    } else break;
  }
  return i >= 0 && prepositions.has(sentence.tokens[i]!.lower);
}

function comparedWith(sentence: Sentence, o: Occurrence): boolean {
  const before = sentence.tokens.slice(Math.max(0, o.from - 4), o.from).map((t) => t.lower).join(' ');
  return /\b(?:than|as|versus|vs|against|compared (?:to|with)|tie with|tied with|relative to)(?: (?:the|a|an|our|their))?$/.test(before);
}

const onDataset = (byLab: Map<string, RunRecord[]>, lab: string) => {
  const name = byLab.get(lab)?.[0]?.datasetName;
  return name ? ` on ${name}` : '';
};

/** The few words that deny a figure, as written: "not 80%", "wasn't 0.88". */
function deniedWording(sentence: Sentence, f: Figure): string {
  const tokens = sentence.tokens;
  let from = f.tokenFrom;
  for (let i = f.tokenFrom - 1; i >= 0 && i >= f.tokenFrom - 5; i--) {
    if (['not', "n't", 'never', 'no', 'nor', 'neither'].includes(tokens[i]!.lower) || tokens[i]!.lemma === 'not') {
      from = i;
      // "wasn't": the verb the negation is written into
      if (tokens[i]!.lower === "n't" && i > 0) from = i - 1;
      break;
    }
  }
  // "It's not that the top 10% bring 80%": the clause's "not that"
  if (from === f.tokenFrom) for (let i = f.tokenFrom - 1; i > 0 && i >= f.tokenFrom - 15; i--) if (tokens[i]!.lower === 'that' && ['not', "n't"].includes(tokens[i - 1]!.lower)) from = i - 1;
  return `${sentence.text.slice(tokens[from]!.start - sentence.start, f.end - sentence.start)}`;
}

/** Figures over the whole data (totals, shares of all revenue or all customers): a part of the period has none of them. */
const wholePeriodFigure = /^(?:segment\.(?:cleaning|segments|concentration|rfm)\.|churn\.dataset\.)/;
/** Words that put a figure on part of the data's period: "the first half of 2011", "in November", "Q4", "£740k a month". */
const partOfPeriod = /\b(?:(?:first|second|third|fourth|last|final|1st|2nd|3rd|4th|opening|closing)\s+(?:half|quarter|six months|three months|few months|month|week)|h[12]\b|q[1-4]\b|(?:in|during|for|by|over|across)\s+(?:the\s+)?(?:(?:run[- ]up to|month of|weeks? (?:before|of))\s+)?(?:january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b|(?:per|a|each|every|in an average)\s+(?:month|week|day|quarter)\b|(?:monthly|weekly|daily|quarterly)\s+(?:revenue|sales|orders|customers|invoices|turnover)|year[- ]to[- ]date|\bytd\b|(?:last|previous|that|this|peak|busiest|best)\s+(?:month|week|quarter|day|season)|christmas|holiday season)/i;
/** Customer attributes the churn lab's profile has no rate for (numeric columns, bands of them). */
const unprofiledGroup = /\b(?:tenure|monthly charges?|total charges?|charges? (?:band|bucket|tier|bracket)|(?:band|bucket|bin|tier|bracket|decile|quartile|quintile)s?\b|(?:first|second)\s+(?:year|\d+\s+months?))/i;
/** Parts of a key that are alternatives of one another (models, imbalance variants, groups, segments, cleaning reasons), not a statistic of one (mean, std). */
const alternativeParts = new Set(['model', 'variant', 'group', 'segment', 'reason']);
/** Words that name the leaky variant, and those that name SMOTE inside the folds beyond "SMOTE" itself. */
const leakyNames = ['leaky', 'leak', 'leaks', 'leaked', 'leakage', 'before the split', 'before splitting', 'before cross validation', 'before cv', 'naive smote', 'oversampling the whole'];
const inFoldsNames = imbalanceTerms.values.smoteInFolds!.words.filter((w) => !['smote', 'smote nc', 'oversampling', 'oversampled'].includes(w));
/** Words that point to a variant without naming it ("honest", "a mistake", "as is"): alone they do not say which variant a bare figure is. */
const pointerWords = new Set(['honest', 'honest figure', 'done correctly', 'done properly', 'mistake', 'too good to be true', 'inflated', 'artefact', 'artifact', 'as is', 'plain model', 'whole dataset', 'entire dataset', 'full dataset', 'whole training set', 'lr']);

/** People a share can be of ("75% of churners"), and groups of them that are subgroups by name. */
const population = String.raw`(?:churners|non[- ]churners|customer base|base|customers|users|subscribers|clients|accounts|people|members|buyers|shoppers|households|seniors|senior citizens|women|men|(?:those|customers|people|users) who (?:churned|left|stayed))`;
const groupNouns = /^(?:seniors|senior citizens|women|men|non[- ]churners)$/i;
/** Words before "customers" that do not make them a subgroup of the data: "the test customers", "flagged churners". */
const wholePopulation = new Set(['the', 'our', 'all', 'its', 'their', 'those', 'these', 'of', 'test', 'held', 'out', 'held-out', 'holdout', 'hold-out', 'unseen', 'telco', "telco's", 'ibm', "ibm's", 'fictional', 'sample', 'data', 'dataset', 'total', 'overall', 'flagged', 'targeted', 'contacted', 'actual', 'real', 'true', 'predicted', 'churned', 'retained', 'validation', 'training', 'train', 'remaining', 'every', 'each', 'many', 'a', 'an', 'such', 'same', 'individual', 'distinct', 'unique']);
/** What a model does to customers, or what they do (churn): a share with these words is a metric or a rate, not who the customers are. */
const outcomeWords = /\b(?:churn\w*|left|leave|leaving|stay\w*|caught|catch\w*|flag\w*|detect\w*|identif\w*|predict\w*|miss\w*|target\w*|contact\w*|classif\w*|scor\w*|rank\w*|retain\w*|saved|accept\w*|respond\w*|convert\w*|drift\w*|returned|came back|come back|bought again|repeat\w*|renew\w*|cancel\w*|offered|offers?|reached|covered|correct\w*|wrong\w*|false\w*|true positives?)\b/i;
const modelActions = /\b(?:caught|catch\w*|flag\w*|detect\w*|identif\w*|predict\w*|miss\w*|target\w*|contact\w*|classif\w*|scor\w*|rank\w*|offered|got (?:an )?offers?|correct\w*|wrong\w*)\b/i;
/** A predicate that says who the customers are: "were on month-to-month contracts", "had fiber", "paid by electronic check". */
const attributeVerb = /^\s*(?:(?:all|also|mostly|mainly|largely|still|already|both|each|then|only|actually|really)\s+)?(?:were|was|are|is|had|have|has|used|use|paid|pay|chose|signed|lived|live|came from|subscribed|sat|belonged|lacked|streamed|owned)\b/i;
/** What "were on month-to-month contracts" says of the people before it ("on month-to-month contracts"), or undefined when the words are no such predicate (an outcome, or a verb with nothing after it). */
function attributeOf(rest: string): string | undefined {
  if (outcomeWords.test(rest) || !attributeVerb.test(rest)) return undefined;
  const attribute = rest.replace(attributeVerb, '');
  return /\p{L}{3}/u.test(attribute) ? attribute.trim().replace(/[.!?]+$/, '') : undefined;
}
/** Churning, as a rate of a group: "41.7% of seniors churned". */
const churnOutcome = /\b(?:churn\w*|left|leave|leaving|stay\w*|attrition)\b/i;

/** "for everyone else", "among the rest": the other customers of a subgroup the sentence named before. */
const restOfGroup = /^\s*(?:for|among|amongst|in|of)\s+(?:(?:everyone|everybody|all) else|(?:the|all)\s+(?:rest|others)|(?:all\s+)?other customers|others)\b/i;
/** A comparison's second clause: ", against", ", while", "whereas", ", compared with", ", versus", "; ". */
const comparisonTurn = /(?:,\s*|;\s*|\s)(?:against|versus|vs\.?|compared (?:with|to)|while|whereas)\s+|;\s+/gi;
/** Words after "in", "on", "for" that name the data as a whole, not a subgroup of it. */
const wholeDataAfter = /^(?:the\s+|our\s+|ibm's\s+)?(?:test|held[- ]out|hold[- ]?out|training|train|validation|cv|cross[- ]validation|telco|data|dataset|sample|fictional|whole|overall|average|total|folds?)\b/i;

/**
 * The group of a figure in the second clause of a comparison of groups, read in that clause alone:
 * "Fiber customers churned at 41.9%, while DSL customers churned at 19%" (not fiber's, which the
 * whole sentence's first words name), "Customers in Germany churned at 20.5%, against 12% in
 * France" (named after the figure). Undefined when the figure is not in such a clause, so that the
 * whole sentence is read as before.
 */
function comparedGroupWords(sentence: Sentence, f: Figure, text: string): string | undefined {
  const lead = text.slice(sentence.start, f.start);
  const turn = [...lead.matchAll(comparisonTurn)].at(-1);
  // a comparison: a figure before the turn, none between it and this one; "for everyone else" is read with the whole sentence (subgroupWords)
  if (!turn || !/\d/.test(lead.slice(0, turn.index)) || /\d/.test(lead.slice(turn.index! + turn[0].length)) || restOfGroup.test(text.slice(f.end, sentence.end))) return undefined;
  const clause = { ...sentence, start: sentence.start + turn.index! + turn[0].length };
  const own = subgroupWords(clause, f, text);
  if (own !== undefined) return own;
  // "..., against 12% in France": a churn rate, its group named right after it
  const clauseEnd = /[;:()]|,\s|\s(?:but|while|whereas|and)\s/.exec(text.slice(f.end, sentence.end));
  const after = /^\s*(?:in|for|among|amongst|on|with|from)\s+(?<words>[^,;.()]+)/i.exec(text.slice(f.end, clauseEnd ? f.end + clauseEnd.index : sentence.end));
  // only in a sentence about churn itself ("stays valid" or "left" alone say nothing of it)
  if (!after || wholeDataAfter.test(after.groups!.words!) || !/\b(?:churn\w*|attrition)\b/i.test(text.slice(sentence.start, sentence.end))) return undefined;
  return after.groups!.words!.trim();
}

/**
 * "75% of churners were on month-to-month contracts", "41.7% of seniors churned", "churn among
 * fiber customers was 42%": a share of a subgroup of the data, which no run records (the churn lab
 * records dataset-wide shares and model metrics; its groups are the fairness groups, named by
 * metric). The subgroup as written, or undefined.
 */
type SubgroupShare = { words: string; attribute: boolean; kind: 'of-churners' | 'of-customers' | 'rate' | 'other' | 'model-metric'; complement?: boolean };
function subgroupShare(sentence: Sentence, f: Figure, text: string): SubgroupShare | undefined {
  let found = comparedGroupWords(sentence, f, text) ?? subgroupWords(sentence, f, text);
  if (found === undefined) return undefined;
  // "the model flagged 9 in 10 churners on month-to-month contracts": a model's recall within a subgroup
  if (found.startsWith('\u0002')) return { words: found.slice(1), attribute: false, kind: 'model-metric' };
  // "... against 24% for everyone else": the other value of the subgroup the sentence named
  const complement = found.endsWith('\u0001');
  if (complement) found = found.slice(0, -1);
  const [mark, pop] = /^\u0000([^\u0000]*)\u0000/.exec(found) ?? [];
  const words = found.slice(mark?.length ?? 0);
  if (mark === undefined) return { words, attribute: false, kind: 'rate', ...(complement ? { complement } : {}) };
  // who the people of "75% of churners were on ..." are: churners, or all customers (a subgroup's share of a subgroup is not recorded)
  const kind = pop!.startsWith('qualified ') ? 'other' : /churn|who (?:churned|left)/i.test(pop!) && !/non[- ]churn/i.test(pop!) ? 'of-churners' : /^(?:customers|users|subscribers|clients|accounts|people|members|households|base)$/i.test(pop!.trim().split(/\s+/).at(-1) ?? '') ? 'of-customers' : 'other';
  return { words, attribute: true, kind };
}
/** The subgroup's words; an attribute ("were on month-to-month contracts") starts with the qualified population between NUL marks. */
function subgroupWords(sentence: Sentence, f: Figure, text: string, ownClause = true): string | undefined {
  const clauseEnd = /[;:()—–]|,\s|\s(?:but|while|whereas|and)\s/;
  const afterAll = ownClause ? text.slice(f.end, sentence.end) : '';
  // "seniors churned at 42%, against 24% for everyone else": the rest of the subgroup named before
  if (ownClause && restOfGroup.test(afterAll)) {
    const named = subgroupWords(sentence, f, text, false);
    return named === undefined || /^[\u0000\u0002]/.test(named) ? undefined : `${named}\u0001`;
  }
  const cut = clauseEnd.exec(afterAll);
  const after = cut ? afterAll.slice(0, cut.index) : afterAll;
  const qualified = (words: string) => words.split(/\s+/).filter(Boolean).some((w) => !wholePopulation.has(w.toLowerCase()) && /\p{L}/u.test(w));
  // "women made up about half of the customers", "seniors were 16% of customers": a group's share of the people named after the figure
  const madeUp = new RegExp(String.raw`(?:^|[,;:]\s*)(?:the\s+)?(?<group>(?:[\w'-]+\s+){0,3}?(?:${population}|[\w-]+ers))\s+(?:made up|make up|makes up|were|are|was|is|accounted for|account for|accounts for|represented|represent|represents|formed|form|comprised)\s+(?:(?:about|around|roughly|nearly|almost|just over|just under|over|under|only|some|exactly)\s+)?$`, 'i').exec(text.slice(sentence.start, f.start));
  const ofPeople = new RegExp(String.raw`^\s*(?:of\s+)?(?:the\s+|all\s+|our\s+)?(?<pop>${population})\b`, 'i').exec(after);
  if (madeUp && ofPeople && !churnOutcome.test(madeUp.groups!.group!)) return `\u0000${ofPeople.groups!.pop}\u0000${madeUp.groups!.group}`;
  // "75% of churners were on month-to-month contracts", "41.7% of seniors churned"
  // ("9 in 10 churners were on ...": a fraction written as counts takes its people without "of")
  const share = new RegExp(String.raw`^\s*${f.fraction ? '(?:of\\s+)?' : 'of\\s+'}(?<qual>(?:[\w'-]+\s+){0,4}?)(?<pop>${population})\b(?<rest>.*)$`, 'i').exec(after);
  if (share) {
    const { qual, pop, rest } = share.groups as { qual: string; pop: string; rest: string };
    if (modelActions.test(rest)) return undefined;
    // "the model flagged 9 in 10 churners on month-to-month contracts": recall within a subgroup
    const subgroupAfter = /^\s*(?:on|with|without|who (?:were|had|paid|used)|paying|using|from)\s+(?<attr>[^,;.]+)/i.exec(rest);
    if (/churn|who (?:churned|left)/i.test(pop) && subgroupAfter && modelActions.test(text.slice(sentence.start, f.start))) return `\u0002${subgroupAfter.groups!.attr!.trim()}`;
    const group = groupNouns.test(pop) || qualified(qual);
    const attribute = attributeOf(rest);
    if (attribute !== undefined) return `\u0000${group ? 'qualified ' : ''}${qual}${pop}\u0000${attribute}`;
    // (with what else the clause says of them before the verb: "fiber customers on month-to-month contracts")
    if (group && churnOutcome.test(rest)) return `${qual}${pop}${rest.slice(0, rest.search(churnOutcome)).replace(/\s+(?:were|was|had|have|all|also)\s*$/i, '')}`.trim();
    return undefined;
  }
  const lead = text.slice(sentence.start, f.start);
  // "most churners, 88%, were on month-to-month contracts", "most churners (89%) had ..."
  const aside = /^\s*[,)]\s*(?<rest>[^,;:]*)/.exec(afterAll);
  const asideOf = new RegExp(String.raw`\b(?<pop>${population})\s*[,(]\s*$`, 'i').exec(lead);
  if (aside && asideOf) {
    const rest = aside.groups!.rest!;
    const attribute = attributeOf(rest);
    if (attribute !== undefined) return `\u0000${asideOf.groups!.pop}\u0000${attribute}`;
  }
  // "among churners, 89% were on month-to-month contracts", "of the churners, 89% had ..."
  const amongLead = new RegExp(String.raw`(?:^|[,;:]\s*)(?:among|amongst|of)\s+(?:the\s+|all\s+|our\s+)?(?<pop>${population})\s*,\s*$`, 'i').exec(lead);
  const amongAttribute = amongLead ? attributeOf(after) : undefined;
  if (amongAttribute !== undefined) return `\u0000${amongLead!.groups!.pop}\u0000${amongAttribute}`;
  // "churn among fiber customers was 42%", "of the customers on month-to-month contracts, 42.7% churned"
  const churnWords = /\b(?:churn\w*|left|attrition)\b/i;
  if (!churnWords.test(`${lead} ${after}`) || modelActions.test(`${lead} ${after}`)) return undefined;
  const among = new RegExp(String.raw`\b(?:among|amongst|for|of|in)\s+(?<qual>(?:[\w'-]+\s+){0,4}?)(?<pop>${population}|contracts?|plans?)\b(?<attr>\s+(?:on|with|who|paying|using|from|in)\s+[^,;.]+)?`, 'gi');
  // "churn was 43% on month-to-month contracts versus 3% on two-year contracts"
  const onAfter = new RegExp(String.raw`^\s*(?:on|for|among|amongst|in|with)\s+(?<qual>(?:[\w'-]+\s+){0,4}?)(?<pop>${population}|contracts?|plans?|[\w-]+ers)\b(?<attr>\s+(?:on|with|who|paying|using|from)\s+[^,;.]+)?`, 'i').exec(after);
  if (onAfter && (groupNouns.test(onAfter.groups!.pop!) || qualified(onAfter.groups!.qual!) || onAfter.groups!.attr)) return `${onAfter.groups!.qual}${onAfter.groups!.pop}${onAfter.groups!.attr ?? ''}`.trim();
  for (const m of lead.matchAll(among)) {
    const { qual, pop, attr } = m.groups as { qual: string; pop: string; attr?: string };
    const attrWords = attr?.trim() ?? '';
    const genericAttr = !attrWords || /^(?:in|from|on)\s+(?:the\s+|our\s+|ibm's\s+)?(?:test|held[- ]out|hold[- ]?out|telco|data|dataset|sample|fictional)\b|^who\s+(?:churned|left|stayed)\b/i.test(attrWords);
    if (groupNouns.test(pop) || (/^(?:contracts?|plans?)$/i.test(pop) && qualified(qual)) || (/customers|users|subscribers|clients|accounts|churners|people/i.test(pop) && qualified(qual)) || !genericAttr) return `${qual}${pop}${genericAttr ? '' : ` ${attrWords}`}`.trim();
  }
  // "month-to-month customers churned at 42.7%", "senior citizens churn at 41.7%"
  const subject = new RegExp(String.raw`(?:^|[,;:]\s*)(?<qual>(?:[\w'-]+\s+){0,3}?)(?<pop>${population}|[\w-]+ers)\s+(?:\w+\s+)?(?:churn\w*|left|had (?:a )?churn(?: rate)?)\b`, 'i').exec(lead);
  if (subject && (groupNouns.test(subject.groups!.pop!) || qualified(subject.groups!.qual!))) return `${subject.groups!.qual}${subject.groups!.pop}`.trim();
  // "customers without tech support churned at 41.6%"
  // ("senior customers on fiber churned at 50%": the words before the people are part of the subgroup too)
  const described = new RegExp(String.raw`(?:^|[,;:]\s*)(?:the\s+)?(?<qual>(?:[\w'-]+\s+){0,3}?)(?<pop>${population}|[\w-]+ers)\s+(?<attr>(?:on|with|without|who|paying|using|from|in)\s+[^,;.]+?)\s+(?:(?:mostly|also|all|then|still)\s+)?(?:churn\w*|left|had (?:a )?churn(?: rate)?)\b`, 'i').exec(lead);
  if (described && !/^(?:in|from|on)\s+(?:the\s+|our\s+)?(?:test|held[- ]out|hold[- ]?out|telco|data|dataset|sample|fictional)\b|^who\b/i.test(described.groups!.attr!)) return `${described.groups!.qual}${described.groups!.pop} ${described.groups!.attr}`;
  return undefined;
}

/** Words people use for a value of a profiled column: "month to month" for Contract = Month-to-month, "seniors" for SeniorCitizen = 1, "without tech support" for TechSupport = No. */
function levelWords(column: string, value: string): string[] {
  const spaced = (t: string) => t.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').replace(/\s*\([^)]*\)/g, '').toLowerCase().trim();
  const col = spaced(column);
  const v = spaced(value);
  const plural = (t: string) => (t.endsWith('s') ? t : `${t}s`);
  // "senior women", "paperless customers": the first word of a two-word column said as an adjective (not one several columns share, "online", "streaming")
  const adjective = col.includes(' ') && !/^(?:multiple|online|device|tech|streaming)$/.test(col.split(' ')[0]!) ? [col.split(' ')[0]!] : [];
  if (/^(?:1|yes|true)$/i.test(value)) return [col, plural(col), plural(col.split(' ')[0]!), ...adjective, `with ${col}`, `with ${plural(col)}`, `had ${col}`, `have ${col}`];
  if (/^(?:0|no|false)$/i.test(value)) return [`without ${col}`, `without ${plural(col)}`, `no ${col}`, `no ${plural(col)}`, `non ${col}`, `non ${plural(col)}`, `non ${plural(col.split(' ')[0]!)}`, `not ${plural(col.split(' ')[0]!)}`];
  const aliases: Record<string, string[]> = { female: ['women', 'woman', 'females'], male: ['men', 'man', 'males'], 'fiber optic': ['fibre optic', 'fiber', 'fibre'], 'month to month': ['monthly contract', 'monthly contracts', 'rolling contract'] };
  return [v, ...(aliases[v] ?? [])];
}

/**
 * The one profiled value a subgroup's words name ("on month-to-month contracts" → Contract =
 * Month-to-month), or undefined when they name none or several (a subgroup of two columns is not
 * recorded). A value whose words are inside another's ("no" in "no internet service") gives way to it.
 */
function profiledLevel(profile: StoredProfile, words: string): { column: string; value: string; rows: number; positives: number } | undefined {
  const said = ` ${words.toLowerCase().replace(/[-_]/g, ' ').replace(/[^\p{L}\d ]/gu, ' ').replace(/\b(?:a|an|the|any)\b/g, ' ').replace(/\s+/g, ' ').trim()} `;
  const hits: { column: string; value: string; rows: number; positives: number; at: [number, number] }[] = [];
  for (const c of profile.rateBy) {
    for (const r of c.rows) {
      for (const w of levelWords(c.column, r.value)) {
        const i = said.indexOf(` ${w} `);
        if (i >= 0) {
          hits.push({ column: c.column, ...r, at: [i, i + w.length + 1] });
          break;
        }
      }
    }
  }
  const kept = hits.filter((h) => !hits.some((o) => o !== h && o.at[0] <= h.at[0] && o.at[1] >= h.at[1] && o.at[1] - o.at[0] > h.at[1] - h.at[0]));
  const levels = new Set(kept.map((h) => `${h.column}=${h.value}`));
  // several columns can name one set of customers ("no internet service" is a value of
  // InternetService and of the six add-on columns): the same counts, the same figure
  const sameCounts = kept.length > 0 && kept.every((h) => h.rows === kept[0]!.rows && h.positives === kept[0]!.positives);
  return levels.size === 1 || sameCounts ? kept[0] : undefined;
}

/** "69.5% (run churn-20261201-...)": the citation prep writes after a figure; it names the run, not the figure. */
const runCitation = /\s?\((?:run|runs) [a-z]+-\d{8}-\d{6}-[0-9a-f]{4}(?:, [a-z]+-\d{8}-\d{6}-[0-9a-f]{4})*\)/g;

export function checkClaims(original: string, source: RunSource): ClaimCheck[] {
  // citations come out (they hold no newline, so lines stay those of the original)
  // (".834": a leading decimal point is marked so that no sentence ends at it; figures are shown as written)
  const text = protectLeadingPoints(original.replace(runCitation, ''));
  const sentences = analyse(text);
  const runs = source.list().filter((r) => r.status === 'ok');
  const metricCache = new Map<string, Map<string, Pick<MetricRecord, 'key' | 'value' | 'inputs'>>>();
  const metricsOf = (run: RunRecord) => {
    let m = metricCache.get(run.id);
    if (!m) metricCache.set(run.id, (m = new Map(source.metrics(run.id).map((x) => [x.key, x]))));
    return m;
  };
  const profileCache = new Map<string, StoredProfile | undefined>();
  const profileOf = (run: RunRecord) => {
    if (!profileCache.has(run.id)) {
      const profile = source.artifact?.<{ profile?: StoredProfile }>(run.id, 'result')?.profile;
      profileCache.set(run.id, profile && Array.isArray(profile.rateBy) && profile.rows > 0 && profile.positives > 0 ? profile : undefined);
    }
    return profileCache.get(run.id);
  };
  const lowerText = text.toLowerCase();
  const datasetsNamed = (words: string) => {
    const names = new Set(runs.map((r) => r.datasetName).filter((n): n is string => Boolean(n)));
    return [...names].filter((n) => (datasetAliases[n] ?? [n.toLowerCase()]).some((alias) => new RegExp(`\\b${alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(words)));
  };
  const textDatasets = datasetsNamed(lowerText);

  /** The runs a sentence's figures are checked against: per lab, the newest run on the dataset named (sentence first, then the text), else the newest. */
  function runsFor(sentence: Sentence): Map<string, RunRecord[]> {
    const named = datasetsNamed(sentence.text.toLowerCase());
    const preferred = named.length ? named : textDatasets;
    const byLab = new Map<string, RunRecord[]>();
    for (const lab of new Set(runs.map((r) => r.lab))) {
      const labRuns = runs.filter((r) => r.lab === lab);
      const onPreferred = labRuns.filter((r) => r.datasetName && preferred.includes(r.datasetName));
      const dataset = (onPreferred[0] ?? labRuns[0])?.datasetName;
      byLab.set(lab, labRuns.filter((r) => r.datasetName === dataset));
    }
    return byLab;
  }

  /** Every figure the runs recorded (newest run per lab first; older runs on the same dataset fill keys the newest lacks). */
  const candidateCache = new Map<string, Candidate[]>();
  function candidatesFor(byLab: Map<string, RunRecord[]>): Candidate[] {
    const id = [...byLab.values()].map((runs) => runs.map((r) => r.id).join(',')).join(';');
    let cached = candidateCache.get(id);
    if (!cached) candidateCache.set(id, (cached = buildCandidates(byLab)));
    return cached;
  }
  function buildCandidates(byLab: Map<string, RunRecord[]>): Candidate[] {
    const out: Candidate[] = [];
    for (const [lab, labRuns] of byLab) {
      const seen = new Set<string>();
      for (const run of labRuns) {
        const metrics = metricsOf(run);
        for (const m of metrics.values()) {
          if (seen.has(m.key)) continue;
          seen.add(m.key);
          const match = findEntry(lab, m.key);
          if (match) out.push({ match, run, value: m.value, unit: match.entry.unit, kind: match.entry.kind });
        }
        for (const d of derived.filter((x) => x.lab === lab && !seen.has(x.key))) {
          if (!d.from.every((k) => metrics.has(k))) continue;
          seen.add(d.key);
          const entry = { key: d.key, stage: 'test', unit: 'count' as const, kind: 'result' as const, vocabulary: d.head, context: d.context, meaning: () => d.label, interview: () => '' };
          out.push({ match: { lab, key: d.key, entry, parts: {} }, run, value: d.from.reduce((s, k) => s + metrics.get(k)!.value, 0), unit: 'count', kind: 'result' });
        }
        for (const p of protocolCounts.filter((x) => x.lab === lab && !seen.has(x.key))) {
          const count = [...metrics.keys()].filter((k) => p.count.test(k)).length;
          if (count === 0) continue;
          seen.add(p.key);
          const entry = { key: p.key, stage: 'protocol', unit: 'count' as const, kind: 'setting' as const, vocabulary: p.head, context: p.context, range: [1, 20] as [number, number], meaning: () => p.label, interview: () => '' };
          out.push({ match: { lab, key: p.key, entry, parts: {} }, run, value: count, unit: 'count', kind: 'setting' });
        }
      }
    }
    const recorded = new Set(out.map((c) => `${c.match.lab}.${c.match.key}`));
    for (const { lab, key } of knownFigures) {
      if (recorded.has(`${lab}.${key}`)) continue;
      const match = findEntry(lab, key)!;
      out.push({ match, run: noRunYet(lab), value: Number.NaN, unit: match.entry.unit, kind: match.entry.kind, unrecorded: true });
    }
    return out;
  }

  /** Older runs on the same dataset that recorded a key: a figure quoted from an earlier run is still the candidate's own. */
  function olderValues(c: Candidate, byLab: Map<string, RunRecord[]>): { run: RunRecord; value: number }[] {
    return (byLab.get(c.match.lab) ?? [])
      .filter((r) => r.id !== c.run.id)
      .map((run) => ({ run, value: metricsOf(run).get(c.match.key)?.value }))
      .filter((x): x is { run: RunRecord; value: number } => x.value !== undefined);
  }

  const results: ClaimCheck[] = [];
  let previous: Sentence | undefined;
  for (const sentence of sentences) {
    const figures = extractFigures(sentence, text);
    if (figures.length === 0) {
      previous = sentence;
      continue;
    }
    const byLab = runsFor(sentence);
    const allCandidates = candidatesFor(byLab);
    const has = (phrases: string[]) => phrases.find((p) => findPhrase(sentence, p).length > 0);
    const foreign = otherProject.find((p) => findListed(sentence, p).length > 0);
    const previousContext = previous && previous.line >= sentence.line - 1 ? previous : undefined;
    // "leaky SMOTE" names the leaky variant: its "SMOTE" does not also name SMOTE inside the folds
    // (every "SMOTE" of the sentence qualified by a leaky word beside it: "leaky SMOTE", "SMOTE (applied) before the split")
    const onlyLeakySmote = (() => {
      if (has(inFoldsNames)) return false;
      const leaks = leakyNames.flatMap((w) => findPhrase(sentence, w));
      const smotes = ['smote', 'oversampling', 'oversampled'].flatMap((w) => findPhrase(sentence, w));
      return leaks.length > 0 && smotes.length > 0 && smotes.every((o) => leaks.some((l) => (l.to <= o.from && o.from - l.to <= 1) || (l.from >= o.to && l.from - o.to <= 2)));
    })();

    // every phrase occurrence of every candidate, longer phrases hiding the shorter ones inside them
    const occurrences = new Map<string, Occurrence[]>();
    const allOccurrences: Occurrence[] = [];
    const phrasesOf = new Map<Candidate, { head: string[]; context: string[] }>();
    preparePhrases(allCandidates.flatMap((c) => [...wordsFor(c.match).head, ...wordsFor(c.match).context]));
    for (const c of allCandidates) {
      const w = wordsFor(c.match);
      phrasesOf.set(c, w);
      for (const p of [...w.head, ...w.context]) {
        if (occurrences.has(p)) continue;
        const found = findPhrase(sentence, p).map((r) => ({ phrase: p, ...r }));
        occurrences.set(p, found);
        allOccurrences.push(...found);
      }
    }
    // only figures whose words occur in this sentence can be named by it (the rest score nothing)
    const candidates = allCandidates.filter((c) => {
      const w = phrasesOf.get(c)!;
      return w.head.some((p) => occurrences.get(p)!.length > 0) || w.context.some((p) => occurrences.get(p)!.length > 0);
    });
    const headPhrases = new Set(candidates.flatMap((c) => phrasesOf.get(c)!.head));
    const phraseUnits = new Map<string, Set<MetricUnit>>();
    for (const c of candidates) {
      const w = phrasesOf.get(c)!;
      for (const p of [...w.head, ...w.context]) {
        if (!phraseUnits.has(p)) phraseUnits.set(p, new Set());
        phraseUnits.get(p)!.add(c.unit);
      }
    }
    // "26.5% of the 7,043 customers": the count a share is taken of
    const wholeOfShareAt = figures.map((_, fi) => figures[fi]!.unit === 'number' && /(?:\d\s?(?:%|per ?cent|percent)|\bin \d+|\bhalf|\bthirds?|\bquarters?)\s+of\s+(?:the\s+|all\s+|our\s+|its\s+|their\s+)?$/i.test(text.slice(sentence.start, figures[fi]!.start)));
    const wholeOfShare = (fi: number) => wholeOfShareAt[fi]!;
    // phrases that run from a share's whole into the share's verb: they hide nothing
    const fromWholeOfShare = (x: Occurrence) => x.to - x.from > 1 && figures.some((g, gi) => x.from === g.tokenTo && wholeOfShareAt[gi]);
    const containsFigure = (o: Occurrence) => figures.some((f) => o.from <= f.tokenFrom && o.to >= f.tokenTo);
    const contentLength = (o: Occurrence) => sentence.tokens.slice(o.from, o.to).filter((t) => !functionWords.has(t.lower)).length;
    // a longer phrase hides the words inside it ("average precision" is not also "precision"), but a
    // phrase that only points to a figure never hides one that names a figure
    // and only a phrase of a figure of the same unit hides ("were flagged", a count, leaves "flagged" to a flag rate)
    const hiddenCache = new Map<Occurrence, Map<MetricUnit, boolean>>();
    const hidden = (o: Occurrence, c: Candidate) => {
      let byUnit = hiddenCache.get(o);
      if (!byUnit) hiddenCache.set(o, (byUnit = new Map()));
      if (!byUnit.has(c.unit)) byUnit.set(c.unit, isHidden(o, c));
      return byUnit.get(c.unit)!;
    };
    // (a phrase that runs from a share's whole into the share's verb, "7,043 [customers churned]", hides nothing: see wholeOfShare)
    const isHidden = (o: Occurrence, c: Candidate) => allOccurrences.some((x) => x !== o && !fromWholeOfShare(x) && x.from <= o.from && x.to >= o.to && contentLength(x) > contentLength(o) && !containsFigure(x) && (headPhrases.has(x.phrase) || !headPhrases.has(o.phrase)) && (phraseUnits.get(x.phrase)?.has(c.unit) ?? false));
    // Figures that are settings by their wording ("top 10%", "alpha 0.05", "5-fold") or bare small
    // counts ("3 models") do not take the words around them: those name the results beside them.
    const contextOf = (f: Figure) => ({ before: text.slice(Math.max(sentence.start, f.start - 60), f.start), after: text.slice(f.end, Math.min(sentence.end, f.end + 60)) });
    const syntacticSetting = figures.map((f) => {
      const { before, after } = contextOf(f);
      return settingRuleFor(f, before, after, sentence.text);
    });
    // a number of days can be a result (median recency), so periods in days keep their words
    // a figure the sentence denies ("not 80% but 69.5%") names nothing: its words go to the figure that is claimed
    const takesWords = figures.map((f, i) => (!syntacticSetting[i] || (f.unit === 'duration' && f.unitWord === 'day')) && f.plusMinusOf === undefined && !f.denied);
    const attributable = takesWords.some(Boolean) ? figures.map((_, i) => takesWords[i]!) : figures.map((f) => !f.denied);
    // "3 models": a bare small count is rarely a claim, so the words beside it usually name something else
    const smallCountToll = (f: Figure) => (f.bareInteger && Math.abs(f.value) < 10 && attributable.filter(Boolean).length > 1 ? 1.5 : 0);
    /** The figure a phrase describes: the nearest one that can be a figure of this unit ("top 10%" names the share, not the count beside it). */
    const nearestFigure = (o: Occurrence, c?: Candidate) => {
      let best = -1;
      let bestD = Infinity;
      // "the default 0.5 threshold": a word touching a setting figure belongs to the setting
      // (a phrase over a figure, "[a] tenth of customers" over "A tenth", qualifies the ones beside it, as one that contains it)
      const over = (f: Figure) => (o.from <= f.tokenFrom && o.to >= f.tokenTo) || (o.from < f.tokenTo && o.to > f.tokenFrom && (o.from < f.tokenFrom || o.to > f.tokenTo));
      if (figures.some((f, i) => !attributable[i] && !f.denied && f.unit !== 'duration' && distance(sentence, o, f) === 0 && !over(f))) return { index: -1, d: Infinity };
      let denied = -1;
      let deniedD = Infinity;
      figures.forEach((f, i) => {
        if (!attributable[i] && !f.denied) return;
        if (c && !unitFits(f, c.unit, c.value)) return;
        // a phrase that contains the figure ("top 10%") qualifies the figures beside it
        if (over(f)) return;
        // the word right after a figure is what it counts ("4,338 customers", "69.5% recall"); further after, it names less often
        const gap = distance(sentence, o, f);
        const d = gap + (o.from >= f.tokenTo && gap > 0 ? 1.5 : 0) + smallCountToll(f);
        if (f.denied) {
          if (d < deniedD) [deniedD, denied] = [d, i];
        } else if (d < bestD) {
          bestD = d;
          best = i;
        }
      });
      // "not 0.92 AUC ... it's 0.834", "recall was not 80% but 69.5%": the words of a denied figure name the one that corrects it
      if (denied >= 0 && deniedD < bestD) {
        const correction = figures.findIndex((f, i) => i > denied && attributable[i] && (!c || unitFits(f, c.unit, c.value)));
        if (correction >= 0) return { index: correction, d: deniedD };
      }
      return { index: best, d: bestD };
    };
    const contextInPrevious = (p: string) => (previousContext ? findPhrase(previousContext, p).length > 0 : false);
    // The previous sentence's words are a fallback: they do not point to a figure when this sentence
    // names a sibling of it (one that shares a name with it) by its own words. "Class weights lifted
    // recall to 79.6%" after a sentence on the leaky SMOTE is about class weights.
    const siblingNamedCache = new Map<Candidate, boolean>();
    const siblingNamedHere = (c: Candidate) => {
      if (!siblingNamedCache.has(c)) {
        const heads = phrasesOf.get(c)!.head;
        siblingNamedCache.set(
          c,
          candidates.some((o) => o !== c && phrasesOf.get(o)!.head.some((h) => heads.includes(h)) && phrasesOf.get(o)!.context.some((p) => !phrasesOf.get(c)!.context.includes(p) && occurrences.get(p)!.some((x) => !hidden(x, o)))),
        );
      }
      return siblingNamedCache.get(c)!;
    };

    /** Head words attributed to a figure, each occurrence once (longest first), weighed by distance. */
    const headCache = new Map<Candidate, number[]>();
    const headScore = (c: Candidate, fi: number) => {
      let row = headCache.get(c);
      if (!row) headCache.set(c, (row = []));
      row[fi] ??= computeHeadScore(c, fi);
      return row[fi]!;
    };
    const computeHeadScore = (c: Candidate, fi: number) => {
      const w = phrasesOf.get(c)!;
      const found: { o: Occurrence; weight: number }[] = [];
      for (const p of w.head) {
        for (const o of occurrences.get(p) ?? []) {
          if (hidden(o, c)) continue;
          const near = nearestFigure(o, c);
          if (near.index !== fi) continue;
          // "26.5% of the 7,043 customers churned": the count a share is taken of is named by its noun, the verb after is the share's
          if (wholeOfShare(fi) && o.from >= figures[fi]!.tokenTo && o.to - o.from > 1) continue;
          // "net value on the test set": a phrase after a preposition qualifies, it does not name
          const qualifier = afterPreposition(sentence, o, phrasesStartWithPreposition.has(p)) ? 0.4 : 1;
          found.push({ o, weight: (qualifier * (3 + 0.75 * (o.to - o.from - 1))) / (1 + 0.2 * near.d) });
        }
      }
      found.sort((x, y) => y.weight - x.weight);
      const used: Occurrence[] = [];
      let total = 0;
      for (const { o, weight } of found) {
        if (used.some((u) => u.from < o.to && o.from < u.to)) continue;
        total += used.length === 0 ? weight : 0.5 * weight;
        used.push(o);
      }
      return total;
    };

    /** "stopping at the first significant look pushed that to 15.2%": words that rule a figure out count beside that figure only. */
    // (the start of a movement is not ruled out by the agent of the change: "peeking pushed false positives from 3.9% to 15.2%")
    const ruledOut = (c: Candidate, fi: number) => figures[fi]!.movesTo === undefined && (c.match.entry.unless ?? []).some((u) => findPhrase(sentence, u).some((o) => nearestFigure({ phrase: u, ...o }).index === fi));
    /** A figure that needs its group or segment named ("recall for women") is out when the sentence names none. */
    const namedCache = new Map<Candidate, boolean>();
    const named = (c: Candidate) => {
      if (!c.match.entry.requires) return true;
      if (!namedCache.has(c)) namedCache.set(c, c.match.entry.requires.every((part) => partWordsFor(c.match, part).some((w) => findPhrase(sentence, w).length > 0)));
      return namedCache.get(c)!;
    };
    /**
     * A figure of a group ("recall for seniors") needs the group named in the figure's own clause:
     * in "Test recall was 69.5%, and seniors churned more" or "Recall was 69.5% overall; seniors
     * were caught more often" the seniors are another clause's subject, and the figure is the
     * whole test set's (it was compared with the seniors' figures and called differs). A clause
     * ends at ", and", ", but", "but", "while", "whereas" and ";"; "overall" or "in total" in the
     * figure's clause also rules a group out, and "their", "they" or "this group" carries one in.
     */
    const groupInClause = (c: Candidate, fi: number) => {
      if (!c.match.entry.requires?.includes('group')) return true;
      const f = figures[fi]!;
      const tokens = sentence.tokens;
      const boundary = (i: number) => {
        const t = tokens[i]!.lower;
        return t === ';' || ['but', 'while', 'whilst', 'whereas'].includes(t) || (t === 'and' && i > 0 && tokens[i - 1]!.lower === ',');
      };
      let from = f.tokenFrom;
      while (from > 0 && !boundary(from - 1)) from--;
      let to = f.tokenTo;
      while (to < tokens.length && !boundary(to)) to++;
      const clause = tokens.slice(from, to).map((t) => t.lower).join(' ');
      if (/\b(?:overall|in total|across all|for all customers|on the whole test set)\b/.test(clause)) return false;
      // "seniors were flagged more often; their recall was 83%": a pronoun carries the group into the clause
      const carried = /\b(?:their|they|them|this group|these customers|those customers)\b/.test(clause);
      return partWordsFor(c.match, 'group').some((w) => findPhrase(sentence, w).some((o) => carried || (o.from >= from && o.to <= to)));
    };
    const ownHeadCache = new Map<number, boolean>();
    const ownHead = (fi: number) => {
      if (!ownHeadCache.has(fi)) ownHeadCache.set(fi, candidates.some((c) => unitFits(figures[fi]!, c.unit, c.value) && headScore(c, fi) > 0));
      return ownHeadCache.get(fi)!;
    };
    // does a figure have head words of its own for any candidate (of any unit)? walking back through a list stops there
    const ownHeadOf = (fi: number) => candidates.some((c) => headScore(c, fi) > 0);
    const score = (c: Candidate, fi: number) => {
      const w = phrasesOf.get(c)!;
      let head = headScore(c, fi);
      // a list that shares its name: "CV F1 was 0.594 for LR, 0.592 for boosting and 0.574 for the forest"
      // (not a fraction: "a pilot on a tenth of the accounts" after "AUC 0.84" is no AUC)
      if ((!ownHead(fi) || head < 2) && !figures[fi]!.fraction) {
        for (let prev = fi - 1; prev >= 0; prev--) {
          if (!attributable[prev]) continue;
          const inherited = headScore(c, prev);
          head = Math.max(head, (ownHead(fi) ? 0.4 : 0.7) * inherited);
          if (inherited > 0 || ownHeadOf(prev)) break;
        }
      }
      // context words point to a figure; each stretch of the sentence counts once ("cross-validated" is not also "cross validation")
      const counted: Occurrence[] = [];
      const parts: number[] = [];
      let previousOnly = 0;
      for (const p of w.context) {
        const occ = (occurrences.get(p) ?? []).filter((o) => !hidden(o, c) && !counted.some((u) => u.from < o.to && o.from < u.to));
        if (occ.length) {
          counted.push(...occ);
          const near = occ.map((o) => nearestFigure(o, c).index);
          // "about the same as everyone else": the object of a comparison is the other side
          const compared = occ.every((o) => comparedWith(sentence, o));
          parts.push((1 + 0.5 * (occ[0]!.to - occ[0]!.from - 1)) * (compared ? 0.3 : near.includes(fi) ? 1.5 : near.every((i) => i === -1) ? 1 : 0.3));
        } else if (!siblingNamedHere(c) && contextInPrevious(p)) previousOnly = Math.min(1, previousOnly + 0.4);
      }
      // many pointers add up with diminishing weight, so a long list of synonyms cannot outweigh the name
      const ctx = parts.sort((a, b) => b - a).reduce((sum, x, i) => sum + x / 2 ** i, 0) + previousOnly;
      // a figure whose group or segment the sentence names ("recall for women") is the one meant
      const namedBonus = c.match.entry.requires?.every((part) => partWordsFor(c.match, part).some((w) => findPhrase(sentence, w).some((o) => nearestFigure({ phrase: w, ...o }, c).index === fi))) ? 1.5 : 0;
      // "16,000 against 14,200 at 0.5": the figure after "against" or "versus" is of the same kind as the one before
      const previous = comparedToPrevious(fi);
      const sameKind = previous && wordsFor(previous.match).head.some((w) => phrasesOf.get(c)!.head.includes(w)) ? 1.5 : 0;
      return { head, ctx, total: head + ctx + namedBonus + sameKind + 0.3 * (c.match.entry.priority ?? 0) };
    };

    const resolved: (ClaimCheck & { candidate?: Candidate })[] = [];
    function comparedToPrevious(fi: number): Candidate | undefined {
      const f = figures[fi]!;
      const lead = sentence.tokens.slice(Math.max(0, f.tokenFrom - 3), f.tokenFrom).map((t) => t.lower).join(' ');
      if (!/\b(?:against|versus|vs|than|compared (?:to|with))(?: (?:the|a|an|only|just|about|roughly))?$/.test(lead)) return undefined;
      for (let i = fi - 1; i >= 0; i--) if (resolved[i]?.candidate) return resolved[i]!.candidate;
      return undefined;
    }
    // an outcome word ("uptime", "campaign") speaks of the figure it stands beside, not of every figure in the sentence
    const outcomeOf = (fi: number) => {
      for (const p of businessOutcome) {
        for (const o of findListed(sentence, p)) {
          let best = -1;
          let bestD = Infinity;
          figures.forEach((g, gi) => {
            const d = distance(sentence, { phrase: p, ...o }, g) + (o.from >= g.tokenTo ? 0.5 : 0);
            if (d < bestD) {
              bestD = d;
              best = gi;
            }
          });
          if (best === fi) return p;
        }
      }
      return undefined;
    };
    /**
     * "the precision lift is 5%", "a recall improvement of 26 points", "a 3-point recall gain": the
     * figure is a change, unless the change word is itself the name of the figure the words name best
     * ("AUC difference", "net value gain", "injected lift").
     */
    function changeNounOf(f: Figure, named: Candidate | undefined): boolean {
      const lead = text.slice(sentence.start, f.start);
      const trail = text.slice(f.end, sentence.end);
      const before = changeNounBefore.exec(lead);
      const after = before ? null : changeNounAfter.exec(trail);
      if (!before && !after) return false;
      const at = before ? sentence.start + before.index : f.end + after!.index + after![0].length - after![1]!.length;
      // "power to detect a 10% lift was only 22%": the change noun right after another figure is that figure's
      if (before && figures.some((g) => g !== f && g.end <= at && /^[\s-]*(?:(?:relative|absolute|injected|simulated|true|real)\s+)?$/i.test(text.slice(g.end, at)))) return false;
      const token = sentence.tokens.findIndex((t) => t.start <= at && at < t.end);
      // measured only when the figure the words name best is named by the change word itself
      const namedBy = named ? phrasesOf.get(named)!.head : [];
      return !allOccurrences.some((o) => namedBy.includes(o.phrase) && o.from <= token && token < o.to);
    }
    // the second end of "from 53% to 79%" first: the first end is a figure of the same kind
    const order = figures.map((_, i) => i);
    for (const [i, f] of figures.entries()) {
      if (f.movesTo === undefined) continue;
      order.splice(order.indexOf(i), 1);
      order.splice(order.indexOf(f.movesTo) + 1, 0, i);
    }
    // "went from 50.3% at the default threshold to 69.5%": two ends of one metric in two conditions.
    // Where a pair of recorded figures named by the same words has both values, the pair is what was meant.
    const pairedChoice = new Map<number, Candidate>();
    for (const [ai, a] of figures.entries()) {
      if (a.movesTo === undefined || a.denied || figures[a.movesTo]!.denied) continue;
      const bi = a.movesTo;
      const b = figures[bi]!;
      const asRatioFor = (g: Figure, c: Candidate) => c.unit === 'ratio' || (c.unit === 'number' && g.unit !== 'percent');
      const ends = (g: Figure, gi: number) => scoredFor(g, gi).filter((x) => x.s.head > 0 && !x.c.unrecorded && within(g, x.c.value, { asRatio: asRatioFor(g, x.c) }));
      let pair: { x: Candidate; y: Candidate; total: number } | undefined;
      for (const x of ends(a, ai)) {
        for (const y of ends(b, bi)) {
          if (x.c === y.c || !phrasesOf.get(x.c)!.head.some((h) => phrasesOf.get(y.c)!.head.includes(h))) continue;
          // two variants of one figure ("imbalance.none.recall" to "imbalance.classWeights.recall") first
          // then two figures of one stage ("test.default.accuracy" to "test.accuracy", not a CV mean to a test figure)
          const stage = (c: Candidate) => c.match.key.split('.')[0];
          const total = x.s.total + y.s.total + (x.c.match.entry === y.c.match.entry ? 100 : 0) + (stage(x.c) === stage(y.c) ? 10 : 0);
          if (!pair || total > pair.total) pair = { x: x.c, y: y.c, total };
        }
      }
      if (pair) {
        pairedChoice.set(ai, pair.x);
        pairedChoice.set(bi, pair.y);
      }
    }
    for (const fi of order) resolveFigure(figures[fi]!, fi);
    /**
     * "The leaky SMOTE score of 0.92 was an artefact", "Leaky SMOTE gave 0.919", "the random forest
     * scored 0.849": a figure beside a recorded variant (an imbalance treatment, a model) and no
     * metric word. It is read against that variant's figures: one that has its value backs it (the
     * reason says which metric was assumed); otherwise it is judged on the headline metric, ROC-AUC,
     * when it is plainly nearest to it; when the variant's metrics are too close to tell which was
     * meant, it says so rather than guess.
     */
    /** The one profiled subgroup a figure's clause puts its metric on ("for", "on", "among" ... month-to-month customers), with a sentence-opening "Of the churners on ..., " clause. */
    function subgroupOfMetric(profile: StoredProfile, f: Figure) {
      const lead = text.slice(sentence.start, f.start);
      const trail = text.slice(f.end, sentence.end);
      const boundary = /[;:()—–]|,\s|\s(?:but|while|whereas|and)\s/g;
      const starts = [...lead.matchAll(boundary)].map((m) => m.index! + m[0].length);
      const clauseStart = starts.at(-1) ?? 0;
      const end = trail.search(/[;:()—–]|,\s|\s(?:but|while|whereas|and)\s/);
      let clause = `${lead.slice(clauseStart)} ${end >= 0 ? trail.slice(0, end) : trail}`;
      const opening = /^\s*(?:of|among|amongst|for|on)\b[^,;:]*,\s/i.exec(lead);
      if (opening && starts.length === 1) clause = `${opening[0]} ${clause}`;
      const level = profiledLevel(profile, clause);
      if (!level) return undefined;
      // the subgroup must be what the metric is of: after "for", "on", "among", "in", "within", "across" or "of" a few words before
      const words = levelWords(level.column, level.value);
      const said = clause.toLowerCase().replace(/[-_]/g, ' ');
      const at = Math.min(...words.map((w) => said.indexOf(w)).filter((i) => i >= 0));
      return Number.isFinite(at) && /\b(?:for|on|among|amongst|in|within|across|of)\s+(?:\S+\s+){0,3}$/.test(said.slice(0, at)) ? level : undefined;
    }
    /** A subgroup's share against the churn run's profile (its churn rate, or its share of churners or of customers). */
    function checkSubgroup(f: Figure, read: SubgroupShare): Omit<ClaimCheck, 'text' | 'line' | 'sentence'> {
      const run = byLab.get('churn')?.[0];
      const profile = run ? profileOf(run) : undefined;
      if (read.kind === 'model-metric') {
        return { verdict: 'no-run', reason: `a model's recall within a subgroup ("${read.words}"), which no run records: the churn lab measures its models on the whole test set, and per group only for the fairness groups (gender, SeniorCitizen)` };
      }
      let level = profile && read.kind !== 'other' ? profiledLevel(profile, read.words) : undefined;
      if (level && read.complement) {
        // the rest of a two-valued column is its other value; of a column with more values, no single recorded one
        const rows = profile!.rateBy.find((c) => c.column === level!.column)?.rows ?? [];
        const other = rows.length === 2 ? rows.find((r) => r.value !== level!.value) : undefined;
        level = other ? { column: level.column, ...other } : undefined;
      }
      if (!run || !profile || !level) {
        const why = read.kind === 'other' ? 'a share of one subgroup within another' : 'a share of a subgroup of the data';
        return { verdict: 'no-run', reason: `${why} ("${read.words}"), which no run records: the churn lab's profile records the churn rate by each column's values, not this${run ? '; measure it with `prep data sql`' : ''}` };
      }
      const value = read.kind === 'rate' ? level.positives / level.rows : read.kind === 'of-churners' ? level.positives / profile.positives : level.rows / profile.rows;
      const what = read.kind === 'rate' ? `the churn rate of ${level.column} = ${level.value} (${level.positives.toLocaleString('en')} of ${level.rows.toLocaleString('en')} customers churned)` : read.kind === 'of-churners' ? `the share of churners with ${level.column} = ${level.value} (${level.positives.toLocaleString('en')} of ${profile.positives.toLocaleString('en')})` : `the share of customers with ${level.column} = ${level.value} (${level.rows.toLocaleString('en')} of ${profile.rows.toLocaleString('en')})`;
      const key = `profile.${level.column}=${level.value}.${read.kind === 'rate' ? 'churnRate' : read.kind === 'of-churners' ? 'shareOfChurners' : 'shareOfCustomers'}`;
      const shown = `${(100 * value).toFixed(1)}%`;
      const at = { metric: `churn.${key}`, runId: run.id, runValue: value, dataset: run.datasetName ?? undefined };
      return within(f, value, { asRatio: true })
        ? { ...at, verdict: 'backed', reason: `run ${run.id}'s profile: ${shown}, ${what}` }
        : { ...at, verdict: 'differs', reason: `your run ${run.id}'s profile: ${shown}, ${what}` };
    }
    function variantWithoutMetric(f: Figure, fi: number): (Omit<ClaimCheck, 'text' | 'line' | 'sentence'> & { candidate?: Candidate }) | undefined {
      if (f.unit !== 'percent' && f.unit !== 'decimal') return undefined;
      const named: { set: 'variant' | 'model'; value: string; d: number; words: string[] }[] = [];
      for (const [set, terms] of [['variant', imbalanceTerms], ['model', modelTerms]] as const) {
        for (const [value, term] of Object.entries(terms.values)) {
          let d = Infinity;
          const words: string[] = [];
          for (const w of term.words.filter((x) => !pointerWords.has(x))) {
            for (const o of findPhrase(sentence, w)) {
              // ("without rebalancing" names a variant by its negation)
              if (!/^(?:no|without)\b/.test(w) && sentence.tokens.slice(o.from, o.to).some((t) => t.negated)) continue;
              words.push(w);
              const near = nearestFigure({ phrase: w, ...o });
              if (near.index === fi) d = Math.min(d, near.d);
            }
          }
          if (words.length) named.push({ set, value, d, words });
        }
      }
      // "leaky SMOTE" is the leaky variant, not also SMOTE inside the folds
      let variants = named.filter((n) => !(onlyLeakySmote && n.value === 'smoteInFolds'));
      // the imbalance variants were compared on gradient-boosted trees: naming that model as well adds nothing
      if (variants.some((n) => n.set === 'variant')) variants = variants.filter((n) => n.set === 'variant' || n.value !== 'gradient_boosting');
      if (variants.length === 0) return undefined;
      const figuresOf = (n: { set: string; value: string }) => allCandidates.filter((c) => !c.unrecorded && c.kind === 'result' && (n.set === 'variant' ? c.match.key.startsWith(`imbalance.${n.value}.`) && c.match.parts.variant === n.value : c.match.parts.model === n.value && /^cv\.[^.]+\.[^.]+\.mean$/.test(c.match.key)));
      const display = (n: { set: string; value: string }) => (n.set === 'variant' ? imbalanceTerms.values[n.value]!.name : modelTerms.values[n.value]!.name);
      const metricOf = (c: Candidate) => c.match.parts.which ?? c.match.parts.metric ?? '';
      const metricName = (c: Candidate) => classifierMetricTerms.values[metricOf(c)]?.name ?? metricOf(c);
      const at = (c: Candidate) => ({ metric: `${c.match.lab}.${c.match.key}`, runId: c.run.id, runValue: c.value, dataset: c.run.datasetName ?? undefined, candidate: c });
      const quotedAsLeaky = Boolean(has(leakWords));
      const matchOf = (n: (typeof variants)[number]) => {
        const own = figuresOf(n);
        return own.filter((c) => within(f, c.value, { asRatio: true })).sort((a, b) => Number(metricOf(b) === 'auc') - Number(metricOf(a) === 'auc'));
      };
      const backed = (n: (typeof variants)[number], matching: Candidate[]) => {
        const c = matching[0]!;
        const suspicion = suspicious(f, c, candidates, quotedAsLeaky, true);
        if (suspicion) return { ...at(c), ...suspicion.at, verdict: 'suspicious' as const, reason: suspicion.reason };
        return { ...at(c), verdict: 'backed' as const, reason: `read as the ${metricName(c)} of ${display(n)} (the sentence names no metric${matching.length > 1 ? `; ${matching.slice(1).map(metricName).join(' and ')} would match too` : ''}): run ${c.run.id} measured ${fmtValue(f, c)} (${c.match.key}${c.run.datasetName ? `, ${c.run.datasetName}` : ''})` };
      };
      // the variant the words put beside this figure
      const beside = variants.filter((n) => Number.isFinite(n.d)).sort((a, b) => a.d - b.d);
      const primary = beside.length === 1 || (beside.length > 1 && beside[1]!.d - beside[0]!.d >= 2 && beside[1]!.set === beside[0]!.set) ? beside[0] : undefined;
      if (primary) {
        const matching = matchOf(primary);
        if (matching.length) return backed(primary, matching);
      }
      // "class weights beat SMOTE, 0.848 against 0.843": with several variants named, a value one of them has is the one meant
      if (variants.length > 1 || !primary) {
        const matches = variants.map((n) => ({ n, matching: matchOf(n) })).filter((x) => x.matching.length > 0);
        if (matches.length === 1) return backed(matches[0]!.n, matches[0]!.matching);
        if (!primary) return undefined;
        return { verdict: 'no-run', reason: `the sentence names ${variants.map(display).join(' and ')} but no metric, and ${matches.length ? 'more than one of them has' : 'none of them has'} ${f.text} at the precision written, so prep does not guess which figure it is; name the metric` };
      }
      // one variant, no figure of it with this value: judged on the headline metric only when it is plainly the nearest
      const own = figuresOf(primary);
      if (own.length === 0) return undefined;
      const headline = own.find((c) => metricOf(c) === 'auc');
      const listed = own.map((c) => `${metricName(c)} ${fmtValue(f, c)}`).join(', ');
      const byDistance = [...own].sort((a, b) => Math.abs(a.value - f.value) - Math.abs(b.value - f.value));
      const gap = Math.abs(byDistance[0]!.value - f.value);
      const next = byDistance[1] ? Math.abs(byDistance[1].value - f.value) : Infinity;
      if (headline) {
        const suspicion = suspicious(f, headline, candidates, quotedAsLeaky, false);
        if (suspicion) return { ...at(headline), ...suspicion.at, verdict: 'suspicious', reason: suspicion.reason };
        if (byDistance[0] === headline && gap <= 0.1 && next >= 2 * gap && next - gap >= 0.02) {
          return { ...at(headline), verdict: 'differs', reason: `read as the ${metricName(headline)} of ${display(primary)}, its headline figure (the sentence names no metric): your run ${headline.run.id} measured ${fmtValue(f, headline)} (${headline.match.key}${headline.run.datasetName ? `, ${headline.run.datasetName}` : ''}); its other figures: ${listed}` };
        }
      }
      return { verdict: 'no-run', reason: `the sentence names ${display(primary)} but no metric, and ${f.text} is not plainly nearest its headline ROC-AUC, so prep does not guess which figure it is (your run: ${listed}); name the metric` };
    }
    // a mean |SHAP| is in log-odds: a share names it only with SHAP's own words ("a mean absolute SHAP value of 77%"),
    // not by the feature alone ("88% were on month-to-month contracts" is not Contract's SHAP value)
    function shareOfFeatureOnly(f: Figure, c: Candidate): boolean {
      return c.match.key.startsWith('explain.global.') && (f.unit === 'percent' || Boolean(f.fraction)) && !c.match.entry.vocabulary.some((p) => findPhrase(sentence, p).length > 0);
    }
    function scoredFor(f: Figure, fi: number) {
      return candidates
        .filter((c) => unitFits(f, c.unit, c.value) && inRange(f, c) && !ruledOut(c, fi) && named(c) && groupInClause(c, fi) && !shareOfFeatureOnly(f, c))
        .map((c) => ({ c, s: score(c, fi) }))
        .filter((x) => x.s.head > 0 || x.s.ctx >= 2)
        .sort((a, b) => Number(b.s.head > 0) - Number(a.s.head > 0) || b.s.total - a.s.total);
    }
    function resolveFigure(f: Figure, fi: number): void {
      const base = { text: restorePoints(f.text), line: sentence.line, sentence: restorePoints(sentence.text.trim()) };
      // "recall was not 80%": denied, no claim to check; shown so the reader sees prep read it
      if (f.denied) {
        resolved[fi] = { ...base, verdict: 'denied', reason: `denied by the sentence ("${deniedWording(sentence, f)}"), so not a claim: not checked against your runs` };
        return;
      }
      const outcome = outcomeOf(fi);
      const { before, after } = contextOf(f);
      // indexed by figure, so "±" and "against" find the figure they follow even when a bare count was skipped
      const push = (c: ClaimCheck & { candidate?: Candidate }) => {
        resolved[fi] = c;
      };

      // "± 0.005" after a mean: the spread of the metric the mean resolved to
      if (f.plusMinusOf !== undefined) {
        const mean = resolved[f.plusMinusOf]?.candidate;
        if (mean?.unrecorded) return push({ ...base, verdict: 'no-run', reason: `no run of yours records ${mean.match.lab}.${mean.match.key} or its spread yet` });
        const stdKey = mean?.match.key.replace(/\.mean$/, '.std');
        const std = mean && stdKey !== mean.match.key ? candidates.find((c) => c.run.id === mean.run.id && c.match.key === stdKey) : undefined;
        if (!std) return push({ ...base, verdict: 'no-run', reason: mean ? `no run records a spread for ${mean.match.lab}.${mean.match.key}` : 'the figure before the ± is not one your runs record' });
        const ok = within(f, std.value, { asRatio: true });
        return push({ ...base, verdict: ok ? 'backed' : 'differs', metric: `${std.match.lab}.${std.match.key}`, runId: std.run.id, runValue: std.value, dataset: std.run.datasetName ?? undefined, reason: ok ? `the standard deviation over folds: run ${std.run.id} measured ${fmtValue(f, std)} (${std.match.key})` : `your run ${std.run.id} measured a standard deviation of ${fmtValue(f, std)} (${std.match.key})` });
      }

      const scored = scoredFor(f, fi).filter((x) => !(onlyLeakySmote && x.c.match.parts.variant === 'smoteInFolds'));
      // equal values (the chosen k's silhouette is also k = 2's): the headline figure first
      const byPriority = (a: { c: Candidate; s: { total: number } }, b: { c: Candidate; s: { total: number } }) => (Math.abs(a.s.total - b.s.total) < 1 ? (b.c.match.entry.priority ?? 0) - (a.c.match.entry.priority ?? 0) : 0) || b.s.total - a.s.total;
      // PREP_DEBUG_CHECK=N prints the N best-scored figures for each figure (for tuning the catalogue's words)
      if (process.env.PREP_DEBUG_CHECK) process.stderr.write(`${f.text}: ${scored.slice(0, Number(process.env.PREP_DEBUG_CHECK) || 6).map((x) => `${x.c.match.key} h${x.s.head.toFixed(2)} c${x.s.ctx.toFixed(2)}`).join(' | ')}\n`);

      // an outcome word beside a figure a run measured exactly is still the run's figure; otherwise it is the business's
      const exactMatch = scored.some((x) => x.s.head > 0 && within(f, x.c.value, { asRatio: x.c.unit === 'ratio' || (x.c.unit === 'number' && f.unit !== 'percent') }));
      if ((outcome || afterIntervention.test(sentence.text)) && !exactMatch) return push({ ...base, verdict: 'no-run', reason: `an outcome${outcome ? ` ("${outcome}")` : ''} that no lab measures: the labs evaluate models on held-out data, not what happened in a business` });
      const settingRule = syntacticSetting[fi];
      // "rose 53 to 79%": both ends of a movement are levels, checked as after "from"
      const movementEnd = f.movesTo !== undefined || figures.some((g) => g.movesTo === fi);
      const changedBy = !movementEnd && (f.unit === 'percent' || f.unit === 'money') && /\b(?:improved|improves|increased|increases|decreased|decreases|reduced|reduces|grew|grows|rose|fell|dropped|cut|cuts|boosted|boosts|lifted|lifts|raised|lowered|saved|saves|saving)\s+(?!to\b|from\b)(?:[\w'-]+\s+){0,2}(?:about|around|roughly|nearly|almost|over|~)?\s*$/i.test(before) && !/\b(?:to|from)\s+(?:[\w'-]+\s+){0,2}$/i.test(before);
      const isChange = changeNounOf(f, scored[0]?.c) || changedBy || /\bby\s*(?:about|around|roughly|nearly|almost|over|~)?\s*$/i.test(before) || (!movementEnd && /(?<!made |set |ended |end |add |adds |added |adding |sum |sums |summed |add it )\b(?:up|down)\s*$/i.test(before)) || /^\s*(?:lift|uplift|increase|decrease|reduction|drop|improvement|gain|higher|lower|more|less|fewer|faster|slower|better|worse)\b/i.test(after);
      const changeReason = 'a change (before vs after) that no run records: prep\'s labs measure levels on held-out data; quote the two measured figures, or cite where the change was measured';
      if (isChange && !settingRule && (f.unit === 'money' || outcome || foreign)) return push({ ...base, verdict: 'no-run', reason: changeReason });
      // a stated setting: checked against the run's parameters or recorded settings, never flagged as a result
      const settingCandidate = scored.find((x) => x.c.kind === 'setting' && x.s.head > 0 && !x.c.unrecorded);
      const resultStrong = scored.find((x) => x.c.kind === 'result' && x.s.head > 0);
      if (settingCandidate && (!resultStrong || settingCandidate.s.total >= resultStrong.s.total)) {
        const c = settingCandidate.c;
        const ok = within(f, c.value, { asRatio: c.unit === 'ratio' }) || (f.unit === 'percent' && within(f, c.value, { asRatio: true }));
        return push({ ...base, verdict: 'setting', metric: `${c.match.lab}.${c.match.key}`, runId: c.run.id, runValue: c.value, dataset: c.run.datasetName ?? undefined, reason: ok ? `a setting you chose, not a result: run ${c.run.id} used ${fmtValue(f, c)} (${c.match.key})` : `a setting you chose, not a result; but run ${c.run.id} used ${fmtValue(f, c)} (${c.match.key})` });
      }
      const period = settingRule?.name === 'a period of time';
      if (period && (foreign || outcome || afterIntervention.test(sentence.text))) return push({ ...base, verdict: 'no-run', reason: 'a period in a business or another project, which no run of yours records' });
      // "a mean tenure of 18 months", "every 19 days on average": a period measured over the data, a result (no run's, unless
      // one records it), not a period chosen ("a 13-week hold-out", "12-month CLV")
      if (period && !/\d-\p{L}/u.test(f.text) && (/\b(?:mean|average|avg|median|typical|typically|on average|expected)\b(?:\s+[\w'-]+){0,3}\s*(?:of|was|is|were|at|=|:)?\s*(?:about|around|roughly|nearly|almost|just over|just under|over|under|~)?\s*$/i.test(before) || /^\s*on average\b/i.test(after))) {
        const measured = scored.find((x) => x.s.head > 0 && x.c.kind === 'result' && !x.c.unrecorded && unitFits(f, x.c.unit, x.c.value));
        // (a period the runs record in days, named in other units, "median recency was 51 weeks", stays as it was read)
        const recordedPeriodNamed = candidates.some((c) => c.unit === 'days' && phrasesOf.get(c)!.head.some((p) => !/^(?:median|mean|average)$/.test(p) && (occurrences.get(p)?.length ?? 0) > 0));
        if (!measured && !recordedPeriodNamed) return push({ ...base, verdict: 'no-run', reason: 'a period measured over the data (a mean or median), which none of your runs records' });
      }
      if (settingRule && !(resultStrong && resultStrong.s.head >= 2 && period)) {
        const param = settingRule.param;
        const run = param ? byLab.get(param.lab)?.[0] : undefined;
        const used = run && param ? run.params[param.key] : undefined;
        if (typeof used === 'number') {
          const ok = within(f, used, { asRatio: true }) || (f.unit === 'duration' && f.value === used);
          return push({ ...base, verdict: 'setting', runId: run!.id, runValue: used, metric: `${param!.lab}.params.${param!.key}`, reason: ok ? `a setting (${settingRule.name}), not a result: run ${run!.id} used ${used}` : `a setting (${settingRule.name}), not a result; but run ${run!.id} used ${used}` });
        }
        return push({ ...base, verdict: 'setting', reason: `a setting (${settingRule.name}), not a result${param ? '; no run of yours records it' : ''}` });
      }

      // "3 models", "two of them": not a claim, unless a figure about as likely as the best is named by its head words ("k = 2")
      if (f.bareInteger && Math.abs(f.value) < 10 && !scored.some((x) => x.s.head >= 2 && x.s.total >= scored[0]!.s.total - 1)) return;
      // "the same reason my churn runs report PR-AUC 0.639" inside a fraud design answer is about the runs
      const ownProject = has(['my churn', 'my runs', 'my run', 'my segmentation', 'churn runs', 'churn project', 'my churn project', 'telco', 'online retail']);
      if ((foreign && !ownProject) || namedEmployer.test(sentence.text)) return push({ ...base, verdict: 'no-run', reason: `about another project${foreign ? ` ("${foreign}")` : ''}: prep has no run of it, so it can be neither backed nor contradicted; cite its source` });
      if (f.unit === 'multiplier') return push({ ...base, verdict: 'no-run', reason: 'no run records a ratio between two systems or periods; quote both measured figures instead' });
      if (isChange) return push({ ...base, verdict: 'no-run', reason: changeReason });

      // "£50 per offer": a price per thing is that thing's cost ("cost per offer"), a setting the runs record
      const perThing = f.unit === 'money' ? /^\s*(?:per|a|an|each|for each|for every)\s+(?:retention\s+)?([a-z]+)\b/i.exec(after) : null;
      const costOf = perThing ? allCandidates.find((c) => c.unit === 'money' && c.kind === 'setting' && !c.unrecorded && wordsFor(c.match).head.includes(`cost per ${perThing[1]!.toLowerCase()}`)) : undefined;
      if (costOf && !scored.some((x) => x.s.head > 0)) {
        const ok = within(f, costOf.value, { asRatio: false });
        return push({ ...base, verdict: 'setting', metric: `${costOf.match.lab}.${costOf.match.key}`, runId: costOf.run.id, runValue: costOf.value, dataset: costOf.run.datasetName ?? undefined, reason: ok ? `a setting you chose, not a result: run ${costOf.run.id} used ${fmtValue(f, costOf)} (${costOf.match.key})` : `a setting you chose, not a result; but run ${costOf.run.id} used ${fmtValue(f, costOf)} (${costOf.match.key})` });
      }
      // (money "saved" in the figure's own clause: "$500 per saved customer" elsewhere in the sentence is not this figure's)
      const ownClause = `${before.split(/[,;:]\s|\s(?:and|but|while)\s/).at(-1)} ${after.split(/[,;:]\s|\s(?:and|but|while)\s/)[0]}`;
      if (f.unit === 'money' && /\b(?:saved|saving|savings|save|cost savings|earned|generated|brought in an extra)\b/i.test(ownClause) && !has(['net value', 'worth', 'estimate', 'estimated'])) return push({ ...base, verdict: 'no-run', reason: 'no lab measures money earned or saved; the churn lab\'s net value is an estimate under the cost model you chose (quote it with those assumptions)' });
      // "an interval of 0.810 to 0.856": a range that is a recorded interval, both ends
      if (f.high !== undefined) {
        const interval = scored.find((x) => /ci95Low$/.test(x.c.match.key) && !x.c.unrecorded && within({ ...f, high: undefined }, x.c.value, { asRatio: x.c.unit === 'ratio' || f.unit !== 'percent' }) && candidates.some((h) => h.run.id === x.c.run.id && h.match.key === x.c.match.key.replace(/Low$/, 'High') && within({ ...f, value: f.high!, high: undefined }, h.value, { asRatio: h.unit === 'ratio' || f.unit !== 'percent' })));
        if (interval) return push({ ...base, verdict: 'backed', metric: `${interval.c.match.lab}.${interval.c.match.key}`, runId: interval.c.run.id, runValue: interval.c.value, dataset: interval.c.run.datasetName ?? undefined, reason: `run ${interval.c.run.id} measured this interval (${interval.c.match.key.replace(/Low$/, '{Low,High}')})` });
      }
      // a share of a subgroup ("75% of churners were on month-to-month contracts", "41.7% of seniors churned") is no
      // model metric nor the whole data's rate: checked against the run's profile of that subgroup where it has one, else
      // "no run"; unless a recorded figure of a named group is what the words name ("82.8% of senior churners were caught")
      const read = f.unit === 'percent' || f.unit === 'decimal' ? subgroupShare(sentence, f, text) : undefined;
      // a model metric "on month-to-month contracts" is one of a subgroup only when the words name a profiled value ("on the test set" does not)
      const churnProfile = byLab.get('churn')?.[0] ? profileOf(byLab.get('churn')![0]!) : undefined;
      const subgroupRead = read?.kind === 'model-metric' && !(churnProfile && profiledLevel(churnProfile, read.words)) ? undefined : read;
      const groupFigureNamed = scored.some((x) => x.s.head > 0 && ['group', 'segment'].some((p) => x.c.match.entry.requires?.includes(p)));
      if (subgroupRead && (subgroupRead.attribute || !groupFigureNamed)) return push({ ...base, ...checkSubgroup(f, subgroupRead) });
      // "Leaky SMOTE gave 0.919": a variant named without a metric word is read as its headline metric
      if (!scored[0] || scored[0].s.head === 0) {
        const read = variantWithoutMetric(f, fi);
        if (read) return push({ ...base, ...read });
      }
      const best = scored[0];
      if (!best || best.s.head === 0 && best.s.ctx < 2.5) {
        if (f.unit === 'money') return push({ ...base, verdict: 'no-run', reason: 'no lab measures money earned or saved; the churn lab\'s net value is an estimate under the cost model you chose (quote it with those assumptions)' });
        if (f.unit === 'ms' || f.unit === 'per_second') return push({ ...base, verdict: 'no-run', reason: 'no run of yours has measured this latency or throughput yet (run `prep lab churn loadtest`)' });
        return push({ ...base, verdict: 'no-run', reason: 'none of your runs records a figure the words around this one name' });
      }
      // the near ties: figures the words fit about as well as the best; a match among them backs the claim
      // the near ties: figures the words fit about as well as the best; a match among them backs an
      // exact figure (its value is strong evidence of which was meant), but a bound ("p99 under 16 ms")
      // is judged on the figure the words name: that some other figure is under 16 ms says nothing
      const bound = f.approximation === 'over' || f.approximation === 'under';
      let near = scored.filter((x) => x.s.total >= best.s.total - 1 && (x.s.head > 0 || best.s.head === 0));
      if (bound) {
        // the figure the head words name most strongly ("p99" over plain "latency", "p <" over a group's flag rate)
        const named = [...near].sort((a, b) => b.s.head - a.s.head || b.s.total - a.s.total)[0]!;
        near = near.filter((x) => Math.abs(x.s.head - named.s.head) < 0.05 && Math.abs(x.s.total - named.s.total) < 0.05);
      }
      // "the forest's CV accuracy was 80.6%" (logistic regression's value), "40 lines dropped for cancellations" (the
      // unit-price drops): a near tie that is another model, variant, reason, group or segment than the one the words beside
      // the figure name is another figure; its value matching says the figure was misattributed, not that it is backed
      const namesPart = (c: Candidate, part: string) => partWordsFor(c.match, part).some((w) => findPhrase(sentence, w).some((o) => nearestFigure({ phrase: w, ...o }).index === fi));
      const top = near[0];
      if (top) near = near.filter((x) => x === top || !Object.keys(top.c.match.parts).some((p) => alternativeParts.has(p) && x.c.match.parts[p] !== undefined && x.c.match.parts[p] !== top.c.match.parts[p] && namesPart(top.c, p) && !namesPart(x.c, p)));
      // "from 53% to 79% with class weights": the first end is another variant of the figure the second end is
      const movedTo = f.movesTo !== undefined ? resolved[f.movesTo]?.candidate : undefined;
      if (movedTo) {
        const partsDiffer = (c: Candidate) => Object.keys({ ...c.match.parts, ...movedTo.match.parts }).filter((k) => c.match.parts[k] !== movedTo.match.parts[k]).length;
        // (or a figure of the same stage and unit that shares a name with it and has the value: the A/A false positive rate before peeking's)
        const sharesName = (c: Candidate) => c.match.lab === movedTo.match.lab && c.match.entry.stage === movedTo.match.entry.stage && c.unit === movedTo.unit && phrasesOf.get(c)!.head.some((h) => phrasesOf.get(movedTo)?.head.includes(h));
        const sameKind = scored.filter((x) => x.c !== movedTo && (x.c.match.entry === movedTo.match.entry ? partsDiffer(x.c) <= 1 : sharesName(x.c) && within(f, x.c.value, { asRatio: x.c.unit === 'ratio' || f.unit !== 'percent' })) && !x.c.unrecorded);
        if (sameKind.length) near = sameKind;
      }
      const paired = pairedChoice.get(fi);
      if (paired) near = scored.filter((x) => x.c === paired);
      const asRatio = (c: Candidate) => c.unit === 'ratio' || (c.unit === 'number' && f.unit !== 'percent');
      const matching = near.filter((x) => within(f, x.c.value, { asRatio: asRatio(x.c) })).sort(byPriority);
      // "200 customers who would have stayed (false positives)": a word as common as "customers" fits many counts alike
      // (and a context word such as "model" tips them); when none of the near ones has the value, a figure the
      // sentence names as strongly by head words of its own ("false positives") that has it is the one meant, not the
      // first of the near ones (a differs against the retail data's customers)
      if (!matching.length && !paired && !movedTo && near[0]) {
        const nearHeads = new Set(near.flatMap((x) => phrasesOf.get(x.c)!.head));
        // (as strongly, or at all when the near ones are several figures of different values the words cannot tell apart)
        const undecided = near.filter((x) => Math.abs(x.s.total - near[0]!.s.total) < 0.5 && x.c.value !== near[0]!.c.value).length > 0;
        const ownWords = scored.filter((x) => !x.c.unrecorded && !near.includes(x) && x.s.head > 0 && (undecided || x.s.head >= near[0]!.s.head - 0.5) && phrasesOf.get(x.c)!.head.some((h) => !nearHeads.has(h) && (occurrences.get(h)?.length ?? 0) > 0) && within(f, x.c.value, { asRatio: asRatio(x.c) }));
        if (ownWords.length) matching.push(...ownWords.sort(byPriority));
      }
      // with a ± partner, prefer the mean whose spread matches too
      const partner = figures.findIndex((g) => g.plusMinusOf === fi);
      if (partner >= 0 && matching.length > 1) {
        const g = figures[partner]!;
        matching.sort((a, b) => Number(stdMatches(b.c)) - Number(stdMatches(a.c)));
        function stdMatches(c: Candidate): boolean {
          const std = candidates.find((x) => x.run.id === c.run.id && x.match.key === c.match.key.replace(/\.mean$/, '.std'));
          return Boolean(std && within(g, std.value, { asRatio: true }));
        }
      }
      const chosen = matching[0]?.c ?? near[0]?.c ?? best.c;
      if (chosen.unrecorded) {
        // "94% accuracy" is implausible on this data whichever accuracy the words mean: judge it by one the runs have
        const recorded = near.find((x) => !x.c.unrecorded)?.c;
        const leakyWordsHere = has(leakWords);
        const implausible = recorded ? suspicious(f, recorded, candidates, Boolean(leakyWordsHere), false) : undefined;
        if (implausible) return push({ ...base, verdict: 'suspicious', metric: `${recorded!.match.lab}.${recorded!.match.key}`, runId: recorded!.run.id, runValue: recorded!.value, dataset: recorded!.run.datasetName ?? undefined, reason: implausible.reason });
        const command = chosen.match.key.startsWith('serve.') ? 'prep lab churn loadtest' : chosen.match.key.startsWith('drift.') ? 'prep lab churn drift --scenario price-rise' : chosen.match.key.startsWith('retrain.') ? 'prep lab churn retrain' : chosen.match.lab === 'abtest' ? 'prep lab abtest simulate' : `prep lab ${chosen.match.lab}`;
        return push({ ...base, verdict: 'no-run', metric: `${chosen.match.lab}.${chosen.match.key}`, reason: `no run of yours has measured ${chosen.match.key} yet${onDataset(byLab, chosen.match.lab)} (\`${command}\` records it)` });
      }
      const dataset = chosen.run.datasetName ?? undefined;
      const metric = `${chosen.match.lab}.${chosen.match.key}`;
      const common = { ...base, metric, runId: chosen.run.id, runValue: chosen.value, dataset, candidate: chosen };


      // "In the first half of 2011 revenue was £4.2M", "£740k a month": a figure for part of the period is not the whole
      // data's total or share, which is all the runs record; unless it has the value, it is no run's
      const partial = wholePeriodFigure.test(`${chosen.match.lab}.${chosen.match.key}`) ? partOfPeriod.exec(sentence.text) : null;
      if (partial && !matching.length) return push({ ...base, verdict: 'no-run', reason: `a figure for part of the period ("${partial[0]}"), which no run records: ${name(chosen)} is over the whole data` });
      // "churn in the 0-12 month tenure band was 47%": the whole data's churn rate is not a band's, and the profile has no tenure bands
      const band = chosen.match.key === 'dataset.positiveRate' ? unprofiledGroup.exec(sentence.text) : null;
      if (band) return push({ ...base, verdict: 'no-run', reason: `a share of a subgroup ("${band[0]}") that the churn lab's profile does not record (it has the churn rate by each categorical column, not by tenure or charges); measure it with \`prep data sql\`` });
      // "recall for month-to-month customers was 75%": a model metric of a subgroup the run has no metric for is not
      // the whole test set's (the fairness groups, named, resolve to their own figures above)
      if (chosen.match.lab === 'churn' && chosen.unit === 'ratio' && /^(?:test|cv|imbalance)\./.test(chosen.match.key) && !chosen.match.entry.requires) {
        const run = byLab.get('churn')?.[0];
        const profile = run ? profileOf(run) : undefined;
        const level = profile ? subgroupOfMetric(profile, f) : undefined;
        if (level) return push({ ...base, verdict: 'no-run', reason: `${name(chosen)} for a subgroup (${level.column} = ${level.value}), which no run records: the churn lab measures its models on the whole test set, and per group only for the fairness groups (gender, SeniorCitizen)` });
      }
      const leakyWords = has(leakWords);
      const suspicion = suspicious(f, chosen, candidates, Boolean(leakyWords), matching.length > 0);
      if (suspicion) return push({ ...common, ...suspicion.at, verdict: 'suspicious', reason: suspicion.reason });
      if (chosen.kind === 'setting') return push({ ...common, verdict: 'setting', reason: matching.length ? `a setting you chose, not a result: run ${chosen.run.id} used ${fmtValue(f, chosen)} (${chosen.match.key})` : `a setting you chose, not a result; but run ${chosen.run.id} used ${fmtValue(f, chosen)} (${chosen.match.key})` });
      if (matching.length) {
        return push({ ...common, verdict: 'backed', reason: `run ${chosen.run.id} measured ${fmtValue(f, chosen)} (${name(chosen)}${dataset ? `, ${dataset}` : ''})` });
      }
      const older = olderValues(chosen, byLab).find((o) => within(f, o.value, { asRatio: asRatio(chosen) }));
      if (older) return push({ ...common, runId: older.run.id, runValue: older.value, verdict: 'backed', reason: `an earlier run, ${older.run.id}, measured ${fmtValue(f, { ...chosen, value: older.value })} (${chosen.match.key}); your newest run ${chosen.run.id} measured ${fmtValue(f, chosen)}` });
      // "AUC went up 0.80 to 0.84": the start of a movement is a figure from before, which a run records only as a variant
      // the sentence names ("class weights lifted recall from 40% to 79%": the untreated recall); otherwise which
      // sibling it would be is a guess, and a starting figure from elsewhere is no run's, not a differs
      // (or the condition of the start, "when I lowered the threshold from 0.5": the default threshold's figure)
      const endNamed = movedTo && (Object.keys(movedTo.match.parts).some((p) => alternativeParts.has(p) && partWordsFor(movedTo.match, p).some((w) => findPhrase(sentence, w).length > 0)) || /\b(?:default|threshold|cut-?off|untreated|without (?:any )?(?:weighting|resampling|rebalancing|treatment))\b/i.test(sentence.text));
      if (movedTo && !endNamed) return push({ ...base, verdict: 'no-run', reason: `the start of a movement that none of your runs records (as ${name(chosen)} it would differ: ${fmtValue(f, chosen)}); say where the starting figure was measured` });
      return push({ ...common, verdict: 'differs', reason: `your run ${chosen.run.id} measured ${fmtValue(f, chosen)} (${name(chosen)}${dataset ? `, ${dataset}` : ''})` });
    }
    for (const r of resolved.filter(Boolean)) {
      const { candidate: _omit, ...check } = r;
      void _omit;
      results.push({ ...check, reason: restorePoints(check.reason) });
    }
    previous = sentence;
  }
  return results;
}

/**
 * Figures only a mistake produces on this data. On IBM's fictional Telco sample (REFERENCE.md,
 * protocol P1) an honest pipeline lands near ROC-AUC 0.84-0.85 and accuracy about 0.80; the lab's
 * own leaky SMOTE variant shows what leakage gives.
 */
function suspicious(f: Figure, chosen: Candidate, all: Candidate[], quotedAsLeaky: boolean, matched: boolean): { reason: string; at?: Partial<ClaimCheck> } | undefined {
  const key = chosen.match.key;
  const asShare = f.unit === 'percent' ? f.value : f.value;
  if (chosen.unit === 'ratio' && (f.unit === 'percent' || f.unit === 'decimal') && asShare > 1 + f.resolution) return { reason: `a share above 100% cannot be a ${key}` };
  if (chosen.match.lab !== 'churn') return undefined;
  const family = /\.auc(\.mean)?$/.test(key) ? 'auc' : /prAuc/.test(key) ? 'prAuc' : /accuracy/.test(key) ? 'accuracy' : /recall/.test(key) ? 'recall' : /precision/.test(key) ? 'precision' : /\.f1/.test(key) ? 'f1' : undefined;
  if (!family || /\.std$/.test(key)) return undefined;
  const leaky = all.find((c) => c.run.id === chosen.run.id && c.match.key === `imbalance.smoteLeaky.${family === 'accuracy' ? 'auc' : family}`);
  const leakyMatch = leaky && (family === 'auc' || family === 'recall') && (f.approximation === 'exact' || f.approximation === 'about') && f.high === undefined && within(f, leaky.value, { asRatio: true });
  if (key.startsWith('imbalance.smoteLeaky')) {
    if (quotedAsLeaky) return undefined;
    if (matched) return { reason: `this is the leaky SMOTE figure (oversampling before the split), the mistake the lab shows on purpose; quoted as a result it claims skill the model does not have` };
    return undefined;
  }
  if (leakyMatch && !quotedAsLeaky && !matched) {
    return { reason: `this is the leaky SMOTE variant's ${family} (${leaky!.value.toFixed(3)}), the mistake the lab shows on purpose, not an honest result`, at: { metric: `churn.${leaky!.match.key}`, runValue: leaky!.value } };
  }
  if (chosen.run.datasetName !== 'telco' || matched) return undefined;
  if (family === 'auc' && f.value > 0.9) return { reason: `an honest pipeline on IBM's fictional Telco sample lands near ROC-AUC 0.84-0.85; above about 0.90 points to leakage (your run: ${chosen.value.toFixed(3)} for ${key})` };
  // honest ranges on this data (REFERENCE.md and the lab's own runs): anything far above is a leak or a different metric
  const ceiling: Record<string, number> = { prAuc: 0.85, precision: 0.9, f1: 0.8 };
  if (ceiling[family] !== undefined && f.value >= ceiling[family]! && f.approximation !== 'under') return { reason: `far above what an honest model reaches on IBM's fictional Telco sample (${family} about ${chosen.value.toFixed(2)} in your run for ${key}); a figure this high usually means leakage or a different metric` };
  if (family === 'accuracy' && f.value >= 0.85) return { reason: `honest models on IBM's fictional Telco sample reach about 0.80 accuracy (always predicting "stays" gives 0.73); 0.85 and above is what leakage produces (your run: ${chosen.value.toFixed(3)} for ${key})` };
  return undefined;
}
