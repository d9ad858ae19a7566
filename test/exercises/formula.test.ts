import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateFormula, FormulaError, parseFormula } from '../../src/exercises/formula.js';

const evaluate = (text: string, values: Record<string, number>) => evaluateFormula(parseFormula(text, Object.keys(values)), values);

describe('exercise formulas: a grammar of arithmetic on named inputs', () => {
  it('computes the bundled exercises\' formulas (hand-checked values)', () => {
    expect(evaluate('tp / (tp + fp)', { tp: 30, fp: 10 })).toBe(0.75);
    expect(evaluate('2 * tp / (2 * tp + fp + fn)', { tp: 30, fp: 10, fn: 20 })).toBeCloseTo(60 / 90, 12);
    expect(evaluate('(m2 - m1) / sqrt(s1 * s1 / n1 + s2 * s2 / n2)', { m1: 1, m2: 4, s1: 3, s2: 4, n1: 9, n2: 16 })).toBeCloseTo(3 / Math.sqrt(2), 12);
    expect(evaluate('pow(2, 10) - max(1, 5, 3) + min(4, 2) * abs(-3)', {})).toBe(1024 - 5 + 6);
    expect(evaluate('log(exp(2))', {})).toBeCloseTo(2, 12);
  });

  it('keeps precedence and associativity: left to right, * and / before + and -', () => {
    expect(evaluate('8 - 3 - 2', {})).toBe(3);
    expect(evaluate('8 / 4 / 2', {})).toBe(1);
    expect(evaluate('2 + 3 * 4', {})).toBe(14);
    expect(evaluate('-2 * -3', {})).toBe(6);
    expect(evaluate('1.5e2 + .5', {})).toBe(150.5);
  });

  it('agrees with JavaScript on random + - * / trees of integers', () => {
    const leaf = fc.integer({ min: -50, max: 50 }).map((n) => (n < 0 ? `(${n})` : String(n)));
    const tree = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`)),
    })).e;
    fc.assert(
      fc.property(tree, (text) => {
        // eslint-disable-next-line no-new-func -- the oracle only, on strings this test generated
        const want = new Function(`return ${text}`)() as number;
        const got = evaluate(text, {});
        return Object.is(got, want) || Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses everything that is not arithmetic: the probe that ran code, property access, strings, unknown names', () => {
    const inputs = ['tp', 'fp'];
    const refused = [
      '(Function(String.fromCharCode(97))(), tp)',
      'constructor.constructor("return process")()',
      'tp.constructor',
      'tp[0]',
      '"a" + tp',
      'tp; fp',
      'process',
      'require(1)',
      'tp ** 2',
      'tp fp',
      '(tp',
      'pow(tp)',
      '',
      '__proto__',
      'hasOwnProperty(tp)',
    ];
    for (const text of refused) expect(() => parseFormula(text, inputs), text).toThrow(FormulaError);
  });

  it('says where the problem is', () => {
    expect(() => parseFormula('tp / (tp + fx)', ['tp', 'fn'])).toThrow(/"fx" at position 12 is not one of the inputs \(tp, fn\)/);
    expect(() => parseFormula('tp $ 2', ['tp'])).toThrow(/unexpected character "\$" at position 4/);
  });

  it('refuses a formula nested deeper than 100 levels instead of overflowing the stack', () => {
    expect(() => parseFormula(`${'('.repeat(5000)}1${')'.repeat(5000)}`, [])).toThrow(/longer than 2000|nests deeper/);
    expect(() => parseFormula(`${'('.repeat(500)}1${')'.repeat(500)}`, [])).toThrow(/nests deeper than 100/);
    expect(() => parseFormula(`${'-'.repeat(500)}1`, [])).toThrow(/nests deeper than 100/);
  });

  it('reads tabs and newlines as spaces and every number form: 1, 1., .5, 1e3, 2.5E-1, 1e+2', () => {
    expect(evaluate('1\t+\n2', {})).toBe(3);
    expect(evaluate('1. + .5 + 1e3 + 2.5E-1 + 1e+2', {})).toBe(1101.75);
  });

  it('names every problem with its position, as a mentor reads it', () => {
    const message = (text: string, inputs: string[] = ['tp']) => {
      try {
        parseFormula(text, inputs);
      } catch (error) {
        expect(error).toBeInstanceOf(FormulaError);
        expect((error as Error).name).toBe('FormulaError');
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(message('(tp + 1')).toBe('expected ")" at position 8');
    expect(message('tp +')).toBe('the formula ends too early');
    expect(message('tp * )')).toBe('unexpected ")" at position 6');
    expect(message('tp 2')).toBe('unexpected text at position 4: an operator is missing?');
    expect(message('eval(tp)')).toBe('"eval" is not a function a formula may call (log, sqrt, abs, exp, pow, min, max)');
    expect(message('pow(tp)')).toBe('pow() takes 2 argument(s), not 1');
    expect(message(`max(${Array(17).fill('1').join(', ')})`)).toBe('max() takes 1 to 16 argument(s), not 17');
    expect(message('sqrt(1, 2)')).toBe('sqrt() takes 1 argument(s), not 2');
    expect(message('x', [])).toBe('"x" at position 1 is not one of the inputs (none)');
  });

  it('accepts exactly 2000 characters and 100 levels of nesting, and no more', () => {
    expect(evaluate(`1${' '.repeat(1999)}`, {})).toBe(1);
    expect(() => parseFormula(`1${' '.repeat(2000)}`, [])).toThrow('the formula is longer than 2000 characters');
    expect(evaluate(`${'('.repeat(100)}1${')'.repeat(100)}`, {})).toBe(1);
    expect(() => parseFormula(`${'('.repeat(101)}1${')'.repeat(101)}`, [])).toThrow('the formula nests deeper than 100 levels');
    expect(evaluate(`${'-'.repeat(100)}1`, {})).toBe(1);
    expect(() => parseFormula(`${'-'.repeat(102)}1`, [])).toThrow('the formula nests deeper than 100 levels');
    expect(evaluate(`${'abs('.repeat(99)}-2${')'.repeat(99)}`, {})).toBe(2);
  });
});

describe('formula numbers and the message for a stray character', () => {
  it('reads multi-digit fractions and exponents whole: .25, 1.5e10, 2E+12', () => {
    expect(evaluate('.25 + 0', {})).toBe(0.25);
    expect(evaluate('1.5e10', {})).toBe(1.5e10);
    expect(evaluate('2E+12 / 1e12', {})).toBe(2);
  });

  it('names the character, its position and what a formula may use', () => {
    expect(() => parseFormula('tp $ 2', ['tp'])).toThrow('unexpected character "$" at position 4: a formula may use only numbers, input names, + - * / ( ) , and log, sqrt, abs, exp, pow, min, max');
  });
});
