import { byteLength, CloseCode, HUB_TOPIC, HubMessageType, MAX_CLIENT_MESSAGE_BYTES, MAX_TOPICS, parseTopics } from '../worker/realtime/protocol';

/** What a hub keeps per WebSocket; serialised as its attachment so it survives hibernation. */
export interface SocketState {
  subject: string;
  topics: string[];
}

/**
 * Per-socket state with an in-memory cache. After hibernation the cache is empty and each socket's
 * state is read back from its attachment on first use.
 */
export class SocketStates {
  #cache = new WeakMap<WebSocket, SocketState>();

  get(ws: WebSocket): SocketState {
    let state = this.#cache.get(ws);
    if (!state) {
      state = (ws.deserializeAttachment() as SocketState | null) ?? { subject: 'unknown', topics: [] };
      this.#cache.set(ws, state);
    }
    return state;
  }

  set(ws: WebSocket, state: SocketState): void {
    ws.serializeAttachment(state);
    this.#cache.set(ws, state);
  }
}

/** A message of the hub's own (topic `realtime`, no id). */
export const hubMessage = (tenantId: string, type: string, data: unknown) => JSON.stringify({ type, topic: HUB_TOPIC, tenantId, data, at: new Date().toISOString() });

type ClientAction = { action: 'subscribe' | 'unsubscribe'; topics: string[] };

/** Parses `{"action":"subscribe"|"unsubscribe","topics":[...]}`; a string is the problem otherwise. */
function parseClientMessage(text: string): ClientAction | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'The message is not JSON';
  }
  const { action, topics } = (value ?? {}) as { action?: unknown; topics?: unknown };
  if (action !== 'subscribe' && action !== 'unsubscribe') return 'action must be "subscribe" or "unsubscribe"';
  if (!Array.isArray(topics) || topics.length === 0) return 'topics must be a non-empty array of topic names';
  const parsed = parseTopics(topics);
  if (!parsed) return `topics must be at most ${MAX_TOPICS} names like "datasets" or "*"`;
  return { action, topics: parsed };
}

/**
 * Applies one client message to a socket: subscribe/unsubscribe answer `realtime.subscribed`, bad
 * messages `realtime.error`; binary or oversized frames close the socket with a protocol code.
 */
export function handleClientMessage(ws: WebSocket, message: string | ArrayBuffer, states: SocketStates, tenantId: string): void {
  if (typeof message !== 'string') {
    ws.close(CloseCode.UNSUPPORTED_DATA, 'Binary messages are not supported');
    return;
  }
  if (byteLength(message) > MAX_CLIENT_MESSAGE_BYTES) {
    ws.close(CloseCode.MESSAGE_TOO_BIG, `Messages are limited to ${MAX_CLIENT_MESSAGE_BYTES} bytes`);
    return;
  }
  const parsed = parseClientMessage(message);
  if (typeof parsed === 'string') {
    ws.send(hubMessage(tenantId, HubMessageType.ERROR, { code: 'REALTIME_BAD_MESSAGE', detail: parsed }));
    return;
  }
  const state = states.get(ws);
  const current = new Set(state.topics);
  for (const topic of parsed.topics) {
    if (parsed.action === 'subscribe') current.add(topic);
    else current.delete(topic);
  }
  if (current.size > MAX_TOPICS) {
    ws.send(hubMessage(tenantId, HubMessageType.ERROR, { code: 'REALTIME_TOO_MANY_TOPICS', detail: `A connection follows at most ${MAX_TOPICS} topics` }));
    return;
  }
  const topics = [...current];
  states.set(ws, { ...state, topics });
  ws.send(hubMessage(tenantId, HubMessageType.SUBSCRIBED, { topics }));
}
