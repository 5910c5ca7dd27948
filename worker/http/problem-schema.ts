import { z } from '@hono/zod-openapi';

/**
 * RFC 9457 problem details, as every error response carries them.
 *
 * @example
 * responses: { 426: { description: 'Not a WebSocket upgrade', content: { 'application/problem+json': { schema: ProblemSchema } } } }
 */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:atoll:problem:not-found' }),
    title: z.string().openapi({ example: 'Not found' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().openapi({ example: 'No route matches GET /api/v1/nothing' }),
    code: z.string().openapi({ example: 'KERNEL_NOT_FOUND' }),
    requestId: z.string().openapi({ example: '0f0c9d1e-6a53-4a41-9d3b-4a3c2f1e0d9c' }),
    errors: z
      .array(z.object({ location: z.string(), path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'The failing fields of a validation error' }),
  })
  .openapi('Problem');

/** The shared response of each problem status: its component name (`#/components/responses/<name>`) and description. */
export const PROBLEM_RESPONSES: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'Invalid request: the failing fields are listed in `errors`' },
  401: { name: 'Unauthorized', description: 'Authentication required or failed' },
  403: { name: 'Forbidden', description: 'Authenticated but not allowed' },
  404: { name: 'NotFound', description: 'Not found, or not visible to the caller' },
  405: { name: 'MethodNotAllowed', description: 'Method not allowed on this path' },
  409: { name: 'Conflict', description: 'Conflicts with the current state' },
  413: { name: 'PayloadTooLarge', description: 'Request body too large' },
  416: { name: 'RangeNotSatisfiable', description: 'The range starts past the end; `Content-Range` gives the size' },
  422: { name: 'UnprocessableContent', description: 'Well-formed but unprocessable' },
  426: { name: 'UpgradeRequired', description: 'Upgrade required' },
  429: { name: 'TooManyRequests', description: 'Too many requests; see Retry-After' },
  500: { name: 'InternalError', description: 'Unexpected error; nothing internal is disclosed' },
  502: { name: 'BadGateway', description: 'An upstream service failed' },
  503: { name: 'ServiceUnavailable', description: 'A dependency is unavailable' },
};

/**
 * Documented problem+json responses to spread into a route's `responses`.
 *
 * @example
 * responses: { 200: {...}, ...problemResponses(401, 403, 404) }
 */
export function problemResponses(...statuses: number[]) {
  const out: Record<number, { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }> = {};
  for (const status of statuses) {
    out[status] = {
      description: PROBLEM_RESPONSES[status]?.description ?? 'Error',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  return out;
}

/** Added to every operation that does not document them itself. */
export const DEFAULT_PROBLEM_STATUSES = [400, 404, 413, 500] as const;
