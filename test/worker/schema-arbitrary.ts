// fast-check arbitraries for the JSON Schemas of the OpenAPI document (not a test file itself):
// values that conform to a request schema, for the fuzzer to send as they are or to break
// (fuzz-mutations.ts). Covers what the document uses: $ref, allOf/oneOf/anyOf, enum/const,
// nullable types, string formats and patterns, bounds, arrays and objects.
import fc from 'fast-check';
import type { ApiDocument, Schema } from './api-operations';

/** Strings and arrays stay short unless the schema asks for more: the fuzzer adds long ones itself. */
const SHORT = 40;
const FEW = 4;

const cache = new WeakMap<Schema, fc.Arbitrary<unknown>>();

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? SHORT, SHORT));
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      // Mostly near now; sometimes anywhere in the years ISO 8601 writes with four digits.
      return fc
        .oneof(
          { weight: 4, arbitrary: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }) },
          { weight: 1, arbitrary: fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }) },
        )
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
  }
  if (schema.pattern) {
    const limit = schema.maxLength ?? Infinity;
    return fc.stringMatching(new RegExp(schema.pattern), { size: 'small' }).filter((s) => s.length <= limit && s.length >= min);
  }
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
}

/** Anywhere in the schema's bounds (unbounded: the whole safe range); fast-check favours small values and the edges. */
function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-9) : Number.MIN_SAFE_INTEGER);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-9) : Number.MAX_SAFE_INTEGER);
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function typedArbitrary(api: ApiDocument, schema: Schema, type: string | undefined, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const items = schemaArbitrary(api, schema.items, depth + 1);
      const few = fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? FEW, FEW)) });
      // Now and then exactly as many as the schema allows (when that is a sane number to send).
      const most = schema.maxItems !== undefined && schema.maxItems <= 1_000 ? fc.array(items, { minLength: schema.maxItems, maxLength: schema.maxItems }) : few;
      return fc.oneof({ weight: 12, arbitrary: few }, { weight: 1, arbitrary: most });
    }
    case 'object': {
      const properties = Object.fromEntries(Object.entries<Schema>(schema.properties ?? {}).map(([name, s]) => [name, schemaArbitrary(api, s, depth + 1)]));
      return fc.record(properties, { requiredKeys: (schema.required ?? []).filter((name: string) => name in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 }); // any value
  }
}

/** Values that conform to `schema` (as far as JSON Schema says: the app may refuse more). */
export function schemaArbitrary(api: ApiDocument, raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = api.resolve(raw);
  const cached = cache.get(schema);
  if (cached) return cached;
  let arbitrary: fc.Arbitrary<unknown>;
  if (depth > 12) arbitrary = fc.constant(null);
  else if ('const' in schema) arbitrary = fc.constant(schema.const);
  else if (Array.isArray(schema.enum)) arbitrary = fc.constantFrom(...schema.enum);
  else if (schema.allOf) {
    arbitrary = fc.tuple(...schema.allOf.map((s: Schema) => schemaArbitrary(api, s, depth + 1))).map((parts) => Object.assign({}, ...parts));
  } else if (schema.oneOf ?? schema.anyOf) arbitrary = fc.oneof(...(schema.oneOf ?? schema.anyOf).map((s: Schema) => schemaArbitrary(api, s, depth + 1)));
  else if (Array.isArray(schema.type)) arbitrary = fc.oneof(...schema.type.map((t: string) => typedArbitrary(api, schema, t, depth)));
  else arbitrary = typedArbitrary(api, schema, schema.type, depth);
  cache.set(schema, arbitrary);
  return arbitrary;
}
