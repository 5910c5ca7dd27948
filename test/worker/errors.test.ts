import { describe, expect, it } from 'vitest';
import { systemPlugin } from '../../plugins/system';
import { PROBE_SECRET, probePlugin } from '../fixtures/probe-plugin';
import { bodyOf, bootApp, send } from './harness';

const atoll = await bootApp([systemPlugin(), probePlugin()]);

const PROBLEM = 'application/problem+json';

describe('error mapping to RFC 9457 problem+json', () => {
  it.each([
    ['validation', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['payload_too_large', 413],
    ['unprocessable', 422],
    ['bad_gateway', 502],
    ['unavailable', 503],
  ])('maps a %s domain error to %i', async (kind, status) => {
    const res = await send(atoll, `/api/v1/probe/fail/${kind}`, { headers: { 'x-request-id': 'req-mapping-0001' } });
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(status);
    expect(res.headers.get('content-type')).toBe(PROBLEM);
    expect(body).toEqual({
      type: `urn:atoll:problem:${kind.replace(/_/g, '-')}`,
      title: expect.any(String),
      status,
      detail: `probe ${kind}`,
      code: `PROBE_${kind.toUpperCase()}`,
      requestId: 'req-mapping-0001',
    });
  });

  it('asks for bearer credentials on 401', async () => {
    const res = await send(atoll, '/api/v1/probe/fail/unauthorized');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('sends Retry-After with rate limits', async () => {
    const res = await send(atoll, '/api/v1/probe/fail/rate');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('42');
    expect((await bodyOf(res)).code).toBe('PROBE_SLOW_DOWN');
  });

  it('turns an unknown error into a generic 500 that leaks nothing', async () => {
    const res = await send(atoll, '/api/v1/probe/fail/crash');
    const text = await res.text();
    expect(res.status, text).toBe(500);
    expect(res.headers.get('content-type')).toBe(PROBLEM);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(PROBE_SECRET);
    expect(text).not.toMatch(/at .*\.ts/); // no stack
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'KERNEL_INTERNAL', detail: 'An unexpected error occurred' });
  });

  it('maps a ZodError thrown by a service to 400 with field errors', async () => {
    const res = await send(atoll, '/api/v1/probe/fail/zod');
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.code).toBe('KERNEL_VALIDATION');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'name' }), expect.objectContaining({ path: 'count' })]));
  });

  it('keeps the status of an HTTPException without leaking internals', async () => {
    const res = await send(atoll, '/api/v1/probe/fail/http');
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(418);
    expect(body).toMatchObject({ status: 418, code: 'KERNEL_HTTP', detail: 'teapot' });
  });

  it('returns 400 naming each failing field of a bad body', async () => {
    const res = await send(atoll, '/api/v1/probe/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', count: -1, extra: true }),
    });
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.code).toBe('KERNEL_VALIDATION');
    expect(body.errors).toEqual([
      { location: 'body', path: 'name', message: expect.any(String) },
      { location: 'body', path: 'count', message: expect.any(String) },
    ]);
  });

  it('names query and path locations', async () => {
    const res = await send(atoll, '/api/v1/probe/fail/conflict?limit=1000');
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.errors).toEqual([{ location: 'query', path: 'limit', message: expect.any(String) }]);
  });

  it('returns 400 for malformed JSON', async () => {
    const res = await send(atoll, '/api/v1/probe/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": ' });
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.code).toBe('KERNEL_MALFORMED_BODY');
  });

  it('accepts a valid body', async () => {
    const res = await send(atoll, '/api/v1/probe/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'a', count: 2 }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toEqual({ name: 'a', count: 2 });
  });

  it('turns a value only the database rejects into 400, not 500', async () => {
    // A NUL never reaches the database: the kernel's path guard refuses it first.
    for (const [value, code] of [
      ['not-a-uuid', 'KERNEL_INVALID_VALUE'],
      ['a%00b', 'KERNEL_INVALID_PATH'],
    ]) {
      const res = await send(atoll, `/api/v1/probe/cast/${value}`);
      const body = await bodyOf(res);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.code).toBe(code);
    }
    const ok = await send(atoll, `/api/v1/probe/cast/${crypto.randomUUID()}`);
    expect(ok.status).toBe(200);
  });

  it('returns 404 problem for unknown routes, API and pages alike', async () => {
    for (const path of ['/api/v1/nothing-here', '/no/such/page']) {
      const res = await send(atoll, path);
      const body = await bodyOf(res);
      expect(res.status, JSON.stringify(body)).toBe(404);
      expect(res.headers.get('content-type')).toBe(PROBLEM);
      expect(body.code).toBe('KERNEL_NOT_FOUND');
    }
  });

  it('returns 405 with Allow when the path exists under another method', async () => {
    const res = await send(atoll, '/api/v1/probe/echo', { method: 'DELETE' });
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(body.code).toBe('KERNEL_METHOD_NOT_ALLOWED');
    const info = await send(atoll, '/api/v1/system/info', { method: 'PUT' });
    expect(info.status).toBe(405);
    expect(info.headers.get('allow')).toBe('GET, HEAD');
  });

  it('gives HTMX requests an HTML error partial instead of JSON', async () => {
    const res = await send(atoll, '/api/v1/probe/fail/conflict', { headers: { 'hx-request': 'true' } });
    const html = await res.text();
    expect(res.status, html).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('data-code="PROBE_CONFLICT"');
    expect(html).toContain('probe conflict');
  });

  // The flash words a missing route for a person, without echoing the path (escaping of what it
  // does echo: views/error-partial.test.tsx).
  it('does not echo what the client sent when rendering an HTMX error', async () => {
    const res = await send(atoll, '/api/v1/<script>alert(1)</script>', { headers: { 'hx-request': 'true' } });
    const html = await res.text();
    expect(res.status).toBe(404);
    expect(html).not.toContain('<script>');
    expect(html).toContain('data-code="KERNEL_NOT_FOUND"');
  });
});
