/**
 * The feedback as terminal lines, wrapped at word boundaries: score and how it was reached, STAR
 * parts with their sentences, talking points with the evidence quoted, red flags with the
 * sentence that raised each, figures against the runs, length, and the follow-up. Pure: the Ink
 * drill, `--plain` and `prep feedback` colour the rows by tone and print them.
 */
import type { AnswerFeedback } from './feedback.js';

export type Tone = 'heading' | 'good' | 'bad' | 'warn' | 'plain' | 'dim';

export interface FeedbackRow {
  text: string;
  tone: Tone;
}

/**
 * Wraps at spaces; continuation lines get `indent` spaces and never start with a space. A word
 * longer than the width is cut. Runs of spaces inside a line are kept (the padding that aligns
 * the STAR parts and the score steps); other whitespace, such as a newline inside a quoted
 * sentence, reads as one space.
 */
export function wrapWords(text: string, width: number, indent = 0): string[] {
  const out: string[] = [];
  const lead = /^\s*/.exec(text)![0];
  let line = '';
  const room = (first: boolean) => Math.max(10, width - (first ? lead.length : indent));
  for (const [, gap, word] of text.slice(lead.length).matchAll(/(\s*)(\S+)/g)) {
    let w = word!;
    const space = /^ +$/.test(gap!) ? gap! : ' ';
    while (w.length > room(out.length === 0) && line === '') {
      out.push(w.slice(0, room(out.length === 0)));
      w = w.slice(room(out.length === 0));
    }
    if (line === '') line = w;
    else if (line.length + space.length + w.length <= room(out.length === 0)) line += `${space}${w}`;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line || out.length === 0) out.push(line);
  return out.map((l, i) => (i === 0 ? `${lead}${l}` : `${' '.repeat(indent)}${l}`));
}

const figureMark: Record<string, string> = { backed: '✓', differs: '!', suspicious: '!', 'no-run': '?', setting: '·', denied: '–' };

export function feedbackViewRows(f: AnswerFeedback, options: { width?: number } = {}): FeedbackRow[] {
  const width = Math.max(40, options.width ?? 80);
  const rows: FeedbackRow[] = [];
  const add = (text: string, tone: Tone, indent = 2) => {
    for (const line of wrapWords(text, width, indent)) rows.push({ text: line, tone });
  };
  add(`Score ${f.score}/100`, 'heading');
  for (const step of f.scoreSteps) {
    const sign = step.kind === 'cap' ? `≤${step.points}` : step.points >= 0 ? `+${step.points}` : `−${-step.points}`;
    add(`  ${sign.padStart(4)}  ${step.label}`, step.kind === 'add' ? 'dim' : 'warn', 10);
  }
  if (f.starExpected) {
    add('STAR', 'heading');
    for (const part of ['situation', 'task', 'action', 'result'] as const) {
      const v = f.star[part];
      const how = v.how === 'label' ? ' (your label)' : '';
      add(`  ${v.found ? '✓' : '✗'} ${part.padEnd(9)} ${v.found ? `"${v.sentence}"${how}` : (v.note ?? 'not found')}`, v.found ? 'good' : 'bad', 14);
    }
    const q = f.quantifiedResult;
    add(`  ${q.found ? '✓' : '✗'} quantified result: ${q.found ? `"${q.sentence}"` : q.why}`, q.found ? 'good' : 'bad', 6);
  }
  if (f.points.length) {
    add('Talking points', 'heading');
    for (const p of f.points) {
      add(`  ${p.covered ? '✓' : '✗'} ${p.point}`, p.covered ? 'good' : 'bad', 4);
      add(`      ${p.covered ? `"${p.evidence}"${p.weight < 1 ? ` (${p.why})` : ''}` : p.why}`, p.covered ? 'plain' : 'dim', 6);
    }
  }
  if (f.flags.length) {
    add('Red flags', 'heading');
    for (const flag of f.flags) {
      add(`  ! ${flag.kind}${flag.sentence ? `: "${flag.sentence}"` : ''}`, 'bad', 4);
      add(`      ${flag.why}`, 'dim', 6);
    }
  }
  if (f.figures.length) {
    add('Figures against your runs', 'heading');
    for (const n of f.figures) {
      const what = n.verdict === 'backed' ? `matches run ${n.runId}` : n.verdict === 'no-run' ? `unverified: no run has this figure (${n.reason})` : n.verdict === 'denied' ? n.reason : `${n.verdict}: ${n.reason}`;
      add(`  ${figureMark[n.verdict] ?? '?'} ${n.text}: ${what}`, n.verdict === 'backed' ? 'good' : n.verdict === 'no-run' || n.verdict === 'setting' || n.verdict === 'denied' ? 'dim' : 'bad', 4);
    }
  }
  const about = f.seconds[0] === f.seconds[1] ? `${f.seconds[0]} s` : `${f.seconds[0]}-${f.seconds[1]} s`;
  add(`Length: ${f.words} word${f.words === 1 ? '' : 's'} ≈ ${about} at 130-160 words a minute; target ${f.targetSeconds} s (${f.length})`, 'plain', 2);
  if (f.followUp) add(`Follow-up${f.followUp.source === 'runs' ? ' (from your runs)' : f.followUp.source === 'answer' ? ' (from your answer)' : ''}: ${f.followUp.question}`, 'heading', 2);
  return rows;
}

export function feedbackView(f: AnswerFeedback, options: { width?: number } = {}): string[] {
  return feedbackViewRows(f, options).map((r) => r.text);
}
