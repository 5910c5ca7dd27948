import type { MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    /**
     * Request body bytes a wrapper (body-limit.ts) stopped passing on, drained with the rest but at
     * most `maxBytes` of them: the route's own limit, so a refusal never costs more than an answer.
     */
    leftoverBody: { reader: ReadableStreamDefaultReader<Uint8Array>; maxBytes: number } | undefined;
  }
}

/** Read at most this much of a refused body; past it the connection is given up instead. */
export const DRAIN_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads and drops up to `budget` bytes: `read` when the stream ended or failed (a wrapper that
 * errors hands its source on as `leftoverBody`), `cancelled` when it was too long and was cancelled.
 */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<'read' | 'cancelled'> {
  try {
    for (let seen = 0; ; ) {
      const { done, value } = await reader.read();
      if (done) return 'read';
      seen += value.byteLength;
      if (seen > budget) {
        await reader.cancel().catch(() => undefined);
        return 'cancelled';
      }
    }
  } catch {
    return 'read';
  }
}

const unread = (request: Request) => request.body !== null && !request.bodyUsed && !request.body.locked;

/**
 * Consumes whatever part of the request body the app did not read, once the response is ready.
 * A request refused early (401, 404, 413 ...) otherwise leaves its body in the connection: HTTP/1.1
 * cannot carry the next request until it is read, and under `wrangler dev` the next request on that
 * keep-alive socket failed. A body declared or found larger than `limit` is cancelled instead, so a
 * refused upload is never read in full (the runtime then closes that connection).
 *
 * @example
 * app.use('*', drainRequestBody(DRAIN_LIMIT_BYTES));
 */
export const drainRequestBody =
  (limit: number): MiddlewareHandler =>
  async (c, next) => {
    const original = c.req.raw;
    c.set('leftoverBody', undefined);
    await next();
    const declared = Number(original.headers.get('content-length') ?? Number.NaN);
    const budget = declared > limit ? 0 : limit;
    // The app may have swapped in a Request wrapping the original body (body-limit.ts): drain the
    // outermost first, it reads through to the rest.
    let outcome: 'read' | 'cancelled' = 'read';
    for (const request of new Set([c.req.raw, original])) {
      if (outcome === 'read' && unread(request)) outcome = await discard(request.body!.getReader(), budget);
    }
    const leftover = c.get('leftoverBody');
    if (!leftover) return;
    if (outcome === 'read') await discard(leftover.reader, Math.min(budget, leftover.maxBytes));
    else await leftover.reader.cancel().catch(() => undefined);
  };
