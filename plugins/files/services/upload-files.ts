import { badUpload, fileExists, tooLarge } from '../errors';
import type { FilesContext } from './context';
import { type FileInfo, fileInfoOf } from './file-info';
import { joinPath, parsePath } from './file-path';
import { keyOf } from './keys';
import { rememberNames } from './long-names';
import { boundaryOf, type FormPart, parseMultipart, readField } from './multipart';

/** Most files in one upload-multiple request. */
export const MAX_FILES_PER_UPLOAD = 100;
const CONTENT_TYPE = /^[\w.+-]{1,100}\/[\w.+-]{1,100}(;[\w\s=.+"-]{0,100})?$/;

export interface UploadInput {
  body: ReadableStream<Uint8Array>;
  contentType: string | undefined;
  /** `single`: fields `path`, `overwrite`, then one part `file`. `many`: `folder`, `overwrite`, then parts `files`. */
  mode: 'single' | 'many';
}

/**
 * Streams the files of a multipart/form-data body into the tenant's storage, part by part (never
 * the whole body in memory). Text fields must come before the file parts. Each file is at most
 * `maxUploadBytes` (413). Onto an existing name: 409 unless `overwrite=true`. When an upload of
 * several files fails, the files it had already created are removed again.
 */
const MAX_FIELDS = 10;

export async function uploadFiles({ ctx, input }: { ctx: FilesContext; input: UploadInput }): Promise<FileInfo[]> {
  const boundary = boundaryOf(input.contentType);
  const fields: Record<string, string> = {};
  const created: string[] = [];
  const stored: FileInfo[] = [];
  try {
    for await (const part of parseMultipart(input.body, boundary)) {
      if (part.filename === undefined) {
        // The form's text fields are few and small; anything more is not a file upload.
        if (Object.keys(fields).length >= MAX_FIELDS) throw badUpload(`At most ${MAX_FIELDS} form fields`, [{ location: 'body', path: part.name, message: 'Too many fields' }]);
        fields[part.name] = await readField(part);
        continue;
      }
      const path = targetOf(part, fields, input.mode, stored.length);
      if (stored.some((f) => f.path === path)) throw badUpload(`"${path}" appears twice in this upload`, [{ location: 'body', path: 'files', message: 'Duplicate name' }]);
      const key = await keyOf(ctx.tenantId, path);
      const existed = (await ctx.storage.head(key)) !== null;
      if (existed && fields.overwrite !== 'true') throw fileExists(path);
      const contentType = part.contentType && CONTENT_TYPE.test(part.contentType) ? part.contentType : 'application/octet-stream';
      await rememberNames(ctx.storage, ctx.tenantId, path);
      await ctx.storage.upload(key, part.body.pipeThrough(sizeLimit(ctx.maxUploadBytes)), { contentType });
      if (!existed) created.push(key);
      const info = await ctx.storage.head(key);
      if (info) stored.push(fileInfoOf(path, { ...info, contentType: info.contentType ?? contentType }));
    }
  } catch (error) {
    if (created.length > 0) await ctx.storage.deleteMany(created).catch(() => {});
    throw error;
  }
  if (stored.length === 0) {
    const field = input.mode === 'single' ? 'file' : 'files';
    throw badUpload('The form has no file', [{ location: 'body', path: field, message: 'Required (a file part, after the text fields)' }]);
  }
  return stored;
}

function targetOf(part: FormPart, fields: Record<string, string>, mode: UploadInput['mode'], already: number): string {
  if (mode === 'single') {
    if (part.name !== 'file') throw badUpload(`Unexpected file field ${part.name}`, [{ location: 'body', path: part.name, message: 'Send the file as the field "file"' }]);
    if (already > 0) throw badUpload('Send one file here; use /files/batch for several', [{ location: 'body', path: 'file', message: 'Only one file' }]);
    if (fields.path === undefined) throw badUpload('The path field must come before the file', [{ location: 'body', path: 'path', message: 'Required, before the file part' }]);
    return parsePath(fields.path, 'file', { location: 'body', field: 'path' });
  }
  if (part.name !== 'files') throw badUpload(`Unexpected file field ${part.name}`, [{ location: 'body', path: part.name, message: 'Send the files as fields "files"' }]);
  if (already >= MAX_FILES_PER_UPLOAD) throw badUpload(`At most ${MAX_FILES_PER_UPLOAD} files per upload`, [{ location: 'body', path: 'files', message: `At most ${MAX_FILES_PER_UPLOAD}` }]);
  const folder = fields.folder ? parsePath(fields.folder, 'folder', { location: 'body', field: 'folder' }) : '';
  const name = part.filename?.split(/[\\/]/).at(-1) ?? '';
  return joinPath(folder, name, { location: 'body', field: 'files' });
}

/** Passes bytes through until `max`, then fails the stream with a 413 (which aborts the upload). */
function sizeLimit(max: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.length;
      if (seen > max) controller.error(tooLarge(max, { location: 'body', path: 'file', message: `At most ${max} bytes` }));
      else controller.enqueue(chunk);
    },
  });
}
