import { recordAudit, runInTenant } from 'atoll/plugin';
import { eq } from 'drizzle-orm';
import { dashboards } from '../db/schema';
import { dashboardNotFound } from '../errors';
import { auditOf, type ServiceContext } from './context';

/** Deletes a dashboard and its panels. */
export function deleteDashboard({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; dashboardId: string } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [row] = await tx.delete(dashboards).where(eq(dashboards.id, input.dashboardId)).returning({ id: dashboards.id, name: dashboards.name });
    if (!row) throw dashboardNotFound();
    await recordAudit(tx, auditOf(ctx, input.tenantId, 'deleted', row.id, { name: row.name }), ctx.request);
  });
}
