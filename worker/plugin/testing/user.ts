// Accounts written straight into the database, signed in with a real access token: what
// `register` + `login` leave behind, without their two PBKDF2 runs. Over HTTP every user costs two
// PBKDF2 runs and a team of three about 340 ms; seeded, a team takes about 25 ms. The rows are the
// ones the auth plugin's services write and the token is a real one, so the app authenticates and
// authorizes the results as it would HTTP-made ones.
import { authConfigSchema } from '../../../plugins/auth/config';
import type { AuthRuntime } from '../../../plugins/auth/context';
import { authUsers } from '../../../plugins/auth/db/schema';
import { issueAccessToken } from '../../../plugins/auth/services/access-token';
import { loadSigningKeys, localKeySet } from '../../../plugins/auth/services/keys';
import { hashPassword } from '../../../plugins/auth/services/password';
import { createSession } from '../../../plugins/auth/services/sessions';
import type { Database } from '../../db/database';
import { createLogger } from '../../logger';
import { authTestEnv, uniqueEmail } from './env';

/**
 * A signed-in account of a test, with a real access token (`t.seedUser()`, or a member of a `TestTeam`).
 *
 * @example
 * const user: TestUser = await t.seedUser('alice');
 * const res = await t.fetch('/api/v1/auth/me', { headers: user.headers() });
 */
export interface TestUser {
  userId: string;
  email: string;
  /** Its password, for tests that sign in again. */
  password: string;
  /** A real access token of an API session (send it as `authorization: Bearer <token>`). */
  token: string;
  /** The same token, by the name the auth API gives it. */
  accessToken: string;
  /** JSON request headers with the bearer token, and `x-tenant-id` when a tenant is given. */
  headers(tenant?: string): Record<string, string>;
}

/** A `TestUser` from its parts (signed up over HTTP, or seeded). */
export const testUser = (user: { userId: string; email: string; password: string; accessToken: string }): TestUser => ({
  ...user,
  token: user.accessToken,
  headers: (tenant) => ({ 'content-type': 'application/json', authorization: `Bearer ${user.accessToken}`, ...(tenant ? { 'x-tenant-id': tenant } : {}) }),
});

interface Credentials {
  password: string;
  passwordHash: string;
  auth: AuthRuntime;
}

let credentials: Promise<Credentials> | undefined;

/**
 * Computed once per test file: one password (and its one PBKDF2 hash) for every seeded account, so
 * a test can still sign in with `user.password`; and the auth runtime built from the same keys and
 * settings the app under test was booted with (`authTestEnv`), so its tokens verify unchanged.
 */
function seedCredentials(): Promise<Credentials> {
  credentials ??= (async () => {
    const password = `pw-${crypto.randomUUID()}`;
    const vars = await authTestEnv();
    // The other AUTH_* settings are pinned to their defaults for every test app (vitest.config.ts).
    const config = authConfigSchema.parse({ jwtPrivateKey: vars.AUTH_JWT_PRIVATE_KEY, jwtPublicKeys: vars.AUTH_JWT_PUBLIC_KEYS });
    const keys = await loadSigningKeys(config);
    const auth: AuthRuntime = {
      config,
      logger: createLogger('error'),
      signer: keys.signer,
      publicJwks: keys.publicJwks,
      verificationKeys: localKeySet(keys.publicJwks),
      oidc: undefined,
      verifiers: [],
      signInListeners: [],
    };
    return { password, passwordHash: await hashPassword(password), auth };
  })();
  return credentials;
}

export interface SeedUserOptions {
  email?: string;
  name?: string;
  /** A platform administrator (as `npm run admin:grant` makes one), for operator routes. */
  platformAdmin?: boolean;
}

/**
 * Inserts an account (as `registerUser` stores it), starts an API session (as `login` does, through
 * the auth plugin's own `createSession`) and signs its access token with the auth plugin's own
 * `issueAccessToken`: the same claims, key and lifetime as a real login.
 */
export async function insertSignedInUser(db: Database, options: SeedUserOptions = {}): Promise<TestUser> {
  const { password, passwordHash, auth } = await seedCredentials();
  const email = (options.email ?? uniqueEmail()).trim().toLowerCase();
  const [user] = await db
    .insert(authUsers)
    .values({ email, name: options.name?.trim() || null, passwordHash, platformAdmin: options.platformAdmin ?? false })
    .returning({ id: authUsers.id });
  const userId = user!.id;
  const session = await createSession({ ctx: { db }, input: { userId, kind: 'api', ttlSeconds: auth.config.refreshTokenTtl } });
  const { accessToken } = await issueAccessToken({ ctx: { auth }, input: { userId, sessionId: session.sessionId } });
  return testUser({ userId, email, password, accessToken });
}
