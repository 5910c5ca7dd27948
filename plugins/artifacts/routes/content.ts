import { apiUrl, createRoute, defineRoute, getDb, getTenant, headerRefs, problemResponses, z } from 'atoll/plugin';
import { completeUpload } from '../services/complete-upload';
import { createUpload } from '../services/create-upload';
import { presignDownload } from '../services/presign-download';
import { findVersion, streamVersion } from '../services/read-content';
import { type ArtifactsDeps, READ, serviceCtx, WRITE } from './deps';
import { ArtifactParams, CreateUploadBody, DownloadUrlBody, DownloadUrlSchema, json, jsonBody, presentVersion, UploadParams, UploadSchema, VersionQuery, VersionSchema } from './schemas';

const common = problemResponses(400, 401, 403, 404);
const binary = { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } };

const startUpload = createRoute({
  method: 'post',
  path: '/artifacts/{id}/uploads',
  operationId: 'artifacts.createUpload',
  'x-atoll-no-location': 'A presigned PUT target, not a resource of this API: completing the upload creates the version, and that 201 sends Location',
  summary: 'Start a content upload: PUT the bytes to the returned URL with the returned headers, then complete it (member)',
  request: { params: ArtifactParams, ...jsonBody(CreateUploadBody) },
  responses: { 201: json(UploadSchema, 'Where to PUT the content'), ...common, ...problemResponses(413) },
});

const finishUpload = createRoute({
  method: 'post',
  path: '/artifacts/{id}/uploads/{uploadId}/complete',
  operationId: 'artifacts.completeUpload',
  summary: 'Record an uploaded object as the next version (checks it exists, its size and checksum) (member)',
  request: { params: UploadParams },
  responses: { 201: json(VersionSchema, 'The new version'), ...common, ...problemResponses(409) },
});

const content = createRoute({
  method: 'get',
  path: '/artifacts/{id}/content',
  operationId: 'artifacts.getContent',
  summary: 'Download a version (default the latest), streamed; supports a single byte Range',
  request: { params: ArtifactParams, query: VersionQuery },
  responses: {
    200: { description: 'The content', content: binary, headers: headerRefs('ETag') },
    206: { description: 'Part of the content', content: binary, headers: headerRefs('ETag', 'ContentRange') },
    ...common,
    ...problemResponses(416),
  },
});

const downloadUrl = createRoute({
  method: 'post',
  path: '/artifacts/{id}/download-url',
  operationId: 'artifacts.createDownloadUrl',
  summary: 'A presigned download URL for a version (default 15 minutes, at most 7 days)',
  request: { params: ArtifactParams, body: { content: { 'application/json': { schema: DownloadUrlBody } }, required: false } },
  responses: { 200: json(DownloadUrlSchema, 'The URL'), ...common },
});

export const contentRoutes = (deps: ArtifactsDeps) => [
  defineRoute(
    startUpload,
    async (c) => {
      const upload = await createUpload({ ctx: serviceCtx(c, deps), input: { tenantId: getTenant(c).id, artifactId: c.req.valid('param').id, ...c.req.valid('json') } });
      return c.json({ ...upload, expiresAt: upload.expiresAt.toISOString() }, 201);
    },
    { access: WRITE },
  ),
  defineRoute(
    finishUpload,
    async (c) => {
      const { id, uploadId } = c.req.valid('param');
      const version = await completeUpload({ ctx: serviceCtx(c, deps), input: { tenantId: getTenant(c).id, artifactId: id, uploadId } });
      return c.json(presentVersion(version), 201, { location: apiUrl(`/artifacts/${id}/content?version=${version.version}`) });
    },
    { access: WRITE },
  ),
  defineRoute(
    content,
    async (c) => {
      const { artifact, version } = await findVersion({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, artifactId: c.req.valid('param').id, version: c.req.valid('query').version } });
      return streamVersion({ storage: deps.storage, key: version.key, size: version.size, contentType: version.contentType, filename: artifact.name, range: c.req.header('range') });
    },
    { access: READ },
  ),
  defineRoute(
    downloadUrl,
    async (c) => {
      const body = (c.req.valid('json') ?? {}) as z.output<typeof DownloadUrlBody>;
      const signed = await presignDownload({ ctx: { db: getDb(c), storage: deps.storage }, input: { tenantId: getTenant(c).id, artifactId: c.req.valid('param').id, ...body } });
      return c.json({ ...signed, expiresAt: signed.expiresAt.toISOString() }, 200);
    },
    { access: READ },
  ),
];
