import { describe, expect, it } from 'vitest';
import { bootApp } from '../../../test/worker/harness';
import { authPlugin } from '..';
import { call, expectStatus, PASSWORD, register, uniqueEmail } from '../test-helpers';

const atoll = await bootApp([authPlugin()]);
const attempt = (email: string, password: string) => call(atoll, 'POST', '/api/v1/auth/login', { body: { email, password } });
const withoutRequestId = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

describe('POST /api/v1/auth/login', () => {
  it('returns an access token, a refresh token, the type and the lifetime', async () => {
    const user = await register(atoll);
    const { res, body } = await attempt(user.email.toUpperCase(), PASSWORD);
    expectStatus({ res, body }, 200);
    expect(body).toEqual({ accessToken: expect.stringMatching(/^ey[\w-]+\.[\w-]+\.[\w-]+$/), refreshToken: expect.stringMatching(/^[\w-]{43}$/), tokenType: 'Bearer', expiresIn: 900 });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const me = expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { token: body.accessToken }), 200);
    expect(me.id).toBe(user.id);
  });

  it('gives unknown accounts and wrong passwords the same 401', async () => {
    const user = await register(atoll);
    const wrong = expectStatus(await attempt(user.email, 'wrong password!'), 401, 'AUTH_INVALID_CREDENTIALS');
    const unknown = expectStatus(await attempt(uniqueEmail(), 'wrong password!'), 401, 'AUTH_INVALID_CREDENTIALS');
    expect(withoutRequestId(unknown)).toEqual(withoutRequestId(wrong));
  });

  // Throttling: ./login-throttle.test.ts.

  it('validates the body (400)', async () => {
    const body = expectStatus(await call(atoll, 'POST', '/api/v1/auth/login', { body: { email: 'x' } }), 400);
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'password']);
  });

  it('answers 503 when no signing key is configured', async () => {
    const keyless = await bootApp([authPlugin()], { AUTH_JWT_PRIVATE_KEY: '', AUTH_JWT_PUBLIC_KEYS: '' });
    const user = await register(keyless);
    expectStatus(await call(keyless, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: PASSWORD } }), 503, 'AUTH_TOKENS_UNAVAILABLE');
  });
});
