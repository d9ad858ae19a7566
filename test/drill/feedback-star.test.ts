/**
 * STAR reading, sentence reading and the follow-up, in process: each wording that makes a sentence
 * the situation, the task or the result (the story is built so that only that wording can earn the
 * part), every label form, the reasons a sentence is not a clause, and every follow-up with the
 * exact question a user is asked.
 */
import { describe, expect, it } from 'vitest';
import { analyseAnswer, type FeedbackQuestion } from '../../src/drill/feedback.js';
import { chooseFollowUp } from '../../src/drill/feedback/follow-up.js';
import type { Flag } from '../../src/drill/feedback/flags.js';
import { contentTokens, isWeakKeyword, quote, readClause, starLabel, templatedSentences } from '../../src/drill/feedback/reading.js';
import { isFirstPersonAction, isWeAction, quantifiedResult, readStar } from '../../src/drill/feedback/star.js';
import type { ClaimCheck } from '../../src/story/check.js';
import { analyse } from '../../src/text/analyse.js';

const storyQuestion: FeedbackQuestion = { kind: 'behavioural', targetSeconds: 90, talkingPoints: [] };
const star = (text: string) => analyseAnswer(text, storyQuestion).star;

describe('STAR parts found from what a sentence says', () => {
  // the action comes first, so no sentence is the opening that sets the scene by default
  const action = 'I rebuilt the churn features from the raw usage logs.';
  const filler = ['I then wrote the report for the retention managers.', 'I also presented the work to them on a Friday.', 'It was a long month for everybody there.'];

  it.each([
    'We were asked to rank the customers by their risk.',
    'I was asked whether the model could go live in the spring.',
    'My task was to rank the customers by their risk.',
    'My job is to keep the retention list honest.',
    'My goal was a list that the retention team could trust.',
    'My role was the evaluation of the whole pipeline.',
    'The goal was a list that the retention team could trust.',
    'The aim was a list that the retention team could trust.',
    'The objective is a list that the retention team could trust.',
    'The ask was a ranked list for the retention team.',
    'The brief was a ranked list for the retention team.',
    'The question was whether the model was good enough.',
    'We needed to rank the customers by their risk.',
    'I had to rank the customers by their risk before the campaign.',
    'I wanted to rank the customers by their risk before the campaign.',
    'The retention head asked me to rank the customers by risk.',
    'The retention head wanted me to rank the customers by risk.',
    'I was responsible for the ranking of the customers by risk.',
    'I was in charge of the ranking of the customers by risk.',
    'The challenge was a ranking that the managers would trust.',
    'The problem was a ranking that the managers did not trust.',
    'There was a hard deadline for the ranking of the customers.',
    'The point was to decide whether the model could go live.',
  ])('"%s" is the task', (task) => {
    const s = star([action, task, ...filler].join(' '));
    expect(s.task).toEqual({ found: true, sentence: task, how: 'role' });
  });

  it('does not take a sentence without a task wording as the task', () => {
    for (const other of ['The managers read the ranking of the customers by risk.', 'The retention head asked about the ranking of the customers.']) {
      expect(star([action, other, ...filler].join(' ')).task.found, other).toBe(false);
    }
  });

  it.each([
    'At my last job the retention team sent offers to everybody.',
    'At my previous company the retention team sent offers to everybody.',
    'At my current employer the retention team sent offers to everybody.',
    'In my second data project the offers went to everybody.',
    'Our team sent retention offers to everybody on the list.',
    'The company sent retention offers to everybody on the list.',
    'My manager sent retention offers to everybody on the list.',
    'The client sent retention offers to everybody on the list.',
    'Our stakeholders sent retention offers to everybody on the list.',
    'When I joined, retention offers went to everybody on the list.',
    'While we were busy, retention offers went to everybody on the list.',
    'Back then we had one retention offer for everybody on the list.',
    'There were far too many offers for everybody on the list.',
    'Last year retention offers went to everybody on the list.',
    'Last quarter retention offers went to everybody on the list.',
    'A colleague sent retention offers to everybody on the list.',
    'A product manager sent retention offers to everybody on the list.',
  ])('"%s" sets the scene before the action', (scene) => {
    // the scene comes second here: only its wording, not its place, can make it the situation
    const s = star([action, scene, ...filler].join(' '));
    expect(s.situation).toEqual({ found: true, sentence: scene, how: 'role' });
  });

  it('takes the opening sentence as the scene when it does nothing else, and not a later one without a scene wording', () => {
    const opening = 'Retention offers went to everybody on the list.';
    expect(star([opening, action, ...filler].join(' ')).situation).toEqual({ found: true, sentence: opening, how: 'role' });
    expect(star([action, opening, ...filler].join(' ')).situation.found).toBe(false);
  });

  it.each([
    'As a result the retention team trusted the list.',
    'In the end the retention team trusted the list.',
    'Eventually the retention team trusted the list.',
    'Finally the retention team trusted the list.',
    'The outcome was a list the retention team trusted.',
    'The upshot was a list the retention team trusted.',
    'The result is a list the retention team trusted.',
    'The list was smaller, which meant fewer wasted offers.',
    'The list was smaller, which led to fewer wasted offers.',
    'That led to fewer wasted offers for the team.',
    'The team ended up with fewer wasted offers.',
    'Since then the team has used the list every week.',
    'Afterwards the team used the list every week.',
    'Now we send the offers only to the top of the list.',
    'From then on the team used the list every week.',
    'It worked, and the team used the list every week.',
    'This paid off for the team within the quarter.',
    'That helped the team with their weekly planning.',
    'We shipped the list to the retention team.',
    'We adopted the list for the weekly campaign.',
    'The list was approved by the retention head.',
    'The list got adopted by the retention team.',
    'The list went live for the weekly campaign.',
    'I learned to check the features with the people who log them.',
    'The lesson for me was to check the features early.',
    'Wasted offers went down over the next quarter.',
    'The renewals rose to the level of the year before.',
    'Complaints dropped from the level of the year before.',
    'The ranking held up on the held-out customers.',
    'The ranking held up on the test set as well.',
  ])('"%s" is the result, said in words', (result) => {
    // the result comes early: a result verb late in the answer cannot earn it, only its wording
    const s = star([action, result, ...filler].join(' '));
    expect(s.result).toEqual({ found: true, sentence: result, how: 'role' });
  });

  it('does not take an early sentence without a result wording, figure or late result verb as the result', () => {
    for (const other of ['The retention team read the list every week.', 'The list went to the retention team.', 'It was the end of the quarter by then.']) {
      expect(star([action, other, ...filler].join(' ')).result.found, other).toBe(false);
    }
  });

  it('takes a figure as a measured result, and a result verb only late in the answer', () => {
    const figure = 'Wasted offers were 30% of the total before.';
    expect(star([action, figure, ...filler].join(' ')).result).toEqual({ found: true, sentence: figure, how: 'role' });
    const verb = 'The campaign reduced the wasted offers for the team.';
    // 5 sentences: from the fourth (index 3 = floor(5 × 0.6)) a result verb counts, not before
    expect(star([action, filler[0], filler[1], verb, filler[2]].join(' ')).result).toEqual({ found: true, sentence: verb, how: 'role' });
    expect(star([action, filler[0], verb, filler[1], filler[2]].join(' ')).result.found).toBe(false);
  });

  // every result verb, in the past tense, late in the answer; "covered" is not one
  const resultVerbs: [string, string][] = Object.entries({ deliver: 'delivered', move: 'moved', change: 'changed', stay: 'stayed', remain: 'remained', shift: 'shifted', hold: 'held', reduce: 'reduced', cut: 'cut', improve: 'improved', increase: 'increased', raise: 'raised', lower: 'lowered', drop: 'dropped', fall: 'fell', rise: 'rose', reach: 'reached', achieve: 'achieved', save: 'saved', catch: 'caught', ship: 'shipped', launch: 'launched', adopt: 'adopted', agree: 'agreed', approve: 'approved', deploy: 'deployed', retain: 'retained', win: 'won', double: 'doubled', halve: 'halved', recover: 'recovered', prevent: 'prevented', stop: 'stopped', land: 'landed', grow: 'grew', shrink: 'shrank', beat: 'beat', outperform: 'outperformed' });
  it.each(resultVerbs)('"%s" late in the answer makes the result ("The new campaign %s the weekly offers.")', (_, past) => {
    const result = `The new campaign ${past} the weekly offers.`;
    expect(star([action, filler[0], result].join(' ')).result).toEqual({ found: true, sentence: result, how: 'role' });
  });
  it('a verb that is not a result verb does not make the result', () => {
    expect(star([action, filler[0], 'The new campaign covered the weekly offers.'].join(' ')).result.found).toBe(false);
  });

  it.each(['think:thought', 'feel:felt', 'believe:believed', 'guess:guessed', 'know:knew', 'remember:remembered', 'recall:recalled', 'forget:forgot', 'hope:hoped', 'suppose:supposed'])('"I %s ..." says what the candidate thinks, not what they did', (pair) => {
    const past = pair.split(':')[1]!;
    expect(isFirstPersonAction(analyse(`I ${past} the model was fine.`)[0]!)).toBe(false);
  });
  it.each(['want:wanted a better model', 'like:liked the model', 'seem:seemed happy with the model', 'mean:meant the model', 'wish:wished for a better model', 'need:needed a better model'])('"I %s" is not an action', (pair) => {
    const rest = pair.split(':')[1]!;
    expect(isFirstPersonAction(analyse(`I ${rest} for the offers.`)[0]!)).toBe(false);
  });
  it.each(['then', 'also', 'first', 'quickly', 'immediately', 'finally', 'personally', 'myself', 'just', 'later', 'eventually', 'still', 'actually', 'carefully', 'only', 'instead'])('"I %s thought ..." looks past the adverb to the verb', (adverb) => {
    expect(isFirstPersonAction(analyse(`I ${adverb} thought the model was fine.`)[0]!)).toBe(false);
    expect(isFirstPersonAction(analyse(`I ${adverb} compared the models.`)[0]!)).toBe(true);
  });

  it('takes the opening as the scene only within the first third of the answer', () => {
    const opening = 'Retention offers went to everybody on the list.';
    // six sentences, the first clause third (index 2 of 6): the scene; fourth (index 3): not
    expect(star(['Okay.', 'Right.', opening, action, filler[0], filler[1]].join(' ')).situation).toEqual({ found: true, sentence: opening, how: 'role' });
    expect(star(['Okay.', 'Right.', 'Well then.', opening, action, filler[0]].join(' ')).situation.found).toBe(false);
  });

  it('counts the action\'s own sentence as the result only when it says so in words', () => {
    const scene = 'Retention offers went to everybody on the list.';
    expect(star([scene, 'I rebuilt the churn features, and as a result churn fell.'].join(' ')).result).toEqual({ found: true, sentence: 'I rebuilt the churn features, and as a result churn fell.', how: 'role' });
    expect(star([scene, 'I rebuilt the churn features and cut churn by 3 points.'].join(' ')).result.found).toBe(false);
    // after the action, the same sentence is the result
    expect(star([scene, action, 'I cut churn by 3 points with the new features.'].join(' ')).result.sentence).toBe('I cut churn by 3 points with the new features.');
  });

  it('reads a figure after the last comma, colon or semicolon as a measured result, unless "I" or "we" act there', () => {
    for (const tail of ['I checked the forecast on the hold-out weeks, where recall was 69.5%.', 'I checked the forecast on the hold-out weeks: recall was 69.5%.', 'I checked the forecast on the hold-out weeks; recall was 69.5%.']) {
      expect(star([action, tail].join(' ')).result.sentence, tail).toBe(tail);
    }
    expect(star([action, 'I checked the forecast on the hold-out weeks, and then we measured 69.5% recall.'].join(' ')).result.found).toBe(false);
  });

  it('takes the latest of the strongest result: words over a figure over a verb', () => {
    const words = 'In the end the team trusted the list.';
    const figure = 'Wasted offers were 20% of the total after that.';
    expect(star([action, words, figure].join(' ')).result.sentence).toBe(words);
    expect(star([action, figure, words].join(' ')).result.sentence).toBe(words);
  });

  it('finds the action from "I" with an action verb, or "we" when no "I" acts, and not from a stative or negated verb', () => {
    const first = (text: string) => isFirstPersonAction(analyse(text)[0]!);
    expect(first('I compared three models on the same folds.')).toBe(true);
    expect(first('So I then quickly reran the evaluation.')).toBe(true);
    expect(first('I have built a cost model for the offers.')).toBe(true);
    expect(first('I was asked to build a model.')).toBe(false);
    expect(first('I think the model was fine.')).toBe(false);
    expect(first('I did not compare the models.')).toBe(false);
    expect(first("I didn't compare the models.")).toBe(false);
    expect(first("I haven't compared the models.")).toBe(false);
    expect(first('I never compared the models.')).toBe(false);
    expect(first('The team compared three models.')).toBe(false);
    const we = (text: string) => isWeAction(analyse(text)[0]!);
    expect(we('We compared three models on the same folds.')).toBe(true);
    // the verb within four words of "we", not further
    expect(we('We then quickly carefully compared the two models.')).toBe(true);
    expect(we('We then quickly and carefully compared the two models.')).toBe(false);
    expect(we('We had a model already.')).toBe(false);
    expect(we('We did not compare the models.')).toBe(false);
    const s = star('Last year churn was rising fast. We compared three models on the same folds. As a result churn fell by 3 points.');
    expect(s.action).toEqual({ found: true, sentence: 'We compared three models on the same folds.', how: 'role' });
  });
});

describe('STAR labels', () => {
  const label = (text: string) => starLabel(analyse(text)[0]!);
  it.each([
    ['Situation: x y', 'situation'],
    ['Context: x y', 'situation'],
    ['Background: x y', 'situation'],
    ['S: x y', 'situation'],
    ['Task: x y', 'task'],
    ['Goal - x y', 'task'],
    ['Objective: x y', 'task'],
    ['Challenge: x y', 'task'],
    ['T) x y', 'task'],
    ['Action: x y', 'action'],
    ['Actions — x y', 'action'],
    ['Approach – x y', 'action'],
    ['A: x y', 'action'],
    ['Result: x y', 'result'],
    ['Results: x y', 'result'],
    ['Outcome: x y', 'result'],
    ['Impact: x y', 'result'],
    ['R) x y', 'result'],
  ])('"%s" is a %s label', (text, part) => {
    expect(label(text)?.part).toBe(part);
  });
  it('takes the label and its punctuation and markup, and nothing of a plain word', () => {
    expect(label('Situation: churn was high.')).toEqual({ part: 'situation', tokens: 2 });
    expect(label('**Result.** churn fell.')).toEqual({ part: 'result', tokens: 4 });
    expect(label('## Action\nI reran it.')).toEqual({ part: 'action', tokens: 3 });
    expect(label('2) Task - decide.')).toEqual({ part: 'task', tokens: 4 });
    expect(label('Result')).toEqual({ part: 'result', tokens: 1 });
    expect(label('a: lower-case letter.')).toBeUndefined();
    expect(label('A - the letter with a dash.')).toBeUndefined();
    expect(label('A model shipped.')).toBeUndefined();
    expect(label('Results were good.')).toBeUndefined();
    expect(label('The result: fine.')).toBeUndefined();
  });
  it('quotes a labelled sentence without its label and markup', () => {
    const [s] = analyse('**Result:** Churn fell by 3 points.**');
    expect(quote(s!)).toBe('Churn fell by 3 points.');
    expect(contentTokens(s!)[0]!.text).toBe('Churn');
    expect(quote(analyse('Situation:')[0]!)).toBe('Situation:');
    // bold labels, as markdown writes them: the markup after the colon is part of the label
    expect(quote(analyse('**Situation:** our churn model looked too good.')[0]!)).toBe('our churn model looked too good.');
    expect(label('**Situation:** our churn model looked too good.')).toEqual({ part: 'situation', tokens: 5 });
    expect(label('Result:** churn fell by 3 points.')).toEqual({ part: 'result', tokens: 3 });
    expect(label('**R:** churn fell by 3 points.')?.part).toBe('result');
  });
  it('reads a story written with bold labels ("**Situation:**") and quotes each part without them', () => {
    const s = star('**Situation:** our churn model looked too good to be true.\n**Task:** I had to decide whether it could ship.\n**Action:** I reran the evaluation with the scaling inside the folds.\n**Result:** the honest AUC was 0.84, and we shipped a pilot.');
    expect(Object.values(s).map((p) => [p.how, p.sentence])).toEqual([
      ['label', 'our churn model looked too good to be true.'],
      ['label', 'I had to decide whether it could ship.'],
      ['label', 'I reran the evaluation with the scaling inside the folds.'],
      ['label', 'the honest AUC was 0.84, and we shipped a pilot.'],
    ]);
  });
  it('credits a labelled result even when it blames, but no other labelled part; never finds an action the candidate labelled as a list', () => {
    const s = star('Situation: my manager refused to look at the validation results. Action: I reran the evaluation with the scaling inside the folds. Result: the engineers broke the pipeline again, so we shipped two weeks late.');
    expect(s.situation).toMatchObject({ found: false, note: 'labelled "situation", but what follows is not a sentence that says something' });
    expect(s.result).toEqual({ found: true, sentence: 'the engineers broke the pipeline again, so we shipped two weeks late.', how: 'label' });
    const listed = star('Situation: our churn model looked too good, so I reran the evaluation with the scaling inside the folds. Action: reran, folds. Result: the honest AUC was 0.84, not 0.92.');
    expect(listed.action).toEqual({ found: false, sentence: null, how: null, note: 'labelled "action", but what follows is not a sentence that says something' });
  });

  it('says why a label did not count, and finds an action in another part\'s section', () => {
    const s = star('Situation: customers churn. Task: decide whether the model can ship to the team. Result: auc recall.');
    expect(s.situation).toEqual({ found: false, sentence: null, how: null, note: 'labelled "situation", but what follows is not a sentence that says something' });
    expect(s.task).toEqual({ found: true, sentence: 'decide whether the model can ship to the team.', how: 'label' });
    expect(s.result.note).toBe('labelled "result", but what follows is not a sentence that says something');
    const hidden = star('Situation: our churn model looked too good to be true. I reran the evaluation with the scaling inside the folds. Result: the honest AUC was 0.84, not 0.92.');
    expect(hidden.action).toEqual({ found: true, sentence: 'I reran the evaluation with the scaling inside the folds.', how: 'role' });
  });
});

describe('quantified result', () => {
  const read = (text: string) => {
    const sentences = analyse(text);
    const reading = readStar(sentences, sentences.map(() => new Set()));
    return quantifiedResult(sentences, reading);
  };
  it('is found only in a result that holds a figure, with the reason in words', () => {
    expect(read('I rebuilt the features from the raw logs. As a result churn fell by 3 points.')).toEqual({ found: true, sentence: 'As a result churn fell by 3 points.', why: 'the result holds a figure' });
    expect(read('I rebuilt the features from the raw logs. As a result churn halved within the quarter.')).toMatchObject({ found: true });
    expect(read('I rebuilt the features from the raw logs. As a result the team trusted the list.')).toEqual({ found: false, sentence: 'As a result the team trusted the list.', why: 'the result has no figure: say by how much, measured how' });
    expect(read('I rebuilt the features from the raw logs. I wrote the report for the team.')).toEqual({ found: false, sentence: null, why: 'no result, so nothing to quantify' });
    // a labelled result section: any of its sentences may hold the figure
    expect(read('Action: I rebuilt the features from the raw logs. Result: the team trusted the new list. Wasted offers fell by 30 a week.')).toEqual({ found: true, sentence: 'Wasted offers fell by 30 a week.', why: 'the result holds a figure' });
  });
});

describe('sentences that say something, and lists that do not', () => {
  const reading = (text: string, keywords: number[] = []) => readClause(analyse(text)[0]!, new Set(keywords));
  it('gives the reason a sentence is not a clause', () => {
    expect(reading('Churn.')).toEqual({ words: 1, isClause: false, reason: 'only 1 word' });
    expect(reading('Churn models are hard.')).toEqual({ words: 4, isClause: false, reason: 'only 4 words' });
    expect(reading('Churn models retention offers campaigns budgets.')).toEqual({ words: 6, isClause: false, reason: 'a list of terms: almost no articles, prepositions or pronouns' });
    expect(reading('I used churn models retention offers campaigns budgets segments cohorts forecasts with care.')).toEqual({ words: 13, isClause: false, reason: 'a list of terms: 10 content words in a row' });
    expect(reading('I built cv smote shap.')).toEqual({ words: 5, isClause: false, reason: 'mostly keywords and jargon, with little said about them' });
    expect(reading('Probabilities and frequencies and reliability curves for models.', [0, 2, 4, 5])).toEqual({ words: 8, isClause: false, reason: 'a list of keywords joined by "and"' });
    expect(reading('Probabilities and frequencies and reliability curves for models.')).toEqual({ words: 8, isClause: false, reason: 'no verb' });
    expect(reading('I compared three models on the same folds.')).toEqual({ words: 8, isClause: true });
  });
  it('takes a quarter of grammar words as prose, whatever else the sentence holds', () => {
    // 2 of 8 words are grammar words: prose, though 5 are jargon; 2 of 9 with 6 jargon: a list
    expect(reading('I ran SMOTE SHAP on AUC CV RFM.')).toEqual({ words: 8, isClause: true });
    expect(reading('I ran SMOTE SHAP on AUC CV RFM PCA.')).toEqual({ words: 9, isClause: false, reason: 'mostly keywords and jargon, with little said about them' });
    // exactly half jargon is not "mostly"
    expect(reading('I ran SMOTE SHAP AUC CV RFM with models today.')).toEqual({ words: 10, isClause: true });
    // without a verb: one grammar word in six is a fragment, two in nine reads as prose
    expect(reading('Reliability diagrams for quarterly customer segments.')).toEqual({ words: 6, isClause: false, reason: 'no verb' });
    expect(reading('Reliability diagrams for quarterly customer segments in regional markets.')).toEqual({ words: 9, isClause: true });
    // keywords chained by "and" with many grammar words around them read as prose
    expect(reading('It is all on probabilities and frequencies and reliability curves.', [4, 6, 8, 9])).toEqual({ words: 10, isClause: true });
    expect(reading('Probabilities and frequencies and reliability curves for models.', [0, 2, 4, 5])).toMatchObject({ isClause: false });
  });

  it('counts eight content words in a row as prose, nine as a list', () => {
    // "used" is a content word: used ... segments is eight, used ... cohorts nine
    expect(reading('I used churn models retention offers campaigns budgets segments with care.').isClause).toBe(true);
    expect(reading('I used churn models retention offers campaigns budgets segments cohorts with care.')).toMatchObject({ isClause: false, reason: 'a list of terms: 9 content words in a row' });
  });
  it('knows the weak keywords', () => {
    for (const k of ['they', 'Their ', 'them', 'both', 'it', 'we', 'our', 'i', 'my', 'own', 'the', 'a', 'an', 'this', 'that', 'and', 'or', 'not', 'no', 'all', 'some', 'why', 'under', 'before', 'after']) expect(isWeakKeyword(k), k).toBe(true);
    for (const k of ['smote', 'threshold', 'base rate']) expect(isWeakKeyword(k), k).toBe(false);
  });
  it('finds three sentences on one frame with keywords swapped, and not two, nor one sentence said three times', () => {
    const keyed = (texts: string[], word: (i: number) => string) => {
      const sentences = analyse(texts.join(' '));
      return templatedSentences(sentences, sentences.map((s, i) => new Set(s.tokens.map((t, j) => (t.lower === word(i) ? j : -1)).filter((j) => j >= 0))));
    };
    const terms = ['smote', 'weights', 'thresholds'];
    const three = terms.map((t) => `In this project I used ${t} for the churners.`);
    expect([...keyed(three, (i) => terms[i]!)].sort()).toEqual([0, 1, 2]);
    expect([...keyed(three.slice(0, 2), (i) => terms[i]!)]).toEqual([]);
    expect([...keyed([three[0]!, three[0]!, three[0]!], () => 'smote')]).toEqual([]);
    // three different sentences, each with a keyword, are not a frame
    const different = ['I applied smote only inside the training folds.', 'The weights changed the ranking of customers very little.', 'Later we moved the thresholds after a cost analysis.'];
    expect([...keyed(different, (i) => terms[i]!)]).toEqual([]);
    // a frame of one word around the keyword is too small to call a frame
    expect([...keyed(['Use smote.', 'Use weights.', 'Use thresholds.'], (i) => terms[i]!)]).toEqual([]);
    // a sentence without a keyword is not part of a frame
    expect([...keyed(three, (i) => (i === 2 ? 'none' : terms[i]!))]).toEqual([]);
  });
});

describe('the follow-up question', () => {
  const backed = (metric: string, text = '0.84'): ClaimCheck => ({ text, line: 1, sentence: '', verdict: 'backed', metric, reason: '' });
  const ask = (figures: ClaimCheck[], answer = 'I built the model.', flags: Flag[] = []) => chooseFollowUp({ answer, flags, figures, followUps: [], seed: 0 });
  it.each([
    ['churn.imbalance.smoteLeaky.auc', '0.919', 'You quoted 0.919 from the leaky SMOTE variant: why is that figure inflated, and what did the honest pipeline give?'],
    ['churn.test.recall', '69.5%', 'You said recall 69.5%: what did that cost in precision, and who chose that trade-off?'],
    ['churn.test.precision', '51%', 'You said precision 51%: how many churners did you miss at that threshold?'],
    ['churn.test.prAuc', '0.66', 'You quoted a PR-AUC of 0.66: what is the baseline PR-AUC on this data, and why quote it rather than ROC-AUC?'],
    ['churn.test.auc', '0.84', 'You quoted an AUC of 0.84: what does that mean for the customers you would actually contact?'],
    ['churn.cv.auc.mean', '0.84', 'You quoted an AUC of 0.84: what does that mean for the customers you would actually contact?'],
    ['churn.test.accuracy', '80%', 'You quoted accuracy 80%: what would a model that always predicts the majority class score on this data?'],
    ['churn.serve.latencyP95Ms', '8 ms', 'You said 8 ms: at which percentile, under what load, and measured where?'],
    ['churn.cost.threshold', '0.3', 'You chose a threshold of 0.3: how did you pick it, and what happens if the offer cost doubles?'],
    ['churn.dataset.positiveRate', '26%', 'You said 26% of customers churned: how did that shape your choice of metric?'],
    ['segment.kmeans.silhouette', '0.41', 'You quoted 0.41: why did that decide the number of segments, and what else did you look at?'],
    ['segment.rfm.segments.champions', '18%', 'You said 18%: what would you do with that segment on Monday morning?'],
    ['segment.concentration.top20', '74%', 'You said 74%: what would you do with that segment on Monday morning?'],
    ['segment.clv.holdout.mae', '£12', 'You said £12: how good was the model on the hold-out period, and what would make it wrong?'],
  ])('asks about a backed %s figure', (metric, text, question) => {
    expect(ask([backed(metric, text)])).toEqual({ question, source: 'runs' });
  });
  it('skips a runs follow-up the answer already covers, and asks the next one', () => {
    expect(ask([backed('churn.test.recall', '69.5%')], 'Recall was 69.5% at a precision of 51%.')).toBeNull();
    expect(ask([backed('churn.test.recall', '69.5%'), backed('churn.test.auc')], 'Recall was 69.5% with few false alarms.')?.question).toMatch(/^You quoted an AUC of 0.84/);
    expect(ask([backed('churn.test.precision', '51%')], 'Precision was 51%, and we missed a third of churners.')).toBeNull();
    expect(ask([backed('churn.test.accuracy', '80%')], 'Accuracy was 80% against a base rate of 74%.')).toBeNull();
    expect(ask([backed('churn.dataset.positiveRate', '26%')], '26% churned, so I used recall.')).toBeNull();
    // not backed, or no metric: no runs follow-up
    expect(ask([{ ...backed('churn.test.auc'), verdict: 'no-run' }])).toBeNull();
    expect(ask([{ ...backed('churn.test.auc'), metric: undefined }])).toBeNull();
  });
  it('asks about the weakest spot first: blame, we, no result, accuracy, a contradicted figure, no recall', () => {
    const f = (kind: Flag['kind']): Flag => ({ kind, sentence: null, why: '' });
    const order: [Flag['kind'], string][] = [
      ['blame', 'Looking back, what would you do differently yourself?'],
      ['we-not-i', 'You said "we" throughout: what exactly did you do yourself?'],
      ['no-result', 'How did it end: what changed, and how did you measure it?'],
      ['accuracy-without-context', 'What share of the data was the positive class, and what would always predicting the majority class score?'],
      ['unbacked-figure', 'Where does that figure come from, and how did you measure it?'],
      ['no-recall', 'Roughly what were the numbers, and where would you look them up?'],
    ];
    for (let i = 0; i < order.length; i++) {
      const flags = order.slice(i).map(([k]) => f(k)).reverse();
      expect(ask([backed('churn.test.auc')], 'I built the model.', flags), order[i]![0]).toEqual({ question: order[i]![1], source: 'answer' });
    }
    // only a contradicted-figure flag names the figure: blame beside a differing figure asks about the blame
    const differing: ClaimCheck = { text: '75%', line: 1, sentence: '', verdict: 'differs', reason: '' };
    expect(ask([differing], 'x', [f('blame'), f('unbacked-figure')])?.question).toBe('Looking back, what would you do differently yourself?');
    expect(ask([differing], 'x', [f('no-recall'), f('unbacked-figure')])?.question).toBe('You said 75%: where does that figure come from, and how did you measure it?');
    // other flags ask nothing of their own
    expect(ask([], 'I built the model.', [f('vague'), f('fillers'), f('too-long')])).toBeNull();
    // a contradicted figure is named
    const differs: ClaimCheck = { text: '75%', line: 1, sentence: '', verdict: 'differs', reason: '' };
    expect(ask([differs], 'x', [f('unbacked-figure')])).toEqual({ question: 'You said 75%: where does that figure come from, and how did you measure it?', source: 'answer' });
    expect(ask([{ ...differs, verdict: 'suspicious' }], 'x', [f('unbacked-figure')])?.question).toBe('You said 75%: where does that figure come from, and how did you measure it?');
  });
  it('asks what a listed term did, only when the answer was flagged as a list', () => {
    const list: Flag = { kind: 'keyword-list', sentence: 'SMOTE, SHAP.', why: '' };
    expect(chooseFollowUp({ answer: 'SMOTE, SHAP.', flags: [list, { kind: 'blame', sentence: null, why: '' }], figures: [], followUps: [], seed: 0, listedTerm: 'SMOTE' })).toEqual({ question: 'You mentioned SMOTE: what exactly did you do with it in your project, and why?', source: 'answer' });
    expect(chooseFollowUp({ answer: 'I used SHAP.', flags: [], figures: [], followUps: ['Q1'], seed: 0, listedTerm: 'SHAP' })).toEqual({ question: 'Q1', source: 'question' });
    expect(chooseFollowUp({ answer: 'I used SHAP.', flags: [{ kind: 'vague', sentence: null, why: '' }], figures: [], followUps: ['Q1'], seed: 0, listedTerm: 'SHAP' })).toEqual({ question: 'Q1', source: 'question' });
  });
  it('asks where SMOTE was applied when the answer does not say, before any runs follow-up', () => {
    const smote = { question: 'Was SMOTE applied inside the cross-validation folds, or before the split?', source: 'answer' };
    expect(ask([backed('churn.test.auc')], 'I used SMOTE on the churners.')).toEqual(smote);
    for (const placed of ['inside each fold', 'within the folds', 'before the split', 'after the split', 'on the training set only', 'on training data only', 'in the pipeline']) {
      expect(ask([], `I used SMOTE ${placed}.`), placed).toBeNull();
    }
  });
  it('falls back to the question\'s own follow-ups by seed, and to none', () => {
    const pick = (seed: number) => chooseFollowUp({ answer: 'x', flags: [], figures: [], followUps: ['A', 'B', 'C'], seed })?.question;
    expect([0, 1, 2, 3, 4, 5].map(pick)).toEqual(['A', 'B', 'C', 'A', 'B', 'C']);
    expect(chooseFollowUp({ answer: 'x', flags: [], figures: [], followUps: [], seed: 7 })).toBeNull();
  });
});
