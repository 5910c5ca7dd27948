import { multipart } from 'atoll/plugin';
import { FilesErrorCode } from '../errors';

export type { FormPart } from 'atoll/plugin';

/** The kernel's streaming multipart reader, refusing with FILES_BAD_UPLOAD. */
export const { boundaryOf, parseMultipart, readField } = multipart(FilesErrorCode.BAD_UPLOAD);
