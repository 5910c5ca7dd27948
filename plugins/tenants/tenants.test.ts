import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signUp } from '../../test/worker/identity';
import { loadKernelConfig } from '../../worker/config';
import type { Env } from '../../worker/env';
import { ObjectStorage } from '../../worker/storage/object-storage';
import { createS3Client } from '../../worker/storage/s3-client';
import { bootTenants, call, memberOf, ownerWithTenant, request, uniqueSlug } from './testing';

const atoll = await bootTenants();

describe('POST /tenants', () => {
  it('creates a tenant and makes the caller its owner', async () => {
    const user = await signUp(atoll);
    const slug = uniqueSlug('acme');
    const { body: tenant, headers } = await request(atoll, 'POST', '/api/v1/tenants', user, { body: { name: 'Acme', slug }, status: 201 });
    expect(tenant).toMatchObject({ slug, name: 'Acme', role: 'owner' });
    expect(tenant.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers.get('location')).toBe(`/api/v1/tenants/${tenant.id}`);
    expect(await call(atoll, 'GET', headers.get('location')!, user, { status: 200 })).toMatchObject({ id: tenant.id, slug });
    expect(new Date(tenant.createdAt).toISOString()).toBe(tenant.createdAt);
  });

  it('refuses a taken slug with 409 TENANTS_SLUG_TAKEN', async () => {
    const { tenant } = await ownerWithTenant(atoll);
    const other = await signUp(atoll);
    await call(atoll, 'POST', '/api/v1/tenants', other, { body: { name: 'Copy', slug: tenant.slug }, status: 409, code: 'TENANTS_SLUG_TAKEN' });
  });

  it('validates name and slug (400 naming the fields)', async () => {
    const user = await signUp(atoll);
    const body = await call(atoll, 'POST', '/api/v1/tenants', user, { body: { name: '', slug: '-Bad Slug' }, status: 400, code: 'KERNEL_VALIDATION' });
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'slug']);
    await call(atoll, 'POST', '/api/v1/tenants', user, { body: { name: 'x', slug: 'a' }, status: 400 });
    await call(atoll, 'POST', '/api/v1/tenants', user, { body: { name: 'x', slug: crypto.randomUUID() }, status: 400 });
    await call(atoll, 'POST', '/api/v1/tenants', user, { body: '{not json', status: 400, code: 'KERNEL_MALFORMED_BODY' });
  });

  it('needs a signed-in user (401)', async () => {
    await call(atoll, 'POST', '/api/v1/tenants', null, { body: { name: 'x', slug: uniqueSlug() }, status: 401, code: 'KERNEL_UNAUTHENTICATED' });
  });
});

describe('GET /tenants', () => {
  it("lists only the caller's tenants with their role, a page at a time", async () => {
    const { owner, tenant: first } = await ownerWithTenant(atoll, 'lister');
    const second = await call(atoll, 'POST', '/api/v1/tenants', owner, { body: { name: 'Second', slug: uniqueSlug('lister') }, status: 201 });
    const { owner: stranger, tenant: foreign } = await ownerWithTenant(atoll, 'stranger');
    await call(atoll, 'POST', `/api/v1/tenants/${foreign.id}/members`, stranger, { body: { email: owner.email, role: 'viewer' }, status: 201 });

    const all = await call(atoll, 'GET', '/api/v1/tenants', owner, { status: 200 });
    expect(all.items.map((t: { id: string; role: string }) => [t.id, t.role]).sort()).toEqual(
      [
        [first.id, 'owner'],
        [second.id, 'owner'],
        [foreign.id, 'viewer'],
      ].sort(),
    );
    expect(all.nextCursor).toBeNull();

    const page1 = await call(atoll, 'GET', '/api/v1/tenants?limit=2', owner, { status: 200 });
    expect(page1.items).toHaveLength(2);
    const page2 = await call(atoll, 'GET', `/api/v1/tenants?limit=2&cursor=${page1.nextCursor}`, owner, { status: 200 });
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect([...page1.items, ...page2.items].map((t: { slug: string }) => t.slug)).toEqual(all.items.map((t: { slug: string }) => t.slug));
  });

  it('validates limit and cursor', async () => {
    const user = await signUp(atoll);
    await call(atoll, 'GET', '/api/v1/tenants?limit=101', user, { status: 400, code: 'KERNEL_VALIDATION' });
    await call(atoll, 'GET', '/api/v1/tenants?limit=0', user, { status: 400 });
    await call(atoll, 'GET', '/api/v1/tenants?cursor=!!!', user, { status: 400, code: 'TENANTS_INVALID_CURSOR' });
  });

  it('needs a signed-in user (401)', async () => {
    await call(atoll, 'GET', '/api/v1/tenants', null, { status: 401 });
  });
});

describe('GET /tenants/{id}', () => {
  it('reads a tenant by id or by slug, for any member', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const viewer = await memberOf(atoll, tenant.id, owner, 'viewer');
    expect(await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}`, owner, { status: 200 })).toMatchObject({ id: tenant.id, role: 'owner' });
    expect(await call(atoll, 'GET', `/api/v1/tenants/${tenant.slug}`, viewer, { status: 200 })).toMatchObject({ id: tenant.id, role: 'viewer' });
  });

  it('answers 404 alike for a non-member, an unknown tenant and a malformed ref; 401 without auth', async () => {
    const { tenant } = await ownerWithTenant(atoll);
    const stranger = await signUp(atoll);
    const other = await call(atoll, 'GET', `/api/v1/tenants/${tenant.slug}`, stranger, { status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
    const unknown = await call(atoll, 'GET', `/api/v1/tenants/${crypto.randomUUID()}`, stranger, { status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
    expect({ ...other, requestId: '' }).toEqual({ ...unknown, requestId: '' });
    await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}`, stranger, { status: 404 });
    await call(atoll, 'GET', '/api/v1/tenants/Not%20A%20Slug', stranger, { status: 404 });
    await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}`, null, { status: 401 });
  });

  it('takes the tenant from the path, not from an x-tenant-id header', async () => {
    const { owner, tenant: mine } = await ownerWithTenant(atoll);
    const { tenant: theirs } = await ownerWithTenant(atoll);
    await call(atoll, 'GET', `/api/v1/tenants/${theirs.id}`, owner, { tenant: mine.id, status: 404 });
    expect((await call(atoll, 'GET', `/api/v1/tenants/${mine.id}`, owner, { tenant: theirs.id, status: 200 })).id).toBe(mine.id);
  });
});

describe('PATCH /tenants/{id}', () => {
  it('renames the tenant (admin and owner)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const admin = await memberOf(atoll, tenant.id, owner, 'admin');
    expect(await call(atoll, 'PATCH', `/api/v1/tenants/${tenant.id}`, admin, { body: { name: 'Renamed' }, status: 200 })).toMatchObject({ name: 'Renamed', slug: tenant.slug });
    expect((await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}`, owner, { status: 200 })).name).toBe('Renamed');
  });

  it('refuses members and viewers (403), strangers (404), bad bodies (400)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const viewer = await memberOf(atoll, tenant.id, owner, 'viewer');
    const member = await memberOf(atoll, tenant.id, owner, 'member');
    await call(atoll, 'PATCH', `/api/v1/tenants/${tenant.id}`, viewer, { body: { name: 'No' }, status: 403, code: 'KERNEL_FORBIDDEN' });
    await call(atoll, 'PATCH', `/api/v1/tenants/${tenant.id}`, member, { body: { name: 'No' }, status: 403 });
    await call(atoll, 'PATCH', `/api/v1/tenants/${tenant.id}`, await signUp(atoll), { body: { name: 'No' }, status: 404 });
    await call(atoll, 'PATCH', `/api/v1/tenants/${tenant.id}`, owner, { body: { name: '' }, status: 400 });
    await call(atoll, 'PATCH', `/api/v1/tenants/${tenant.id}`, null, { body: { name: 'No' }, status: 401 });
  });
});

describe('DELETE /tenants/{id}', () => {
  it('lets only an owner delete (admin 403, stranger 404, anonymous 401)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const admin = await memberOf(atoll, tenant.id, owner, 'admin');
    await call(atoll, 'DELETE', `/api/v1/tenants/${tenant.id}`, admin, { status: 403 });
    await call(atoll, 'DELETE', `/api/v1/tenants/${tenant.id}`, await signUp(atoll), { status: 404 });
    await call(atoll, 'DELETE', `/api/v1/tenants/${tenant.id}`, null, { status: 401 });
    await call(atoll, 'DELETE', `/api/v1/tenants/${tenant.slug}`, owner, { status: 204 });
    await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}`, owner, { status: 404 });
    await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}`, admin, { status: 404 });
    expect((await call(atoll, 'GET', '/api/v1/tenants', admin, { status: 200 })).items).toEqual([]);
  });

  it("deletes the tenant's stored objects and no one else's", async () => {
    const storage = new ObjectStorage(createS3Client(loadKernelConfig(env as unknown as Env).s3), (env as unknown as Env).S3_BUCKET!);
    const { owner, tenant } = await ownerWithTenant(atoll);
    const { tenant: other } = await ownerWithTenant(atoll);
    for (const key of ['files/a.txt', 'files/deep/b.txt', 'artifacts/x/v1']) await storage.put(`tenants/${tenant.id}/${key}`, key);
    await storage.put(`tenants/${other.id}/files/keep.txt`, 'keep');
    await call(atoll, 'DELETE', `/api/v1/tenants/${tenant.id}`, owner, { status: 204 });
    expect((await storage.list({ prefix: `tenants/${tenant.id}/` })).objects).toEqual([]);
    expect(await storage.head(`tenants/${other.id}/files/keep.txt`)).not.toBeNull();
  });
});
