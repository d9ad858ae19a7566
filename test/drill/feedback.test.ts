/**
 * Answer feedback, piece by piece: keyword matching on tokens, negation, STAR labels and roles,
 * figures against a run store built here, follow-ups, the score's limits over the whole question
 * bank, the terminal renderer, and `prep feedback` spawned as a user runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeState, openState } from '../../src/data/state.js';
import { RunStore } from '../../src/data/runs.js';
import { loadQuestions, type Question } from '../../src/content/questions.js';
import { analyseAnswer, analyseFollowUpAnswer, feedbackLines, followUpQuestion, type FeedbackQuestion } from '../../src/drill/feedback.js';
import { feedbackView, wrapWords } from '../../src/drill/feedback-view.js';
import { findKeyword, readClause } from '../../src/drill/feedback/reading.js';
import { analyse } from '../../src/text/analyse.js';
import { makeTempHome, repoRoot, runPrep } from '../helpers/home.js';

const root = join(repoRoot, 'content');
const { questions } = loadQuestions(join(root, 'questions'), root);
const question = (id: string): Question => questions.find((q) => q.id === id)!;
const point = (f: ReturnType<typeof analyseAnswer>, prefix: string) => f.points.find((p) => p.point.startsWith(prefix))!;

afterAll(() => closeState());

describe('talking-point keywords on tokens', () => {
  const hears = (keyword: string, text: string) => findKeyword(analyse(text)[0]!, keyword).length > 0;
  it('match stems, a * inside a phrase, and the forms of a plain word', () => {
    expect(hears('oversampl*', 'we oversampled the churners')).toBe(true);
    expect(hears('roll* back', 'so we rolled back the release')).toBe(true);
    expect(hears('estimate', 'we estimated the effect')).toBe(true);
    expect(hears('estimate', 'estimating the lift')).toBe(true);
    expect(hears('test', 'two tests')).toBe(true);
    expect(hears('A/B', 'an a/b test')).toBe(true);
    expect(hears('80/20', 'the 80/20 rule held')).toBe(true);
    expect(hears('training fold*', 'inside each training fold')).toBe(true);
  });
  it('do not match a word that only contains the keyword', () => {
    expect(hears('test', 'a backtest')).toBe(false);
    expect(hears('cv', 'a csv file')).toBe(false);
    expect(hears('estimate', 'overestimated')).toBe(false);
    expect(hears('A/B', 'a b c')).toBe(false);
  });
});

describe('sentences, not bags of words', () => {
  it('a negated sentence does not cover its point ("he didn\'t listen", "never wrote a cost model")', () => {
    const conflict = analyseAnswer('My colleague and I disagreed about the churn model. He didn\'t listen to me and never understood the goal of the project at all.', question('conflict-story'));
    expect(point(conflict, 'Listen and find').covered).toBe(false);
    expect(point(conflict, 'Listen and find').why).toMatch(/negated/);
    const impact = analyseAnswer('In my churn project I never wrote a cost model and I did not state any assumptions about the offer cost.', question('business-impact'));
    expect(point(impact, 'State the assumptions').covered).toBe(false);
    // the same words, said plainly, cover it, and the evidence is quoted
    const plain = analyseAnswer('In my churn project I wrote a cost model and stated its assumptions: the offer cost and the value of a saved customer.', question('business-impact'));
    expect(point(plain, 'State the assumptions')).toMatchObject({ covered: true, evidence: 'In my churn project I wrote a cost model and stated its assumptions: the offer cost and the value of a saved customer.' });
  });

  it('"they" is not "Start from their decision"; someone else listening is not the candidate listening', () => {
    const f = analyseAnswer('They were happy with the presentation and they said it was clear to them.', question('communicating-non-technical'));
    expect(point(f, 'Start from their decision').covered).toBe(false);
    const other = analyseAnswer('The product manager listened to the whole team and understood the goal of the launch very well.', question('conflict-story'));
    expect(point(other, 'Listen and find').covered).toBe(false);
    expect(point(other, 'Listen and find').why).toMatch(/someone else/);
  });

  it('a bare keyword list covers nothing, however many keywords it has', () => {
    const f = analyseAnswer('I built cv smote shap. Class weights, SMOTE, inside folds, threshold, AUC, recall, base rate.', question('class-imbalance-smote'));
    expect(f.points.every((p) => !p.covered)).toBe(true);
    expect(f.flags.map((x) => x.kind)).toContain('keyword-list');
  });

  it('a grammatical frame repeated with keywords swapped in covers nothing', () => {
    const f = analyseAnswer(
      'In this project I used the base rate and accuracy. In this project I used class weights and SMOTE. In this project I used training folds and leakage. In this project I used the threshold and the AUC and the ranking and recall.',
      question('class-imbalance-smote'),
    );
    expect(f.points.filter((p) => p.covered)).toEqual([]);
    expect(f.flags.find((x) => x.kind === 'keyword-list')?.why).toMatch(/4 sentences on one frame/);
    // the same sentence said twice is repetition, not a disguised list
    const twice = 'I applied SMOTE only inside each training fold, never before the split, because that would leak.';
    expect(point(analyseAnswer(`${twice} ${twice} ${twice}`, question('class-imbalance-smote')), 'SMOTE only inside').covered).toBe(true);
  });

  it('reads real sentences as clauses and term lists as lists, whatever the tagger says', () => {
    const clause = (text: string) => readClause(analyse(text)[0]!).isClause;
    expect(clause('I applied SMOTE inside the training folds only.')).toBe(true);
    expect(clause('Complexity and regularisation move a model along the trade-off.')).toBe(true);
    expect(clause('A small service loads it and exposes predict, batch predict, health, model metadata and Prometheus metrics.')).toBe(true);
    expect(clause('I built cv smote shap.')).toBe(false);
    expect(clause('Threshold ranking AUC recall precision base rate churn rate prevalence accuracy.')).toBe(false);
    expect(clause('Disagreement, conflict, perspective, listening, understanding, goal, data, evidence.')).toBe(false);
  });
});

describe('STAR parts', () => {
  const story = (text: string) => analyseAnswer(text, question('conflict-story'));
  const body = {
    s: 'At my last company a product manager wanted to ship a churn model with a validation score that looked too good.',
    t: 'My task was to decide with her whether the model was ready for the campaign.',
    a: 'I reran the evaluation with preprocessing inside the folds and showed her the honest score.',
    r: 'As a result she agreed to a small pilot first, and we still work well together.',
  };
  it('takes labelled paragraphs, however they are written, and quotes the sentence without its label', () => {
    for (const [s, t, a, r] of [
      ['Situation:', 'Task:', 'Action:', 'Result:'],
      ['S:', 'T:', 'A:', 'R:'],
      ['## Situation\n', '## Task\n', '## Action\n', '## Result\n'],
      ['**Situation.**', '**Task.**', '**Action.**', '**Result.**'],
      ['1. Situation:', '2. Task:', '3. Action:', '4. Result:'],
      ['- Context -', '- Goal -', '- Actions -', '- Outcome -'],
    ]) {
      const f = story(`${s} ${body.s}\n${t} ${body.t}\n${a} ${body.a}\n${r} ${body.r}`);
      expect(f.star.situation).toMatchObject({ found: true, sentence: body.s, how: 'label' });
      expect(f.star.action).toMatchObject({ found: true, sentence: body.a, how: 'label' });
      expect(f.star.result).toMatchObject({ found: true, sentence: body.r, how: 'label' });
    }
  });
  it('finds the parts from what unlabelled sentences do', () => {
    const f = story(`${body.s} ${body.t} ${body.a} ${body.r}`);
    expect(Object.fromEntries(Object.entries(f.star).map(([k, v]) => [k, v.sentence]))).toEqual({ situation: body.s, task: body.t, action: body.a, result: body.r });
  });
  it('a label over a list of terms does not count, and "A model ..." is not an Action label', () => {
    const f = story('Situation: customers churn. Task: the goal. Result: auc recall.');
    expect(f.star.situation.found || f.star.task.found || f.star.result.found).toBe(false);
    expect(f.star.result.note).toMatch(/labelled/);
    const model = story('A model that looked too good was about to ship at my last company, and the product manager wanted it live.');
    expect(model.star.action.found).toBe(false);
  });
  it('does not credit a blaming sentence as a STAR part, unless it states the outcome in words', () => {
    const f = story('My colleague and I disagreed about the churn model. He didn\'t listen to me and it was his fault that we shipped late.');
    expect(f.star.result.found).toBe(false);
    expect(f.flags.find((x) => x.kind === 'blame')?.sentence).toBe('He didn\'t listen to me and it was his fault that we shipped late.');
    const ended = story(`${body.s} ${body.a} In the end we shipped two weeks late, because the data engineers kept changing the schema.`);
    expect(ended.star.result.sentence).toMatch(/^In the end/);
    expect(ended.star.situation.sentence).toBe(body.s);
  });

  it('expects a story only from project questions and behavioural ones with a STAR template', () => {
    const base = question('conflict-story');
    const notAStory = { ...base, sections: { ...base.sections, 'Model answer': 'Say why this team and this work, in your own words.' } };
    const answer = 'I want to work on churn models that a retention team really uses, because I enjoy turning a model into a decision that someone acts on every week.';
    expect(analyseAnswer(answer, notAStory)).toMatchObject({ starExpected: false });
    expect(analyseAnswer(answer, notAStory).flags.map((x) => x.kind)).not.toContain('no-result');
    expect(analyseAnswer(answer, base).flags.map((x) => x.kind)).toContain('no-result');
  });

  it('never claims a quantified result without a result (property over shuffled sentences)', () => {
    const pool = [body.s, body.t, body.a, body.r, 'The AUC was 0.84 on the held-out customers.', 'I compared 3 models on 5 folds.', 'We talked about it for 2 weeks.', 'It was fine.', 'Churn fell from 27% to 21% after the pilot.', 'Um, I think maybe it went well.'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 8 }), (sentences) => {
        const f = story(sentences.join(' '));
        if (f.quantifiedResult.found) expect(f.star.result.found).toBe(true);
        expect(f.score).toBeGreaterThanOrEqual(0);
        expect(f.score).toBeLessThanOrEqual(100);
        for (const p of f.points.filter((x) => x.covered)) expect(sentences.join(' ')).toContain(p.evidence!);
      }),
      { numRuns: 60 },
    );
  });
});

describe('scores that keywords cannot game', () => {
  it('for every question in the bank, its keywords as a salad score at most 20, and the issue\'s 14-word answer scores near zero', () => {
    for (const q of questions) {
      const keywords = q.talkingPoints.flatMap((p) => p.keywords.map((k) => k.replace(/\*/g, '')));
      const salads = [`${keywords.join(', ')}.`, q.talkingPoints.map((p) => `I used ${p.keywords.map((k) => k.replace(/\*/g, '')).join(' ')}.`).join(' ')];
      for (const salad of salads) expect(analyseAnswer(salad, q).score, `${q.id}: ${salad}`).toBeLessThanOrEqual(20);
    }
    const issue = analyseAnswer('Situation: customers churn. Task: the goal. I built cv smote shap. Result: auc recall.', question('class-imbalance-smote'));
    expect(issue.score).toBeLessThanOrEqual(5);
    expect(issue.points.filter((p) => p.covered)).toEqual([]);
  });

  it('shows how the score was reached: the steps add up to it (or a cap sets it)', () => {
    const f = analyseAnswer('Um, basically I think we did some stuff with the data, you know, and things went well.', question('failure-story'));
    const cap = f.scoreSteps.find((s) => s.kind === 'cap');
    const sum = f.scoreSteps.filter((s) => s.kind !== 'cap').reduce((a, s) => a + s.points, 0);
    expect(f.score).toBe(Math.max(0, cap ? Math.min(cap.points, sum) : sum));
    expect(f.flags.map((x) => x.kind)).toEqual(expect.arrayContaining(['fillers', 'vague', 'too-short']));
  });

  it('reads the prose around a SQL query, not the query, and does not call an answer with code too short', () => {
    const f = analyseAnswer(
      'I group the orders by month first, then take a window sum over the months in order:\n```sql\nSELECT month, SUM(revenue) OVER (ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM monthly\n```\nI use ROWS rather than the default RANGE frame, because with ties RANGE adds all rows of the same month at once.',
      question('running-totals'),
    );
    expect(f.words).toBeLessThan(45);
    expect(f.flags).toEqual([]);
    expect(f.points.every((p) => p.evidence === null || !p.evidence.includes('SELECT'))).toBe(true);
  });

  it('flags a rambling answer as too long, with its fillers counted', () => {
    const ramble = Array.from({ length: 60 }, () => 'um I think basically we like, maybe did some stuff with the data you know').join(' ');
    const f = analyseAnswer(ramble, question('class-imbalance-smote'));
    expect(f.length).toBe('long');
    expect(f.fillers.um).toBe(60);
    expect(f.flags.map((x) => x.kind)).toEqual(expect.arrayContaining(['too-long', 'fillers', 'vague']));
    expect(f.points.every((p) => !p.covered)).toBe(true);
  });
});

describe('figures and follow-ups, against runs built here', () => {
  let store: RunStore;
  let runId: string;
  beforeAll(() => {
    store = new RunStore(openState({ home: makeTempHome('prep-feedback-') }));
    const run = store.start({ lab: 'churn', dataset: { name: 'telco', sha256: 'x' } });
    run.metric('test.recall', 0.6952, { stage: 'test', formula: 'tp / (tp + fn)' });
    run.finish();
    runId = run.id;
  });

  it('a figure the runs contradict is an unbacked-figure flag with its sentence; a figure no run measured is only unverified', () => {
    const f = analyseAnswer('As a result recall reached 75% on held-out customers. The campaign budget was £20k.', question('class-imbalance-smote'), store);
    expect(f.figures.map((n) => [n.text, n.verdict])).toEqual([
      ['75%', 'differs'],
      ['£20k', 'no-run'],
    ]);
    expect(f.flags.filter((x) => x.kind === 'unbacked-figure')).toEqual([{ kind: 'unbacked-figure', sentence: 'As a result recall reached 75% on held-out customers.', why: expect.stringContaining('69.5%') }]);
    const lines = feedbackView(f, { width: 200 });
    expect(lines.find((l) => l.startsWith('  ! 75%:'))).toMatch(new RegExp(`^ {2}! 75%: differs: .*69\\.5%.*${runId}|^ {2}! 75%: differs: .*${runId}.*69\\.5%`));
    expect(lines.find((l) => l.includes('£20k:'))).toMatch(/^ {2}\? £20k: unverified/);
  });

  it('asks a follow-up from the runs when a figure is backed, from the answer when it shows a gap, else from the question', () => {
    const q = question('class-imbalance-smote');
    const runs = analyseAnswer('As a result recall reached 69.5% on held-out customers, because I chose the threshold with a cost model.', q, store);
    expect(runs.followUp).toEqual({ question: 'You said recall 69.5%: what did that cost in precision, and who chose that trade-off?', source: 'runs' });
    // a follow-up the answer already covers is not asked: here the precision trade-off was said
    const covered = analyseAnswer('As a result recall reached 69.5% on held-out customers, which cost us precision, because I chose the threshold with a cost model.', q, store);
    expect(covered.followUp?.source).toBe('question');
    expect(q.followUps).toContain(covered.followUp?.question);
    const smote = analyseAnswer('I compared class weights and SMOTE with the same model. As a result I chose class weights for the final model, because recall rose most with them.', q, store);
    expect(smote.followUp).toEqual({ question: 'Was SMOTE applied inside the cross-validation folds, or before the split?', source: 'answer' });
    const we = analyseAnswer('We compared class weights and resampling on the same folds, and we kept the data as it was.', q, store);
    expect(we.followUp?.source).toBe('answer');
    expect(we.followUp?.question).toMatch(/what exactly did you do yourself/);
    const plain = analyseAnswer('Accuracy misleads on imbalanced data, so I compared class weights with resampling inside the training folds only, and the ranking stayed the same.', question('data-leakage'), store);
    expect(question('data-leakage').followUps).toContain(plain.followUp?.question);
    expect(plain.followUp?.source).toBe('question');
  });

  it('analyses a follow-up answer against a small question: about 45 s, no STAR, no points, no further follow-up', () => {
    const parent = question('class-imbalance-smote');
    const fq: FeedbackQuestion = followUpQuestion({ question: 'Was SMOTE inside the folds?', source: 'answer' }, parent);
    expect(fq).toMatchObject({ targetSeconds: 45, talkingPoints: [], followUpOf: parent.id, title: 'Was SMOTE inside the folds?' });
    const good = analyseFollowUpAnswer(
      'Yes: I put SMOTE inside an imbalanced-learn pipeline, so it was fitted only on the training part of each fold, and the validation fold never saw a synthetic customer. When I applied it before the split on purpose, the AUC jumped, because synthetic churners were built from customers who later sat in the validation folds. That gap is how I knew the pipeline version was the honest one.',
      'Was SMOTE inside the folds?',
      parent,
      store,
    );
    expect(good.starExpected).toBe(false);
    expect(good.points).toEqual([]);
    expect(good.followUp).toBeNull();
    expect(good.flags).toEqual([]);
    expect(good.score).toBeGreaterThanOrEqual(80);
    const bad = analyseFollowUpAnswer('I don\'t remember, SMOTE or something.', 'Was SMOTE inside the folds?', parent, store);
    expect(bad.flags.map((x) => x.kind).sort()).toEqual(['no-recall', 'too-short']);
    expect(bad.score).toBeLessThan(good.score - 40);
  });
});

describe('the terminal view', () => {
  it('wraps at word boundaries within the width, continuation lines indented, never starting with a space', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zA-Z0-9%.,:"]{1,14}$/), { minLength: 1, maxLength: 40 }), fc.integer({ min: 20, max: 100 }), fc.integer({ min: 0, max: 8 }), (words, width, indent) => {
        const lines = wrapWords(words.join(' '), width, indent);
        for (const [i, line] of lines.entries()) {
          expect(line.length).toBeLessThanOrEqual(Math.max(width, indent + 10));
          if (i > 0) expect(line.slice(indent)).not.toMatch(/^\s/);
        }
        expect(lines.map((l) => l.trim()).join(' ')).toBe(words.join(' '));
      }),
      { numRuns: 100 },
    );
  });

  it('shows score steps, STAR for stories, evidence, flags with their sentence, and the follow-up, within 80 columns', () => {
    const f = analyseAnswer('At my last company the data team broke the pipeline and it was their fault. I fixed the broken feature and I retrained the model the same day. Since then I check every feature date before training.', question('failure-story'));
    const lines = feedbackView(f, { width: 80 });
    expect(lines[0]).toBe(`Score ${f.score}/100`);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines).toContain('STAR');
    expect(lines.join('\n')).toMatch(/! blame: "At my last company the data team broke the pipeline and it was their\s+fault\."/);
    // the blaming sentence is not credited as the situation
    expect(f.star.situation.sentence ?? '').not.toMatch(/their fault/);
    expect(lines.slice(-2).join(' ')).toMatch(/^Follow-up \(from your answer\): Looking back, what would you do differently\s+yourself\?$/);
    // the drill's earlier views: one unwrapped line per item, the four STAR lines first, marks leading
    const plain = feedbackLines(f, 'behavioural');
    expect(plain.slice(0, 4).map((l) => l.split(/\s+/)[1])).toEqual(['situation', 'task', 'action', 'result']);
    expect(plain).toContain('! blame: "At my last company the data team broke the pipeline and it was their fault."');
    expect(plain.filter((l) => /^[✓✗] (situation|task|action|result) /.test(l))).toHaveLength(4);
    // the earlier field names still read (not in the JSON)
    expect(f.speakingSeconds).toEqual({ low: f.seconds[0], high: f.seconds[1] });
    expect(f.talkingPoints.map((t) => t.covered)).toEqual(f.points.map((p) => p.covered));
    expect(Object.keys(JSON.parse(JSON.stringify(f)))).not.toContain('talkingPoints');
  });
});

// spawns the built bin/prep.js, which Stryker's sandbox has not got (PREP_MUTATION_RUN: vitest.mutation.config.ts)
describe.skipIf(process.env.PREP_MUTATION_RUN)('prep feedback', () => {
  const home = makeTempHome('prep-feedback-cli-');
  const answerFile = join(home, 'answer.md');
  const strong =
    "In my churn project on IBM's fictional Telco sample, about a quarter of customers had churned, so accuracy misleads: always predicting that a customer stays is right three times in four. My task was to decide whether to rebalance the classes. I compared no resampling, class weights and SMOTE on the same stratified folds with the same model. I applied SMOTE only inside each training fold, never before the split, because synthetic churners would leak into the validation folds. As a result the ranking barely changed and the AUC stayed the same for every honest variant, while recall at the default threshold rose with class weights. So I kept the data as it was and chose the threshold with a cost model instead, since resampling moves the threshold rather than the ranking.";
  beforeAll(() => writeFileSync(answerFile, strong));

  it('prints the JSON contract for a file, and reads stdin with -', () => {
    const r = runPrep(['feedback', 'class-imbalance-smote', answerFile, '--json'], { home });
    expect(r.status).toBe(0);
    const f = JSON.parse(r.stdout);
    expect(Object.keys(f)).toEqual(expect.arrayContaining(['question', 'star', 'points', 'flags', 'figures', 'words', 'seconds', 'score', 'followUp']));
    expect(f.question).toBe('class-imbalance-smote');
    expect(Object.keys(f.star)).toEqual(['situation', 'task', 'action', 'result']);
    expect(f.star.action).toMatchObject({ found: true, sentence: 'I compared no resampling, class weights and SMOTE on the same stratified folds with the same model.' });
    expect(f.points.map((p: { covered: boolean }) => p.covered)).toEqual([true, true, true, true]);
    expect(f.flags).toEqual([]);
    expect(f.score).toBeGreaterThanOrEqual(80);
    const salad = runPrep(['feedback', 'class-imbalance-smote', '-', '--json'], { home, input: 'Situation: customers churn. Task: the goal. I built cv smote shap. Result: auc recall.' });
    expect(salad.status).toBe(0);
    const s = JSON.parse(salad.stdout);
    expect(s.score).toBeLessThanOrEqual(5);
    expect(s.flags.map((x: { kind: string }) => x.kind).sort()).toEqual(['keyword-list', 'no-result', 'too-short']);
  });

  it('prints the text view, and does not touch the schedule', () => {
    const r = runPrep(['feedback', 'class-imbalance-smote', answerFile], { home });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^How did you handle class imbalance in your churn model\?\nScore \d+\/100/);
    expect(r.stdout).toMatch(/Follow-up: /);
    const stats = runPrep(['stats', '--json'], { home });
    expect(JSON.parse(stats.stdout)).toMatchObject({ cards: 0, reviews: 0 });
  });

  it('quotes an answer with terminal escape sequences without them or their payload', () => {
    const answer = 'I compared class weights and SMOTE\u001b]0;pwned\u0007 inside the folds.\u001b[2J As a result recall rose\r\b.';
    const r = runPrep(['feedback', 'class-imbalance-smote', '-', '--json'], { home, input: answer });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/pwned|\\u001b|\\u0007|\\r|\\b/);
    const text = runPrep(['feedback', 'class-imbalance-smote', '-'], { home, input: answer });
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|pwned/);
  });

  it('exits 2 with a clear message for an unknown question, a missing file or an empty answer', () => {
    const unknown = runPrep(['feedback', 'smote', answerFile], { home });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no question with id "smote"[\s\S]*Did you mean: class-imbalance-smote/);
    const missing = runPrep(['feedback', 'class-imbalance-smote', join(home, 'nope.md')], { home });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/invalid for argument 'file'. no file at .*nope\.md/);
    const empty = runPrep(['feedback', 'class-imbalance-smote', '-'], { home, input: '  \n' });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/the answer is empty/);
  });
});
