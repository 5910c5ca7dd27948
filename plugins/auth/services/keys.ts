import { type CryptoKey, createLocalJWKSet, createRemoteJWKSet, importJWK, type JWK } from 'jose';
import type { AuthConfig, JsonWebKeyWithKid } from '../config';

const publicPart = ({ kty, crv, x, y, kid }: JsonWebKeyWithKid): JWK => ({ kty, crv, x, y, kid, alg: 'ES256', use: 'sig' }) as JWK;

/**
 * The signing key and every public key (the signing key's own public part first, then
 * `AUTH_JWT_PUBLIC_KEYS`, deduplicated by kid). Never keeps private parts in what it publishes.
 */
export async function loadSigningKeys(config: AuthConfig): Promise<{ signer: { kid: string; key: CryptoKey } | undefined; publicJwks: JWK[] }> {
  const byKid = new Map<string, JWK>();
  const add = (jwk: JsonWebKeyWithKid, variable: string) => {
    const pub = publicPart(jwk);
    const known = byKid.get(jwk.kid);
    if (known && (known.x !== pub.x || known.y !== pub.y)) throw new Error(`auth: ${variable} has a key with kid "${jwk.kid}" that differs from another key with that kid`);
    byKid.set(jwk.kid, pub);
  };
  let signer: { kid: string; key: CryptoKey } | undefined;
  if (config.jwtPrivateKey) {
    const jwk = config.jwtPrivateKey;
    try {
      signer = { kid: jwk.kid, key: (await importJWK({ ...jwk, alg: 'ES256' } as JWK, 'ES256')) as CryptoKey };
    } catch {
      throw new Error('auth: AUTH_JWT_PRIVATE_KEY cannot be imported as an ES256 private key');
    }
    add(jwk, 'AUTH_JWT_PRIVATE_KEY');
  }
  for (const jwk of config.jwtPublicKeys) {
    try {
      await importJWK({ ...publicPart(jwk) }, 'ES256');
    } catch {
      throw new Error(`auth: AUTH_JWT_PUBLIC_KEYS has a key (kid "${jwk.kid}") that is not a valid P-256 public key`);
    }
    add(jwk, 'AUTH_JWT_PUBLIC_KEYS');
  }
  return { signer, publicJwks: [...byKid.values()] };
}

export const localKeySet = (publicJwks: JWK[]) => createLocalJWKSet({ keys: publicJwks });

/** The external identity provider's keys, fetched and cached by jose (per isolate). */
export function externalIssuer(config: AuthConfig) {
  if (!config.oidcIssuer || !config.oidcJwksUrl || !config.oidcAudience) return undefined;
  return {
    issuer: config.oidcIssuer,
    audience: config.oidcAudience,
    keys: createRemoteJWKSet(new URL(config.oidcJwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 }),
  };
}
