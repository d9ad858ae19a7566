/**
 * Interview questions as markdown files with validated front matter, and the placeholders that
 * bind figures in model answers to the user's own runs. One broken file is reported with its
 * file and line, and the others still load.
 */
import matter from 'gray-matter';
import { readFileSync } from 'node:fs';
import { relative, basename } from 'node:path';
import { z } from 'zod';
import { listMarkdown } from './files.js';
import { sanitizeForTerminal } from '../terminal-text.js';
import { sizeAgainstLimit } from '../sizes.js';

export const questionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case letters and digits'),
    title: z.string().min(5),
    roles: z.array(z.enum(['mle', 'ds', 'analyst'])).min(1),
    topics: z.array(z.string().min(2)).min(1),
    kind: z.enum(['behavioural', 'technical', 'project', 'sql', 'stats', 'system-design']),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    targetSeconds: z.number().int().min(15).max(300),
    talkingPoints: z.array(z.object({ point: z.string().min(3), keywords: z.array(z.string().min(2)).min(1) })).min(2),
    followUps: z.array(z.string().min(5)).default([]),
    links: z.array(z.string()).default([]),
  })
  .strict();

export type QuestionMeta = z.infer<typeof questionSchema>;

export const requiredSections = ['Question', 'What they are probing', 'Model answer', 'Pitfalls'] as const;

/**
 * A worked example answer, kept apart from the model answer: for behavioural questions the model
 * answer is a bracketed template to fill with one's own story, and the example shows what a strong
 * filled-in answer sounds like (first person, STAR, a quantified result from the user's runs).
 */
export const exampleSection = 'Example answer';

export interface Question extends QuestionMeta {
  file: string;
  sections: Record<(typeof requiredSections)[number], string>;
  /** The `## Example answer` section, when the file has one (required for behavioural questions by lint). */
  example?: string;
}

export interface ContentProblem {
  file: string;
  line: number;
  rule: string;
  message: string;
}

/** A question file is short UTF-8 markdown; anything else gets one clear problem, not eight schema lines. */
export const maxQuestionBytes = 64 * 1024;

export function readQuestionText(path: string): { ok: true; raw: string } | { ok: false; rule: string; message: string } {
  const bytes = readFileSync(path);
  if (bytes.length === 0) return { ok: false, rule: 'empty', message: 'the file is empty' };
  if (bytes.length > maxQuestionBytes) {
    const sizes = sizeAgainstLimit(bytes.length, maxQuestionBytes);
    return { ok: false, rule: 'too-large', message: `the file is ${sizes.size}; a question is at most ${sizes.limit} (split it, or move long material to a link)` };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, rule: 'encoding', message: 'the file is UTF-16; save it as UTF-8' };
  if (bytes.includes(0)) return { ok: false, rule: 'encoding', message: 'the file has NUL bytes: it is binary or UTF-16 without a BOM, not UTF-8 markdown' };
  const raw = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  if (raw.includes('\uFFFD') && !bytes.includes(Buffer.from('\uFFFD'))) return { ok: false, rule: 'encoding', message: 'the file is not valid UTF-8 (Latin-1 or Windows-1252?); save it as UTF-8' };
  return { ok: true, raw };
}

function lineOfKey(raw: string, key: string | number | undefined): number {
  if (key === undefined) return 1;
  const lines = raw.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`${key}:`));
  return at >= 0 ? at + 1 : 1;
}

export function sectionsOf(body: string): Map<string, { text: string; line: number }> {
  const out = new Map<string, { text: string; line: number }>();
  let current: { text: string; line: number } | undefined;
  body.split('\n').forEach((l, i) => {
    const m = /^##\s+(.+?)\s*$/.exec(l);
    if (m) {
      current = { text: '', line: i + 1 };
      out.set(m[1]!, current);
    } else if (current) current.text += `${l}\n`;
  });
  for (const v of out.values()) v.text = v.text.trim();
  return out;
}

export function loadQuestions(dir: string, root = dir): { questions: Question[]; problems: ContentProblem[] } {
  const questions: Question[] = [];
  const problems: ContentProblem[] = [];
  for (const path of listMarkdown(dir)) {
    const file = relative(root, path);
    const text = readQuestionText(path);
    if (!text.ok) {
      problems.push({ file, line: 1, rule: text.rule, message: text.message });
      continue;
    }
    const raw = text.raw;
    let parsed: matter.GrayMatterFile<string>;
    try {
      parsed = matter(raw);
    } catch (error) {
      const mark = (error as { mark?: { line?: number } }).mark;
      problems.push({ file, line: (mark?.line ?? 0) + 2, rule: 'front-matter', message: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    const result = questionSchema.safeParse(parsed.data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ file, line: lineOfKey(raw, issue.path[0] as string | undefined), rule: 'schema', message: `${issue.path.join('.') || '(front matter)'}: ${issue.message}` });
      }
      continue;
    }
    if (result.data.id !== basename(path, '.md')) problems.push({ file, line: lineOfKey(raw, 'id'), rule: 'id', message: `id "${result.data.id}" differs from the file name` });
    const frontLines = raw.slice(0, raw.length - parsed.content.length).split('\n').length - 1;
    const sections = sectionsOf(parsed.content);
    const missing = requiredSections.filter((s) => !sections.get(s)?.text);
    if (missing.length) {
      problems.push({ file, line: frontLines + 1, rule: 'sections', message: `missing or empty section(s): ${missing.map((m) => `## ${m}`).join(', ')}` });
      continue;
    }
    // lint rejects control characters; strip them anyway so a bad file cannot drive the terminal
    const clean = sanitizeForTerminal;
    const example = sections.get(exampleSection)?.text;
    questions.push({
      ...result.data,
      title: clean(result.data.title),
      talkingPoints: result.data.talkingPoints.map((t) => ({ point: clean(t.point), keywords: t.keywords.map(clean) })),
      followUps: result.data.followUps.map(clean),
      file,
      sections: Object.fromEntries(requiredSections.map((s) => [s, clean(sections.get(s)!.text)])) as Question['sections'],
      ...(example ? { example: clean(example) } : {}),
    });
  }
  return { questions, problems };
}
