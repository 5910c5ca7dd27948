import pg from 'pg';
import type { CloudflareSocket as PgCloudflareSocket } from 'pg-cloudflare';

// pg-cloudflare's socket class, as pg itself loads it: its package entry resolves only under
// workerd's export condition, which vitest's pool does not apply to our imports. pg builds one for
// every Connection (the constructor does no I/O), so take the class from there.
const CloudflareSocket = (new pg.Connection() as unknown as { stream: object }).stream.constructor as typeof PgCloudflareSocket;

type WriteCallback = (error?: unknown) => void;

/**
 * pg's Workers socket with Nagle-style write coalescing done by us: every message pg writes in the
 * same tick (an extended-protocol query is Parse, Bind, Describe, Execute and Sync, five writes) leaves
 * the Worker as one write. `pg-cloudflare` has no cork/uncork, and a proxy that leaves Nagle on (the
 * local Hyperdrive proxy does) holds each write after the first until Postgres's delayed ACK: 40 ms
 * per query. One write per query never waits.
 */
export class BatchingSocket extends CloudflareSocket {
  #pending: Uint8Array[] = [];
  #callbacks: WriteCallback[] = [];
  #scheduled = false;

  // The base class's end() writes through this method too, so queued bytes go out before it closes.
  override write(data: Uint8Array | string, encodingOrCallback?: BufferEncoding | WriteCallback, callback?: WriteCallback): true {
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : 'utf8';
    const bytes = typeof data === 'string' ? Buffer.from(data, encoding) : data;
    if (bytes.length > 0) this.#pending.push(bytes);
    if (done) this.#callbacks.push(done);
    if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.#flush());
    }
    return true;
  }

  #flush(): void {
    this.#scheduled = false;
    const chunks = this.#pending;
    const callbacks = this.#callbacks;
    this.#pending = [];
    this.#callbacks = [];
    const settle = (error?: unknown) => {
      for (const cb of callbacks) cb(error);
    };
    if (chunks.length === 0) return settle();
    super.write(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), 'utf8', settle);
  }
}
