import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintQuestions } from '../../src/content/lint.js';
import { loadQuestions } from '../../src/content/questions.js';
import { knownLabStages } from '../../src/labs/lab-stages.js';
import { lintExercises } from '../../src/exercises/lint.js';
import { isKnownMetric } from '../../src/labs/catalogue/index.js';
import { findControlCharacter, sanitizeForTerminal } from '../../src/terminal-text.js';
import { makeTempHome, repoRoot, runPrep } from '../helpers/home.js';

const known = { knownMetricKey: isKnownMetric, knownStage: (s: string) => knownLabStages.has(s) };
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function question(id: string, body = 'What?', front = ''): string {
  return `---\nid: ${id}\ntitle: A question for testing\nroles: [ds]\ntopics: [testing]\nkind: technical\ndifficulty: easy\ntargetSeconds: 60\ntalkingPoints:\n  - point: first point\n    keywords: [stratified]\n  - point: second point\n    keywords: [calibration]\n${front}---\n\n## Question\n${body}\n\n## What they are probing\nSomething.\n\n## Model answer\nAn answer with {{churn.test.recall}} recall.\n\n## Pitfalls\n- One.\n`;
}

function contentTree(files: Record<string, string | Buffer>): string {
  const root = makeTempHome();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, 'questions', path, '..'), { recursive: true });
    writeFileSync(join(root, 'questions', path), text);
  }
  return root;
}

describe('sanitizeForTerminal', () => {
  it('removes escape sequences whole and every other control except newline and tab', () => {
    expect(sanitizeForTerminal('a\u001b]0;pwned\u0007b')).toBe('ab');
    expect(sanitizeForTerminal('\u001b[2Jclear\u001b[31mred\u001b[0m')).toBe('clearred');
    expect(sanitizeForTerminal('over\rwrite\bbell\u0007')).toBe('overwritebell');
    expect(sanitizeForTerminal('c1\u009b2Jcsi\u0085nel')).toBe('c1csinel');
    expect(sanitizeForTerminal('line 1\r\nline 2\n\tindented')).toBe('line 1\nline 2\n\tindented');
    expect(sanitizeForTerminal('café ✓ 数据 😀')).toBe('café ✓ 数据 😀');
  });

  it('leaves no control character in any string, keeps printable text, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = sanitizeForTerminal(s);
        return !controls.test(out) && sanitizeForTerminal(out) === out && findControlCharacter(out) === undefined;
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...' abc\n\t.,é✓'.split('')) }), (s) => sanitizeForTerminal(s) === s));
  });
});

describe('control characters in content never reach the terminal', () => {
  it('a question with ESC ] title, clear-screen, \\r, \\b, BEL and U+009B loads clean, and lint names the first one', () => {
    const nasty = 'Explain\u001b]0;owned\u0007 recall\u001b[2J.\rX\b\u0007 \u009b31m done';
    const root = contentTree({ 'q/nasty-question.md': question('nasty-question', nasty) });
    const { questions } = loadQuestions(join(root, 'questions'), root);
    expect(questions[0]!.sections.Question).toBe('Explain recall.X  done');
    const { problems } = lintQuestions(root, known);
    expect(problems.map((p) => p.rule).sort()).toEqual(['ansi', 'control-character']);
  });

  it('exercise start, hint and list print instructions, hints and a broken exercise.json without raw controls', () => {
    const root = makeTempHome();
    cpSync(join(repoRoot, 'exercises/01_sql/sql-churn-rate-by-contract'), join(root, '01_sql/sql-churn-rate-by-contract'), { recursive: true });
    const dir = join(root, '01_sql/sql-churn-rate-by-contract');
    writeFileSync(join(dir, 'instructions.md'), 'Do it\u001b]0;title\u0007 now\u001b[2J\r\n');
    writeFileSync(join(dir, 'hints.md'), '1. First\u0007 hint\u009b2J.\n');
    mkdirSync(join(root, '01_sql/broken'));
    writeFileSync(join(root, '01_sql/broken/exercise.json'), '\u001b[2J{ "id": 1 }');
    const home = makeTempHome();
    const env = { PREP_EXERCISES: root };
    const start = runPrep(['exercise', 'start', 'sql-churn-rate-by-contract'], { home, env });
    expect(start.status).toBe(0);
    expect(start.stdout).toMatch(/Do it now/);
    const hint = runPrep(['exercise', 'hint', 'sql-churn-rate-by-contract', '1'], { home, env });
    expect(hint.stdout).toMatch(/First hint\./);
    const list = runPrep(['exercise', 'list'], { home, env });
    expect(list.stderr).toMatch(/skipped 01_sql\/broken\/exercise.json:1:1: not valid JSON: U\+001B where a value should be/);
    for (const out of [start.stdout, start.stderr, hint.stdout, list.stdout, list.stderr]) expect(out).not.toMatch(controls);
  });

  it('data import refuses CSV header names with control characters, naming the column without echoing them', () => {
    const home = makeTempHome();
    const csv = join(home, 'bad.csv');
    writeFileSync(csv, '\u001b[2Jname,\u001b[2Jname\n1,2\n');
    const r = runPrep(['data', 'import', csv, '--name', 'bad', '--kind', 'table'], { home });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/:1: column 1's name "name" has a control character \(code 27\) at position 1/);
    expect(r.stderr).not.toMatch(controls);
  });
});

describe('lint gaps (issue 19, 11)', () => {
  it('an empty, UTF-16, binary or oversized question file gets one clear problem each', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(question('utf16-question'), 'utf16le')]);
    const root = contentTree({
      'q/empty-question.md': '',
      'q/utf16-question.md': utf16,
      'q/binary-question.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
      'q/huge-question.md': question('huge-question', 'x'.repeat(10 * 1024 * 1024)),
      'q/fine-question.md': question('fine-question'),
    });
    const { problems, questions } = lintQuestions(root, known);
    expect(questions).toBe(1);
    expect(problems.map((p) => `${p.file.split('/').pop()} ${p.rule}`)).toEqual(['binary-question.md encoding', 'empty-question.md empty', 'huge-question.md too-large', 'utf16-question.md encoding']);
    expect(problems.find((p) => p.rule === 'encoding' && p.file.includes('utf16'))!.message).toBe('the file is UTF-16; save it as UTF-8');
  });

  it('links must name a lab stage or a recorded metric', () => {
    const root = contentTree({ 'q/linked-question.md': question('linked-question', 'What?', 'links: ["nolab:nostage", "churn:nostage", "churn.test.nope", "churn:cv", "churn.test.auc"]\n') });
    const messages = lintQuestions(root, known).problems.filter((p) => p.rule === 'link').map((p) => p.message);
    expect(messages).toEqual(['link "nolab:nostage" is neither lab:stage nor lab.metric.key', 'link "churn:nostage" names no lab stage', 'link "churn.test.nope" names no metric a lab records']);
  });

  it('the bundled content links and exercise stages are all known', () => {
    expect(lintQuestions(join(repoRoot, 'content'), known).problems).toEqual([]);
  });

  it('exercise.json: syntax errors with a line, an id that differs from its folder, an unknown stage or metric', async () => {
    const root = makeTempHome();
    const copy = (from: string, to: string) => cpSync(join(repoRoot, 'exercises', from), join(root, to), { recursive: true });
    copy('02_numeric/num-precision-from-confusion', '02_numeric/syntax');
    writeFileSync(join(root, '02_numeric/syntax/exercise.json'), '{\n  "formatVersion": 1,\n  "id": "syntax"\n  "title": "x"\n}\n');
    copy('02_numeric/num-precision-from-confusion', '02_numeric/other-folder');
    const renamed = join(root, '02_numeric/other-folder/exercise.json');
    const meta = JSON.parse(readFileSync(renamed, 'utf8'));
    meta.stage = 'churn:nostage';
    meta.expected.inputs.tp = 'churn.test.nope';
    writeFileSync(renamed, JSON.stringify(meta, null, 2));
    const problems = (await lintExercises(root, { runSolutions: false, ...known })).problems.map((p) => `${p.file} ${p.rule}`);
    expect(problems).toEqual(expect.arrayContaining(['02_numeric/syntax/exercise.json:4:3 json', '02_numeric/other-folder/exercise.json id', '02_numeric/other-folder/exercise.json stage', '02_numeric/other-folder/exercise.json metric']));
  });
});
