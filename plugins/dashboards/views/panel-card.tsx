import { roleAtLeast, type AppContext } from 'atoll/plugin';
import type { EvaluateContext } from '../services/evaluate-panel';
import type { Panel } from '../services/panel-schema';
import { PanelBody } from './panel-body';

/**
 * One panel on the grid. Its body reloads itself (htmx) when the tenant's realtime hub says a dataset
 * became ready; members get move, edit and remove buttons. A `deferred` panel is drawn by its own
 * request right after the page loads (the page's time budget for drawing panels ran out).
 */
export async function PanelCard({ c, ctx, dashboardId, panel, first, last, deferred = false }: { c: AppContext; ctx: EvaluateContext; dashboardId: string; panel: Panel; first: boolean; last: boolean; deferred?: boolean }) {
  const tenant = c.get('tenant')!;
  const base = `/app/dashboards/${dashboardId}/panels/${panel.id}`;
  const { x, y, w, h } = panel.position;
  const refresh = 'realtime:dataset.ready from:body, realtime:dataset.deleted from:body';
  const live = panel.type !== 'text' ? { 'hx-get': base, 'hx-trigger': deferred ? `load, ${refresh}` : refresh, 'hx-swap': 'innerHTML' } : {};
  return (
    <section class={`dashboard-panel panel-${panel.type} gx-${x} gw-${w} gy-${y} gh-${h}`} id={`panel-${panel.id}`} data-panel-id={panel.id} aria-labelledby={`panel-title-${panel.id}`}>
      <header>
        <h2 id={`panel-title-${panel.id}`}>{panel.title}</h2>
        {roleAtLeast(tenant.role, 'member') ? (
          <div class="panel-tools">
            {first ? null : <form class="inline" method="post" action={`${base}/move`}><input type="hidden" name="direction" value="up" /><button type="submit" class="secondary" aria-label={`Move ${panel.title} earlier`}>↑</button></form>}
            {last ? null : <form class="inline" method="post" action={`${base}/move`}><input type="hidden" name="direction" value="down" /><button type="submit" class="secondary" aria-label={`Move ${panel.title} later`}>↓</button></form>}
            <a class="button secondary panel-edit" href={`${base}/edit`} aria-label={`Edit ${panel.title}`}>Edit</a>
            <form class="inline" method="post" action={`${base}/delete`} hx-confirm={`Remove the panel ${panel.title}?`}><button type="submit" class="danger" aria-label={`Remove ${panel.title}`}>×</button></form>
          </div>
        ) : null}
      </header>
      <div class="panel-body" id={`panel-body-${panel.id}`} {...live}>
        {deferred && panel.type !== 'text' ? <p class="muted">Loading…</p> : await PanelBody({ ctx, tenantId: tenant.id, dashboardId, panel })}
      </div>
    </section>
  );
}
