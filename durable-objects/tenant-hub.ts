import { DurableObject } from 'cloudflare:workers';
import { ALL_TOPICS, CloseCode, follows, HubMessageType, MAX_CONNECTIONS_PER_HUB, parseTopics } from '../worker/realtime/protocol';
import type { RealtimeEvent, RealtimeEventInput, TenantHubRpc, TicketGrant } from '../worker/realtime/publisher';
import { appendEvent, bindTenant, boundTenant, createHubSchema, eventsSince, lastEventId } from './hub-events';
import { handleClientMessage, hubMessage, SocketStates } from './hub-sockets';
import { SseStreams, sseFrame } from './hub-sse';
import { redeemTicket, storeTicket } from './hub-tickets';

/** Internal requests from the realtime plugin: `GET /websocket` (upgrade) and `GET /events` (SSE). */
export const HUB_ORIGIN = 'https://tenant-hub.internal';

const problem = (status: number, code: string, detail: string) => Response.json({ code, detail }, { status });

interface ConnectParams {
  tenantId: string;
  topics: string[] | null;
  after: number | null;
}

/** Reads the parameters the plugin forwards; the plugin has validated them already. */
function connectParams(url: URL): ConnectParams | Response {
  const tenantId = url.searchParams.get('tenantId') ?? '';
  const rawTopics = url.searchParams.get('topics');
  const topics = rawTopics === null ? null : parseTopics(rawTopics.split(',').filter(Boolean));
  if (rawTopics !== null && !topics) return problem(400, 'REALTIME_INVALID_TOPICS', 'Invalid topics');
  const rawAfter = url.searchParams.get('lastEventId');
  const after = rawAfter === null || rawAfter === '' ? null : Number(rawAfter);
  if (!tenantId || (after !== null && !(Number.isSafeInteger(after) && after >= 0))) return problem(400, 'REALTIME_INVALID_REQUEST', 'Invalid hub request');
  return { tenantId, topics, after };
}

/**
 * One per tenant (`idFromName(tenantId)`): the realtime hub. Keeps the last 1,000 events in its
 * SQLite storage with monotonic ids, redeems single-use connect tickets, and fans events out to
 * hibernating WebSockets and to Server-Sent Events streams, each filtered by its topics.
 */
export class TenantHub extends DurableObject implements TenantHubRpc {
  readonly #sql: SqlStorage;
  readonly #states = new SocketStates();
  readonly #sse = new SseStreams();
  #schemaReady = false;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    // Answered by the runtime without waking a hibernating hub.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /**
   * Stores and broadcasts an event; throws on an invalid or oversized event (the kernel publisher
   * checks first, see `checkEventInput`).
   *
   * @example
   * const event = await tenantHubStub(env.TENANT_HUB, tenantId).publish(tenantId, { topic: 'jobs', type: 'job.done', data: { id } });
   */
  async publish(tenantId: string, input: RealtimeEventInput): Promise<RealtimeEvent> {
    this.#bind(tenantId);
    const { event, frame } = appendEvent(this.#sql, tenantId, input);
    for (const ws of this.ctx.getWebSockets()) {
      if (!follows(this.#states.get(ws).topics, event.topic)) continue;
      try {
        ws.send(frame);
      } catch {
        // A socket that is closing; the runtime removes it.
      }
    }
    if (this.#sse.size > 0) this.#sse.broadcast(event, sseFrame(event));
    return event;
  }

  async storeTicket(tenantId: string, grant: TicketGrant): Promise<void> {
    this.#bind(tenantId);
    storeTicket(this.#sql, grant);
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const params = connectParams(url);
    if (params instanceof Response) return params;
    if (url.pathname === '/websocket') return this.#connectWebSocket(request, url, params);
    if (url.pathname !== '/events') return problem(404, 'REALTIME_NOT_FOUND', 'No such hub endpoint');
    try {
      this.#bind(params.tenantId);
    } catch {
      return problem(403, 'REALTIME_WRONG_HUB', 'This hub belongs to another tenant');
    }
    return this.#openStream(request, params);
  }

  /** Creates the tables once per instance and binds the tenant; only for authenticated callers. */
  #bind(tenantId: string): void {
    if (!this.#schemaReady) createHubSchema(this.#sql);
    this.#schemaReady = true;
    bindTenant(this.#sql, tenantId);
  }

  #connectionCount(): number {
    return this.ctx.getWebSockets().length + this.#sse.size;
  }

  #connectWebSocket(request: Request, url: URL, { tenantId, topics, after }: ConnectParams): Response {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return problem(426, 'REALTIME_UPGRADE_REQUIRED', 'Expected a WebSocket upgrade');
    // Anyone can present a well-formed ticket for any tenant id: a hub that never issued one (or
    // serves another tenant) answers without writing, so forged upgrades leave no storage behind.
    const ticket = boundTenant(this.#sql) === tenantId ? redeemTicket(this.#sql, url.searchParams.get('ticketHash') ?? '') : null;
    if (!ticket) return problem(401, 'REALTIME_INVALID_TICKET', 'The ticket is unknown, used or expired');
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    if (this.#connectionCount() >= MAX_CONNECTIONS_PER_HUB) {
      server.accept();
      server.close(CloseCode.TRY_AGAIN_LATER, 'The hub is full; retry later');
      return new Response(null, { status: 101, webSocket: client });
    }
    const following = topics ?? (ticket.topics.length > 0 ? ticket.topics : [ALL_TOPICS]);
    this.ctx.acceptWebSocket(server);
    this.#states.set(server, { subject: ticket.subject, topics: following });
    // Replay and the ready message are queued before any later publish: storage reads are synchronous.
    if (after !== null) for (const event of eventsSince(this.#sql, tenantId, after, following)) server.send(JSON.stringify(event));
    server.send(hubMessage(tenantId, HubMessageType.READY, { topics: following, lastEventId: lastEventId(this.#sql) }));
    return new Response(null, { status: 101, webSocket: client });
  }

  #openStream(request: Request, { tenantId, topics, after }: ConnectParams): Response {
    if (this.#connectionCount() >= MAX_CONNECTIONS_PER_HUB) return problem(503, 'REALTIME_HUB_FULL', 'The hub is full; retry later');
    const following = topics ?? [ALL_TOPICS];
    const replay = after === null ? [] : eventsSince(this.#sql, tenantId, after, following);
    return this.#sse.open(following, replay, request.signal);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    handleClientMessage(ws, message, this.#states, boundTenant(this.#sql) ?? '');
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    // Complete the closing handshake; 1005/1006 (no code, abnormal) cannot be sent back.
    try {
      ws.close(code === 1005 || code === 1006 ? CloseCode.NORMAL : code, 'Closed');
    } catch {
      // already closed
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    try {
      ws.close(1011, 'Error');
    } catch {
      // already closed
    }
  }
}
