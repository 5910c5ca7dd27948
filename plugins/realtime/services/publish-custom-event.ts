import type { RealtimeEvent } from 'atoll/plugin';
import { eventTooLarge } from '../errors';
import { hubOf, hubRpcError, type RealtimeServiceContext } from './hub';

/** The hub's limit on an event's `data` as JSON (UTF-8 bytes); checked here for a clear 413 first. */
export const MAX_EVENT_DATA_BYTES = 32 * 1024;

/**
 * Publishes a program's own event to its tenant. Unlike the kernel publisher (best effort, for
 * plugins) this reports failures, so the caller learns that an event was refused or too large.
 *
 * @example
 * await publishCustomEvent({ ctx, input: { tenantId, topic: 'custom.builds', type: 'custom.build.done', data: { id } } });
 */
export async function publishCustomEvent({ ctx, input }: { ctx: RealtimeServiceContext; input: { tenantId: string; topic: string; type: string; data: unknown } }): Promise<RealtimeEvent> {
  const { tenantId, ...event } = input;
  const size = new TextEncoder().encode(JSON.stringify(event.data ?? null)).byteLength;
  if (size > MAX_EVENT_DATA_BYTES) throw eventTooLarge(`data is ${size} bytes as JSON; at most ${MAX_EVENT_DATA_BYTES}`);
  try {
    return await hubOf(ctx, tenantId).publish(tenantId, event);
  } catch (error) {
    return hubRpcError(error);
  }
}
