import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintQuestions } from '../../src/content/lint.js';
import { renderPlaceholders } from '../../src/content/placeholders.js';
import { loadQuestions } from '../../src/content/questions.js';
import { isKnownMetric } from '../../src/labs/catalogue/index.js';
import { spawnSync } from 'node:child_process';
import { binPath, makeTempHome, repoRoot } from '../helpers/home.js';

const known = { knownMetricKey: isKnownMetric };

function question(id: string, overrides: { front?: string; answer?: string; kind?: string; example?: string } = {}): string {
  return `---
id: ${id}
title: A question for testing
roles: [ds]
topics: [testing]
kind: ${overrides.kind ?? 'technical'}
difficulty: easy
targetSeconds: 60
talkingPoints:
  - point: first point
    keywords: [calibrat*]
  - point: second point
    keywords: [bootstrap]
${overrides.front ?? ''}---

## Question
What?

## What they are probing
Something.

## Model answer
${overrides.answer ?? 'An answer with {{churn.test.recall}} recall.'}
${overrides.example === undefined ? '' : `\n## Example answer\n${overrides.example}\n`}
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

const starTemplate = '**Situation.** [Where.]\n**Task.** [What.]\n**Action.** [How.]\n**Result.** [Figures.]';
const strongExample =
  '**Situation.** The retention team planned offers by hand.\n**Task.** I had to rank customers by risk.\n' +
  '**Action.** I built the model and I chose the threshold with a cost model.\n**Result.** It reached {{churn.test.recall}} of churners and the team adopted it.';

describe('content lint: worked examples and keywords', () => {
  const lint = (files: Record<string, string>) => lintQuestions(tree(files), known).problems;

  it('flags talking-point keywords every answer contains, with the line of the keyword', () => {
    const text = question('vague').replace('keywords: [bootstrap]', 'keywords: [bootstrap, "My", now*]');
    const problems = lint({ 'x/vague.md': text });
    expect(problems.map((p) => `${p.rule} ${p.line}`)).toEqual(['everyday-keyword 13', 'everyday-keyword 13']);
    expect(problems[0]!.message).toContain('"My"');
  });

  it('requires a worked example for behavioural questions only, and loads it apart from the template', () => {
    const problems = lint({ 'b/none.md': question('none', { kind: 'behavioural', answer: starTemplate }), 't/tech.md': question('tech') });
    expect(problems.map((p) => `${p.file} ${p.rule}`)).toEqual(['questions/b/none.md example']);
    const root = tree({ 'b/good.md': question('good', { kind: 'behavioural', answer: starTemplate, example: strongExample }) });
    expect(lintQuestions(root, known).problems).toEqual([]);
    const [loaded] = loadQuestions(join(root, 'questions'), root).questions;
    expect(loaded!.example).toBe(strongExample);
    expect(loaded!.sections['Model answer']).toBe(starTemplate);
  });

  it('rejects examples that are not strong answers: brackets, missing STAR parts, "we" only, unquantified result, blame, no recall, fillers, bare figures', () => {
    const bad: Record<string, string> = {
      brackets: strongExample.replace('by hand.', 'by hand [say how].'),
      missingTask: strongExample.replace('**Task.** ', ''),
      weOnly: strongExample.replace('I built the model and I chose', 'We built the model and we chose'),
      unquantified: strongExample.replace('{{churn.test.recall}}', 'most'),
      blame: strongExample.replace('by hand.', 'by hand, which was the analyst\'s fault.'),
      noRecall: strongExample.replace('cost model.', 'cost model, I don\'t remember which.'),
      fillers: strongExample.replace('I built', 'I basically built'),
      bareFigure: strongExample.replace('{{churn.test.recall}} of churners', '69.5% of churners'),
    };
    const files = Object.fromEntries(Object.entries(bad).map(([id, example]) => [`b/${id.toLowerCase()}.md`, question(id.toLowerCase(), { kind: 'behavioural', answer: starTemplate, example })]));
    const byFile = new Map<string, string[]>();
    for (const p of lint(files)) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p.message]);
    expect([...byFile.keys()].sort()).toEqual(Object.keys(files).map((f) => `questions/${f}`).sort());
    expect(byFile.get('questions/b/brackets.md')!.join()).toContain('[bracketed]');
    expect(byFile.get('questions/b/missingtask.md')!.join()).toContain('missing Task');
    expect(byFile.get('questions/b/weonly.md')!.join()).toContain('first person');
    expect(byFile.get('questions/b/unquantified.md')!.join()).toContain('not quantified');
    expect(byFile.get('questions/b/blame.md')!.join()).toContain('blames');
    expect(byFile.get('questions/b/norecall.md')!.join()).toContain('does not remember');
    expect(byFile.get('questions/b/fillers.md')!.join()).toContain('fillers');
    expect(byFile.get('questions/b/barefigure.md')!.join()).toContain('example answer is neither');
  });

  it('holds an example that is not a STAR story (tell me about yourself) to the first person only', () => {
    const answer = '**Present.** [Your role.]\n**Past.** [How you got here.]';
    expect(lint({ 'b/intro.md': question('intro', { kind: 'behavioural', answer, example: 'I build churn models and I measure them against retention.' }) })).toEqual([]);
    expect(lint({ 'b/intro.md': question('intro', { kind: 'behavioural', answer, example: 'A data scientist who builds churn models.' }) }).map((p) => p.rule)).toEqual(['example']);
  });

  it('every bundled behavioural question has a first-person worked example with a figure from a run', () => {
    const root = join(repoRoot, 'content');
    const behavioural = loadQuestions(join(root, 'questions'), root).questions.filter((q) => q.kind === 'behavioural');
    expect(behavioural.length).toBeGreaterThanOrEqual(12);
    for (const q of behavioural) {
      expect(q.example, q.id).toMatch(/\bI\b/);
      if (q.sections['Model answer'].includes('**Situation.**')) expect(q.example, q.id).toMatch(/\{\{\s*[a-z]+\.[A-Za-z0-9_.]+\s*\}\}/);
    }
  });
});

describe('placeholders', () => {
  it('render the run value with its run id, or say which lab to run', () => {
    const text = 'Recall {{churn.test.recall}}, top 10% share {{segment.concentration.top10Share}}, rows {{churn.dataset.rows}}.';
    const rendered = renderPlaceholders(text, (lab, key) => (lab === 'churn' ? { value: key === 'test.recall' ? 0.6952 : 7043, runId: 'churn-1', unit: key === 'test.recall' ? 'ratio' : 'count' } : undefined));
    expect(rendered).toBe('Recall 69.5% (run churn-1), top 10% share [run `prep lab segment` to fill this in], rows 7,043 (run churn-1).');
  });
});

describe('prep content show (spawned)', () => {
  const show = (args: string[]) => spawnSync(process.execPath, [binPath, 'content', 'show', ...args], { env: { ...process.env, PREP_HOME: makeTempHome(), CI: 'true', NO_COLOR: '1' }, encoding: 'utf8' });

  it('prints the template and the worked example apart, with placeholders saying which lab fills them', () => {
    const r = show(['conflict-story', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const q = JSON.parse(r.stdout) as { modelAnswer: string; example: string; followUps: string[] };
    expect(q.modelAnswer).toContain('This is a template');
    expect(q.example).toMatch(/^\*\*Situation\.\*\* /);
    expect(q.example).toContain('[run `prep lab churn` to fill this in]');
    expect(q.example).not.toContain('{{');
    expect(q.followUps.length).toBeGreaterThan(0);
    const text = show(['conflict-story']);
    expect(text.stdout.indexOf('Model answer')).toBeLessThan(text.stdout.indexOf('Example answer'));
  });

  it('names an unknown id as a usage error (exit 2)', () => {
    const r = show(['no-such-question']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no question "no-such-question"');
  });
});
