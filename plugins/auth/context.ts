import type { Logger } from 'atoll/plugin';
import type { CryptoKey, createLocalJWKSet, createRemoteJWKSet, JWK } from 'jose';
import type { AuthConfig } from './config';
import type { CredentialVerifier, SignInEvent } from './refs';

/** What the auth routes, pages and authenticator share, built once at boot by `setup`. */
export interface AuthRuntime {
  config: AuthConfig;
  logger: Logger;
  /** Signs access tokens; absent when `AUTH_JWT_PRIVATE_KEY` is not set (token endpoints answer 503). */
  signer: { kid: string; key: CryptoKey } | undefined;
  /** Public keys: published at /.well-known/jwks.json and accepted for verification (rotation). */
  publicJwks: JWK[];
  verificationKeys: ReturnType<typeof createLocalJWKSet>;
  oidc: { issuer: string; audience: string; keys: ReturnType<typeof createRemoteJWKSet> } | undefined;
  verifiers: CredentialVerifier[];
  signInListeners: ((e: SignInEvent) => Promise<void>)[];
  /** The sign-in throttle's clock (tests pass their own to `authPlugin`); the real time otherwise. */
  now?: () => Date;
}

/** Holds the runtime between `setup` and the routes, pages and authenticator that read it later. */
export class AuthState {
  #runtime: AuthRuntime | undefined;
  set(runtime: AuthRuntime) {
    this.#runtime = runtime;
  }
  get runtime(): AuthRuntime {
    if (!this.#runtime) throw new Error('auth: used before setup');
    return this.#runtime;
  }
}
