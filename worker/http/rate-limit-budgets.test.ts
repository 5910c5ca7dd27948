import { describe, expect, it } from 'vitest';
import { DEFAULT_WRITE_BUDGET, rateLimitSettings, resolveBudget } from './rate-limit-budgets';

const settings = (value: string) => rateLimitSettings.parse(value);

describe('write budgets', () => {
  it('default to 600 per tenant and 120 per address a minute', () => {
    expect(DEFAULT_WRITE_BUDGET).toEqual({ address: 120, tenant: 600, windowSeconds: 60 });
    expect(resolveBudget(settings(''), 'projects', undefined)).toEqual(DEFAULT_WRITE_BUDGET);
  });

  it('take, in order, the default, "*", what the route declares, and the group\'s own entry', () => {
    const s = settings('{"*":{"address":60,"tenant":300},"auth.register":{"windowSeconds":86400}}');
    expect(resolveBudget(s, 'projects', undefined)).toEqual({ address: 60, tenant: 300, windowSeconds: 60 });
    expect(resolveBudget(s, 'auth.register', { group: 'auth.register', address: 10, windowSeconds: 3600 })).toEqual({ address: 10, tenant: 300, windowSeconds: 86400 });
  });

  it('are turned off by false: "*" only for groups that declare nothing of their own', () => {
    const s = settings('{"*":false,"jobs":false}');
    expect(resolveBudget(s, 'projects', undefined)).toBeUndefined();
    expect(resolveBudget(s, 'auth.register', { group: 'auth.register', address: 10 })).toMatchObject({ address: 10 });
    expect(resolveBudget(s, 'jobs', { tenant: 5 })).toBeUndefined();
  });

  it.each(['{"projects":{"tenant":0}}', '{"projects":{"tenant":1.5}}', '{"projects":{"burst":1}}', '{"projects":true}', '{"Bad Group":{}}', '[1]', 'tenant=5'])('refuse %s', (value) => {
    expect(rateLimitSettings.safeParse(value).success).toBe(false);
  });
});
