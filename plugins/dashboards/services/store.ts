import { eq, sql } from 'drizzle-orm';
import { recordAudit, runInTenant, type Database } from 'atoll/plugin';
import { dashboards, type DashboardRow } from '../db/schema';
import { dashboardNotFound } from '../errors';
import { auditOf, type ServiceContext } from './context';
import type { Panel, PanelInput } from './panel-schema';
import { placeBelow } from './layout';

/** The dashboard, locked for this transaction's update (panel edits never lose a concurrent edit). */
export async function lockDashboard(tx: Database, dashboardId: string): Promise<DashboardRow> {
  const [row] = await tx.select().from(dashboards).where(eq(dashboards.id, dashboardId)).for('update');
  if (!row) throw dashboardNotFound();
  return row;
}

/** Stored panels from inputs: fresh ids unless kept, positions placed under the others when missing. */
export function toPanels(inputs: readonly (PanelInput & { id?: string | undefined })[], existing: readonly Panel[] = []): Panel[] {
  const placed: Panel[] = [...existing];
  const out: Panel[] = [];
  for (const input of inputs) {
    const panel = { ...input, id: input.id ?? crypto.randomUUID(), position: input.position ?? placeBelow(placed, input.type) } as Panel;
    placed.push(panel);
    out.push(panel);
  }
  return out;
}

/**
 * Changes a dashboard's panels in one locked read-modify-write, audited as `dashboards.<action>`.
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
    await tx.update(dashboards).set({ panels, updatedAt: sql`now()` }).where(eq(dashboards.id, dashboardId));
    await recordAudit(tx, auditOf(ctx, tenantId, action, dashboardId, data ?? {}), ctx.request);
    return result;
  });
}
