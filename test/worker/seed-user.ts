// Accounts written straight into the database, signed in with a real access token: what
// `register` + `login` leave behind, without their two PBKDF2 runs (see ./seed.ts for when to use it).
import type { Database } from 'atoll/plugin';
import { authConfigSchema } from '../../plugins/auth/config';
import type { AuthRuntime } from '../../plugins/auth/context';
import { authUsers } from '../../plugins/auth/db/schema';
import { issueAccessToken } from '../../plugins/auth/services/access-token';
import { localKeySet, loadSigningKeys } from '../../plugins/auth/services/keys';
import { hashPassword } from '../../plugins/auth/services/password';
import { createSession } from '../../plugins/auth/services/sessions';
import { createLogger } from '../../worker/logger';
import { authTestEnv, signedUp, uniqueEmail, type SignedUp } from './identity';

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
}

/**
 * Inserts an account (as `registerUser` stores it), starts an API session (as `login` does, through
 * the auth plugin's own `createSession`) and signs its access token with the auth plugin's own
 * `issueAccessToken`: the same claims, key and lifetime as a real login.
 */
export async function insertSignedInUser(db: Database, options: SeedUserOptions = {}): Promise<SignedUp> {
  const { password, passwordHash, auth } = await seedCredentials();
  const email = (options.email ?? uniqueEmail()).trim().toLowerCase();
  const [user] = await db
    .insert(authUsers)
    .values({ email, name: options.name?.trim() || null, passwordHash })
    .returning({ id: authUsers.id });
  const userId = user!.id;
  const session = await createSession({ ctx: { db }, input: { userId, kind: 'api', ttlSeconds: auth.config.refreshTokenTtl } });
  const { accessToken } = await issueAccessToken({ ctx: { auth }, input: { userId, sessionId: session.sessionId } });
  return signedUp({ userId, email, password, accessToken });
}
