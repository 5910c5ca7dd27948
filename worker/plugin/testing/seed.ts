// Seeding users, tenants, memberships and API keys of a booted app, each on a connection of its own
// to the database the app uses (the app role: row-level security applies as it does for requests).

import type { TenantRole } from '../../access/types';
import type { AtollApp } from '../../app';
import { openDatabase } from '../../db/connect';
import type { Database } from '../../db/database';
import { createLogger } from '../../logger';
import { uniqueSlug } from './env';
import { insertApiKey, insertMembership, insertTenant, type SeedApiKeyInput, type TestApiKey, type TestTenant } from './tenant';
import { insertSignedInUser, type SeedUserOptions, type TestUser } from './user';

/**
 * A seeded tenant with a user of each role in it (`t.seedTeam()`).
 *
 * @example
 * const team: TestTeam = await t.seedTeam('acme');
 * await t.as(team.viewer, team.tenant.id).delete(`/api/v1/polygons/${id}`); // 403
 */
export interface TestTeam {
  tenant: TestTenant;
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  viewer: TestUser;
}

/** Runs `fn` on its own connection to the database `atoll` uses. */
async function withAppDatabase<T>(atoll: AtollApp, fn: (db: Database) => Promise<T>): Promise<T> {
  const handle = openDatabase(atoll.config.database, createLogger('error'));
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

async function insertOwnerWithTenant(db: Database, label: string) {
  const owner = await insertSignedInUser(db, { name: label });
  const tenant = await insertTenant(db, { ownerId: owner.userId, name: `${label} tenant`, slug: uniqueSlug(label) });
  return { owner, tenant };
}

async function insertMember(db: Database, tenantId: string, role: TenantRole): Promise<TestUser> {
  const user = await insertSignedInUser(db, { name: role });
  await insertMembership(db, { tenantId, userId: user.userId, role });
  return user;
}

/** A new account, signed in: what signing up and logging in leave, without HTTP. */
export const seedUser = (atoll: AtollApp, options: SeedUserOptions = {}): Promise<TestUser> => withAppDatabase(atoll, (db) => insertSignedInUser(db, options));

/** A new user who owns a new tenant. */
export const ownerWithTenant = (atoll: AtollApp, label = 'owner'): Promise<{ owner: TestUser; tenant: TestTenant }> => withAppDatabase(atoll, (db) => insertOwnerWithTenant(db, label));

/** A new user in `tenantId` with `role`. */
export const seedMember = (atoll: AtollApp, tenantId: string, role: TenantRole): Promise<TestUser> => withAppDatabase(atoll, (db) => insertMember(db, tenantId, role));

/** A new tenant with its owner, an admin, a member and a viewer. */
export const seedTeam = (atoll: AtollApp, label = 'team'): Promise<TestTeam> =>
  withAppDatabase(atoll, async (db) => {
    const { owner, tenant } = await insertOwnerWithTenant(db, label);
    const admin = await insertMember(db, tenant.id, 'admin');
    const member = await insertMember(db, tenant.id, 'member');
    const viewer = await insertMember(db, tenant.id, 'viewer');
    return { tenant, owner, admin, member, viewer };
  });

/** A new API key of a tenant (`role` member unless given); returns its id and `atk_` secret. */
export const seedApiKey = (atoll: AtollApp, input: SeedApiKeyInput): Promise<TestApiKey> => withAppDatabase(atoll, (db) => insertApiKey(db, input));
