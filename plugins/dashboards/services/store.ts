import { type Database, recordAudit, runInTenant } from 'atoll/plugin';
import { eq, sql } from 'drizzle-orm';
import { type DashboardRow, dashboards } from '../db/schema';
import { dashboardNotFound } from '../errors';
import { auditOf, type ServiceContext } from './context';
import { defaultSize, firstFreeSlot, packPanels } from './layout';
import type { Panel, PanelInput, PanelPosition } from './panel-schema';

/** The dashboard, locked for this transaction's update (panel edits never lose a concurrent edit). */
export async function lockDashboard(tx: Database, dashboardId: string): Promise<DashboardRow> {
  const [row] = await tx.select().from(dashboards).where(eq(dashboards.id, dashboardId)).for('update');
  if (!row) throw dashboardNotFound();
  return row;
}

/**
 * The whole layout after adding `inputs` to `existing` panels: fresh ids unless kept; panels with a
 * position packed so none overlap (services/layout.ts), then each panel without one in the first
 * free slot at its type's default size. Returned in reading order.
 */
export function toPanels(inputs: readonly (PanelInput & { id?: string | undefined })[], existing: readonly Panel[] = []): Panel[] {
  const fresh = inputs.map((input) => ({ ...input, id: input.id ?? crypto.randomUUID() }));
  let placed = packPanels([...existing, ...fresh.filter((p): p is typeof p & { position: PanelPosition } => p.position !== undefined)] as Panel[]);
  for (const panel of fresh) {
    if (!panel.position) placed = [...placed, { ...panel, position: firstFreeSlot(placed, defaultSize(panel.type)) } as Panel];
  }
  return packPanels(placed);
}

/**
 * Changes a dashboard's panels in one locked read-modify-write, audited as `dashboards.<action>`
 * (unless `change` hands back the same array).
 *
 * @example
 * await changePanels(ctx, tenantId, id, 'panel_added', (panels) => ({ panels: [...panels, panel], result: panel }));
 */
export function changePanels<T>(
  ctx: ServiceContext,
  tenantId: string,
  dashboardId: string,
  action: string,
  change: (panels: Panel[]) => { panels: Panel[]; result: T; data?: Record<string, unknown> },
): Promise<T> {
  return runInTenant(ctx.db, tenantId, async (tx) => {
    const row = await lockDashboard(tx, dashboardId);
    const { panels, result, data } = change(row.panels);
    if (panels === row.panels) return result; // nothing changed: no write, no audit row
    await tx.update(dashboards).set({ panels, updatedAt: sql`now()` }).where(eq(dashboards.id, dashboardId));
    await recordAudit(tx, auditOf(ctx, tenantId, action, dashboardId, data ?? {}), ctx.request);
    return result;
  });
}
