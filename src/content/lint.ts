/**
 * `prep content lint`: content is data, linted like code. Schema errors, duplicate ids,
 * placeholders that name no recorded metric, result figures in model answers that are neither
 * placeholders nor cited, and raw ANSI escapes, each with file, line and the fix.
 */
import { join } from 'node:path';
import { extractClaims } from '../story/claims.js';
import { placeholderPattern } from './placeholders.js';
import { findControlCharacter } from '../terminal-text.js';
import { loadQuestions, readQuestionText, type ContentProblem } from './questions.js';

export interface LintOptions {
  knownMetricKey: (labDotKey: string) => boolean;
  /** "lab:stage" names the labs have; when given, a link to any other stage is a problem. */
  knownStage?: (labColonStage: string) => boolean;
}

const lineOfLink = (raw: string, link: string) => {
  const lines = raw.split('\n');
  const at = lines.findIndex((l) => l.startsWith('links:') && l.includes(link));
  return at >= 0 ? at + 1 : Math.max(1, lines.findIndex((l) => l.startsWith('links:')) + 1);
};

/** A figure is cited when its sentence links a source or says "(source: ...)". */
const cited = (sentence: string) => /\]\([^)]+\)|\(source:/i.test(sentence);

export function lintQuestions(root: string, options: LintOptions): { problems: ContentProblem[]; questions: number } {
  const dir = join(root, 'questions');
  const { questions, problems } = loadQuestions(dir, root);
  const seen = new Map<string, string>();
  for (const q of questions) {
    const text = readQuestionText(join(root, q.file));
    if (!text.ok) continue; // reported by loadQuestions
    const raw = text.raw;
    const lineOf = (index: number) => raw.slice(0, index).split('\n').length;
    if (seen.has(q.id)) problems.push({ file: q.file, line: 1, rule: 'duplicate-id', message: `id "${q.id}" is also used by ${seen.get(q.id)}` });
    else seen.set(q.id, q.file);
    const esc = raw.search(/\u001b|\\u001b|\\x1b/);
    if (esc >= 0) problems.push({ file: q.file, line: lineOf(esc), rule: 'ansi', message: 'raw ANSI escape sequence: content is plain markdown; styling comes from the renderer' });
    const control = findControlCharacter(raw.replace(/\u001b/g, ''));
    if (control) problems.push({ file: q.file, line: lineOf(control.index), rule: 'control-character', message: `control character U+${control.code.toString(16).toUpperCase().padStart(4, '0')}: content is plain text (only newlines and tabs)` });
    for (const link of q.links) {
      const stage = /^(churn|segment|abtest):[a-z-]+$/.test(link);
      const metric = /^(churn|segment|abtest)\.[\w.]+$/.test(link);
      const ok = stage ? (options.knownStage?.(link) ?? true) : metric ? options.knownMetricKey(link) : false;
      if (!ok) problems.push({ file: q.file, line: lineOfLink(raw, link), rule: 'link', message: stage ? `link "${link}" names no lab stage` : metric ? `link "${link}" names no metric a lab records` : `link "${link}" is neither lab:stage nor lab.metric.key` });
    }
    for (const m of raw.matchAll(placeholderPattern)) {
      const key = `${m[1]}.${m[2]}`;
      if (!options.knownMetricKey(key)) problems.push({ file: q.file, line: lineOf(m.index!), rule: 'placeholder', message: `{{${key}}} names no metric a lab records (see src/labs/metric-keys.ts)` });
    }
    const answerStart = raw.indexOf('## Model answer');
    const answer = q.sections['Model answer'].replace(placeholderPattern, (p) => ' '.repeat(p.length));
    for (const sentence of answer.split(/(?<=[.!?])\s+|\n+/)) {
      if (cited(sentence)) continue;
      for (const c of extractClaims(sentence)) {
        if (c.unit === 'qualifier' || (c.unit === 'count' && c.value < 1000)) continue;
        // settings, not results: "alpha 0.05", "a threshold of 0.1", "the default 0.5"
        if (/(alpha|threshold(\s+of)?|default|level)$/.test(c.before) || /^(confidence|ci|credible)$/.test(c.wordsAfter)) continue;
        const at = raw.indexOf(c.text, answerStart);
        problems.push({ file: q.file, line: at >= 0 ? lineOf(at) : lineOf(answerStart), rule: 'bare-figure', message: `"${c.text}" in the model answer is neither a {{lab.key}} placeholder nor cited: bind it to a run metric or add (source: ...)` });
      }
    }
  }
  return { problems: problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line), questions: questions.length };
}
