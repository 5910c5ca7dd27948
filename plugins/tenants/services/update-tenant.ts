import { recordAudit, runInTenant } from 'atoll/plugin';
import { eq, sql } from 'drizzle-orm';
import { tenants } from '../db/schema';
import type { ServiceContext } from './context';

/** Renames a tenant (the slug is permanent: it is in URLs and API calls). */
export async function updateTenant({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; name: string } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [tenant] = await tx.update(tenants).set({ name: input.name, updatedAt: sql`now()` }).where(eq(tenants.id, input.tenantId)).returning();
    await recordAudit(
      tx,
      { tenantId: input.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'tenants.tenant_updated', targetType: 'tenant', targetId: input.tenantId, data: { name: input.name } },
      ctx.request,
    );
    return tenant!;
  });
}

/** The tenant row, read in its own scope. */
export async function getTenantRow({ ctx, input }: { ctx: Pick<ServiceContext, 'db'>; input: { tenantId: string } }) {
  const [tenant] = await runInTenant(ctx.db, input.tenantId, (tx) => tx.select().from(tenants).where(eq(tenants.id, input.tenantId)));
  return tenant ?? null;
}
