import { z } from 'atoll/plugin';
import { DOWNLOAD_EXPIRY, UPLOAD_EXPIRY } from '../services/presign';

// Paths are plain strings here; `parsePath` checks them (one module, one error code).
const PathString = z.string().max(4000).openapi({ description: 'Path relative to the tenant root, e.g. reports/2024/q1.csv', example: 'reports/q1.csv' });

export const FileSchema = z
  .object({
    path: z.string(),
    size: z.number().int(),
    contentType: z.string().optional(),
    etag: z.string().optional(),
    lastModified: z.string().optional().openapi({ format: 'date-time' }),
  })
  .openapi('File');

export const FileListSchema = z
  .object({
    files: z.array(FileSchema),
    folders: z.array(z.string()).openapi({ description: 'Sub-folders (with a trailing /) when delimiter=/' }),
    nextCursor: z.string().nullable(),
  })
  .openapi('FileList');

export const PathQuery = z.object({ path: PathString });

export const ListQuery = z.object({
  prefix: z.string().max(4000).default('').openapi({ description: 'Only paths starting with this (end a folder with /)' }),
  delimiter: z.enum(['/']).optional().openapi({ description: 'Group sub-folders into `folders`' }),
  cursor: z.string().max(2100).optional().openapi({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ description: 'Page size, 1-1000 (S3 pages hold at most 1,000 keys)' }),
});

export const DeleteManyBody = z.object({ paths: z.array(PathString).min(1).max(1000) }).openapi('DeleteFiles');
export const DeletedSchema = z.object({ deleted: z.array(z.string()), failed: z.array(z.string()) }).openapi('DeletedFiles');

export const FolderBody = z.object({ path: PathString }).openapi('CreateFolder');
export const FolderSchema = z.object({ path: z.string() }).openapi('Folder');
export const FolderDeletedSchema = z.object({ deleted: z.number().int(), failed: z.number().int() }).openapi('FolderDeleted');

export const CopyBody = z.object({ from: PathString, to: PathString, overwrite: z.boolean().default(false) }).openapi('CopyFile');

export const PresignDownloadBody = z
  .object({
    path: PathString,
    expiresIn: z.number().int().min(1).max(DOWNLOAD_EXPIRY.max).default(DOWNLOAD_EXPIRY.default).openapi({ description: 'Seconds, 1..604800 (7 days); default 900' }),
  })
  .openapi('PresignDownload');

export const PresignUploadBody = z
  .object({
    path: PathString,
    size: z.number().int().min(0).openapi({ description: 'Exact byte length; the URL accepts only this (at most FILES_MAX_UPLOAD_BYTES)' }),
    contentType: z
      .string()
      .regex(/^[\w.+-]{1,100}\/[\w.+-]{1,100}$/, 'A media type such as text/csv')
      .optional(),
    expiresIn: z.number().int().min(1).max(UPLOAD_EXPIRY.max).default(UPLOAD_EXPIRY.default).openapi({ description: 'Seconds, 1..3600; default 900' }),
    overwrite: z.boolean().default(false),
  })
  .openapi('PresignUpload');

export const PresignedSchema = z
  .object({
    url: z.string(),
    method: z.enum(['GET', 'PUT']),
    headers: z.record(z.string(), z.string()).optional().openapi({ description: 'Headers the PUT must send exactly' }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('PresignedUrl');

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

/** The multipart upload bodies, documented only: a zod schema here would make the validator buffer the body. */
export const uploadBody = (properties: Record<string, { type: 'string' | 'array'; format?: string; enum?: string[]; items?: { type: 'string'; format: string } }>, required: string[]) => ({
  body: { required: true, content: { 'multipart/form-data': { schema: { type: 'object' as const, properties, required } } } },
});
