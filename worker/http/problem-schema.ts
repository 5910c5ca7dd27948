import { z } from '@hono/zod-openapi';

/** RFC 9457 problem details, as every error response carries them. */
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

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: the failing fields are listed in `errors`',
  401: 'Authentication required or failed',
  403: 'Authenticated but not allowed',
  404: 'Not found, or not visible to the caller',
  405: 'Method not allowed on this path',
  409: 'Conflicts with the current state',
  413: 'Request body too large',
  422: 'Well-formed but unprocessable',
  429: 'Too many requests; see Retry-After',
  500: 'Unexpected error; nothing internal is disclosed',
  502: 'An upstream service failed',
  503: 'A dependency is unavailable',
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
      description: DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  return out;
}

/** Added to every operation that does not document them itself. */
export const DEFAULT_PROBLEM_STATUSES = [400, 404, 413, 500] as const;
