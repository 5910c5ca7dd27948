import { describe, expect, it } from 'vitest';
import { bootApp } from '../../../test/worker/harness';
import { authPlugin } from '..';
import { call, expectStatus, login, manualClock, PASSWORD, signedInUser, uniqueEmail } from '../test-helpers';

const atoll = await bootApp([authPlugin()]);

describe('GET/PATCH /api/v1/auth/me', () => {
  it('returns the caller without password data', async () => {
    const user = await signedInUser(atoll);
    const body = expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { token: user.tokens.accessToken }), 200);
    expect(body).toEqual({ id: user.id, email: user.email, name: null, createdAt: expect.any(String), platformAdmin: false, preferences: {} });
  });

  it('changes the name, and clears it with null', async () => {
    const user = await signedInUser(atoll);
    const named = expectStatus(await call(atoll, 'PATCH', '/api/v1/auth/me', { token: user.tokens.accessToken, body: { name: '  Ada Lovelace ' } }), 200);
    expect(named.name).toBe('Ada Lovelace');
    expect(expectStatus(await call(atoll, 'PATCH', '/api/v1/auth/me', { token: user.tokens.accessToken, body: { name: null } }), 200).name).toBeNull();
    expectStatus(await call(atoll, 'PATCH', '/api/v1/auth/me', { token: user.tokens.accessToken, body: { name: 'x'.repeat(101) } }), 400);
    expectStatus(await call(atoll, 'PATCH', '/api/v1/auth/me', { token: user.tokens.accessToken, body: { name: 'x', platformAdmin: true } }), 400);
  });
});

describe('PATCH /api/v1/auth/me/preferences', () => {
  it('merges only the fields sent', async () => {
    const user = await signedInUser(atoll);
    const token = user.tokens.accessToken;
    expect(expectStatus(await call(atoll, 'PATCH', '/api/v1/auth/me/preferences', { token, body: { theme: 'dark' } }), 200)).toEqual({ theme: 'dark' });
    expect(expectStatus(await call(atoll, 'PATCH', '/api/v1/auth/me/preferences', { token, body: { timeZone: 'Europe/Paris' } }), 200)).toEqual({ theme: 'dark', timeZone: 'Europe/Paris' });
    expect(expectStatus(await call(atoll, 'PATCH', '/api/v1/auth/me/preferences', { token, body: { theme: 'light' } }), 200)).toEqual({ theme: 'light', timeZone: 'Europe/Paris' });
    expect(expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { token }), 200).preferences).toEqual({ theme: 'light', timeZone: 'Europe/Paris' });
  });

  it('refuses unknown themes, time zones and fields (400)', async () => {
    const { tokens } = await signedInUser(atoll);
    for (const body of [{ theme: 'neon' }, { timeZone: 'Mars/Olympus' }, { fontSize: 12 }]) {
      expectStatus(await call(atoll, 'PATCH', '/api/v1/auth/me/preferences', { token: tokens.accessToken, body }), 400);
    }
  });
});

describe('POST /api/v1/auth/me/password', () => {
  const change = (token: string, body: unknown) => call(atoll, 'POST', '/api/v1/auth/me/password', { token, body });

  it('needs the current password (400 naming currentPassword when wrong)', async () => {
    const user = await signedInUser(atoll);
    const body = expectStatus(await change(user.tokens.accessToken, { currentPassword: 'not my password', newPassword: 'a brand new password' }), 400, 'AUTH_WRONG_PASSWORD');
    expect(body.errors[0].path).toBe('currentPassword');
    expectStatus(await change(user.tokens.accessToken, { newPassword: 'a brand new password' }), 400);
    await login(atoll, user.email); // unchanged
  });

  it('applies the password policy to the new password', async () => {
    const user = await signedInUser(atoll);
    expectStatus(await change(user.tokens.accessToken, { currentPassword: PASSWORD, newPassword: 'short' }), 400);
    const same = expectStatus(await change(user.tokens.accessToken, { currentPassword: PASSWORD, newPassword: user.email.toUpperCase() }), 400, 'AUTH_WEAK_PASSWORD');
    expect(same.errors[0].path).toBe('newPassword');
  });

  it('changes it and ends every other session, keeping the current one', async () => {
    const user = await signedInUser(atoll);
    const other = await login(atoll, user.email);
    expectStatus(await change(user.tokens.accessToken, { currentPassword: PASSWORD, newPassword: 'a brand new password' }), 204);
    expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { token: other.accessToken }), 401);
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: other.refreshToken } }), 401);
    expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { token: user.tokens.accessToken }), 200);
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: PASSWORD } }), 401);
    await login(atoll, user.email, 'a brand new password');
  });

  it('throttles guesses of the current password like sign-in (the 6th within the delay: 429)', async () => {
    const clock = manualClock();
    const app = await bootApp([authPlugin({ now: clock.now })]);
    const user = await signedInUser(app);
    const guess = (currentPassword: string) => call(app, 'POST', '/api/v1/auth/me/password', { token: user.tokens.accessToken, body: { currentPassword, newPassword: 'a brand new password' } });
    for (let i = 0; i < 5; i++) expectStatus(await guess(`guess number ${i}`), 400);
    const refused = await guess(PASSWORD);
    expectStatus(refused, 429, 'AUTH_TOO_MANY_ATTEMPTS');
    clock.advance(Number(refused.res.headers.get('retry-after')));
    expectStatus(await guess(PASSWORD), 204);
  });
});

describe('platform admins', () => {
  it('are named by user id in AUTH_PLATFORM_ADMINS and show in the principal', async () => {
    const email = uniqueEmail();
    const created = expectStatus(await call(atoll, 'POST', '/api/v1/auth/register', { body: { email, password: PASSWORD } }), 201);
    const app = await bootApp([authPlugin()], { AUTH_PLATFORM_ADMINS: ` ${crypto.randomUUID()} , ${created.id.toUpperCase()} ` });
    const tokens = await login(app, email);
    expect(expectStatus(await call(app, 'GET', '/api/v1/auth/me', { token: tokens.accessToken }), 200).platformAdmin).toBe(true);
    // The same account on a deployment that does not name it is not an admin.
    expect(expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { token: tokens.accessToken }), 200).platformAdmin).toBe(false);
  });

  it('cannot be claimed by naming an email in AUTH_PLATFORM_ADMINS', async () => {
    await expect(bootApp([authPlugin()], { AUTH_PLATFORM_ADMINS: 'ops@example.com' })).rejects.toMatchObject({ message: expect.stringContaining('AUTH_PLATFORM_ADMINS') });
  });

  it('cannot be granted through the API', async () => {
    const { tokens } = await signedInUser(atoll);
    await call(atoll, 'PATCH', '/api/v1/auth/me', { token: tokens.accessToken, body: { name: 'x', platformAdmin: true } });
    await call(atoll, 'PATCH', '/api/v1/auth/me/preferences', { token: tokens.accessToken, body: { platformAdmin: true } });
    expect(expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { token: tokens.accessToken }), 200).platformAdmin).toBe(false);
  });
});
