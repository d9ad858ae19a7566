/**
 * Size limits say by how much a file is over (src/sizes.ts, used for answer files and question
 * files): a file one byte over 256 KB read "256 KB; an answer is at most 256 KB". At the boundary
 * the limit itself passes and one byte more fails with two sizes that differ.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatBytes, sizeAgainstLimit } from '../../src/sizes.js';
import { checkAnswerFile, maxAnswerBytes } from '../../src/exercises/answer.js';
import { maxQuestionBytes, readQuestionText } from '../../src/content/questions.js';
import { closeState } from '../../src/data/state.js';
import type { Exercise } from '../../src/exercises/catalog.js';
import { makeTempHome } from '../helpers/home.js';
import { caught } from '../helpers/caught.js';

afterEach(() => closeState());

describe('formatBytes and sizeAgainstLimit', () => {
  it('units from bytes to GB, one decimal, ".0" dropped', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1,023 bytes');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(300 * 1024)).toBe('300 KB');
    expect(formatBytes(5 * 1024 ** 2 + 300 * 1024)).toBe('5.3 MB');
    expect(formatBytes(10 * 1024 ** 3)).toBe('10 GB');
  });

  // [size, limit, size shown, limit shown]
  const cases: [number, number, string, string][] = [
    [256 * 1024 + 1, 256 * 1024, '262,145 bytes', '262,144 bytes'],
    [256 * 1024 + 51, 256 * 1024, '262,195 bytes', '262,144 bytes'], // 256.05 KB: still "256 KB" rounded
    [256 * 1024 + 52, 256 * 1024, '256.1 KB', '256 KB'],
    [300 * 1024, 256 * 1024, '300 KB', '256 KB'],
    [64 * 1024 + 1, 64 * 1024, '65,537 bytes', '65,536 bytes'],
    [1024 ** 3 + 1, 1024 ** 3, '1,073,741,825 bytes', '1,073,741,824 bytes'],
    [256 * 1024, 256 * 1024, '256 KB', '256 KB'], // at the limit: no difference to show
  ];
  for (const [size, limit, shownSize, shownLimit] of cases) {
    it(`${size} against ${limit}: "${shownSize}; at most ${shownLimit}"`, () => {
      expect(sizeAgainstLimit(size, limit)).toEqual({ size: shownSize, limit: shownLimit });
    });
  }

  it('over the limit, the two always read differently (every size up to 1 KB over three limits)', () => {
    for (const limit of [1024, 64 * 1024, 256 * 1024]) {
      for (let over = 1; over <= 1024; over++) {
        const { size, limit: most } = sizeAgainstLimit(limit + over, limit);
        expect(size, `${limit} + ${over}`).not.toBe(most);
      }
    }
  });
});

describe('the limits where they are used: exactly the limit passes, one byte more fails saying by how much', () => {
  it(`an answer file: ${maxAnswerBytes} bytes is read, ${maxAnswerBytes + 1} is refused with both sizes in bytes`, async () => {
    process.env.PREP_HOME = makeTempHome(); // checkNumeric's store
    const e = { formatVersion: 1, id: 'n', title: 'A numeric one', kind: 'numeric', difficulty: 'easy', tags: ['t'], stage: 'churn:profile', tolerance: 0, ordered: false, expected: { formula: 'x', inputs: { x: 0.5 } }, dir: makeTempHome(), topic: '02_numeric', slug: 'n' } as Exercise;
    const path = join(makeTempHome(), 'answer.txt');
    const head = '0.5\n';
    writeFileSync(path, head + '#'.repeat(maxAnswerBytes - head.length));
    expect((await checkAnswerFile(e, path)).summary).toBe('0.5 is right (within 0)');
    writeFileSync(path, head + '#'.repeat(maxAnswerBytes + 1 - head.length));
    expect((await caught(() => checkAnswerFile(e, path))).message).toBe(`${path} is 262,145 bytes; an answer is at most 262,144 bytes`);
  });

  it(`a question file: ${maxQuestionBytes} bytes passes the size rule, ${maxQuestionBytes + 1} is too large with both sizes in bytes`, () => {
    const path = join(makeTempHome(), 'q.md');
    writeFileSync(path, 'a'.repeat(maxQuestionBytes));
    expect(readQuestionText(path).ok).toBe(true);
    writeFileSync(path, 'a'.repeat(maxQuestionBytes + 1));
    expect(readQuestionText(path)).toEqual({ ok: false, rule: 'too-large', message: 'the file is 65,537 bytes; a question is at most 65,536 bytes (split it, or move long material to a link)' });
    writeFileSync(path, 'a'.repeat(100 * 1024));
    expect(readQuestionText(path)).toMatchObject({ message: 'the file is 100 KB; a question is at most 64 KB (split it, or move long material to a link)' });
  });
});
