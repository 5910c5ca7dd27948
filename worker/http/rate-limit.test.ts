import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { authPlugin } from '../../plugins/auth';
import { bodyOf, bootApp, send } from '../../test/worker/harness';
import { authTestEnv } from '../../test/worker/identity';
import { seedUser } from '../../test/worker/seed';
import { createLogger } from '../logger';
import { createRoute, defineRoute, definePlugin, z } from '../plugin';
import { createRateLimiter } from './rate-limit';

const ping = createRoute({ method: 'post', path: '/limited/ping', responses: { 200: { description: 'pong', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } } } });
const limited = definePlugin(() => ({
  id: 'limited',
  version: '1.0.0',
  routes: () => [defineRoute(ping, (c) => c.json({ ok: true }, 200), { rateLimit: { limit: 2, windowSeconds: 60 } })],
}));

const atoll = await bootApp([authPlugin(), limited()], await authTestEnv());

describe('route rate limits', () => {
  it('refuses a caller over the limit with 429 and Retry-After, and counts each caller apart', async () => {
    const first = await seedUser(atoll, { name: 'rate-a' });
    const second = await seedUser(atoll, { name: 'rate-b' });
    const hit = (who: typeof first) => send(atoll, '/api/v1/limited/ping', { method: 'POST', headers: who.headers() });
    const a1 = await hit(first);
    expect(a1.status).toBe(200);
    expect(a1.headers.get('ratelimit-remaining')).toBe('1');
    expect((await hit(first)).status).toBe(200);
    const refused = await hit(first);
    const body = await bodyOf(refused);
    expect(refused.status, JSON.stringify(body)).toBe(429);
    expect(body.code).toBe('KERNEL_RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await hit(second)).status).toBe(200);
  });

  it('is a kernel service over the RATE_LIMITER binding, and lets everything through without it', async () => {
    const limiter = createRateLimiter(env.RATE_LIMITER as DurableObjectNamespace, createLogger('error'));
    const key = `test|${crypto.randomUUID()}`;
    expect(await limiter.hit(key, 1, 60)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.hit(key, 1, 60)).toMatchObject({ allowed: false, remaining: 0 });
    expect(await createRateLimiter(undefined, createLogger('error')).hit(key, 1, 60)).toBeNull();
  });
});
