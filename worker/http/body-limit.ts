import type { MiddlewareHandler } from 'hono';
import { KernelErrorCode } from '../error-codes';
import { AtollError } from '../errors';
import type {} from './drain-body'; // the `leftoverBody` context key

declare module 'hono' {
  interface ContextVariableMap {
    /** Set when a streamed body passed its limit: whatever a parser made of the cut, the answer is 413. */
    bodyLimitExceeded: AtollError | undefined;
  }
}

const tooLarge = (maxSize: number) => new AtollError('payload_too_large', KernelErrorCode.PAYLOAD_TOO_LARGE, `The request body exceeds ${maxSize} bytes`);

/**
 * Refuses bodies over `maxSize` without buffering them: a declared `content-length` is checked up
 * front; a streamed body (no length) is counted as the handler reads it and fails with 413 at the
 * first byte past the limit. Nothing is held in memory beyond what the handler itself reads; what
 * is left unread is drained by drain-body.ts.
 */
export const limitBody =
  (maxSize: number): MiddlewareHandler =>
  async (c, next) => {
    c.set('bodyLimitExceeded', undefined);
    const raw = c.req.raw;
    if (!raw.body || raw.method === 'GET' || raw.method === 'HEAD') return next();
    const declared = raw.headers.get('content-length');
    if (declared !== null && !raw.headers.has('transfer-encoding')) {
      if (!/^\d+$/.test(declared) || Number(declared) > maxSize) throw tooLarge(maxSize);
      return next();
    }
    // Not pipeThrough: its error would cancel the source mid-body. The source is handed to
    // drain-body.ts instead, which reads the rest (up to `maxSize` more) so the connection stays
    // usable, and cancels a body longer than that.
    const source = raw.body.getReader();
    let seen = 0;
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await source.read();
        if (done) return controller.close();
        seen += value.byteLength;
        if (seen <= maxSize) return controller.enqueue(value);
        const error = tooLarge(maxSize);
        c.set('bodyLimitExceeded', error);
        c.set('leftoverBody', { reader: source, maxBytes: maxSize });
        controller.error(error);
      },
      cancel() {
        c.set('leftoverBody', { reader: source, maxBytes: maxSize });
      },
    });
    c.req.raw = new Request(raw, { body: counted, duplex: 'half' } as RequestInit);
    return next();
  };
