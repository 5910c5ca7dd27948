/**
 * Domain errors. Services throw these; they know nothing of HTTP. The kernel's error handler maps
 * each kind to a status and an RFC 9457 problem document (see `worker/http/problem.ts`).
 */
export type ErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unprocessable'
  | 'rate_limited'
  | 'internal'
  | 'bad_gateway'
  | 'unavailable';

/** One failing field of a validation error: `location` is body, query, path, header or cookie. */
export interface FieldError {
  location: string;
  path: string;
  message: string;
}

export interface AtollErrorOptions {
  errors?: FieldError[];
  /** Seconds, for rate limits and unavailability (sent as `Retry-After`). */
  retryAfter?: number;
  /** Extra response headers such as `Allow` for 405. */
  headers?: Record<string, string>;
  /** An HTTP status other than the kind's usual one (e.g. 418 from a framework exception). */
  status?: number;
  cause?: unknown;
}

export class AtollError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly errors: FieldError[] | undefined;
  readonly retryAfter: number | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly status: number | undefined;

  constructor(kind: ErrorKind, code: string, detail: string, options: AtollErrorOptions = {}) {
    super(detail, { cause: options.cause });
    this.name = 'AtollError';
    this.kind = kind;
    this.code = code;
    this.errors = options.errors;
    this.retryAfter = options.retryAfter;
    this.headers = options.headers;
    this.status = options.status;
  }
}

export const isAtollError = (value: unknown): value is AtollError => value instanceof AtollError;

/** Shorthands for the kinds services throw most. */
export const notFound = (code: string, detail: string) => new AtollError('not_found', code, detail);
export const conflict = (code: string, detail: string) => new AtollError('conflict', code, detail);
export const forbidden = (code: string, detail: string) => new AtollError('forbidden', code, detail);
export const validationFailed = (code: string, detail: string, errors?: FieldError[]) =>
  new AtollError('validation', code, detail, errors ? { errors } : {});
export const limitExceeded = (code: string, detail: string, retryAfter?: number) =>
  new AtollError('rate_limited', code, detail, retryAfter === undefined ? {} : { retryAfter });
