import { recordAudit, runInTenant, type TenantRole } from 'atoll/plugin';
import { memberships } from '../db/schema';
import { alreadyMember, isUniqueViolation, userNotFound } from '../errors';
import type { ServiceContext } from './context';
import { assertMayManage } from './member-rules';
import type { UsersLookup } from './users';

/** Adds an existing user (by email) to the tenant with `role`. */
export async function addMember({ ctx, input }: { ctx: ServiceContext & { users: UsersLookup }; input: { tenantId: string; actorRole: TenantRole; email: string; role: TenantRole } }) {
  assertMayManage(input.actorRole, [input.role]);
  const user = await ctx.users.findUserByEmail(ctx.db, input.email);
  if (!user) throw userNotFound();
  try {
    return await runInTenant(ctx.db, input.tenantId, async (tx) => {
      const [member] = await tx.insert(memberships).values({ tenantId: input.tenantId, userId: user.id, role: input.role }).returning();
      await recordAudit(
        tx,
        { tenantId: input.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'tenants.member_added', targetType: 'user', targetId: user.id, data: { role: input.role } },
        ctx.request,
      );
      return { userId: user.id, email: user.email, name: user.name, role: member!.role, createdAt: member!.createdAt };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyMember();
    throw error;
  }
}
