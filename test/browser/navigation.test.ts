// Navigation and tenancy as a person meets them, in headless Chromium against the real stack: a deep
// link survives sign-in, registration and the tenant choice (`next`); a user with one tenant lands
// in it; the settings area (members, API keys, audit log) is reachable from the layout; the home
// page shows a getting-started checklist that ticks once a dataset exists, and recent items.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useStack } from './harness';
import { htmxIdle, shown, uniqueId, visit } from './page-actions';
import { pageApi } from './page-tour';

const stack = useStack();

const PASSWORD = 'a long enough passphrase';
const pathOf = (page: Page) => {
  const u = new URL(page.url());
  return `${u.pathname}${u.search}`;
};

/** Fills fields by selector, clicks the form's submit button and waits for the page it leads to. */
async function submitForm(page: Page, form: string, fields: Record<string, string>) {
  for (const [selector, value] of Object.entries(fields)) await page.locator(selector).fill(value);
  await Promise.all([page.waitForEvent('load'), page.locator(`${form} button[type=submit]`).click()]);
  await htmxIdle(page);
}

/** Registers through the page and creates one tenant through its form; returns who and which. */
async function userWithTenant(page: Page) {
  const id = uniqueId();
  const user = { email: `nav-${id}@example.com`, tenant: { name: `Nav Co ${id}`, slug: `nav-${id}` } };
  await visit(page, '/app/register');
  await submitForm(page, 'form[action="/app/register"]', { '#name': 'Nadia Nav', '#email': user.email, '#password': PASSWORD });
  await visit(page, '/app/tenants/new');
  await submitForm(page, 'form[action="/app/tenants/new"]', { '#tenant-name': user.tenant.name, '#tenant-slug': user.tenant.slug });
  return user;
}

const chosenTenant = (page: Page) => page.locator('#tenant-switcher option:checked').innerText();

describe('navigation and tenancy in headless Chromium', () => {
  it('signs in from a deep link and lands on it, in the user’s only tenant', async () => {
    const { context, page, problems } = await openPage(stack);
    const user = await userWithTenant(page);
    await context.clearCookies(); // a new browser: no session, no tenant chosen

    await page.goto('/app/datasets?view=all');
    expect(pathOf(page), await shown(page)).toBe('/app/login?next=%2Fapp%2Fdatasets%3Fview%3Dall');
    await submitForm(page, 'form[action="/app/login"]', { '#email': user.email, '#password': PASSWORD });
    expect(pathOf(page), await shown(page)).toBe('/app/datasets?view=all');
    await expect(page.title()).resolves.toBe('Datasets · Atoll');
    await expect(chosenTenant(page), await shown(page)).resolves.toBe(user.tenant.name);
    expect(problems).toEqual([]);
  });

  it('registers from a deep link, creates the first tenant, and goes on to the deep link', async () => {
    const { page, problems } = await openPage(stack);
    const id = uniqueId();
    await page.goto('/app/projects');
    expect(pathOf(page), await shown(page)).toBe('/app/login?next=%2Fapp%2Fprojects');
    await page.locator('main a', { hasText: 'Create one' }).click();
    await page.waitForURL('**/app/register?next=*');
    expect(pathOf(page), await shown(page)).toBe('/app/register?next=%2Fapp%2Fprojects');
    await submitForm(page, 'form[action="/app/register"]', { '#email': `nav-reg-${id}@example.com`, '#password': PASSWORD });
    // No tenant yet: the chooser keeps the deep link, and so does the new-tenant form.
    expect(pathOf(page), await shown(page)).toBe('/app/tenants?next=%2Fapp%2Fprojects');
    await page.locator('main a', { hasText: 'New tenant' }).click();
    await page.waitForURL('**/app/tenants/new?next=*');
    await htmxIdle(page);
    await submitForm(page, 'form[action="/app/tenants/new"]', { '#tenant-name': `Reg Co ${id}`, '#tenant-slug': `reg-${id}` });
    expect(pathOf(page), await shown(page)).toBe('/app/projects');
    await expect(chosenTenant(page), await shown(page)).resolves.toBe(`Reg Co ${id}`);
    expect(problems).toEqual([]);
  });

  it('with several tenants, the chooser keeps the deep link and opens it in the chosen tenant', async () => {
    const { context, page, problems } = await openPage(stack);
    const user = await userWithTenant(page);
    const second = { name: `Second ${uniqueId()}`, slug: `second-${uniqueId()}` };
    await pageApi(page, 'POST', '/api/v1/tenants', { json: second });
    await context.clearCookies();

    await page.goto('/app/dashboards');
    await submitForm(page, 'form[action="/app/login"]', { '#email': user.email, '#password': PASSWORD });
    expect(pathOf(page), await shown(page)).toBe('/app/tenants?next=%2Fapp%2Fdashboards');
    await expect(page.locator('#choose-tenant').innerText()).resolves.toContain('/app/dashboards');
    await Promise.all([page.waitForEvent('load'), page.locator(`#tenants tr[data-tenant="${second.slug}"] button[type=submit]`).click()]);
    await htmxIdle(page);
    expect(pathOf(page), await shown(page)).toBe('/app/dashboards');
    await expect(chosenTenant(page), await shown(page)).resolves.toBe(second.name);
    expect(problems).toEqual([]);
  });

  it('reaches members, API keys and the audit log from the layout’s Settings link', async () => {
    const { page, problems } = await openPage(stack);
    const user = await userWithTenant(page);
    await visit(page, '/');
    await page.locator('nav[aria-label="Main"] a', { hasText: 'Settings' }).click();
    await page.waitForURL('**/app/settings');
    await htmxIdle(page);
    await expect(page.locator('#settings-current-tenant').innerText(), await shown(page)).resolves.toContain(user.tenant.name);

    const settingsNav = page.locator('nav[aria-label="Settings"]');
    await settingsNav.locator('a', { hasText: 'Members' }).click();
    await page.waitForURL('**/app/tenants/members');
    await expect(page.locator('#members').innerText(), await shown(page)).resolves.toContain(user.email);

    await settingsNav.locator('a', { hasText: 'API keys' }).click();
    await page.waitForURL('**/app/tenants/api-keys');
    await expect(page.locator('#create-api-key').count(), await shown(page)).resolves.toBe(1);

    await settingsNav.locator('a', { hasText: 'Audit log' }).click();
    await page.waitForURL('**/app/tenants/audit');
    await htmxIdle(page);
    await expect(page.locator('#audit-log tr[data-action="tenants.tenant_created"]').count(), await shown(page)).resolves.toBe(1);
    await expect(settingsNav.locator('a[aria-current="page"]').innerText()).resolves.toBe('Audit log');
    expect(problems).toEqual([]);
  });

  it('shows a getting-started checklist on the home page that ticks once a dataset exists, and the dataset under Recent', async () => {
    const { page, problems } = await openPage(stack);
    await userWithTenant(page);
    await visit(page, '/');
    const step = (label: string) => page.locator('#getting-started li', { hasText: label });
    await expect(step('Create a tenant').getAttribute('class'), await shown(page)).resolves.toBe('done');
    await expect(step('Upload a dataset').getAttribute('class'), await shown(page)).resolves.toBe('todo');
    await expect(step('Upload a dataset').locator('.step-state').innerText()).resolves.toBe('To do');
    await expect(page.locator('#no-recent').count()).resolves.toBe(1);
    // Infrastructure status is no longer on the home page.
    await expect(page.locator('#main ul.checks').count()).resolves.toBe(0);

    const { dataset } = await pageApi(page, 'POST', '/api/v1/datasets', { json: { name: 'home_temps', kind: 'metric', format: 'csv' } });
    await visit(page, '/');
    await expect(step('Upload a dataset').getAttribute('class'), await shown(page)).resolves.toBe('done');
    await expect(step('Upload a dataset').locator('.step-state').innerText()).resolves.toBe('Done');
    await expect(step('Build a dashboard').getAttribute('class')).resolves.toBe('todo');
    const recent = page.locator('#recent-items a', { hasText: 'home_temps' });
    await expect(recent.getAttribute('href'), await shown(page)).resolves.toBe(`/app/datasets/${dataset.id}`);
    await step('Build a dashboard').locator('a').click();
    await page.waitForURL('**/app/dashboards');
    expect(problems).toEqual([]);
  });
});
