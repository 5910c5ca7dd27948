import { createRoute, definePlugin, defineRoute, getDb, getPrincipal } from 'atoll/plugin';
import { describe, expect, it } from 'vitest';
import { bootApp } from '../../test/worker/harness';
import { authCredentialsExtension, authEventsExtension, authPlugin, usersServiceRef } from '.';
import { call, expectStatus, login, register, signedInUser } from './test-helpers';

/** What the tenants plugin does with the auth extension points, in miniature. */
const signIns: string[] = [];
const neighbour = definePlugin(() => ({
  id: 'neighbour',
  version: '1.0.0',
  requires: ['auth'],
  setup: (ctx) => {
    ctx.extensionPoint(authCredentialsExtension).addVerifier({
      prefix: 'nbk_',
      verify: async (_c, token) => (token === 'nbk_good' ? { kind: 'api_key', keyId: 'k1', tenantId: 't1', scopes: ['things:read'], role: 'member' } : null),
    });
    ctx.extensionPoint(authEventsExtension).onSignIn(async ({ userId }) => void signIns.push(userId));
  },
  routes: (ctx) => {
    const users = ctx.service(usersServiceRef);
    return [
      defineRoute(createRoute({ method: 'get', path: '/neighbour/whoami', operationId: 'neighbour.getCaller', responses: { 200: { description: 'Caller' } } }), (c) => c.json(getPrincipal(c), 200), {
        access: { scopes: ['things:read'] },
      }),
      defineRoute(createRoute({ method: 'get', path: '/neighbour/lookup', operationId: 'neighbour.lookupUsers', responses: { 200: { description: 'Users' } } }), async (c) => {
        const db = getDb(c);
        const email = c.req.query('email') ?? '';
        const byEmail = await users.findUserByEmail(db, email);
        return c.json({ byEmail, byIds: byEmail ? await users.getUsers(db, [byEmail.id, 'not-a-uuid']) : [] }, 200);
      }),
    ];
  },
}));

const atoll = await bootApp([authPlugin(), neighbour()]);

describe('auth extension points and services', () => {
  it('hands bearer tokens with a claimed prefix to their verifier; null means 401', async () => {
    expect(expectStatus(await call(atoll, 'GET', '/api/v1/neighbour/whoami', { token: 'nbk_good' }), 200)).toMatchObject({ kind: 'api_key', keyId: 'k1' });
    expectStatus(await call(atoll, 'GET', '/api/v1/neighbour/whoami', { token: 'nbk_bad' }), 401, 'AUTH_INVALID_TOKEN');
  });

  it('tells sign-in listeners about every successful sign-in (API and page), not failures', async () => {
    const user = await register(atoll);
    await login(atoll, user.email);
    await call(atoll, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: 'wrong password!' } });
    const form = new URLSearchParams({ email: user.email, password: user.password, next: '/' });
    const page = await atoll.app.request(
      'http://atoll.test/app/login',
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
      (await import('../../test/worker/harness')).testEnv(),
    );
    expect(page.status).toBe(303);
    expect(signIns.filter((id) => id === user.id)).toHaveLength(2);
  });

  it('provides auth.users: by email (case-insensitive) and by ids, without password data', async () => {
    const user = await signedInUser(atoll);
    const body = expectStatus(await call(atoll, 'GET', `/api/v1/neighbour/lookup?email=${encodeURIComponent(user.email.toUpperCase())}`, { token: user.tokens.accessToken }), 200);
    expect(body).toEqual({ byEmail: { id: user.id, email: user.email, name: null }, byIds: [{ id: user.id, email: user.email, name: null }] });
  });

  it('refuses overlapping credential prefixes at boot', async () => {
    const clash = definePlugin(() => ({
      id: 'clash',
      version: '1.0.0',
      requires: ['auth'],
      setup: (ctx) => ctx.extensionPoint(authCredentialsExtension).addVerifier({ prefix: 'nbk', verify: async () => null }),
    }));
    await expect(bootApp([authPlugin(), neighbour(), clash()])).rejects.toThrow(/overlaps/);
  });
});
