import { type AppContext, getDb, getTenant, notFound, roleAtLeast, z } from 'atoll/plugin';
import type { AnalyticsService } from '../../analytics';
import type { DatasetsService } from '../../datasets';
import type { EvaluateContext } from '../services/evaluate-panel';
import { getDashboard, getPanel } from '../services/get-dashboard';
import { PanelBody } from './panel-body';
import { PanelCard } from './panel-card';
import { PanelFormFields, type PanelFormOptions } from './panel-form';

export interface PageDeps {
  datasets: () => DatasetsService;
  /** Metric queries and the SVG charts. */
  analytics: AnalyticsService;
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
export const evaluateCtx = (c: AppContext, deps: PageDeps): EvaluateContext => ({ db: getDb(c), logger: c.get('logger'), datasets: deps.datasets, analytics: deps.analytics });

/** What the panel form offers: the tenant's metric names and metric datasets, and where Preview posts. */
async function panelFormOptions(c: AppContext, deps: PageDeps, previewUrl: string): Promise<PanelFormOptions> {
  const ctx = { db: getDb(c) };
  const tenantId = getTenant(c).id;
  const metrics = await deps.analytics.listMetrics({ ctx, input: { tenantId } });
  const datasets = await deps.analytics.listMetricDatasets({ ctx, input: { tenantId } });
  return { metrics: metrics.items.map((m) => m.metric), datasets, previewUrl };
}

/** `/app/dashboards/:id`: the panels on their grid, drawn server-side; members edit, admins delete. */
export async function DashboardPage(c: AppContext, deps: PageDeps) {
  const { ChartStyles } = deps.analytics.charts;
  const tenant = getTenant(c);
  const dashboard = await getDashboard({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, dashboardId: dashboardIdOf(c) } });
  const canWrite = roleAtLeast(tenant.role, 'member');
  const base = `/app/dashboards/${dashboard.id}`;
  const cards = [];
  // One panel after the other (they share the request's database connection), within a time
  // budget: panels left when it runs out are drawn by their own requests once the page is shown.
  const started = Date.now();
  for (const panel of dashboard.panels) {
    const deferred = Date.now() - started >= deps.panelBudgetMs;
    cards.push(await PanelCard({ c, ctx: evaluateCtx(c, deps), dashboardId: dashboard.id, panel, deferred }));
  }
  const options = canWrite ? await panelFormOptions(c, deps, `${base}/panels/preview`) : undefined;
  return (
    <>
      <ChartStyles />
      <p>
        <a href="/app/dashboards">← Dashboards</a>
      </p>
      <h2 id="dashboard-title">{dashboard.name}</h2>
      {dashboard.description ? <p class="lead">{dashboard.description}</p> : null}
      {canWrite ? (
        <div class="dashboard-actions">
          <form class="inline" method="post" action={`${base}/duplicate`} id="duplicate-dashboard">
            <button type="submit" class="secondary">
              Duplicate
            </button>
          </form>
          {roleAtLeast(tenant.role, 'admin') ? (
            <form class="inline" method="post" action={`${base}/delete`} id="delete-dashboard" hx-confirm={`Delete the dashboard ${dashboard.name}?`}>
              <button type="submit" class="danger">
                Delete dashboard
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
      {dashboard.panels.length === 0 ? (
        <p class="muted" id="no-panels">
          No panels yet.
        </p>
      ) : null}
      <div class="dashboard-grid" id="dashboard-grid" data-realtime-topics="datasets">
        {cards}
      </div>
      {options ? (
        <>
          <details class="panel-editor" id="add-panel" open={dashboard.panels.length === 0}>
            <summary>Add a panel</summary>
            <form class="stack panel-form" method="post" action={`${base}/panels`} id="add-panel-form">
              <PanelFormFields prefix="new-panel" {...options} />
              <button type="submit">Add panel</button>
            </form>
          </details>
          <details class="panel-editor" id="edit-dashboard">
            <summary>Rename</summary>
            <form class="stack" method="post" action={base} id="rename-dashboard">
              <label for="rename-name">
                Name
                <input id="rename-name" name="name" required maxlength={200} value={dashboard.name} />
              </label>
              <label for="rename-description">
                Description
                <textarea id="rename-description" name="description" maxlength={2000} rows={2}>
                  {dashboard.description ?? ''}
                </textarea>
              </label>
              <button type="submit">Save</button>
            </form>
          </details>
          <script src="/static/dashboard-grid.js" defer></script>
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
export async function EditPanelPage(c: AppContext, deps: PageDeps) {
  const { ChartStyles } = deps.analytics.charts;
  const tenantId = getTenant(c).id;
  const { dashboard, panel } = await getPanel({ ctx: { db: getDb(c) }, input: { tenantId, dashboardId: dashboardIdOf(c), panelId: panelIdOf(c) } });
  const base = `/app/dashboards/${dashboard.id}/panels/${panel.id}`;
  const options = await panelFormOptions(c, deps, `${base}/preview`);
  return (
    <>
      <ChartStyles />
      <p>
        <a href={`/app/dashboards/${dashboard.id}`}>← {dashboard.name}</a>
      </p>
      <form class="stack panel-form" method="post" action={base} id="edit-panel-form">
        <PanelFormFields panel={panel} prefix="edit-panel" {...options} />
        <button type="submit">Save panel</button>
      </form>
    </>
  );
}
