// Registration is limited per client address (the kernel's write limits, group `auth.register`),
// through the API and the page together.
import { describe, expect, it } from 'vitest';
import { bootApp, send } from '../../../test/worker/harness';
import { authPlugin } from '..';
import { call, expectStatus, PASSWORD, uniqueAddress, uniqueEmail } from '../test-helpers';

const atoll = await bootApp([authPlugin()]);
const register = (address: string) => call(atoll, 'POST', '/api/v1/auth/register', { body: { email: uniqueEmail(), password: PASSWORD }, headers: { 'cf-connecting-ip': address } });
const registerPage = (address: string) =>
  send(atoll, '/app/register', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': address },
    body: new URLSearchParams({ email: uniqueEmail(), password: PASSWORD }).toString(),
  });

describe('registration rate limit', () => {
  it('lets one address create 10 accounts an hour, by the API and the page together; then 429 with Retry-After', async () => {
    const address = uniqueAddress();
    for (let i = 0; i < 5; i++) {
      const created = await register(address);
      expectStatus(created, 201);
      expect(created.res.headers.get('ratelimit-limit')).toBe('10');
      expect(created.res.headers.get('ratelimit-remaining')).toBe(String(9 - i));
    }
    for (let i = 0; i < 5; i++) expect((await registerPage(address)).status).toBe(303);
    const refused = await register(address);
    expectStatus(refused, 429, 'KERNEL_RATE_LIMITED');
    const retryAfter = Number(refused.res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(['limit', 'remaining', 'reset'].map((h) => refused.res.headers.get(`ratelimit-${h}`))).toEqual(['10', '0', String(retryAfter)]);
    expect((await registerPage(address)).status).toBe(429);
    expectStatus(await register(uniqueAddress()), 201);
  });

  it('does not count signing in, which has its own throttle', async () => {
    const address = uniqueAddress();
    const email = uniqueEmail();
    expectStatus(await call(atoll, 'POST', '/api/v1/auth/register', { body: { email, password: PASSWORD }, headers: { 'cf-connecting-ip': address } }), 201);
    for (let i = 0; i < 11; i++) expectStatus(await call(atoll, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD }, headers: { 'cf-connecting-ip': address } }), 200);
  });
});
