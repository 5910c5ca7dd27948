// Feedback as a person meets it in headless Chromium: a form post that worked says so once (not
// again after a reload), an empty list says what to do next, signing out says you are signed out,
// and the API key secret's Copy button answers "Copied".
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useStack } from './harness';
import { notice, shown, submit as submitTo, uniqueId, visit } from './page-actions';

const stack = useStack();

const submit = (page: Page, form: string, fields: Record<string, string>) => submitTo(page, stack.baseUrl, form, fields);

describe('feedback after form posts, on empty lists and on sign-out', () => {
  it('says what just happened once, and what to do next on an empty list', async () => {
    const { page, problems } = await openPage(stack);
    page.on('dialog', (dialog) => void dialog.accept()); // hx-confirm before deleting
    const id = uniqueId();
    await visit(page, '/app/register');
    await submit(page, 'form[action="/app/register"]', { '#name': 'Fay Feedback', '#email': `feedback-${id}@example.com`, '#password': 'a long enough passphrase' });
    await visit(page, '/app/tenants/new');
    await submit(page, 'form[action="/app/tenants/new"]', { '#tenant-name': `Feedback Co ${id}`, '#tenant-slug': `feedback-${id}` });
    expect(await notice(page), await shown(page)).toMatch(/^Tenant created/);

    // An empty list names the next step.
    await visit(page, '/app/projects');
    expect(await notice(page), 'the tenant notice was shown once already').toBeNull();
    await expect(page.locator('#no-projects').innerText(), await shown(page)).resolves.toBe('No projects yet. Create the first one above.');
    await visit(page, '/app/dashboards');
    await expect(page.locator('#no-dashboards').innerText(), await shown(page)).resolves.toBe('No dashboards yet. Create the first one above.');

    // Creating: the project's page says it was created, and a reload does not say it again.
    await visit(page, '/app/projects');
    await submit(page, '#create-project', { '#project-name': `Survey ${id}` });
    expect(new URL(page.url()).pathname, await shown(page)).toMatch(/^\/app\/projects\/[0-9a-f-]{36}$/);
    expect(await notice(page), await shown(page)).toBe('Project created.');
    await expect(page.locator('#flash').innerText()).resolves.toBe('');
    await page.reload();
    expect(await notice(page), `after a reload: ${await shown(page)}`).toBeNull();

    // Deleting: back on the list, which says so and is empty again.
    await submit(page, '#delete-project', {});
    expect(new URL(page.url()).pathname).toBe('/app/projects');
    expect(await notice(page), await shown(page)).toBe('Project deleted.');
    await expect(page.locator('#no-projects').count()).resolves.toBe(1);

    // The API key secret's Copy button.
    await visit(page, '/app/tenants/api-keys');
    await expect(page.locator('#no-api-keys').innerText(), await shown(page)).resolves.toMatch(/^No API keys yet\. Create one/);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.baseUrl });
    await page.locator('#scope-projects-read').check();
    await submit(page, '#create-api-key', { '#api-key-name': 'ci' });
    const copy = page.locator('button[data-copy="#api-key-secret"]');
    await copy.click();
    await expect.poll(() => copy.innerText()).toBe('Copied');

    expect(problems).toEqual([]);
  });

  it('says you are signed out on the sign-in page, once', async () => {
    const { page, problems } = await openPage(stack);
    const id = uniqueId();
    await visit(page, '/app/register');
    await submit(page, 'form[action="/app/register"]', { '#name': 'Sam Signout', '#email': `signout-${id}@example.com`, '#password': 'a long enough passphrase' });
    // The header's sign-out form is a plain post (not boosted): a 303 to the sign-in page.
    await Promise.all([page.waitForURL((url) => url.pathname === '/app/login', { waitUntil: 'load' }), page.locator('header form[action="/app/logout"] button[type=submit]').click()]);
    expect(new URL(page.url()).pathname, await shown(page)).toBe('/app/login');
    expect(await notice(page), await shown(page)).toBe('You are signed out.');
    await page.reload();
    expect(await notice(page), `after a reload: ${await shown(page)}`).toBeNull();
    expect(problems).toEqual([]);
  });
});
