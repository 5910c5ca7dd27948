// The settings area, the tenant chooser's `next`, landing in a user's only tenant at sign-in, the
// audit log page, and the tenants plugin's steps on the signed-in home page.
import { describe, expect, it } from 'vitest';
import { send } from '../../test/worker/harness';
import { type SignedUp, signUp } from '../../test/worker/identity';
import { htmlOf as html } from '../../test/worker/pages';
import { bootTenants, call, memberOf, ownerWithTenant, uniqueSlug } from './testing';

const atoll = await bootTenants();

/** A page request as `user` (bearer token), with the tenant cookie when given. */
function page(user: SignedUp, path: string, tenant?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${user.accessToken}` };
  if (tenant) headers.cookie = `atoll_tenant=${tenant}`;
  return send(atoll, path, { headers });
}

const setCookies = (res: Response) => (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
const tenantCookie = (res: Response) => setCookies(res).find((c) => c.startsWith('atoll_tenant='));

/** Signs in through the login page (a plain form post, as a browser does). */
const pageLogin = (user: SignedUp, next: string) =>
  send(atoll, '/app/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: user.email, password: user.password, next }).toString(),
  });

describe('tenant chooser with next', () => {
  it('puts a user with one tenant in it and sends them on to next', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll, 'chooser');
    const res = await page(owner, '/app/tenants?next=%2Fapp%2Fthings%3Fx%3D1');
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toBe('/app/things?x=1');
    expect(tenantCookie(res)).toMatch(new RegExp(`^atoll_tenant=${tenant.id}; `));
  });

  it('with several tenants, lists them and each choice continues to next', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll, 'several');
    await call(atoll, 'POST', '/api/v1/tenants', owner, { body: { name: 'Second', slug: uniqueSlug('second') }, status: 201 });
    const res = await page(owner, '/app/tenants?next=%2Fapp%2Fthings');
    const text = await html(res);
    expect(tenantCookie(res)).toBeUndefined();
    expect(text).toContain('id="choose-tenant"');
    // Each tenant's Open button, and the header's switcher.
    expect(text.match(/<input type="hidden" name="next" value="\/app\/things"\/>/g)).toHaveLength(3);
    const chosen = await send(atoll, '/app/tenants/switch', {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ tenant: tenant.id, next: '/app/things' }).toString(),
    });
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get('location')).toBe('/app/things');
  });

  it.each(['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)'])('ignores an off-site next (%s)', async (next) => {
    const { owner } = await ownerWithTenant(atoll, 'offsite');
    const text = await html(await page(owner, `/app/tenants?next=${encodeURIComponent(next)}`));
    expect(text).not.toContain('evil.example');
    expect(text).toContain('<input type="hidden" name="next" value="/app/tenants/members"/>');
  });
});

describe('signing in through the pages', () => {
  it('puts a user with exactly one tenant in it, and leaves others to choose', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll, 'single');
    const res = await pageLogin(owner, '/app/things');
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toBe('/app/things');
    expect(tenantCookie(res)).toMatch(new RegExp(`^atoll_tenant=${tenant.id}; `));

    const two = await ownerWithTenant(atoll, 'two');
    await call(atoll, 'POST', '/api/v1/tenants', two.owner, { body: { name: 'Other', slug: uniqueSlug('other') }, status: 201 });
    expect(tenantCookie(await pageLogin(two.owner, '/'))).toBeUndefined();
    expect(tenantCookie(await pageLogin(await signUp(atoll), '/'))).toBeUndefined();
  });

  it('sets no tenant cookie on an API sign-in', async () => {
    const { owner } = await ownerWithTenant(atoll, 'api');
    const res = await send(atoll, '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: owner.email, password: owner.password }) });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(tenantCookie(res)).toBeUndefined();
  });
});

describe('settings area', () => {
  it('is in the main navigation and links an owner to members, API keys and the audit log', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll, 'settings');
    const text = await html(await page(owner, '/app/settings', tenant.id));
    expect(text).toMatch(/<nav aria-label="Main">[\s\S]*<a href="\/app\/settings" aria-current="page">Settings<\/a>/);
    const sub = /<nav aria-label="Settings"[\s\S]*?<\/nav>/.exec(text)![0];
    expect([...sub.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual(['/app/settings', '/app/tenants/members', '/app/tenants/api-keys', '/app/tenants/audit', '/app/tenants']);
    expect(text).toContain(`You are in <strong>${tenant.name}</strong>`);
    expect(text).not.toContain('id="settings-platform"'); // not a platform admin
  });

  it('leaves the admin pages out for a viewer, and prompts for a tenant when none is chosen', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll, 'viewer');
    const viewer = await memberOf(atoll, tenant.id, owner, 'viewer');
    const text = await html(await page(viewer, '/app/settings', tenant.id));
    expect(text).toContain('href="/app/tenants/members"');
    expect(text).not.toContain('href="/app/tenants/api-keys"');
    expect(text).not.toContain('href="/app/tenants/audit"');
    expect(await html(await page(viewer, '/app/settings'))).toContain('id="no-tenant"');
    const signedOut = await send(atoll, '/app/settings');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/app/login?next=%2Fapp%2Fsettings');
  });
});

describe('audit log page', () => {
  it('shows the tenant’s entries to an owner, newest first', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll, 'audit');
    await memberOf(atoll, tenant.id, owner, 'member');
    const text = await html(await page(owner, '/app/tenants/audit', tenant.id));
    const actions = [...text.matchAll(/<tr data-action="([^"]+)"/g)].map((m) => m[1]);
    expect(actions).toContain('tenants.tenant_created');
    expect(actions.indexOf('tenants.member_added')).toBeLessThan(actions.indexOf('tenants.tenant_created'));
  });

  it('refuses a member (403), answers a bad cursor with 400, and prompts without a tenant', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll, 'audit-denied');
    const member = await memberOf(atoll, tenant.id, owner, 'member');
    await html(await page(member, '/app/tenants/audit', tenant.id), 403);
    await html(await page(owner, '/app/tenants/audit?cursor=not-a-cursor', tenant.id), 400);
    expect(await html(await page(owner, '/app/tenants/audit'))).toContain('id="no-tenant"');
  });
});

describe('home page steps', () => {
  it('ticks the steps the current tenant has done', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll, 'home');
    const before = await html(await page(owner, '/', tenant.id));
    expect(before).toContain('<li class="done"><strong class="step-state">Done</strong> <a href="/app/tenants/new">Create a tenant</a></li>');
    expect(before).toContain('<li class="todo"><strong class="step-state">To do</strong> <a href="/app/tenants/members">Invite a member</a></li>');
    await memberOf(atoll, tenant.id, owner, 'viewer');
    await call(atoll, 'POST', `/api/v1/tenants/${tenant.id}/api-keys`, owner, { body: { name: 'ci', scopes: ['things:read'] }, status: 201 });
    const after = await html(await page(owner, '/', tenant.id));
    expect(after).toContain('<li class="done"><strong class="step-state">Done</strong> <a href="/app/tenants/members">Invite a member</a></li>');
    expect(after).toContain('<li class="done"><strong class="step-state">Done</strong> <a href="/app/tenants/api-keys">Create an API key</a></li>');
    expect(after).toContain('All done.');
  });

  it('shows a new user the tenant step to do, and a signed-out visitor no checklist', async () => {
    const text = await html(await page(await signUp(atoll), '/'));
    expect(text).toContain('<li class="todo"><strong class="step-state">To do</strong> <a href="/app/tenants/new">Create a tenant</a></li>');
    expect(await html(await send(atoll, '/'))).not.toContain('id="getting-started"');
  });
});
