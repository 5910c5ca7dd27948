/**
 * The realtime wire protocol shared by the TenantHub Durable Object and the realtime plugin:
 * limits, close codes, the hub's own message types and the validation of topics and types.
 */

/** Events kept per tenant for replay; older ones are trimmed on insert. */
export const EVENT_BUFFER_SIZE = 1_000;
/** Largest `data` of an event, serialised as JSON (UTF-8 bytes). */
export const MAX_EVENT_DATA_BYTES = 32 * 1024;
/** Largest message a client may send over its WebSocket. */
export const MAX_CLIENT_MESSAGE_BYTES = 4 * 1024;
/** Open WebSockets plus SSE streams per tenant hub. */
export const MAX_CONNECTIONS_PER_HUB = 10_000;
/** Topics one connection may follow. */
export const MAX_TOPICS = 20;
/** Unredeemed tickets a hub keeps at once (expired ones are purged first). */
export const MAX_PENDING_TICKETS = 10_000;
/** SSE comment line sent this often so proxies keep the stream open and dead clients are noticed. */
export const SSE_HEARTBEAT_MS = 15_000;
/** An SSE client whose unread backlog reaches this many frames is disconnected. */
export const MAX_SSE_BACKLOG = 1_000;

/** The follow-everything topic. */
export const ALL_TOPICS = '*';
/** The hub's own messages use this topic; every connection receives them. */
export const HUB_TOPIC = 'realtime';

/** Types of the hub's own messages (topic `realtime`). */
export const HubMessageType = {
  /** Sent once after connecting (and after any replay): `data: { topics, lastEventId }`. */
  READY: 'realtime.ready',
  /** The requested `lastEventId` is older than the buffer (or unknown): refetch state. Carries an id. */
  GAP: 'realtime.gap',
  /** Reply to subscribe/unsubscribe: `data: { topics }`. */
  SUBSCRIBED: 'realtime.subscribed',
  /** Reply to a client message the hub could not use: `data: { code, detail }`. */
  ERROR: 'realtime.error',
} as const;

/** WebSocket close codes the hub uses. */
export const CloseCode = {
  NORMAL: 1000,
  /** Binary frames are not part of the protocol. */
  UNSUPPORTED_DATA: 1003,
  /** A client message larger than `MAX_CLIENT_MESSAGE_BYTES`. */
  MESSAGE_TOO_BIG: 1009,
  /** The hub has `MAX_CONNECTIONS_PER_HUB` connections; retry later with a new ticket. */
  TRY_AGAIN_LATER: 1013,
} as const;

/** Topic names: lower-case words joined by dots, e.g. `datasets` or `custom.builds`. */
export const TOPIC_PATTERN = /^[a-z][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)*$/;
export const MAX_TOPIC_LENGTH = 64;
/** Event types: `<entity>.<what>`, e.g. `dataset.progress`. */
export const TYPE_PATTERN = /^[a-z][a-zA-Z0-9_-]*(?:\.[a-zA-Z0-9_-]+)*$/;
export const MAX_TYPE_LENGTH = 100;

/** Whether `topic` may be followed by a client (`*` included). */
export const isSubscribableTopic = (topic: string) => topic === ALL_TOPICS || (topic.length <= MAX_TOPIC_LENGTH && TOPIC_PATTERN.test(topic));

/** Whether `topic` may carry published events (not `*`, not the hub's own `realtime`). */
export const isPublishableTopic = (topic: string) => topic !== HUB_TOPIC && topic.length <= MAX_TOPIC_LENGTH && TOPIC_PATTERN.test(topic);

export const isEventType = (type: string) => type.length <= MAX_TYPE_LENGTH && TYPE_PATTERN.test(type);

/**
 * Checks an event before it is published: `{ data }` (its JSON) when it may be stored, else the
 * hub's error code and what is wrong. Publishers check first; the hub checks again before storing.
 */
export function checkEventInput(input: { topic: unknown; type: unknown; data: unknown }): { code: string; detail: string } | { data: string } {
  if (typeof input.topic !== 'string' || !isPublishableTopic(input.topic)) return { code: 'REALTIME_INVALID_EVENT', detail: `invalid topic "${String(input.topic).slice(0, 80)}"` };
  if (typeof input.type !== 'string' || !isEventType(input.type)) return { code: 'REALTIME_INVALID_EVENT', detail: `invalid type "${String(input.type).slice(0, 120)}"` };
  let data: string | undefined;
  try {
    data = JSON.stringify(input.data ?? null);
  } catch {
    data = undefined;
  }
  if (data === undefined) return { code: 'REALTIME_INVALID_EVENT', detail: 'data is not JSON-serialisable' };
  if (byteLength(data) > MAX_EVENT_DATA_BYTES) return { code: 'REALTIME_EVENT_TOO_LARGE', detail: `data exceeds ${MAX_EVENT_DATA_BYTES} bytes once serialised as JSON` };
  return { data };
}

/** UTF-8 size of a string. */
export const byteLength = (text: string) => new TextEncoder().encode(text).byteLength;

/**
 * Normalises a list of topics (deduplicated, in order); `null` when any is invalid or there are too many.
 *
 * @example
 * parseTopics(['datasets', 'jobs', 'datasets']) // ['datasets', 'jobs']
 */
export function parseTopics(topics: readonly unknown[]): string[] | null {
  const out = [...new Set(topics)];
  if (out.length > MAX_TOPICS || !out.every((t) => typeof t === 'string' && isSubscribableTopic(t))) return null;
  return out as string[];
}

/** Whether a connection following `topics` receives an event of `topic`. */
export const follows = (topics: readonly string[], topic: string) => topic === HUB_TOPIC || topics.includes(ALL_TOPICS) || topics.includes(topic);
