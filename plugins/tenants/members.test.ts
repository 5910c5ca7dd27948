import { describe, expect, it } from 'vitest';
import { signUp } from '../../test/worker/identity';
import { bootTenants, call, memberOf, ownerWithTenant, request } from './testing';

const atoll = await bootTenants();
const members = (id: string) => `/api/v1/tenants/${id}/members`;

describe('GET /tenants/{id}/members', () => {
  it('lists members with email, name and role for any member, a page at a time', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const viewer = await memberOf(atoll, tenant.id, owner, 'viewer');
    const list = await call(atoll, 'GET', members(tenant.id), viewer, { status: 200 });
    expect(list.items.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [owner.email, 'owner'],
      [viewer.email, 'viewer'],
    ]);
    expect(list.items[0]).toMatchObject({ userId: owner.userId, name: 'owner' });
    const page1 = await call(atoll, 'GET', `${members(tenant.slug)}?limit=1`, owner, { status: 200 });
    const page2 = await call(atoll, 'GET', `${members(tenant.slug)}?limit=1&cursor=${page1.nextCursor}`, owner, { status: 200 });
    expect([page1.items[0].userId, page2.items[0].userId]).toEqual([owner.userId, viewer.userId]);
    expect(page2.nextCursor).toBeNull();
  });

  it('is 404 for strangers and unknown tenants, 401 without auth', async () => {
    const { tenant } = await ownerWithTenant(atoll);
    const stranger = await signUp(atoll);
    await call(atoll, 'GET', members(tenant.id), stranger, { status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
    await call(atoll, 'GET', members(crypto.randomUUID()), stranger, { status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
    await call(atoll, 'GET', members(tenant.id), null, { status: 401 });
  });
});

describe('POST /tenants/{id}/members', () => {
  it('adds an existing user by email (case-insensitive) with a role', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const user = await signUp(atoll);
    const { body: added, headers } = await request(atoll, 'POST', members(tenant.slug), owner, { body: { email: user.email.toUpperCase(), role: 'member' }, status: 201 });
    expect(added).toMatchObject({ userId: user.userId, email: user.email, role: 'member' });
    expect(headers.get('location')).toBe(`${members(tenant.id)}/${user.userId}`);
    expect((await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}`, user, { status: 200 })).role).toBe('member');
  });

  it('answers 404 TENANTS_USER_NOT_FOUND for an unknown email and 409 for an existing member', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await call(atoll, 'POST', members(tenant.id), owner, { body: { email: `nobody-${crypto.randomUUID()}@example.com`, role: 'member' }, status: 404, code: 'TENANTS_USER_NOT_FOUND' });
    const user = await memberOf(atoll, tenant.id, owner, 'member');
    await call(atoll, 'POST', members(tenant.id), owner, { body: { email: user.email, role: 'admin' }, status: 409, code: 'TENANTS_ALREADY_MEMBER' });
    await call(atoll, 'POST', members(tenant.id), owner, { body: { email: owner.email, role: 'viewer' }, status: 409 });
  });

  it('validates the body (400)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const body = await call(atoll, 'POST', members(tenant.id), owner, { body: { email: 'not-an-email', role: 'king' }, status: 400 });
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'role']);
  });

  it('needs admin: viewer and member 403, stranger 404, anonymous 401', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const viewer = await memberOf(atoll, tenant.id, owner, 'viewer');
    const member = await memberOf(atoll, tenant.id, owner, 'member');
    const target = await signUp(atoll);
    const body = { email: target.email, role: 'viewer' };
    await call(atoll, 'POST', members(tenant.id), viewer, { body, status: 403, code: 'KERNEL_FORBIDDEN' });
    await call(atoll, 'POST', members(tenant.id), member, { body, status: 403 });
    await call(atoll, 'POST', members(tenant.id), await signUp(atoll), { body, status: 404 });
    await call(atoll, 'POST', members(tenant.id), null, { body, status: 401 });
  });

  it('lets admins add admins but not owners (403 TENANTS_OWNER_ONLY); owners may', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const admin = await memberOf(atoll, tenant.id, owner, 'admin');
    const [a, b] = [await signUp(atoll), await signUp(atoll)];
    await call(atoll, 'POST', members(tenant.id), admin, { body: { email: a.email, role: 'owner' }, status: 403, code: 'TENANTS_OWNER_ONLY' });
    await call(atoll, 'POST', members(tenant.id), admin, { body: { email: a.email, role: 'admin' }, status: 201 });
    await call(atoll, 'POST', members(tenant.id), owner, { body: { email: b.email, role: 'owner' }, status: 201 });
  });
});

describe('PATCH /tenants/{id}/members/{userId}', () => {
  it('changes a role', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const user = await memberOf(atoll, tenant.id, owner, 'viewer');
    expect(await call(atoll, 'PATCH', `${members(tenant.id)}/${user.userId}`, owner, { body: { role: 'admin' }, status: 200 })).toMatchObject({
      userId: user.userId,
      email: user.email,
      role: 'admin',
    });
    await call(atoll, 'PATCH', `/api/v1/tenants/${tenant.id}`, user, { body: { name: 'Now I can' }, status: 200 });
  });

  it('keeps the last owner (409 TENANTS_LAST_OWNER), but lets one of two owners step down', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await call(atoll, 'PATCH', `${members(tenant.id)}/${owner.userId}`, owner, { body: { role: 'admin' }, status: 409, code: 'TENANTS_LAST_OWNER' });
    const second = await memberOf(atoll, tenant.id, owner, 'owner');
    await call(atoll, 'PATCH', `${members(tenant.id)}/${owner.userId}`, owner, { body: { role: 'admin' }, status: 200 });
    await call(atoll, 'PATCH', `${members(tenant.id)}/${second.userId}`, second, { body: { role: 'member' }, status: 409, code: 'TENANTS_LAST_OWNER' });
  });

  it('refuses admins touching the owner role (403 TENANTS_OWNER_ONLY)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const admin = await memberOf(atoll, tenant.id, owner, 'admin');
    const member = await memberOf(atoll, tenant.id, owner, 'member');
    await call(atoll, 'PATCH', `${members(tenant.id)}/${member.userId}`, admin, { body: { role: 'owner' }, status: 403, code: 'TENANTS_OWNER_ONLY' });
    await call(atoll, 'PATCH', `${members(tenant.id)}/${owner.userId}`, admin, { body: { role: 'viewer' }, status: 403, code: 'TENANTS_OWNER_ONLY' });
    await call(atoll, 'PATCH', `${members(tenant.id)}/${admin.userId}`, admin, { body: { role: 'owner' }, status: 403 });
    await call(atoll, 'PATCH', `${members(tenant.id)}/${member.userId}`, admin, { body: { role: 'viewer' }, status: 200 });
  });

  it('answers 404 for a non-member user, 400 for a bad role, 403 for viewers, 401 anonymous', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const viewer = await memberOf(atoll, tenant.id, owner, 'viewer');
    await call(atoll, 'PATCH', `${members(tenant.id)}/${crypto.randomUUID()}`, owner, { body: { role: 'member' }, status: 404, code: 'TENANTS_MEMBER_NOT_FOUND' });
    await call(atoll, 'PATCH', `${members(tenant.id)}/${viewer.userId}`, owner, { body: { role: 'boss' }, status: 400 });
    await call(atoll, 'PATCH', `${members(tenant.id)}/${viewer.userId}`, viewer, { body: { role: 'admin' }, status: 403 });
    await call(atoll, 'PATCH', `${members(tenant.id)}/${viewer.userId}`, null, { body: { role: 'admin' }, status: 401 });
  });
});

describe('DELETE /tenants/{id}/members/{userId}', () => {
  it('removes a member, who loses access at once', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const user = await memberOf(atoll, tenant.id, owner, 'admin');
    await call(atoll, 'GET', members(tenant.id), user, { status: 200 });
    await call(atoll, 'DELETE', `${members(tenant.id)}/${user.userId}`, owner, { status: 204 });
    await call(atoll, 'GET', members(tenant.id), user, { status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
    await call(atoll, 'GET', `/api/v1/tenants/${tenant.slug}`, user, { status: 404 });
    await call(atoll, 'GET', '/api/v1/things', user, { tenant: tenant.id, status: 404 });
    expect((await call(atoll, 'GET', '/api/v1/tenants', user, { status: 200 })).items).toEqual([]);
    await call(atoll, 'DELETE', `${members(tenant.id)}/${user.userId}`, owner, { status: 404, code: 'TENANTS_MEMBER_NOT_FOUND' });
  });

  it('keeps the last owner (409) and stops admins removing owners (403)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await call(atoll, 'DELETE', `${members(tenant.id)}/${owner.userId}`, owner, { status: 409, code: 'TENANTS_LAST_OWNER' });
    const admin = await memberOf(atoll, tenant.id, owner, 'admin');
    await call(atoll, 'DELETE', `${members(tenant.id)}/${owner.userId}`, admin, { status: 403, code: 'TENANTS_OWNER_ONLY' });
    const second = await memberOf(atoll, tenant.id, owner, 'owner');
    await call(atoll, 'DELETE', `${members(tenant.id)}/${second.userId}`, admin, { status: 403 });
    await call(atoll, 'DELETE', `${members(tenant.id)}/${second.userId}`, owner, { status: 204 });
  });

  it('needs admin (member 403), hides the tenant from strangers (404), 401 anonymous', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const member = await memberOf(atoll, tenant.id, owner, 'member');
    const viewer = await memberOf(atoll, tenant.id, owner, 'viewer');
    await call(atoll, 'DELETE', `${members(tenant.id)}/${viewer.userId}`, member, { status: 403 });
    await call(atoll, 'DELETE', `${members(tenant.id)}/${viewer.userId}`, await signUp(atoll), { status: 404 });
    await call(atoll, 'DELETE', `${members(tenant.id)}/${viewer.userId}`, null, { status: 401 });
  });
});
