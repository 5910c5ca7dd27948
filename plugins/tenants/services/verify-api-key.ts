import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { runInScope, runInTenant, type ApiKeyPrincipal, type Database } from 'atoll/plugin';
import { apiKeys } from '../db/schema';
import { hashSecret, keyIdOf, sameDigest } from './api-key-secret';

/**
 * Turns a presented `atk_` secret into its key's principal, or null (→ 401) when it is malformed,
 * unknown, wrong, revoked or expired. Reads only that one key: RLS shows the row whose id is
 * `atoll.api_key_id` and nothing else.
 */
export async function verifyApiKey({ ctx, input }: { ctx: { db: Database }; input: { secret: string } }): Promise<ApiKeyPrincipal | null> {
  const keyId = keyIdOf(input.secret);
  if (!keyId) return null;
  const [key] = await runInScope(ctx.db, { apiKeyId: keyId }, (tx) => tx.select().from(apiKeys).where(eq(apiKeys.id, keyId)));
  const presented = await hashSecret(input.secret);
  if (!key || !sameDigest(presented, key.secretHash)) return null;
  if (key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) return null;
  // Writes need the tenant scope; at most one write a minute per key.
  await runInTenant(ctx.db, key.tenantId, (tx) =>
    tx
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)))),
  );
  return { kind: 'api_key', keyId: key.id, tenantId: key.tenantId, scopes: key.scopes, role: key.role };
}
