import { AtollError, conflict, type FieldError, notFound, validationFailed } from 'atoll/plugin';

/** Every error code the datasets upload and ingestion routes return. */
export const DatasetsErrorCode = {
  NOT_FOUND: 'DATASETS_NOT_FOUND',
  NAME_TAKEN: 'DATASETS_NAME_TAKEN',
  INVALID_FORMAT: 'DATASETS_INVALID_FORMAT',
  INVALID_CURSOR: 'DATASETS_INVALID_CURSOR',
  NO_UPLOAD: 'DATASETS_NO_UPLOAD',
  TOO_LARGE: 'DATASETS_TOO_LARGE',
  INGEST_IN_PROGRESS: 'DATASETS_INGEST_IN_PROGRESS',
  BAD_UPLOAD: 'DATASETS_BAD_UPLOAD',
  UNKNOWN_COLUMN: 'DATASETS_UNKNOWN_COLUMN',
} as const;

export const datasetNotFound = () => notFound(DatasetsErrorCode.NOT_FOUND, 'No such dataset in this tenant');
export const nameTaken = (name: string) => conflict(DatasetsErrorCode.NAME_TAKEN, `A dataset named "${name}" already exists in this tenant (names are compared ignoring case)`);
export const tableNeedsCsv = (path = 'format') =>
  validationFailed(DatasetsErrorCode.INVALID_FORMAT, 'Table datasets are uploaded as CSV', [{ location: 'body', path, message: 'Table datasets take csv only' }]);
export const invalidCursor = () => validationFailed(DatasetsErrorCode.INVALID_CURSOR, 'The cursor is invalid', [{ location: 'query', path: 'cursor', message: 'Not a cursor from this API' }]);
export const noUpload = () => conflict(DatasetsErrorCode.NO_UPLOAD, 'Nothing was uploaded for this dataset yet; upload the file first');
export const ingestInProgress = () => conflict(DatasetsErrorCode.INGEST_IN_PROGRESS, 'The dataset is being ingested; wait until it is ready or failed');
export const tooLarge = (max: number, field?: FieldError) =>
  new AtollError('payload_too_large', DatasetsErrorCode.TOO_LARGE, `The file is larger than the limit of ${max} bytes`, field ? { errors: [field] } : {});
export const badUpload = (detail: string, errors: FieldError[]) => validationFailed(DatasetsErrorCode.BAD_UPLOAD, detail, errors);

/** Postgres SQLSTATE of an error, through drizzle's wrapping. */
export function sqlStateOf(error: unknown): string | undefined {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** Codes of the SQL console's saved queries. */
export const SavedQueryErrorCode = {
  NOT_FOUND: 'DATASETS_SAVED_QUERY_NOT_FOUND',
  NAME_TAKEN: 'DATASETS_SAVED_QUERY_NAME_TAKEN',
} as const;

export const savedQueryNotFound = () => notFound(SavedQueryErrorCode.NOT_FOUND, 'No such saved query in this tenant');
export const savedQueryNameTaken = (name: string) => conflict(SavedQueryErrorCode.NAME_TAKEN, `A saved query named "${name}" already exists in this tenant (names are compared ignoring case)`);
