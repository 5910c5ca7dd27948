import { createMiddleware } from 'hono/factory';
import { createLogger, type Logger, type LogLevel } from '../logger';

declare module 'hono' {
  interface ContextVariableMap {
    requestId: string;
    logger: Logger;
  }
}

// A client's id is kept when it is short and plain; anything else is replaced, never echoed.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Takes `x-request-id` from the client when well-formed (else generates one), sets it on every
 * response, binds a JSON logger carrying it, and writes one access line per request.
 */
export const requestContext = (level: LogLevel) =>
  createMiddleware(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && CLIENT_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    const logger = createLogger(level, { requestId: id });
    c.set('requestId', id);
    c.set('logger', logger);
    const started = Date.now();
    await next();
    // After `next()` every response is final, error responses included.
    try {
      c.res.headers.set('x-request-id', id);
    } catch {
      const res = new Response(c.res.body, c.res); // immutable headers (a passed-through fetch)
      res.headers.set('x-request-id', id);
      c.res = res;
    }
    const status = c.res.status;
    const fields = { method: c.req.method, path: c.req.path, status, durationMs: Date.now() - started };
    if (status >= 500) logger.error('request', fields);
    else logger.info('request', fields);
  });
