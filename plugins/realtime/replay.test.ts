import { describe, expect, it } from 'vitest';
import { bootRealtime, connect, publishCustom, publisher, realtimeTeam, ticketFor } from './testing';

const atoll = await bootRealtime();

describe('tenant isolation and replay', () => {
  it("a client of tenant A gets none of tenant B's events, live or replayed", async () => {
    const a = await realtimeTeam(atoll, 'iso-a');
    const b = await realtimeTeam(atoll, 'iso-b');
    const clientA = await connect(atoll, (await ticketFor(atoll, a.viewer, a.tenant.id)).url);
    const clientB = await connect(atoll, (await ticketFor(atoll, b.viewer, b.tenant.id)).url);

    const fromB = await publishCustom(atoll, b.owner, b.tenant.id, 'custom.secret', { of: 'B' });
    const fromA = await publishCustom(atoll, a.owner, a.tenant.id, 'custom.note', { of: 'A' });
    await publisher.current!.publish(b.tenant.id, { topic: 'datasets', type: 'dataset.ready', data: { of: 'B' } });
    await clientB.waitFor((m) => m.type === 'dataset.ready', 'B’s dataset event');
    await clientA.waitFor((m) => m.id === fromA.id, 'A’s event');
    // Both hubs number from 1: ids are per tenant, so they say nothing across tenants.
    expect(fromA.id).toBe(1);
    expect(fromB.id).toBe(1);
    expect(clientA.events()).toEqual([fromA]);
    expect(clientB.events().map((e) => e.data)).toEqual([{ of: 'B' }, { of: 'B' }]);
    expect(clientB.events().every((e) => e.tenantId === b.tenant.id)).toBe(true);

    // Replay: A reconnecting from the start sees only A's events.
    await clientA.close();
    const again = await connect(atoll, (await ticketFor(atoll, a.viewer, a.tenant.id)).url, { lastEventId: 0 });
    expect(again.events()).toEqual([fromA]);
    await Promise.all([again.close(), clientB.close()]);
  });

  it('a client reconnecting with its last id gets what it missed, in order, then live events', async () => {
    const { owner, viewer, tenant } = await realtimeTeam(atoll, 'replay');
    const first = await connect(atoll, (await ticketFor(atoll, viewer, tenant.id)).url);
    const seen = await publishCustom(atoll, owner, tenant.id, 'custom.one');
    await first.waitFor((m) => m.id === seen.id);
    await first.close();

    const missed = [];
    for (const n of [2, 3, 4]) missed.push(await publishCustom(atoll, owner, tenant.id, 'custom.missed', { n }));
    const resumed = await connect(atoll, (await ticketFor(atoll, viewer, tenant.id)).url, { lastEventId: seen.id });
    expect(resumed.events()).toEqual(missed);
    // The ready message comes after the replay and names the newest id.
    expect(resumed.messages.at(-1)).toMatchObject({ type: 'realtime.ready', data: { lastEventId: missed.at(-1)!.id } });
    const live = await publishCustom(atoll, owner, tenant.id, 'custom.live');
    await resumed.waitFor((m) => m.id === live.id);
    expect(resumed.events().map((e) => e.id)).toEqual([...missed.map((e) => e.id), live.id]);
    await resumed.close();
  });

  it('replays only the topics the client follows', async () => {
    const { owner, viewer, tenant } = await realtimeTeam(atoll, 'replay-topics');
    const wanted = await publishCustom(atoll, owner, tenant.id, 'custom.a', {}, 'custom.wanted');
    await publishCustom(atoll, owner, tenant.id, 'custom.b', {}, 'custom.other');
    const client = await connect(atoll, (await ticketFor(atoll, viewer, tenant.id, ['custom.wanted'])).url, { lastEventId: 0 });
    expect(client.events()).toEqual([wanted]);
    await client.close();
  });

  it('sends realtime.gap first when the id is older than the buffer or unknown to the hub', async () => {
    const { owner, viewer, tenant } = await realtimeTeam(atoll, 'gap');
    const only = await publishCustom(atoll, owner, tenant.id, 'custom.only');
    const ahead = await connect(atoll, (await ticketFor(atoll, viewer, tenant.id)).url, { lastEventId: 999 });
    expect(ahead.events()[0]).toMatchObject({ id: 0, type: 'realtime.gap', topic: 'realtime', tenantId: tenant.id, data: { lastEventId: 999, oldestAvailableId: 1, newestId: 1 } });
    expect(ahead.events()[1]).toEqual(only);
    await ahead.close();
    // Up to date: no gap, nothing replayed.
    const current = await connect(atoll, (await ticketFor(atoll, viewer, tenant.id)).url, { lastEventId: only.id });
    expect(current.events()).toEqual([]);
    await current.close();
  });
});
