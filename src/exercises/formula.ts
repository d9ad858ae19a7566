/**
 * Arithmetic formulas of numeric exercises ("tp / (tp + fn)"), parsed by a small grammar of their
 * own and evaluated on named inputs. Nothing here reaches JavaScript's evaluator: a formula is
 * numbers, input names, + - * /, unary minus, parentheses and a fixed set of functions, and
 * anything else is a parse error with its position.
 *
 *   expr   := term (("+" | "-") term)*
 *   term   := unary (("*" | "/") unary)*
 *   unary  := "-" unary | atom
 *   atom   := number | name | name "(" expr ("," expr)* ")" | "(" expr ")"
 */
export type FormulaNode =
  | { type: 'number'; value: number }
  | { type: 'name'; name: string }
  | { type: 'negate'; operand: FormulaNode }
  | { type: 'binary'; op: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode }
  | { type: 'call'; name: FunctionName; args: FormulaNode[] };

const functions = {
  log: { arity: [1, 1], fn: Math.log },
  sqrt: { arity: [1, 1], fn: Math.sqrt },
  abs: { arity: [1, 1], fn: Math.abs },
  exp: { arity: [1, 1], fn: Math.exp },
  pow: { arity: [2, 2], fn: Math.pow },
  min: { arity: [1, 16], fn: Math.min },
  max: { arity: [1, 16], fn: Math.max },
} as const satisfies Record<string, { arity: readonly [number, number]; fn: (...xs: number[]) => number }>;
type FunctionName = keyof typeof functions;
export const formulaFunctions = Object.keys(functions) as FunctionName[];

export class FormulaError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'FormulaError';
  }
}

const maxFormulaLength = 2000;
const maxDepth = 100;

type Token = { kind: 'number'; value: number; at: number } | { kind: 'name'; name: string; at: number } | { kind: 'punct'; text: string; at: number } | { kind: 'end'; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    const number = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name) {
      tokens.push({ kind: 'name', name: name[0], at: i });
      i += name[0].length;
      continue;
    }
    if ('+-*/(),'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, at: i });
      i++;
      continue;
    }
    throw new FormulaError(`unexpected character ${JSON.stringify(c)} at position ${i + 1}: a formula may use only numbers, input names, + - * / ( ) , and ${formulaFunctions.join(', ')}`, i);
  }
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}

/** Parses a formula; every name it uses must be one of `inputs` (or a known function, called). */
export function parseFormula(text: string, inputs: readonly string[]): FormulaNode {
  if (text.length > maxFormulaLength) throw new FormulaError(`the formula is longer than ${maxFormulaLength} characters`, maxFormulaLength);
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const isPunct = (t: Token, p: string) => t.kind === 'punct' && t.text === p;
  const expect = (p: string) => {
    const t = peek();
    if (!isPunct(t, p)) throw new FormulaError(`expected "${p}" at position ${t.at + 1}`, t.at);
    pos++;
  };
  const expr = (depth: number): FormulaNode => {
    if (depth > maxDepth) throw new FormulaError(`the formula nests deeper than ${maxDepth} levels`, peek().at);
    let left = term(depth);
    for (let t = peek(); isPunct(t, '+') || isPunct(t, '-'); t = peek()) {
      pos++;
      left = { type: 'binary', op: (t as { text: '+' | '-' }).text, left, right: term(depth) };
    }
    return left;
  };
  const term = (depth: number): FormulaNode => {
    let left = unary(depth);
    for (let t = peek(); isPunct(t, '*') || isPunct(t, '/'); t = peek()) {
      pos++;
      left = { type: 'binary', op: (t as { text: '*' | '/' }).text, left, right: unary(depth) };
    }
    return left;
  };
  const unary = (depth: number): FormulaNode => {
    if (isPunct(peek(), '-')) {
      pos++;
      if (depth > maxDepth) throw new FormulaError(`the formula nests deeper than ${maxDepth} levels`, peek().at);
      return { type: 'negate', operand: unary(depth + 1) };
    }
    return atom(depth);
  };
  const atom = (depth: number): FormulaNode => {
    const t = peek();
    if (t.kind === 'number') {
      pos++;
      return { type: 'number', value: t.value };
    }
    if (isPunct(t, '(')) {
      pos++;
      const inner = expr(depth + 1);
      expect(')');
      return inner;
    }
    if (t.kind === 'name') {
      pos++;
      if (isPunct(peek(), '(')) {
        if (!Object.hasOwn(functions, t.name)) throw new FormulaError(`"${t.name}" is not a function a formula may call (${formulaFunctions.join(', ')})`, t.at);
        const name = t.name as FunctionName;
        pos++;
        const args = [expr(depth + 1)];
        while (isPunct(peek(), ',')) {
          pos++;
          args.push(expr(depth + 1));
        }
        expect(')');
        const [lo, hi] = functions[name].arity;
        if (args.length < lo || args.length > hi) throw new FormulaError(`${name}() takes ${lo === hi ? lo : `${lo} to ${hi}`} argument(s), not ${args.length}`, t.at);
        return { type: 'call', name, args };
      }
      if (!inputs.includes(t.name)) throw new FormulaError(`"${t.name}" at position ${t.at + 1} is not one of the inputs (${inputs.join(', ') || 'none'})`, t.at);
      return { type: 'name', name: t.name };
    }
    throw new FormulaError(t.kind === 'end' ? 'the formula ends too early' : `unexpected "${t.kind === 'punct' ? t.text : ''}" at position ${t.at + 1}`, t.at);
  };
  const tree = expr(0);
  const rest = peek();
  if (rest.kind !== 'end') throw new FormulaError(`unexpected text at position ${rest.at + 1}: an operator is missing?`, rest.at);
  return tree;
}

export function evaluateFormula(node: FormulaNode, values: Readonly<Record<string, number>>): number {
  switch (node.type) {
    case 'number':
      return node.value;
    case 'name':
      return values[node.name]!;
    case 'negate':
      return -evaluateFormula(node.operand, values);
    case 'call':
      return (functions[node.name].fn as (...xs: number[]) => number)(...node.args.map((a) => evaluateFormula(a, values)));
    case 'binary': {
      const a = evaluateFormula(node.left, values);
      const b = evaluateFormula(node.right, values);
      return node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : a / b;
    }
  }
}
