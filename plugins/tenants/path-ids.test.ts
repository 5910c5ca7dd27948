import { describe, expect, it } from 'vitest';
import { bodyOf, send } from '../../test/worker/harness';
import { bootTenants, memberOf, ownerWithTenant } from './testing';

const atoll = await bootTenants();
const { owner, tenant } = await ownerWithTenant(atoll, 'pathids');
const member = await memberOf(atoll, tenant.id, owner, 'member');

/** Path ids a client can send that no header, query or database accepts as they are. */
const BAD_IDS = ['%00', '%0D', '%0A', '%7F', '%C2%85', 'a%00b', 'x'.repeat(2000), '%ED%A0%80', '%'];

const routes = (bad: string): [string, string][] => [
  ['GET', `/api/v1/tenants/${bad}`],
  ['GET', `/api/v1/tenants/${bad}/members`],
  ['PATCH', `/api/v1/tenants/${bad}`],
  ['DELETE', `/api/v1/tenants/${tenant.id}/members/${bad}`],
  ['DELETE', `/api/v1/tenants/${tenant.id}/api-keys/${bad}`],
  ['GET', `/api/v1/tenants/${bad}/audit`],
];

describe('control characters and overlong ids in path parameters', () => {
  for (const who of ['anonymous', 'member', 'owner'] as const) {
    it(`are a 400 or 404 problem, never a 5xx (${who})`, async () => {
      const headers: Record<string, string> = who === 'anonymous' ? {} : (who === 'owner' ? owner : member).headers();
      for (const bad of BAD_IDS) {
        for (const [method, path] of routes(bad)) {
          const res = await send(atoll, path, { method, headers: { ...headers, 'content-type': 'application/json' }, ...(method === 'PATCH' ? { body: '{"name":"x"}' } : {}) });
          const body = await bodyOf(res);
          const where = `${method} ${path.slice(0, 80)} as ${who}: ${JSON.stringify(body)}`;
          expect([400, 404], where).toContain(res.status);
          expect(res.headers.get('content-type'), where).toBe('application/problem+json');
          if (res.status === 400) expect(body.code, where).toBe('KERNEL_INVALID_PATH');
        }
      }
    });
  }

  it('names the parameter that was refused', async () => {
    const res = await send(atoll, '/api/v1/tenants/%00/members', { headers: owner.headers() });
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body).toMatchObject({ code: 'KERNEL_INVALID_PATH', errors: [{ location: 'path', path: '(segment 4)' }] });
  });
});
