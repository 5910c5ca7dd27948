import type { MiddlewareHandler } from 'hono';
import { KernelErrorCode } from '../error-codes';
import { AtollError } from '../errors';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set when a streamed body passed its limit: whatever a parser made of the cut, the answer is 413. */
    bodyLimitExceeded: AtollError | undefined;
  }
}

const tooLarge = (maxSize: number) =>
  new AtollError('payload_too_large', KernelErrorCode.PAYLOAD_TOO_LARGE, `The request body exceeds ${maxSize} bytes`);

/**
 * Refuses bodies over `maxSize` without buffering them: a declared `content-length` is checked up
 * front; a streamed body (no length) is counted as the handler reads it and fails with 413 at the
 * first byte past the limit. Nothing is held in memory beyond what the handler itself reads.
 */
export const limitBody = (maxSize: number): MiddlewareHandler =>
  async (c, next) => {
    c.set('bodyLimitExceeded', undefined);
    const raw = c.req.raw;
    if (!raw.body || raw.method === 'GET' || raw.method === 'HEAD') return next();
    const declared = raw.headers.get('content-length');
    if (declared !== null && !raw.headers.has('transfer-encoding')) {
      if (!/^\d+$/.test(declared) || Number(declared) > maxSize) throw tooLarge(maxSize);
      return next();
    }
    let seen = 0;
    const counted = raw.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxSize) {
            const error = tooLarge(maxSize);
            c.set('bodyLimitExceeded', error);
            controller.error(error);
          }
          else controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(raw, { body: counted, duplex: 'half' } as RequestInit);
    return next();
  };
