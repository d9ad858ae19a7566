/**
 * JSON errors in exercise.json with their real line and column (src/exercises/json-error.ts,
 * used by loadExercises): V8's JSON.parse gives no position for an unexpected token, and lint
 * named line 1 for those ("title": oops on line 3, tru on line 3, a bare word mid-file). Each case
 * below is a kind of mistake a mentor makes, with the place a person would point at.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findJsonError, lineAndColumn } from '../../src/exercises/json-error.js';
import { loadExercises } from '../../src/exercises/catalog.js';
import { makeTempHome } from '../helpers/home.js';

// [what, text, line, column, reason]
const cases: [string, string, number, number, RegExp][] = [
  ['trailing comma in an object', '{\n  "id": "x",\n  "title": "t",\n}\n', 4, 1, /^a comma before '}': JSON allows no trailing comma$/],
  ['trailing comma in an array', '{\n  "tags": ["a", "b",]\n}\n', 2, 21, /^a comma before ']': JSON allows no trailing comma$/],
  ['a double comma', '{\n  "id": "x",\n\n  "title": "t",,\n}\n', 4, 16, /^expected a property name in double quotes, found ','$/],
  ['a closing quote missing: the string runs to the end of its line', '{\n  "id": "x",\n  "title": "a title,\n  "kind": "sql"\n}\n', 3, 12, /^this string is not closed before the end of line 3: a closing '"' is missing$/],
  ['an opening quote missing on a name', '{\n  "id": "x",\n  title": "t"\n}\n', 3, 3, /^expected a property name in double quotes, found 't'$/],
  ['an opening quote missing on a value: a bare word', '{\n  "id": "x",\n  "title": oops"\n}\n', 3, 12, /^the bare word 'oops'/],
  ['a string never closed at the end of the file', '{\n  "id": "x', 2, 9, /^this string is never closed/],
  ['the file ends inside the object', '{\n  "id": "x",\n', 3, 1, /^the file ends inside the object: a closing '}' is missing$/],
  ['the file ends inside a nested array', '{\n  "tags": ["a",\n', 3, 1, /^the file ends inside a nested array: a closing ']' is missing$/],
  ['the file ends after a name', '{\n  "id"', 2, 7, /^the file ends inside the object/],
  ['an empty file', '', 1, 1, /^the file is empty/],
  ['a blank file', '\n\n', 3, 1, /^the file is empty/],
  ['a misspelt literal mid-file (V8: "Unexpected token \',\'" without a position)', '{\n  "a": 1,\n  "ordered": tru,\n  "c": 2\n}\n', 3, 14, /^the bare word 'tru'/],
  ['a comma missing at a line end: named where the next name starts, and the line it belongs on', '{\n  "formatVersion": 1,\n  "id": "syntax"\n  "title": "x"\n}\n', 4, 3, /^expected ',' or '}', found '"' \(a comma missing after the value that ends on line 3\?\)$/],
  ['a comma missing between array elements', '{\n  "tags": ["a" "b"]\n}\n', 2, 16, /^expected ',' or ']', found '"' \(a comma missing after the value that ends on line 2\?\)$/],
  ['a colon missing', '{\n  "id" "x"\n}\n', 2, 8, /^expected ':' after the property name, found '"'$/],
  ['a value missing after the colon', '{\n  "id": ,\n}\n', 2, 9, /^',' where a value should be$/],
  ['a value missing before the brace', '{\n  "id": }\n', 2, 9, /^a value is missing after ':', found '}'$/],
  ['single quotes', "{\n  'id': 'x'\n}\n", 2, 3, /^property names need double quotes, not single$/],
  ['single quotes on a value', "{\n  \"id\": 'x'\n}\n", 2, 9, /^strings and names need double quotes, not single$/],
  ['a comment', '{\n  // the id\n  "id": "x"\n}\n', 2, 3, /^expected a property name in double quotes, found '\/'$/],
  ['a comment before the object', '// exercise\n{}\n', 1, 1, /^comments are not allowed in JSON$/],
  ['a leading zero', '{\n  "tolerance": 05\n}\n', 2, 16, /^a number cannot start with 0/],
  ['a decimal point without digits', '{\n  "tolerance": 1.\n}\n', 2, 18, /^no digits after the decimal point, found the end of the line$/],
  ['a tab inside a string', '{\n  "id": "a\tb"\n}\n', 2, 11, /^a tab inside a string: write \\t$/],
  ['a bad escape', '{\n  "sql": "SELECT \\d"\n}\n', 2, 18, /^\\d is not a JSON escape/],
  ['text after the object', '{\n  "id": "x"\n}\n}\n', 4, 1, /^'}' after the end of the JSON value/],
  ['an escape sequence before the object (ESC [2J)', '\u001b[2J{ "id": 1 }', 1, 1, /^U\+001B where a value should be$/],
  ['a byte-order mark', '\uFEFF{}\n', 1, 1, /^the file starts with a byte-order mark/],
  ['columns count characters, not bytes', '{\n  "title": "Größe", x\n}\n', 2, 21, /^expected a property name in double quotes, found 'x'$/],
];

describe('findJsonError: the line, column and reason of each kind of mistake', () => {
  for (const [what, text, line, column, reason] of cases) {
    it(what, () => {
      expect(() => JSON.parse(text)).toThrow(SyntaxError); // each case is invalid JSON
      const at = findJsonError(text);
      expect(at, what).toMatchObject({ line, column });
      expect(at!.reason).toMatch(reason);
    });
  }

  it('valid JSON, however nested, has no error (property: every fast-check JSON text)', () => {
    fc.assert(fc.property(fc.json(), (text) => findJsonError(text) === undefined));
    fc.assert(fc.property(fc.jsonValue().map((v) => JSON.stringify(v, null, 2)), (text) => findJsonError(text) === undefined));
  });

  it('agrees with JSON.parse on valid JSON with one character deleted, inserted or replaced', () => {
    const edit = fc.tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom(',', '"', ':', '{', '}', '[', ']', '0', 'x', ' ', '\n', '\\', "'", '-', '.', 'e'));
    fc.assert(
      fc.property(edit, ([json, at, kind, c]) => {
        const i = json.length === 0 ? 0 : at % json.length;
        const text = kind === 'delete' ? json.slice(0, i) + json.slice(i + 1) : kind === 'insert' ? json.slice(0, i) + c + json.slice(i) : json.slice(0, i) + c + json.slice(i + 1);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const found = findJsonError(text);
        expect(found === undefined, text).toBe(valid);
        if (found) expect(found.line).toBeLessThanOrEqual(text.split('\n').length);
      }),
      { numRuns: 3000 },
    );
  });

  it('deep nesting neither overflows the stack nor hides the error', () => {
    const deep = '['.repeat(200_000);
    expect(findJsonError(deep)).toEqual({ line: 1, column: 200_001, reason: "the file ends inside a nested array: a closing ']' is missing" });
    expect(findJsonError(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeUndefined();
  });

  it('lineAndColumn counts lines by \\n and columns by character', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 2)).toEqual({ line: 1, column: 3 });
    expect(lineAndColumn('ab\ncd', 3)).toEqual({ line: 2, column: 1 });
    expect(lineAndColumn('😀x\n', 2)).toEqual({ line: 1, column: 2 });
  });
});

describe('loadExercises: a JSON problem names file:line:column and the reason', () => {
  it('the kinds V8 gave no position for now point at their line, not line 1', () => {
    const root = makeTempHome();
    const put = (slug: string, text: string) => {
      mkdirSync(join(root, '01_a', slug), { recursive: true });
      writeFileSync(join(root, '01_a', slug, 'exercise.json'), text);
    };
    put('bare-word', '{\n  "id": "x",\n  "title": oops\n}\n');
    put('literal', '{\n  "a": 1,\n  "ordered": tru,\n  "c": 2\n}\n');
    put('trailing', '{\n  "tags": ["a", "b",]\n}\n');
    put('unclosed', '{\n  "id": "x",\n  "title": "a title,\n  "kind": "sql"\n}\n');
    put('cut-short', '{\n  "id": "x",\n');
    put('long', `{\n  "id": "x",\n  "title": "a title long enough for V8 to cut the quoted text short", "x": oops, "y": 1, "z": "and more after it"\n}\n`);
    expect(loadExercises(root).problems).toEqual([
      { file: '01_a/bare-word/exercise.json:3:12', rule: 'json', message: expect.stringMatching(/^not valid JSON: the bare word 'oops'/) },
      { file: '01_a/cut-short/exercise.json:3:1', rule: 'json', message: "not valid JSON: the file ends inside the object: a closing '}' is missing" },
      { file: '01_a/literal/exercise.json:3:14', rule: 'json', message: expect.stringMatching(/^not valid JSON: the bare word 'tru'/) },
      { file: '01_a/long/exercise.json:3:76', rule: 'json', message: expect.stringMatching(/^not valid JSON: the bare word 'oops'/) },
      { file: '01_a/trailing/exercise.json:2:21', rule: 'json', message: "not valid JSON: a comma before ']': JSON allows no trailing comma" },
      { file: '01_a/unclosed/exercise.json:3:12', rule: 'json', message: `not valid JSON: this string is not closed before the end of line 3: a closing '"' is missing` },
    ]);
  });
});
