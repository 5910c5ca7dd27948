import { type AppContext, AtollError, getDb, getTenant } from 'atoll/plugin';
import { getDashboard, getPanel } from '../services/get-dashboard';
import { defaultSize } from '../services/layout';
import type { Panel } from '../services/panel-schema';
import { dashboardIdOf, evaluateCtx, type PageDeps, panelIdOf } from './dashboard-page';
import { PanelBody } from './panel-body';
import { panelFromForm } from './panel-form';

/**
 * POST `/app/dashboards/:id/panels/preview` and `…/panels/:panelId/preview` (htmx partial): the
 * panel the form describes, drawn now and not saved (at the edited panel's size, else its type's
 * default). A form that does not make a panel yet says what is missing, in place.
 */
export async function PanelPreview(c: AppContext, deps: PageDeps) {
  const tenantId = getTenant(c).id;
  const input = { tenantId, dashboardId: dashboardIdOf(c) };
  const editing = c.req.param('panelId') ? (await getPanel({ ctx: { db: getDb(c) }, input: { ...input, panelId: panelIdOf(c) } })).panel : undefined;
  if (!editing) await getDashboard({ ctx: { db: getDb(c) }, input });
  const fields = await c.req.parseBody();
  let panel: Panel;
  try {
    const title = typeof fields.title === 'string' && fields.title.trim() !== '' ? fields.title : 'Untitled panel';
    const parsed = panelFromForm({ ...fields, title });
    panel = { ...parsed, id: crypto.randomUUID(), position: editing?.position ?? { x: 0, y: 0, ...defaultSize(parsed.type) } } as Panel;
  } catch (error) {
    if (!(error instanceof AtollError) || error.kind !== 'validation') throw error;
    return <p class="chart-error" role="alert">{`Not yet: ${(error.errors ?? []).map((e) => `${e.path === 'metric' ? 'choose a metric' : `${e.path}: ${e.message}`}`).join('; ')}`}</p>;
  }
  return (
    <section class={`dashboard-panel panel-preview-card panel-${panel.type} preview-w-${panel.position.w}`} aria-label={`Preview of ${panel.title}`}>
      <h3>{panel.title}</h3>
      <div class="panel-body">{await PanelBody({ ctx: evaluateCtx(c, deps), tenantId, dashboardId: input.dashboardId, panel, retry: false })}</div>
    </section>
  );
}
