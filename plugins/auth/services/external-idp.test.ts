import { env } from 'cloudflare:workers';
import { generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { bootApp } from '../../../test/worker/harness';
import { authPlugin } from '..';
import { call, expectStatus, login, register, uniqueEmail } from '../test-helpers';

// The stand-in identity provider's JWKS is served on loopback by the test global setup.
const ISSUER = 'https://idp.example.test/pool-1';
const AUDIENCE = 'atoll-client';
const atoll = await bootApp([authPlugin()], { AUTH_OIDC_ISSUER: ISSUER, AUTH_OIDC_JWKS_URL: env.TEST_OIDC_JWKS_URL, AUTH_OIDC_AUDIENCE: AUDIENCE });
const idpJwk = JSON.parse(env.TEST_OIDC_PRIVATE_JWK as string) as JWK & { kid: string };
const idpKey = await importJWK(idpJwk, 'RS256');

function idpToken(claims: Record<string, unknown>, options: { key?: CryptoKey | Uint8Array; kid?: string; expires?: string } = {}) {
  return new SignJWT({ email_verified: true, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? idpJwk.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '5m')
    .sign(options.key ?? idpKey);
}
const me = (token: string) => call(atoll, 'GET', '/api/v1/auth/me', { token });

describe('external identity provider tokens', () => {
  it('map to the existing user by the verified email claim', async () => {
    const user = await register(atoll);
    const body = expectStatus(await me(await idpToken({ email: user.email.toUpperCase() })), 200);
    expect(body.id).toBe(user.id);
    // Atoll's own tokens keep working next to the external issuer.
    expectStatus(await me((await login(atoll, user.email)).accessToken), 200);
  });

  it('need an existing user (401, never created on the fly)', async () => {
    const email = uniqueEmail();
    expectStatus(await me(await idpToken({ email })), 401, 'AUTH_INVALID_TOKEN');
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/login', { body: { email, password: 'whatever password' } }), 401);
  });

  it('are refused with the wrong audience, an unverified or missing email, expired, or signed by another key (401)', async () => {
    const user = await register(atoll);
    const wrongAudience = await new SignJWT({ email: user.email, email_verified: true })
      .setProtectedHeader({ alg: 'RS256', kid: idpJwk.kid })
      .setIssuer(ISSUER)
      .setAudience('someone-else')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(idpKey);
    const stranger = await generateKeyPair('RS256');
    const bad = [
      wrongAudience,
      await idpToken({ email: user.email, email_verified: false }),
      await idpToken({ email: user.email, email_verified: 'true' }),
      await idpToken({ email: user.email, email_verified: undefined }),
      await idpToken({}),
      await idpToken({ email: user.email }, { expires: '-1m' }),
      await idpToken({ email: user.email }, { key: stranger.privateKey }),
    ];
    for (const token of bad) expectStatus(await me(token), 401, 'AUTH_INVALID_TOKEN');
    expectStatus(await me(await idpToken({ email: user.email })), 200);
  });

  it('are refused when the provider is not configured (401)', async () => {
    const user = await register(atoll);
    const plain = await bootApp([authPlugin()]);
    expectStatus(await call(plain, 'GET', '/api/v1/auth/me', { token: await idpToken({ email: user.email }) }), 401, 'AUTH_INVALID_TOKEN');
  });

  it('need all three AUTH_OIDC_* settings at boot', async () => {
    await expect(bootApp([authPlugin()], { AUTH_OIDC_ISSUER: ISSUER })).rejects.toMatchObject({ message: expect.stringContaining('AUTH_OIDC_JWKS_URL') });
  });
});
