// Signing up over HTTP, for the tests about signing up; seeded accounts (./seed.ts) for the rest.
// The account type and the auth test keys live in the test kit (worker/plugin/testing).
import type { AtollApp } from '../../worker/app';
import { uniqueEmail } from '../../worker/plugin/testing/env';
import { type TestUser, testUser } from '../../worker/plugin/testing/user';
import { bodyOf, send } from './harness';

export { authTestEnv, uniqueEmail } from '../../worker/plugin/testing/env';

/** A signed-in account: the kit's `TestUser`. */
export type SignedUp = TestUser;

/** A `SignedUp` from its parts (over HTTP here, or seeded by the kit). */
export const signedUp = testUser;

/**
 * Registers a new account and signs in through the HTTP API (`/api/v1/auth/register` and
 * `/api/v1/auth/login`). Throws with the response body when either step fails. Two PBKDF2 runs:
 * tests that only need an account, not its sign-up, use `seedUser` (./seed.ts).
 */
export async function signUp(atoll: AtollApp, opts: { email?: string; password?: string; name?: string } = {}): Promise<SignedUp> {
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? `pw-${crypto.randomUUID()}`;
  const json = { 'content-type': 'application/json' };
  const registered = await send(atoll, '/api/v1/auth/register', { method: 'POST', headers: json, body: JSON.stringify({ email, password, ...(opts.name ? { name: opts.name } : {}) }) });
  const user = await bodyOf(registered);
  if (registered.status !== 201) throw new Error(`register failed (${registered.status}): ${JSON.stringify(user)}`);
  const login = await send(atoll, '/api/v1/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email, password }) });
  const tokens = await bodyOf(login);
  if (login.status !== 200) throw new Error(`login failed (${login.status}): ${JSON.stringify(tokens)}`);
  return signedUp({ userId: user.id, email, password, accessToken: tokens.accessToken });
}
