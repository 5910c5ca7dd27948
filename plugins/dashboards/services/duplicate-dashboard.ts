import { recordAudit, runInTenant } from 'atoll/plugin';
import { eq } from 'drizzle-orm';
import { dashboards } from '../db/schema';
import { dashboardNotFound } from '../errors';
import { auditOf, type ServiceContext } from './context';
import { packPanels } from './layout';

/** Copies a dashboard with new panel ids; the copy is named "Copy of <name>" unless a name is given. */
export function duplicateDashboard({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; dashboardId: string; name?: string | undefined } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [source] = await tx.select().from(dashboards).where(eq(dashboards.id, input.dashboardId));
    if (!source) throw dashboardNotFound();
    const name = input.name ?? `Copy of ${source.name}`.slice(0, 200);
    const panels = packPanels(source.panels.map((p) => ({ ...p, id: crypto.randomUUID() })));
    const [row] = await tx.insert(dashboards).values({ tenantId: input.tenantId, name, description: source.description, panels, createdBy: ctx.actor.id }).returning();
    await recordAudit(tx, auditOf(ctx, input.tenantId, 'duplicated', row!.id, { from: source.id, name }), ctx.request);
    return row!;
  });
}
