import { createRoute, defineRoute, type PluginContext, problemResponses } from 'atoll/plugin';
import { parsePath } from '../services/file-path';
import { presignDownload, presignUpload } from '../services/presign';
import { READ, WRITE } from './access';
import { type FilesConfig, filesContext } from './context';
import { json, jsonBody, PresignDownloadBody, PresignedSchema, PresignUploadBody } from './schemas';

const download = createRoute({
  method: 'post',
  path: '/files/presign-download',
  operationId: 'files.presignDownload',
  summary: 'A time-limited download URL (default 15 min, at most 7 days)',
  request: jsonBody(PresignDownloadBody),
  responses: { 200: json(PresignedSchema, 'The URL'), ...problemResponses(404) },
});

const upload = createRoute({
  method: 'post',
  path: '/files/presign-upload',
  operationId: 'files.presignUpload',
  summary: 'A time-limited PUT URL for exactly `size` bytes (at most 1 h; size at most FILES_MAX_UPLOAD_BYTES)',
  request: jsonBody(PresignUploadBody),
  responses: { 200: json(PresignedSchema, 'The URL and the headers to send'), ...problemResponses(409, 413) },
});

export const presignRoutes = (plugin: PluginContext<FilesConfig>) => [
  defineRoute(
    download,
    async (c) => {
      const body = c.req.valid('json');
      const path = parsePath(body.path, 'file', { location: 'body', field: 'path' });
      c.header('cache-control', 'no-store');
      return c.json(await presignDownload({ ctx: filesContext(c, plugin), input: { path, expiresIn: body.expiresIn } }), 200);
    },
    { access: READ },
  ),
  defineRoute(
    upload,
    async (c) => {
      const body = c.req.valid('json');
      const path = parsePath(body.path, 'file', { location: 'body', field: 'path' });
      c.header('cache-control', 'no-store');
      const input = { path, size: body.size, expiresIn: body.expiresIn, overwrite: body.overwrite, ...(body.contentType ? { contentType: body.contentType } : {}) };
      return c.json(await presignUpload({ ctx: filesContext(c, plugin), input }), 200);
    },
    { access: WRITE },
  ),
];
