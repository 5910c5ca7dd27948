// The layout in headless Chromium against the real stack: a wide table scrolls inside its container
// (never the page), the header is one row with a Menu button on a phone, the file browser fits a
// phone, checkboxes sit beside their text, textareas look like inputs and Cancel is secondary.
// One user with a tenant, a 30-column dataset, a file and a project, made through the API.
import type { Cookie, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type Stack, startStack } from './harness';
import { htmxIdle, shown, submit, uniqueId, visit } from './page-actions';
import { pageApi } from './page-tour';

let stack: Stack;
let cookies: Cookie[];
let datasetId: string;
let projectId: string;
const FILE = 'quarterly survey results with a long name.csv';
const PHONE = { width: 390, height: 844 };

/** 30 columns of longish text: far wider than 1,280 px. */
function wideCsv(): string {
  const columns = Array.from({ length: 30 }, (_, i) => `measurement_${i}`);
  const rows = Array.from({ length: 3 }, (_, r) => columns.map((_, i) => `value_${r}_${i}`).join(','));
  return `${[columns.join(','), ...rows].join('\n')}\n`;
}

beforeAll(async () => {
  stack = await startStack();
  const context = await stack.browser.newContext({ baseURL: stack.baseUrl });
  try {
    const page = await context.newPage();
    const id = uniqueId();
    await visit(page, '/app/register');
    await submit(page, stack.baseUrl, 'form[action="/app/register"]', { '#name': 'Lee Layout', '#email': `layout-${id}@example.com`, '#password': 'a long enough passphrase' });
    await visit(page, '/app/tenants/new');
    await submit(page, stack.baseUrl, 'form[action="/app/tenants/new"]', { '#tenant-name': `Layout Co ${id}`, '#tenant-slug': `layout-${id}` });
    const created = await pageApi(page, 'POST', '/api/v1/datasets', { json: { name: `wide_${id}`, kind: 'table', format: 'csv' } });
    datasetId = (created.dataset as { id: string }).id;
    await pageApi(page, 'POST', `/api/v1/datasets/${datasetId}/upload?ingest=true`, { file: { name: 'wide.csv', text: wideCsv() } });
    await pageApi(page, 'POST', '/api/v1/files', { file: { name: FILE, text: 'a,b\n1,2\n', fields: { path: FILE, overwrite: 'false' } } });
    projectId = (await pageApi(page, 'POST', '/api/v1/projects', { json: { name: `Survey ${id}` } })).id as string;
    for (let i = 0; (await pageApi(page, 'GET', `/api/v1/datasets/${datasetId}`, {})).status !== 'ready'; i++) {
      expect(i, 'the dataset never became ready').toBeLessThan(120);
      await page.waitForTimeout(250);
    }
    cookies = await context.cookies();
  } finally {
    await context.close();
  }
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

/** A page signed in as the test's user. */
async function signedIn(viewport?: { width: number; height: number }) {
  const opened = await openPage(stack);
  await opened.context.addCookies(cookies);
  if (viewport) await opened.page.setViewportSize(viewport);
  return opened;
}

/** The page scrolls sideways when its content is wider than the window. */
const pageOverflow = (page: Page) => page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));

async function open(page: Page, path: string) {
  await visit(page, path);
  await htmxIdle(page);
}

describe('layout in headless Chromium', () => {
  it('at 1,280 px a wide dataset scrolls inside its table container, not the page', async () => {
    const { page, problems } = await signedIn();
    await open(page, `/app/datasets/${datasetId}`);
    const table = page.locator('#dataset-preview');
    await table.waitFor();
    const widths = await table.evaluate((el) => {
      let box = el.parentElement;
      while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
      if (box) box.scrollLeft = box.scrollWidth;
      return { table: el.scrollWidth, scroller: box?.tagName ?? null, inMain: !!box?.closest('main'), boxWidth: box?.clientWidth, scrolledTo: box?.scrollLeft ?? 0 };
    });
    expect(widths.table, 'the CSV must be wider than the window').toBeGreaterThan(1280);
    const overflow = await pageOverflow(page);
    expect(overflow.scrollWidth, JSON.stringify({ overflow, widths })).toBeLessThanOrEqual(overflow.clientWidth);
    expect(widths, JSON.stringify(widths)).toMatchObject({ inMain: true });
    expect(widths.boxWidth).toBeLessThanOrEqual(1280);
    expect(widths.scrolledTo, 'the container scrolls to the last columns').toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('at 390 px the header is one row and its Menu button opens the navigation', async () => {
    const { page, problems } = await signedIn(PHONE);
    await open(page, '/app/projects');
    const header = page.locator('header.site-header');
    const navLink = page.locator('nav[aria-label="Main"] a', { hasText: 'Files' });
    const menu = page.getByRole('link', { name: 'Menu' });
    const height = (await header.boundingBox())?.height ?? Infinity;
    expect(height, `header height at 390 px: ${height}`).toBeLessThan(72);
    const [brand, button] = await Promise.all([page.locator('.brand').boundingBox(), menu.boundingBox()]);
    expect(Math.abs((brand?.y ?? 0) + (brand?.height ?? 0) / 2 - ((button?.y ?? 0) + (button?.height ?? 0) / 2)), 'brand and Menu on one row').toBeLessThan(8);
    await expect(navLink.isVisible()).resolves.toBe(false);

    await menu.click();
    await expect(navLink.isVisible(), 'the menu shows the navigation').resolves.toBe(true);
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(page.locator('#tenant-switcher').isVisible(), 'and the header widgets').resolves.toBe(true);
    await navLink.click();
    await page.waitForURL('**/app/files');
    expect(problems).toEqual([]);
  });

  it('at 390 px the file browser fits the screen with every row action in reach', async () => {
    const { page, problems } = await signedIn(PHONE);
    await open(page, '/app/files');
    const overflow = await pageOverflow(page);
    expect(overflow.scrollWidth, `${JSON.stringify(overflow)} ${await shown(page)}`).toBeLessThanOrEqual(overflow.clientWidth);
    const row = page.locator(`#files tr[data-path="${FILE}"]`);
    for (const action of [row.locator('a.download'), row.locator('button.move'), row.locator('button.delete')]) {
      const box = await action.boundingBox();
      expect(box, await shown(page)).not.toBeNull();
      expect(box!.x, 'action starts on screen').toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `action ends on screen: ${JSON.stringify(box)}`).toBeLessThanOrEqual(PHONE.width);
    }
    expect(problems).toEqual([]);
  });

  it('puts a checkbox beside its text, styles textareas like inputs and makes Cancel secondary', async () => {
    const { page, problems } = await signedIn();
    await open(page, `/app/projects/${projectId}`);
    const labelled = page.locator('label[for="project-force"]');
    const [box, label, line] = await Promise.all([page.locator('#project-force').boundingBox(), labelled.boundingBox(), labelled.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight))]);
    const seen = `label ${JSON.stringify(label)}, checkbox ${JSON.stringify(box)}, line ${line}px`;
    expect(label!.height, `one line: ${seen}`).toBeLessThan(line * 1.5);
    expect(box!.width, `the checkbox is not stretched across: ${seen}`).toBeLessThan(label!.width / 4);

    await open(page, '/app/projects');
    const look = (selector: string) =>
      page.locator(selector).evaluate((el) => {
        const s = getComputedStyle(el);
        return { font: s.fontFamily, radius: s.borderRadius, border: s.borderTopColor, background: s.backgroundColor, padding: s.paddingLeft };
      });
    await expect(look('#project-description')).resolves.toEqual(await look('#project-name'));

    await open(page, `/app/files/move?path=${encodeURIComponent(FILE)}`);
    const background = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    const cancel = page.getByRole('link', { name: 'Cancel' });
    const [primary, secondary] = await Promise.all([background('#confirm-move'), cancel.evaluate((el) => getComputedStyle(el).backgroundColor)]);
    expect(secondary, 'Cancel is not styled as the primary action').not.toBe(primary);
    expect(problems).toEqual([]);
  });
});
