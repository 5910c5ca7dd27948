import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { renderErrorPartial } from '../../views/error-partial';
import { isDatabaseUnavailable } from '../db/unavailable';
import { KernelErrorCode } from '../error-codes';
import { AtollError, type ErrorKind, type FieldError } from '../errors';

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  bad_gateway: 502,
  unavailable: 503,
};

const TITLE: Record<ErrorKind, string> = {
  validation: 'Validation failed',
  unauthorized: 'Authentication required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  payload_too_large: 'Payload too large',
  unprocessable: 'Unprocessable content',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
  bad_gateway: 'Bad gateway',
  unavailable: 'Service unavailable',
};

const KIND_BY_STATUS = new Map(Object.entries(STATUS).map(([kind, status]) => [status, kind as ErrorKind]));

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: FieldError[];
}

const LOCATION: Record<string, string> = { json: 'body', form: 'body', query: 'query', param: 'path', header: 'header', cookie: 'cookie' };

/** Turns a zod failure on one request part into field errors. */
export function fieldErrors(error: ZodError, target = 'json'): FieldError[] {
  return error.issues.map((issue) => ({
    location: LOCATION[target] ?? target,
    path: issue.path.length > 0 ? issue.path.join('.') : '(root)',
    message: issue.message,
  }));
}

/** The SQLSTATE of a Postgres error, whether thrown by the driver or wrapped by drizzle. */
function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Normalises anything thrown into an `AtollError`; unknown errors become a generic internal one.
 *
 * @example
 * const error = toAtollError(thrown);
 * if (error.kind === 'internal') logger.error('chat tool failed', { tool: name, error: thrown });
 */
export function toAtollError(error: unknown): AtollError {
  if (error instanceof AtollError) return error;
  // A backstop for values only the database rejects (a NUL byte, an impossible date, a malformed
  // uuid, a missing referenced row): the client's data, not a server fault. Services should validate first.
  const state = sqlState(error);
  const fromDatabase = state === undefined ? undefined : clientDatabaseError(state, error);
  if (fromDatabase) return fromDatabase;
  if (isDatabaseUnavailable(error)) {
    return new AtollError('unavailable', KernelErrorCode.DATABASE_UNAVAILABLE, 'The database is unavailable; try again shortly', { cause: error, retryAfter: 5 });
  }
  if (error instanceof ZodError) {
    return new AtollError('validation', KernelErrorCode.VALIDATION, 'The request is invalid', { errors: fieldErrors(error) });
  }
  if (error instanceof HTTPException) {
    const kind = KIND_BY_STATUS.get(error.status) ?? (error.status >= 500 ? 'internal' : 'validation');
    const malformed = error.status === 400 && /malformed|invalid/i.test(error.message);
    const code = malformed ? KernelErrorCode.MALFORMED_BODY : error.status === 413 ? KernelErrorCode.PAYLOAD_TOO_LARGE : KernelErrorCode.HTTP;
    const detail = kind === 'internal' ? 'An unexpected error occurred' : error.message || TITLE[kind];
    return new AtollError(kind, code, detail, { cause: error, status: error.status });
  }
  return new AtollError('internal', KernelErrorCode.INTERNAL, 'An unexpected error occurred', { cause: error });
}

/**
 * SQLSTATEs a client's values can cause (class 22 data, 23 integrity, 42 rules and privileges with
 * values the app did not check, 54 a value beyond a database limit). Connection-level classes
 * (08, 57P0x, 53300) are left to `isDatabaseUnavailable`. Postgres' message is never sent: it can
 * name tables and constraints.
 */
function clientDatabaseError(state: string, cause: unknown): AtollError | undefined {
  if (state === '23505' || state === '23P01') {
    return new AtollError('conflict', KernelErrorCode.CONFLICT, 'This conflicts with something that already exists', { cause });
  }
  if (state === '23503') {
    return new AtollError('conflict', KernelErrorCode.CONFLICT, 'This refers to something that does not exist, or is still referred to', { cause });
  }
  // Row-level security refused the row: to the caller it belongs to a tenant they cannot see.
  if (state === '42501') return new AtollError('not_found', KernelErrorCode.NOT_FOUND, 'Not found', { cause });
  if (['22', '23', '42', '54'].includes(state.slice(0, 2))) {
    return new AtollError('validation', KernelErrorCode.INVALID_VALUE, 'A value in the request is not acceptable', { cause });
  }
  return undefined;
}

export function toProblem(error: AtollError, requestId: string): Problem {
  const slug = error.kind.replace(/_/g, '-');
  return {
    type: `urn:atoll:problem:${slug}`,
    title: TITLE[error.kind],
    status: error.status ?? STATUS[error.kind],
    detail: error.message,
    code: error.code,
    requestId,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

/** Renders a problem as a full HTML page inside the layout (views/error-page). */
export type ErrorPageRenderer = (c: Context, problem: Problem) => Promise<Response>;

const PAGE_PATH = /^\/(app(\/|$)|$)/;

/**
 * A browser navigating to a page (`/`, `/app/...`): a plain request that accepts HTML, or an htmx
 * boosted link or GET form, which replaces the whole page. API paths never qualify, whatever they accept.
 */
function isPageNavigation(c: Context): boolean {
  if (!PAGE_PATH.test(c.req.path)) return false;
  if (c.req.header('hx-request') === 'true') return c.req.header('hx-boosted') === 'true' && c.req.method === 'GET';
  return (c.req.header('accept') ?? '').includes('text/html');
}

/**
 * The one place an error becomes an HTTP response: problem+json; an HTML partial for HTMX; a full
 * error page for a browser navigating to a page, when the app passes `errorPage`.
 */
export async function problemResponse(c: Context, error: AtollError, errorPage?: ErrorPageRenderer): Promise<Response> {
  const problem = toProblem(error, c.get('requestId') ?? '');
  const headers: Record<string, string> = { ...error.headers };
  if (error.retryAfter !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfter));
  if (error.kind === 'unauthorized') headers['www-authenticate'] ??= 'Bearer';
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  if (errorPage && isPageNavigation(c)) {
    try {
      return await errorPage(c, problem);
    } catch (pageError) {
      // The page itself failed (e.g. the layout): the problem still reaches the browser, as JSON.
      c.get('logger')?.error('error page failed', { error: pageError });
    }
  }
  if (c.req.header('hx-request') === 'true') {
    return c.html(renderErrorPartial(problem), problem.status as 400);
  }
  return c.body(JSON.stringify(problem), problem.status as 400, { 'content-type': 'application/problem+json' });
}
