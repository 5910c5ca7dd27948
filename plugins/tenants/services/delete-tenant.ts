import { deleteAuditEntries, type ObjectStorage, recordAudit, runInTenant } from 'atoll/plugin';
import { eq } from 'drizzle-orm';
import { tenants } from '../db/schema';
import type { ServiceContext } from './context';

/**
 * Deletes a tenant and its data: memberships and API keys go by cascade, its audit rows are erased
 * (policy `tenants_audit_log_erase`), other plugins' tenant rows go by their cascades, and every
 * stored object under `tenants/<id>/` (files, artifacts) is deleted after the commit. A
 * platform-level audit row (no tenant) keeps the fact.
 */
export async function deleteTenant({ ctx, input }: { ctx: ServiceContext & { storage: ObjectStorage }; input: { tenantId: string; slug: string } }): Promise<void> {
  await runInTenant(ctx.db, input.tenantId, async (tx) => {
    await deleteAuditEntries(tx, input.tenantId);
    await tx.delete(tenants).where(eq(tenants.id, input.tenantId));
    await recordAudit(
      tx,
      { tenantId: null, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'tenants.tenant_deleted', targetType: 'tenant', targetId: input.tenantId, data: { slug: input.slug } },
      ctx.request,
    );
  });
  // After the commit: the rows are gone, so nothing can reach these objects any more.
  const keys: string[] = [];
  for await (const object of ctx.storage.listAll(`tenants/${input.tenantId}/`)) keys.push(object.key);
  const { failed } = await ctx.storage.deleteMany(keys);
  if (failed.length > 0) ctx.request?.get('logger')?.warn('tenant objects left behind', { tenantId: input.tenantId, count: failed.length });
}
