import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { EVENT_BUFFER_SIZE, MAX_PENDING_TICKETS } from '../worker/realtime/protocol';
import type { RealtimeEvent } from '../worker/realtime/publisher';
import { bindTenant, boundTenant } from './hub-events';
import { storeTicket } from './hub-tickets';
import { HUB_ORIGIN, type TenantHub } from './tenant-hub';

const namespace = env.TENANT_HUB as DurableObjectNamespace<TenantHub>;
const hubFor = (tenantId: string) => namespace.get(namespace.idFromName(tenantId));

/** Reads the SSE frames of the hub's own stream until `count` events have arrived. */
async function streamEvents(tenantId: string, query: string, count: number): Promise<RealtimeEvent[]> {
  const res = await hubFor(tenantId).fetch(`${HUB_ORIGIN}/events?tenantId=${tenantId}&${query}`);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  // Only complete frames (ended by a blank line) count; a read may stop mid-frame.
  const events = () =>
    text
      .split('\n\n')
      .slice(0, -1)
      .flatMap((frame) => frame.split('\n').filter((line) => line.startsWith('data: ')))
      .map((line) => JSON.parse(line.slice(6)) as RealtimeEvent);
  while (events().length < count) text += (await reader.read()).value ?? '';
  await reader.cancel();
  return events();
}

describe('TenantHub', () => {
  it(`keeps the newest ${EVENT_BUFFER_SIZE} events with ids that keep increasing, and reports a gap past them`, async () => {
    const tenantId = crypto.randomUUID();
    const hub = hubFor(tenantId);
    const total = EVENT_BUFFER_SIZE + 5;
    // Published inside the hub: the same code path as the RPC, without a round trip per event.
    const ids = await runInDurableObject(hub, async (instance) => {
      const out: number[] = [];
      for (let n = 1; n <= total; n++) out.push((await instance.publish(tenantId, { topic: 'jobs', type: 'job.tick', data: { n } })).id);
      return out;
    });
    expect(ids).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const kept = await runInDurableObject(hub, (_, state) =>
      state.storage.sql.exec<{ count: number; first: number; last: number }>('SELECT COUNT(*) AS count, MIN(id) AS first, MAX(id) AS last FROM events').one(),
    );
    expect(kept).toEqual({ count: EVENT_BUFFER_SIZE, first: 6, last: total });

    // Last saw id 3: ids 4 and 5 are gone, so a gap comes first, then the whole buffer.
    const replay = await streamEvents(tenantId, 'lastEventId=3', EVENT_BUFFER_SIZE + 1);
    expect(replay[0]).toMatchObject({ id: 5, type: 'realtime.gap', data: { lastEventId: 3, oldestAvailableId: 6, newestId: total } });
    expect(replay.slice(1).map((e) => e.id)).toEqual(Array.from({ length: EVENT_BUFFER_SIZE }, (_, i) => i + 6));
    // Last saw id 5: nothing missing, no gap.
    const exact = await streamEvents(tenantId, `lastEventId=${total - 1}`, 1);
    expect(exact.map((e) => e.id)).toEqual([total]);
  });

  it('serves one tenant only: a call naming another tenant is refused', async () => {
    const tenantId = crypto.randomUUID();
    const hub = hubFor(tenantId);
    await hub.publish(tenantId, { topic: 'jobs', type: 'job.created', data: {} });
    // publish and storeTicket bind the tenant first (called in the hub: a rejected RPC is reported
    // by the test pool as unhandled even when awaited).
    await runInDurableObject(hub, (_, state) => {
      expect(boundTenant(state.storage.sql)).toBe(tenantId);
      expect(() => bindTenant(state.storage.sql, tenantId)).not.toThrow();
      expect(() => bindTenant(state.storage.sql, crypto.randomUUID())).toThrow(/REALTIME_WRONG_HUB/);
    });
    const res = await hub.fetch(`${HUB_ORIGIN}/events?tenantId=${crypto.randomUUID()}`);
    expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([403, 'REALTIME_WRONG_HUB']);
  });

  it('stores only the hash of a ticket and caps the unredeemed ones', async () => {
    const tenantId = crypto.randomUUID();
    const hub = hubFor(tenantId);
    await hub.storeTicket(tenantId, { hash: 'b'.repeat(64), subject: 'user:someone', topics: ['datasets'], expiresAt: Date.now() + 60_000 });
    await runInDurableObject(hub, (_, state) => {
      expect(() => storeTicket(state.storage.sql, { hash: 'not-a-hash', subject: 'user:x', topics: [], expiresAt: Date.now() + 60_000 })).toThrow(/REALTIME_INVALID_TICKET/);
      const rows = state.storage.sql.exec('SELECT * FROM tickets').toArray();
      expect(rows).toEqual([{ hash: 'b'.repeat(64), subject: 'user:someone', topics: '["datasets"]', expires_at: expect.any(Number) }]);
      const later = Date.now() + 60_000;
      for (let i = 1; i < MAX_PENDING_TICKETS; i++) storeTicket(state.storage.sql, { hash: i.toString(16).padStart(64, '0'), subject: 'user:x', topics: [], expiresAt: later });
      expect(() => storeTicket(state.storage.sql, { hash: 'c'.repeat(64), subject: 'user:x', topics: [], expiresAt: later })).toThrow(/REALTIME_TOO_MANY_TICKETS/);
      // Expired tickets make room again.
      state.storage.sql.exec('UPDATE tickets SET expires_at = 0');
      storeTicket(state.storage.sql, { hash: 'c'.repeat(64), subject: 'user:x', topics: [], expiresAt: later });
      expect(state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM tickets').one().n).toBe(1);
    });
  });

  it('answers its internal endpoints with coded errors', async () => {
    const tenantId = crypto.randomUUID();
    const hub = hubFor(tenantId);
    const plain = await hub.fetch(`${HUB_ORIGIN}/websocket?tenantId=${tenantId}&ticketHash=${'d'.repeat(64)}`);
    expect([plain.status, ((await plain.json()) as { code: string }).code]).toEqual([426, 'REALTIME_UPGRADE_REQUIRED']);
    const unknown = await hub.fetch(`${HUB_ORIGIN}/websocket?tenantId=${tenantId}&ticketHash=${'d'.repeat(64)}`, { headers: { upgrade: 'websocket' } });
    expect(unknown.status).toBe(401);
    expect((await hub.fetch(`${HUB_ORIGIN}/events?tenantId=${tenantId}&topics=Bad!`)).status).toBe(400);
    expect((await hub.fetch(`${HUB_ORIGIN}/events?tenantId=${tenantId}&lastEventId=-1`)).status).toBe(400);
    expect((await hub.fetch(`${HUB_ORIGIN}/nothing?tenantId=${tenantId}`)).status).toBe(404);
  });

  it('answers a forged upgrade for a hub never used without writing any storage', async () => {
    const tenantId = crypto.randomUUID();
    const hub = hubFor(tenantId);
    const res = await hub.fetch(`${HUB_ORIGIN}/websocket?tenantId=${tenantId}&ticketHash=${'e'.repeat(64)}`, { headers: { upgrade: 'websocket' } });
    expect(res.status).toBe(401);
    const tables = await runInDurableObject(hub, (_, state) => state.storage.sql.exec(`SELECT name FROM sqlite_master WHERE type = 'table'`).toArray());
    expect(tables).toEqual([]);
  });
});
