import { describe, expect, it } from 'vitest';
import { systemPlugin } from '../../plugins/system';
import { bodyOf, bootApp, hyperdriveAt, send } from './harness';

// Nothing listens on port 9 (discard) on loopback: connections are refused at once.
const CLOSED = 'postgres://atoll:atoll@127.0.0.1:9/atoll';

describe('health', () => {
  it('is live without touching dependencies', async () => {
    const atoll = await bootApp([systemPlugin()], { HYPERDRIVE: hyperdriveAt(CLOSED) });
    const res = await send(atoll, '/health/live');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('is ready when Postgres and S3 answer', async () => {
    const atoll = await bootApp([systemPlugin()]);
    const res = await send(atoll, '/health/ready');
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ status: 'ok', checks: { postgres: { status: 'ok' }, s3: { status: 'ok' } } });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('turns 503 naming Postgres when it cannot be reached', async () => {
    const atoll = await bootApp([systemPlugin()], { HYPERDRIVE: hyperdriveAt(CLOSED) });
    const res = await send(atoll, '/health/ready');
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(503);
    expect(body).toMatchObject({ status: 'fail', checks: { postgres: { status: 'fail', error: 'unreachable' }, s3: { status: 'ok' } } });
    expect(JSON.stringify(body)).not.toContain('ECONNREFUSED');
  });

  it('turns 503 naming S3 when the bucket does not answer', async () => {
    const atoll = await bootApp([systemPlugin()], { S3_BUCKET: 'no-such-bucket-here' });
    const res = await send(atoll, '/health/ready');
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(503);
    expect(body).toMatchObject({ status: 'fail', checks: { postgres: { status: 'ok' }, s3: { status: 'fail' } } });
  });
});

describe('a database outage', () => {
  it('answers 503 problem+json with Retry-After, not 500, and nothing internal', async () => {
    const { authPlugin } = await import('../../plugins/auth');
    const { authTestEnv } = await import('./identity');
    const atoll = await bootApp([authPlugin()], { ...(await authTestEnv()), HYPERDRIVE: hyperdriveAt(CLOSED) });
    const res = await send(atoll, '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'someone@example.com', password: 'whatever-it-is' }),
    });
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('5');
    expect(body).toMatchObject({ status: 503, code: 'KERNEL_DATABASE_UNAVAILABLE' });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|refused/i);
  });
});
