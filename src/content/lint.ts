/**
 * `prep content lint`: content is data, linted like code. Schema errors, duplicate ids,
 * placeholders that name no recorded metric, result figures in model answers that are neither
 * placeholders nor cited, and raw ANSI escapes, each with file, line and the fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../text/analyse.js';
import { extractFigures } from '../text/figures.js';
import { isStatedSetting } from '../text/settings.js';
import { placeholderPattern } from './placeholders.js';
import { loadQuestions, type ContentProblem } from './questions.js';

export interface LintOptions {
  knownMetricKey: (labDotKey: string) => boolean;
}

/** A figure is cited when its sentence links a source or says "(source: ...)". */
const cited = (sentence: string) => /\]\([^)]+\)|\(source:/i.test(sentence);

export function lintQuestions(root: string, options: LintOptions): { problems: ContentProblem[]; questions: number } {
  const dir = join(root, 'questions');
  const { questions, problems } = loadQuestions(dir, root);
  const seen = new Map<string, string>();
  for (const q of questions) {
    const raw = readFileSync(join(root, q.file), 'utf8');
    const lineOf = (index: number) => raw.slice(0, index).split('\n').length;
    if (seen.has(q.id)) problems.push({ file: q.file, line: 1, rule: 'duplicate-id', message: `id "${q.id}" is also used by ${seen.get(q.id)}` });
    else seen.set(q.id, q.file);
    const esc = raw.search(/\u001b|\\u001b|\\x1b/);
    if (esc >= 0) problems.push({ file: q.file, line: lineOf(esc), rule: 'ansi', message: 'raw ANSI escape sequence: content is plain markdown; styling comes from the renderer' });
    for (const m of raw.matchAll(placeholderPattern)) {
      const key = `${m[1]}.${m[2]}`;
      if (!options.knownMetricKey(key)) problems.push({ file: q.file, line: lineOf(m.index!), rule: 'placeholder', message: `{{${key}}} names no metric a lab records (see the catalogue in src/labs/catalogue)` });
    }
    const answerStart = raw.indexOf('## Model answer');
    const answer = q.sections['Model answer'].replace(placeholderPattern, (p) => ' '.repeat(p.length));
    for (const sentence of analyse(answer)) {
      if (cited(sentence.text)) continue;
      for (const f of extractFigures(sentence, answer)) {
        // small counts ("3 models"), periods ("13 weeks") and settings ("alpha 0.05", "the default 0.5") are not results
        if ((f.unit === 'number' && Math.abs(f.value) < 1000) || f.unit === 'duration' || isStatedSetting(sentence, f, answer)) continue;
        // a threshold a method is configured with ("a threshold of 0.1") is part of the method
        if (/\b(?:threshold|cut[- ]?off|level)(?: of)?\s*$/i.test(answer.slice(Math.max(0, f.start - 30), f.start))) continue;
        const at = raw.indexOf(f.text, answerStart);
        problems.push({ file: q.file, line: at >= 0 ? lineOf(at) : lineOf(answerStart), rule: 'bare-figure', message: `"${f.text}" in the model answer is neither a {{lab.key}} placeholder nor cited: bind it to a run metric or add (source: ...)` });
      }
    }
  }
  return { problems: problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line), questions: questions.length };
}
