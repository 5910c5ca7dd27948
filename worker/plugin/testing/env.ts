// The test bindings of the vitest Workers pool, and the values every seeded account shares.
import { env } from 'cloudflare:workers';
import { exportJWK, generateKeyPair } from 'jose';
import type { Env } from '../../env';

// Spreading the pool's `env` copies every binding and variable (about a hundred): 2% of workerd's
// time in the fuzzer, which asks for it on every request. The bindings do not change during a run.
let bindings: Env | undefined;

/** The pool's bindings (real Postgres through Hyperdrive, real s3rver) with some replaced. */
export function testEnv(overrides: Record<string, unknown> = {}): Env {
  bindings ??= { ...(env as unknown as Env) };
  return { ...bindings, ...overrides };
}

let keyVars: Promise<Record<string, string>> | undefined;

/**
 * Env overrides giving the auth plugin an ES256 signing key (one per test file). Seeded accounts'
 * access tokens are signed with it, so an app booted with these settings accepts them.
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

/** A unique tenant slug (the tenants API's format), so tests never share tenants. */
export const uniqueSlug = (label = 't') => `${label}-${crypto.randomUUID().slice(0, 13)}`;
