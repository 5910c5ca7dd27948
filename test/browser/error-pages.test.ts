// Errors as a person meets them, in headless Chromium against the real stack: a mistyped address,
// an unknown or deleted item (typed, and from a stale link), a page for platform admins only, a
// form's action opened as a page, and forms that fail. Each is an HTML page inside the layout (or a
// flash by the form) in plain words, with the request id on a line of its own to quote.
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useStack } from './harness';
import { htmxIdle, shown, submit as submitTo, uniqueId, visit } from './page-actions';

const stack = useStack();

const submit = (page: Page, form: string, fields: Record<string, string>) => submitTo(page, stack.baseUrl, form, fields);

/** Registers through the page (which signs the browser in) and creates a tenant, the current one. */
async function signUpWithTenant(page: Page, who: string) {
  const id = uniqueId();
  const email = `${who}-${id}@example.com`;
  await visit(page, '/app/register');
  await submit(page, 'form[action="/app/register"]', { '#name': 'Erin Errors', '#email': email, '#password': 'a long enough passphrase' });
  await visit(page, '/app/tenants/new');
  await submit(page, 'form[action="/app/tenants/new"]', { '#tenant-name': `Errors Co ${id}`, '#tenant-slug': `errors-${id}` });
  return { id, email };
}

const linesOf = async (page: Page, selector: string) =>
  (await page.locator(selector).innerText())
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The response is an HTML page in the layout (navigation, the user's header), with the request id on a line of its own. */
async function expectErrorPage(page: Page, res: Response | null, status: number, email: string) {
  const context = `${res?.request().method()} ${res?.url()} -> ${res?.status()} ${res?.headers()['content-type']}: ${await shown(page)}`;
  expect(res?.status(), context).toBe(status);
  expect(res?.headers()['content-type'], context).toMatch(/^text\/html/);
  await expect(page.locator('header nav[aria-label="Main"] a[href="/"]').count(), context).resolves.toBe(1);
  await expect(page.locator('header .header-widgets').innerText(), context).resolves.toContain(email);
  const requestId = res!.headers()['x-request-id']!;
  expect(await linesOf(page, 'main'), context).toContainEqual(expect.stringMatching(new RegExp(`^Request id:? ${requestId}$`)));
  await expect(page.locator('#flash').innerText(), context).resolves.toBe('');
  await expect(page.locator('main').innerText(), context).resolves.not.toMatch(/KERNEL_|PROJECTS_|"status"|\{"type"/);
}

// The refusals this file asks for, as Chromium ("status of 404") and htmx ("Error Code 409") log them.
const isExpectedStatus = (line: string) => /(status of|Response Status Error Code) (403|404|405|409)\b/.test(line);

describe('error pages and form errors in headless Chromium', () => {
  it('shows 404, 403 and 405 as pages in the layout, also after a boosted link', async () => {
    const { page, problems } = await openPage(stack);
    const { email } = await signUpWithTenant(page, 'pages');

    // A mistyped address.
    await expectErrorPage(page, await page.goto('/app/unknown'), 404, email);
    await expect(page.locator('main h1').innerText()).resolves.toMatch(/not found/i);
    await expect(page.locator('main a[href="/"]').count(), await shown(page)).resolves.toBeGreaterThan(0);

    // An unknown id: the page says so and links back to the list.
    const missing = `/app/projects/${crypto.randomUUID()}`;
    await expectErrorPage(page, await page.goto(missing), 404, email);
    await expect(page.locator('main a[href="/app/projects"]').count(), await shown(page)).resolves.toBe(1);

    // A page for platform administrators only.
    await expectErrorPage(page, await page.goto('/app/admin/cluster'), 403, email);
    await expect(page.locator('main').innerText()).resolves.toMatch(/administrators/i);

    // A form's action opened as a page (it only takes POST).
    const wrongMethod = await page.goto(`${missing}/delete`);
    await expectErrorPage(page, wrongMethod, 405, email);
    expect(wrongMethod?.headers().allow).toBe('POST');

    // A stale link followed with htmx (boosted): the error page replaces the page, not a flash.
    await visit(page, '/app/projects');
    await page.evaluate((href) => {
      const link = Object.assign(document.createElement('a'), { href, id: 'stale-link', textContent: 'A deleted project' });
      document.querySelector('main')!.append(link);
      (window as unknown as { htmx: { process(el: Element): void } }).htmx.process(link);
    }, missing);
    const followed = page.waitForResponse((r) => r.url().endsWith(missing));
    await page.locator('#stale-link').click();
    const res = await followed;
    await htmxIdle(page);
    expect(new URL(page.url()).pathname, await shown(page)).toBe(missing);
    await expect(page.locator('header.site-header').count(), await shown(page)).resolves.toBe(1);
    await expectErrorPage(page, res, 404, email);

    expect(problems.filter((p) => !isExpectedStatus(p))).toEqual([]);
  });

  it('shows a failed form post by the form, in plain words, with the request id on its own line', async () => {
    const { page, problems } = await openPage(stack);
    const { id } = await signUpWithTenant(page, 'forms');
    page.on('dialog', (dialog) => void dialog.accept()); // hx-confirm before deleting

    /** Submits `form` expecting `status`; returns the alert shown and the request id sent back. */
    async function failing(form: string, status: number) {
      const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(stack.baseUrl));
      await page.locator(`${form} button[type=submit]`).click();
      const res = await posted;
      await htmxIdle(page);
      expect(res.status(), await shown(page)).toBe(status);
      const alert = page.locator('main [role=alert]');
      await expect(alert.count(), `one alert in main, by the form: ${await shown(page)}`).resolves.toBe(1);
      const byForm = await alert.evaluate((el, sel) => {
        const f = document.querySelector(sel)!;
        return f.contains(el) || f.nextElementSibling === el || (f.nextElementSibling?.contains(el) ?? false);
      }, form);
      expect(byForm, `the alert sits by ${form}: ${await shown(page)}`).toBe(true);
      await expect(page.locator('#flash').innerText()).resolves.toBe('');
      const lines = (await alert.innerText())
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(lines, 'the request id on a line of its own').toContainEqual(`Request id: ${res.headers()['x-request-id']}`);
      expect(lines[0], 'plain words first, not an error code').not.toMatch(/^[A-Z]+_[A-Z_]+/);
      return { alert, text: lines.join('\n') };
    }

    // A name already taken: the reason in plain words; the code only in a data attribute.
    const name = `Survey ${id}`;
    await visit(page, '/app/projects');
    await submit(page, '#create-project', { '#project-name': name });
    const projectPath = new URL(page.url()).pathname;
    await visit(page, '/app/projects');
    await page.locator('#project-name').fill(name);
    const taken = await failing('#create-project', 409);
    expect(taken.text).toContain(`A project named "${name}" already exists`);
    expect(taken.text).not.toContain('PROJECTS_NAME_TAKEN');
    await expect(taken.alert.getAttribute('data-code')).resolves.toBe('PROJECTS_NAME_TAKEN');

    // Deleting a project that still holds an artifact: worded for the page, no query string.
    await visit(page, projectPath);
    await submit(page, '#create-artifact', { '#artifact-name': 'model-a' });
    await visit(page, projectPath);
    const notEmpty = await failing('#delete-project', 409);
    expect(notEmpty.text).not.toMatch(/\?force|force=true/);
    expect(notEmpty.text).toMatch(/Also delete its artifacts/);

    expect(problems.filter((p) => !isExpectedStatus(p))).toEqual([]);
  });
});
