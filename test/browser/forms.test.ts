// How every page form behaves under htmx, in headless Chromium against the real stack: a form posts
// itself (never a GET that spills its fields into the address bar), an upload's progress bar follows
// the bytes actually sent, and a refused post shows its error beside the form while the address bar
// keeps the page's URL, so reloading gives the page again, not the POST URL's 405.
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useStack } from './harness';
import { htmxIdle, shown, submit as submitTo, uniqueId, visit } from './page-actions';

const stack = useStack();

const submit = (page: Page, form: string, fields: Record<string, string>) => submitTo(page, stack.baseUrl, form, fields);
const pathOf = (page: Page) => new URL(page.url()).pathname;

/** Registers through the page and creates a tenant (the current one from then on). */
async function signUpWithTenant(page: Page) {
  const id = uniqueId();
  await visit(page, '/app/register');
  await submit(page, 'form[action="/app/register"]', { '#name': 'Fran Forms', '#email': `forms-${id}@example.com`, '#password': 'a long enough passphrase' });
  await visit(page, '/app/tenants/new');
  await submit(page, 'form[action="/app/tenants/new"]', { '#tenant-name': `Forms Co ${id}`, '#tenant-slug': `forms-${id}` });
  return id;
}

/**
 * About `mib` MiB of CSV without a `value` column: ingestion rejects it at the header, so the run
 * queued behind the upload costs the stack next to nothing.
 */
function csvOf(mib: number): Buffer {
  const line = `${'n'.repeat(63)}\n`;
  return Buffer.from(`note\n${line.repeat((mib * 1024 * 1024) / line.length)}`);
}

describe('page forms in headless Chromium', () => {
  it('posts the dataset upload form itself, with a progress bar that moves during the upload', async () => {
    const { page, problems } = await openPage(stack);
    const id = await signUpWithTenant(page);
    await visit(page, '/');
    await page.locator('nav[aria-label="Main"] a', { hasText: 'Datasets' }).click();
    await page.waitForURL('**/app/datasets');
    await htmxIdle(page);

    // Every request and address the page goes through: a GET carrying the form's fields is the bug.
    const requests: Request[] = [];
    page.on('request', (r) => void requests.push(r));
    const addresses: string[] = [];
    page.on('framenavigated', (frame) => void (frame === page.mainFrame() && addresses.push(frame.url())));
    // The bar on the page right now, sampled: a bar that was swapped out and keeps moving off-screen counts for nothing.
    await page.evaluate(() => {
      const w = window as unknown as { __barValues: number[] };
      w.__barValues = [];
      setInterval(() => {
        const bar = document.getElementById('dataset-upload-progress') as HTMLProgressElement | null;
        if (bar) w.__barValues.push(Math.round((bar.value * 100) / bar.max));
      }, 20);
    });

    // Slow the upload down (8 MiB at 4 MiB/s) so there is progress to see.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 4 * 1024 * 1024 });
    const name = `notes_${id}`;
    await page.locator('#dataset-name').fill(name);
    await page.locator('#dataset-kind').selectOption('table');
    await page.locator('#dataset-file').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: csvOf(8) });
    // The upload's answer, or the GET of the form that stands in for it.
    const multipart = (r: Request) => r.method() === 'POST' && (r.headers()['content-type'] ?? '').startsWith('multipart/form-data');
    const answered = page.waitForResponse((r) => multipart(r.request()) || new URL(r.url()).searchParams.has('name'), { timeout: 60_000 });
    await page.locator('#dataset-upload button[type=submit]').click();
    const response = await answered;
    expect.soft(response.status(), `${response.request().method()} ${response.url()}: ${await response.text().catch(() => '')}`).toBeLessThan(400);
    await htmxIdle(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const formGets = requests.filter((r) => r.method() === 'GET' && new URL(r.url()).searchParams.has('name')).map((r) => r.url());
    // Soft: a failure reports both symptoms (a GET of the form, a bar that never moves) at once.
    expect.soft(formGets, 'the form was submitted as a GET').toEqual([]);
    expect
      .soft(
        addresses.filter((a) => new URL(a).searchParams.has('name')),
        'the address bar got the form fields',
      )
      .toEqual([]);
    expect.soft(pathOf(page) + new URL(page.url()).search, await shown(page)).toBe('/app/datasets');
    const values = await page.evaluate(() => (window as unknown as { __barValues: number[] }).__barValues);
    const moving = values.filter((v) => v > 0 && v < 100);
    expect.soft(moving.length, `the visible bar showed ${JSON.stringify([...new Set(values)])}`).toBeGreaterThan(0);
    await expect(page.locator('#dataset-upload-status').innerText(), await shown(page)).resolves.toBe(`${name} uploaded; ingestion queued.`);
    await expect(page.locator('#dataset-rows').innerText(), await shown(page)).resolves.toContain(name);
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows a refused post next to its form and keeps the page URL, so a reload gives the page', async () => {
    const { page, problems } = await openPage(stack);
    await signUpWithTenant(page);
    await visit(page, '/app/files');

    // `..` passes the browser's checks (required, maxlength) and the server refuses it (400).
    await page.locator('#folder-name').fill('..');
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/app/files/folders'));
    await page.locator('#create-folder button[type=submit]').click();
    expect((await posted).status()).toBe(400);
    await htmxIdle(page);

    expect(pathOf(page), 'the address bar holds the POST URL').toBe('/app/files');
    // Next to the form: inside it or in the element right after it.
    const error = page.locator('#create-folder [role=alert], #create-folder + * [role=alert], #create-folder + [role=alert]');
    await expect(error.innerText(), await shown(page)).resolves.toContain('Must not contain . or .. segments');
    await expect(page.locator('#folder-name').inputValue(), 'what was typed is kept').resolves.toBe('..');

    const reloaded = await page.reload();
    expect(reloaded?.status(), await shown(page)).toBe(200);
    expect(reloaded?.headers()['content-type']).toMatch(/^text\/html/);
    await expect(page.locator('#create-folder').count()).resolves.toBe(1);
    await expect(page.locator('main [role=alert]').count(), 'the error went with the reload').resolves.toBe(0);
    // Chromium and htmx each log the refused post; nothing else may fail.
    expect(problems.filter((p) => !/status of 400\b|Status Error Code 400 from \/app\/files\/folders/.test(p))).toEqual([]);
  }, 120_000);

  it('works without JavaScript: every post form carries the CSRF field, so plugin forms are not refused', async () => {
    const context = await stack.browser.newContext({ baseURL: stack.baseUrl, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const id = uniqueId();
      // A plain post answers 303 and the browser follows it: no htmx, no app.js.
      const post = async (form: string, action: string, fields: Record<string, string>) => {
        for (const [selector, value] of Object.entries(fields)) await page.locator(selector).fill(value);
        const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === action);
        await page.locator(`${form} button[type=submit]`).click();
        expect((await answered).status(), `POST ${action}: ${await shown(page)}`).toBe(303);
        await page.waitForLoadState();
      };
      await visit(page, '/app/register');
      await post('form[action="/app/register"]', '/app/register', { '#name': 'Nora NoScript', '#email': `noscript-${id}@example.com`, '#password': 'a long enough passphrase' });
      await visit(page, '/app/tenants/new');
      const tokens = await page.locator('form[method=post] > input[name=_csrf]:first-child').count();
      expect(tokens, 'the tenant form starts with the CSRF field').toBeGreaterThan(0);
      await post('form[action="/app/tenants/new"]', '/app/tenants/new', { '#tenant-name': `NoScript ${id}`, '#tenant-slug': `noscript-${id}` });
      await visit(page, '/app/projects');
      await post('#create-project', '/app/projects', { '#project-name': `Plain ${id}` });
      await expect(page.locator('main').innerText(), await shown(page)).resolves.toContain(`Plain ${id}`);
    } finally {
      await context.close();
    }
  }, 120_000);
});
