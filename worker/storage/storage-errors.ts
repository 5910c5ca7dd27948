import { AtollError } from '../errors';

export const StorageErrorCode = {
  NOT_FOUND: 'KERNEL_STORAGE_NOT_FOUND',
  CONFLICT: 'KERNEL_STORAGE_CONFLICT',
  TOO_LARGE: 'KERNEL_STORAGE_TOO_LARGE',
  UNAVAILABLE: 'KERNEL_STORAGE_UNAVAILABLE',
} as const;

/** Maps an S3 SDK failure to a clean domain error; AWS's own text never reaches a client. */
export function toStorageError(error: unknown): AtollError {
  if (error instanceof AtollError) return error;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  if (e?.name === 'NoSuchKey' || e?.name === 'NotFound' || status === 404) {
    return new AtollError('not_found', StorageErrorCode.NOT_FOUND, 'The object does not exist', { cause: error });
  }
  if (e?.name === 'PreconditionFailed' || status === 412 || status === 409) {
    return new AtollError('conflict', StorageErrorCode.CONFLICT, 'The object changed or already exists', { cause: error });
  }
  if (e?.name === 'EntityTooLarge' || status === 413) {
    return new AtollError('payload_too_large', StorageErrorCode.TOO_LARGE, 'The object is too large for storage', { cause: error });
  }
  return new AtollError('unavailable', StorageErrorCode.UNAVAILABLE, 'Object storage is unavailable; try again shortly', { cause: error, retryAfter: 5 });
}
