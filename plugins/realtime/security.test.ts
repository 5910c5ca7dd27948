import { describe, expect, it } from 'vitest';
import { apiKeyOf, seedUser } from '../../test/worker/seed';
import { bootRealtime, call, connect, memberOf, publishCustom, realtimeTeam, ticketFor } from './testing';

const atoll = await bootRealtime();

/**
 * The security set for every realtime route: no credentials 401, a signed-in stranger naming the
 * tenant 404, a role or API-key scope too low 403, a bad body or query 400. The WebSocket endpoint
 * itself is authenticated by its ticket (see websocket.test.ts).
 */
describe('security set for every realtime route', async () => {
  const t = await realtimeTeam(atoll, 'sec');
  const member = await memberOf(atoll, t.tenant.id, t.owner, 'member');
  const stranger = await seedUser(atoll);
  const keyWithout = (await apiKeyOf(atoll, { tenantId: t.tenant.id, scopes: ['projects:read'], role: 'admin', createdBy: t.owner.userId })).secret;

  type Route = { method: string; path: string; body?: unknown; bad?: unknown; minimum: 'viewer' | 'admin' };
  const routes: Route[] = [
    { method: 'POST', path: '/api/v1/realtime/tickets', body: {}, bad: { topics: ['Not a topic'] }, minimum: 'viewer' },
    { method: 'GET', path: '/api/v1/realtime/events?topics=datasets', minimum: 'viewer' },
    { method: 'POST', path: '/api/v1/realtime/events', body: { topic: 'custom.x', type: 'custom.x' }, bad: { topic: 'datasets', type: 'dataset.ready' }, minimum: 'admin' },
  ];

  for (const r of routes) {
    it(`${r.method} ${r.path}`, async () => {
      const body = r.body;
      await call(atoll, r.method, r.path, null, { tenant: t.tenant.id, body, status: 401 });
      await call(atoll, r.method, r.path, stranger, { tenant: t.tenant.id, body, status: 404 });
      await call(atoll, r.method, r.path, keyWithout, { body, status: 403 });
      if (r.minimum === 'admin') {
        await call(atoll, r.method, r.path, t.viewer, { tenant: t.tenant.id, body, status: 403 });
        await call(atoll, r.method, r.path, member, { tenant: t.tenant.id, body, status: 403 });
      }
      if (r.bad !== undefined) {
        const answer = await call(atoll, r.method, r.path, t.owner, { tenant: t.tenant.id, body: r.bad, status: 400 });
        expect(answer.errors?.length ?? 0, JSON.stringify(answer)).toBeGreaterThan(0);
      }
    });
  }

  it('API keys with the realtime scopes get tickets and publish; a key acts in its own tenant only', async () => {
    const reader = (await apiKeyOf(atoll, { tenantId: t.tenant.id, scopes: ['realtime:read'], role: 'viewer', createdBy: t.owner.userId })).secret;
    const writer = (await apiKeyOf(atoll, { tenantId: t.tenant.id, scopes: ['realtime:write'], role: 'admin', createdBy: t.owner.userId })).secret;
    const weakWriter = (await apiKeyOf(atoll, { tenantId: t.tenant.id, scopes: ['realtime:write'], role: 'member', createdBy: t.owner.userId })).secret;
    const issued = await call(atoll, 'POST', '/api/v1/realtime/tickets', reader, { body: { topics: ['custom.keys'] }, status: 201 });
    expect(issued.ticket.startsWith(`${t.tenant.id}.`)).toBe(true);
    const client = await connect(atoll, issued.url);
    const event = await call(atoll, 'POST', '/api/v1/realtime/events', writer, { body: { topic: 'custom.keys', type: 'custom.key.event', data: { ok: true } }, status: 201 });
    await client.waitFor((m) => m.id === event.id);
    await call(atoll, 'POST', '/api/v1/realtime/events', reader, { body: { topic: 'custom.keys', type: 'custom.x' }, status: 403 });
    await call(atoll, 'POST', '/api/v1/realtime/events', weakWriter, { body: { topic: 'custom.keys', type: 'custom.x' }, status: 403 });
    const other = await realtimeTeam(atoll, 'sec-other');
    await call(atoll, 'POST', '/api/v1/realtime/tickets', reader, { tenant: other.tenant.id, body: {}, status: 404 });
    await client.close();
  });

  it('custom events cannot use plugin topics or types, and their data is limited to 32 KiB', async () => {
    for (const bad of [
      { topic: 'datasets', type: 'custom.x' },
      { topic: 'custom.x', type: 'dataset.ready' },
      { topic: 'realtime', type: 'custom.x' },
      { topic: 'custom.x' },
      { topic: 'custom.x', type: 'custom.x', extra: 1 },
    ]) {
      const answer = await call(atoll, 'POST', '/api/v1/realtime/events', t.owner, { tenant: t.tenant.id, body: bad, status: 400 });
      expect(answer.errors?.length ?? 0, JSON.stringify(answer)).toBeGreaterThan(0);
    }
    const big = await call(atoll, 'POST', '/api/v1/realtime/events', t.owner, { tenant: t.tenant.id, body: { topic: 'custom.x', type: 'custom.big', data: 'x'.repeat(33 * 1024) }, status: 413 });
    expect(big).toMatchObject({ code: 'REALTIME_EVENT_TOO_LARGE', errors: [{ path: 'data' }] });
    const fits = await publishCustom(atoll, t.owner, t.tenant.id, 'custom.fits', 'x'.repeat(32 * 1024 - 2));
    expect(fits.id).toBeGreaterThan(0);
    const ticket = await ticketFor(atoll, t.viewer, t.tenant.id);
    expect(ticket.ticket).toBeTruthy();
  });
});
