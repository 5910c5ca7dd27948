import { type Database, runInTenant } from 'atoll/plugin';
import { eq } from 'drizzle-orm';
import { dashboards } from '../db/schema';
import { dashboardNotFound, panelNotFound } from '../errors';

/** A dashboard of the tenant, or 404 `DASHBOARDS_NOT_FOUND`. */
export async function getDashboard({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; dashboardId: string } }) {
  const [row] = await runInTenant(ctx.db, input.tenantId, (tx) => tx.select().from(dashboards).where(eq(dashboards.id, input.dashboardId)));
  if (!row) throw dashboardNotFound();
  return row;
}

/** A dashboard and one of its panels, or 404 (`DASHBOARDS_NOT_FOUND` / `DASHBOARDS_PANEL_NOT_FOUND`). */
export async function getPanel({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; dashboardId: string; panelId: string } }) {
  const dashboard = await getDashboard({ ctx, input });
  const panel = dashboard.panels.find((p) => p.id === input.panelId);
  if (!panel) throw panelNotFound();
  return { dashboard, panel };
}
