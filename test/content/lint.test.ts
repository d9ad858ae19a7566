import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintQuestions } from '../../src/content/lint.js';
import { renderPlaceholders } from '../../src/content/placeholders.js';
import { loadQuestions } from '../../src/content/questions.js';
import { isKnownMetric } from '../../src/labs/catalogue/index.js';
import { makeTempHome, repoRoot } from '../helpers/home.js';

const known = { knownMetricKey: isKnownMetric };

function question(id: string, overrides: { front?: string; answer?: string } = {}): string {
  return `---
id: ${id}
title: A question for testing
roles: [ds]
topics: [testing]
kind: technical
difficulty: easy
targetSeconds: 60
talkingPoints:
  - point: first point
    keywords: [first]
  - point: second point
    keywords: [second]
${overrides.front ?? ''}---

## Question
What?

## What they are probing
Something.

## Model answer
${overrides.answer ?? 'An answer with {{churn.test.recall}} recall.'}

## Pitfalls
- One.
`;
}

function tree(files: Record<string, string>): string {
  const root = makeTempHome();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, 'questions', path, '..'), { recursive: true });
    writeFileSync(join(root, 'questions', path), text);
  }
  return root;
}

describe('content lint', () => {
  it('passes on the bundled content', () => {
    const { problems, questions } = lintQuestions(join(repoRoot, 'content'), known);
    expect(problems).toEqual([]);
    expect(questions).toBeGreaterThanOrEqual(12);
  });

  it('reports schema errors with file and the line of the key, and still loads the other files', () => {
    const root = tree({ 'a/good.md': question('good'), 'a/bad.md': question('bad').replace('difficulty: easy', 'difficulty: impossible') });
    const { problems } = lintQuestions(root, known);
    expect(problems).toEqual([expect.objectContaining({ file: 'questions/a/bad.md', line: 7, rule: 'schema' })]);
    expect(loadQuestions(join(root, 'questions'), root).questions.map((q) => q.id)).toEqual(['good']);
  });

  it('flags duplicate ids, unknown placeholders, bare figures and ANSI escapes; accepts cited figures and settings', () => {
    const root = tree({
      'x/dup.md': question('dup'),
      'y/dup.md': question('dup'),
      'x/unknown.md': question('unknown', { answer: 'We got {{churn.test.uptime}}.' }),
      'x/bare.md': question('bare', { answer: 'My model reached 89% accuracy and 0.92 AUC.' }),
      'x/cited.md': question('cited', { answer: 'Published reproductions reach 0.845 ([source](https://example.org)). Use alpha 0.05 and the default 0.5 threshold.' }),
      'x/ansi.md': question('ansi', { answer: 'Colour \u001b[31mred\u001b[39m.' }),
    });
    const rules = lintQuestions(root, known).problems.map((p) => `${p.file} ${p.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining(['questions/y/dup.md duplicate-id', 'questions/x/unknown.md placeholder', 'questions/x/bare.md bare-figure', 'questions/x/ansi.md ansi']),
    );
    expect(rules.filter((r) => r.startsWith('questions/x/bare.md'))).toHaveLength(2);
    expect(rules.some((r) => r.startsWith('questions/x/cited.md'))).toBe(false);
  });
});

describe('placeholders', () => {
  it('render the run value with its run id, or say which lab to run', () => {
    const text = 'Recall {{churn.test.recall}}, top 10% share {{segment.concentration.top10Share}}, rows {{churn.dataset.rows}}.';
    const rendered = renderPlaceholders(text, (lab, key) => (lab === 'churn' ? { value: key === 'test.recall' ? 0.6952 : 7043, runId: 'churn-1', unit: key === 'test.recall' ? 'ratio' : 'count' } : undefined));
    expect(rendered).toBe('Recall 69.5% (run churn-1), top 10% share [run `prep lab segment` to fill this in], rows 7,043 (run churn-1).');
  });
});
