import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadWalkthrough } from '../../src/content/walkthroughs.js';
import { drillQuestions } from '../../src/drill/questions.js';
import { makeTempHome, repoRoot, runPrep } from '../helpers/home.js';
import { RunStore } from '../../src/data/runs.js';
import { closeState, openState } from '../../src/data/state.js';

describe('lifecycle walkthrough', () => {
  const steps = loadWalkthrough(join(repoRoot, 'content/walkthroughs/lifecycle'));

  it('covers the four phases in order, each step naming a lab stage and existing drill questions', async () => {
    expect(steps.map((s) => s.step)).toEqual(steps.map((_, i) => i + 1));
    expect([...new Set(steps.map((s) => s.phase))]).toEqual(['data-preparation', 'modeling', 'deployment', 'monitoring']);
    const ids = new Set((await drillQuestions({}, makeTempHome())).questions.map((q) => q.id));
    for (const s of steps) {
      expect(s.labStage).toMatch(/^churn:/);
      for (const q of s.relatedQuestions) expect(ids.has(q), `${s.file} → ${q}`).toBe(true);
    }
  });

  it('prints a step without a terminal, saying which lab to run when there is no run yet', () => {
    const r = runPrep(['walkthrough', '--step', '4'], { home: makeTempHome() });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Compare model families/);
    expect(r.stdout).toMatch(/run `prep lab churn`/);
  });

  it('shows the Telco runs beside the text written about them, another dataset on request, labelled as such', () => {
    const home = makeTempHome();
    const store = new RunStore(openState({ home }));
    for (const [dataset, rows] of [['telco', 7043], ['bank', 5000]] as const) {
      const run = store.start({ lab: 'churn', dataset: { name: dataset, sha256: 'x' } });
      run.metric('dataset.rows', rows, { stage: 'profile', formula: 'count of rows' });
      run.finish();
    }
    closeState();
    // bank is the newer run, but the text describes the Telco sample
    const plain = runPrep(['walkthrough', '--step', '1'], { home });
    expect(plain.stdout).toMatch(/run churn-\S+ on IBM's fictional Telco sample\n\s+dataset\.rows = 7043/);
    const bank = runPrep(['walkthrough', '--step', '1', '--dataset', 'bank'], { home });
    expect(bank.stdout).toMatch(/run churn-\S+ on your dataset "bank" \(the text describes the Telco sample's columns\)\n\s+dataset\.rows = 5000/);
    const none = runPrep(['walkthrough', '--dataset', 'nope'], { home });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no run on dataset "nope"[\s\S]*Runs exist on: (?:bank, telco|telco, bank)/);
  });

  it('prep pitch without runs says which lab to run', () => {
    const r = runPrep(['pitch'], { home: makeTempHome() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/prep lab churn/);
  });
});
