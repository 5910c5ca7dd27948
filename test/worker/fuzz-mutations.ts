// Hostile inputs for the fuzzer (not a test file itself): values of the wrong type, control
// characters, ill-formed Unicode, extreme numbers, deep nesting, very long strings, and bodies that
// are not JSON at all. JSON-level mutations are text, so they can hold what JSON.stringify would
// never write (a number too big for a double, 10,000 levels of nesting).
import fc from 'fast-check';

/** A fragment of JSON text spliced into a body where a value goes. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Awkward strings: controls, lone surrogates (JSON.stringify writes them as "\ud800" escapes), traversal, injection. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\r\n',
    'line\nbreak\r',
    '\t\u000b\u000c',
    '\u001b[31m',
    '\u007f\u0085\u009f',
    '\ud800',
    '\udfff',
    'a\ud800b',
    '\udc00\ud800',
    '\ud83d',
    '\u202e\u200f',
    '\ufeff',
    '\uffff\ufffe',
    '😀👩‍👩‍👧',
    '../../etc/passwd',
    '..',
    '/',
    '//a//',
    '\\a\\b',
    '%00',
    '%zz',
    "' OR 1=1 --",
    '"; DROP TABLE tenants; --',
    '$(id)',
    '${7*7}{{7*7}}',
    '<script>alert(1)</script>',
    'null',
    'NaN',
    '-1',
    '1e400',
    '__proto__',
  ),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\r', '\n', '\ud800', '\udfff', '\u0085', 'a', '/', '.', '%', ','), maxLength: 16 }),
  fc.integer({ min: 1_000, max: 120_000 }).map((n) => 'x'.repeat(n)),
);

/** Numbers at and past every edge: negative, zero, 2^31, 2^53, ±1e308, fractions where integers go. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, -0, 0, 0.5, 1.5, -1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, 1e308, -1e308, 5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Number tokens JSON allows that no double (or int) holds, and tokens JSON does not allow. */
export const hostileNumberText: fc.Arbitrary<RawJson> = fc
  .constantFrom('1e400', '-1e400', '123456789012345678901234567890', '-0.0', '1E+2', '0.0000000000000000000001', '1.0', '0x10', 'NaN', 'Infinity', '01', '.5', '+1')
  .map((t) => new RawJson(t));

/** Arrays or objects nested `depth` deep (to 20,000 levels). */
export const deepNesting: fc.Arbitrary<RawJson> = fc
  .tuple(fc.integer({ min: 30, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => new RawJson(arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

/** Something of the wrong type for wherever it lands. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, '', [], {}, [null], { '': null }),
  hostileString,
  hostileNumber,
  hostileNumberText,
  deepNesting,
  fc.jsonValue({ maxDepth: 3 }),
);

/** Keys an object body should not trust. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', ' ', 'id', 'tenantId', 'tenant_id'),
  hostileString.filter((s) => s.length < 200),
);

/** JSON text of `value`, with `RawJson` fragments spliced in where they stand. */
export function jsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_, v) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0000raw:${raws.length - 1}\u0000`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0000raw:(\d+)\\u0000"/g, (_, i: string) => raws[Number(i)]!);
}

/** Whole bodies that are not a JSON document of the expected shape, or not JSON at all (bytes for ill-formed UTF-8). */
export const brokenBody: fc.Arbitrary<string | Uint8Array<ArrayBuffer>> = fc.oneof(
  fc.constantFrom('', ' ', '{', '}', '{"a":', '{"a":1,}', "{'a':1}", 'not json', 'null', 'true', '[]', '"text"', '0', '{"a":1}{"b":2}', '\ufeff{}', '{"\ud800":1}', '\u0000'),
  fc.constantFrom(new Uint8Array([0xff, 0xfe, 0xfd]), new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), new Uint8Array([0xed, 0xa0, 0x80])),
  deepNesting.map((r) => r.text),
  hostileNumberText.map((r) => r.text),
  hostileString,
);

/** Content types other than the documented one (for the same body). */
export const wrongContentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  undefined,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=utf-16',
  'application/xml',
  'application/octet-stream',
  'application/jsonx',
  '*/*',
  '',
);

/** A value percent-encoded for a URL even when it is ill-formed Unicode (lone surrogates as their 3-byte forms). */
export function encodeAny(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((ch) => {
        const unit = ch.charCodeAt(0);
        if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff)
          return `%${(0xe0 | (unit >> 12)).toString(16)}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`.toUpperCase();
        return encodeURIComponent(ch);
      })
      .join('');
  }
}

/** Raw path segments that are not well-formed percent-encoding or UTF-8, or are dot segments. */
export const rawPathSegment: fc.Arbitrary<string> = fc.constantFrom('%', '%zz', '%e0%a4', '%ff', '%c0%af', '%2e%2e', '%00', '%0d%0a', '%2F', '..', '.', '%25', 'a%20b');
