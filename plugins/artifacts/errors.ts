import { AtollError, conflict, type FieldError, notFound, validationFailed } from 'atoll/plugin';

/** Every error code the artifacts plugin returns. */
export const ArtifactsErrorCode = {
  NOT_FOUND: 'ARTIFACTS_NOT_FOUND',
  PROJECT_NOT_FOUND: 'ARTIFACTS_PROJECT_NOT_FOUND',
  SOURCE_NOT_FOUND: 'ARTIFACTS_SOURCE_NOT_FOUND',
  LINEAGE_CYCLE: 'ARTIFACTS_LINEAGE_CYCLE',
  METADATA_TOO_LARGE: 'ARTIFACTS_METADATA_TOO_LARGE',
  CONTENT_TOO_LARGE: 'ARTIFACTS_CONTENT_TOO_LARGE',
  INVALID_CURSOR: 'ARTIFACTS_INVALID_CURSOR',
  UPLOAD_NOT_FOUND: 'ARTIFACTS_UPLOAD_NOT_FOUND',
  UPLOAD_COMPLETED: 'ARTIFACTS_UPLOAD_COMPLETED',
  UPLOAD_MISSING: 'ARTIFACTS_UPLOAD_MISSING',
  SIZE_MISMATCH: 'ARTIFACTS_SIZE_MISMATCH',
  CHECKSUM_MISMATCH: 'ARTIFACTS_CHECKSUM_MISMATCH',
  NO_CONTENT: 'ARTIFACTS_NO_CONTENT',
  VERSION_NOT_FOUND: 'ARTIFACTS_VERSION_NOT_FOUND',
  RANGE_NOT_SATISFIABLE: 'ARTIFACTS_RANGE_NOT_SATISFIABLE',
  BAD_UPLOAD: 'ARTIFACTS_BAD_UPLOAD',
} as const;

const E = ArtifactsErrorCode;
const body = (path: string, message: string): FieldError[] => [{ location: 'body', path, message }];

export const artifactNotFound = () => notFound(E.NOT_FOUND, 'No such artifact in this tenant');
export const projectNotFound = () => notFound(E.PROJECT_NOT_FOUND, 'No such project in this tenant');
export const sourcesNotFound = (ids: string[]) =>
  validationFailed(E.SOURCE_NOT_FOUND, `Unknown source artifact(s): ${ids.join(', ')}`, body('sourceArtifactIds', 'Every source must be an artifact of this tenant'));
export const lineageCycle = () => validationFailed(E.LINEAGE_CYCLE, 'An artifact cannot derive from itself, directly or through its sources', body('sourceArtifactIds', 'Would make a cycle'));
export const metadataTooLarge = (max: number) =>
  new AtollError('payload_too_large', E.METADATA_TOO_LARGE, `metadata must serialize to at most ${max} bytes of JSON`, { errors: body('metadata', `At most ${max} bytes`) });
export const contentTooLarge = (max: number) => new AtollError('payload_too_large', E.CONTENT_TOO_LARGE, `Content is limited to ${max} bytes`, { errors: body('size', `At most ${max}`) });
export const invalidCursor = () => validationFailed(E.INVALID_CURSOR, 'The cursor is invalid', [{ location: 'query', path: 'cursor', message: 'Invalid cursor' }]);
export const uploadNotFound = () => notFound(E.UPLOAD_NOT_FOUND, 'No such upload for this artifact');
export const uploadCompleted = () => conflict(E.UPLOAD_COMPLETED, 'This upload is already completed');
export const uploadMissing = () => conflict(E.UPLOAD_MISSING, 'Nothing was uploaded yet: PUT the content to the upload URL, then complete');
export const sizeMismatch = (declared: number, actual: number) =>
  validationFailed(E.SIZE_MISMATCH, `The uploaded object has ${actual} bytes; ${declared} were declared`, body('size', 'Does not match the uploaded object'));
export const checksumMismatch = () =>
  validationFailed(E.CHECKSUM_MISMATCH, 'The uploaded content does not match the declared SHA-256 checksum', body('checksum', 'Does not match the uploaded object'));
export const noFile = () => validationFailed(E.BAD_UPLOAD, 'Choose a file to upload', body('file', 'Required'));
export const noContent = () => notFound(E.NO_CONTENT, 'This artifact has no content yet');
export const versionNotFound = (version: number) => notFound(E.VERSION_NOT_FOUND, `The artifact has no version ${version}`);
export const rangeNotSatisfiable = (size: number) =>
  new AtollError('unprocessable', E.RANGE_NOT_SATISFIABLE, 'The requested range is outside the content', { status: 416, headers: { 'content-range': `bytes */${size}` } });

/** A Postgres error by SQLSTATE, through drizzle's wrapping (23503 foreign key, 23505 unique). */
export function hasSqlState(error: unknown, state: string): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === state) return true;
  }
  return false;
}
