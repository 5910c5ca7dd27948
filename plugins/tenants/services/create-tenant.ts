import { recordAudit, runInTenant } from 'atoll/plugin';
import { memberships, tenants } from '../db/schema';
import { isUniqueViolation, slugTaken } from '../errors';
import type { ServiceContext } from './context';
import type { TenantWithRole } from './find-tenant';

/**
 * Creates a tenant with its creator as the first owner. Everything is written in the new tenant's
 * scope (RLS checks each row against it), with the audit row in the same transaction.
 */
export async function createTenant({ ctx, input }: { ctx: ServiceContext; input: { name: string; slug: string; ownerId: string } }): Promise<TenantWithRole> {
  const id = crypto.randomUUID();
  try {
    return await runInTenant(ctx.db, id, async (tx) => {
      const [tenant] = await tx.insert(tenants).values({ id, slug: input.slug, name: input.name }).returning();
      await tx.insert(memberships).values({ tenantId: id, userId: input.ownerId, role: 'owner' });
      await recordAudit(
        tx,
        { tenantId: id, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'tenants.tenant_created', targetType: 'tenant', targetId: id, data: { slug: input.slug, name: input.name } },
        ctx.request,
      );
      return { ...tenant!, role: 'owner' as const };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(input.slug);
    throw error;
  }
}
