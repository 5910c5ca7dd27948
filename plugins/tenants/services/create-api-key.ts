import { type ApiScopes, recordAudit, runInTenant } from 'atoll/plugin';
import { apiKeys } from '../db/schema';
import { invalidExpiry, unknownScopes } from '../errors';
import { hashSecret, newSecret } from './api-key-secret';
import type { ServiceContext } from './context';

/**
 * Creates an API key; the secret is returned here once and never stored (only its hash). Only
 * scopes some installed plugin uses are accepted (`ctx.scopes`, the kernel's list).
 */
export async function createApiKey({
  ctx,
  input,
}: {
  ctx: ServiceContext & { scopes: ApiScopes };
  input: { tenantId: string; name: string; scopes: string[]; role: 'viewer' | 'member' | 'admin'; expiresAt?: Date | undefined };
}) {
  const unknown = input.scopes.map((scope, index) => ({ scope, index })).filter((s) => !ctx.scopes.has(s.scope));
  if (unknown.length > 0) throw unknownScopes(unknown, ctx.scopes.list());
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw invalidExpiry();
  const id = crypto.randomUUID();
  const secret = newSecret(id);
  const scopes = [...new Set(input.scopes)];
  const key = await runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ id, tenantId: input.tenantId, name: input.name, secretHash: await hashSecret(secret), scopes, role: input.role, createdBy: ctx.actor.id, expiresAt: input.expiresAt ?? null })
      .returning();
    await recordAudit(
      tx,
      {
        tenantId: input.tenantId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: 'tenants.api_key_created',
        targetType: 'api_key',
        targetId: id,
        data: { name: input.name, scopes, role: input.role },
      },
      ctx.request,
    );
    return row!;
  });
  const { secretHash: _, ...visible } = key;
  return { ...visible, secret };
}
