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
});
