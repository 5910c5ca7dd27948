import { type AppContext, actorOf, apiUrl, createRoute, defineRoute, getDb, getTenant, problemResponses } from 'atoll/plugin';
import { createPolygon } from '../services/create-polygon';
import { deletePolygon } from '../services/delete-polygon';
import { getPolygon } from '../services/get-polygon';
import { listPolygons } from '../services/list-polygons';
import { updatePolygon } from '../services/update-polygon';
import { CreatePolygonBody, json, jsonBody, PageQuery, PolygonPageSchema, PolygonParams, PolygonSchema, presentPolygon, presentSummary, UpdatePolygonBody } from './schemas';

const tenantScoped = problemResponses(401, 403, 404);

const list = createRoute({
  method: 'get',
  path: '/polygons',
  operationId: 'polygons.listPolygons',
  summary: "The tenant's polygons, newest first, without their geometry",
  request: { query: PageQuery },
  responses: { 200: json(PolygonPageSchema, 'A page of polygons'), ...tenantScoped, ...problemResponses(400) },
});

const create = createRoute({
  method: 'post',
  path: '/polygons',
  operationId: 'polygons.createPolygon',
  summary: 'Create a polygon from a GeoJSON Polygon geometry (member)',
  request: jsonBody(CreatePolygonBody),
  responses: { 201: json(PolygonSchema, 'The new polygon'), ...tenantScoped, ...problemResponses(400) },
});

const get = createRoute({
  method: 'get',
  path: '/polygons/{polygonId}',
  operationId: 'polygons.getPolygon',
  summary: 'A polygon with its geometry',
  request: { params: PolygonParams },
  responses: { 200: json(PolygonSchema, 'The polygon'), ...tenantScoped },
});

const update = createRoute({
  method: 'patch',
  path: '/polygons/{polygonId}',
  operationId: 'polygons.updatePolygon',
  summary: 'Rename a polygon or replace its geometry (its creator, or an admin)',
  request: { params: PolygonParams, ...jsonBody(UpdatePolygonBody) },
  responses: { 200: json(PolygonSchema, 'The polygon'), ...tenantScoped, ...problemResponses(400) },
});

const remove = createRoute({
  method: 'delete',
  path: '/polygons/{polygonId}',
  operationId: 'polygons.deletePolygon',
  summary: 'Delete a polygon and its notes (its creator, or an admin)',
  request: { params: PolygonParams },
  responses: { 204: { description: 'Deleted' }, ...tenantScoped },
});

/** What a writing service needs from the request: its transaction, who acts, with which role. */
export const serviceCtx = (c: AppContext) => ({ db: getDb(c), actor: actorOf(c.get('principal')), role: getTenant(c).role, request: c });

const reads = { access: { tenantRole: 'viewer' as const, scopes: ['polygons:read'] } };
const writes = { access: { tenantRole: 'member' as const, scopes: ['polygons:write'] } };
const deletes = { access: { tenantRole: 'member' as const, scopes: ['polygons:delete'] } };

/** `/api/v1/polygons`: viewers read; members create; the creator or an admin changes and deletes. */
export const polygonRoutes = () => [
  defineRoute(
    list,
    async (c) => {
      const page = await listPolygons({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, ...c.req.valid('query') } });
      return c.json({ items: page.items.map(presentSummary), nextCursor: page.nextCursor }, 200);
    },
    reads,
  ),
  defineRoute(
    create,
    async (c) => {
      const polygon = await createPolygon({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, ...c.req.valid('json') } });
      return c.json(presentPolygon(polygon), 201, { location: apiUrl(`/polygons/${polygon.id}`) });
    },
    writes,
  ),
  defineRoute(
    get,
    async (c) => {
      const polygon = await getPolygon({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, polygonId: c.req.valid('param').polygonId } });
      return c.json(presentPolygon(polygon), 200);
    },
    reads,
  ),
  defineRoute(
    update,
    async (c) => {
      const input = { tenantId: getTenant(c).id, polygonId: c.req.valid('param').polygonId, ...c.req.valid('json') };
      return c.json(presentPolygon(await updatePolygon({ ctx: serviceCtx(c), input })), 200);
    },
    writes,
  ),
  defineRoute(
    remove,
    async (c) => {
      await deletePolygon({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, polygonId: c.req.valid('param').polygonId } });
      return c.body(null, 204);
    },
    deletes,
  ),
];
