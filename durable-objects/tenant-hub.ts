import { DurableObject } from 'cloudflare:workers';
import type { RealtimeEvent, RealtimeEventInput, TenantHubRpc } from '../worker/realtime/publisher';

/** One per tenant: the realtime hub (WebSocket hibernation, SSE, bounded replay buffer). */
export class TenantHub extends DurableObject implements TenantHubRpc {
  async publish(tenantId: string, event: RealtimeEventInput): Promise<RealtimeEvent> {
    return { id: 0, tenantId, ...event, at: new Date().toISOString() };
  }
}
