import { exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';

it('serves liveness', async () => {
  const res = await exports.default.fetch('http://atoll.test/health/live');
  expect(res.status, await res.clone().text()).toBe(200);
});

it('is ready with real Postgres and S3', async () => {
  const res = await exports.default.fetch('http://atoll.test/health/ready');
  expect(res.status, await res.clone().text()).toBe(200);
});
