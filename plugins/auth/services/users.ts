import { AtollError, conflict, type Database, forbidden } from 'atoll/plugin';
import { eq, inArray, sql } from 'drizzle-orm';
import type { AuthConfig } from '../config';
import { authUsers, type UserPreferences } from '../db/schema';
import { AuthErrorCode } from '../errors';
import type { UserSummary, UsersService } from '../refs';
import { hashPassword } from './password';
import { assertPasswordPolicy } from './password-policy';

export interface UserProfile extends UserSummary {
  createdAt: string;
  platformAdmin: boolean;
  preferences: UserPreferences;
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Creates an account; the email must be free (compared lower-cased) and the password fit the policy. */
export async function registerUser({ ctx, input }: { ctx: { db: Database; config: AuthConfig }; input: { email: string; password: string; name?: string | undefined } }) {
  if (ctx.config.registration === 'closed') throw forbidden(AuthErrorCode.REGISTRATION_CLOSED, 'Registration is closed on this server');
  const email = normalizeEmail(input.email);
  assertPasswordPolicy(input.password, email);
  const passwordHash = await hashPassword(input.password);
  const [user] = await ctx.db
    .insert(authUsers)
    .values({ email, name: input.name?.trim() || null, passwordHash })
    .onConflictDoNothing({ target: authUsers.email })
    .returning({ id: authUsers.id, email: authUsers.email, name: authUsers.name, createdAt: authUsers.createdAt });
  if (!user) throw conflict(AuthErrorCode.EMAIL_TAKEN, 'An account with this email already exists');
  return { ...user, createdAt: user.createdAt.toISOString() };
}

/** The account with its password hash, for sign-in and password change only. */
export async function findCredentials(db: Database, input: { email?: string; userId?: string }) {
  const where = input.userId ? eq(authUsers.id, input.userId) : eq(authUsers.email, normalizeEmail(input.email ?? ''));
  const [row] = await db.select({ id: authUsers.id, email: authUsers.email, passwordHash: authUsers.passwordHash }).from(authUsers).where(where).limit(1);
  return row ?? null;
}

/** Who an external identity is: the account with that email, if any (never created on the fly). */
export async function findAccount(db: Database, email: string) {
  const [row] = await db
    .select({ id: authUsers.id, email: authUsers.email, platformAdmin: authUsers.platformAdmin })
    .from(authUsers)
    .where(eq(authUsers.email, normalizeEmail(email)))
    .limit(1);
  return row ?? null;
}

export const isPlatformAdmin = (config: AuthConfig, user: { userId: string; platformAdmin: boolean }) => user.platformAdmin || config.platformAdmins.includes(user.userId);

/** The caller's own profile. */
export async function getProfile({ ctx, input }: { ctx: { db: Database; config: AuthConfig }; input: { userId: string } }): Promise<UserProfile> {
  const [row] = await ctx.db.select().from(authUsers).where(eq(authUsers.id, input.userId)).limit(1);
  if (!row) throw new AtollError('unauthorized', AuthErrorCode.INVALID_TOKEN, 'The account no longer exists');
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    platformAdmin: isPlatformAdmin(ctx.config, { userId: row.id, platformAdmin: row.platformAdmin }),
    preferences: row.preferences,
  };
}

export async function updateName({ ctx, input }: { ctx: { db: Database; config: AuthConfig }; input: { userId: string; name: string | null } }) {
  await ctx.db
    .update(authUsers)
    .set({ name: input.name?.trim() || null, updatedAt: sql`now()` })
    .where(eq(authUsers.id, input.userId));
  return getProfile({ ctx, input });
}

/** Merges only the fields sent into the stored preferences (jsonb `||`, atomic). */
export async function updatePreferences({ ctx, input }: { ctx: { db: Database }; input: { userId: string; preferences: UserPreferences } }) {
  const [row] = await ctx.db
    .update(authUsers)
    .set({ preferences: sql`${authUsers.preferences} || ${JSON.stringify(input.preferences)}::jsonb`, updatedAt: sql`now()` })
    .where(eq(authUsers.id, input.userId))
    .returning({ preferences: authUsers.preferences });
  return row?.preferences ?? {};
}

/** The `auth.users` service other plugins read: no password data. */
export const usersService: UsersService = {
  async findUserByEmail(db, email) {
    const [row] = await db
      .select({ id: authUsers.id, email: authUsers.email, name: authUsers.name })
      .from(authUsers)
      .where(eq(authUsers.email, normalizeEmail(email)))
      .limit(1);
    return row ?? null;
  },
  async getUsers(db, ids) {
    const valid = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    if (valid.length === 0) return [];
    return db.select({ id: authUsers.id, email: authUsers.email, name: authUsers.name }).from(authUsers).where(inArray(authUsers.id, valid));
  },
};
