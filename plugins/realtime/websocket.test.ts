import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { bodyOf, send } from '../../test/worker/harness';
import { hashSecret, splitTicket } from './services/issue-ticket';
import { bootRealtime, connect, publishCustom, realtimeTeam, ticketFor } from './testing';

const atoll = await bootRealtime();

const upgrade = (path: string) => send(atoll, path, { headers: { upgrade: 'websocket' } });

describe('tickets and the WebSocket upgrade', () => {
  it('issues a ticket, connects with it and receives the tenant’s events', async () => {
    const { owner, viewer, tenant } = await realtimeTeam(atoll);
    const issued = await ticketFor(atoll, viewer, tenant.id);
    expect(issued.ticket.startsWith(`${tenant.id}.`)).toBe(true);
    expect(issued.url).toBe(`/api/v1/realtime?ticket=${encodeURIComponent(issued.ticket)}`);
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);

    const client = await connect(atoll, issued.url);
    const ready = client.messages.find((m) => m.type === 'realtime.ready');
    expect(ready).toMatchObject({ topic: 'realtime', tenantId: tenant.id, data: { topics: ['*'], lastEventId: 0 } });

    const published = await publishCustom(atoll, owner, tenant.id, 'custom.hello', { n: 1 });
    const received = await client.waitFor((m) => m.id === published.id, 'the published event');
    expect(received).toEqual({ id: published.id, type: 'custom.hello', topic: 'custom.test', tenantId: tenant.id, data: { n: 1 }, at: published.at });
    await client.close();
  });

  it('a ticket works once', async () => {
    const { viewer, tenant } = await realtimeTeam(atoll);
    const { url } = await ticketFor(atoll, viewer, tenant.id);
    const client = await connect(atoll, url);
    const again = await upgrade(url);
    expect(again.status).toBe(401);
    expect(await bodyOf(again)).toMatchObject({ code: 'REALTIME_INVALID_TICKET', status: 401 });
    await client.close();
  });

  it('refuses a missing, malformed, unknown or expired ticket with 401', async () => {
    const { viewer, tenant } = await realtimeTeam(atoll);
    const secret = 'x'.repeat(43);
    const expired = `${tenant.id}.${secret}`;
    // A ticket the hub stored with a past expiry (the route always issues 60 s ones).
    const hub = env.TENANT_HUB;
    await (hub.get(hub.idFromName(tenant.id)) as any).storeTicket(tenant.id, { hash: await hashSecret(secret), subject: 'user:test', topics: [], expiresAt: Date.now() - 1 });
    const valid = await ticketFor(atoll, viewer, tenant.id);
    for (const ticket of ['', 'nonsense', `${tenant.id}.${'y'.repeat(43)}`, expired, valid.ticket.slice(0, -1)]) {
      const res = await upgrade(`/api/v1/realtime?ticket=${encodeURIComponent(ticket)}`);
      expect(res.status, ticket).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await bodyOf(res)).toMatchObject({ code: 'REALTIME_INVALID_TICKET' });
    }
    expect((await upgrade('/api/v1/realtime')).status).toBe(401);
  });

  it("refuses one tenant's ticket presented for another tenant's hub", async () => {
    const a = await realtimeTeam(atoll, 'rt-a');
    const b = await realtimeTeam(atoll, 'rt-b');
    const { ticket } = await ticketFor(atoll, a.owner, a.tenant.id);
    const forged = `${b.tenant.id}.${splitTicket(ticket)!.secret}`;
    const res = await upgrade(`/api/v1/realtime?ticket=${encodeURIComponent(forged)}`);
    expect(res.status, JSON.stringify(await bodyOf(res.clone()))).toBe(401);
    // The forged attempt did not spend A's ticket in A's hub.
    const client = await connect(atoll, `/api/v1/realtime?ticket=${encodeURIComponent(ticket)}`);
    await client.close();
  });

  it('answers 426 to a plain GET and does not spend the ticket', async () => {
    const { viewer, tenant } = await realtimeTeam(atoll);
    const { url } = await ticketFor(atoll, viewer, tenant.id);
    const res = await send(atoll, url);
    expect(res.status).toBe(426);
    expect(res.headers.get('upgrade')).toBe('websocket');
    expect(await bodyOf(res)).toMatchObject({ code: 'REALTIME_UPGRADE_REQUIRED', status: 426 });
    const client = await connect(atoll, url);
    await client.close();
  });

  it('answers 400 to invalid topics or lastEventId', async () => {
    const { viewer, tenant } = await realtimeTeam(atoll);
    const { url } = await ticketFor(atoll, viewer, tenant.id);
    for (const bad of ['&topics=Not%20A%20Topic', '&lastEventId=-1', '&lastEventId=abc', `&topics=${Array.from({ length: 21 }, (_, i) => `t${i}`).join(',')}`]) {
      const res = await upgrade(url + bad);
      const body = await bodyOf(res);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.errors?.length ?? 0, JSON.stringify(body)).toBeGreaterThan(0);
    }
  });

  it('answers ping with pong', async () => {
    const { viewer, tenant } = await realtimeTeam(atoll);
    const { url } = await ticketFor(atoll, viewer, tenant.id);
    const res = await upgrade(url);
    const ws = res.webSocket!;
    const pong = new Promise<string>((resolve) => ws.addEventListener('message', (e) => e.data === 'pong' && resolve(e.data as string)));
    ws.accept();
    ws.send('ping');
    expect(await pong).toBe('pong');
    const closed = new Promise((resolve) => ws.addEventListener('close', resolve));
    ws.close(1000);
    await closed;
  });
});
