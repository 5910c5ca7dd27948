import { type AppContext, roleAtLeast } from 'atoll/plugin';
import type { EvaluateContext } from '../services/evaluate-panel';
import type { Nudge } from '../services/layout';
import type { Panel } from '../services/panel-schema';
import { PanelBody } from './panel-body';

/** The card's move and resize buttons: each posts one step (keyboard and no-script friendly). */
const STEPS: { step: Nudge; text: string; verb: 'Move' | 'Make' }[] = [
  { step: 'up', text: '↑', verb: 'Move' },
  { step: 'down', text: '↓', verb: 'Move' },
  { step: 'left', text: '←', verb: 'Move' },
  { step: 'right', text: '→', verb: 'Move' },
  { step: 'wider', text: 'Wider', verb: 'Make' },
  { step: 'narrower', text: 'Narrower', verb: 'Make' },
  { step: 'taller', text: 'Taller', verb: 'Make' },
  { step: 'shorter', text: 'Shorter', verb: 'Make' },
];

function PanelTools({ base, panel }: { base: string; panel: Panel }) {
  return (
    <div class="panel-tools">
      <a class="button secondary panel-edit" href={`${base}/edit`} aria-label={`Edit ${panel.title}`}>
        Edit
      </a>
      <details class="panel-layout">
        <summary aria-label={`Move or resize ${panel.title}`}>Move</summary>
        <div class="panel-steps">
          {STEPS.map(({ step, text, verb }) => (
            <form class="inline" method="post" action={`${base}/move`}>
              <input type="hidden" name="direction" value={step} />
              <button type="submit" class="secondary" data-step={step} aria-label={`${verb} ${panel.title} ${step}`}>
                {text}
              </button>
            </form>
          ))}
        </div>
      </details>
      <form class="inline" method="post" action={`${base}/delete`} hx-confirm={`Remove the panel ${panel.title}?`}>
        <button type="submit" class="danger" aria-label={`Remove ${panel.title}`}>
          ×
        </button>
      </form>
    </div>
  );
}

/**
 * One panel on the grid. Its body reloads itself (htmx) when the tenant's realtime hub says a dataset
 * became ready; members get edit, move / resize (buttons, and dragging by dashboard-grid.js) and
 * remove. A `deferred` panel is drawn by its own request right after the page loads (the page's
 * time budget for drawing panels ran out).
 */
export async function PanelCard({ c, ctx, dashboardId, panel, deferred = false }: { c: AppContext; ctx: EvaluateContext; dashboardId: string; panel: Panel; deferred?: boolean }) {
  const tenant = c.get('tenant')!;
  const base = `/app/dashboards/${dashboardId}/panels/${panel.id}`;
  const { x, y, w, h } = panel.position;
  const refresh = 'realtime:dataset.ready from:body, realtime:dataset.deleted from:body';
  const live = panel.type !== 'text' ? { 'hx-get': base, 'hx-trigger': deferred ? `load, ${refresh}` : refresh, 'hx-swap': 'innerHTML' } : {};
  const canWrite = roleAtLeast(tenant.role, 'member');
  const place = canWrite ? { 'data-place': `${base}/place`, 'data-x': String(x), 'data-y': String(y), 'data-w': String(w), 'data-h': String(h) } : {};
  return (
    <section class={`dashboard-panel panel-${panel.type} gx-${x} gw-${w} gy-${y} gh-${h}`} id={`panel-${panel.id}`} data-panel-id={panel.id} aria-labelledby={`panel-title-${panel.id}`} {...place}>
      <header>
        {canWrite ? (
          <span class="panel-drag" data-drag="move" title="Drag to move" aria-hidden="true">
            ⠿
          </span>
        ) : null}
        <h2 id={`panel-title-${panel.id}`} title={panel.title}>
          {panel.title}
        </h2>
        {canWrite ? <PanelTools base={base} panel={panel} /> : null}
      </header>
      <div class="panel-body" id={`panel-body-${panel.id}`} {...live}>
        {deferred && panel.type !== 'text' ? <p class="muted">Loading…</p> : await PanelBody({ ctx, tenantId: tenant.id, dashboardId, panel })}
      </div>
      {canWrite ? <span class="panel-resize" data-drag="resize" title="Drag to resize" aria-hidden="true"></span> : null}
    </section>
  );
}
