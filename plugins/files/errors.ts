import { AtollError, conflict, type FieldError, notFound, validationFailed } from 'atoll/plugin';

/** Every error code the files plugin returns (the kernel adds KERNEL_* ones, e.g. storage 503). */
export const FilesErrorCode = {
  INVALID_PATH: 'FILES_INVALID_PATH',
  NOT_FOUND: 'FILES_NOT_FOUND',
  FOLDER_NOT_FOUND: 'FILES_FOLDER_NOT_FOUND',
  EXISTS: 'FILES_EXISTS',
  TOO_LARGE: 'FILES_TOO_LARGE',
  BAD_UPLOAD: 'FILES_BAD_UPLOAD',
  BAD_RANGE: 'FILES_RANGE_NOT_SATISFIABLE',
  INVALID_EXPIRY: 'FILES_INVALID_EXPIRY',
  SAME_PATH: 'FILES_SAME_PATH',
} as const;

export const invalidPath = (location: string, field: string, message: string) =>
  validationFailed(FilesErrorCode.INVALID_PATH, `${field} is not a valid path: ${message}`, [{ location, path: field, message }]);
export const fileNotFound = (path: string) => notFound(FilesErrorCode.NOT_FOUND, `No file at "${path}"`);
export const folderNotFound = (path: string) => notFound(FilesErrorCode.FOLDER_NOT_FOUND, `No folder at "${path}"`);
export const fileExists = (path: string) => conflict(FilesErrorCode.EXISTS, `"${path}" already exists; send overwrite=true to replace it`);
export const tooLarge = (max: number, field?: FieldError) => new AtollError('payload_too_large', FilesErrorCode.TOO_LARGE, `Files may be at most ${max} bytes`, field ? { errors: [field] } : {});
export const badUpload = (detail: string, errors?: FieldError[]) => validationFailed(FilesErrorCode.BAD_UPLOAD, detail, errors);
export const invalidExpiry = (max: number) =>
  validationFailed(FilesErrorCode.INVALID_EXPIRY, `expiresIn must be between 1 and ${max} seconds`, [{ location: 'body', path: 'expiresIn', message: `Must be 1..${max} seconds` }]);
export const samePath = () => validationFailed(FilesErrorCode.SAME_PATH, 'from and to are the same path', [{ location: 'body', path: 'to', message: 'Must differ from from' }]);
