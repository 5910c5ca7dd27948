import { CURSOR_PARTS, recordAudit, runInTenant } from 'atoll/plugin';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { apiKeys } from '../db/schema';
import { apiKeyNotFound } from '../errors';
import type { ServiceContext } from './context';

/** Revokes a key at once (idempotent: revoking a revoked key changes nothing). */
export async function revokeApiKey({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; keyId: string } }): Promise<void> {
  if (!CURSOR_PARTS.uuid.test(input.keyId)) throw apiKeyNotFound();
  await runInTenant(ctx.db, input.tenantId, async (tx) => {
    const where = and(eq(apiKeys.tenantId, input.tenantId), eq(apiKeys.id, input.keyId));
    const [key] = await tx.select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt }).from(apiKeys).where(where).for('update');
    if (!key) throw apiKeyNotFound();
    if (key.revokedAt) return;
    await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(where, isNull(apiKeys.revokedAt)));
    await recordAudit(tx, { tenantId: input.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'tenants.api_key_revoked', targetType: 'api_key', targetId: input.keyId }, ctx.request);
  });
}
