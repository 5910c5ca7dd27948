/**
 * Domain errors. Services throw these; they know nothing of HTTP. The kernel's error handler maps
 * each kind to a status and an RFC 9457 problem document (see `worker/http/problem.ts`).
 */
/**
 * What went wrong, independent of HTTP; the kernel maps each kind to a status (`not_found` → 404).
 *
 * @example
 * const retryable = (kind: ErrorKind) => kind === 'rate_limited' || kind === 'unavailable';
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

/**
 * One failing field of a validation error: `location` is body, query, path, header or cookie.
 *
 * @example
 * export const invalidInput = (errors: FieldError[]) => validationFailed(JobsErrorCode.INVALID_INPUT, 'The input does not match the job type', errors);
 */
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

/**
 * A domain error: its kind decides the status, its code (`<PLUGIN>_<REASON>`) is the problem's `code`.
 *
 * @example
 * export const resultTooLarge = (max: number) => new AtollError('payload_too_large', JobsErrorCode.RESULT_TOO_LARGE, `A result file may be at most ${max} bytes`);
 */
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

/**
 * Shorthands for the kinds services throw most. `notFound`: a 404.
 *
 * @example
 * export const jobNotFound = () => notFound(JobsErrorCode.NOT_FOUND, 'No such job in this tenant');
 */
export const notFound = (code: string, detail: string) => new AtollError('not_found', code, detail);
/**
 * A 409: the request clashes with the current state.
 *
 * @example
 * export const notCancellable = (status: string) => conflict(JobsErrorCode.NOT_CANCELLABLE, `A ${status} job cannot be cancelled`);
 */
export const conflict = (code: string, detail: string) => new AtollError('conflict', code, detail);
/**
 * A 403: the caller is known but may not do this.
 *
 * @example
 * if (ctx.config.registration === 'closed') throw forbidden(AuthErrorCode.REGISTRATION_CLOSED, 'Registration is closed on this server');
 */
export const forbidden = (code: string, detail: string) => new AtollError('forbidden', code, detail);
/**
 * A 400 with, optionally, the failing fields.
 *
 * @example
 * throw validationFailed(JobsErrorCode.UNKNOWN_TYPE, `No installed plugin declares the job type "${type}"`, [
 *   { location: 'body', path: 'type', message: 'Unknown job type' },
 * ]);
 */
export const validationFailed = (code: string, detail: string, errors?: FieldError[]) => new AtollError('validation', code, detail, errors ? { errors } : {});
/**
 * A 429, with `retryAfter` seconds sent as `Retry-After`.
 *
 * @example
 * throw limitExceeded(ChatErrorCode.RATE_LIMITED, `At most ${perMinute} messages per minute; try again in ${retryAfter} s`, retryAfter);
 */
export const limitExceeded = (code: string, detail: string, retryAfter?: number) => new AtollError('rate_limited', code, detail, retryAfter === undefined ? {} : { retryAfter });
