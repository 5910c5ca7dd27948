import { definePlugin } from 'atoll/plugin';

/**
 * Realtime: tickets, the WebSocket endpoint and the Server-Sent Events stream of a tenant's
 * TenantHub (durable-objects/tenant-hub.ts). Plugins publish with `coreServices.realtime`.
 */
export const realtimePlugin = definePlugin(() => ({
  id: 'realtime',
  version: '0.1.0',
  description: 'Live events of a tenant over WebSocket and Server-Sent Events',
  host: '^0.1.0',
  requires: ['tenants'],
  routes: () => [],
}));
