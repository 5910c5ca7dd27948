import type { RunSpec } from './run-loop';

/** The ChatSession Durable Object's methods (durable-objects/chat-session.ts), as the plugin calls them. */
export interface ChatSessionRpc {
  start(spec: RunSpec): Promise<void>;
  /** Goes on after the user's decision on a writing tool (stored by the caller); a denial is announced. */
  resume(runId: string, denied?: { id: string; name: string }): Promise<void>;
  /** False when the run is already over. */
  cancel(runId: string): Promise<boolean>;
  /** `GET <CHAT_SESSION_ORIGIN>/events?run=<id>&after=<seq>`: the run's events as SSE. */
  fetch(request: Request): Promise<Response>;
}

/** Internal address of the event stream the DO serves. */
export const CHAT_SESSION_ORIGIN = 'https://chat-session.internal';

/** The object of a chat session. */
export function sessionObject(namespace: DurableObjectNamespace, sessionId: string): ChatSessionRpc {
  return namespace.get(namespace.idFromName(sessionId)) as unknown as ChatSessionRpc;
}

/** The events of a run after `after`, as the DO streams them (replayed, then live). */
export const runEvents = (namespace: DurableObjectNamespace, sessionId: string, runId: string, after: number) =>
  sessionObject(namespace, sessionId).fetch(new Request(`${CHAT_SESSION_ORIGIN}/events?run=${runId}&after=${after}`));
