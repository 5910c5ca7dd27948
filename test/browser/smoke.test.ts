// The kernel's pages in a real browser: the layout's assets load under the page CSP, htmx runs and
// swaps the readiness partial into the system page, and Swagger UI works from the app's own (offline) assets.
import { describe, expect, it } from 'vitest';
import { openPage, useStack } from './harness';

const stack = useStack();

describe('kernel pages in headless Chromium', () => {
  it('renders the home page, and htmx loads the readiness partial on the system page showing every dependency ready', async () => {
    const { page, problems } = await openPage(stack);
    const res = await page.goto('/');
    expect(res?.status(), await page.content()).toBe(200);
    await expect(page.title()).resolves.toBe('Welcome to Atoll · Atoll');
    await expect(page.locator('#main ul.checks').count()).resolves.toBe(0);
    expect((await page.goto('/app/system'))?.status(), await page.content()).toBe(200);

    const checks = page.locator('#main ul.checks');
    await checks.waitFor({ timeout: 15_000 });
    const rows = await checks.locator('li').allInnerTexts();
    expect(
      rows.map((r) => r.replace(/\s+/g, ' ').trim()),
      await page.content(),
    ).toEqual(['postgres ready', 's3 ready']);
    await expect(checks.locator('li.fail').count()).resolves.toBe(0);

    // The stylesheet applied (a blocked or missing app.css leaves the header unstyled).
    const headerDisplay = await page.locator('header.site-header').evaluate((el) => getComputedStyle(el).display);
    expect(headerDisplay).toBe('flex');
    expect(problems).toEqual([]);
  });

  it('shows the API reference with Swagger UI from the local assets', async () => {
    const { page, problems } = await openPage(stack);
    const external: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(stack.baseUrl) && !req.url().startsWith('data:')) external.push(req.url());
    });
    const res = await page.goto('/api/docs');
    expect(res?.status(), await page.content()).toBe(200);
    const info = page.locator('.swagger-ui .info');
    await info.waitFor({ timeout: 20_000 });
    await expect(info.locator('.title').innerText()).resolves.toMatch(/Atoll/);
    // The spec was fetched and rendered: at least the health operations are listed.
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(0);
    expect(external, 'requests outside the app').toEqual([]);
    expect(problems).toEqual([]);
  });
});
