import { type Database, runInScope, runInTenant } from 'atoll/plugin';
import { eq } from 'drizzle-orm';
import { apiKeys, memberships } from '../db/schema';

/**
 * How far the user and their current tenant are in setting up: whether the user has a tenant, and
 * for the tenant whether it has another member and an API key. Reads at most two rows of each.
 */
export async function readSetupProgress({ ctx, input }: { ctx: { db: Database }; input: { userId: string; tenantId?: string | undefined } }) {
  const mine = await runInScope(ctx.db, { userId: input.userId }, (tx) => tx.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, input.userId)).limit(1));
  if (!input.tenantId) return { hasTenant: mine.length > 0, hasOtherMember: false, hasApiKey: false };
  const tenantId = input.tenantId;
  const [members, keys] = await runInTenant(ctx.db, tenantId, async (tx) => [
    await tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.tenantId, tenantId)).limit(2),
    await tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.tenantId, tenantId)).limit(1),
  ]);
  return { hasTenant: true, hasOtherMember: members.length > 1, hasApiKey: keys.length > 0 };
}
