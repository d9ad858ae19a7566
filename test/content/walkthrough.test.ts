import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadWalkthrough } from '../../src/content/walkthroughs.js';
import { drillQuestions } from '../../src/drill/questions.js';
import { makeTempHome, repoRoot, runPrep } from '../helpers/home.js';

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

  it('prep pitch without runs says which lab to run', () => {
    const r = runPrep(['pitch'], { home: makeTempHome() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/prep lab churn/);
  });
});
