// The OpenAPI components every operation shares: response headers and the tenant header parameter.
// Operations reference them with `$ref` (see openapi-conventions.ts, mount-routes.ts), so each is
// described once.

/** What an operation requires unless it says otherwise (the document's global `security`); public operations declare `security: []`. */
export const DEFAULT_SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];

type HeaderObject = { description: string; required?: boolean; schema: Record<string, unknown> };

/** Response headers, by component name. */
export const HEADER_COMPONENTS = {
  RequestId: {
    description: 'The request id: the client’s own `x-request-id` when it matches `[A-Za-z0-9._:-]{8,128}`, otherwise a fresh UUID. Every log line of the request carries it',
    required: true,
    schema: { type: 'string', example: '0f0c9d1e-6a53-4a41-9d3b-4a3c2f1e0d9c' },
  },
  RetryAfter: { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0, example: 5 } },
  RateLimitLimit: { description: 'Requests allowed in the current window (sent when a rate limiter is configured)', schema: { type: 'integer', minimum: 0 } },
  RateLimitRemaining: { description: 'Requests left in the current window', schema: { type: 'integer', minimum: 0 } },
  RateLimitReset: { description: 'Seconds until the current window ends', schema: { type: 'integer', minimum: 0 } },
  Location: { description: 'URL of the created resource', required: true, schema: { type: 'string', format: 'uri-reference', example: '/api/v1/projects/0f0c9d1e-6a53-4a41-9d3b-4a3c2f1e0d9c' } },
  ETag: { description: 'Entity tag of the stored object', schema: { type: 'string', example: '"9b2cf535f27731c974343645a3985328"' } },
  ContentRange: { description: 'The byte range sent and the full size (`bytes 0-99/1234`), or only the size on 416 (`bytes */1234`)', schema: { type: 'string', example: 'bytes 0-99/1234' } },
  WWWAuthenticate: { description: 'The authentication scheme to use', schema: { type: 'string', example: 'Bearer' } },
} satisfies Record<string, HeaderObject>;

/**
 * The name of a shared response header component (`#/components/headers/<name>`), for `headerRefs`.
 *
 * @example
 * const cacheHeaders: HeaderComponent[] = ['ETag', 'ContentRange'];
 * responses: { 206: { description: 'Part of the file', content, headers: headerRefs(...cacheHeaders) } }
 */
export type HeaderComponent = keyof typeof HEADER_COMPONENTS;

/** The HTTP header each component documents. */
export const HEADER_NAMES: Record<HeaderComponent, string> = {
  RequestId: 'x-request-id',
  RetryAfter: 'Retry-After',
  RateLimitLimit: 'RateLimit-Limit',
  RateLimitRemaining: 'RateLimit-Remaining',
  RateLimitReset: 'RateLimit-Reset',
  Location: 'Location',
  ETag: 'ETag',
  ContentRange: 'Content-Range',
  WWWAuthenticate: 'WWW-Authenticate',
};

/**
 * Response `headers` that reference the shared header components, for a route's OpenAPI metadata.
 *
 * @example
 * responses: { 200: { description: 'The file', content, headers: headerRefs('ETag') } }
 */
export function headerRefs(...names: HeaderComponent[]): Record<string, { $ref: string }> {
  return Object.fromEntries(names.map((name) => [HEADER_NAMES[name], { $ref: `#/components/headers/${name}` }]));
}

export const TENANT_PARAMETER = {
  name: 'x-tenant-id',
  in: 'header',
  required: false,
  description: 'Tenant id or slug; required for users, optional for API keys (which act in their own tenant)',
  schema: { type: 'string' },
} as const;

/** How tenant-scoped operations reference the `x-tenant-id` parameter. */
export const TENANT_PARAMETER_REF = { $ref: '#/components/parameters/TenantId' } as const;
