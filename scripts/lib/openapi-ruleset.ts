// Atoll's own OpenAPI rules, run by Spectral next to its `spectral:oas` ruleset: the conventions the
// kernel's document assembly promises (worker/http/openapi-conventions.ts, mount-routes.ts), so a
// change that breaks one fails the lint instead of going unnoticed.
import spectralCore, { type IFunctionResult } from '@stoplight/spectral-core';

type Json = Record<string, any>;
type Check = (doc: Json) => IFunctionResult[];

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Follows local `$ref`s (`#/components/...`). */
function deref(doc: Json, node: Json | undefined): Json | undefined {
  let out = node;
  for (let hops = 0; out && typeof out.$ref === 'string' && hops < 20; hops++) {
    out = out.$ref
      .slice(2)
      .split('/')
      .reduce((at: Json | undefined, key: string) => at?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
  }
  return out;
}

function* operations(doc: Json): Generator<{ path: string; method: string; op: Json }> {
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) if (item[method]) yield { path, method, op: item[method] };
  }
}

function* responses(doc: Json): Generator<{ path: string; method: string; op: Json; status: string; response: Json; raw: Json }> {
  for (const { path, method, op } of operations(doc)) {
    for (const [status, raw] of Object.entries<Json>(op.responses ?? {})) yield { path, method, op, status, response: deref(doc, raw) ?? {}, raw };
  }
}

const hasHeader = (doc: Json, response: Json, name: string) =>
  Object.entries<Json>(response.headers ?? {}).some(([key, header]) => key.toLowerCase() === name.toLowerCase() && deref(doc, header) !== undefined);

const isProblem = (doc: Json, response: Json) => Object.keys(response.content ?? {}).includes('application/problem+json');

const at = (...path: (string | number)[]) => path;

const securityDeclared: Check = (doc) => [
  ...(Array.isArray(doc.security) && doc.security.length > 0 ? [] : [{ message: 'The document declares no global security requirement', path: at('security') }]),
  ...[...operations(doc)]
    .filter(({ op }) => !Array.isArray(op.security))
    .map(({ path, method }) => ({ message: 'Declare the operation’s security (`security: []` when public)', path: at('paths', path, method) })),
];

const problemResponsesShared: Check = (doc) =>
  [...responses(doc)]
    .filter(({ raw, response }) => !raw.$ref?.startsWith('#/components/responses/') && isProblem(doc, response))
    .map(({ path, method, status }) => ({ message: `Problem response ${status} is inline: reference a shared one in #/components/responses`, path: at('paths', path, method, 'responses', status) }));

const tenantParameterShared: Check = (doc) =>
  [...operations(doc)].flatMap(({ path, method, op }) =>
    (op.parameters ?? []).flatMap((p: Json, i: number) =>
      !p.$ref && p.in === 'header' && String(p.name).toLowerCase() === 'x-tenant-id'
        ? [{ message: 'Reference #/components/parameters/TenantId instead of an inline x-tenant-id', path: at('paths', path, method, 'parameters', i) }]
        : [],
    ),
  );

const requestIdEverywhere: Check = (doc) =>
  [...responses(doc)]
    .filter(({ response }) => !hasHeader(doc, response, 'x-request-id'))
    .map(({ path, method, status }) => ({ message: `Response ${status} does not document x-request-id`, path: at('paths', path, method, 'responses', status) }));

const retryAfter: Check = (doc) =>
  [...responses(doc)]
    .filter(({ status, response }) => (status === '429' || (status === '503' && isProblem(doc, response))) && !hasHeader(doc, response, 'Retry-After'))
    .map(({ path, method, status }) => ({ message: `Response ${status} does not document Retry-After`, path: at('paths', path, method, 'responses', status) }));

/**
 * A write that may answer 429 is limited by the kernel (every write is, unless it opts out, and then
 * it documents no 429), which sends `RateLimit-*`. A read's 429 may be a service's own limit (the SQL
 * rate) that sends only `Retry-After`.
 */
const rateLimitHeaders: Check = (doc) =>
  [...responses(doc)]
    .filter(({ method, op, status }) => !['get', 'head', 'options'].includes(method) && op.responses?.['429'] && status.startsWith('2'))
    .filter(({ response }) => !['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'].every((h) => hasHeader(doc, response, h)))
    .map(({ path, method, status }) => ({
      message: `A rate-limited write’s ${status} does not document RateLimit-Limit, -Remaining and -Reset`,
      path: at('paths', path, method, 'responses', status),
    }));

const locationOn201: Check = (doc) =>
  [...responses(doc)]
    .filter(({ op, status, response }) => status === '201' && op['x-atoll-no-location'] === undefined && !hasHeader(doc, response, 'Location'))
    .map(({ path, method }) => ({ message: '201 does not document Location (or say why with x-atoll-no-location)', path: at('paths', path, method, 'responses', '201') }));

const rangeHeaders: Check = (doc) =>
  [...responses(doc)]
    .filter(({ status, response }) => (status === '206' || status === '416') && !hasHeader(doc, response, 'Content-Range'))
    .map(({ path, method, status }) => ({ message: `Response ${status} does not document Content-Range`, path: at('paths', path, method, 'responses', status) }));

/** Every schema property in the document, with its JSON path. */
function* properties(node: unknown, path: (string | number)[] = []): Generator<{ name: string; schema: Json; path: (string | number)[] }> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* properties(item, [...path, i]);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Json;
  if (obj.properties && typeof obj.properties === 'object' && !Array.isArray(obj.properties)) {
    for (const [name, schema] of Object.entries<Json>(obj.properties)) if (schema && typeof schema === 'object') yield { name, schema, path: [...path, 'properties', name] };
  }
  for (const [key, value] of Object.entries(obj)) yield* properties(value, [...path, key]);
}

const isString = (schema: Json) => schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));

/** `createdAt`, `expires_at`, ...: timestamps by our naming convention, so they must say `format: date-time`. */
const dateTimeFormat: Check = (doc) =>
  [...properties(doc)]
    .filter(({ name, schema }) => /^at$|At$|_at$/.test(name) && isString(schema) && schema.format !== 'date-time')
    .map(({ path }) => ({ message: 'A timestamp property needs format: date-time', path }));

const emailFormat: Check = (doc) =>
  [...properties(doc)]
    .filter(({ name, schema }) => /^email$|Email$/.test(name) && isString(schema) && schema.format !== 'email')
    .map(({ path }) => ({ message: 'An email property needs format: email', path }));

const rule = (description: string, check: Check) => ({
  description,
  severity: 'error' as const,
  given: '$',
  resolved: false,
  then: { function: spectralCore.createRulesetFunction<Json, null>({ input: null, options: null }, check) },
});

/** Rules to add to a Spectral ruleset (`rules`), all errors. */
export const atollRules = {
  'operation-description': 'error' as const,
  'atoll-security-declared': rule('Every operation declares its security; public ones `security: []`', securityDeclared),
  'atoll-problem-response-shared': rule('Problem responses are shared components', problemResponsesShared),
  'atoll-tenant-parameter-shared': rule('x-tenant-id is the shared TenantId parameter', tenantParameterShared),
  'atoll-request-id-header': rule('Every response documents x-request-id', requestIdEverywhere),
  'atoll-retry-after-header': rule('429 and problem 503 responses document Retry-After', retryAfter),
  'atoll-rate-limit-headers': rule('Rate-limited writes document RateLimit-* on success', rateLimitHeaders),
  'atoll-location-header': rule('201 responses document Location', locationOn201),
  'atoll-range-headers': rule('206 and 416 responses document Content-Range', rangeHeaders),
  'atoll-date-time-format': rule('Timestamps are format: date-time', dateTimeFormat),
  'atoll-email-format': rule('Emails are format: email', emailFormat),
};
