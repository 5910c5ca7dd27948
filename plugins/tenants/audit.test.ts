import { describe, expect, it } from 'vitest';
import { bodyOf, send } from '../../test/worker/harness';
import { signUp } from '../../test/worker/identity';
import { bootTenants, call, memberOf, ownerWithTenant } from './testing';

const atoll = await bootTenants();
const auditOf = (id: string) => `/api/v1/tenants/${id}/audit`;
type Entry = { action: string; actorType: string; actorId: string | null; targetType: string | null; targetId: string | null; data: Record<string, unknown>; requestId: string | null };

describe('GET /tenants/{id}/audit', () => {
  it('records every change with its actor, newest first, in the same request', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const user = await memberOf(atoll, tenant.id, owner, 'viewer');
    await call(atoll, 'PATCH', `/api/v1/tenants/${tenant.id}/members/${user.userId}`, owner, { body: { role: 'member' }, status: 200 });
    await call(atoll, 'DELETE', `/api/v1/tenants/${tenant.id}/members/${user.userId}`, owner, { status: 204 });
    const key = await call(atoll, 'POST', `/api/v1/tenants/${tenant.id}/api-keys`, owner, { body: { name: 'ci', scopes: ['things:read'] }, status: 201 });
    await call(atoll, 'DELETE', `/api/v1/tenants/${tenant.id}/api-keys/${key.id}`, owner, { status: 204 });
    await call(atoll, 'PATCH', `/api/v1/tenants/${tenant.id}`, owner, { body: { name: 'Renamed' }, status: 200 });

    const { items, nextCursor } = await call(atoll, 'GET', auditOf(tenant.id), owner, { status: 200 });
    expect(nextCursor).toBeNull();
    expect(items.map((e: Entry) => [e.action, e.targetId, e.data])).toEqual([
      ['tenants.tenant_updated', tenant.id, { name: 'Renamed' }],
      ['tenants.api_key_revoked', key.id, {}],
      ['tenants.api_key_created', key.id, { name: 'ci', scopes: ['things:read'], role: 'member' }],
      ['tenants.member_removed', user.userId, { role: 'member' }],
      ['tenants.member_role_changed', user.userId, { from: 'viewer', to: 'member' }],
      ['tenants.member_added', user.userId, { role: 'viewer' }],
      ['tenants.tenant_created', tenant.id, { slug: tenant.slug, name: `owner tenant` }],
    ]);
    expect(items.every((e: Entry) => e.actorType === 'user' && e.actorId === owner.userId && e.requestId)).toBe(true);
  });

  it('records a sign-in in every tenant the user belongs to', async () => {
    const { owner, tenant: first } = await ownerWithTenant(atoll);
    const { owner: other, tenant: second } = await ownerWithTenant(atoll);
    await call(atoll, 'POST', `/api/v1/tenants/${second.id}/members`, other, { body: { email: owner.email, role: 'admin' }, status: 201 });
    const login = await send(atoll, '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: owner.email, password: owner.password }) });
    expect(login.status, JSON.stringify(await bodyOf(login))).toBe(200);
    for (const tenant of [first, second]) {
      const [latest] = (await call(atoll, 'GET', auditOf(tenant.id), owner, { status: 200 })).items as Entry[];
      expect(latest).toMatchObject({ action: 'auth.sign_in', actorType: 'user', actorId: owner.userId, targetId: owner.userId });
    }
    const signIns = (await call(atoll, 'GET', auditOf(second.id), other, { status: 200 })).items.filter((e: Entry) => e.action === 'auth.sign_in');
    expect(signIns.map((e: Entry) => e.actorId)).toEqual([owner.userId]);
  });

  it('pages newest first with a cursor', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    for (const name of ['a', 'b', 'c']) await call(atoll, 'PATCH', `/api/v1/tenants/${tenant.id}`, owner, { body: { name }, status: 200 });
    const all = (await call(atoll, 'GET', auditOf(tenant.id), owner, { status: 200 })).items as (Entry & { id: string })[];
    expect(all).toHaveLength(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await call(atoll, 'GET', `${auditOf(tenant.id)}?limit=3${cursor ? `&cursor=${cursor}` : ''}`, owner, { status: 200 });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    await call(atoll, 'GET', `${auditOf(tenant.id)}?cursor=bogus`, owner, { status: 400, code: 'TENANTS_INVALID_CURSOR' });
  });

  it('shows only its own tenant; needs admin (member 403), 404 for strangers, 401 anonymous', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const { tenant: other } = await ownerWithTenant(atoll);
    const items = (await call(atoll, 'GET', auditOf(tenant.id), owner, { status: 200 })).items as Entry[];
    expect(items.some((e) => e.targetId === other.id)).toBe(false);
    const member = await memberOf(atoll, tenant.id, owner, 'member');
    const admin = await memberOf(atoll, tenant.id, owner, 'admin');
    await call(atoll, 'GET', auditOf(tenant.id), member, { status: 403 });
    await call(atoll, 'GET', auditOf(tenant.id), admin, { status: 200 });
    await call(atoll, 'GET', auditOf(other.id), owner, { status: 404 });
    await call(atoll, 'GET', auditOf(tenant.id), await signUp(atoll), { status: 404 });
    await call(atoll, 'GET', auditOf(tenant.id), null, { status: 401 });
  });
});
