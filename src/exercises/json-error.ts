/**
 * Where a JSON text stops being valid, and why, for lint messages a mentor can act on. V8's
 * JSON.parse names a position for some errors only ("Unexpected token 'o', ..." has none), and
 * its position is where it gave up, in characters from the start. This scanner follows the JSON
 * grammar (RFC 8259) and stops at the first character that cannot continue it: the line and
 * column of that character, and a reason in words (a trailing comma, a missing quote or comma,
 * a bare word, a leading zero, the end of the file inside an object).
 * It is iterative (an explicit stack), so deep nesting cannot overflow the call stack.
 */
export interface JsonErrorAt {
  /** 1-based line and column (columns count characters, not bytes). */
  line: number;
  column: number;
  reason: string;
}

const whitespace = new Set([' ', '\t', '\n', '\r']);

/** The first error in `text` as JSON, or undefined when it is valid JSON. */
export function findJsonError(text: string): JsonErrorAt | undefined {
  const n = text.length;
  let i = 0;
  const stack: ('{' | '[')[] = [];
  /** Where the last complete value ended: a missing comma belongs there. */
  let lastValueEnd = 0;
  let state: 'value' | 'first-value' | 'key' | 'first-key' | 'after' = 'value';
  /** What the value being read is: a property's (after ':') or an array element or the whole text. */
  let valueOf: 'property' | 'element' | 'top' = 'top';
  const at = (index: number, reason: string): JsonErrorAt => ({ ...lineAndColumn(text, index), reason });
  const skipWhitespace = () => {
    while (i < n && whitespace.has(text[i]!)) i++;
  };
  const container = () => (stack[stack.length - 1] === '{' ? 'object' : 'array');
  const closer = () => (stack[stack.length - 1] === '{' ? '}' : ']');
  const endInside = () => at(n, `the file ends inside ${stack.length > 1 ? 'a nested' : 'the'} ${container()}: a closing '${closer()}' is missing`);

  for (;;) {
    skipWhitespace();
    if (state === 'first-value' || state === 'first-key') {
      if (i < n && text[i] === (state === 'first-key' ? '}' : ']')) {
        stack.pop();
        i++;
        lastValueEnd = i;
        state = 'after';
        continue;
      }
      state = state === 'first-key' ? 'key' : 'value';
      valueOf = 'element';
      continue;
    }
    if (state === 'key') {
      if (i >= n) return endInside();
      const c = text[i]!;
      if (c === '}') return at(i, "a comma before '}': JSON allows no trailing comma");
      if (c === "'") return at(i, 'property names need double quotes, not single');
      if (c !== '"') return at(i, `expected a property name in double quotes, found ${describe(text, i)}`);
      const error = scanString();
      if (error) return error;
      skipWhitespace();
      if (i >= n) return endInside();
      if (text[i] !== ':') return at(i, `expected ':' after the property name, found ${describe(text, i)}`);
      i++;
      state = 'value';
      valueOf = 'property';
      continue;
    }
    if (state === 'value') {
      if (i >= n) return stack.length ? endInside() : at(n, n === 0 || text.trim() === '' ? 'the file is empty: an exercise.json is one JSON object' : 'the file ends where a value should be');
      const c = text[i]!;
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        state = c === '{' ? 'first-key' : 'first-value';
        valueOf = 'element';
        continue;
      }
      const error = c === '"' ? scanString() : c === '-' || isDigit(c) ? scanNumber() : scanWord(c);
      if (error) return error;
      lastValueEnd = i;
      state = 'after';
      continue;
    }
    // after a value
    if (stack.length === 0) return i < n ? at(i, `${describe(text, i)} after the end of the JSON value (only one value, and nothing after it)`) : undefined;
    if (i >= n) return endInside();
    const c = text[i]!;
    if (c === ',') {
      i++;
      skipWhitespace();
      if (stack[stack.length - 1] === '[' && text[i] === ']') return at(i, "a comma before ']': JSON allows no trailing comma");
      state = stack[stack.length - 1] === '{' ? 'key' : 'value';
      valueOf = 'element';
      continue;
    }
    if (c === closer()) {
      stack.pop();
      i++;
      lastValueEnd = i;
      continue;
    }
    // a value starts here: the comma is missing where the previous one ended, often a line above
    const startsValue = c === '"' || c === '{' || c === '[' || c === '-' || isDigit(c) || /[A-Za-z]/.test(c);
    return at(i, `expected ',' or '${closer()}', found ${describe(text, i)}${startsValue ? ` (a comma missing after the value that ends on line ${lineAndColumn(text, lastValueEnd).line}?)` : ''}`);
  }

  function scanString(): JsonErrorAt | undefined {
    const start = i;
    i++; // the opening quote
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        const next = text[i + 1];
        if (next === undefined) break;
        if ('"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else return at(i, next === 'u' ? 'a \\u escape needs four hex digits' : `\\${describe(text, i + 1).replace(/^'|'$/g, '')} is not a JSON escape (write \\\\ for a backslash)`);
        continue;
      }
      if (c === '\n' || c === '\r') return at(start, `this string is not closed before the end of line ${lineAndColumn(text, i).line}: a closing '"' is missing`);
      if (c < ' ') return at(i, c === '\t' ? 'a tab inside a string: write \\t' : `control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} inside a string`);
      i++;
    }
    return at(start, `this string is never closed: a closing '"' is missing`);
  }

  function scanNumber(): JsonErrorAt | undefined {
    if (text[i] === '-') {
      i++;
      if (!isDigit(text[i])) return at(i, `no digits after the minus sign, found ${describe(text, i)}`);
    }
    if (text[i] === '0') {
      i++;
      if (isDigit(text[i])) return at(i - 1, 'a number cannot start with 0 (JSON has no leading zeros)');
    } else while (isDigit(text[i])) i++;
    if (text[i] === '.') {
      i++;
      if (!isDigit(text[i])) return at(i, `no digits after the decimal point, found ${describe(text, i)}`);
      while (isDigit(text[i])) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!isDigit(text[i])) return at(i, `no digits in the exponent, found ${describe(text, i)}`);
      while (isDigit(text[i])) i++;
    }
    return undefined;
  }

  function scanWord(c: string): JsonErrorAt | undefined {
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i) && !/[\w$]/.test(text[i + word.length] ?? '')) {
        i += word.length;
        return undefined;
      }
    }
    if (i === 0 && c === '\uFEFF') return at(i, 'the file starts with a byte-order mark (U+FEFF): save it as UTF-8 without one');
    if (c === "'") return at(i, 'strings and names need double quotes, not single');
    if (c === '/') return at(i, 'comments are not allowed in JSON');
    if (c === ']' || c === '}') return at(i, valueOf === 'property' ? `a value is missing after ':', found '${c}'` : stack.length ? `'${c}' where a value should be` : `'${c}' with nothing open`);
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 40))?.[0];
    if (word) return at(i, `the bare word '${word}': a value is "text" in double quotes, a number, true, false, null, an object or an array`);
    return at(i, `${describe(text, i)} where a value should be`);
  }
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

function describe(text: string, index: number): string {
  if (index >= text.length) return 'the end of the file';
  const c = String.fromCodePoint(text.codePointAt(index)!);
  if (c === '\n' || c === '\r') return 'the end of the line';
  return c < ' ' || (c >= '\u007f' && c <= '\u009f') || c === '\uFEFF' ? `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : `'${c}'`;
}

/** 1-based line and column of a character index (the column counts characters of that line). */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: [...before.slice(lineStart)].length + 1 };
}
