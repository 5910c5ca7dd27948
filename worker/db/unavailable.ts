/**
 * Whether an error means the database cannot be reached or went away (not that it refused the
 * request): SQLSTATE class 08 (connection exception), 57P0x (shutdown, cannot connect now), 53300
 * (too many connections), or a driver/socket failure before Postgres answered. Such errors become a
 * 503 with Retry-After instead of a 500: the client may simply try again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-4]$/.test(code) || code === '53300' || SOCKET_CODES.has(code))) return true;
    if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);

// What pg, the Neon driver and workerd's sockets say when the connection fails or drops.
const DRIVER_MESSAGES = [
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^timeout expired$/,
  /^Client (has encountered a connection error|was closed) and is not queryable$/,
  /^Network connection lost\.?$/,
  /connect\(\): Connection refused/,
  /^proxy request failed, cannot connect to the specified address$/,
  /^Stream was cancelled\.?$/,
  /^Socket (closed|is closed)/,
];
