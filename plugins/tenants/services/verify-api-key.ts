import type { ApiKeyPrincipal, Database, TenantRole } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import { hashSecret, keyIdOf } from './api-key-secret';

interface VerifiedKey {
  key_id: string;
  tenant_id: string;
  tenant_slug: string;
  scopes: string[];
  role: TenantRole;
}

/**
 * Turns a presented `atk_` secret into its key's principal, or null (→ 401) when it is malformed,
 * unknown, wrong, revoked or expired. One statement (migration 0003): it reads only that key, checks
 * it, records its use at most once a minute and returns its tenant. Nothing is cached, so a revoked
 * key fails on its very next request.
 */
export async function verifyApiKey({ ctx, input }: { ctx: { db: Database }; input: { secret: string } }): Promise<ApiKeyPrincipal | null> {
  const keyId = keyIdOf(input.secret);
  if (!keyId) return null;
  const result = await ctx.db.execute(sql`select * from tenants_verify_api_key(${keyId}::uuid, ${await hashSecret(input.secret)})`);
  const key = result.rows[0] as VerifiedKey | undefined;
  if (!key) return null;
  return { kind: 'api_key', keyId: key.key_id, tenantId: key.tenant_id, tenantSlug: key.tenant_slug, scopes: key.scopes, role: key.role };
}
