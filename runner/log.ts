export type LogFields = Record<string, unknown>;

export interface Log {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const errorText = (value: unknown) => (value instanceof Error ? value.message : value);

/**
 * JSON lines on stdout (stderr for errors), one object per event, as the Worker logs: easy to read
 * in CloudWatch and to grep locally. Error values are reduced to their message (no stacks of
 * request bodies, no secrets: the API key is never a field).
 *
 * @example
 * const log = jsonLog({ runnerId: 'host-42' });
 * log.info('claimed', { jobId });
 */
export function jsonLog(base: LogFields = {}): Log {
  const write = (level: string, msg: string, fields: LogFields = {}) => {
    const clean = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, errorText(v)]));
    const line = JSON.stringify({ at: new Date().toISOString(), level, msg, ...base, ...clean });
    (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return { info: (m, f) => write('info', m, f), warn: (m, f) => write('warn', m, f), error: (m, f) => write('error', m, f) };
}

/** The same log with `fields` added to every line. */
export const withFields = (log: Log, fields: LogFields): Log => ({
  info: (m, f) => log.info(m, { ...fields, ...f }),
  warn: (m, f) => log.warn(m, { ...fields, ...f }),
  error: (m, f) => log.error(m, { ...fields, ...f }),
});
