import { recordAudit, runInTenant } from 'atoll/plugin';
import { eq, sql } from 'drizzle-orm';
import { dashboards } from '../db/schema';
import { auditOf, type ServiceContext } from './context';
import type { PanelInput } from './panel-schema';
import { lockDashboard, toPanels } from './store';

/**
 * Renames a dashboard, changes its description (`null` clears it) and/or replaces its panels (a
 * panel sent with the id of an existing one keeps that id, once; others get new ids).
 */
export async function updateDashboard({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { tenantId: string; dashboardId: string; name?: string | undefined; description?: string | null | undefined; panels?: (PanelInput & { id?: string | undefined })[] | undefined };
}) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const current = await lockDashboard(tx, input.dashboardId);
    // Each existing id is kept once: a second panel sent with the same id gets a new one, so ids stay unique.
    const unclaimed = new Set(current.panels.map((p) => p.id));
    const keep = (id: string | undefined) => (id && unclaimed.delete(id) ? id : undefined);
    const panels = input.panels ? toPanels(input.panels.map((p) => ({ ...p, id: keep(p.id) }))) : undefined;
    const changes = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(panels ? { panels } : {}),
    };
    const [row] = await tx
      .update(dashboards)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(dashboards.id, input.dashboardId))
      .returning();
    await recordAudit(tx, auditOf(ctx, input.tenantId, 'updated', input.dashboardId, { fields: Object.keys(changes) }), ctx.request);
    return row!;
  });
}
