import { invalidTicket, upgradeRequired } from '../errors';
import { hubAnswerError, hubOf, hubUrl, type RealtimeServiceContext } from './hub';
import { hashSecret, splitTicket } from './issue-ticket';

export interface ConnectInput {
  /** The incoming request (its `Upgrade` header is checked). */
  request: Request;
  ticket: string | undefined;
  /** Comma-separated topics; overrides the ticket's. */
  topics?: string | undefined;
  lastEventId?: number | undefined;
}

/**
 * Hands a WebSocket upgrade to the hub of the ticket's tenant, which redeems the ticket once.
 * 426 without `Upgrade: websocket` (the ticket is not spent), 401 for a bad, used or expired
 * ticket, and for a ticket of one tenant presented as another's (that hub never stored it).
 */
export async function connectWebSocket({ ctx, input }: { ctx: RealtimeServiceContext; input: ConnectInput }): Promise<Response> {
  if (input.request.headers.get('upgrade')?.toLowerCase() !== 'websocket') throw upgradeRequired();
  const parts = input.ticket ? splitTicket(input.ticket) : null;
  if (!parts) throw invalidTicket();
  const url = hubUrl('/websocket', {
    tenantId: parts.tenantId,
    ticketHash: await hashSecret(parts.secret),
    topics: input.topics,
    lastEventId: input.lastEventId?.toString(),
  });
  const res = await hubOf(ctx, parts.tenantId).fetch(url, { headers: { upgrade: 'websocket' } });
  if (res.status !== 101 || !res.webSocket) throw await hubAnswerError(res);
  // A fresh response: the hub's has immutable headers, and the kernel adds its own.
  return new Response(null, { status: 101, webSocket: res.webSocket });
}

/**
 * The tenant's events as Server-Sent Events: replay after `lastEventId`, then live, with a
 * heartbeat comment every 15 s. The stream ends when the client goes away.
 */
export async function openEventStream({ ctx, input }: { ctx: RealtimeServiceContext; input: { tenantId: string; topics?: string | undefined; lastEventId?: number | undefined } }): Promise<Response> {
  const url = hubUrl('/events', { tenantId: input.tenantId, topics: input.topics, lastEventId: input.lastEventId?.toString() });
  const res = await hubOf(ctx, input.tenantId).fetch(url);
  if (res.status !== 200 || !res.body) throw await hubAnswerError(res);
  return new Response(res.body, { status: 200, headers: new Headers(res.headers) });
}
