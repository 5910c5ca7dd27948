// The dashboard grid in headless Chromium against the real stack: panels saved on top of each other
// through the API show side by side with every Edit button reachable; a panel dragged onto another
// takes its place, one resized by its corner grows, one resized and moved with the keyboard steps; the panel
// form offers the tenant's metrics, shows only the fields of the chosen type and previews the panel
// before saving; KPIs show exact numbers; every save leaves a notice.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hoursAgo, ingestMetrics, signUp } from './dashboard-setup';
import { openPage, useStack } from './harness';
import { htmxIdle, shown, visit } from './page-actions';

const stack = useStack();

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) => a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

/** Every panel's box; asserts no two intersect and every Edit button can be clicked (nothing covers it). */
async function expectNoOverlap(page: Page) {
  const panels = page.locator('#dashboard-grid > .dashboard-panel');
  const boxes: Box[] = [];
  for (const panel of await panels.all()) {
    boxes.push((await panel.boundingBox())!);
    await panel.locator('a.panel-edit').click({ trial: true, timeout: 10_000 });
  }
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) expect(intersects(a, b), `${JSON.stringify(boxes)} ${await shown(page)}`).toBe(false);
  }
  return boxes;
}

/** Runs `action` (a post that ends in a redirect) and waits for the page it loads; answers the notice. */
async function afterReload(page: Page, action: () => Promise<unknown>) {
  const loaded = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await action();
  await loaded;
  await page.waitForLoadState();
  await htmxIdle(page);
  return page
    .locator('#notice')
    .innerText()
    .catch(() => '');
}

const panelByTitle = (page: Page, title: string) => page.locator('#dashboard-grid > .dashboard-panel', { has: page.locator('h2', { hasText: new RegExp(`^${title}$`) }) });

/** Drags `handle` by whole pixels with the mouse, in small moves as a hand would. */
async function drag(page: Page, handle: ReturnType<Page['locator']>, dx: number, dy: number) {
  const box = (await handle.boundingBox())!;
  const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 8 });
  await page.mouse.up();
}

describe('the dashboard grid in headless Chromium', () => {
  it('never overlaps panels: API, drag, resize and keyboard; metric list, fields per type, preview, exact KPIs, notices', async () => {
    const { page, problems } = await openPage(stack);
    page.on('dialog', (dialog) => void dialog.accept());
    const call = await signUp(page, stack.baseUrl);
    await ingestMetrics(call, 'traffic', [`visits,19997,${hoursAgo(1)}`, `errors,3,${hoursAgo(2)}`]);
    const dashboard = await call(
      'POST',
      '/dashboards',
      {
        name: 'Traffic',
        panels: [
          { type: 'timeseries', title: 'Trend', query: { metric: 'visits', agg: 'sum' }, position: { x: 0, y: 0, w: 6, h: 4 } },
          { type: 'text', title: 'Notes', text: 'Read me', position: { x: 0, y: 0, w: 6, h: 4 } },
          { type: 'kpi', title: 'Visits', query: { metric: 'visits', agg: 'sum' } },
        ],
      },
      201,
    );
    await visit(page, `/app/dashboards/${dashboard.id}`);
    await expectNoOverlap(page);
    await expect(panelByTitle(page, 'Visits').locator('.kpi-value').innerText()).resolves.toBe('19,997');

    // Drag Notes by its handle onto Trend: Notes takes the top, Trend moves down under it.
    const trendTop = (await panelByTitle(page, 'Trend').boundingBox())!.y;
    const notesTop = (await panelByTitle(page, 'Notes').boundingBox())!.y;
    expect(await afterReload(page, () => drag(page, panelByTitle(page, 'Notes').locator('.panel-drag'), 0, trendTop - notesTop))).toBe('Panel moved.');
    let boxes = await expectNoOverlap(page);
    expect((await panelByTitle(page, 'Notes').boundingBox())!.y).toBeLessThan((await panelByTitle(page, 'Trend').boundingBox())!.y);
    expect(boxes).toHaveLength(3);

    // Resize Trend by its corner, one column wider.
    const grid = (await page.locator('#dashboard-grid').boundingBox())!;
    expect(await afterReload(page, () => drag(page, panelByTitle(page, 'Trend').locator('.panel-resize'), (grid.width + 16) / 12, 0))).toBe('Panel resized.');
    await expect(panelByTitle(page, 'Trend').getAttribute('data-w')).resolves.toBe('7');
    await expectNoOverlap(page);

    // The keyboard: open the Move menu of Visits and make it wider with Enter.
    const visitsWidth = (await panelByTitle(page, 'Visits').boundingBox())!.width;
    await page.locator('summary[aria-label="Move or resize Visits"]').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Make Visits wider' }).focus();
    expect(await afterReload(page, () => page.keyboard.press('Enter'))).toBe('Panel resized.');
    expect((await panelByTitle(page, 'Visits').boundingBox())!.width).toBeGreaterThan(visitsWidth);
    await expectNoOverlap(page);

    // And moved with the keyboard: one column sideways (away from the edge it touches), by Enter.
    const visits = panelByTitle(page, 'Visits');
    const x = Number(await visits.getAttribute('data-x'));
    const w = Number(await visits.getAttribute('data-w'));
    const way = x + w < 12 ? 'right' : 'left';
    const visitsLeft = (await visits.boundingBox())!.x;
    await page.locator('summary[aria-label="Move or resize Visits"]').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: `Move Visits ${way}` }).focus();
    expect(await afterReload(page, () => page.keyboard.press('Enter'))).toBe('Panel moved.');
    await expect(visits.getAttribute('data-x'), await shown(page)).resolves.toBe(String(way === 'right' ? x + 1 : x - 1));
    expect(Math.sign((await visits.boundingBox())!.x - visitsLeft)).toBe(way === 'right' ? 1 : -1);
    await expectNoOverlap(page);

    // The panel form: metrics from a list, only the fields of the chosen type, a preview before saving.
    await page.locator('#add-panel > summary').click();
    await expect(page.locator('#new-panel-metric option').allTextContents()).resolves.toEqual(['Choose a metric', 'errors', 'visits']);
    await page.locator('#new-panel-type').selectOption('text');
    expect(await page.locator('#new-panel-metric').isVisible()).toBe(false);
    expect(await page.locator('#new-panel-text').isVisible()).toBe(true);
    await page.locator('#new-panel-type').selectOption('kpi');
    expect(await page.locator('#new-panel-bucket').isVisible()).toBe(false);
    expect(await page.locator('#new-panel-sql').isVisible()).toBe(false);
    expect(await page.locator('#new-panel-text').isVisible()).toBe(false);
    await page.locator('#new-panel-title').fill('Total visits');
    await page.locator('#new-panel-metric').selectOption('visits');
    await page.locator('#new-panel-agg').selectOption('sum');
    await page.locator('#new-panel-preview-button').click();
    await expect(page.locator('#new-panel-preview .kpi-value').innerText()).resolves.toBe('19,997');
    expect(await page.locator('#dashboard-grid > .dashboard-panel').count()).toBe(3);
    expect(await afterReload(page, () => page.locator('#add-panel-form button[type=submit]').click())).toBe('Panel added.');
    boxes = await expectNoOverlap(page);
    expect(boxes).toHaveLength(4);
    await expect(panelByTitle(page, 'Total visits').locator('.kpi-value').innerText()).resolves.toBe('19,997');

    // Edit, rename and remove, each with its notice.
    await panelByTitle(page, 'Notes').locator('a.panel-edit').click();
    await page.waitForURL(/\/edit$/);
    await page.locator('#edit-panel-title').fill('Read first');
    expect(await afterReload(page, () => page.locator('#edit-panel-form button[type=submit]').click())).toBe('Panel saved.');
    await page.locator('#edit-dashboard > summary').click();
    await page.locator('#rename-name').fill('Traffic, renamed');
    expect(await afterReload(page, () => page.locator('#rename-dashboard button[type=submit]').click())).toBe('Dashboard saved.');
    await expect(page.locator('#dashboard-title').innerText()).resolves.toBe('Traffic, renamed');
    expect(await afterReload(page, () => page.getByRole('button', { name: 'Remove Trend' }).click())).toBe('Panel removed.');
    expect(await expectNoOverlap(page)).toHaveLength(3);
    expect(problems).toEqual([]);
  });
});
