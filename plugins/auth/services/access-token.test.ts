import { env } from 'cloudflare:workers';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { bootApp } from '../../../test/worker/harness';
import { authPlugin } from '..';
import { call, expectStatus, signedInUser } from '../test-helpers';

const atoll = await bootApp([authPlugin()]);
const privateJwk = JSON.parse(env.AUTH_JWT_PRIVATE_KEY as string) as JWK & { kid: string };
const signingKey = await importJWK(privateJwk, 'ES256');

const b64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const claimsOf = (token: string) => JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
const me = (token: string) => call(atoll, 'GET', '/api/v1/auth/me', { token });

/** A token signed with the real key, with `claims` over those of a real token of `base`. */
async function resign(base: string, claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const payload = { ...claimsOf(base), ...claims };
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid, ...header }).sign(signingKey);
}

describe('access tokens', () => {
  it('are ES256 JWTs with kid, and iss, aud, sub, typ, sid, exp (15 min), iat, jti', async () => {
    const { tokens, id } = await signedInUser(atoll);
    const header = JSON.parse(atob(tokens.accessToken.split('.')[0]!));
    expect(header).toMatchObject({ alg: 'ES256', kid: privateJwk.kid });
    const claims = claimsOf(tokens.accessToken);
    expect(claims).toEqual({ iss: 'urn:atoll', aud: 'atoll-api', sub: id, typ: 'access', sid: expect.any(String), exp: expect.any(Number), iat: expect.any(Number), jti: expect.any(String) });
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
    expectStatus(await me(tokens.accessToken), 200);
  });

  it('refuses an expired token (401)', async () => {
    const { tokens } = await signedInUser(atoll);
    const now = Math.floor(Date.now() / 1000);
    const expired = await resign(tokens.accessToken, { iat: now - 1000, exp: now - 60 });
    expectStatus(await me(expired), 401, 'AUTH_INVALID_TOKEN');
  });

  it('refuses a tampered token (401)', async () => {
    const { tokens } = await signedInUser(atoll);
    const other = await signedInUser(atoll);
    const [h, , s] = tokens.accessToken.split('.');
    const forged = `${h}.${b64url(JSON.stringify({ ...claimsOf(tokens.accessToken), sub: other.id }))}.${s}`;
    expectStatus(await me(forged), 401, 'AUTH_INVALID_TOKEN');
    const flipped = tokens.accessToken.slice(0, -2) + (tokens.accessToken.endsWith('AA') ? 'BB' : 'AA');
    expectStatus(await me(flipped), 401, 'AUTH_INVALID_TOKEN');
  });

  it('refuses alg none (401)', async () => {
    const { tokens } = await signedInUser(atoll);
    const unsigned = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: privateJwk.kid }))}.${tokens.accessToken.split('.')[1]}.`;
    expectStatus(await me(unsigned), 401, 'AUTH_INVALID_TOKEN');
  });

  it('refuses HS256 signed with the public key as the secret (algorithm confusion, 401)', async () => {
    const { tokens } = await signedInUser(atoll);
    const { d: _d, ...publicJwk } = privateJwk;
    for (const secret of [JSON.stringify(publicJwk), JSON.stringify((await call(atoll, 'GET', '/.well-known/jwks.json')).body.keys[0])]) {
      const hs = await new SignJWT(claimsOf(tokens.accessToken)).setProtectedHeader({ alg: 'HS256', kid: privateJwk.kid }).sign(new TextEncoder().encode(secret));
      expectStatus(await me(hs), 401, 'AUTH_INVALID_TOKEN');
    }
  });

  it('refuses a token from an unknown key (401), even with a known kid', async () => {
    const { tokens } = await signedInUser(atoll);
    const stranger = await generateKeyPair('ES256');
    for (const kid of ['unknown-kid', privateJwk.kid]) {
      const token = await new SignJWT(claimsOf(tokens.accessToken)).setProtectedHeader({ alg: 'ES256', kid }).sign(stranger.privateKey);
      expectStatus(await me(token), 401, 'AUTH_INVALID_TOKEN');
    }
  });

  it('refuses the wrong issuer, audience or token type (401)', async () => {
    const { tokens } = await signedInUser(atoll);
    for (const claims of [{ iss: 'https://evil.example' }, { aud: 'another-api' }, { typ: 'refresh' }, { sid: 'not-a-uuid' }]) {
      expectStatus(await me(await resign(tokens.accessToken, claims)), 401, 'AUTH_INVALID_TOKEN');
    }
    expectStatus(await me(await resign(tokens.accessToken, {})), 200);
  });

  it('refuses garbage and non-Bearer credentials (401), and no credentials at all', async () => {
    expectStatus(await me('not.a.jwt'), 401, 'AUTH_INVALID_TOKEN');
    expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401, 'AUTH_INVALID_TOKEN');
    const none = await call(atoll, 'GET', '/api/v1/auth/me');
    expectStatus(none, 401);
    expect(none.res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('verifies with every published key (rotation): a token of an older key still works', async () => {
    const old = await generateKeyPair('ES256', { extractable: true });
    const oldPublic = { ...(await exportJWK(old.publicKey)), kid: 'old-key' };
    const current = JSON.parse(env.AUTH_JWT_PUBLIC_KEYS as string) as JWK[];
    const rotated = await bootApp([authPlugin()], { AUTH_JWT_PUBLIC_KEYS: JSON.stringify([...current, oldPublic]) });
    const { tokens } = await signedInUser(rotated);
    const byOldKey = await new SignJWT(claimsOf(tokens.accessToken)).setProtectedHeader({ alg: 'ES256', kid: 'old-key' }).sign(old.privateKey);
    expectStatus(await call(rotated, 'GET', '/api/v1/auth/me', { token: byOldKey }), 200);
    expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { token: byOldKey }), 401);
    const kids = (await call(rotated, 'GET', '/.well-known/jwks.json')).body.keys.map((k: JWK) => k.kid);
    expect(kids).toEqual([privateJwk.kid, 'old-key']);
  });
});

describe('GET /.well-known/jwks.json', () => {
  it('publishes the public keys without private parts', async () => {
    const { res, body } = await call(atoll, 'GET', '/.well-known/jwks.json');
    expectStatus({ res, body }, 200);
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toEqual({ kty: 'EC', crv: 'P-256', x: privateJwk.x, y: privateJwk.y, kid: privateJwk.kid, alg: 'ES256', use: 'sig' });
    expect(JSON.stringify(body)).not.toContain('"d"');
  });

  it('refuses a malformed key at boot, naming the variable and not the value', async () => {
    const error = await bootApp([authPlugin()], { AUTH_JWT_PRIVATE_KEY: '{"kty":"oct","k":"c2VjcmV0LXZhbHVl"}' }).catch((e: Error) => e);
    expect(String(error)).toContain('AUTH_JWT_PRIVATE_KEY');
    expect(String(error)).not.toContain('c2VjcmV0LXZhbHVl');
  });
});
