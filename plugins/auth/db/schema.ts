import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Stored user preferences; a partial update merges only the fields sent (jsonb `||`). */
export interface UserPreferences {
  theme?: 'light' | 'dark' | 'system';
  timeZone?: string;
}

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Accounts. `email` is stored trimmed and lower-cased, so the unique index is case-insensitive. */
export const authUsers = pgTable('auth_users', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  email: text('email').notNull().unique('auth_users_email_key'),
  name: text('name'),
  /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`; never leaves the services. */
  passwordHash: text('password_hash').notNull(),
  /** Granted only by the `admin:grant` CLI (or `AUTH_PLATFORM_ADMINS`), never by the API. */
  platformAdmin: boolean('platform_admin').notNull().default(false),
  preferences: jsonb('preferences').$type<UserPreferences>().notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * Refresh-token (kind `api`) and browser-cookie (kind `browser`) sessions. Only SHA-256 hashes of
 * the tokens are stored. A session is a family: each refresh inserts a new row in the family and
 * marks the old one rotated; presenting a rotated token revokes the whole family (RFC 9700).
 * The family id is the id of its first row and is the `sid` of its access tokens.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull().unique('auth_sessions_token_hash_key'),
    kind: text('kind', { enum: ['api', 'browser'] }).notNull(),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    rotatedAt: ts('rotated_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('auth_sessions_family_idx').on(t.familyId), index('auth_sessions_user_created_idx').on(t.userId, t.createdAt), check('auth_sessions_kind_check', sql`${t.kind} in ('api', 'browser')`)],
);

/**
 * Failed sign-ins for throttling (services/throttle.ts), keyed `account:<email>`,
 * `pair:<address> <email>` and `ip:<address>`.
 */
export const authLoginAttempts = pgTable(
  'auth_login_attempts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    key: text('key').notNull(),
    attemptedAt: ts('attempted_at').notNull().defaultNow(),
  },
  (t) => [index('auth_login_attempts_key_time_idx').on(t.key, t.attemptedAt)],
);

/**
 * Addresses an account signed in from with its password (kept 30 days after the last time): sign-ins
 * from them skip the account-wide delay and the address's failure budget, so an attacker failing
 * elsewhere, or colleagues failing behind the same address, never keep the owner out.
 */
export const authSignInAddresses = pgTable(
  'auth_sign_in_addresses',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    lastSuccessAt: ts('last_success_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.address] })],
);
