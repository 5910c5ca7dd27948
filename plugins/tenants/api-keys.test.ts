import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signUp } from '../../test/worker/identity';
import { runInTenant } from '../../worker/db/tenant-scope';
import { apiKeys } from './db/schema';
import { withDatabase } from './db-access';
import { bootTenants, call, memberOf, ownerWithTenant, request } from './testing';

const atoll = await bootTenants();
const keysOf = (id: string) => `/api/v1/tenants/${id}/api-keys`;

async function newKey(scopes = ['things:read'], extra: Record<string, unknown> = {}) {
  const { owner, tenant } = await ownerWithTenant(atoll, 'keys');
  const { body: key, headers } = await request(atoll, 'POST', keysOf(tenant.slug), owner, { body: { name: 'ci', scopes, ...extra }, status: 201 });
  return { owner, tenant, key, location: headers.get('location') };
}

describe('POST /tenants/{id}/api-keys', () => {
  it('returns the secret once; the list never shows it or its hash', async () => {
    const { owner, tenant, key, location } = await newKey(['things:read', 'things:write']);
    expect(key.secret).toMatch(new RegExp(`^atk_${key.id.replace(/-/g, '')}_[A-Za-z0-9_-]{43}$`));
    expect(location).toBe(`${keysOf(tenant.id)}/${key.id}`);
    expect(key).toMatchObject({ name: 'ci', scopes: ['things:read', 'things:write'], role: 'member', createdBy: owner.userId, revokedAt: null, expiresAt: null });
    const list = await call(atoll, 'GET', keysOf(tenant.slug), owner, { status: 200 });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toEqual({ ...key, secret: undefined, lastUsedAt: null });
    const text = JSON.stringify(list);
    expect(text).not.toContain(key.secret.slice(-43));
    expect(text).not.toMatch(/secret|hash/i);
  });

  it('stores only a SHA-256 hash of the secret', async () => {
    const { tenant, key } = await newKey();
    const [row] = await withDatabase((db) => runInTenant(db, tenant.id, (tx) => tx.select().from(apiKeys).where(eq(apiKeys.id, key.id))));
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key.secret));
    expect(row!.secretHash).toBe([...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''));
  });

  it('validates name, scopes and expiry (400)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const bad = await call(atoll, 'POST', keysOf(tenant.id), owner, { body: { name: '', scopes: ['Things:Read', 'nocolon'] }, status: 400 });
    expect(bad.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'scopes.0', 'scopes.1']);
    await call(atoll, 'POST', keysOf(tenant.id), owner, { body: { name: 'x', scopes: [] }, status: 400 });
    await call(atoll, 'POST', keysOf(tenant.id), owner, { body: { name: 'x', scopes: ['things:read'], expiresAt: 'tomorrow' }, status: 400 });
    await call(atoll, 'POST', keysOf(tenant.id), owner, { body: { name: 'x', scopes: ['things:read'], expiresAt: '2000-01-01T00:00:00Z' }, status: 400, code: 'TENANTS_INVALID_EXPIRY' });
  });

  it('refuses scopes no installed plugin uses, naming the valid ones (400)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const bad = await call(atoll, 'POST', keysOf(tenant.id), owner, { body: { name: 'x', scopes: ['things:read', 'made:up'] }, status: 400, code: 'TENANTS_UNKNOWN_SCOPE' });
    expect(bad.detail).toContain('made:up');
    expect(bad.detail).toContain('things:read, things:write');
    expect(bad.errors).toEqual([expect.objectContaining({ location: 'body', path: 'scopes.1' })]);
    expect((await call(atoll, 'GET', keysOf(tenant.id), owner, { status: 200 })).items).toEqual([]);
  });

  it('needs admin: member 403, stranger 404, anonymous 401', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const member = await memberOf(atoll, tenant.id, owner, 'member');
    const body = { name: 'x', scopes: ['things:read'] };
    await call(atoll, 'POST', keysOf(tenant.id), member, { body, status: 403 });
    await call(atoll, 'GET', keysOf(tenant.id), member, { status: 403 });
    await call(atoll, 'POST', keysOf(tenant.id), await signUp(atoll), { body, status: 404 });
    await call(atoll, 'POST', keysOf(tenant.id), null, { body, status: 401 });
    const admin = await memberOf(atoll, tenant.id, owner, 'admin');
    await call(atoll, 'POST', keysOf(tenant.id), admin, { body, status: 201 });
  });
});

describe('an API key as a bearer token', () => {
  it('acts in its own tenant with its scopes, and records its last use', async () => {
    const { owner, tenant, key } = await newKey();
    const seen = await call(atoll, 'GET', '/api/v1/things', key.secret, { status: 200 });
    expect(seen.principal).toEqual({ kind: 'api_key', keyId: key.id, tenantId: tenant.id, tenantSlug: tenant.slug, scopes: ['things:read'], role: 'member' });
    expect(seen.tenant).toEqual({ id: tenant.id, slug: tenant.slug, role: 'member' });
    await call(atoll, 'GET', '/api/v1/things', key.secret, { tenant: tenant.slug, status: 200 });
    const [listed] = (await call(atoll, 'GET', keysOf(tenant.id), owner, { status: 200 })).items;
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('is held to its role ceiling whatever its scopes', async () => {
    const { key: viewer } = await newKey(['things:read', 'things:write'], { role: 'viewer' });
    await call(atoll, 'GET', '/api/v1/things', viewer.secret, { status: 200 });
    const body = await call(atoll, 'POST', '/api/v1/things', viewer.secret, { status: 403, code: 'KERNEL_FORBIDDEN' });
    expect(body.detail).toContain('limited to viewer');
    const { key: member } = await newKey(['things:write'], { role: 'member' });
    await call(atoll, 'POST', '/api/v1/things', member.secret, { status: 200 });
    const { owner, tenant } = await newKey();
    await call(atoll, 'POST', keysOf(tenant.id), owner, { body: { name: 'x', scopes: ['things:read'], role: 'owner' }, status: 400 });
  });

  it('is refused without the scope (403), in another tenant (404), and on user-only routes (403)', async () => {
    const { key } = await newKey();
    const { tenant: other } = await ownerWithTenant(atoll);
    const body = await call(atoll, 'POST', '/api/v1/things', key.secret, { status: 403, code: 'KERNEL_FORBIDDEN' });
    expect(body.detail).toContain('things:write');
    await call(atoll, 'GET', '/api/v1/things', key.secret, { tenant: other.id, status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
    await call(atoll, 'GET', '/api/v1/things', key.secret, { tenant: other.slug, status: 404 });
    await call(atoll, 'GET', `/api/v1/tenants/${other.id}/members`, key.secret, { status: 403 });
    await call(atoll, 'GET', '/api/v1/tenants', key.secret, { status: 403 });
  });

  it('is 401 when tampered with, unknown, or malformed', async () => {
    const { key } = await newKey();
    const last = key.secret.at(-1) === 'A' ? 'B' : 'A';
    await call(atoll, 'GET', '/api/v1/things', `${key.secret.slice(0, -1)}${last}`, { status: 401 });
    await call(atoll, 'GET', '/api/v1/things', `atk_${crypto.randomUUID().replace(/-/g, '')}_${key.secret.slice(-43)}`, { status: 401 });
    await call(atoll, 'GET', '/api/v1/things', 'atk_nothing', { status: 401 });
  });

  it('stops working at once when revoked (401); revoking again is a no-op', async () => {
    const { owner, tenant, key } = await newKey();
    await call(atoll, 'GET', '/api/v1/things', key.secret, { status: 200 });
    await call(atoll, 'DELETE', `${keysOf(tenant.id)}/${key.id}`, owner, { status: 204 });
    await call(atoll, 'GET', '/api/v1/things', key.secret, { status: 401 });
    await call(atoll, 'DELETE', `${keysOf(tenant.id)}/${key.id}`, owner, { status: 204 });
    const [listed] = (await call(atoll, 'GET', keysOf(tenant.id), owner, { status: 200 })).items;
    expect(listed.revokedAt).not.toBeNull();
  });

  it('stops working after it expires (401)', async () => {
    const { tenant, key } = await newKey(['things:read'], { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await call(atoll, 'GET', '/api/v1/things', key.secret, { status: 200 });
    await withDatabase((db) => runInTenant(db, tenant.id, (tx) => tx.update(apiKeys).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(apiKeys.id, key.id))));
    await call(atoll, 'GET', '/api/v1/things', key.secret, { status: 401 });
  });
});

describe('DELETE /tenants/{id}/api-keys/{keyId}', () => {
  it("answers 404 for an unknown key or another tenant's key", async () => {
    const { key } = await newKey();
    const { owner, tenant } = await ownerWithTenant(atoll);
    await call(atoll, 'DELETE', `${keysOf(tenant.id)}/${key.id}`, owner, { status: 404, code: 'TENANTS_API_KEY_NOT_FOUND' });
    await call(atoll, 'DELETE', `${keysOf(tenant.id)}/${crypto.randomUUID()}`, owner, { status: 404 });
    await call(atoll, 'DELETE', `${keysOf(tenant.id)}/not-a-uuid`, owner, { status: 404 });
    await call(atoll, 'GET', '/api/v1/things', key.secret, { status: 200 });
  });

  it('needs admin (403), hides the tenant from strangers (404), 401 anonymous', async () => {
    const { owner, tenant, key } = await newKey();
    const member = await memberOf(atoll, tenant.id, owner, 'member');
    await call(atoll, 'DELETE', `${keysOf(tenant.id)}/${key.id}`, member, { status: 403 });
    await call(atoll, 'DELETE', `${keysOf(tenant.id)}/${key.id}`, await signUp(atoll), { status: 404 });
    await call(atoll, 'DELETE', `${keysOf(tenant.id)}/${key.id}`, null, { status: 401 });
    await call(atoll, 'GET', '/api/v1/things', key.secret, { status: 200 });
  });
});
