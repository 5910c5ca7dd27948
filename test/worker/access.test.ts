import { describe, expect, it } from 'vitest';
import { gatePlugin } from '../fixtures/gate-plugin';
import { bodyOf, bootApp, send } from './harness';

const atoll = await bootApp([gatePlugin()]);
const as = (token: string, tenant?: string) => ({ headers: { authorization: `Bearer ${token}`, ...(tenant ? { 'x-tenant-id': tenant } : {}) } });

async function expectStatus(path: string, init: RequestInit | undefined, status: number, code?: string) {
  const res = await send(atoll, path, init);
  const body = await bodyOf(res);
  expect(res.status, JSON.stringify(body)).toBe(status);
  if (code) expect(body.code).toBe(code);
  return body;
}

describe('route access', () => {
  it('lets anyone call a public route, and still knows a caller who sends credentials', async () => {
    expect(await expectStatus('/api/v1/gate/public', undefined, 200)).toEqual({ principal: null });
    expect((await expectStatus('/api/v1/gate/public', as('user:alice'), 200)).principal.userId).toBe('alice');
  });

  it('requires an authenticated user by default', async () => {
    const res = await send(atoll, '/api/v1/gate/user');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect((await bodyOf(res)).code).toBe('KERNEL_UNAUTHENTICATED');
    expect((await expectStatus('/api/v1/gate/user', as('user:alice'), 200)).principal.userId).toBe('alice');
  });

  it('passes on 401 for bad credentials from the authenticator', async () => {
    await expectStatus('/api/v1/gate/user', { headers: { authorization: 'Bearer garbage!' } }, 401, 'GATE_BAD_TOKEN');
  });

  it('refuses API keys on routes that name no scopes', async () => {
    await expectStatus('/api/v1/gate/user', as('key:acme:things:read'), 403, 'KERNEL_FORBIDDEN');
  });

  it('accepts an API key only with every required scope', async () => {
    await expectStatus('/api/v1/gate/keys', as('key:acme:things:read'), 200);
    const body = await expectStatus('/api/v1/gate/keys', as('key:acme:other'), 403, 'KERNEL_FORBIDDEN');
    expect(body.detail).toContain('things:read');
  });

  it('refuses users on API-key-only routes', async () => {
    await expectStatus('/api/v1/gate/runner', as('user:alice'), 403);
    await expectStatus('/api/v1/gate/runner', as('key:acme:jobs:work'), 200);
  });

  it('lets only platform admins call admin routes', async () => {
    await expectStatus('/api/v1/gate/admin', as('user:alice'), 403);
    await expectStatus('/api/v1/gate/admin', as('user:root:admin'), 200);
  });
});

describe('tenant-scoped routes', () => {
  it('needs x-tenant-id from users (400 naming the header)', async () => {
    const body = await expectStatus('/api/v1/gate/tenant-read', as('user:alice'), 400, 'KERNEL_TENANT_REQUIRED');
    expect(body.errors).toEqual([{ location: 'header', path: 'x-tenant-id', message: 'Required' }]);
  });

  it('gives the same 404 for an unknown tenant and for a non-member', async () => {
    const unknown = await expectStatus('/api/v1/gate/tenant-read', as('user:alice', 'initech'), 404, 'KERNEL_TENANT_NOT_FOUND');
    const other = await expectStatus('/api/v1/gate/tenant-read', as('user:alice', 'globex'), 404, 'KERNEL_TENANT_NOT_FOUND');
    expect({ ...other, requestId: '' }).toEqual({ ...unknown, requestId: '' });
    await expectStatus('/api/v1/gate/tenant-read', as('user:alice', 'Not A Slug!'), 404);
  });

  it('checks the minimum role: viewers read, but get 403 on writes', async () => {
    expect((await expectStatus('/api/v1/gate/tenant-read', as('user:victor', 'acme'), 200)).tenant).toEqual({ id: 'acme', slug: 'acme', role: 'viewer' });
    await expectStatus('/api/v1/gate/tenant-write', as('user:victor', 'acme'), 403, 'KERNEL_FORBIDDEN');
    await expectStatus('/api/v1/gate/tenant-write', as('user:mia', 'acme'), 200);
    await expectStatus('/api/v1/gate/tenant-write', as('user:alice', 'acme'), 200);
  });

  it('holds an API key to its role ceiling whatever its scopes', async () => {
    const body = await expectStatus('/api/v1/gate/tenant-write', as('key:acme:things:write'), 403, 'KERNEL_FORBIDDEN');
    expect(body.detail).toContain('the API key is limited to viewer');
  });

  it('keeps an API key in its own tenant', async () => {
    expect((await expectStatus('/api/v1/gate/tenant-read', as('key:acme:things:read'), 200)).tenant.id).toBe('acme');
    await expectStatus('/api/v1/gate/tenant-read', as('key:acme:things:read', 'globex'), 404);
  });
});

describe('fail closed and pages', () => {
  it('refuses every non-public route when no authenticator is installed', async () => {
    const bare = await bootApp([gatePlugin({ authenticate: false })]);
    const res = await send(bare, '/api/v1/gate/user', as('user:alice'));
    expect(res.status).toBe(401);
    expect((await send(bare, '/api/v1/gate/public')).status).toBe(200);
  });

  it('sends signed-out browsers to the login page with where they were going', async () => {
    const res = await send(atoll, '/app/gate/private?tab=2');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/login?next=%2Fapp%2Fgate%2Fprivate%3Ftab%3D2');
    const stale = await send(atoll, '/app/gate/private', { headers: { authorization: 'Bearer expired!' } });
    expect(stale.status).toBe(303);
    const signedIn = await send(atoll, '/app/gate/private', as('user:alice'));
    expect(await signedIn.text()).toContain('<p>private</p>');
  });

  it('sends a browser that chose no tenant to the tenant picker', async () => {
    const res = await send(atoll, '/app/gate/tenant-page', as('user:alice'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/tenants?next=%2Fapp%2Fgate%2Ftenant-page');
    expect(await (await send(atoll, '/app/gate/tenant-page', as('user:alice', 'acme'))).text()).toContain('<p>acme</p>');
  });

  it('documents security, 401/403 and the tenant header in OpenAPI', async () => {
    const doc = await bodyOf(await send(atoll, '/api/openapi.json'));
    const read = doc.paths['/api/v1/gate/tenant-read'].get;
    expect(read.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    expect(Object.keys(read.responses)).toEqual(expect.arrayContaining(['401', '403', '404']));
    expect(read.parameters).toEqual(expect.arrayContaining([{ $ref: '#/components/parameters/TenantId' }]));
    expect(doc.components.parameters.TenantId).toMatchObject({ name: 'x-tenant-id', in: 'header' });
    const pub = doc.paths['/api/v1/gate/public'].get;
    expect(pub.security).toEqual([]);
    expect(pub.responses['401']).toBeUndefined();
  });
});
