// Valid requests for any documented operation: a plain instance of each request schema, path
// parameters from a world's real resources. The conformance suite sends these, so its 401/403/404
// answers are never a 400 about the input in disguise.
import fc from 'fast-check';
import type { ApiDocument, Operation, Schema } from './api-document';
import { fillPath, pathSlots } from './api-document';
import { uniqueEmail } from './env';
import { knows, resource, slotKey, type World } from './world';

const typeOf = (schema: Schema): string | undefined => (Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type);

function stringExample(schema: Schema): string {
  if (schema.format === 'uuid') return crypto.randomUUID();
  if (schema.format === 'email') return uniqueEmail('example');
  if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
  if (schema.format === 'uri') return 'https://example.com/';
  if (schema.pattern) return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { numRuns: 1, seed: 42 })[0]!;
  if (typeof schema.example === 'string') return schema.example;
  const min = Math.max(schema.minLength ?? 1, 1);
  return `example-${crypto.randomUUID().slice(0, 8)}`.padEnd(min, 'x').slice(0, schema.maxLength ?? 1_000_000);
}

/** A plain valid instance of `schema`: required properties, smallest arrays, first choices. */
export function exampleOf(api: ApiDocument, raw: Schema | undefined, depth = 0): unknown {
  const schema = api.resolve(raw);
  if (depth > 20) throw new Error('schema nests too deep for an example');
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Schema) => exampleOf(api, s, depth + 1)));
  if (schema.oneOf ?? schema.anyOf) return exampleOf(api, (schema.oneOf ?? schema.anyOf)[0], depth + 1);
  if (schema.default !== undefined) return schema.default;
  switch (typeOf(schema)) {
    case 'string':
      return stringExample(schema);
    case 'integer':
    case 'number':
      return Math.min(Math.max(schema.minimum ?? 1, 0), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(api, schema.items, depth + 1));
    case 'object': {
      // Required properties; with none, the first property (updates refuse an empty change).
      const names: string[] = schema.required?.length ? schema.required : Object.keys(schema.properties ?? {}).slice(0, 1);
      return Object.fromEntries(names.map((name) => [name, exampleOf(api, schema.properties?.[name], depth + 1)]));
    }
    case 'null':
      return null;
    default:
      return null; // any value
  }
}

export interface ApiRequest {
  method: string;
  /** Path with query string. */
  url: string;
  headers: Record<string, string>;
  body?: string | FormData;
}

/**
 * The registry key for a query parameter naming a tenant's thing, if any: `<last path segment>?{name}`
 * (e.g. `folders?{path}`) before the general `query/{name}`.
 */
export function queryKey(w: World, op: Operation, name: string): string | undefined {
  const specific = `${op.path.split('/').at(-1)}?{${name}}`;
  return [specific, `query/{${name}}`].find((key) => knows(w, key));
}

/** Real values from `w` for the operation's path parameters. */
export async function pathValues(op: Operation, w: World): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const slot of pathSlots(op.path)) values[slot.name] = await resource(w, slotKey(w, slot));
  return values;
}

/** The form (multipart) or JSON text of `value` for the operation's documented body. */
function bodyFor(api: ApiDocument, op: Operation, value: unknown): { body?: string | FormData; contentType?: string } {
  if (!op.body) return {};
  if (op.body.contentType !== 'multipart/form-data') return { body: JSON.stringify(value), contentType: op.body.contentType };
  const schema = api.resolve(op.body.schema);
  const form = new FormData();
  for (const name of schema.required ?? []) {
    const field = api.resolve(schema.properties?.[name]);
    const binary = field.format === 'binary' || api.resolve(field.items).format === 'binary';
    if (binary) form.append(name, new File(['a,b\n1,2\n'], 'example.csv', { type: 'text/csv' }));
    else form.append(name, String(exampleOf(api, field)));
  }
  return { body: form };
}

/**
 * A valid request for `op` against `w`'s resources: path parameters from the registry, required
 * query parameters (and any that name a tenant's things) filled, the body a plain instance (its
 * properties that must name something real, from the registry).
 */
export async function exampleRequest(api: ApiDocument, op: Operation, w: World): Promise<ApiRequest> {
  const query = new URLSearchParams();
  for (const p of op.params.filter((p) => p.in === 'query')) {
    const key = queryKey(w, op, p.name);
    if (key) query.set(p.name, await resource(w, key));
    else if (p.required) query.set(p.name, String(exampleOf(api, p.schema)));
  }
  const url = fillPath(op.path, await pathValues(op, w)) + (query.size > 0 ? `?${query}` : '');
  const value = op.body ? exampleOf(api, op.body.schema) : undefined;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const fields = value as Record<string, unknown>;
    for (const name of Object.keys(fields).filter((n) => knows(w, `body/{${n}}`))) fields[name] = await resource(w, `body/{${name}}`);
  }
  const { body, contentType } = bodyFor(api, op, value);
  return { method: op.method, url, headers: contentType ? { 'content-type': contentType } : {}, ...(body === undefined ? {} : { body }) };
}
