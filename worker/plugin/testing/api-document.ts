// The API surface as the app documents it: every operation of the OpenAPI document the app serves,
// with what the tests that walk the API need to know. The conformance suite, the whole-app tenant
// matrix and the fuzzer read only this, so a new route is covered by them the day it is mounted.
import type { AtollApp } from '../../app';
import { bodyOf, send } from './send';

/** A JSON Schema node of the document (OpenAPI 3.1: JSON Schema 2020-12). */
export type Schema = Record<string, any>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  /** The document's path template, e.g. `/api/v1/projects/{id}`. */
  path: string;
  id: string;
  /** The operation's first tag: the plugin that mounts it (or `health`). */
  tag: string;
  /** Declares `security: []`, or no security where the document declares none globally. */
  public: boolean;
  /** Takes the tenant from `x-tenant-id` (documented as a header parameter). */
  tenantScoped: boolean;
  params: Parameter[];
  /** The first documented request body (JSON or multipart form), if any. */
  body?: { contentType: string; schema: Schema; required: boolean };
}

export interface ApiDocument {
  doc: Record<string, any>;
  operations: Operation[];
  /** Resolves `$ref`s into `#/components/...`. */
  resolve(schema: Schema | undefined): Schema;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Fetches `/api/openapi.json` from `atoll` and lists its operations. */
export async function loadApiDocument(atoll: AtollApp): Promise<ApiDocument> {
  const res = await send(atoll, '/api/openapi.json');
  const doc = await bodyOf(res);
  if (res.status !== 200) throw new Error(`GET /api/openapi.json: ${res.status} ${JSON.stringify(doc).slice(0, 500)}`);
  const resolve = (schema: Schema | undefined): Schema => {
    let s = schema ?? {};
    for (let hops = 0; typeof s.$ref === 'string'; hops++) {
      if (hops > 20) throw new Error(`$ref loop at ${s.$ref}`);
      s = s.$ref
        .slice(2)
        .split('/')
        .reduce((node: any, key: string) => node?.[key], doc);
      if (!s) throw new Error(`unresolved $ref ${schema?.$ref}`);
    }
    return s;
  };
  const globallySecured = Array.isArray(doc.security) && doc.security.length > 0;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params: Parameter[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: any) => {
        const param = p.$ref ? resolve(p) : p;
        return { name: param.name, in: param.in, required: param.required === true, schema: param.schema ?? {} };
      });
      const content = Object.entries<any>(op.requestBody?.content ?? {})[0];
      operations.push({
        method: method.toUpperCase(),
        path,
        id: op.operationId ?? `${method.toUpperCase()} ${path}`,
        tag: op.tags?.[0] ?? '',
        public: Array.isArray(op.security) ? op.security.length === 0 : !globallySecured,
        tenantScoped: params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'x-tenant-id'),
        params: params.filter((p) => !(p.in === 'header' && p.name.toLowerCase() === 'x-tenant-id')),
        ...(content ? { body: { contentType: content[0], schema: content[1].schema ?? {}, required: op.requestBody.required === true } } : {}),
      });
    }
  }
  return { doc, operations, resolve };
}

/** `{name}` placeholders of a path template, each with the collection segment before it. */
export function pathSlots(path: string): { name: string; key: string }[] {
  const segments = path.split('/');
  return segments.flatMap((segment, i) => {
    const m = /^\{(.+)\}$/.exec(segment);
    return m ? [{ name: m[1]!, key: `${segments[i - 1]}/{${m[1]}}` }] : [];
  });
}

/** The path template with its placeholders replaced (values percent-encoded unless `raw`). */
export const fillPath = (path: string, values: Record<string, string>, raw = false) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return raw ? value : encodeURIComponent(value);
  });

/** A short label for messages: `projects.getProject (GET /api/v1/projects/{id})`. */
export const labelOf = (op: Operation) => `${op.id} (${op.method} ${op.path})`;
