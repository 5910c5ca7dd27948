import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bootApp } from '../test/worker/harness';
import { coreServices } from '../worker/plugin/core-services';
import type { AnyPluginManifest } from '../worker/plugin/types';
import { createQueueProducer } from './producer';

const sent: { body: unknown; options: unknown }[] = [];
const recordingQueue = {
  send: async (body: unknown, options?: unknown) => void sent.push({ body, options }),
  sendBatch: async () => undefined,
} as unknown as Queue;

const types = new Map([['demo.run', { definition: { schema: z.object({ id: z.string() }) } }]]);

describe('queue producer', () => {
  it('wraps the payload in an envelope naming its type', async () => {
    sent.length = 0;
    await createQueueProducer(recordingQueue, () => types).send('demo.run', { id: 'a' }, { delaySeconds: 4 });
    expect(sent).toEqual([{ body: { type: 'demo.run', payload: { id: 'a' } }, options: { delaySeconds: 4 } }]);
  });

  it('refuses unknown types and payloads that do not match the type, before sending', async () => {
    sent.length = 0;
    const producer = createQueueProducer(recordingQueue, () => types);
    await expect(producer.send('demo.nope', {})).rejects.toMatchObject({ code: 'KERNEL_QUEUE_UNKNOWN_TYPE' });
    await expect(producer.send('demo.run', { id: 1 })).rejects.toMatchObject({ code: 'KERNEL_QUEUE_INVALID_PAYLOAD' });
    expect(sent).toEqual([]);
  });

  it('is unavailable (503) without a queue binding', async () => {
    await expect(createQueueProducer(undefined, () => types).send('demo.run', { id: 'a' })).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('is the kernel queue service of a booted app, over the QUEUE binding', async () => {
    let provided: unknown;
    const probe: AnyPluginManifest = {
      id: 'probe-queue',
      version: '1.0.0',
      queues: { 'probe-queue.noop': { schema: z.object({}), handler: async () => undefined } },
      setup: (ctx) => void (provided = ctx.service(coreServices.queue)),
    };
    expect(env.QUEUE).toBeDefined();
    await bootApp([probe]);
    await expect((provided as { send: (t: string, p: unknown) => Promise<void> }).send('probe-queue.noop', {})).resolves.toBeUndefined();
  });
});
