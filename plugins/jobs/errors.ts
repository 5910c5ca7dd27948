import { AtollError, conflict, type FieldError, forbidden, notFound, validationFailed } from 'atoll/plugin';

/** Every error code the jobs plugin returns. */
export const JobsErrorCode = {
  NOT_FOUND: 'JOBS_NOT_FOUND',
  UNKNOWN_TYPE: 'JOBS_UNKNOWN_TYPE',
  INVALID_INPUT: 'JOBS_INVALID_INPUT',
  INVALID_RESULT: 'JOBS_INVALID_RESULT',
  INVALID_CURSOR: 'JOBS_INVALID_CURSOR',
  IDEMPOTENCY_MISMATCH: 'JOBS_IDEMPOTENCY_KEY_REUSED',
  NOT_CANCELLABLE: 'JOBS_NOT_CANCELLABLE',
  ASSIGNMENT_NOT_FOUND: 'JOBS_ASSIGNMENT_NOT_FOUND',
  LEASE_EXPIRED: 'JOBS_LEASE_EXPIRED',
  CANCELLED: 'JOBS_CANCELLED',
  ALREADY_FINISHED: 'JOBS_ALREADY_FINISHED',
  RESOURCE_NOT_FOUND: 'JOBS_RESOURCE_NOT_FOUND',
  RESULT_TOO_LARGE: 'JOBS_RESULT_TOO_LARGE',
  RESULT_NOT_FOUND: 'JOBS_RESULT_NOT_FOUND',
  SCOPE_MISSING: 'JOBS_SCOPE_MISSING',
} as const;

export const scopeMissing = (type: string, missing: readonly string[]) =>
  forbidden(JobsErrorCode.SCOPE_MISSING, `A job of type ${type} needs an API key with the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
export const jobNotFound = () => notFound(JobsErrorCode.NOT_FOUND, 'No such job in this tenant');
export const unknownType = (type: string) =>
  validationFailed(JobsErrorCode.UNKNOWN_TYPE, `No installed plugin declares the job type "${type}"`, [{ location: 'body', path: 'type', message: 'Unknown job type' }]);
export const unknownTypes = (types: string[]) =>
  validationFailed(JobsErrorCode.UNKNOWN_TYPE, `Unknown job type(s): ${types.join(', ')}`, [{ location: 'body', path: 'types', message: 'Unknown job type' }]);
export const invalidInput = (errors: FieldError[]) => validationFailed(JobsErrorCode.INVALID_INPUT, 'The input does not match the job type', errors);
export const invalidResult = (errors: FieldError[]) => validationFailed(JobsErrorCode.INVALID_RESULT, "The result does not match the job type's result schema", errors);
export const invalidCursor = () => validationFailed(JobsErrorCode.INVALID_CURSOR, 'The cursor is invalid', [{ location: 'query', path: 'cursor', message: 'Invalid cursor' }]);
export const idempotencyMismatch = () => new AtollError('unprocessable', JobsErrorCode.IDEMPOTENCY_MISMATCH, 'This Idempotency-Key was already used with a different request body');
export const notCancellable = (status: string) => conflict(JobsErrorCode.NOT_CANCELLABLE, `A ${status} job cannot be cancelled`);
export const assignmentNotFound = () => notFound(JobsErrorCode.ASSIGNMENT_NOT_FOUND, 'No such assignment for this runner');
export const leaseExpired = () => conflict(JobsErrorCode.LEASE_EXPIRED, 'The lease expired; the job was or will be given to another runner');
export const jobCancelled = () => conflict(JobsErrorCode.CANCELLED, 'The job was cancelled');
export const alreadyFinished = () => conflict(JobsErrorCode.ALREADY_FINISHED, 'The job already has its result');
export const resourceNotFound = (name: string) => notFound(JobsErrorCode.RESOURCE_NOT_FOUND, `The job type has no resource "${name}"`);
export const resultTooLarge = (max: number) => new AtollError('payload_too_large', JobsErrorCode.RESULT_TOO_LARGE, `A result file may be at most ${max} bytes`);

/** Postgres unique violation (SQLSTATE 23505), through drizzle's wrapping. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}
