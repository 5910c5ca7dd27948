import { describe, expect, it } from 'vitest';
import { systemPlugin } from '../../plugins/system';
import { probePlugin } from '../fixtures/probe-plugin';
import { bodyOf, bootApp, send } from './harness';

const atoll = await bootApp([systemPlugin(), probePlugin()]);

describe('request ids', () => {
  it('generates one when the client sends none, on success and error alike', async () => {
    for (const path of ['/health/live', '/api/v1/missing']) {
      const res = await send(atoll, path);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      if (res.status >= 400) expect((await bodyOf(res)).requestId).toBe(res.headers.get('x-request-id'));
    }
  });

  it('echoes a well-formed client id', async () => {
    const res = await send(atoll, '/api/v1/system/info', { headers: { 'x-request-id': 'client-abc.123:4' } });
    expect(res.headers.get('x-request-id')).toBe('client-abc.123:4');
  });

  it('replaces a malformed or oversized client id instead of echoing it', async () => {
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(200), 'semi;colon;value']) {
      const res = await send(atoll, '/health/live', { headers: { 'x-request-id': bad } });
      const id = res.headers.get('x-request-id');
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('is on unhandled-error responses too', async () => {
    const res = await send(atoll, '/api/v1/probe/fail/crash', { headers: { 'x-request-id': 'crash-req-0001' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('crash-req-0001');
    expect((await bodyOf(res)).requestId).toBe('crash-req-0001');
  });
});

describe('secure headers', () => {
  it('sets a strict CSP and the usual protections on pages and API', async () => {
    for (const path of ['/', '/api/v1/system/info']) {
      const res = await send(atoll, path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    }
  });

  it('relaxes styles only for the API reference page', async () => {
    const res = await send(atoll, '/api/docs');
    expect(res.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
  });
});

describe('CORS from configuration', () => {
  it('sends no CORS headers when no origin is configured', async () => {
    const res = await send(atoll, '/api/v1/system/info', { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows only the configured origins', async () => {
    const cors = await bootApp([systemPlugin()], { CORS_ORIGINS: 'https://app.example.com, https://admin.example.com' });
    const allowed = await send(cors, '/api/v1/system/info', { headers: { origin: 'https://admin.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('x-request-id');
    const denied = await send(cors, '/api/v1/system/info', { headers: { origin: 'https://evil.example' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await send(cors, '/api/v1/system/info', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,x-tenant-id' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-tenant-id');
  });
});

describe('request body limit', () => {
  it('rejects a body over the route limit with 413', async () => {
    const res = await send(atoll, '/api/v1/probe/small', { method: 'POST', body: 'x'.repeat(4096) });
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(413);
    expect(body).toMatchObject({ code: 'KERNEL_PAYLOAD_TOO_LARGE', status: 413 });
  });

  it('rejects a streamed body without content-length once it passes the limit', async () => {
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(1024)));
        controller.close();
      },
    });
    const res = await send(atoll, '/api/v1/probe/small', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(res.status, await res.clone().text()).toBe(413);
  });

  it('counts a streamed body as it is read instead of buffering it', async () => {
    let pulled = 0;
    const endless = new ReadableStream({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
        if (pulled > 10_000) controller.close();
      },
    });
    const res = await send(atoll, '/api/v1/probe/small', { method: 'POST', body: endless, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it('refuses a malformed content-length', async () => {
    const res = await send(atoll, '/api/v1/probe/small', { method: 'POST', body: 'x', headers: { 'content-length': 'lots' } });
    expect([400, 413]).toContain(res.status);
  });

  it('accepts a body within the limit', async () => {
    const res = await send(atoll, '/api/v1/probe/small', { method: 'POST', body: 'z'.repeat(1000) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bytes: 1000 });
  });

  it('limits page form posts too', async () => {
    const tight = await bootApp([probePlugin()], { MAX_BODY_BYTES: '1024' });
    const big = await send(tight, '/app/probe/form', { method: 'POST', body: 'a='.padEnd(4096, 'x') });
    expect(big.status, await big.clone().text()).toBe(413);
    const small = await send(tight, '/app/probe/form', { method: 'POST', body: 'a=1' });
    expect(await small.text()).toContain('<p>3</p>');
  });

  it('lets a page post declare its own limit (an upload form)', async () => {
    const tight = await bootApp([probePlugin()], { MAX_BODY_BYTES: '1024' });
    const within = await send(tight, '/app/probe/upload', { method: 'POST', body: 'a='.padEnd(4096, 'x') });
    expect(await within.text()).toContain('<p>4096</p>');
    const over = await send(tight, '/app/probe/upload', { method: 'POST', body: 'a='.padEnd(9000, 'x') });
    expect(over.status, await over.clone().text()).toBe(413);
  });

  it('applies MAX_BODY_BYTES to routes without their own limit', async () => {
    const tight = await bootApp([probePlugin()], { MAX_BODY_BYTES: '1024' });
    const res = await send(tight, '/api/v1/probe/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'n'.repeat(2000), count: 1 }),
    });
    expect(res.status, await res.clone().text()).toBe(413);
  });
});

describe('database per request', () => {
  it('queries Postgres through the Hyperdrive binding as the non-superuser app role', async () => {
    const res = await send(atoll, '/api/v1/probe/db');
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.user).toBe('atoll');
  });
});
