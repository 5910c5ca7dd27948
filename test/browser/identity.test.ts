// The identity flow as a person does it, in headless Chromium against the real stack: register,
// sign in, create a tenant, add a member, pick a theme (applied by the server, no flash), sign out.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useStack } from './harness';
import { htmxIdle, shown, uniqueId, visit } from './page-actions';

const stack = useStack();

/**
 * Fills the form's fields (by input id) and submits it with its submit button. Plain posts and
 * htmx redirects end in a new document: waits for its load; boosted swaps: waits for htmx to settle.
 */
async function submitForm(page: Page, fields: Record<string, string>) {
  const form = page.locator('form', { has: page.locator(Object.keys(fields)[0]!) });
  for (const [selector, value] of Object.entries(fields)) {
    const field = page.locator(selector);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  const loaded = page.waitForEvent('load').then(
    () => true,
    () => false,
  );
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(stack.baseUrl));
  await form.locator('button[type=submit]').click();
  const response = await posted;
  if (response.request().isNavigationRequest() || response.headers()['hx-redirect']) {
    expect(await loaded, `no page loaded after POST ${response.url()} -> ${response.status()}`).toBe(true);
  }
  await htmxIdle(page);
  return response;
}

const pathOf = (page: Page) => new URL(page.url()).pathname;
const headerText = (page: Page) => page.locator('header .header-widgets').innerText();

/** `POST /api/v1/auth/register` from Node, as an API client would. */
async function registerByApi(user: { email: string; password: string; name: string }) {
  const res = await fetch(`${stack.baseUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  const text = await res.text();
  expect(res.status, `POST /api/v1/auth/register -> ${res.status}: ${text}`).toBe(201);
}

describe('identity flow in headless Chromium', () => {
  it('registers, signs in, creates a tenant, adds a member, keeps the theme without a flash, signs out', async () => {
    const { context, page, problems } = await openPage(stack);
    const id = uniqueId();
    const owner = { name: 'Olga Owner', email: `owner-${id}@example.com`, password: 'correct horse battery staple' };
    const member = { name: 'Mark Member', email: `member-${id}@example.com`, password: 'another long passphrase' };
    const tenant = { name: `Browser Co ${id}`, slug: `browser-${id}` };

    // Register through the page: the account is created and the browser signed in.
    await visit(page, '/app/register');
    await submitForm(page, { '#name': owner.name, '#email': owner.email, '#password': owner.password });
    expect(pathOf(page), await shown(page)).toBe('/');
    await expect(headerText(page), await shown(page)).resolves.toContain(owner.email);

    // Sign in from a clean slate (no cookies): the login page, then the header knows who we are.
    await context.clearCookies();
    await visit(page, '/app/login');
    await expect(headerText(page)).resolves.not.toContain(owner.email);
    await submitForm(page, { '#email': owner.email, '#password': owner.password });
    expect(pathOf(page), await shown(page)).toBe('/');
    await expect(headerText(page), await shown(page)).resolves.toContain(owner.email);

    // Create a tenant: it becomes the current one (switcher) and its members page opens.
    await visit(page, '/app/tenants/new');
    await submitForm(page, { '#tenant-name': tenant.name, '#tenant-slug': tenant.slug });
    await expect(page.locator('#flash').innerText(), await shown(page)).resolves.toBe('');
    expect(pathOf(page), await shown(page)).toBe('/app/tenants/members');
    await expect(page.locator('main').innerText(), await shown(page)).resolves.toMatch(new RegExp(`Members of ${tenant.name}[\\s\\S]*You are owner`));
    await expect(page.locator('#tenant-switcher option:checked').innerText(), await shown(page)).resolves.toBe(tenant.name);
    await visit(page, '/app/tenants');
    await expect(page.locator(`#tenants tr[data-tenant="${tenant.slug}"]`).innerText(), await shown(page)).resolves.toMatch(/owner/);

    // Add a second user (registered through the API) as a member by email and role.
    await registerByApi(member);
    await visit(page, '/app/tenants/members');
    await submitForm(page, { '#member-email': member.email, '#member-role': 'member' });
    await expect(page.locator('#flash').innerText(), await shown(page)).resolves.toBe('');
    expect(pathOf(page), await shown(page)).toBe('/app/tenants/members');
    const row = page.locator('#members tbody tr').filter({ hasText: member.email });
    await expect(row.count(), await shown(page)).resolves.toBe(1);
    await expect(row.locator('td').nth(1).innerText()).resolves.toBe(member.name);
    await expect(row.locator('td').nth(2).innerText()).resolves.toBe('member');
    // Still there after a full reload, i.e. stored, not only swapped in.
    await page.reload();
    await expect(page.locator('#members tbody').innerText(), await shown(page)).resolves.toContain(member.email);

    // Theme: dark is rendered into the server's HTML, so there is no flash of the other theme.
    await visit(page, '/app/account/preferences');
    await submitForm(page, { '#theme': 'dark' });
    expect(pathOf(page), await shown(page)).toBe('/app/account/preferences');
    await expect(page.locator('#saved').innerText(), await shown(page)).resolves.toContain('saved');
    const initial = await context.request.get('/app/account/preferences');
    const html = await initial.text();
    expect(initial.status(), html).toBe(200);
    expect(html, 'the <html> element of the server-rendered page').toMatch(/<html[^>]*\sdata-theme="dark"/);
    await page.reload();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background, 'dark theme background').toBe('rgb(17, 20, 24)');

    // Sign out from the header; protected pages then send the browser to the login page.
    await Promise.all([page.waitForURL('**/app/login'), page.locator('header form[action="/app/logout"] button[type=submit]').click()]);
    await expect(page.locator('header a.sign-in').innerText(), await shown(page)).resolves.toBe('Sign in');
    for (const path of ['/app/account/preferences', '/app/tenants/members']) {
      await page.goto(path);
      expect(pathOf(page), `${path}: ${await shown(page)}`).toBe('/app/login');
    }
    await expect(headerText(page)).resolves.not.toContain(owner.email);

    expect(problems).toEqual([]);
  });
});
