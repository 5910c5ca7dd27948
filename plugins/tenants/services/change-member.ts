import { recordAudit, runInTenant, type TenantRole } from 'atoll/plugin';
import { and, eq } from 'drizzle-orm';
import { memberships } from '../db/schema';
import type { ServiceContext } from './context';
import { assertMayManage, assertNotLastOwner, lockMembership } from './member-rules';

interface MemberInput {
  tenantId: string;
  actorRole: TenantRole;
  userId: string;
}

/** Changes a member's role; admins cannot touch the owner role, and the last owner stays owner. */
export async function changeMemberRole({ ctx, input }: { ctx: ServiceContext; input: MemberInput & { role: TenantRole } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const member = await lockMembership(tx, input.tenantId, input.userId);
    assertMayManage(input.actorRole, [member.role, input.role]);
    if (member.role === input.role) return member;
    if (member.role === 'owner') await assertNotLastOwner(tx, input.tenantId);
    const [updated] = await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.tenantId, input.tenantId), eq(memberships.userId, input.userId)))
      .returning();
    await recordAudit(
      tx,
      {
        tenantId: input.tenantId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: 'tenants.member_role_changed',
        targetType: 'user',
        targetId: input.userId,
        data: { from: member.role, to: input.role },
      },
      ctx.request,
    );
    return updated!;
  });
}

/** Removes a member; admins cannot remove owners, and the last owner cannot be removed. */
export async function removeMember({ ctx, input }: { ctx: ServiceContext; input: MemberInput }): Promise<void> {
  await runInTenant(ctx.db, input.tenantId, async (tx) => {
    const member = await lockMembership(tx, input.tenantId, input.userId);
    assertMayManage(input.actorRole, [member.role]);
    if (member.role === 'owner') await assertNotLastOwner(tx, input.tenantId);
    await tx.delete(memberships).where(and(eq(memberships.tenantId, input.tenantId), eq(memberships.userId, input.userId)));
    await recordAudit(
      tx,
      { tenantId: input.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'tenants.member_removed', targetType: 'user', targetId: input.userId, data: { role: member.role } },
      ctx.request,
    );
  });
}
