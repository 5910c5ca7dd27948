import { type AppContext, apiUrl, createRoute, defineRoute, headerRefs, type ObjectInfo, type PluginContext, problemResponses, z } from 'atoll/plugin';
import { fileInfoOf } from '../services/file-info';
import { baseName, parsePath } from '../services/file-path';
import { headFile, readFile } from '../services/read-file';
import { uploadFiles } from '../services/upload-files';
import { READ, WRITE } from './access';
import { type FilesConfig, filesContext } from './context';
import { FileSchema, json, PathQuery, uploadBody } from './schemas';

// Multipart framing around the file(s): the file limit itself is enforced while streaming.
const FORM_OVERHEAD_BYTES = 1024 * 1024;

const upload = createRoute({
  method: 'post',
  path: '/files',
  operationId: 'files.uploadFile',
  summary: 'Upload one file (multipart/form-data, streamed): fields path, overwrite?, then file',
  request: uploadBody({ path: { type: 'string' }, overwrite: { type: 'string', enum: ['true', 'false'] }, file: { type: 'string', format: 'binary' } }, ['path', 'file']),
  responses: { 201: json(FileSchema, 'The stored file'), ...problemResponses(409, 413) },
});

const uploadMany = createRoute({
  method: 'post',
  path: '/files/batch',
  operationId: 'files.uploadFiles',
  summary: 'Upload several files into a folder (multipart/form-data): fields folder?, overwrite?, then files (each under its own name)',
  request: uploadBody({ folder: { type: 'string' }, overwrite: { type: 'string', enum: ['true', 'false'] }, files: { type: 'array', items: { type: 'string', format: 'binary' } } }, ['files']),
  responses: { 201: json(z.object({ items: z.array(FileSchema) }).openapi('UploadedFiles'), 'The stored files'), ...problemResponses(409, 413) },
});

const download = createRoute({
  method: 'get',
  path: '/files/content',
  operationId: 'files.downloadFile',
  summary: 'Download a file (streamed; Range: bytes=a-b gives 206, past the end 416). HEAD gives the headers only',
  request: { query: PathQuery },
  responses: {
    200: { description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }, headers: headerRefs('ETag') },
    206: { description: 'The requested byte range', headers: headerRefs('ETag', 'ContentRange') },
    ...problemResponses(404, 416),
  },
});

const metadata = createRoute({
  method: 'get',
  path: '/files/metadata',
  operationId: 'files.getFileMetadata',
  summary: "A file's size, content type, etag and last modification",
  request: { query: PathQuery },
  responses: { 200: json(FileSchema, 'The file'), ...problemResponses(404) },
});

/** `attachment` always: user content is never rendered inline on the app's origin. */
export const dispositionOf = (path: string) => {
  const name = baseName(path);
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
};

function fileHeaders(path: string, info: ObjectInfo & { contentLength?: number; contentRange?: string | undefined }): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': info.contentType ?? 'application/octet-stream',
    'content-length': String(info.contentLength ?? info.size),
    'content-disposition': dispositionOf(path),
    'accept-ranges': 'bytes',
    'cache-control': 'private, no-cache',
  };
  if (info.etag) headers.etag = info.etag;
  if (info.lastModified) headers['last-modified'] = info.lastModified.toUTCString();
  if (info.contentRange) headers['content-range'] = info.contentRange;
  return headers;
}

/** Where a stored file is served, and where a folder is listed (the `Location` of what a 201 created). */
export const fileUrl = (path: string) => apiUrl(`/files/content?path=${encodeURIComponent(path)}`);
export const folderUrl = (folder: string) => apiUrl(`/files?prefix=${encodeURIComponent(folder)}&delimiter=/`);

const queryPath = (c: AppContext) => parsePath((c.req.valid as (t: 'query') => { path: string })('query').path, 'file', { location: 'query', field: 'path' });

export const contentRoutes = (plugin: PluginContext<FilesConfig>) => [
  defineRoute(
    upload,
    async (c) => {
      const [file] = await uploadFiles({ ctx: filesContext(c, plugin), input: { body: c.req.raw.body ?? new Response('').body!, contentType: c.req.header('content-type'), mode: 'single' } });
      return c.json(file!, 201, { location: fileUrl(file!.path) });
    },
    { access: WRITE, bodyLimitBytes: plugin.config.maxUploadBytes + FORM_OVERHEAD_BYTES },
  ),
  defineRoute(
    uploadMany,
    async (c) => {
      const items = await uploadFiles({ ctx: filesContext(c, plugin), input: { body: c.req.raw.body ?? new Response('').body!, contentType: c.req.header('content-type'), mode: 'many' } });
      // Several files, one folder: the folder's listing names them all.
      return c.json({ items }, 201, { location: folderUrl(items[0]!.path.slice(0, items[0]!.path.lastIndexOf('/') + 1)) });
    },
    { access: WRITE, bodyLimitBytes: plugin.config.maxUploadBytes + FORM_OVERHEAD_BYTES },
  ),
  defineRoute(
    download,
    async (c) => {
      const path = queryPath(c);
      const ctx = filesContext(c, plugin);
      // Hono answers HEAD with the GET route: give the headers without opening the object.
      if (c.req.method === 'HEAD') {
        const info = await headFile({ ctx, input: { path } });
        return c.body(null, 200, fileHeaders(path, info)) as never;
      }
      const file = await readFile({ ctx, input: { path, range: c.req.header('range') } });
      return c.body(file.body, file.status, fileHeaders(path, file)) as never;
    },
    { access: READ },
  ),
  defineRoute(
    metadata,
    async (c) => {
      const ctx = filesContext(c, plugin);
      const path = queryPath(c);
      const info = await headFile({ ctx, input: { path } });
      return c.json(fileInfoOf(path, info), 200);
    },
    { access: READ },
  ),
];
