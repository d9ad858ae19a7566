/**
 * `prep content lint`: content is data, linted like code. Schema errors, duplicate ids,
 * placeholders that name no recorded metric, result figures in model and example answers that are
 * neither placeholders nor cited, talking-point keywords too common to show anything, worked
 * examples that are not strong answers, and raw ANSI escapes, each with file, line and the fix.
 */
import { join } from 'node:path';
import { analyse } from '../text/analyse.js';
import { extractFigures } from '../text/figures.js';
import { isStatedSetting } from '../text/settings.js';
import { placeholderPattern } from './placeholders.js';
import { findControlCharacter } from '../terminal-text.js';
import { exampleSection, loadQuestions, readQuestionText, type ContentProblem } from './questions.js';

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

/**
 * Words every answer contains whatever its quality, so a talking point "covered" by one of them
 * shows nothing: "my" covered "a real failure you own", "why" covered "the decision and why it
 * mattered". A keyword is checked without its trailing `*`.
 */
export const everydayWords: ReadonlySet<string> = new Set(
  (
    'i me my mine we our us you your they their them he she his her it its the a an and or but so then now why what how when where who which ' +
    'with in on of to for at by from as ' +
    'first next last since both no yes not later own read asked did do done made make got get was were is are be been have had has ' +
    'this that these those there here very really just also thing things good bad well data result results work worked use used time way lot all some more most'
  ).split(' '),
);

/** What a worked example answer must never contain: it is the strong answer the candidate compares against. */
const exampleRedFlags: { pattern: RegExp; why: string }[] = [
  { pattern: /\b(fault|blame[ds]?|blaming|incompetent|lazy|useless)\b/i, why: 'blames someone' },
  { pattern: /\b(don'?t|do not|can'?t|cannot) (remember|recall)\b|\bor something\b|\bI forget\b/i, why: 'does not remember' },
  { pattern: /\b(um+|uh+|erm|you know|basically|kind of|sort of)\b|\blike,/i, why: 'uses fillers' },
];
const starLabels = ['Situation', 'Task', 'Action', 'Result'] as const;

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
      if (!options.knownMetricKey(key)) problems.push({ file: q.file, line: lineOf(m.index!), rule: 'placeholder', message: `{{${key}}} names no metric a lab records (see the catalogue in src/labs/catalogue)` });
    }
    for (const [section, text] of [['Model answer', q.sections['Model answer']], [exampleSection, q.example]] as const) {
      if (!text) continue;
      const answerStart = raw.indexOf(`## ${section}`);
      const answer = text.replace(placeholderPattern, (p) => ' '.repeat(p.length));
      for (const sentence of analyse(answer)) {
        if (cited(sentence.text)) continue;
        for (const f of extractFigures(sentence, answer)) {
          // small counts ("3 models"), periods ("13 weeks") and settings ("alpha 0.05", "the default 0.5") are not results
          if ((f.unit === 'number' && Math.abs(f.value) < 1000) || f.unit === 'duration' || isStatedSetting(sentence, f, answer)) continue;
          // a fraction said in words in a model answer ("at least half its columns drift") states a rule of a method, not a measured result
          if (f.fraction && /^\p{L}/u.test(f.text)) continue;
          // a threshold a method is configured with ("a threshold of 0.1") is part of the method
          if (/\b(?:threshold|cut[- ]?off|level)(?: of)?\s*$/i.test(answer.slice(Math.max(0, f.start - 30), f.start))) continue;
          const at = raw.indexOf(f.text, answerStart);
          problems.push({ file: q.file, line: at >= 0 ? lineOf(at) : lineOf(answerStart), rule: 'bare-figure', message: `"${f.text}" in the ${section.toLowerCase()} is neither a {{lab.key}} placeholder nor cited: bind it to a run metric or add (source: ...)` });
        }
      }
    }
    for (const tp of q.talkingPoints) {
      for (const k of tp.keywords) {
        if (!everydayWords.has(k.replace(/\*$/, '').toLowerCase())) continue;
        const at = raw.search(new RegExp(`["'\\[ ,]${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["',\\]]`));
        problems.push({ file: q.file, line: at >= 0 ? lineOf(at) : lineOfSection(raw, 'talkingPoints'), rule: 'everyday-keyword', message: `keyword "${k}" of "${tp.point}" is in almost every answer, so it shows nothing: use words only an answer covering the point would say` });
      }
    }
    problems.push(...lintExample(q.file, raw, q.kind, q.sections['Model answer'], q.example));
  }
  return { problems: problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line), questions: questions.length };
}

function lineOfSection(raw: string, marker: string): number {
  const at = raw.indexOf(marker);
  return at >= 0 ? raw.slice(0, at).split('\n').length : 1;
}

/**
 * A behavioural question needs a worked example apart from its template, and the example must be
 * the strong answer: in the first person, no template brackets, no blame, no "I don't remember",
 * no fillers; when the template is a STAR story, the example labels each STAR part and quantifies
 * its result with a figure from the user's runs. ("Tell me about yourself" is not a STAR story.)
 */
export function lintExample(file: string, raw: string, kind: string, modelAnswer: string, example: string | undefined): ContentProblem[] {
  const line = lineOfSection(raw, `## ${exampleSection}`);
  if (!example) {
    return kind === 'behavioural' ? [{ file, line: lineOfSection(raw, '## Pitfalls'), rule: 'example', message: `a behavioural question needs a "## ${exampleSection}" section: one worked answer in the first person, apart from the template` }] : [];
  }
  const problems: ContentProblem[] = [];
  const say = (message: string) => problems.push({ file, line, rule: 'example', message });
  if (/\[[^\]]*\](?!\()/.test(example)) say('the example still has [bracketed] template text: write the answer out');
  const star = /\*\*Situation\.?\*\*/.test(modelAnswer);
  if (star) {
    const missing = starLabels.filter((label) => !new RegExp(`\\*\\*${label}\\.?\\*\\*`).test(example));
    if (missing.length) say(`label each STAR part in bold (**Situation.** ...) as the template does: missing ${missing.join(', ')}`);
    const action = /\*\*Action\.?\*\*([\s\S]*?)(\*\*Result|$)/.exec(example)?.[1] ?? '';
    if (!/\bI\b/.test(action)) say('the actions are not in the first person: say what "I" did, not only "we"');
    const result = /\*\*Result\.?\*\*([\s\S]*)$/.exec(example)?.[1] ?? '';
    if (!new RegExp(placeholderPattern.source).test(result) && !cited(result)) say('the result is not quantified: quote a figure as a {{lab.key}} placeholder (or a cited one)');
  } else if (!/\bI\b/.test(example)) say('the example is not in the first person: say what "I" did');
  for (const flag of exampleRedFlags) {
    const m = flag.pattern.exec(example);
    if (m) say(`the example ${flag.why} ("${m[0]}"): a worked example is the strong answer`);
  }
  return problems;
}
