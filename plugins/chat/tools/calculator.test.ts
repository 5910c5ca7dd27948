import { type ChatToolContext, z } from 'atoll/plugin';
import { describe, expect, it } from 'vitest';
import { CalculatorErrorCode, calculate, calculatorTool, MAX_EXPRESSION_CHARS } from './calculator';

// The calculator reads no data and ignores its context.
const noContext = {} as ChatToolContext;
const run = (expression: string) => calculatorTool.run(calculatorTool.input.parse({ expression }), noContext);

/** The coded error `calculate` throws for `expression` (fails the test when it returns). */
function refusal(expression: string): { code: string; message: string } {
  try {
    const value = calculate(expression);
    throw new Error(`${JSON.stringify(expression)} was evaluated: ${JSON.stringify(value)}`);
  } catch (error) {
    return error as { code: string; message: string };
  }
}

describe('chat_calculator', () => {
  it('is a read-only tool any member may call, keys too (it reads no data)', () => {
    expect(calculatorTool).toMatchObject({ name: 'chat_calculator', minRole: 'viewer', scopes: [] });
    expect(calculatorTool.writes).toBeFalsy();
    expect(z.toJSONSchema(calculatorTool.input, { io: 'input' })).toMatchObject({ required: ['expression'], properties: { expression: { type: 'string', maxLength: MAX_EXPRESSION_CHARS } } });
  });

  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2^3^2', 512],
    ['-2^2', -4],
    ['7 / 2', 3.5],
    ['10 % 3', 1],
    ['50%', 0.5],
    ['5 mod 3', 2],
    ['5!', 120],
    ['sqrt(16) + abs(-3)', 7],
    ['round(2.567, 2)', 2.57],
    ['floor(2.7) + ceil(2.1)', 5],
    ['min(4, 2, 8) + max(4, 2, 8)', 10],
    ['log(8, 2) + log10(1000)', 6],
    ['exp(0) + sin(0) + cos(0) + tan(0)', 2],
    ['mean(1, 2, 3, 10)', 4],
    ['median(5, 1, 3)', 3],
    ['sum(1, 2, 3.5)', 6.5],
    ['2 pi', 2 * Math.PI],
    ['e^1', Math.E],
  ])('%s', (expression, value) => {
    expect(calculate(expression).value).toBeCloseTo(value, 12);
  });

  it('answers with the expression as read and a tidy number', async () => {
    expect(await run('0.1+0.2')).toEqual({ text: '0.1 + 0.2 = 0.3', summary: '= 0.3' });
    expect((await run('2^53')).text).toBe('2 ^ 53 = 9007199254740992');
    expect((await run('170!')).text).toBe('170! = 7.257415615308e+306');
    expect((await run('3 (4 + 1)')).text).toBe('3 (4 + 1) = 15');
  });

  it.each([
    ['9^9^9^9', CalculatorErrorCode.TOO_COMPLEX],
    ['2^2^2^2^2^2^2^2', CalculatorErrorCode.TOO_COMPLEX],
    ['factorial(1e6)', CalculatorErrorCode.TOO_COMPLEX],
    ['1e6!', CalculatorErrorCode.TOO_COMPLEX],
    ['(100 + 100)!', CalculatorErrorCode.TOO_COMPLEX],
    [`${'('.repeat(60)}1${')'.repeat(60)}`, CalculatorErrorCode.TOO_COMPLEX],
    [Array.from({ length: 150 }, () => '1').join('+'), CalculatorErrorCode.TOO_COMPLEX],
    ['zeros(1e5, 1e5)', CalculatorErrorCode.INVALID],
    ['ones(1e4)', CalculatorErrorCode.INVALID],
    ['range(1, 1e9)', CalculatorErrorCode.INVALID],
    ['matrix(1)', CalculatorErrorCode.INVALID],
    ['identity(1e5)', CalculatorErrorCode.INVALID],
    ['import({}, {})', CalculatorErrorCode.INVALID],
    ['import(1, 1)', CalculatorErrorCode.INVALID],
    ['evaluate("1")', CalculatorErrorCode.INVALID],
    ['evaluate(1)', CalculatorErrorCode.INVALID],
    ['parse(1)', CalculatorErrorCode.INVALID],
    ['simplify(1)', CalculatorErrorCode.INVALID],
    ['derivative(1, 1)', CalculatorErrorCode.INVALID],
    ['resolve(1)', CalculatorErrorCode.INVALID],
    ['createUnit("x")', CalculatorErrorCode.INVALID],
    ['createUnit(x)', CalculatorErrorCode.INVALID],
    ['f(x)=x', CalculatorErrorCode.INVALID],
    ['a=1', CalculatorErrorCode.INVALID],
    ['a', CalculatorErrorCode.INVALID],
    ['"a"', CalculatorErrorCode.INVALID],
    ["'a'", CalculatorErrorCode.INVALID],
    ['[1, 2]', CalculatorErrorCode.INVALID],
    ['1:3', CalculatorErrorCode.INVALID],
    ['1; 2', CalculatorErrorCode.INVALID],
    ['1\n2', CalculatorErrorCode.INVALID],
    ['1 == 1', CalculatorErrorCode.INVALID],
    ['1 > 0 ? 1 : 0', CalculatorErrorCode.INVALID],
    ['not 1', CalculatorErrorCode.INVALID],
    ['1 to 2', CalculatorErrorCode.INVALID],
    ['__proto__', CalculatorErrorCode.INVALID],
    ['constructor', CalculatorErrorCode.INVALID],
    ['constructor(1)', CalculatorErrorCode.INVALID],
    ['toString(1)', CalculatorErrorCode.INVALID],
    ['pi.constructor', CalculatorErrorCode.INVALID],
    ['sqrt.constructor(1)', CalculatorErrorCode.INVALID],
    ['π * 2', CalculatorErrorCode.INVALID],
    ['1 + \u0000 2', CalculatorErrorCode.INVALID],
    ['1 +\u202e 2', CalculatorErrorCode.INVALID],
    ['2\u00a0+ 2', CalculatorErrorCode.INVALID],
    ['min()', CalculatorErrorCode.INVALID],
    ['round(1, 100)', CalculatorErrorCode.INVALID],
    ['1 +', CalculatorErrorCode.INVALID],
    ['1/0', CalculatorErrorCode.NOT_FINITE],
    ['sqrt(-1)', CalculatorErrorCode.NOT_FINITE],
    ['1e400', CalculatorErrorCode.NOT_FINITE],
    ['9^9^9', CalculatorErrorCode.NOT_FINITE],
    ['1'.repeat(MAX_EXPRESSION_CHARS + 1), CalculatorErrorCode.TOO_LONG],
  ])('refuses %j with %s', (expression, code) => {
    const error = refusal(expression);
    expect(error.code, error.message).toBe(code);
    expect(error.message.length).toBeLessThan(300);
  });

  it('refuses an empty or too long expression by its schema too', () => {
    expect(calculatorTool.input.safeParse({ expression: '' }).success).toBe(false);
    expect(calculatorTool.input.safeParse({ expression: '1'.repeat(MAX_EXPRESSION_CHARS + 1) }).success).toBe(false);
    expect(calculatorTool.input.safeParse({ expression: 1 }).success).toBe(false);
  });
});
