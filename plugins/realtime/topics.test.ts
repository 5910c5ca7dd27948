import { describe, expect, it } from 'vitest';
import { bootRealtime, connect, publishCustom, publisher, realtimeTeam, ticketFor } from './testing';

const atoll = await bootRealtime();

describe('topics', () => {
  it('delivers only the topics named by the ticket, the URL or later messages', async () => {
    const { owner, viewer, tenant } = await realtimeTeam(atoll, 'topics');
    const byTicket = await connect(atoll, (await ticketFor(atoll, viewer, tenant.id, ['datasets'])).url);
    const byUrl = await connect(atoll, (await ticketFor(atoll, viewer, tenant.id, ['datasets'])).url, { topics: 'custom.x' });
    expect(byUrl.messages.at(-1)).toMatchObject({ type: 'realtime.ready', data: { topics: ['custom.x'] } });

    const dataset = await publisher.current!.publish(tenant.id, { topic: 'datasets', type: 'dataset.created', data: { datasetId: 'd1' } });
    const custom = await publishCustom(atoll, owner, tenant.id, 'custom.x', {}, 'custom.x');
    await byTicket.waitFor((m) => m.id === dataset!.id);
    await byUrl.waitFor((m) => m.id === custom.id);

    byTicket.ws.send(JSON.stringify({ action: 'subscribe', topics: ['custom.x'] }));
    await byTicket.waitFor((m) => m.type === 'realtime.subscribed');
    byTicket.ws.send(JSON.stringify({ action: 'unsubscribe', topics: ['datasets'] }));
    await byTicket.waitFor((m) => m.type === 'realtime.subscribed' && m.data.topics.length === 1);
    const later = await publisher.current!.publish(tenant.id, { topic: 'datasets', type: 'dataset.deleted', data: {} });
    const custom2 = await publishCustom(atoll, owner, tenant.id, 'custom.y', {}, 'custom.x');
    await byTicket.waitFor((m) => m.id === custom2.id);
    await byUrl.waitFor((m) => m.id === custom2.id);

    expect(byTicket.events().map((e) => e.id)).toEqual([dataset!.id, custom2.id]);
    expect(byUrl.events().map((e) => e.id)).toEqual([custom.id, custom2.id]);
    expect(later!.id).toBeGreaterThan(custom.id);
    await Promise.all([byTicket.close(), byUrl.close()]);
  });

  it('answers a bad client message with realtime.error and keeps the socket open', async () => {
    const { viewer, tenant } = await realtimeTeam(atoll, 'bad-msg');
    const client = await connect(atoll, (await ticketFor(atoll, viewer, tenant.id)).url);
    for (const bad of ['not json', '{"action":"dance","topics":["x"]}', '{"action":"subscribe","topics":[]}', '{"action":"subscribe","topics":["Bad Topic"]}']) client.ws.send(bad);
    await client.waitFor(() => client.messages.filter((m) => m.type === 'realtime.error').length === 4, 'four errors');
    expect(client.messages.filter((m) => m.type === 'realtime.error').every((m) => m.data.code === 'REALTIME_BAD_MESSAGE')).toBe(true);
    client.ws.send(JSON.stringify({ action: 'subscribe', topics: ['jobs'] }));
    const ack = await client.waitFor((m) => m.type === 'realtime.subscribed');
    expect(ack.data.topics).toEqual(['*', 'jobs']);
    await client.close();
  });

  it('closes the socket on an oversized or binary message', async () => {
    const { viewer, tenant } = await realtimeTeam(atoll, 'big-msg');
    for (const [payload, code] of [
      ['x'.repeat(5000), 1009],
      [new Uint8Array([1, 2, 3]), 1003],
    ] as const) {
      const client = await connect(atoll, (await ticketFor(atoll, viewer, tenant.id)).url);
      const closed = new Promise<number>((resolve) => client.ws.addEventListener('close', (e) => resolve(e.code)));
      client.ws.send(payload);
      expect(await closed).toBe(code);
    }
  });
});
