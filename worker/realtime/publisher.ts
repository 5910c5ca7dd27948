import type { Logger } from '../logger';

/** What a plugin publishes; the hub adds the id, tenant and time. */
export interface RealtimeEventInput {
  /** Subscription topic, e.g. `datasets` or `jobs`. */
  topic: string;
  /** Event type, `<entity>.<what>`, e.g. `dataset.progress`. */
  type: string;
  /** JSON-serialisable payload (at most 32 KiB once serialised). */
  data: unknown;
}

/** An event as clients receive it. `id` increases monotonically per tenant. */
export interface RealtimeEvent {
  id: number;
  type: string;
  topic: string;
  tenantId: string;
  data: unknown;
  at: string;
}

/** The RPC surface of a `TenantHub` that the publisher calls. */
export interface TenantHubRpc {
  publish(tenantId: string, event: RealtimeEventInput): Promise<RealtimeEvent>;
}

/** Publishes to a tenant's hub. Best effort: a missing or failing hub is logged, never thrown. */
export interface RealtimePublisher {
  /**
   * @example
   * await ctx.service(coreServices.realtime).publish(tenantId, { topic: 'datasets', type: 'dataset.ready', data: { id } });
   */
  publish(tenantId: string, event: RealtimeEventInput): Promise<RealtimeEvent | null>;
}

/** The hub of one tenant (one Durable Object per tenant id). */
export const tenantHubStub = (namespace: DurableObjectNamespace, tenantId: string) =>
  namespace.get(namespace.idFromName(tenantId)) as unknown as TenantHubRpc & DurableObjectStub;

export function createRealtimePublisher(namespace: DurableObjectNamespace | undefined, logger: Logger): RealtimePublisher {
  return {
    async publish(tenantId, event) {
      if (!namespace) return null;
      try {
        return await tenantHubStub(namespace, tenantId).publish(tenantId, event);
      } catch (error) {
        logger.warn('realtime publish failed', { tenantId, type: event.type, error });
        return null;
      }
    },
  };
}
