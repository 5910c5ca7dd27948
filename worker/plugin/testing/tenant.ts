// Tenants, memberships and API keys written straight into the database: the rows the tenants
// plugin's services write, in the tenant's scope so row-level security checks them as it does there.
// No audit rows: only the tenants plugin's own tests (which go through HTTP) read them.
import { apiKeys, memberships, tenants } from '../../../plugins/tenants/db/schema';
import { hashSecret, newSecret } from '../../../plugins/tenants/services/api-key-secret';
import type { TenantRole } from '../../access/types';
import type { Database } from '../../db/database';
import { runInTenant } from '../../db/tenant-scope';

/**
 * A seeded tenant: send its `id` (or `slug`) as `x-tenant-id`.
 *
 * @example
 * const { tenant }: { tenant: TestTenant } = await t.seedTeam();
 * await t.as(user, tenant.id).get('/api/v1/polygons');
 */
export interface TestTenant {
  id: string;
  slug: string;
  name: string;
}

/**
 * A seeded API key: its id and its `atk_` secret (send it as `authorization: Bearer <secret>`).
 *
 * @example
 * const key: TestApiKey = await t.seedApiKey(team.tenant.id, { scopes: ['polygons:read'] });
 * await t.as({ apiKey: key.secret }).get('/api/v1/polygons');
 */
export interface TestApiKey {
  id: string;
  secret: string;
}

/** A tenant with `ownerId` as its owner, as `createTenant` makes it. */
export async function insertTenant(db: Database, input: { ownerId: string; name: string; slug: string }): Promise<TestTenant> {
  const id = crypto.randomUUID();
  await runInTenant(db, id, async (tx) => {
    await tx.insert(tenants).values({ id, slug: input.slug, name: input.name });
    await tx.insert(memberships).values({ tenantId: id, userId: input.ownerId, role: 'owner' });
  });
  return { id, slug: input.slug, name: input.name };
}

/** `userId` joins `tenantId` with `role`, as `addMember` records it. */
export const insertMembership = (db: Database, input: { tenantId: string; userId: string; role: TenantRole }) =>
  runInTenant(db, input.tenantId, async (tx) => void (await tx.insert(memberships).values(input)));

export interface SeedApiKeyInput {
  tenantId: string;
  scopes: string[];
  role?: 'viewer' | 'member' | 'admin';
  name?: string;
  /** The user (or key) recorded as its creator. */
  createdBy?: string;
  expiresAt?: Date;
}

/** An API key of `tenantId`, as `createApiKey` stores it (only the secret's hash); returns its id and secret. */
export async function insertApiKey(db: Database, input: SeedApiKeyInput): Promise<TestApiKey> {
  const id = crypto.randomUUID();
  const secret = newSecret(id);
  const secretHash = await hashSecret(secret);
  await runInTenant(db, input.tenantId, (tx) =>
    tx.insert(apiKeys).values({
      id,
      tenantId: input.tenantId,
      name: input.name ?? `key-${id.slice(0, 8)}`,
      secretHash,
      scopes: [...new Set(input.scopes)],
      role: input.role ?? 'member',
      createdBy: input.createdBy ?? null,
      expiresAt: input.expiresAt ?? null,
    }),
  );
  return { id, secret };
}
