// Seeded accounts, tenants, memberships and API keys for tests that are not about creating them.
// Over HTTP every user costs two PBKDF2 runs (register and login) and a team of three about 340 ms;
// seeded, a team takes about 25 ms. The rows are the ones the services write and the access token
// is a real one, so the app authenticates and authorizes the results as it would HTTP-made ones.
// The auth and tenants plugins' own tests keep the HTTP path (`signUp`, plugins/tenants/testing.ts).
import type { Database, TenantRole } from 'atoll/plugin';
import type { AtollApp } from '../../worker/app';
import { openDatabase } from '../../worker/db/connect';
import { createLogger } from '../../worker/logger';
import type { SignedUp } from './identity';
import { insertApiKey, insertMembership, insertTenant, type SeedApiKeyInput, type SeededTenant } from './seed-tenant';
import { insertSignedInUser, type SeedUserOptions } from './seed-user';

/** A unique tenant slug (the tenants API's format), so tests never share tenants. */
export const uniqueSlug = (label = 't') => `${label}-${crypto.randomUUID().slice(0, 13)}`;

/** Runs `fn` on its own connection to the database `atoll` uses (the app role: RLS applies). */
async function withAppDatabase<T>(atoll: AtollApp, fn: (db: Database) => Promise<T>): Promise<T> {
  const handle = openDatabase(atoll.config.database, createLogger('error'));
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

/** A new account, signed in: what `signUp` returns, without HTTP. */
export const seedUser = (atoll: AtollApp, options: SeedUserOptions = {}): Promise<SignedUp> => withAppDatabase(atoll, (db) => insertSignedInUser(db, options));

async function insertOwnerWithTenant(db: Database, label: string) {
  const owner = await insertSignedInUser(db, { name: label });
  const tenant = await insertTenant(db, { ownerId: owner.userId, name: `${label} tenant`, slug: uniqueSlug(label) });
  return { owner, tenant };
}

async function insertMember(db: Database, tenantId: string, role: TenantRole): Promise<SignedUp> {
  const user = await insertSignedInUser(db, { name: role });
  await insertMembership(db, { tenantId, userId: user.userId, role });
  return user;
}

/** A new user who owns a new tenant. */
export const ownerWithTenant = (atoll: AtollApp, label = 'owner'): Promise<{ owner: SignedUp; tenant: SeededTenant }> =>
  withAppDatabase(atoll, (db) => insertOwnerWithTenant(db, label));

/**
 * A new user in `tenantId` with `role`. `admin` is who adds them over HTTP (plugins/tenants/testing.ts);
 * it is taken here too so a test can switch between the two helpers by its import alone.
 */
export const memberOf = (atoll: AtollApp, tenantId: string, _admin: SignedUp, role: TenantRole): Promise<SignedUp> =>
  withAppDatabase(atoll, (db) => insertMember(db, tenantId, role));

/** A tenant with its owner, plus a member and a viewer. */
export const team = (atoll: AtollApp, label = 'team') =>
  withAppDatabase(atoll, async (db) => {
    const { owner, tenant } = await insertOwnerWithTenant(db, label);
    const member = await insertMember(db, tenant.id, 'member');
    const viewer = await insertMember(db, tenant.id, 'viewer');
    return { owner, member, viewer, tenant };
  });

/** A new API key of a tenant (`role` member unless given); returns its id and `atk_` secret. */
export const apiKeyOf = (atoll: AtollApp, input: SeedApiKeyInput): Promise<{ id: string; secret: string }> => withAppDatabase(atoll, (db) => insertApiKey(db, input));
