/** JSON logs, one object per line, with the request id bound where there is one. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

/**
 * A structured logger: `ctx.logger` in plugin hooks, `c.get('logger')` in a request.
 *
 * @example
 * if (swept.length > 0) ctx.logger.info('expired leases swept', { count: swept.length });
 * const log: Logger = ctx.logger.child({ job: job.id });
 */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Field names whose values never reach a log line, whatever a caller passes.
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|credential/i;

// Credentials inside URLs (`postgres://user:password@host`) that error messages like to quote.
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^\s:@/]+:[^\s@/]+@/gi;
// Query parameters that drizzle quotes in its errors (`params: email,…,<password hash>`).
const QUERY_PARAMS = /params: .*$/gim;
const scrub = (text: string) => text.replace(URL_CREDENTIALS, '$1[redacted]@').replace(QUERY_PARAMS, 'params: [redacted]');

function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_KEY.test(key)) out[key] = '[redacted]';
    else if (value instanceof Error) out[key] = { name: value.name, message: scrub(value.message) };
    else if (typeof value === 'string') out[key] = scrub(value);
    else out[key] = value;
  }
  return out;
}

/**
 * @example
 * const log = createLogger('info', { requestId: 'abc' });
 * log.info('request', { status: 200 }); // {"level":"info","time":"...","msg":"request","requestId":"abc","status":200}
 */
export function createLogger(level: LogLevel, base: LogFields = {}, sink: (line: string) => void = console.log): Logger {
  const write = (at: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[at] < RANK[level]) return;
    sink(JSON.stringify({ level: at, time: new Date().toISOString(), msg, ...base, ...(fields ? redact(fields) : {}) }));
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (fields) => createLogger(level, { ...base, ...redact(fields) }, sink),
  };
}
