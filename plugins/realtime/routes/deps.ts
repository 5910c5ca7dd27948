import { type AppContext, coreServices, getPrincipal, type PluginContext } from 'atoll/plugin';
import type { RealtimeServiceContext } from '../services/hub';

export const READ = { tenantRole: 'viewer', scopes: ['realtime:read'] } as const;
export const WRITE = { tenantRole: 'admin', scopes: ['realtime:write'] } as const;

export const realtimeCtx = (ctx: PluginContext): RealtimeServiceContext => ({ realtime: ctx.service(coreServices.realtime) });

/** Who a ticket is for, kept on the connection: `user:<id>` or `api_key:<id>`. */
export function subjectOf(c: AppContext): string {
  const principal = getPrincipal(c);
  return principal.kind === 'user' ? `user:${principal.userId}` : `api_key:${principal.keyId}`;
}
