import { AtollError, type ChatToolDefinition, validationFailed, z } from 'atoll/plugin';
import type { ConstantNode, FactoryFunctionMap, FunctionNode, MathNode, OperatorNode, ParenthesisNode, SymbolNode } from 'mathjs';
import * as mathjs from 'mathjs/number';

/** The calculator's error codes (the host shows the model `<code>: <message>`). */
export const CalculatorErrorCode = {
  INVALID: 'CHAT_CALCULATOR_INVALID',
  TOO_LONG: 'CHAT_CALCULATOR_TOO_LONG',
  TOO_COMPLEX: 'CHAT_CALCULATOR_TOO_COMPLEX',
  NOT_FINITE: 'CHAT_CALCULATOR_NOT_FINITE',
} as const;

export const MAX_EXPRESSION_CHARS = 500;
/** Nested powers allowed (`2^3^2` is two): a tower of more is refused before anything is computed. */
export const MAX_POWER_NESTING = 2;
/** 170! is the largest factorial a double holds: a larger argument is refused, not computed. */
export const MAX_FACTORIAL = 170;
const MAX_NODES = 200;
const MAX_DEPTH = 40;
// Printable ASCII arithmetic only: no quotes, brackets, braces, `=`, `;`, `:`, `?` or `'` (strings,
// matrices, objects, assignments, blocks, ranges, conditionals, transposes), no control characters.
const ALLOWED_CHARS = /^[0-9A-Za-z_.,+\-*/^%!() \t]*$/;

type Fn = (...args: number[]) => number;
type Table<T> = Readonly<Record<string, T>>;

const fail = (code: string, message: string) => validationFailed(code, message, [{ location: 'body', path: 'expression', message }]);
const invalid = (message: string) => fail(CalculatorErrorCode.INVALID, message);
const tooComplex = (message: string) => fail(CalculatorErrorCode.TOO_COMPLEX, message);
// Null-prototype tables: `__proto__`, `constructor` or `toString` are never found in them.
const table = <T>(entries: Record<string, T>): Table<T> => Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));

interface Engine {
  parse(text: string): MathNode;
  operators: Table<Fn>;
  functions: Table<Fn>;
  constants: Table<number>;
}

let engine: Engine | undefined;

// Named, not looked up by a computed key, so the bundler keeps only these factories of mathjs.
const ARITHMETIC = {
  parseDependencies: mathjs.parseDependencies,
  addDependencies: mathjs.addDependencies,
  subtractDependencies: mathjs.subtractDependencies,
  multiplyDependencies: mathjs.multiplyDependencies,
  divideDependencies: mathjs.divideDependencies,
  powDependencies: mathjs.powDependencies,
  modDependencies: mathjs.modDependencies,
  unaryMinusDependencies: mathjs.unaryMinusDependencies,
  unaryPlusDependencies: mathjs.unaryPlusDependencies,
  sqrtDependencies: mathjs.sqrtDependencies,
  absDependencies: mathjs.absDependencies,
  roundDependencies: mathjs.roundDependencies,
  floorDependencies: mathjs.floorDependencies,
  ceilDependencies: mathjs.ceilDependencies,
  minDependencies: mathjs.minDependencies,
  maxDependencies: mathjs.maxDependencies,
  logDependencies: mathjs.logDependencies,
  log10Dependencies: mathjs.log10Dependencies,
  expDependencies: mathjs.expDependencies,
  sinDependencies: mathjs.sinDependencies,
  cosDependencies: mathjs.cosDependencies,
  tanDependencies: mathjs.tanDependencies,
  piDependencies: mathjs.piDependencies,
  eDependencies: mathjs.eDependencies,
  factorialDependencies: mathjs.factorialDependencies,
  meanDependencies: mathjs.meanDependencies,
  medianDependencies: mathjs.medianDependencies,
  sumDependencies: mathjs.sumDependencies,
} as FactoryFunctionMap;

/**
 * A mathjs instance of only the arithmetic factories, number-only (`mathjs/number`: no BigNumber,
 * Fraction, Complex, Unit or matrix functions) and `predictable` (sqrt(-1) is NaN, not complex).
 * Expressions never reach its namespace (where `import`, `evaluate` and `parse` live too): `parse`
 * builds a tree, and `evaluateNode` calls only the functions of these tables. Built on first use,
 * so a Worker that never calculates does not pay for it at startup.
 */
function calculatorEngine(): Engine {
  if (engine) return engine;
  const m = mathjs.create(ARITHMETIC, { predictable: true });
  const factorial: Fn = (n) => {
    if (n > MAX_FACTORIAL) throw tooComplex(`factorial takes at most ${MAX_FACTORIAL} (a larger result is not a finite number)`);
    return (m.factorial as unknown as Fn)(n);
  };
  const fns = { add: m.add, subtract: m.subtract, multiply: m.multiply, divide: m.divide, pow: m.pow, mod: m.mod, unaryMinus: m.unaryMinus, unaryPlus: m.unaryPlus };
  engine = {
    parse: (text) => m.parse(text),
    operators: table({ ...(fns as unknown as Record<string, Fn>), factorial }),
    functions: table({
      ...({ sqrt: m.sqrt, abs: m.abs, round: m.round, floor: m.floor, ceil: m.ceil, min: m.min, max: m.max, log: m.log, log10: m.log10 } as unknown as Record<string, Fn>),
      ...({ exp: m.exp, sin: m.sin, cos: m.cos, tan: m.tan, mean: m.mean, median: m.median, sum: m.sum } as unknown as Record<string, Fn>),
      factorial,
    }),
    constants: table({ pi: m.pi, e: m.e }),
  };
  return engine;
}

/** Refuses, before computing anything, whatever is not plain arithmetic or could take long. */
function checkTree(root: MathNode, e: Engine): void {
  let nodes = 0;
  const visit = (node: MathNode, depth: number, powers: number): void => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) throw tooComplex(`The expression is too large (at most ${MAX_NODES} terms, ${MAX_DEPTH} levels deep)`);
    switch (node.type) {
      case 'ConstantNode':
        if (typeof (node as ConstantNode).value !== 'number') throw invalid('Only numbers are allowed as values');
        return;
      case 'SymbolNode':
        if (!((node as SymbolNode).name in e.constants)) throw invalid(`Unknown name "${(node as SymbolNode).name}": the only constants are pi and e, and variables are not supported`);
        return;
      case 'ParenthesisNode':
        return visit((node as ParenthesisNode).content, depth + 1, powers);
      case 'OperatorNode': {
        const op = node as OperatorNode;
        if (!(op.fn in e.operators)) throw invalid(`The operator "${op.op}" is not supported`);
        const nested = op.fn === 'pow' ? powers + 1 : powers;
        if (nested > MAX_POWER_NESTING) throw tooComplex(`At most ${MAX_POWER_NESTING} nested powers (a tower like 9^9^9^9 is refused)`);
        for (const arg of op.args) visit(arg, depth + 1, nested);
        return;
      }
      case 'FunctionNode': {
        const call = node as FunctionNode;
        const name = call.fn.type === 'SymbolNode' ? call.fn.name : '';
        if (!(name in e.functions)) throw invalid(`Unknown function "${call.fn.toString().slice(0, 40)}"; available: ${Object.keys(e.functions).join(', ')}`);
        for (const arg of call.args) visit(arg, depth + 1, powers);
        return;
      }
      default:
        throw invalid('Only arithmetic is supported: no assignments, functions definitions, matrices, strings, properties or several statements');
    }
  };
  visit(root, 0, 0);
}

/** Evaluates a checked tree with the engine's tables only. */
function evaluateNode(node: MathNode, e: Engine): number {
  switch (node.type) {
    case 'ConstantNode':
      return (node as ConstantNode).value as number;
    case 'SymbolNode':
      return e.constants[(node as SymbolNode).name]!;
    case 'ParenthesisNode':
      return evaluateNode((node as ParenthesisNode).content, e);
    case 'OperatorNode':
      return e.operators[(node as OperatorNode).fn]!(...(node as OperatorNode).args.map((arg) => evaluateNode(arg, e)));
    default:
      return e.functions[((node as FunctionNode).fn as SymbolNode).name]!(...(node as FunctionNode).args.map((arg) => evaluateNode(arg, e)));
  }
}

/** Integers exactly (up to 2^53), other numbers to 15 significant digits (no 0.30000000000000004). */
const formatNumber = (n: number) => (Number.isInteger(n) && Math.abs(n) <= 2 ** 53 ? String(n) : String(Number(n.toPrecision(15))));

/**
 * Evaluates one arithmetic expression; refuses anything else with a coded validation error.
 *
 * @example
 * calculate('2 * (3 + 4)^2') // { expression: '2 * (3 + 4) ^ 2', value: 98 }
 */
export function calculate(expression: string): { expression: string; value: number } {
  if (expression.length > MAX_EXPRESSION_CHARS) throw fail(CalculatorErrorCode.TOO_LONG, `At most ${MAX_EXPRESSION_CHARS} characters`);
  if (!ALLOWED_CHARS.test(expression)) throw invalid('Only digits, letters, spaces, + - * / ^ % ! ( ) . and , are allowed');
  const e = calculatorEngine();
  let tree: MathNode;
  let value: number;
  try {
    tree = e.parse(expression);
    checkTree(tree, e);
    value = evaluateNode(tree, e);
  } catch (error) {
    if (!(error instanceof AtollError)) throw invalid(error instanceof Error ? error.message.slice(0, 200) : 'The expression could not be evaluated');
    throw error;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw fail(CalculatorErrorCode.NOT_FINITE, `The result is not a finite number (${String(value)}): e.g. a division by zero, an overflow past ±1.8e308, or a root or logarithm of a negative number`);
  }
  return { expression: tree.toString(), value };
}

const Input = z.object({
  expression: z.string().min(1).max(MAX_EXPRESSION_CHARS).describe('An arithmetic expression, e.g. "(12.5 - 3) * 4 / 7", "sqrt(2)^2", "round(100 * 17 / 23, 1)", "mean(3, 5, 10)"'),
});

/** `chat_calculator`: exact-enough arithmetic for the model, which is bad at it. Reads no data. */
export const calculatorTool: ChatToolDefinition<z.output<typeof Input>> = {
  name: 'chat_calculator',
  description:
    'Evaluates an arithmetic expression with double precision: + - * / ^ (power), % (percent, or modulo between two numbers), mod, unary minus, ! (factorial), parentheses, ' +
    'sqrt, abs, round(x, digits), floor, ceil, min, max, log(x) (natural) or log(x, base), log10, exp, sin, cos, tan (radians), factorial, mean, median, sum, and the constants pi and e. ' +
    'No variables, assignments, units, matrices or strings.',
  input: Input,
  minRole: 'viewer',
  scopes: [],
  run: async (input) => {
    const { expression, value } = calculate(input.expression);
    const result = formatNumber(value);
    return { text: `${expression} = ${result}`, summary: `= ${result}` };
  },
};
