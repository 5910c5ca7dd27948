import { describe, expect, it } from 'vitest';
import { bootApp } from '../../../test/worker/harness';
import { authPlugin } from '..';
import { call, expectStatus, login, signedInUser } from '../test-helpers';

const atoll = await bootApp([authPlugin()]);
const refresh = (refreshToken: string) => call(atoll, 'POST', '/api/v1/auth/refresh', { body: { refreshToken } });
const me = (token: string) => call(atoll, 'GET', '/api/v1/auth/me', { token });
const sidOf = (token: string) => JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).sid as string;

describe('POST /api/v1/auth/refresh', () => {
  it('rotates: new tokens in the same session, and the old refresh token is spent', async () => {
    const { tokens } = await signedInUser(atoll);
    const next = expectStatus(await refresh(tokens.refreshToken), 200);
    expect(next).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    expect(next.refreshToken).not.toBe(tokens.refreshToken);
    expect(sidOf(next.accessToken)).toBe(sidOf(tokens.accessToken));
    expectStatus(await me(next.accessToken), 200);
    // The newest token keeps rotating.
    expectStatus(await refresh(next.refreshToken), 200);
  });

  it('revokes the whole family when a rotated token is presented again (reuse detection)', async () => {
    const { tokens } = await signedInUser(atoll);
    const next = expectStatus(await refresh(tokens.refreshToken), 200);
    expectStatus(await refresh(tokens.refreshToken), 401, 'AUTH_INVALID_REFRESH_TOKEN');
    // The legitimate newer tokens die with it.
    expectStatus(await refresh(next.refreshToken), 401, 'AUTH_INVALID_REFRESH_TOKEN');
    expectStatus(await me(next.accessToken), 401, 'AUTH_INVALID_TOKEN');
    expectStatus(await me(tokens.accessToken), 401, 'AUTH_INVALID_TOKEN');
  });

  it('refuses an unknown refresh token (401) and a missing one (400)', async () => {
    expectStatus(await refresh('x'.repeat(43)), 401, 'AUTH_INVALID_REFRESH_TOKEN');
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/refresh', { body: {} }), 400);
  });

  it('does not accept an access token as a refresh token, nor a refresh token as a bearer token', async () => {
    const { tokens } = await signedInUser(atoll);
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: tokens.accessToken.slice(0, 200) } }), 401);
    expectStatus(await me(tokens.refreshToken), 401, 'AUTH_INVALID_TOKEN');
  });
});

describe('logout', () => {
  it('POST /auth/logout ends the current session: its access and refresh tokens stop working, others do not', async () => {
    const user = await signedInUser(atoll);
    const other = await login(atoll, user.email);
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/logout', { token: user.tokens.accessToken }), 204);
    expectStatus(await me(user.tokens.accessToken), 401, 'AUTH_INVALID_TOKEN');
    expectStatus(await refresh(user.tokens.refreshToken), 401);
    expectStatus(await me(other.accessToken), 200);
  });

  it('POST /auth/logout-all ends every session of the user', async () => {
    const user = await signedInUser(atoll);
    const other = await login(atoll, user.email);
    const stranger = await signedInUser(atoll);
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/logout-all', { token: user.tokens.accessToken }), 204);
    expectStatus(await me(user.tokens.accessToken), 401);
    expectStatus(await me(other.accessToken), 401);
    expectStatus(await refresh(other.refreshToken), 401);
    expectStatus(await me(stranger.tokens.accessToken), 200);
  });

  it('needs a signed-in caller (401)', async () => {
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/logout'), 401);
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/logout-all'), 401);
  });
});

describe('sessions', () => {
  it("lists the caller's own live sessions, marking the current one, without ended ones", async () => {
    const user = await signedInUser(atoll);
    const second = await login(atoll, user.email, undefined, { 'user-agent': `probe/${'x'.repeat(500)}` });
    const ended = await login(atoll, user.email);
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/logout', { token: ended.accessToken }), 204);
    await signedInUser(atoll); // someone else's session is never listed
    const body = expectStatus(await call(atoll, 'GET', '/api/v1/auth/sessions', { token: user.tokens.accessToken }), 200);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((s: { id: string }) => s.id).sort()).toEqual([sidOf(user.tokens.accessToken), sidOf(second.accessToken)].sort());
    const current = body.items.find((s: { current: boolean }) => s.current);
    expect(current.id).toBe(sidOf(user.tokens.accessToken));
    const withAgent = body.items.find((s: { id: string }) => s.id === sidOf(second.accessToken));
    expect(withAgent).toMatchObject({ kind: 'api', current: false, createdAt: expect.stringMatching(/Z$/), lastUsedAt: expect.stringMatching(/Z$/) });
    expect(withAgent.userAgent.length).toBeLessThanOrEqual(200);
    expect(JSON.stringify(body)).not.toMatch(/token|hash/i);
  });

  it('pages with limit and nextCursor', async () => {
    const user = await signedInUser(atoll);
    for (let i = 0; i < 2; i++) await login(atoll, user.email);
    const first = expectStatus(await call(atoll, 'GET', '/api/v1/auth/sessions?limit=2', { token: user.tokens.accessToken }), 200);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = expectStatus(await call(atoll, 'GET', `/api/v1/auth/sessions?limit=2&cursor=${first.nextCursor}`, { token: user.tokens.accessToken }), 200);
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    const ids = new Set([...first.items, ...rest.items].map((s: { id: string }) => s.id));
    expect(ids.size).toBe(3);
    expectStatus(await call(atoll, 'GET', '/api/v1/auth/sessions?limit=101', { token: user.tokens.accessToken }), 400);
    expectStatus(await call(atoll, 'GET', '/api/v1/auth/sessions?cursor=garbage', { token: user.tokens.accessToken }), 400);
  });

  it('DELETE /auth/sessions/{id} ends one of your own sessions', async () => {
    const user = await signedInUser(atoll);
    const other = await login(atoll, user.email);
    expectStatus(await call(atoll, 'DELETE', `/api/v1/auth/sessions/${sidOf(other.accessToken)}`, { token: user.tokens.accessToken }), 204);
    expectStatus(await me(other.accessToken), 401);
    expectStatus(await me(user.tokens.accessToken), 200);
    expectStatus(await call(atoll, 'DELETE', `/api/v1/auth/sessions/${sidOf(other.accessToken)}`, { token: user.tokens.accessToken }), 404, 'AUTH_SESSION_NOT_FOUND');
  });

  it("cannot end another user's session: 404, and that session keeps working", async () => {
    const mallory = await signedInUser(atoll);
    const alice = await signedInUser(atoll);
    expectStatus(await call(atoll, 'DELETE', `/api/v1/auth/sessions/${sidOf(alice.tokens.accessToken)}`, { token: mallory.tokens.accessToken }), 404, 'AUTH_SESSION_NOT_FOUND');
    expectStatus(await me(alice.tokens.accessToken), 200);
    expectStatus(await refresh(alice.tokens.refreshToken), 200);
  });

  it('validates the session id (400)', async () => {
    const user = await signedInUser(atoll);
    expectStatus(await call(atoll, 'DELETE', '/api/v1/auth/sessions/not-a-uuid', { token: user.tokens.accessToken }), 400);
  });
});
