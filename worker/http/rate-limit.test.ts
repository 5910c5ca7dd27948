import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { RateLimiter } from '../../durable-objects/rate-limiter';
import { authPlugin } from '../../plugins/auth';
import { bootProjects, newProject, ownerWithTenant } from '../../plugins/projects/testing';
import { bodyOf, bootApp, send } from '../../test/worker/harness';
import { authTestEnv } from '../../test/worker/identity';
import { seedUser } from '../../test/worker/seed';
import { createLogger } from '../logger';
import { createRoute, definePlugin, defineRoute, z } from '../plugin';
import { createRateLimiter } from './rate-limit';

const ok = { 200: { description: 'ok', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } } };
// operationId `limited.<method><Last segment>`, e.g. `limited.postPing`.
const route = (method: 'get' | 'post', path: string) =>
  createRoute({ method, path, operationId: `limited.${method}${path.replace(/^.*\//, '').replace(/^./, (c) => c.toUpperCase())}`, responses: ok });
const limited = definePlugin((group?: string) => ({
  id: 'limited',
  version: '1.0.0',
  routes: () => [
    defineRoute(route('post', '/limited/ping'), (c) => c.json({ ok: true }, 200), group ? { rateLimit: { group } } : {}),
    // A handler that builds its own Response (a stream, a redirect) still gets the headers.
    defineRoute(route('post', '/limited/raw'), (() => new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } })) as never),
    defineRoute(route('post', '/limited/exempt'), (c) => c.json({ ok: true }, 200), { rateLimit: false }),
    defineRoute(route('get', '/limited/read'), (c) => c.json({ ok: true }, 200)),
    defineRoute(route('get', '/limited/costly'), (c) => c.json({ ok: true }, 200), { rateLimit: { group: 'limited.costly', tenant: 1 } }),
  ],
}));

const atoll = await bootApp([authPlugin(), limited()], { ...(await authTestEnv()), RATE_LIMIT_WRITES: '{"limited":{"tenant":3,"address":2}}' });
const addressOf = () => `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
const rateHeaders = (res: Response) => ['limit', 'remaining', 'reset'].map((h) => res.headers.get(`ratelimit-${h}`));

describe('write rate limits', () => {
  it('refuse a burst over the budget with 429, the RateLimit headers and Retry-After; another caller is unaffected', async () => {
    const [first, second] = [await seedUser(atoll), await seedUser(atoll)];
    const ping = (who: typeof first, path = '/api/v1/limited/ping') => send(atoll, path, { method: 'POST', headers: who.headers() });
    const a1 = await ping(first);
    expect(a1.status).toBe(200);
    expect(rateHeaders(a1)).toEqual(['3', '2', expect.stringMatching(/^\d+$/)]);
    expect(Number(a1.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
    expect(a1.headers.get('retry-after')).toBeNull();
    // Routes of one plugin share its group's counters, whatever built the response.
    const raw = await ping(first, '/api/v1/limited/raw');
    expect(rateHeaders(raw)).toEqual(['3', '1', expect.any(String)]);
    expect((await ping(first)).status).toBe(200);
    const refused = await ping(first);
    const body = await bodyOf(refused);
    expect(refused.status, JSON.stringify(body)).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(body).toMatchObject({ status: 429, code: 'KERNEL_RATE_LIMITED' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(rateHeaders(refused)).toEqual(['3', '0', String(retryAfter)]);
    expect((await ping(second)).status).toBe(200);
  });

  it('give each client address its own share of the budget', async () => {
    const user = await seedUser(atoll);
    const [a, b, c] = [addressOf(), addressOf(), addressOf()];
    const ping = (address: string) => send(atoll, '/api/v1/limited/ping', { method: 'POST', headers: { ...user.headers(), 'cf-connecting-ip': address } });
    expect(rateHeaders(await ping(a))).toEqual(['2', '1', expect.any(String)]);
    expect((await ping(a)).status).toBe(200);
    const overAddress = await ping(a);
    expect(overAddress.status).toBe(429);
    expect(rateHeaders(overAddress).slice(0, 2)).toEqual(['2', '0']);
    // b is free to go on, until the caller's total (3) is used up for every address.
    const fromB = await ping(b);
    expect(fromB.status).toBe(200);
    expect(rateHeaders(fromB).slice(0, 2)).toEqual(['3', '0']);
    expect((await ping(c)).status).toBe(429);
  });

  it('leave reads and exempt writes alone, and limit a read that declares a budget', async () => {
    const user = await seedUser(atoll);
    for (let i = 0; i < 5; i++) {
      const read = await send(atoll, '/api/v1/limited/read', { headers: user.headers() });
      expect(read.status).toBe(200);
      expect(read.headers.get('ratelimit-limit')).toBeNull();
      const exempt = await send(atoll, '/api/v1/limited/exempt', { method: 'POST', headers: user.headers() });
      expect(exempt.status).toBe(200);
      expect(exempt.headers.get('ratelimit-limit')).toBeNull();
    }
    expect((await send(atoll, '/api/v1/limited/costly', { headers: user.headers() })).status).toBe(200);
    expect((await send(atoll, '/api/v1/limited/costly', { headers: user.headers() })).status).toBe(429);
  });

  it('count a tenant route per tenant: a burst of project creations is refused, another tenant is unaffected', async () => {
    const projects = await bootProjects({ RATE_LIMIT_WRITES: '{"projects":{"tenant":3}}' });
    const { owner, tenant } = await ownerWithTenant(projects);
    for (let i = 0; i < 3; i++) await newProject(projects, owner, tenant.id);
    const create = () => send(projects, '/api/v1/projects', { method: 'POST', headers: owner.headers(tenant.id), body: JSON.stringify({ name: crypto.randomUUID() }) });
    const refused = await create();
    expect(refused.status, JSON.stringify(await bodyOf(refused.clone()))).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const list = await send(projects, '/api/v1/projects', { headers: owner.headers(tenant.id) });
    expect(list.status).toBe(200);
    expect((await bodyOf(list)).items).toHaveLength(3);
    const other = await ownerWithTenant(projects);
    await newProject(projects, other.owner, other.tenant.id);
  });

  it('are configured by RATE_LIMIT_WRITES, checked at boot', async () => {
    const vars = await authTestEnv();
    const boot = (value: string, group?: string) => bootApp([authPlugin(), limited(group)], { ...vars, RATE_LIMIT_WRITES: value });
    await expect(boot('{not json')).rejects.toMatchObject({ code: 'KERNEL_CONFIG_INVALID', message: expect.stringContaining('RATE_LIMIT_WRITES') });
    await expect(boot('{"limited":{"tenant":0}}')).rejects.toMatchObject({ message: expect.stringContaining('RATE_LIMIT_WRITES: limited') });
    await expect(boot('{"limited":{"tenant":3,"burst":1}}')).rejects.toMatchObject({ code: 'KERNEL_CONFIG_INVALID' });
    await expect(boot('{"limitd":{"tenant":3}}')).rejects.toMatchObject({ code: 'KERNEL_CONFIG_INVALID', message: expect.stringContaining('limitd') });
    await expect(boot('', 'projects')).rejects.toMatchObject({ code: 'PLUGIN_INVALID_MANIFEST' });
    const off = await boot('{"*":false}');
    const user = await seedUser(off);
    for (let i = 0; i < 5; i++) expect((await send(off, '/api/v1/limited/ping', { method: 'POST', headers: user.headers() })).status).toBe(200);
  });
});

describe('the rate limiter', () => {
  it('is a kernel service over the RATE_LIMITER binding, and lets everything through without it', async () => {
    const limiter = createRateLimiter(env.RATE_LIMITER as unknown as DurableObjectNamespace, createLogger('error'));
    const key = `test|${crypto.randomUUID()}`;
    expect(await limiter.hit(key, 1, 60)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.hit(key, 1, 60)).toMatchObject({ allowed: false, remaining: 0 });
    expect(await createRateLimiter(undefined, createLogger('error')).hit(key, 1, 60)).toBeNull();
  });

  it('charges several counters in one call, counts nothing when one is full, and stores long windows', async () => {
    const namespace = env.RATE_LIMITER as unknown as DurableObjectNamespace<RateLimiter>;
    const stub = namespace.get(namespace.idFromName(`test|${crypto.randomUUID()}`));
    const counters = (at: string) => [
      { name: '*', limit: 3 },
      { name: at, limit: 1 },
    ];
    expect(await stub.charge(3600, counters('@a'))).toMatchObject({ allowed: true, limit: 1, remaining: 0 });
    expect(await stub.charge(3600, counters('@a'))).toMatchObject({ allowed: false, limit: 1, remaining: 0 });
    expect(await stub.charge(3600, counters('@b'))).toMatchObject({ allowed: true, limit: 1, remaining: 0 });
    expect(await stub.charge(3600, counters('@c'))).toMatchObject({ allowed: true, remaining: 0 });
    expect(await stub.charge(3600, counters('@d'))).toMatchObject({ allowed: false, limit: 3, remaining: 0 });
    const stored = await runInDurableObject(stub, (_, state) => state.storage.kv.get<{ counts: Record<string, number> }>('window'));
    expect(stored?.counts).toEqual({ '*': 3, '@a': 1, '@b': 1, '@c': 1 });
  });
});
