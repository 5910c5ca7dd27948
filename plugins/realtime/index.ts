import { definePlugin } from 'atoll/plugin';
import { connectRoutes } from './routes/connect';
import { eventRoutes } from './routes/events';
import { ticketRoutes } from './routes/tickets';

/**
 * Realtime: tickets, the WebSocket endpoint and the Server-Sent Events stream of a tenant's
 * TenantHub (durable-objects/tenant-hub.ts), and custom events for programs. Plugins publish with
 * `coreServices.realtime`. Protocol, permissions and limits: see README.md.
 */
export const realtimePlugin = definePlugin(() => ({
  id: 'realtime',
  version: '0.1.0',
  description: 'Live events of a tenant over WebSocket and Server-Sent Events',
  host: '^0.1.0',
  requires: ['tenants'],
  routes: (ctx) => [...ticketRoutes(ctx), ...connectRoutes(ctx), ...eventRoutes(ctx)],
}));
