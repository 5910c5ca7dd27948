import { apiUrl, createRoute, defineRoute, getDb, getTenant, problemResponses, type RouteDefinition, runInTenant } from 'atoll/plugin';
import type { DatasetsDeps } from '../deps';
import { serviceCtx } from '../services/context';
import { createDataset } from '../services/create-dataset';
import { deleteDataset } from '../services/delete-dataset';
import { findDataset } from '../services/find-dataset';
import { listDatasets } from '../services/list-datasets';
import { updateDataset } from '../services/update-dataset';
import { DELETE, READ, WRITE } from './access';
import {
  CreateDatasetBody,
  CreatedDatasetSchema,
  DatasetPageSchema,
  DatasetParams,
  DatasetSchema,
  json,
  jsonBody,
  ListDatasetsQuery,
  presentDataset,
  presentUpload,
  UpdateDatasetBody,
} from './schemas';

const tenantHeader = problemResponses(401, 403, 404);

const create = createRoute({
  method: 'post',
  path: '/datasets',
  operationId: 'datasets.createDataset',
  summary: 'Create a dataset (member); with size, also a presigned upload URL for the file',
  request: jsonBody(CreateDatasetBody),
  responses: { 201: json(CreatedDatasetSchema, 'The new dataset (status created) and its upload URL'), ...tenantHeader, ...problemResponses(400, 409, 413) },
});

const list = createRoute({
  method: 'get',
  path: '/datasets',
  operationId: 'datasets.listDatasets',
  summary: "The tenant's datasets, newest first, filtered by status and kind",
  request: { query: ListDatasetsQuery },
  responses: { 200: json(DatasetPageSchema, 'A page of datasets'), ...tenantHeader, ...problemResponses(400) },
});

const get = createRoute({
  method: 'get',
  path: '/datasets/{id}',
  operationId: 'datasets.getDataset',
  summary: 'A dataset with its status, counts, columns and row errors',
  request: { params: DatasetParams },
  responses: { 200: json(DatasetSchema, 'The dataset'), ...tenantHeader, ...problemResponses(400) },
});

const update = createRoute({
  method: 'patch',
  path: '/datasets/{id}',
  operationId: 'datasets.updateDataset',
  summary: "Rename a dataset, change its description, its kind (the file is ingested again) or its columns' types (member)",
  request: { params: DatasetParams, ...jsonBody(UpdateDatasetBody) },
  responses: { 200: json(DatasetSchema, 'The dataset'), ...tenantHeader, ...problemResponses(400, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/datasets/{id}',
  operationId: 'datasets.deleteDataset',
  summary: 'Delete a dataset, its rows and its file (admin)',
  request: { params: DatasetParams },
  responses: { 204: { description: 'Deleted' }, ...tenantHeader, ...problemResponses(400, 409) },
});

/** Dataset CRUD under `/api/v1/datasets`. */
export const datasetRoutes = (deps: DatasetsDeps): RouteDefinition[] => [
  defineRoute(
    create,
    async (c) => {
      const { dataset, upload } = await createDataset({ ctx: serviceCtx(c, deps), input: c.req.valid('json') });
      return c.json({ dataset: presentDataset(dataset), upload: upload ? presentUpload(upload) : null }, 201, { location: apiUrl(`/datasets/${dataset.id}`) });
    },
    { access: WRITE },
  ),
  defineRoute(
    list,
    async (c) => {
      const page = await listDatasets({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, ...c.req.valid('query') } });
      return c.json({ items: page.items.map(presentDataset), nextCursor: page.nextCursor }, 200);
    },
    { access: READ },
  ),
  defineRoute(
    get,
    async (c) => {
      const dataset = await runInTenant(getDb(c), getTenant(c).id, (tx) => findDataset(tx, c.req.valid('param').id));
      return c.json(presentDataset(dataset), 200);
    },
    { access: READ },
  ),
  defineRoute(
    update,
    async (c) => {
      const dataset = await updateDataset({ ctx: serviceCtx(c, deps), input: { datasetId: c.req.valid('param').id, ...c.req.valid('json') } });
      return c.json(presentDataset(dataset), 200);
    },
    { access: WRITE },
  ),
  defineRoute(
    remove,
    async (c) => {
      await deleteDataset({ ctx: serviceCtx(c, deps), input: { datasetId: c.req.valid('param').id } });
      return c.body(null, 204);
    },
    { access: DELETE },
  ),
];
