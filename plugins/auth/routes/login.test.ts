import { describe, expect, it } from 'vitest';
import { bootApp } from '../../../test/worker/harness';
import { authPlugin } from '..';
import { call, expectStatus, login, PASSWORD, register, uniqueEmail } from '../test-helpers';

const atoll = await bootApp([authPlugin()]);
const attempt = (email: string, password: string, headers?: Record<string, string>) =>
  call(atoll, 'POST', '/api/v1/auth/login', { body: { email, password }, ...(headers ? { headers } : {}) });
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

  it('throttles after 5 failures for an account: the 6th gets 429 with Retry-After, even with the right password', async () => {
    const user = await register(atoll);
    for (let i = 0; i < 5; i++) expectStatus(await attempt(user.email, `wrong password ${i}`), 401);
    const blocked = await attempt(user.email, PASSWORD);
    expectStatus(blocked, 429, 'AUTH_TOO_MANY_ATTEMPTS');
    const retryAfter = Number(blocked.res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('throttles unknown accounts the same way', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 5; i++) expectStatus(await attempt(email, 'wrong password!'), 401);
    expectStatus(await attempt(email, 'wrong password!'), 429, 'AUTH_TOO_MANY_ATTEMPTS');
  });

  it('throttles an IP (cf-connecting-ip) after 5 failures across accounts', async () => {
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 5; i++) expectStatus(await attempt(uniqueEmail(), 'wrong password!', { 'cf-connecting-ip': ip }), 401);
    const user = await register(atoll);
    expectStatus(await attempt(user.email, PASSWORD, { 'cf-connecting-ip': ip }), 429, 'AUTH_TOO_MANY_ATTEMPTS');
    await login(atoll, user.email, PASSWORD, { 'cf-connecting-ip': '198.51.100.7' });
  });

  it('does not trust x-forwarded-for, which a client can rotate', async () => {
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 5; i++) expectStatus(await attempt(uniqueEmail(), 'wrong password!', { 'x-forwarded-for': ip }), 401);
    const user = await register(atoll);
    await login(atoll, user.email, PASSWORD, { 'x-forwarded-for': ip });
  });

  it('holds the limit against guesses sent all at once', async () => {
    const user = await register(atoll);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(user.email, `wrong password ${i}`, { 'cf-connecting-ip': `203.0.113.${i}` })));
    const statuses = answers.map((a) => a.res.status).sort();
    expect(statuses.filter((s) => s === 401), JSON.stringify(statuses)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('does not count a successful sign-in against the IP', async () => {
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const user = await register(atoll);
    for (let i = 0; i < 6; i++) await login(atoll, user.email, PASSWORD, { 'cf-connecting-ip': ip });
  });

  it('clears the account failures after a successful sign-in', async () => {
    const user = await register(atoll);
    for (let i = 0; i < 4; i++) expectStatus(await attempt(user.email, 'wrong password!'), 401);
    await login(atoll, user.email);
    for (let i = 0; i < 4; i++) expectStatus(await attempt(user.email, 'wrong password!'), 401);
    await login(atoll, user.email);
  });

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
