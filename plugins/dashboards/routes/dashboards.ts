import { type AppContext, actorOf, apiUrl, createRoute, defineRoute, getDb, getTenant, problemResponses } from 'atoll/plugin';
import { createDashboard } from '../services/create-dashboard';
import { deleteDashboard } from '../services/delete-dashboard';
import { duplicateDashboard } from '../services/duplicate-dashboard';
import { getDashboard } from '../services/get-dashboard';
import { listDashboards } from '../services/list-dashboards';
import { updateDashboard } from '../services/update-dashboard';
import {
  CreateDashboardBody,
  DashboardPageSchema,
  DashboardParams,
  DashboardSchema,
  DuplicateBody,
  json,
  jsonBody,
  ListDashboardsQuery,
  presentDashboard,
  presentListItem,
  UpdateDashboardBody,
} from './schemas';

const tenantHeader = problemResponses(401, 403, 404);
export const READ = { tenantRole: 'viewer', scopes: ['dashboards:read'] } as const;
export const WRITE = { tenantRole: 'member', scopes: ['dashboards:write'] } as const;
const DELETE = { tenantRole: 'admin', scopes: ['dashboards:delete'] } as const;

export const serviceCtx = (c: AppContext) => ({ db: getDb(c), actor: actorOf(c.get('principal')), request: c });

const create = createRoute({
  method: 'post',
  path: '/dashboards',
  operationId: 'dashboards.createDashboard',
  summary: 'Create a dashboard, optionally with panels (member)',
  request: jsonBody(CreateDashboardBody),
  responses: { 201: json(DashboardSchema, 'The new dashboard'), ...tenantHeader, ...problemResponses(400, 409) },
});
const list = createRoute({
  method: 'get',
  path: '/dashboards',
  operationId: 'dashboards.listDashboards',
  summary: "The tenant's dashboards by name",
  request: { query: ListDashboardsQuery },
  responses: { 200: json(DashboardPageSchema, 'A page of dashboards'), ...tenantHeader, ...problemResponses(400) },
});
const get = createRoute({
  method: 'get',
  path: '/dashboards/{id}',
  operationId: 'dashboards.getDashboard',
  summary: 'A dashboard with its panels',
  request: { params: DashboardParams },
  responses: { 200: json(DashboardSchema, 'The dashboard'), ...tenantHeader, ...problemResponses(400) },
});
const update = createRoute({
  method: 'patch',
  path: '/dashboards/{id}',
  operationId: 'dashboards.updateDashboard',
  summary: 'Rename, describe or replace the panels of a dashboard (member)',
  request: { params: DashboardParams, ...jsonBody(UpdateDashboardBody) },
  responses: { 200: json(DashboardSchema, 'The dashboard'), ...tenantHeader, ...problemResponses(400, 409) },
});
const remove = createRoute({
  method: 'delete',
  path: '/dashboards/{id}',
  operationId: 'dashboards.deleteDashboard',
  summary: 'Delete a dashboard (admin)',
  request: { params: DashboardParams },
  responses: { 204: { description: 'Deleted' }, ...tenantHeader, ...problemResponses(400) },
});
const duplicate = createRoute({
  method: 'post',
  path: '/dashboards/{id}/duplicate',
  operationId: 'dashboards.duplicateDashboard',
  summary: 'Copy a dashboard with its panels (member); default name "Copy of <name>"',
  request: { params: DashboardParams, ...jsonBody(DuplicateBody) },
  responses: { 201: json(DashboardSchema, 'The copy'), ...tenantHeader, ...problemResponses(400) },
});

export const dashboardRoutes = () => [
  defineRoute(
    create,
    async (c) => {
      const dashboard = await createDashboard({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, ...c.req.valid('json') } });
      return c.json(presentDashboard(dashboard), 201, { location: apiUrl(`/dashboards/${dashboard.id}`) });
    },
    { access: WRITE },
  ),
  defineRoute(
    list,
    async (c) => {
      const page = await listDashboards({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, ...c.req.valid('query') } });
      return c.json({ items: page.items.map(presentListItem), nextCursor: page.nextCursor }, 200);
    },
    { access: READ },
  ),
  defineRoute(get, async (c) => c.json(presentDashboard(await getDashboard({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, dashboardId: c.req.valid('param').id } })), 200), {
    access: READ,
  }),
  defineRoute(
    update,
    async (c) => {
      const input = { tenantId: getTenant(c).id, dashboardId: c.req.valid('param').id, ...c.req.valid('json') };
      return c.json(presentDashboard(await updateDashboard({ ctx: serviceCtx(c), input })), 200);
    },
    { access: WRITE },
  ),
  defineRoute(
    remove,
    async (c) => {
      await deleteDashboard({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, dashboardId: c.req.valid('param').id } });
      return c.body(null, 204);
    },
    { access: DELETE },
  ),
  defineRoute(
    duplicate,
    async (c) => {
      const input = { tenantId: getTenant(c).id, dashboardId: c.req.valid('param').id, name: c.req.valid('json').name };
      const copy = await duplicateDashboard({ ctx: serviceCtx(c), input });
      return c.json(presentDashboard(copy), 201, { location: apiUrl(`/dashboards/${copy.id}`) });
    },
    { access: WRITE },
  ),
];
