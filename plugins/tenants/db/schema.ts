import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/**
 * The tenants themselves. Row-level security (see migrations/0001): a row is visible in its own
 * tenant scope or to a member (`atoll.user_id`), so a slug lookup by a non-member finds nothing.
 */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  slug: text('slug').notNull().unique('tenants_slug_unique'),
  name: text('name').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Who belongs to a tenant, with which role. User ids come from the auth plugin (no cross-plugin FK). */
export const memberships = pgTable(
  'tenants_memberships',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    role: text('role', { enum: ['viewer', 'member', 'admin', 'owner'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId], name: 'tenants_memberships_pk' }), index('tenants_memberships_user_idx').on(t.userId)],
);

/** API keys: only the SHA-256 of the secret is stored; a key acts in its tenant with its scopes. */
export const apiKeys = pgTable(
  'tenants_api_keys',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    /** The key's role ceiling in its tenant (viewer, member or admin; never owner). */
    role: text('role').$type<'viewer' | 'member' | 'admin'>().notNull().default('member'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('tenants_api_keys_tenant_created_idx').on(t.tenantId, t.createdAt)],
);

export type TenantRow = typeof tenants.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
