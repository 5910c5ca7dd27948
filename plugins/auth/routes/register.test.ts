import { describe, expect, it } from 'vitest';
import { bootApp } from '../../../test/worker/harness';
import { authPlugin } from '..';
import { call, expectStatus, login, PASSWORD, uniqueEmail } from '../test-helpers';

const atoll = await bootApp([authPlugin()]);

describe('POST /api/v1/auth/register', () => {
  it('creates an account (201) with a trimmed, lower-cased email and no password data', async () => {
    const local = crypto.randomUUID();
    const answer = await call(atoll, 'POST', '/api/v1/auth/register', { body: { email: `  ${local.toUpperCase()}@Example.COM `, password: PASSWORD, name: 'Ada' } });
    const body = expectStatus(answer, 201);
    expect(body).toEqual({ id: expect.any(String), email: `${local}@example.com`, name: 'Ada', createdAt: expect.stringMatching(/Z$/) });
    expect(JSON.stringify(body)).not.toMatch(/password|pbkdf2/i);
    // The account's URL: the new user's own profile once signed in.
    expect(answer.res.headers.get('location')).toBe('/api/v1/auth/me');
    const { accessToken } = await login(atoll, body.email);
    expect(expectStatus(await call(atoll, 'GET', answer.res.headers.get('location')!, { token: accessToken }), 200)).toMatchObject(body);
  });

  it('refuses a taken email, compared case-insensitively (409)', async () => {
    const email = uniqueEmail();
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/register', { body: { email, password: PASSWORD } }), 201);
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/register', { body: { email: email.toUpperCase(), password: PASSWORD } }), 409, 'AUTH_EMAIL_TAKEN');
  });

  it.each([
    ['too short', 'short', 'password'],
    ['too long', 'x'.repeat(257), 'password'],
  ])('refuses a password that is %s (400 naming the field)', async (_label, password, path) => {
    const body = expectStatus(await call(atoll, 'POST', '/api/v1/auth/register', { body: { email: uniqueEmail(), password } }), 400);
    expect(body.errors).toEqual([expect.objectContaining({ location: 'body', path })]);
  });

  it('refuses a password equal to the email, whatever the case (400)', async () => {
    const email = `${crypto.randomUUID().slice(0, 8)}@example.com`;
    const body = expectStatus(await call(atoll, 'POST', '/api/v1/auth/register', { body: { email, password: email.toUpperCase() } }), 400, 'AUTH_WEAK_PASSWORD');
    expect(body.errors).toEqual([{ location: 'body', path: 'password', message: 'must not be your email address' }]);
  });

  it('refuses a malformed email and a missing body (400)', async () => {
    const bad = expectStatus(await call(atoll, 'POST', '/api/v1/auth/register', { body: { email: 'not-an-email', password: PASSWORD } }), 400);
    expect(bad.errors[0].path).toBe('email');
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/register', { body: {} }), 400);
  });

  it('is closed with AUTH_REGISTRATION=closed (403)', async () => {
    const closed = await bootApp([authPlugin()], { AUTH_REGISTRATION: 'closed' });
    expectStatus(await call(closed, 'POST', '/api/v1/auth/register', { body: { email: uniqueEmail(), password: PASSWORD } }), 403, 'AUTH_REGISTRATION_CLOSED');
  });

  it('refuses a malformed AUTH_REGISTRATION at boot, naming the variable', async () => {
    await expect(bootApp([authPlugin()], { AUTH_REGISTRATION: 'maybe' })).rejects.toMatchObject({ message: expect.stringContaining('AUTH_REGISTRATION') });
  });
});
