import { follows, MAX_SSE_BACKLOG, SSE_HEARTBEAT_MS } from '../worker/realtime/protocol';
import type { RealtimeEvent } from '../worker/realtime/publisher';

interface SseClient {
  topics: readonly string[];
  writer: WritableStreamDefaultWriter<Uint8Array>;
}

const encoder = new TextEncoder();

/** One SSE frame: `id:` (so `Last-Event-ID` works on reconnect) and the event as JSON. */
export const sseFrame = (event: RealtimeEvent) => `id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * The hub's open Server-Sent Events streams. Unlike hibernating WebSockets they keep the hub in
 * memory while open. A heartbeat comment every 15 s keeps proxies from closing idle streams and
 * finds clients that went away (their write fails); a client too slow to drain its backlog is cut.
 */
export class SseStreams {
  #clients = new Set<SseClient>();
  #heartbeat: ReturnType<typeof setInterval> | undefined;

  get size(): number {
    return this.#clients.size;
  }

  /** Opens a stream that starts with `replay` (already filtered) and then follows `topics`. */
  open(topics: readonly string[], replay: readonly RealtimeEvent[], signal: AbortSignal): Response {
    const stream = new TransformStream<Uint8Array, Uint8Array>();
    const client: SseClient = { topics, writer: stream.writable.getWriter() };
    this.#clients.add(client);
    this.#write(client, `retry: 3000\n: connected\n\n${replay.map(sseFrame).join('')}`);
    signal.addEventListener('abort', () => this.#drop(client));
    this.#heartbeat ??= setInterval(() => this.#beat(), SSE_HEARTBEAT_MS);
    return new Response(stream.readable, {
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
    });
  }

  /** Sends an event to every stream that follows its topic. */
  broadcast(event: RealtimeEvent, frame = sseFrame(event)): void {
    for (const client of this.#clients) {
      if (follows(client.topics, event.topic)) this.#write(client, frame);
    }
  }

  #beat(): void {
    for (const client of this.#clients) this.#write(client, ': heartbeat\n\n');
  }

  #write(client: SseClient, text: string): void {
    const { writer } = client;
    if (writer.desiredSize !== null && writer.desiredSize < -MAX_SSE_BACKLOG) {
      this.#drop(client);
      return;
    }
    writer.write(encoder.encode(text)).catch(() => this.#drop(client));
  }

  #drop(client: SseClient): void {
    if (!this.#clients.delete(client)) return;
    client.writer.abort().catch(() => {});
    if (this.#clients.size === 0 && this.#heartbeat !== undefined) {
      clearInterval(this.#heartbeat);
      this.#heartbeat = undefined;
    }
  }
}
