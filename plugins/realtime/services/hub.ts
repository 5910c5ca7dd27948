import { AtollError, type RealtimePublisher, validationFailed } from 'atoll/plugin';
import { eventTooLarge, hubFull, invalidEvent, invalidTicket, realtimeUnavailable, tooManyTickets, upgradeRequired } from '../errors';

/** What the realtime services need: the kernel's realtime service (publish and the hubs). */
export interface RealtimeServiceContext {
  realtime: RealtimePublisher;
}

/** The tenant's hub; 503 when the deployment has no `TENANT_HUB` binding. */
export function hubOf(ctx: RealtimeServiceContext, tenantId: string) {
  const hub = ctx.realtime.hub?.(tenantId);
  if (!hub) throw realtimeUnavailable();
  return hub;
}

/** The hub's internal URL for a connection, carrying only validated parameters. */
export function hubUrl(path: '/websocket' | '/events', params: Record<string, string | undefined>): string {
  const url = new URL(path, 'https://tenant-hub.internal');
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

/** Turns a hub's error answer (`{ code, detail }`) into the plugin's domain error. */
export async function hubAnswerError(res: Response): Promise<AtollError> {
  const body = (await res.json().catch(() => ({}))) as { code?: string; detail?: string };
  if (res.status === 401) return invalidTicket();
  if (res.status === 426) return upgradeRequired();
  if (res.status === 503) return hubFull();
  if (res.status === 400) return validationFailed(body.code ?? 'REALTIME_INVALID_REQUEST', body.detail ?? 'Invalid request');
  return new AtollError('internal', 'REALTIME_HUB_FAILED', `The realtime hub answered ${res.status}`);
}

/**
 * Maps an error thrown by a hub RPC (its message starts with a code, e.g.
 * `REALTIME_EVENT_TOO_LARGE: ...`) to the plugin's domain error; anything else is rethrown.
 */
export function hubRpcError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  const detail = message.replace(/^[A-Z_]+:\s*/, '');
  if (message.startsWith('REALTIME_TOO_MANY_TICKETS')) throw tooManyTickets();
  if (message.startsWith('REALTIME_EVENT_TOO_LARGE')) throw eventTooLarge(detail);
  if (message.startsWith('REALTIME_INVALID_EVENT')) throw invalidEvent(detail);
  throw error;
}
