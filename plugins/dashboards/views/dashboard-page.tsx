import { getDb, getTenant, notFound, roleAtLeast, z, type AppContext } from 'atoll/plugin';
import { ChartStyles, listMetricDatasets } from '../../analytics';
import type { DatasetsService } from '../../datasets';
import type { EvaluateContext } from '../services/evaluate-panel';
import { getDashboard, getPanel } from '../services/get-dashboard';
import { PanelBody } from './panel-body';
import { PanelCard } from './panel-card';
import { PanelFormFields } from './panel-form';

export interface PageDeps {
  datasets: () => DatasetsService;
  /** DASHBOARDS_PANEL_BUDGET_MS (see config.ts). */
  panelBudgetMs: number;
}

const UUID = z.string().uuid();

/** A UUID path parameter; anything else is simply not found. */
export function idParam(c: AppContext, name: string, code: string): string {
  const id = UUID.safeParse(c.req.param(name));
  if (!id.success) throw notFound(code, name === 'panelId' ? 'No such panel on this dashboard' : 'No such dashboard in this tenant');
  return id.data;
}

export const dashboardIdOf = (c: AppContext) => idParam(c, 'id', 'DASHBOARDS_NOT_FOUND');
export const panelIdOf = (c: AppContext) => idParam(c, 'panelId', 'DASHBOARDS_PANEL_NOT_FOUND');
const evaluateCtx = (c: AppContext, deps: PageDeps): EvaluateContext => ({ db: getDb(c), logger: c.get('logger'), datasets: deps.datasets });

/** `/app/dashboards/:id`: the panels on their grid, drawn server-side; members edit, admins delete. */
export async function DashboardPage(c: AppContext, deps: PageDeps) {
  const tenant = getTenant(c);
  const dashboard = await getDashboard({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, dashboardId: dashboardIdOf(c) } });
  const canWrite = roleAtLeast(tenant.role, 'member');
  const base = `/app/dashboards/${dashboard.id}`;
  const cards = [];
  // One panel after the other (they share the request's database connection), within a time
  // budget: panels left when it runs out are drawn by their own requests once the page is shown.
  const started = Date.now();
  for (const [i, panel] of dashboard.panels.entries()) {
    const deferred = Date.now() - started >= deps.panelBudgetMs;
    cards.push(await PanelCard({ c, ctx: evaluateCtx(c, deps), dashboardId: dashboard.id, panel, first: i === 0, last: i === dashboard.panels.length - 1, deferred }));
  }
  const datasets = canWrite ? await listMetricDatasets({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id } }) : [];
  return (
    <>
      <ChartStyles />
      <p><a href="/app/dashboards">← Dashboards</a></p>
      <h2 id="dashboard-title">{dashboard.name}</h2>
      {dashboard.description ? <p class="lead">{dashboard.description}</p> : null}
      {canWrite ? (
        <div class="dashboard-actions">
          <form class="inline" method="post" action={`${base}/duplicate`} id="duplicate-dashboard"><button type="submit" class="secondary">Duplicate</button></form>
          {roleAtLeast(tenant.role, 'admin') ? (
            <form class="inline" method="post" action={`${base}/delete`} id="delete-dashboard" hx-confirm={`Delete the dashboard ${dashboard.name}?`}><button type="submit" class="danger">Delete dashboard</button></form>
          ) : null}
        </div>
      ) : null}
      {dashboard.panels.length === 0 ? <p class="muted" id="no-panels">No panels yet.</p> : null}
      <div class="dashboard-grid" id="dashboard-grid" data-realtime-topics="datasets">{cards}</div>
      {canWrite ? (
        <>
          <details class="panel-editor" id="add-panel" open={dashboard.panels.length === 0}>
            <summary>Add a panel</summary>
            <form class="stack" method="post" action={`${base}/panels`} id="add-panel-form">
              <PanelFormFields prefix="new-panel" datasets={datasets} />
              <button type="submit">Add panel</button>
            </form>
          </details>
          <details class="panel-editor" id="edit-dashboard">
            <summary>Rename</summary>
            <form class="stack" method="post" action={base} id="rename-dashboard">
              <label for="rename-name">Name<input id="rename-name" name="name" required maxlength={200} value={dashboard.name} /></label>
              <label for="rename-description">Description<textarea id="rename-description" name="description" maxlength={2000} rows={2}>{dashboard.description ?? ''}</textarea></label>
              <button type="submit">Save</button>
            </form>
          </details>
        </>
      ) : null}
    </>
  );
}

/** GET `/app/dashboards/:id/panels/:panelId` (htmx partial): the panel's body, drawn now. */
export async function PanelPartial(c: AppContext, deps: PageDeps) {
  const tenantId = getTenant(c).id;
  const { panel } = await getPanel({ ctx: { db: getDb(c) }, input: { tenantId, dashboardId: dashboardIdOf(c), panelId: panelIdOf(c) } });
  return PanelBody({ ctx: evaluateCtx(c, deps), tenantId, dashboardId: dashboardIdOf(c), panel });
}

/** `/app/dashboards/:id/panels/:panelId/edit`: the panel's form, prefilled. */
export async function EditPanelPage(c: AppContext) {
  const tenantId = getTenant(c).id;
  const { dashboard, panel } = await getPanel({ ctx: { db: getDb(c) }, input: { tenantId, dashboardId: dashboardIdOf(c), panelId: panelIdOf(c) } });
  const datasets = await listMetricDatasets({ ctx: { db: getDb(c) }, input: { tenantId } });
  return (
    <>
      <p><a href={`/app/dashboards/${dashboard.id}`}>← {dashboard.name}</a></p>
      <form class="stack" method="post" action={`/app/dashboards/${dashboard.id}/panels/${panel.id}`} id="edit-panel-form">
        <PanelFormFields panel={panel} prefix="edit-panel" datasets={datasets} />
        <button type="submit">Save panel</button>
      </form>
    </>
  );
}
