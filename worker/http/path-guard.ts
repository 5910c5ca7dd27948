import { createMiddleware } from 'hono/factory';
import { KernelErrorCode } from '../error-codes';
import { AtollError } from '../errors';
import { isWellFormedText } from '../plugin/well-formed';

/** No id, slug or name in a path is longer; anything longer is a client mistake (or a probe). */
export const MAX_PATH_SEGMENT_CHARS = 1024;
// C0 and C1 controls and DEL: no route's parameter holds them, and headers, S3 keys and Postgres
// text all refuse some of them (a NUL in a header value throws, which used to be a 500).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const invalid = (index: number, message: string) =>
  new AtollError('validation', KernelErrorCode.INVALID_PATH, `The URL path is not acceptable: ${message}`, {
    errors: [{ location: 'path', path: `(segment ${index})`, message }],
  });

/**
 * Refuses, before any route or plugin middleware sees it, a URL path whose decoded segments hold
 * control characters, ill-formed percent-encoding or Unicode, or more than
 * `MAX_PATH_SEGMENT_CHARS` characters: a 400 (KERNEL_INVALID_PATH) naming the segment (1-based,
 * `/api/v1/tenants/x` has `x` as segment 4). Route parameters can then be trusted to be plain text.
 *
 * @example
 * app.use('*', pathGuard);
 */
export const pathGuard = createMiddleware(async (c, next) => {
  const url = c.req.url;
  // The common case, checked without parsing: nothing percent-encoded (the URL parser encodes
  // control characters and non-ASCII), and too short to hold an over-long segment.
  if (url.length <= MAX_PATH_SEGMENT_CHARS && !url.includes('%')) return next();
  const segments = new URL(url).pathname.split('/');
  for (let i = 1; i < segments.length; i++) {
    const raw = segments[i]!;
    if (raw.length > MAX_PATH_SEGMENT_CHARS * 3) throw invalid(i, `longer than ${MAX_PATH_SEGMENT_CHARS} characters`);
    if (!raw.includes('%')) {
      if (raw.length > MAX_PATH_SEGMENT_CHARS) throw invalid(i, `longer than ${MAX_PATH_SEGMENT_CHARS} characters`);
      continue;
    }
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      throw invalid(i, 'malformed percent-encoding or UTF-8');
    }
    if (segment.length > MAX_PATH_SEGMENT_CHARS) throw invalid(i, `longer than ${MAX_PATH_SEGMENT_CHARS} characters`);
    if (CONTROL.test(segment)) throw invalid(i, 'contains control characters');
    if (!isWellFormedText(segment)) throw invalid(i, 'is not well-formed Unicode');
  }
  await next();
});
