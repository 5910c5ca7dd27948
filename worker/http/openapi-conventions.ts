// Document-wide conventions, applied once to the generated OpenAPI document (buildOpenApiDocument):
// problem responses become shared components, and every response documents the headers the kernel
// sends. Routes declare only what is theirs (their schemas, their own headers such as ETag).
import { HEADER_COMPONENTS, type HeaderComponent, headerRefs, TENANT_PARAMETER } from './openapi-components';
import { PROBLEM_RESPONSES } from './problem-schema';

type Json = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const PROBLEM_SCHEMA_REF = '#/components/schemas/Problem';
const PROBLEM_CONTENT = { 'application/problem+json': { schema: { $ref: PROBLEM_SCHEMA_REF } } };
const RATE_LIMIT_HEADERS: HeaderComponent[] = ['RateLimitLimit', 'RateLimitRemaining', 'RateLimitReset'];

/**
 * Operations whose 201 creates nothing the API can address (a presigned upload target, a ticket, an
 * event in the replay buffer) declare it with this extension and the reason; every other 201 sends
 * `Location`.
 */
const NO_LOCATION = 'x-atoll-no-location';

/** A problem+json response a route spread from `problemResponses`, recognised by its schema. */
const isProblem = (response: Json) => {
  const content = response.content as Json | undefined;
  return content !== undefined && Object.keys(content).length === 1 && content['application/problem+json']?.schema?.$ref === PROBLEM_SCHEMA_REF;
};

/** The headers a shared problem response documents, beyond `x-request-id`. */
function problemHeaders(status: number): HeaderComponent[] {
  if (status === 401) return ['WWWAuthenticate'];
  if (status === 416) return ['ContentRange'];
  if (status === 429) return ['RetryAfter', ...RATE_LIMIT_HEADERS];
  if (status === 503) return ['RetryAfter'];
  return [];
}

function problemComponent(status: number): Json {
  return { description: PROBLEM_RESPONSES[status]!.description, headers: headerRefs('RequestId', ...problemHeaders(status)), content: PROBLEM_CONTENT };
}

/** Headers of an operation's own (non-problem) response. */
function ownHeaders(status: string, rateLimited: boolean, sendsLocation: boolean): HeaderComponent[] {
  const success = status.startsWith('2');
  return ['RequestId', ...(status === '201' && sendsLocation ? (['Location'] as const) : []), ...(rateLimited && success ? RATE_LIMIT_HEADERS : [])];
}

/** Rewrites one operation's responses, noting the problem statuses it references in `used`. */
function applyToOperation(op: Json, rateLimited: boolean, used: Set<number>) {
  if (rateLimited) op.responses['429'] ??= { description: PROBLEM_RESPONSES[429]!.description, content: PROBLEM_CONTENT };
  for (const [status, response] of Object.entries<Json>(op.responses)) {
    const code = Number(status);
    const shared = PROBLEM_RESPONSES[code];
    if (shared && isProblem(response)) {
      used.add(code);
      const ref: Json = { $ref: `#/components/responses/${shared.name}` };
      if (response.description && response.description !== shared.description) ref.description = response.description;
      op.responses[status] = ref;
    } else if (!response.$ref) {
      response.headers = { ...headerRefs(...ownHeaders(status, rateLimited, op[NO_LOCATION] === undefined)), ...response.headers };
    }
  }
}

/** The components of `kind` that `doc` references (linters flag unused components). */
function referenced(doc: Json, kind: string, all: Json): Json {
  const text = JSON.stringify(doc);
  return Object.fromEntries(Object.entries(all).filter(([name]) => text.includes(`"#/components/${kind}/${name}"`)));
}

/**
 * Applies the conventions to `doc` in place and returns it. `rateLimited(method, path)` says which
 * operations may answer 429 and send `RateLimit-*` headers.
 *
 * @example
 * const doc = applyApiConventions(app.getOpenAPI31Document({ ... }), (method) => method !== 'get');
 */
export function applyApiConventions<T extends object>(doc: T, rateLimited: (method: string, path: string) => boolean): T {
  const json = doc as Json;
  const used = new Set<number>();
  for (const [path, item] of Object.entries<Json>(json.paths ?? {})) {
    for (const method of METHODS) if (item[method]) applyToOperation(item[method], rateLimited(method, path), used);
  }
  const components = (json.components ??= {});
  components.responses = Object.fromEntries([...used].sort((a, b) => a - b).map((status) => [PROBLEM_RESPONSES[status]!.name, problemComponent(status)]));
  components.parameters = { ...components.parameters, ...referenced(json, 'parameters', { TenantId: TENANT_PARAMETER }) };
  components.headers = referenced(json, 'headers', HEADER_COMPONENTS);
  return doc;
}
