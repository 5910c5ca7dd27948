import { createRoute, defineRoute, problemResponses, type RouteDefinition } from 'atoll/plugin';
import { directUploadBodyLimit } from '../config';
import type { DatasetsDeps } from '../deps';
import { serviceCtx } from '../services/context';
import { createUploadUrl } from '../services/presign-upload';
import { startIngest } from '../services/start-ingest';
import { uploadSource } from '../services/upload-source';
import { WRITE } from './access';
import { DatasetParams, DatasetSchema, json, jsonBody, presentDataset, presentUpload, UploadQuery, UploadSchema, UploadUrlBody } from './schemas';

const tenantHeader = problemResponses(401, 403, 404);

const uploadUrl = createRoute({
  method: 'post',
  path: '/datasets/{id}/upload-url',
  operationId: 'datasets.createUploadUrl',
  'x-atoll-no-location': 'A presigned PUT target for the source file, not a resource of this API',
  summary: 'A fresh presigned PUT URL for the source file (member); refused while queued or ingesting',
  request: { params: DatasetParams, ...jsonBody(UploadUrlBody) },
  responses: { 201: json(UploadSchema, 'Where to PUT the file'), ...tenantHeader, ...problemResponses(400, 409, 413) },
});

const upload = createRoute({
  method: 'post',
  path: '/datasets/{id}/upload',
  operationId: 'datasets.uploadSource',
  summary: 'Upload a small source file through the API (multipart/form-data, part "file"); ?ingest=true queues ingestion',
  request: {
    params: DatasetParams,
    query: UploadQuery,
    body: { required: true, content: { 'multipart/form-data': { schema: { type: 'object' as const, properties: { file: { type: 'string' as const, format: 'binary' } }, required: ['file'] } } } },
  },
  responses: { 200: json(DatasetSchema, 'The dataset (queued when ingest=true)'), ...tenantHeader, ...problemResponses(400, 409, 413) },
});

const ingest = createRoute({
  method: 'post',
  path: '/datasets/{id}/ingest',
  operationId: 'datasets.ingestDataset',
  summary: 'Queue ingestion of the uploaded file (member): a new run replaces the rows of the previous one',
  request: { params: DatasetParams },
  responses: { 202: json(DatasetSchema, 'The dataset, status queued'), ...tenantHeader, ...problemResponses(400, 409, 413) },
});

/** Uploading a dataset's file and queueing its ingestion. */
export const uploadRoutes = (deps: DatasetsDeps): RouteDefinition[] => [
  defineRoute(
    uploadUrl,
    async (c) => {
      const target = await createUploadUrl({ ctx: serviceCtx(c, deps), input: { datasetId: c.req.valid('param').id, ...c.req.valid('json') } });
      return c.json(presentUpload(target), 201);
    },
    { access: WRITE },
  ),
  defineRoute(
    upload,
    async (c) => {
      const input = { datasetId: c.req.valid('param').id, body: c.req.raw.body, contentType: c.req.header('content-type'), ingest: c.req.valid('query').ingest === 'true' };
      const dataset = await uploadSource({ ctx: serviceCtx(c, deps), input }).catch((error: unknown) => {
        throw c.get('bodyLimitExceeded') ?? error;
      });
      return c.json(presentDataset(dataset), 200);
    },
    { access: WRITE, bodyLimitBytes: directUploadBodyLimit(deps.config) },
  ),
  defineRoute(
    ingest,
    async (c) => {
      const dataset = await startIngest({ ctx: serviceCtx(c, deps), input: { datasetId: c.req.valid('param').id } });
      return c.json(presentDataset(dataset), 202);
    },
    { access: WRITE },
  ),
];
