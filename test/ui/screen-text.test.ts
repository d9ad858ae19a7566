import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stripAnsi } from '../../src/content/render.js';
import { applyTyped, deleteLastCharacter, displayWidth, wrapText } from '../../src/ui/drill/screen-text.js';

describe('wrapText', () => {
  it('breaks at word boundaries, keeps the indent, never starts a continuation with a space, cuts only words wider than the line', () => {
    expect(wrapText('  ✓ result "As a result we agreed to wait two weeks"', 20)).toEqual(['  ✓ result "As a', '  result we agreed', '  to wait two weeks"']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('日本語のテキスト', 6)).toEqual(['日本語', 'のテキ', 'スト']);
  });

  it('closes styling at a break and reopens it on the next line', () => {
    const lines = wrapText('\u001b[1mbold words that wrap\u001b[22m plain', 10);
    expect(lines.map(stripAnsi)).toEqual(['bold words', 'that wrap', 'plain']);
    expect(lines[0]).toBe('\u001b[1mbold words\u001b[0m');
    expect(lines[1]!.startsWith('\u001b[1m')).toBe(true);
  });

  it('property: every line fits, and the words come back in order', () => {
    const word = fc.stringMatching(/^[a-zé日]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 4, max: 60 }), (words, width) => {
        const lines = wrapText(words.join(' '), width);
        for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width);
        for (const l of lines) expect(l.startsWith(' ')).toBe(false);
        expect(lines.join('').replace(/ /g, '')).toBe(words.join(''));
      }),
    );
  });
});

describe('the editor\'s keystrokes', () => {
  it('a burst of DEL bytes deletes that many characters, multi-byte and combined ones whole', () => {
    expect(applyTyped('café 日本', '\u007f\u007f\u007f')).toBe('café');
    expect(applyTyped('e\u0301x', '\u007f\u007f')).toBe(''); // e + combining accent is one character
    expect(deleteLastCharacter('flag 🇫🇷')).toBe('flag ');
    expect(applyTyped('', '\u007f')).toBe('');
  });

  it('a paste keeps its lines; control bytes and bracketed-paste markers never become text', () => {
    expect(applyTyped('a', '\u001b[200~line one\r\nline two\rthree\u001b[201~')).toBe('aline one\nline two\nthree');
    expect(applyTyped('a', '[200~')).toBe('a');
    expect(applyTyped('', 'x\u0000\u0007\u001by\u0085\tz')).toBe('xy z');
  });

  it('display width: wide characters take two cells, combining marks and escapes none', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('\u001b[32mok\u001b[39m')).toBe(2);
  });
});
