import { currentUnitOfWork } from '../db/unit-of-work';
import type { Logger } from '../logger';
import { checkEventInput } from './protocol';

/**
 * What a plugin publishes; the hub adds the id, tenant and time.
 *
 * @example
 * const event: RealtimeEventInput = { topic: 'jobs', type: 'job.succeeded', data: { jobId, status: 'SUCCEEDED' } };
 * await realtime.publish(tenantId, event);
 */
export interface RealtimeEventInput {
  /** Subscription topic, e.g. `datasets` or `jobs`. */
  topic: string;
  /** Event type, `<entity>.<what>`, e.g. `dataset.progress`. */
  type: string;
  /** JSON-serialisable payload (at most 32 KiB once serialised). */
  data: unknown;
}

/**
 * An event as clients receive it. `id` increases monotonically per tenant.
 *
 * @example
 * const event: RealtimeEvent | null = await realtime.publish(tenantId, { topic: 'datasets', type: 'dataset.ready', data: { datasetId } });
 * if (event) logger.debug('published', { id: event.id, at: event.at });
 */
export interface RealtimeEvent {
  id: number;
  type: string;
  topic: string;
  tenantId: string;
  data: unknown;
  at: string;
}

/** What a hub keeps of a ticket: never the secret, only its SHA-256 (hex). */
export interface TicketGrant {
  hash: string;
  /** Who it was issued to: `user:<id>` or `api_key:<id>` (kept on the connection for logs). */
  subject: string;
  /** Topics the connection follows unless the connect URL names others. */
  topics: string[];
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The RPC surface of a `TenantHub`. Its `fetch` serves the WebSocket upgrade and the SSE stream. */
export interface TenantHubRpc {
  publish(tenantId: string, event: RealtimeEventInput): Promise<RealtimeEvent>;
  /** Stores a ticket to redeem on upgrade; throws `REALTIME_TOO_MANY_TICKETS` when the hub holds too many. */
  storeTicket(tenantId: string, grant: TicketGrant): Promise<void>;
}

export type TenantHubStub = TenantHubRpc & DurableObjectStub;

/**
 * Publishes to a tenant's hub. Best effort: a missing or failing hub is logged, never thrown.
 *
 * @example
 * const realtime: RealtimePublisher = ctx.service(coreServices.realtime);
 * await realtime.publish(tenantId, { topic: 'datasets', type: 'dataset.ready', data: { datasetId: dataset.id } });
 */
export interface RealtimePublisher {
  /**
   * @example
   * await ctx.service(coreServices.realtime).publish(tenantId, { topic: 'datasets', type: 'dataset.ready', data: { id } });
   */
  publish(tenantId: string, event: RealtimeEventInput): Promise<RealtimeEvent | null>;
  /**
   * The tenant's hub itself, for the realtime plugin's endpoints (tickets, WebSocket, SSE);
   * `undefined` when the `TENANT_HUB` binding is missing. Other plugins only publish.
   */
  hub?(tenantId: string): TenantHubStub | undefined;
}

/** The hub of one tenant (one Durable Object per tenant id). */
export const tenantHubStub = (namespace: DurableObjectNamespace, tenantId: string) => namespace.get(namespace.idFromName(tenantId)) as unknown as TenantHubStub;

export function createRealtimePublisher(namespace: DurableObjectNamespace | undefined, logger: Logger): RealtimePublisher {
  return {
    async publish(tenantId, event) {
      if (!namespace) return null;
      const checked = checkEventInput(event);
      if (!('data' in checked)) {
        logger.warn('realtime event refused', { tenantId, type: event.type, code: checked.code, detail: checked.detail });
        return null;
      }
      // Subscribers may read what the event announces: the request's writes commit first.
      await currentUnitOfWork()?.commit();
      try {
        return await tenantHubStub(namespace, tenantId).publish(tenantId, event);
      } catch (error) {
        logger.warn('realtime publish failed', { tenantId, type: event.type, error });
        return null;
      }
    },
    hub: (tenantId) => (namespace ? tenantHubStub(namespace, tenantId) : undefined),
  };
}
