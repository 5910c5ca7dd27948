import { type Database, runInTenant } from 'atoll/plugin';
import { desc, eq } from 'drizzle-orm';
import { dashboards } from '../db/schema';

/** The tenant's most recently changed dashboards (id, name, when), newest first. */
export async function listRecentDashboards({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; limit: number } }) {
  return runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ id: dashboards.id, name: dashboards.name, updatedAt: dashboards.updatedAt })
      .from(dashboards)
      .where(eq(dashboards.tenantId, input.tenantId))
      .orderBy(desc(dashboards.updatedAt), desc(dashboards.id))
      .limit(input.limit),
  );
}
