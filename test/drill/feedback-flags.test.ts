/**
 * The red flags one by one, in process (so mutation runs see them): every wording each flag
 * listens for, with a near miss that must not raise it; the thresholds of fillers, vague words and
 * length on both sides; and the exact message a user reads for each flag.
 */
import { describe, expect, it } from 'vitest';
import { analyseAnswer, type FeedbackQuestion } from '../../src/drill/feedback.js';
import { blames, countFillers, countVague, findFlags, flagKinds, flagPenalty, sentenceOfFigure } from '../../src/drill/feedback/flags.js';
import type { ClaimCheck } from '../../src/story/check.js';
import { analyse } from '../../src/text/analyse.js';

/** A question with no talking points and no STAR: only the flags' own wording matters. */
const plain: FeedbackQuestion = { kind: 'technical', targetSeconds: 60, talkingPoints: [] };
/** A behavioural question without a model answer: a story is expected. */
const storyQuestion: FeedbackQuestion = { kind: 'behavioural', targetSeconds: 60, talkingPoints: [] };
const kinds = (text: string, q: FeedbackQuestion = plain) => analyseAnswer(text, q).flags.map((f) => f.kind);
const flag = (text: string, kind: string, q: FeedbackQuestion = plain) => analyseAnswer(text, q).flags.find((f) => f.kind === kind);

describe('blame: each way of putting the fault on someone else', () => {
  const cases: [string, string][] = [
    // [blames, near miss that does not]
    ['In the end it was all his fault that the release slipped.', 'In the end it was all his idea that the release slipped.'],
    ['This is entirely their mistake, not a modelling problem.', 'This is entirely their model, not a modelling problem.'],
    ['That was the vendor\'s problem from the start.', 'That was the vendor\'s product from the start.'],
    ['The delay was the data team\'s fault.', 'The delay was the data team\'s decision.'],
    ['Honestly the slow launch was her doing.', 'Honestly the slow launch was her call.'],
    ['I blamed the vendor for the broken feed.', 'I blamed myself for the broken feed.'],
    ['I blame the vendor for the broken feed.', 'I told the vendor about the broken feed.'],
    ['The platform team were to blame for the outage.', 'The platform team were to build the outage page.'],
    ['Because of them, we failed the first review.', 'Because of them, we passed the first review.'],
    ['Thanks to the contractor and his code the project slipped by a month.', 'Thanks to the contractor and his code the project shipped in a month.'],
    ['My manager refused to look at the validation results.', 'My manager agreed to look at the validation results.'],
    ['They ignored every warning I sent about leakage.', 'They read every warning I sent about leakage.'],
    ['The engineers failed to deploy the fix on time.', 'The engineers managed to deploy the fix on time.'],
    ['He messed it up on the night before the launch.', 'He tidied it up on the night before the launch.'],
    ['She screwed things up with the schema change.', 'She cleaned things up with the schema change.'],
    ['The client broke the pipeline twice that week.', 'The client used the pipeline twice that week.'],
    ['My colleague dropped the ball on the data refresh.', 'My colleague picked up the ball on the data refresh.'],
    ['The analysts let us down with the late extract.', 'The analysts helped us with the late extract.'],
    ['My boss didn\'t listen when I raised the leakage.', 'My boss did listen when I raised the leakage.'],
    ['The stakeholders never reply to my questions.', 'The stakeholders soon reply to my questions.'],
    ['The stakeholders never replied to my questions.', 'The stakeholders soon replied to my questions.'],
    ['He never listened when I raised the leakage.', 'He listened when I raised the leakage.'],
    ['They never bothered to read the report.', 'They bothered to read the report.'],
    ['The developers wouldn\'t help with the logging.', 'The developers would help with the logging.'],
    ['My teammate did not do his part of the analysis.', 'My teammate did do his part of the analysis.'],
    ['The product team kept changing the definition of churn.', 'The product team kept the definition of churn.'],
    ['My lead was wrong about the sample size.', 'My lead was right about the sample size.'],
    ['The business was difficult during the whole project.', 'The business was busy during the whole project.'],
    ['The engineers were the problem in that project.', 'The engineers were the owners of that project.'],
    ['The owner just didn\'t get it, however I explained.', 'The owner just got it, however I explained.'],
  ];
  it.each(cases)('"%s" blames; its near miss does not', (yes, no) => {
    expect(blames(yes)).toBe(true);
    expect(blames(no)).toBe(false);
  });
  it('owning the mistake is not blame, even next to what others did', () => {
    expect(blames('They ignored the warning, but it was my fault: I should have escalated.')).toBe(false);
    expect(blames('I was wrong, and my manager refused to ship it.')).toBe(false);
    expect(blames('I messed up, and they ignored the alert.')).toBe(false);
    expect(blames('My own mistake: the engineers broke nothing.')).toBe(false);
  });
  it('quotes the first blaming sentence, says why it hurts, and costs 20 points', () => {
    const f = analyseAnswer('I retrained the churn model on the new data. My manager refused to look at the results. We shipped it anyway.', plain);
    expect(f.flags.find((x) => x.kind === 'blame')).toEqual({
      kind: 'blame',
      sentence: 'My manager refused to look at the results.',
      why: 'puts the fault on someone else: interviewers hear that you will blame them too. Say what you did and what you would do differently.',
    });
    expect(f.scoreSteps).toContainEqual({ label: 'red flag blame', points: -20, kind: 'subtract' });
  });
  it('caps a story that blames at 50, however complete it is otherwise', () => {
    const story = 'At my last company churn was rising. My task was to find who would leave. I built a model on the usage data and checked it with a backtest. The data engineering team had messed up the export, so I rebuilt it myself. As a result churn fell by 3 points.';
    const q: FeedbackQuestion = { kind: 'behavioural', targetSeconds: 20, talkingPoints: [{ point: 'Evidence', keywords: ['backtest'] }] };
    const f = analyseAnswer(story, q);
    expect(f.flags.map((x) => x.kind)).toEqual(['blame']);
    // 38 for the point (one keyword: 0.75 of 50), 30 for STAR, 20 for length, less 20: 68, capped at 50
    expect(f.scoreSteps).toEqual([
      { label: 'talking points: 1 of 1 covered with evidence (weight 0.75 of 1)', points: 38, kind: 'add' },
      { label: 'STAR: situation, task, action, result found, result quantified', points: 30, kind: 'add' },
      { label: 'length: about 19-24 s against 20 s (on target)', points: 20, kind: 'add' },
      { label: 'red flag blame', points: -20, kind: 'subtract' },
      { label: 'capped: red flag blame', points: 50, kind: 'cap' },
    ]);
    expect(f.score).toBe(50);
  });
});

describe('no-recall: each way of saying you do not remember', () => {
  const cases: [string, string][] = [
    ['I don\'t remember the exact AUC of the final model.', 'I remember the exact AUC of the final model.'],
    ['We can\'t really recall how many customers were in the test set.', 'We can really recall how many customers were in the test set.'],
    ['I could not quite remember the threshold we used.', 'I could quite remember the threshold we used.'],
    ['I cant recall what the baseline was.', 'I can recall what the baseline was.'],
    ['I forgot the precision of the final model.', 'They forgot the precision of the final model.'],
    ['I have forgotten which features we dropped.', 'I have found which features we dropped.'],
    ['The recall was 0.7 or something on the test set.', 'The recall was 0.7 or so on the test set.'],
    ['The recall was 0.7 or whatever the report said.', 'The recall was 0.7 or more on the test set.'],
    ['The lift was around three, something like that.', 'The lift was around three, something I measured.'],
    ['I\'m not sure what the recall was on the test set.', 'I\'m sure what the recall was on the test set.'],
    ['I am not certain exactly how the threshold was chosen.', 'I am certain exactly how the threshold was chosen.'],
    ['Im not sure anymore which model won in the end.', 'Im sure which model won in the end.'],
    ['I\'m not sure about the precision on the test set.', 'I\'m not surprised by the precision on the test set.'],
    ['I am not sure of the sample size we ended with.', 'I am not short of the sample size we needed.'],
    ['I\'m not sure if the test was significant.', 'I\'m sure the test was significant.'],
    ['I\'m not sure whether we used the held-out set.', 'I\'m sure we used the held-out set.'],
    ['I don\'t know exactly what the lift was.', 'I know exactly what the lift was.'],
    ['I do not know the exact lift of the campaign.', 'I do not know why the campaign lifted churn.'],
    ['Don\'t know exactly, the lift was small.', 'Don\'t know why, the lift was small.'],
    ['We had no idea what the base rate was at first.', 'We had one idea what the base rate was at first.'],
    ['If I remember rightly, the AUC was 0.84.', 'If I remember to, the AUC is reported.'],
    ['If I remember correctly, the AUC was 0.84.', 'If I rerun correctly, the AUC was 0.84.'],
    ['I don\'t have the exact numbers to hand for that run.', 'I have the exact numbers to hand for that run.'],
    ['I don\'t have the figures anymore for that run.', 'I don\'t have the figures for the next run yet.'],
    ['I don\'t have the exact number to hand for that run.', 'I don\'t have the exact number of that run yet.'],
    ['I don\'t have the figure any more for that run.', 'I don\'t have the figure for the next run yet.'],
  ];
  it.each(cases)('"%s" raises no-recall; its near miss does not', (yes, no) => {
    expect(kinds(yes)).toContain('no-recall');
    expect(kinds(no)).not.toContain('no-recall');
  });
  it('quotes the sentence and says why', () => {
    expect(flag('I compared three models on the same folds. I don\'t remember the exact AUC of the winner.', 'no-recall')).toEqual({
      kind: 'no-recall',
      sentence: 'I don\'t remember the exact AUC of the winner.',
      why: 'says you do not remember: it sounds as if the story is not yours. Quote a figure you measured (prep runs list) or describe it without one.',
    });
  });
});

describe('fillers and vague words: counted by wording', () => {
  it('counts each filler, and not the phrases that only look like one', () => {
    expect(countFillers('Um, umm, ummm the model.')).toEqual({ um: 3 });
    expect(countFillers('Uh, uhm, uhh the model.')).toEqual({ uh: 3 });
    expect(countFillers('Erm, er, ermm the model.')).toEqual({ erm: 3 });
    expect(countFillers('It was, you know, late. You know what I mean? You know that feeling. You know how it goes. You know the drill. You know if it works.')).toEqual({ 'you know': 1, 'i mean': 1 });
    expect(countFillers('basically literally sort of')).toEqual({ basically: 1, literally: 1, 'sort of': 1 });
    expect(countFillers('It was kind of slow. What kind of model? Which kind of test? This kind of data, a kind of bias, any kind of check, some kind of cap, the kind of thing, each kind of error, every kind of user, one kind of plot.')).toEqual({ 'kind of': 1 });
    expect(countFillers('I mean the recall.')).toEqual({ 'i mean': 1 });
    expect(countFillers('It was, like, slow. Like, really slow. I like the model and looked like a fool.')).toEqual({ like: 2 });
    expect(countFillers('The umbrella, the errand, the utter summary, the meantime.')).toEqual({});
  });
  it('counts each vague wording, and not the precise ones next to it', () => {
    expect(countVague('We changed stuff.')).toEqual({ stuff: 1 });
    expect(countVague('some things, various things, other things, many things, a few things, the things. things like that, things went wrong, things got worse, things worked')).toEqual({ things: 10, various: 1 });
    expect(countVague('Two things mattered.')).toEqual({});
    expect(countVague('precision, recall, etc. and so on, and so forth')).toEqual({ etc: 3 });
    expect(countVague('somehow')).toEqual({ somehow: 1 });
    expect(countVague('a lot of work and lots of data; a lottery')).toEqual({ 'a lot': 2 });
    expect(countVague('pretty good, quite well, fairly nice, really decent; pretty bad')).toEqual({ 'pretty good': 4 });
    expect(countVague('it went well, it worked fine, went great, worked ok, went okay; went down')).toEqual({ 'went well': 5 });
    expect(countVague('made it better, make things better, making everything better; made the model better')).toEqual({ better: 3 });
    expect(countVague('we did some, do some, doing some; did something')).toEqual({ 'did some': 3 });
    expect(countVague('it is important, are key, was very crucial, were really essential, is so critical, are also relevant, is too important; is importantly')).toEqual({ 'is important': 7 });
    expect(countVague('maybe probably i guess perhaps')).toEqual({ maybe: 1, probably: 1, 'i guess': 1, perhaps: 1 });
  });

  it('flags fillers from three, or from two when they are at least 3% of the words, with the counts in the message', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    // two fillers in 66 words: 3.03%
    const dense = analyseAnswer(`Um I checked ${words(61)}, basically everything.`, plain);
    expect(dense.words).toBe(66);
    expect(dense.flags.find((f) => f.kind === 'fillers')).toEqual({ kind: 'fillers', sentence: `Um I checked ${words(61)}, basically everything.`, why: '2 fillers ("um" ×1, "basically" ×1): they read as unsure. Pause instead.' });
    // two fillers in 67 words: 2.99%
    const sparse = analyseAnswer(`Um I checked ${words(62)}, basically everything.`, plain);
    expect(sparse.words).toBe(67);
    expect(sparse.flags.map((f) => f.kind)).not.toContain('fillers');
    // three fillers, however long the answer
    const three = analyseAnswer(`I checked ${words(200)}. Um, basically, you know, it held.`, plain);
    expect(three.flags.find((f) => f.kind === 'fillers')?.why).toBe('3 fillers ("um" ×1, "you know" ×1, "basically" ×1): they read as unsure. Pause instead.');
    // the sentence quoted is the first one with a filler
    expect(three.flags.find((f) => f.kind === 'fillers')?.sentence).toBe('Um, basically, you know, it held.');
    // 8, and 2 for each percent of the words: 3 fillers in 208 words is 1.4%, 3 more
    expect(three.words).toBe(208);
    expect(three.scoreSteps).toContainEqual({ label: 'red flag fillers', points: -11, kind: 'subtract' });
  });

  it('flags vague wording from two, quoting the first vague sentence', () => {
    const one = analyseAnswer('I compared the recall of three models on held-out customers. Maybe the last one was best at the chosen threshold.', plain);
    expect(one.flags.map((f) => f.kind)).not.toContain('vague');
    const two = analyseAnswer('I compared the recall of three models on held-out customers. Maybe the last one was probably best at the chosen threshold.', plain);
    expect(two.flags.find((f) => f.kind === 'vague')).toEqual({ kind: 'vague', sentence: 'Maybe the last one was probably best at the chosen threshold.', why: 'vague wording ("maybe" ×1, "probably" ×1): name what you did and by how much.' });
    expect(two.scoreSteps).toContainEqual({ label: 'red flag vague', points: -15, kind: 'subtract' });
    // two in 110 words are under 2%: a slip, not a habit; a third makes it one
    const filler = Array.from({ length: 9 }, () => 'I compared the recall of three models on held-out customers.').join(' ');
    const spread = analyseAnswer(`${filler} Maybe the last one was probably best at the chosen threshold.`, plain);
    expect(spread.words).toBe(99 + 11);
    expect(spread.flags.map((f) => f.kind)).not.toContain('vague');
    expect(analyseAnswer(`${filler} Maybe the last one was probably best, and perhaps the cheapest.`, plain).flags.map((f) => f.kind)).toContain('vague');
  });
});

describe('accuracy without context', () => {
  const why = 'accuracy alone proves little: on imbalanced data always predicting the majority class scores high. Give the base rate or a baseline, or a business measure (recall at a cost, money saved).';
  it('flags an accuracy quoted with a figure or praise and nothing to judge it by', () => {
    expect(flag('I trained a gradient boosted model on the churn data. Its accuracy was 92% on the test set.', 'accuracy-without-context')).toEqual({ kind: 'accuracy-without-context', sentence: 'Its accuracy was 92% on the test set.', why });
    expect(kinds('The model I built had a really high accuracy on the test set.')).toContain('accuracy-without-context');
    expect(kinds('The final model was very accurate on the held-out customers.')).toContain('accuracy-without-context');
  });
  it('does not flag accuracy without a figure or praise, or dismissed, or negated', () => {
    expect(kinds('I looked at the accuracy of the model on the test set.')).not.toContain('accuracy-without-context');
    expect(kinds('An accuracy of 92% is misleading on this data.')).not.toContain('accuracy-without-context');
    expect(kinds('Accuracy of 92% alone says little about the churners.')).not.toContain('accuracy-without-context');
    expect(kinds('I reported recall rather than accuracy, which was 92%.')).not.toContain('accuracy-without-context');
  });
  it.each([
    ['the base rate', 'The base rate of churn was 26%.'],
    ['a baseline', 'A dummy baseline that always predicts stay scored 74%.'],
    ['the majority class', 'Predicting the majority class gets 74%.'],
    ['the churn rate', 'The churn rate was 26%.'],
    ['the prevalence', 'The prevalence of churn was 26%.'],
    ['the imbalance', 'The classes were imbalanced three to one.'],
    ['a naive model', 'A naive model gets 74%.'],
    ['a share of churners', 'Only 26% churn in this data.'],
  ])('does not flag an accuracy set against %s anywhere in the answer', (_, context) => {
    const answer = `I trained a gradient boosted model on the churn data. Its accuracy was 92% on the test set. ${context}`;
    expect(kinds(answer)).not.toContain('accuracy-without-context');
    // the same answer without the context sentence is flagged: the context is what clears it
    expect(kinds('I trained a gradient boosted model on the churn data. Its accuracy was 92% on the test set. I wrote it up for the team.')).toContain('accuracy-without-context');
  });
  it.each([
    ['precision', 'The precision was 0.61 as well.'],
    ['recall', 'The recall was 0.70 as well.'],
    ['AUC', 'The AUC was 0.84 as well.'],
    ['F1', 'The F1 was 0.65 as well.'],
    ['lift', 'The lift in the top decile was 2.1 as well.'],
    ['false positives', 'There were 40 false positives as well.'],
  ])('does not flag an accuracy with %s in a neighbouring sentence', (_, neighbour) => {
    expect(kinds(`Its accuracy was 92% on the test set. ${neighbour}`)).not.toContain('accuracy-without-context');
    // two sentences away is not a neighbour
    expect(kinds(`Its accuracy was 92% on the test set. I wrote the report for the managers. I presented the work on Friday. ${neighbour}`)).toContain('accuracy-without-context');
  });
  it('looks for other metrics in the sentence before the accuracy too, and skips an accuracy said to be lacking', () => {
    expect(kinds('The recall was 0.70 on the held-out set. Its accuracy was 92% on the test set.')).not.toContain('accuracy-without-context');
    expect(kinds('The recall was 0.70 on the held-out set. I wrote the report for the managers. Its accuracy was 92% on the test set.')).toContain('accuracy-without-context');
    expect(kinds('The first model was not accurate: 60% of its alerts were wrong.')).not.toContain('accuracy-without-context');
  });
  it('does not flag an accuracy tied to a business measure in its own sentence', () => {
    for (const s of ['Its accuracy was 92%, which saved the cost of 300 wasted offers.', 'Its accuracy was 92%, worth £20k a month.', 'Its accuracy was 92%, or 3 retained customers per week.', 'Its accuracy was 92% and revenue held.']) {
      expect(kinds(s), s).not.toContain('accuracy-without-context');
    }
  });
});

describe('story flags: we-not-i and no-result', () => {
  it('flags a story told only with "we", quoting the first "we" action, and not one with an "I" action', () => {
    const we = analyseAnswer('At my last company churn was rising. We built a model on the usage data. We tested it on held-out customers. As a result churn fell by 3 points.', storyQuestion);
    expect(we.flags.find((f) => f.kind === 'we-not-i')).toEqual({ kind: 'we-not-i', sentence: 'We built a model on the usage data.', why: 'the story is told only with "we": the interviewer cannot tell what you did. Say "I" for your own actions.' });
    const i = analyseAnswer('At my last company churn was rising. We built a model on the usage data. I tested it on held-out customers. As a result churn fell by 3 points.', storyQuestion);
    expect(i.flags.map((f) => f.kind)).not.toContain('we-not-i');
    // not a story: no we-not-i
    expect(kinds('We built a model on the usage data. We tested it on held-out customers.')).not.toContain('we-not-i');
  });
  it('flags a story without an outcome, and not one with it; never a follow-up answer or a non-story', () => {
    const none = analyseAnswer('At my last company churn was rising. I built a model on the usage data. I tested it on held-out customers.', storyQuestion);
    expect(none.flags.find((f) => f.kind === 'no-result')).toEqual({ kind: 'no-result', sentence: null, why: 'the story has no outcome: say how it ended and how you measured it.' });
    expect(none.scoreSteps).toContainEqual({ label: 'red flag no-result', points: -12, kind: 'subtract' });
    const ended = analyseAnswer('At my last company churn was rising. I built a model on the usage data. As a result churn fell by 3 points.', storyQuestion);
    expect(ended.flags.map((f) => f.kind)).not.toContain('no-result');
    expect(kinds('At my last company churn was rising. I built a model on the usage data. I tested it on held-out customers.')).not.toContain('no-result');
    expect(analyseAnswer('I built a model on the usage data. I tested it on held-out customers.', { ...storyQuestion, followUpOf: 'x' }).flags.map((f) => f.kind)).not.toContain('no-result');
  });
});

describe('length flags: both sides of each boundary, with the message', () => {
  /** n words in plain sentences of ten words each (no fillers, no vague words). */
  const answerOf = (n: number) => {
    const words = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 'The' : `w${i}`));
    return words.map((w, i) => (i % 10 === 9 || i === n - 1 ? `${w}.` : w)).join(' ');
  };
  it('is too short under half the target even spoken slowly (130 wpm), and not from there', () => {
    // 63 words: 24-29 s against 60 s; 64 words: 24-30 s
    const short = analyseAnswer(answerOf(63), plain);
    expect([short.words, short.seconds, short.length]).toEqual([63, [24, 29], 'short']);
    expect(short.flags.find((f) => f.kind === 'too-short')).toEqual({ kind: 'too-short', sentence: null, why: '63 words is about 24-29 s spoken; the question expects about 60 s. Too little to show how you think.' });
    const enough = analyseAnswer(answerOf(64), plain);
    expect([enough.words, enough.seconds, enough.length]).toEqual([64, [24, 30], 'on target']);
    expect(enough.flags.map((f) => f.kind)).not.toContain('too-short');
  });
  it('says "1 word", and "2 s" once when both rates round alike', () => {
    const one = analyseAnswer('Yes.', plain);
    expect(one.seconds).toEqual([0, 0]);
    expect(one.flags.find((f) => f.kind === 'too-short')?.why).toBe('1 word is about 0 s spoken; the question expects about 60 s. Too little to show how you think.');
    const two = analyseAnswer('Yes, absolutely.', plain);
    expect(two.seconds).toEqual([1, 1]);
    expect(two.flags.find((f) => f.kind === 'too-short')?.why).toBe('2 words is about 1 s spoken; the question expects about 60 s. Too little to show how you think.');
  });
  it('is too long over 1.4 times the target even spoken fast (160 wpm), and not up to it', () => {
    // 225 words: 84-104 s against 60 s (84 is 1.4 × 60); 226 words: 85-104 s
    const fits = analyseAnswer(answerOf(225), plain);
    expect([fits.seconds, fits.length]).toEqual([[84, 104], 'on target']);
    const long = analyseAnswer(answerOf(226), plain);
    expect([long.seconds, long.length]).toEqual([[85, 104], 'long']);
    expect(long.flags.find((f) => f.kind === 'too-long')).toEqual({ kind: 'too-long', sentence: null, why: '226 words is about 85-104 s spoken, against a target of about 60 s: interviewers stop listening. Cut to the decision, the evidence and the result.' });
    expect(long.scoreSteps).toContainEqual({ label: 'red flag too-long', points: -8, kind: 'subtract' });
  });
  it('gives an empty answer a single too-short flag that says so', () => {
    expect(analyseAnswer('   ', plain).flags).toEqual([{ kind: 'too-short', sentence: null, why: 'no answer' }]);
  });
});

describe('unbacked figures and keyword lists', () => {
  const figure = (over: Partial<ClaimCheck>): ClaimCheck => ({ text: '75%', line: 1, sentence: '', verdict: 'differs', reason: 'run r1 measured 69.5%', ...over });
  const context = (text: string, figures: ClaimCheck[]) => {
    const sentences = analyse(text);
    return findFlags({ sentences, keywordTokens: sentences.map(() => new Set<number>()), templated: new Set(), star: { parts: {} as never, at: {}, sectionOf: [] }, story: false, isFollowUp: false, figures, words: 200, seconds: [75, 92], targetSeconds: 90, length: 'on target', fillers: {}, vague: {} });
  };
  it('raises one flag per figure the runs contradict or find suspicious, and none for backed or unverified ones', () => {
    const text = 'Recall reached 75% on held-out customers. Precision was 40% there. The AUC was 0.84 overall. The budget was £20k.';
    const flags = context(text, [figure({}), figure({ text: '40%', verdict: 'suspicious', reason: 'no run measured a precision this low' }), figure({ text: '0.84', verdict: 'backed' }), figure({ text: '£20k', verdict: 'no-run' })]);
    expect(flags).toEqual([
      { kind: 'unbacked-figure', sentence: 'Recall reached 75% on held-out customers.', why: '75%: your runs say otherwise: run r1 measured 69.5%' },
      { kind: 'unbacked-figure', sentence: 'Precision was 40% there.', why: '40%: suspicious: no run measured a precision this low' },
    ]);
  });
  it('quotes the figure check\'s own sentence when it has one, else the sentence on the figure\'s line', () => {
    const sentences = analyse('First line says 12%.\nSecond line says 12% too.');
    expect(sentenceOfFigure(figure({ text: '12%', sentence: 'as the check read it' }), sentences)).toBe('as the check read it');
    expect(sentenceOfFigure(figure({ text: '12%', line: 2 }), sentences)).toBe('Second line says 12% too.');
    expect(sentenceOfFigure(figure({ text: '12%', line: 1 }), sentences)).toBe('First line says 12%.');
    expect(sentenceOfFigure(figure({ text: '99%', line: 1 }), sentences)).toBeNull();
  });
  it('raises the length and filler flags from the context it is given', () => {
    const sentences = analyse('I compared the models.');
    const base = { sentences, keywordTokens: [new Set<number>()], templated: new Set<number>(), star: { parts: {} as never, at: {}, sectionOf: [] }, story: false, isFollowUp: false, figures: [], words: 1, seconds: [0, 0] as [number, number], targetSeconds: 90, fillers: {}, vague: {} };
    expect(findFlags({ ...base, length: 'short' }).map((f) => f.why)).toEqual(['1 word is about 0 s spoken; the question expects about 90 s. Too little to show how you think.']);
    expect(findFlags({ ...base, length: 'on target' })).toEqual([]);
    expect(findFlags({ ...base, length: 'on target', words: 100, fillers: { um: 2 } })).toEqual([]);
    expect(findFlags({ ...base, length: 'on target', words: 66, fillers: { um: 2 } }).map((f) => f.kind)).toEqual(['fillers']);
    expect(findFlags({ ...base, length: 'on target', vague: { maybe: 1 } })).toEqual([]);
    expect(findFlags({ ...base, length: 'on target', vague: { maybe: 1, stuff: 1 } }).map((f) => f.kind)).toEqual(['vague']);
    // a story without a result, or told with "we", is flagged; a follow-up answer is not a story of its own
    const we = analyse('We compared the models on the same folds.');
    const story = { ...base, sentences: we, keywordTokens: [new Set<number>()], length: 'on target' as const, star: { parts: { situation: { found: false, sentence: null, how: null }, task: { found: false, sentence: null, how: null }, action: { found: false, sentence: null, how: null }, result: { found: false, sentence: null, how: null } }, at: {}, sectionOf: [] }, story: true };
    expect(findFlags(story).map((f) => f.kind)).toEqual(['we-not-i', 'no-result']);
    expect(findFlags({ ...story, isFollowUp: true })).toEqual([]);
  });
  it('flags a sentence made of two keywords and no grammar, and a frame repeated with keywords swapped, with their messages', () => {
    const q: FeedbackQuestion = { kind: 'technical', targetSeconds: 60, talkingPoints: [{ point: 'Resampling', keywords: ['smote', 'class weights', 'threshold'] }] };
    const list = analyseAnswer('I compared the options on the same folds. SMOTE, class weights.', q);
    expect(list.flags.find((f) => f.kind === 'keyword-list')).toEqual({ kind: 'keyword-list', sentence: 'SMOTE, class weights.', why: 'a list of terms, not a sentence: naming a method does not show that you know what it did for you. Say what you did with each and why.' });
    expect(list.scoreSteps).toContainEqual({ label: 'red flag keyword-list', points: -15, kind: 'subtract' });
    const framed = analyseAnswer('In this project I used SMOTE for the churners. In this project I used class weights for the churners. In this project I used the threshold for the churners.', q);
    expect(framed.flags.find((f) => f.kind === 'keyword-list')).toEqual({ kind: 'keyword-list', sentence: 'In this project I used SMOTE for the churners.', why: '3 sentences on one frame with the keywords swapped in: a list in disguise. Say what you did with each and why.' });
    // two keywords alone are a list, however short
    expect(analyseAnswer('I compared the options on the same folds. SMOTE, thresholds.', q).flags.find((f) => f.kind === 'keyword-list')?.sentence).toBe('SMOTE, thresholds.');
    expect(analyseAnswer('I compared the options on the same folds. SMOTE, mostly.', q).flags.map((f) => f.kind)).not.toContain('keyword-list');
    const prose = analyseAnswer('I compared SMOTE with class weights on the same folds, and moved the threshold afterwards.', q);
    expect(prose.flags.map((f) => f.kind)).not.toContain('keyword-list');
  });
  it('takes off each flag\'s points once per flag, at most twice its penalty per kind', () => {
    const text = 'Recall reached 75% here. Recall reached 76% there. Recall reached 77% elsewhere.';
    const store = { figures: [figure({ text: '75%' }), figure({ text: '76%' }), figure({ text: '77%' })] };
    expect(context(text, store.figures)).toHaveLength(3);
    expect(flagKinds).toHaveLength(Object.keys(flagPenalty).length);
    expect(flagPenalty).toEqual({ blame: 20, 'no-recall': 15, 'we-not-i': 20, 'no-result': 12, 'accuracy-without-context': 20, 'unbacked-figure': 15, 'too-short': 0, 'too-long': 8, fillers: 8, vague: 15, 'keyword-list': 15 });
  });
});
