/**
 * Text for a fixed-size terminal screen: display width (wide CJK and emoji take two cells,
 * combining marks none), word wrapping that keeps ANSI styling across line breaks and never starts
 * a wrapped line with a space, and the answer editor's keystroke handling (bursts of backspaces,
 * pastes with newlines, multi-byte characters; control bytes never become text).
 */
import { stripAnsi } from '../../content/render.js';

const wide = (cp: number) =>
  (cp >= 0x1100 && cp <= 0x115f) ||
  (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
  (cp >= 0xac00 && cp <= 0xd7a3) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0xfe30 && cp <= 0xfe4f) ||
  (cp >= 0xff00 && cp <= 0xff60) ||
  (cp >= 0xffe0 && cp <= 0xffe6) ||
  (cp >= 0x1f300 && cp <= 0x1f64f) ||
  (cp >= 0x1f900 && cp <= 0x1f9ff) ||
  (cp >= 0x20000 && cp <= 0x3fffd);

/** Terminal cells a string takes (ANSI escapes take none). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of stripAnsi(text)) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || /\p{M}|\u200d|[\ufe00-\ufe0f]/u.test(ch)) continue;
    width += wide(cp) ? 2 : 1;
  }
  return width;
}

const sgr = /\u001b\[[0-9;]*m/g;

/**
 * Wraps each line at word boundaries to `width` cells. A word longer than the width is cut.
 * Styling open at a break is closed at the line's end and reopened on the next line, so every
 * line stands alone (the drill scrolls through them one by one). Continuations keep the indent.
 */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  let active: string[] = [];
  for (const line of text.split('\n')) {
    const indent = ' '.repeat(Math.min(/^ */.exec(stripAnsi(line))![0].length, Math.max(0, width - 10)));
    const room = Math.max(1, width - indent.length);
    let current = active.join('');
    let used = 0;
    const flush = () => {
      out.push(`${indent}${current}${active.length ? '\u001b[0m' : ''}`);
      current = active.join('');
      used = 0;
    };
    for (const word of line.replace(/^ +/, '').split(/ +/)) {
      const w = displayWidth(word);
      if (used > 0 && used + 1 + w > room) flush();
      if (w > room) {
        // a word wider than the line is cut cell by cell
        if (used > 0) flush();
        for (const piece of splitToWidth(word, room)) {
          if (used > 0) flush();
          current += piece;
          used += displayWidth(piece);
        }
      } else {
        current += (used > 0 ? ' ' : '') + word;
        used += (used > 0 ? 1 : 0) + w;
      }
      for (const code of word.match(sgr) ?? []) active = code === '\u001b[0m' || code === '\u001b[m' ? [] : [...active, code];
    }
    flush();
  }
  return out;
}

/** Pieces of a long word, each at most `width` cells. */
function splitToWidth(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let pieceWidth = 0;
  const limit = width;
  for (const token of word.split(/(\u001b\[[0-9;]*m)/)) {
    if (token.startsWith('\u001b[')) {
      piece += token;
      continue;
    }
    for (const ch of token) {
      const w = displayWidth(ch);
      if (pieceWidth + w > limit) {
        pieces.push(piece);
        piece = '';
        pieceWidth = 0;
      }
      piece += ch;
      pieceWidth += w;
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text without its last character as a person sees it (an accent with its letter, a flag, an emoji). */
export function deleteLastCharacter(text: string): string {
  let last: { index: number } | undefined;
  for (const s of segmenter.segment(text)) last = s;
  return last ? text.slice(0, last.index) : text;
}

/**
 * Applies what the terminal sent in one read to the editor's text. A read may hold many keys at
 * once (a burst of backspaces arrives as "\x7f\x7f\x7f", a paste as one string with newlines), so
 * every character is handled: DEL and BS delete a character, CR/LF start a line, other control
 * bytes are dropped, and the rest is text.
 */
export function applyTyped(text: string, input: string): string {
  // a bracketed-paste marker whose ESC the key parser already took
  if (/^\[20[01]~$/.test(input)) return text;
  let out = text;
  const chars = [...input.replace(/\r\n?/g, '\n').replace(/\u001b\[20[01]~/g, '')];
  for (const ch of chars) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x7f || cp === 0x08) out = deleteLastCharacter(out);
    else if (ch === '\n') out += '\n';
    else if (ch === '\t') out += ' ';
    else if (cp < 0x20 || (cp >= 0x80 && cp < 0xa0) || cp === 0x1b) continue;
    else out += ch;
  }
  return out;
}
