import { describe, expect, it } from 'vitest';
import { send } from '../../test/worker/harness';
import { type SignedUp, signUp } from '../../test/worker/identity';
import { htmlOf as html } from '../../test/worker/pages';
import { bootTenants, call, memberOf, ownerWithTenant, uniqueSlug } from './testing';

const atoll = await bootTenants();

/** A page request as `user` (bearer token), with the tenant cookie when given. */
function page(user: SignedUp, path: string, options: { tenant?: string; form?: Record<string, string | string[]>; htmx?: boolean } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${user.accessToken}` };
  if (options.tenant) headers.cookie = `atoll_tenant=${options.tenant}`;
  if (options.htmx) headers['hx-request'] = 'true';
  if (!options.form) return send(atoll, path, { headers });
  headers['content-type'] = 'application/x-www-form-urlencoded';
  // A list is one field sent several times, as checked checkboxes are.
  const fields = Object.entries(options.form).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one): [string, string] => [k, one]));
  return send(atoll, path, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
}

describe('tenant pages', () => {
  it('sends signed-out browsers to the login page', async () => {
    const res = await send(atoll, '/app/tenants/members');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/login?next=%2Fapp%2Ftenants%2Fmembers');
  });

  it('creates a tenant from the form, switches to it and opens its members page', async () => {
    const user = await signUp(atoll);
    const form = await html(await page(user, '/app/tenants/new'));
    expect(form).toContain('id="tenant-name"');
    expect(form).toContain('id="tenant-slug"');
    expect(form).toContain('<button type="submit">Create tenant</button>');
    const slug = uniqueSlug('page');
    const res = await page(user, '/app/tenants/new', { form: { name: 'Page Co', slug } });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toBe('/app/tenants/members');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^atoll_tenant=[0-9a-f-]{36}; /);
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('SameSite=Lax');
    const tenantId = /^atoll_tenant=([^;]+)/.exec(cookie)![1]!;
    expect((await call(atoll, 'GET', `/api/v1/tenants/${slug}`, user, { status: 200 })).id).toBe(tenantId);

    const members = await html(await page(user, '/app/tenants/members', { tenant: tenantId }));
    expect(members).toContain('Page Co');
    expect(members).toContain(user.email);
    expect(members).toContain('id="member-email"');
    expect(members).toContain('id="member-role"');
    // The header's switcher lists the user's tenants with the current one selected.
    expect(members).toMatch(new RegExp(`<select id="tenant-switcher" name="tenant"><option value="${tenantId}" selected="">Page Co</option>`));
  });

  it('shows form errors through the kernel (400 naming fields; 409 for a taken slug)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const bad = await page(owner, '/app/tenants/new', { form: { name: '', slug: 'NO' }, htmx: true });
    const text = await html(bad, 400);
    expect(text).toContain('<li data-field="slug"><span class="field-label">Slug</span>: ');
    await html(await page(owner, '/app/tenants/new', { form: { name: 'x', slug: tenant.slug }, htmx: true }), 409);
  });

  it('lists the tenants and answers htmx posts with HX-Redirect', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const list = await html(await page(owner, '/app/tenants'));
    expect(list).toContain(`<code>${tenant.slug}</code>`);
    expect(list).toContain('href="/app/tenants"');
    const res = await page(owner, '/app/tenants/switch', { form: { tenant: tenant.slug, next: '/app/tenants/api-keys' }, htmx: true });
    expect(res.status).toBe(204);
    expect(res.headers.get('hx-redirect')).toBe('/app/tenants/api-keys');
    expect(res.headers.get('set-cookie')).toContain(`atoll_tenant=${tenant.id}`);
  });

  it('switches only to a tenant the user belongs to, and only redirects locally', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const { tenant: foreign } = await ownerWithTenant(atoll);
    await html(await page(owner, '/app/tenants/switch', { form: { tenant: foreign.id }, htmx: true }), 404);
    const res = await page(owner, '/app/tenants/switch', { form: { tenant: tenant.id, next: '//evil.example/' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/tenants');
  });

  it('adds, re-roles and removes members from the members page', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const user = await signUp(atoll);
    const added = await page(owner, '/app/tenants/members', { tenant: tenant.id, form: { email: user.email, role: 'viewer' } });
    expect(added.status, await added.clone().text()).toBe(303);
    expect((await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}`, user, { status: 200 })).role).toBe('viewer');
    const listed = await html(await page(owner, '/app/tenants/members', { tenant: tenant.id }));
    expect(listed).toContain(user.email);
    expect(listed).toContain('hx-confirm="Remove');
    expect((await page(owner, '/app/tenants/members/role', { tenant: tenant.id, form: { userId: user.userId, role: 'admin' } })).status).toBe(303);
    expect((await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}`, user, { status: 200 })).role).toBe('admin');
    await html(await page(owner, '/app/tenants/members/remove', { tenant: tenant.id, form: { userId: owner.userId }, htmx: true }), 409);
    expect((await page(owner, '/app/tenants/members/remove', { tenant: tenant.id, form: { userId: user.userId } })).status).toBe(303);
    await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}`, user, { status: 404 });
  });

  it('keeps viewers to reading, and outsiders out', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const viewer = await memberOf(atoll, tenant.id, owner, 'viewer');
    const read = await html(await page(viewer, '/app/tenants/members', { tenant: tenant.id }));
    expect(read).toContain(owner.email);
    expect(read).not.toContain('id="member-email"');
    await html(await page(viewer, '/app/tenants/members', { tenant: tenant.id, form: { email: viewer.email, role: 'owner' }, htmx: true }), 403);
    const stranger = await signUp(atoll);
    const none = await html(await page(stranger, '/app/tenants/members', { tenant: tenant.id }));
    expect(none).toContain('id="no-tenant"');
    expect(none).not.toContain(owner.email);
    await html(await page(stranger, '/app/tenants/api-keys', { tenant: tenant.id, form: { name: 'x', scopes: 'a:b' }, htmx: true }), 403);
  });

  it('creates an API key showing its secret once, lists and revokes it', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    // The scopes are checkboxes of the installed plugins' scopes, grouped by plugin.
    const form = await html(await page(owner, '/app/tenants/api-keys', { tenant: tenant.id }));
    expect(form).toMatch(
      /<fieldset class="scope-group" data-group="things"><legend>things<\/legend><label for="scope-things-read"><input type="checkbox" id="scope-things-read" name="scopes" value="things:read"\/?> read<\/label>/,
    );
    expect(form).not.toContain('<input id="api-key-scopes"');
    const created = await html(await page(owner, '/app/tenants/api-keys', { tenant: tenant.id, form: { name: 'deploy', scopes: ['things:read', 'things:write'] } }));
    const secret = /id="api-key-secret" readonly="" value="(atk_[^"]+)"/.exec(created)?.[1];
    expect(created).toContain('data-copy="#api-key-secret"');
    expect(secret, created).toBeDefined();
    expect((await call(atoll, 'GET', '/api/v1/things', secret!, { status: 200 })).principal.scopes).toEqual(['things:read', 'things:write']);
    const listed = await html(await page(owner, '/app/tenants/api-keys', { tenant: tenant.id }));
    expect(listed).toContain('deploy');
    expect(listed).not.toContain(secret!);
    const keyId = /data-key="([0-9a-f-]+)"/.exec(listed)![1]!;
    expect((await page(owner, '/app/tenants/api-keys/revoke', { tenant: tenant.id, form: { keyId } })).status).toBe(303);
    await call(atoll, 'GET', '/api/v1/things', secret!, { status: 401 });
    await html(await page(owner, '/app/tenants/api-keys', { tenant: tenant.id, form: { name: 'bad', scopes: 'NOPE' }, htmx: true }), 400);
    const unknown = await html(await page(owner, '/app/tenants/api-keys', { tenant: tenant.id, form: { name: 'bad', scopes: ['things:read', 'made:up'] }, htmx: true }), 400);
    expect(unknown).toContain('made:up');
    await html(await page(owner, '/app/tenants/api-keys', { tenant: tenant.id, form: { name: 'none' }, htmx: true }), 400);
    const one = await html(await page(owner, '/app/tenants/api-keys', { tenant: tenant.id, form: { name: 'one', scopes: 'things:read' } }));
    expect(one).toContain('id="api-key-secret"');
  });
});
