import { type Database, roleAtLeast, type TenantRole } from 'atoll/plugin';
import { and, eq, sql } from 'drizzle-orm';
import { memberships, tenants } from '../db/schema';
import { lastOwner, memberNotFound, ownerOnly } from '../errors';

/** Only owners grant, change or remove the owner role; admins manage everyone else. */
export function assertMayManage(actorRole: TenantRole, roles: readonly TenantRole[]): void {
  if (!roleAtLeast(actorRole, 'owner') && roles.includes('owner')) throw ownerOnly('grant, change or remove the owner role');
}

/**
 * Locks the tenant row so membership changes in one tenant run one at a time (two owners demoting
 * each other at once cannot leave none), then reads the target membership.
 */
export async function lockMembership(tx: Database, tenantId: string, userId: string) {
  await tx.execute(sql`select 1 from ${tenants} where ${tenants.id} = ${tenantId} for update`);
  const [member] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  if (!member) throw memberNotFound();
  return member;
}

/** Refuses to take the owner role from the tenant's last owner. */
export async function assertNotLastOwner(tx: Database, tenantId: string): Promise<void> {
  const owners = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'owner')));
  if ((owners[0]?.n ?? 0) <= 1) throw lastOwner();
}
