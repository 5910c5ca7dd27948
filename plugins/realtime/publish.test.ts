import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../worker/logger';
import { createRealtimePublisher } from '../../worker/realtime/publisher';
import { bootRealtime, connect, publisher, realtimeTeam, ticketFor } from './testing';

const atoll = await bootRealtime();

describe('publishing through coreServices.realtime', () => {
  it("a plugin's event reaches the tenant's clients with an increasing id", async () => {
    const { viewer, tenant } = await realtimeTeam(atoll, 'pub');
    const client = await connect(atoll, (await ticketFor(atoll, viewer, tenant.id, ['datasets'])).url);
    const progress = { datasetId: 'd1', name: 'sales', status: 'ingesting', rowsProcessed: 10, bytesRead: 100, totalBytes: 200, percent: 50 };
    const first = await publisher.current!.publish(tenant.id, { topic: 'datasets', type: 'dataset.progress', data: progress });
    const second = await publisher.current!.publish(tenant.id, { topic: 'datasets', type: 'dataset.ready', data: { datasetId: 'd1' } });
    expect(first).toMatchObject({ id: 1, type: 'dataset.progress', topic: 'datasets', tenantId: tenant.id, data: progress });
    expect(second!.id).toBe(2);
    expect(Date.parse(first!.at)).not.toBeNaN();
    await client.waitFor((m) => m.id === second!.id);
    expect(client.events()).toEqual([first, second]);
    await client.close();
  });

  it('is best effort: an invalid or oversized event is logged and answers null', async () => {
    const { tenant } = await realtimeTeam(atoll, 'pub-bad');
    expect(await publisher.current!.publish(tenant.id, { topic: 'Not Valid', type: 'x.y', data: {} })).toBeNull();
    expect(await publisher.current!.publish(tenant.id, { topic: 'realtime', type: 'realtime.gap', data: {} })).toBeNull();
    expect(await publisher.current!.publish(tenant.id, { topic: 'datasets', type: 'dataset.big', data: 'x'.repeat(40_000) })).toBeNull();
    expect(await publisher.current!.publish(tenant.id, { topic: 'datasets', type: 'dataset.ok', data: null })).toMatchObject({ id: 1 });
  });

  it('answers null without a TENANT_HUB binding', async () => {
    const none = createRealtimePublisher(undefined, createLogger('error'));
    expect(await none.publish(crypto.randomUUID(), { topic: 'datasets', type: 'dataset.ready', data: {} })).toBeNull();
    expect(none.hub?.(crypto.randomUUID())).toBeUndefined();
    expect(createRealtimePublisher(env.TENANT_HUB as unknown as DurableObjectNamespace, createLogger('error')).hub?.(crypto.randomUUID())).toBeDefined();
  });
});
