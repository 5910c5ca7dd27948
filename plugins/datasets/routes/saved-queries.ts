import { createRoute, defineRoute, getDb, getTenant, problemResponses, type RouteDefinition, storableString, z } from 'atoll/plugin';
import type { SavedQueryRow } from '../db/schema';
import type { DatasetsDeps } from '../deps';
import { serviceCtx } from '../services/context';
import { deleteSavedQuery, listSavedQueries, saveQuery } from '../services/saved/saved-queries';
import { MAX_SQL_CHARS } from '../services/sql/limits';
import { READ, WRITE } from './access';
import { json, jsonBody } from './schemas';

export const SavedQueryName = storableString().trim().min(1).max(100).openapi({ example: 'Sales by region' });
export const SavedQuerySql = storableString().min(1).max(MAX_SQL_CHARS).openapi({ example: 'select region, sum(amount) as total from sales group by 1' });
const SaveQueryBody = z.object({ name: SavedQueryName, sql: SavedQuerySql }).openapi('SaveDatasetQuery');
const SavedQueryParams = z.object({ id: z.string().uuid().openapi({ description: 'Saved query id' }) });
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Page size (1-100)' }),
  cursor: z.string().max(600).optional().openapi({ description: 'nextCursor of the previous page' }),
});
const SavedQuerySchema = z
  .object({ id: z.string().uuid(), name: z.string(), sql: z.string(), createdBy: z.string().nullable(), createdAt: z.string().openapi({ format: 'date-time' }) })
  .openapi('SavedDatasetQuery');
const SavedQueryPage = z.object({ items: z.array(SavedQuerySchema), nextCursor: z.string().nullable() }).openapi('SavedDatasetQueryPage');

const present = (q: SavedQueryRow) => ({ id: q.id, name: q.name, sql: q.sql, createdBy: q.createdBy, createdAt: q.createdAt.toISOString() });
const tenantHeader = problemResponses(401, 403, 404);

const list = createRoute({
  method: 'get',
  path: '/datasets/saved-queries',
  operationId: 'datasets.listSavedQueries',
  summary: "The tenant's saved SQL queries, by name",
  request: { query: ListQuery },
  responses: { 200: json(SavedQueryPage, 'A page of saved queries'), ...tenantHeader, ...problemResponses(400) },
});

const create = createRoute({
  method: 'post',
  path: '/datasets/saved-queries',
  operationId: 'datasets.saveQuery',
  summary: 'Save an SQL query under a name for the tenant (member); the name is unique ignoring case',
  request: jsonBody(SaveQueryBody),
  responses: { 201: json(SavedQuerySchema, 'The saved query'), ...tenantHeader, ...problemResponses(400, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/datasets/saved-queries/{id}',
  operationId: 'datasets.deleteSavedQuery',
  summary: 'Delete a saved SQL query (member)',
  request: { params: SavedQueryParams },
  responses: { 204: { description: 'Deleted' }, ...tenantHeader, ...problemResponses(400) },
});

/** Saved SQL queries under `/api/v1/datasets/saved-queries` (the SQL console lists them). */
export const savedQueryRoutes = (deps: DatasetsDeps): RouteDefinition[] => [
  defineRoute(
    list,
    async (c) => {
      const page = await listSavedQueries({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, ...c.req.valid('query') } });
      return c.json({ items: page.items.map(present), nextCursor: page.nextCursor }, 200);
    },
    { access: READ },
  ),
  defineRoute(
    create,
    async (c) => {
      const saved = await saveQuery({ ctx: serviceCtx(c, deps), input: c.req.valid('json') });
      return c.json(present(saved), 201);
    },
    { access: WRITE },
  ),
  defineRoute(
    remove,
    async (c) => {
      await deleteSavedQuery({ ctx: serviceCtx(c, deps), input: { id: c.req.valid('param').id } });
      return c.body(null, 204);
    },
    { access: WRITE },
  ),
];
