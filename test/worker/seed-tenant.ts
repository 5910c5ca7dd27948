// Tenants, memberships and API keys written straight into the database: the rows the tenants
// plugin's services write, in the tenant's scope so row-level security checks them as it does there.
// No audit rows: no test outside the tenants plugin's own (which go through HTTP) reads them.
import { runInTenant, type Database, type TenantRole } from 'atoll/plugin';
import { apiKeys, memberships, tenants } from '../../plugins/tenants/db/schema';
import { hashSecret, newSecret } from '../../plugins/tenants/services/api-key-secret';

export interface SeededTenant {
  id: string;
  slug: string;
  name: string;
}

/** A tenant with `ownerId` as its owner, as `createTenant` makes it. */
export async function insertTenant(db: Database, input: { ownerId: string; name: string; slug: string }): Promise<SeededTenant> {
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
export async function insertApiKey(db: Database, input: SeedApiKeyInput): Promise<{ id: string; secret: string }> {
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
