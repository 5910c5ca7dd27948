import { exportJWK, generateKeyPair } from 'jose';
import type { AtollApp } from '../../worker/app';
import { bodyOf, send } from './harness';

export interface SignedUp {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  /** JSON request headers with the bearer token, and `x-tenant-id` when a tenant is given. */
  headers(tenant?: string): Record<string, string>;
}

let keyVars: Promise<Record<string, string>> | undefined;

/**
 * Env overrides giving the auth plugin an ES256 signing key (one per test file), so its token
 * endpoints work: `bootApp([authPlugin(), ...], await authTestEnv())`.
 */
export function authTestEnv(): Promise<Record<string, string>> {
  keyVars ??= (async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const common = { kid: `test-${crypto.randomUUID().slice(0, 8)}`, alg: 'ES256', use: 'sig' };
    return {
      AUTH_JWT_PRIVATE_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), ...common }),
      AUTH_JWT_PUBLIC_KEYS: JSON.stringify([{ ...(await exportJWK(publicKey)), ...common }]),
    };
  })();
  return keyVars;
}

/** A unique email address per call, so tests never share accounts. */
export const uniqueEmail = (label = 'user') => `${label}-${crypto.randomUUID().slice(0, 12)}@example.com`;

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

/** A `SignedUp` from its parts (over HTTP here, or seeded by ./seed-user.ts). */
export const signedUp = (user: Omit<SignedUp, 'headers'>): SignedUp => ({
  ...user,
  headers: (tenant) => ({ 'content-type': 'application/json', authorization: `Bearer ${user.accessToken}`, ...(tenant ? { 'x-tenant-id': tenant } : {}) }),
});
