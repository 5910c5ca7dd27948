// Datasets as a person uses them, in headless Chromium against the real stack (wrangler dev with
// its local queue, Postgres, s3rver): register, create a tenant, upload a CSV through the page with
// an upload progress bar, and watch its status become `ready` over the WebSocket without a reload.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useStack } from './harness';
import { htmxIdle, shown, submit as submitTo, uniqueId, visit } from './page-actions';

const stack = useStack();

const submit = (page: Page, form: string, fields: Record<string, string>) => submitTo(page, stack.baseUrl, form, fields);

/** A metric CSV of `rows` points plus two bad rows (lines 3 and 5). */
function metricCsv(rows: number): string {
  const lines = ['metric,value,timestamp', 'cpu,1,2024-01-01T00:00:00Z', 'cpu,oops,2024-01-01T00:00:01Z', 'cpu,2,2024-01-01T00:00:02Z', 'cpu,3,whenever'];
  for (let i = 0; i < rows - 2; i++) lines.push(`host_${i % 7},${(i * 0.5).toFixed(1)},${1_704_067_200 + i}`);
  return `${lines.join('\n')}\n`;
}

describe('datasets page in headless Chromium', () => {
  it('uploads a CSV with progress and shows it become ready live, without reloading', async () => {
    const { page, problems } = await openPage(stack);
    const id = uniqueId();
    await visit(page, '/app/register');
    await submit(page, 'form[action="/app/register"]', { '#name': 'Dana Data', '#email': `datasets-${id}@example.com`, '#password': 'a long enough passphrase' });
    await visit(page, '/app/tenants/new');
    await submit(page, 'form[action="/app/tenants/new"]', { '#tenant-name': `Data Co ${id}`, '#tenant-slug': `data-${id}` });

    await visit(page, '/');
    await page.locator('nav[aria-label="Main"] a', { hasText: 'Datasets' }).click();
    await page.waitForURL('**/app/datasets');
    await htmxIdle(page);
    await expect(page.locator('main').innerText(), await shown(page)).resolves.toContain('No datasets yet');
    // Survives only if the page is never reloaded; the socket must be open before the upload.
    await page.evaluate(() => ((window as unknown as { __noReload: string }).__noReload = 'still here'));
    const statuses: string[] = [];
    await page.exposeFunction('__recordStatus', (status: string) => void statuses.push(status));
    const progress: number[] = [];
    await page.exposeFunction('__recordUpload', (value: number) => void progress.push(value));
    await page.evaluate(() => {
      const w = window as unknown as { __recordStatus(s: string): void; __recordUpload(v: number): void };
      document.body.addEventListener('realtime:datasets', (e) => w.__recordStatus((e as CustomEvent).detail.type));
      const bar = document.getElementById('dataset-upload-progress') as HTMLProgressElement;
      new MutationObserver(() => w.__recordUpload(bar.value)).observe(bar, { attributes: true, attributeFilter: ['value'] });
    });

    const name = `cpu_${id}`;
    await page.locator('#dataset-name').fill(name);
    await page.locator('#dataset-kind').selectOption('metric');
    await page.locator('#dataset-format').selectOption('csv');
    await page.locator('#dataset-file').setInputFiles({ name: 'cpu.csv', mimeType: 'text/csv', buffer: Buffer.from(metricCsv(50_000)) });
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/app/datasets') && r.request().method() === 'POST', { timeout: 60_000 });
    await page.locator('#dataset-upload button[type=submit]').click();
    const response = await uploaded;
    expect(response.status(), await response.text().catch(() => '')).toBe(200);

    const row = page.locator('#dataset-rows tr', { hasText: name });
    await expect(row.locator('[data-status-badge]').innerText(), await shown(page)).resolves.toMatch(/created|queued|ingesting|ready/);
    await page.waitForFunction(
      (n) => {
        const tr = Array.from(document.querySelectorAll('#dataset-rows tr')).find((r) => r.textContent?.includes(n));
        return tr?.getAttribute('data-status') === 'ready';
      },
      name,
      { timeout: 60_000 },
    );
    await expect(row.locator('[data-row-count]').innerText()).resolves.toBe('50,000');
    await expect(row.locator('[data-skipped-count]').innerText()).resolves.toBe('2');
    await expect(page.evaluate(() => (window as unknown as { __noReload?: string }).__noReload)).resolves.toBe('still here');
    expect(statuses, JSON.stringify(statuses)).toContain('dataset.ready');
    expect(progress.at(-1), JSON.stringify(progress)).toBe(100);
    await expect(page.locator('#dataset-upload-status').innerText()).resolves.toContain('ingestion queued');

    // The name links to the dataset's page.
    await expect(row.locator('a').getAttribute('href')).resolves.toMatch(/^\/app\/datasets\/[0-9a-f-]{36}$/);
    expect(problems).toEqual([]);
  });
});
