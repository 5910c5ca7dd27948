import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable';

const pgError = (code: string) => Object.assign(new Error('server said no'), { code });
const wrapped = (cause: unknown) => new Error('Failed query: select 1\nparams: ', { cause });

describe('isDatabaseUnavailable', () => {
  it.each(['08006', '08001', '08P01', '57P01', '57P03', '53300'])('is true for SQLSTATE %s, also wrapped by drizzle', (code) => {
    expect(isDatabaseUnavailable(pgError(code))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(pgError(code)))).toBe(true);
  });

  it.each(['Connection terminated unexpectedly', 'timeout expired', 'Network connection lost.', 'proxy request failed, cannot connect to the specified address'])(
    'is true for the driver failure "%s"',
    (message) => expect(isDatabaseUnavailable(wrapped(new Error(message)))).toBe(true),
  );

  it('is true for refused and reset sockets', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
  });

  it.each(['22P02', '23505', '42P01', '25P02', '57014'])('is false for SQLSTATE %s (the request, not the database)', (code) => {
    expect(isDatabaseUnavailable(wrapped(pgError(code)))).toBe(false);
  });

  it('is false for other errors that merely mention connecting', () => {
    expect(isDatabaseUnavailable(new Error('cannot connect to postgres://x@10.0.0.1/prod'))).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });
});
