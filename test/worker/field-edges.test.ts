// Every field of every documented request (JSON body fields at any depth, query parameters) at the
// edge of what the database holds: text with ill-formed Unicode (a lone surrogate, which JSON
// carries as "\ud800"), integers past Postgres' `integer` (2^31). The route's own validation must
// refuse the value, or the route must use it without the database refusing it: "the database said
// no" (400 KERNEL_INVALID_VALUE) means a field whose schema promises more than the tables hold
// (text without `wellFormedString()`, an integer without its maximum). Walks the live OpenAPI
// document, so a new field is covered the day it is documented; the fuzzer (api-fuzz.test.ts)
// meets these values only by chance.
import { describe, expect, it, vi } from 'vitest';
import { installedPlugins } from '../../worker/plugins';
import { exampleOf, exampleRequest } from './api-examples';
import { type ApiDocument, labelOf, loadApiDocument, type Operation, type Schema } from './api-operations';
import { newWorld } from './api-world';
import { encodeAny } from './fuzz-mutations';
import { bootApp, send } from './harness';
import { authTestEnv } from './identity';
import { answerOf, describeAnswer, problemDefect } from './problem-check';

vi.setConfig({ testTimeout: 180_000 });

const LONE_SURROGATE = 'a\ud800b';
const PAST_INT4 = 2 ** 31;

const atoll = await bootApp(installedPlugins(), await authTestEnv());
const api = await loadApiDocument(atoll);

/** The edge value for a field of this schema, if it has one the schema allows. */
function edgeOf(schema: Schema): unknown {
  if ('const' in schema || Array.isArray(schema.enum)) return undefined;
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('string') && schema.format !== 'binary') return LONE_SURROGATE;
  if (types.includes('integer') && (schema.maximum ?? Infinity) >= PAST_INT4) return PAST_INT4;
  return undefined;
}

/** A value of `raw` with one field at its edge, and where that field is. */
interface Case {
  where: string;
  value: unknown;
}

/** One case per field with an edge reachable in `raw` (each alternative of a oneOf/anyOf on its own). */
function edgeCases(doc: ApiDocument, raw: Schema | undefined, where = '', depth = 0): Case[] {
  const schema = doc.resolve(raw);
  if (depth > 8) return [];
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return alternatives.flatMap((s: Schema) => edgeCases(doc, s, where, depth + 1));
  if (schema.allOf) {
    // Each part's fields, in a value that also satisfies the other parts.
    const parts: Schema[] = schema.allOf;
    const others = (i: number) => parts.map((p, j) => (j === i ? {} : exampleOf(doc, p)));
    return parts.flatMap((part, i) => edgeCases(doc, part, where, depth + 1).map((c) => ({ ...c, value: Object.assign({}, ...others(i), c.value) })));
  }
  const edge = edgeOf(schema);
  if (edge !== undefined) return [{ where: where || '(root)', value: edge }];
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('array')) return edgeCases(doc, schema.items, `${where}[0]`, depth + 1).map((c) => ({ ...c, value: [c.value] }));
  if (!types.includes('object')) return [];
  const base = exampleOf(doc, schema) as Record<string, unknown>;
  return Object.entries<Schema>(schema.properties ?? {}).flatMap(([name, property]) =>
    edgeCases(doc, property, where ? `${where}.${name}` : name, depth + 1).map((c) => ({ ...c, value: { ...base, [name]: c.value } })),
  );
}

/** The requests to send for `op`: its example request with one body field or query parameter at its edge. */
function edgeRequests(op: Operation, url: string): { where: string; url: string; body?: string }[] {
  const [path, search = ''] = url.split('?');
  const query = op.params
    .filter((p) => p.in === 'query')
    .flatMap((p) => {
      const edge = edgeOf(api.resolve(p.schema));
      if (edge === undefined) return [];
      const rest = search.split('&').filter((pair) => pair && !pair.startsWith(`${p.name}=`));
      return [{ where: `?${p.name}`, url: `${path}?${[...rest, `${p.name}=${encodeAny(String(edge))}`].join('&')}` }];
    });
  const json = op.body?.contentType === 'application/json' ? edgeCases(api, op.body.schema).map((c) => ({ where: c.where, url, body: JSON.stringify(c.value) })) : [];
  return [...query, ...json];
}

const covered = api.operations.filter((op) => edgeRequests(op, op.path).length > 0);

describe('fields at the edge of what the database holds (from the live OpenAPI document)', () => {
  it.each(covered.map((op) => [labelOf(op), op] as const))('%s: refused by validation or used, never refused by the database', async (_, op) => {
    const w = await newWorld(atoll, 'edges');
    const example = await exampleRequest(api, op, w);
    const failures: string[] = [];
    for (const r of edgeRequests(op, example.url)) {
      const body = r.body ?? (typeof example.body === 'string' ? example.body : undefined);
      const sendAs = async (token: string) =>
        answerOf(
          await send(atoll, r.url, { method: op.method, headers: { ...example.headers, authorization: `Bearer ${token}`, 'x-tenant-id': w.tenant.id }, ...(body === undefined ? {} : { body }) }),
        );
      let answer = await sendAs(w.owner.accessToken);
      // Routes for machines (runners) refuse users; their API key may call them.
      if (answer.status === 403 && answer.body?.code === 'KERNEL_FORBIDDEN') answer = await sendAs(w.key.secret);
      const defect = answer.status >= 500 ? 'server error' : answer.body?.code === 'KERNEL_INVALID_VALUE' ? 'the database refused it' : answer.status >= 400 ? problemDefect(answer) : undefined;
      if (defect) failures.push(`${r.where}: ${defect}: ${r.url} ${(body ?? '').slice(0, 300)} → ${describeAnswer(answer)}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('finds the fields to check', () => {
    expect(covered.length).toBeGreaterThan(50);
    expect(covered.reduce((n, op) => n + edgeRequests(op, op.path).length, 0)).toBeGreaterThan(150);
  });
});
