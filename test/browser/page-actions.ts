// What browser tests do on a page (not a test file itself): open, submit, wait for htmx, describe.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A short id that makes names and emails unique per run. */
export const uniqueId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The page's path and what it shows, for assertion messages. */
export async function shown(page: Page): Promise<string> {
  const flash = await page
    .locator('#flash')
    .innerText()
    .catch(() => '');
  const main = await page
    .locator('main')
    .innerText()
    .catch(() => '');
  const url = new URL(page.url());
  return `at ${url.pathname}${url.search}; #flash: ${JSON.stringify(flash)}; main: ${JSON.stringify(main.slice(0, 1500))}`;
}

/** Opens `path` and asserts the page answered 200 (after redirects), showing the page if not. */
export async function visit(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), `GET ${path} -> ${res?.status()} ${await shown(page)}`).toBe(200);
}

/** Waits until htmx has no request in flight and nothing left to swap or settle. */
export async function htmxIdle(page: Page) {
  await page.waitForLoadState();
  await page.waitForFunction(() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling'));
}

/**
 * Fills fields by selector, submits `form` with its submit button, asserts the POST to `baseUrl`
 * succeeded, follows an htmx redirect and waits for htmx to settle.
 */
export async function submit(page: Page, baseUrl: string, form: string, fields: Record<string, string>) {
  for (const [selector, value] of Object.entries(fields)) await page.locator(selector).fill(value);
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(baseUrl));
  await page.locator(`${form} button[type=submit]`).click();
  const response = await posted;
  expect(response.status(), `POST ${response.url()} -> ${response.status()}: ${await shown(page)}`).toBeLessThan(400);
  const redirect = response.headers()['hx-redirect'];
  if (redirect) await page.waitForURL((url) => url.pathname === new URL(redirect, baseUrl).pathname);
  await htmxIdle(page);
}

/** The layout's success message (`#notice`, role status), or null when the page shows none. */
export async function notice(page: Page): Promise<string | null> {
  const status = page.locator('#notice[role=status]');
  return (await status.count()) === 0 ? null : (await status.innerText()).trim();
}
