import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('JSON logger', () => {
  it('writes one JSON object per line with the bound fields', () => {
    const lines: string[] = [];
    createLogger('info', { requestId: 'r1' }, (l) => lines.push(l))
      .child({ plugin: 'p' })
      .info('hello', { status: 200 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'hello', requestId: 'r1', plugin: 'p', status: 200, time: expect.any(String) });
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', {}, (l) => lines.push(l));
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['w', 'e']);
  });

  it('redacts secret-looking fields and reduces errors to name and message', () => {
    const lines: string[] = [];
    createLogger('info', {}, (l) => lines.push(l)).info('x', {
      password: 'p4ss',
      authorization: 'Bearer abc',
      refreshToken: 'rt',
      apiKey: 'k',
      error: new Error('boom'),
    });
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ password: '[redacted]', authorization: '[redacted]', refreshToken: '[redacted]', apiKey: '[redacted]' });
    expect(line.error).toEqual({ name: 'Error', message: 'boom' });
    expect(lines[0]).not.toContain('p4ss');
  });

  it('scrubs credentials out of URLs in messages and stacks', () => {
    const lines: string[] = [];
    const error = new Error('connect to postgres://app:s3cr3t@db.internal:5432/x failed');
    createLogger('info', {}, (l) => lines.push(l)).error('unhandled', { error, stack: error.stack });
    expect(lines[0]).not.toContain('s3cr3t');
    expect(JSON.parse(lines[0]!).error.message).toBe('connect to postgres://[redacted]@db.internal:5432/x failed');
  });

  it('scrubs the query parameters database errors quote', () => {
    const lines: string[] = [];
    const error = new Error('Failed query: insert into "auth_users" values ($1, $2)\nparams: a@b.c,pbkdf2-sha256$100000$c2FsdA$aGFzaA');
    createLogger('info', {}, (l) => lines.push(l)).error('unhandled', { error, stack: error.stack });
    expect(lines[0]).not.toContain('pbkdf2');
    expect(lines[0]).toContain('params: [redacted]');
  });
});
