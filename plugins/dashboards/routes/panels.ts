import { apiUrl, createRoute, defineRoute, getDb, getTenant, problemResponses } from 'atoll/plugin';
import type { AnalyticsService } from '../../analytics';
import type { DatasetsService } from '../../datasets';
import { evaluatePanel } from '../services/evaluate-panel';
import { getDashboard, getPanel } from '../services/get-dashboard';
import { PanelInput } from '../services/panel-schema';
import { addPanel, removePanel, reorderPanels, replacePanel } from '../services/panels';
import { serviceCtx, WRITE } from './dashboards';
import { DashboardParams, DashboardSchema, json, jsonBody, PanelDataSchema, PanelParams, PanelSchema, presentDashboard, ReorderBody } from './schemas';

const tenantHeader = problemResponses(401, 403, 404);
/** Evaluating a panel reads metrics and runs saved SQL: an API key needs those scopes as well. */
const READ_DATA = { tenantRole: 'viewer', scopes: ['dashboards:read', 'analytics:read', 'datasets:read'] } as const;

const add = createRoute({
  method: 'post',
  path: '/dashboards/{id}/panels',
  operationId: 'dashboards.addPanel',
  summary: 'Add a panel (member): at its position (panels there move down) or in the first free slot; panels never overlap; 409 at 50 panels or a full grid',
  request: { params: DashboardParams, ...jsonBody(PanelInput) },
  responses: { 201: json(PanelSchema, 'The new panel'), ...tenantHeader, ...problemResponses(400, 409) },
});
const replace = createRoute({
  method: 'put',
  path: '/dashboards/{id}/panels/{panelId}',
  operationId: 'dashboards.replacePanel',
  summary: 'Replace a panel (member); it keeps its id and, without a new one, its position; a new position moves it there (panels there move down)',
  request: { params: PanelParams, ...jsonBody(PanelInput) },
  responses: { 200: json(PanelSchema, 'The panel'), ...tenantHeader, ...problemResponses(400, 409) },
});
const remove = createRoute({
  method: 'delete',
  path: '/dashboards/{id}/panels/{panelId}',
  operationId: 'dashboards.removePanel',
  summary: 'Remove a panel (member)',
  request: { params: PanelParams },
  responses: { 204: { description: 'Removed' }, ...tenantHeader, ...problemResponses(400) },
});
const reorder = createRoute({
  method: 'post',
  path: '/dashboards/{id}/panels/reorder',
  operationId: 'dashboards.reorderPanels',
  summary: 'Lay the panels out again in this order (every id once), in rows, keeping their sizes, packed up (member)',
  request: { params: DashboardParams, ...jsonBody(ReorderBody) },
  responses: { 200: json(DashboardSchema, 'The dashboard'), ...tenantHeader, ...problemResponses(400, 409) },
});
const data = createRoute({
  method: 'get',
  path: '/dashboards/{id}/panels/{panelId}/data',
  operationId: 'dashboards.getPanelData',
  summary: "A panel's data now: series, value (KPI, with the previous period), rows (SQL) or text",
  request: { params: PanelParams },
  responses: { 200: json(PanelDataSchema, 'The evaluated panel'), ...tenantHeader, ...problemResponses(400, 422, 429) },
});

export const panelRoutes = (deps: { datasets: () => DatasetsService; analytics: AnalyticsService }) => [
  defineRoute(
    add,
    async (c) => {
      const dashboardId = c.req.valid('param').id;
      const panel = await addPanel({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, dashboardId, panel: c.req.valid('json') } });
      return c.json(panel, 201, { location: apiUrl(`/dashboards/${dashboardId}/panels/${panel.id}`) });
    },
    { access: WRITE },
  ),
  defineRoute(
    replace,
    async (c) => {
      const { id, panelId } = c.req.valid('param');
      return c.json(await replacePanel({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, dashboardId: id, panelId, panel: c.req.valid('json') } }), 200);
    },
    { access: WRITE },
  ),
  defineRoute(
    remove,
    async (c) => {
      const { id, panelId } = c.req.valid('param');
      await removePanel({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, dashboardId: id, panelId } });
      return c.body(null, 204);
    },
    { access: WRITE },
  ),
  defineRoute(
    reorder,
    async (c) => {
      const input = { tenantId: getTenant(c).id, dashboardId: c.req.valid('param').id, panelIds: c.req.valid('json').panelIds };
      await reorderPanels({ ctx: serviceCtx(c), input });
      return c.json(presentDashboard(await getDashboard({ ctx: { db: getDb(c) }, input })), 200);
    },
    { access: WRITE },
  ),
  defineRoute(
    data,
    async (c) => {
      const { id, panelId } = c.req.valid('param');
      const tenantId = getTenant(c).id;
      const { panel } = await getPanel({ ctx: { db: getDb(c) }, input: { tenantId, dashboardId: id, panelId } });
      const result = await evaluatePanel({ ctx: { db: getDb(c), logger: c.get('logger'), datasets: deps.datasets, analytics: deps.analytics }, input: { tenantId, panel } });
      return c.json({ panelId, type: panel.type, ...result }, 200);
    },
    { access: READ_DATA },
  ),
];
