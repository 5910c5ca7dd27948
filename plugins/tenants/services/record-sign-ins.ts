import { type AppContext, type Database, recordAudit, runInScope, runInTenant } from 'atoll/plugin';
import { eq } from 'drizzle-orm';
import { memberships } from '../db/schema';

/** After a successful login: one `auth.sign_in` audit row in each tenant the user belongs to. */
export async function recordSignIns({ ctx, input }: { ctx: { db: Database; request?: AppContext }; input: { userId: string } }): Promise<void> {
  const mine = await runInScope(ctx.db, { userId: input.userId }, (tx) => tx.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, input.userId)));
  for (const { tenantId } of mine) {
    await runInTenant(ctx.db, tenantId, (tx) =>
      recordAudit(tx, { tenantId, actorType: 'user', actorId: input.userId, action: 'auth.sign_in', targetType: 'user', targetId: input.userId }, ctx.request),
    );
  }
}
