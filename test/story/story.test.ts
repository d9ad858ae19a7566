/**
 * The story checker against real runs of both labs (run here, in-process, on the bundled data),
 * and the drafted story checked against the same runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunStore } from '../../src/data/runs.js';
import { closeState, openState } from '../../src/data/state.js';
import { runChurnLab } from '../../src/labs/churn/run.js';
import { defaultCostModel } from '../../src/labs/churn/types.js';
import { runSegmentLab } from '../../src/labs/segment/run.js';
import { checkClaims } from '../../src/story/check.js';
import { draftStory } from '../../src/story/draft.js';
import { homeWithDatasets, repoRoot } from '../helpers/home.js';

let store: RunStore;
beforeAll(async () => {
  const home = await homeWithDatasets(['telco', 'retail']);
  process.env.PREP_HOME = home;
  closeState();
  store = new RunStore(openState({ home }));
  await runSegmentLab({ dataset: 'retail', k: 'auto', seed: 42 }, { store });
  await runChurnLab({ dataset: 'telco', target: 'Churn', seed: 42, folds: 3, testSize: 0.2, cost: defaultCostModel, examples: 3 }, { store });
}, 300_000);

describe('prep story check', () => {
  it('flags every invented figure of a generic pitch with the right category and the run\'s own value', () => {
    const text = readFileSync(join(repoRoot, 'test/fixtures/story/generic-pitch.md'), 'utf8');
    const checks = Object.fromEntries(checkClaims(text, store).map((c) => [c.text, c]));
    expect(checks['89%']).toMatchObject({ verdict: 'suspicious', metric: 'churn.test.accuracy' });
    expect(checks['0.92']).toMatchObject({ verdict: 'suspicious', metric: 'churn.test.auc' });
    expect(checks['0.92']!.reason).toMatch(/leak/);
    // no load test has run in this store yet
    expect(checks['45 ms']).toMatchObject({ verdict: 'no-run', metric: 'churn.serve.latencyP50Ms' });
    expect(checks['500 req/s']).toMatchObject({ verdict: 'no-run' });
    expect(checks['99.8%']).toMatchObject({ verdict: 'no-run' });
    expect(checks['99.8%']!.reason).toMatch(/uptime/);
    expect(checks['$1.2M']).toMatchObject({ verdict: 'no-run' });
    const top10 = store.metric(store.latest('segment', 'concentration.top10Share')!.id, 'concentration.top10Share')!.value;
    expect(checks['68%']).toMatchObject({ verdict: 'differs', metric: 'segment.concentration.top10Share', runValue: top10 });
    expect(checks['68%']!.reason).toContain(`${(100 * top10).toFixed(1)}%`);
  });

  it('matches a claim to the metric its words name, and backs it when the run measured it', () => {
    const churn = store.latest('churn', 'test.recall')!;
    const recall = store.metric(churn.id, 'test.recall')!.value;
    const auc = store.metric(churn.id, 'test.auc')!.value;
    const text = `On held-out customers I reached recall ${(100 * recall).toFixed(1)}% and ROC-AUC ${auc.toFixed(3)}, with precision 99.0%.`;
    const [r, a, p] = checkClaims(text, store);
    expect(r).toMatchObject({ verdict: 'backed', metric: 'churn.test.recall', runId: churn.id });
    expect(a).toMatchObject({ verdict: 'backed', metric: 'churn.test.auc' });
    // 99% precision is far above what an honest model reaches on this data: suspicious, and the reason says so
    expect(p).toMatchObject({ verdict: 'suspicious', metric: 'churn.test.precision' });
    expect(p!.reason).toMatch(/precision/);
  });

  it('reads counts of customers flagged, caught and missed as the test confusion matrix, not the dataset size', () => {
    const churn = store.latest('churn', 'test.tp')!;
    const [tp, fp, fn, testRows] = ['test.tp', 'test.fp', 'test.fn', 'split.testRows'].map((k) => store.metric(churn.id, k)!.value);
    // the wrong count is 7 more, or 9 where that would be a round figure ("500" for 493 is a fair rounding)
    const wrongCount = tp! + fp! + ((tp! + fp! + 7) % 10 === 0 ? 9 : 7);
    const text = `Of ${testRows!.toLocaleString('en')} held-out customers, the retention team would target ${tp! + fp!} customers; we caught ${tp} churners and missed ${fn} churners. We would contact ${wrongCount} customers a month.`;
    const [held, flagged, caught, missed, wrong] = checkClaims(text, store);
    expect(held).toMatchObject({ verdict: 'backed', metric: 'churn.split.testRows' });
    expect(flagged).toMatchObject({ verdict: 'backed', metric: 'churn.test.tp+test.fp', runValue: tp! + fp! });
    expect(flagged!.reason).toBe(`run ${churn.id} measured ${tp! + fp!} (test customers flagged at the chosen threshold, tp + fp, telco)`);
    expect(caught).toMatchObject({ verdict: 'backed', metric: 'churn.test.tp' });
    expect(missed).toMatchObject({ verdict: 'backed', metric: 'churn.test.fn' });
    expect(wrong).toMatchObject({ verdict: 'differs', metric: 'churn.test.tp+test.fp' });
    expect(wrong!.reason).toMatch(/flagged at the chosen threshold, tp \+ fp/);
    // the clause decides even when the word right after the figure is "customers"
    const [after, testSet, offered] = checkClaims(`${tp! + fp!} customers were flagged. ${testRows!.toLocaleString('en')} customers in the test set. We offered a discount to ${tp! + fp!} customers.`, store);
    expect(after).toMatchObject({ verdict: 'backed', metric: 'churn.test.tp+test.fp' });
    expect(testSet).toMatchObject({ verdict: 'backed', metric: 'churn.split.testRows' });
    expect(offered).toMatchObject({ verdict: 'backed', metric: 'churn.test.tp+test.fp' });
  });
});

describe('prep story', () => {
  for (const project of ['churn', 'segment'] as const) {
    it(`drafts a ${project} story whose every figure is backed by the runs`, () => {
      const story = draftStory(store, project, 'ds');
      const checks = checkClaims(story.markdown, store);
      expect(checks.length).toBeGreaterThan(10);
      expect(checks.filter((c) => c.verdict !== 'backed' && c.verdict !== 'setting')).toEqual([]);
      // and no number appears that is not a recorded value, a run parameter or one of the fixed words below
      const allowed = new Set<string>(['0.5', '10', '30', '90', '4.0']); // default threshold, "top 10%", the 30 s and 90 s headings, "CC BY 4.0"
      for (const runId of story.runIds) {
        const run = store.get(runId);
        for (const v of Object.values(run.params)) if (typeof v === 'number') allowed.add(String(v));
        for (const m of store.metrics(runId)) {
          for (let d = 0; d <= 3; d++) allowed.add(m.value.toFixed(d));
          allowed.add((100 * m.value).toFixed(1));
        }
      }
      const tokens = story.markdown.replace(/\b[a-z]+-\d{8}-\d{6}-[0-9a-f]{4}\b/g, '').match(/\d[\d,]*(?:\.\d+)?/g) ?? [];
      for (const t of tokens) expect(allowed.has(t.replace(/,/g, '')), `figure ${t} in the ${project} story`).toBe(true);
    });
  }
});
