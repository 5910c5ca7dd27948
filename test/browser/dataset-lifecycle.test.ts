// A dataset's life on its own page, in headless Chromium against the real stack (wrangler dev with its
// local queue, Postgres, s3rver): the kind guessed from the header, a column one bad cell turned to
// text shown with its line, a chosen type that makes that cell a row error, live ingestion progress,
// and a failed dataset renamed, given another kind, a new file, ingested again and deleted (its name
// free again).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { openPage, useStack } from './harness';
import { htmxIdle, shown, submit as submitTo, uniqueId, visit } from './page-actions';
import { pageApi } from './page-tour';

const stack = useStack();

const submit = (page: Page, form: string, fields: Record<string, string>) => submitTo(page, stack.baseUrl, form, fields);

// Line 3 holds the one quantity that is not a number.
const SALES = ['region,qty,sold_on', 'north,12,2024-01-01', 'south,twelve,2024-01-02', 'east,7,2024-01-03', 'west,3,2024-01-04'].join('\n');

async function signUp(page: Page, label: string) {
  const id = uniqueId();
  await visit(page, '/app/register');
  await submit(page, 'form[action="/app/register"]', { '#name': 'Lee Lifecycle', '#email': `${label}-${id}@example.com`, '#password': 'a long enough passphrase' });
  await visit(page, '/app/tenants/new');
  await submit(page, 'form[action="/app/tenants/new"]', { '#tenant-name': `Life Co ${id}`, '#tenant-slug': `life-${id}` });
  return id;
}

/** Uploads `csv` through the list page's form (kind left at its default unless given) and opens the dataset's page. */
async function uploadThroughForm(page: Page, name: string, csv: string, kind?: string) {
  await visit(page, '/app/datasets');
  await htmxIdle(page);
  await page.locator('#dataset-name').fill(name);
  if (kind) await page.locator('#dataset-kind').selectOption(kind);
  await page.locator('#dataset-file').setInputFiles({ name: `${name}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const uploaded = page.waitForResponse((r) => r.url().endsWith('/app/datasets') && r.request().method() === 'POST', { timeout: 60_000 });
  await page.locator('#dataset-upload button[type=submit]').click();
  expect((await uploaded).status()).toBe(200);
  await page.locator('#dataset-rows a', { hasText: name }).click();
  await page.waitForURL(/\/app\/datasets\/[0-9a-f-]{36}$/);
}

/** Waits until the page (live status line, reloaded when ingestion ends) shows `status`. */
async function waitForStatus(page: Page, status: string) {
  const until = Date.now() + 60_000;
  for (;;) {
    const now = await page
      .locator('#dataset-status')
      .getAttribute('data-status', { timeout: 5_000 })
      .catch(() => undefined);
    if (now === status) return htmxIdle(page);
    if (Date.now() > until) {
      const api = await pageApi(page, 'GET', `/api/v1/datasets/${datasetIdOf(page)}`).catch((e: Error) => e.message);
      const events = await page.evaluate(() => (window as unknown as { __ev?: string[] }).__ev ?? []).catch(() => []);
      throw new Error(`status ${now}, not ${status}: ${await shown(page)}; API: ${JSON.stringify(api)}; events: ${JSON.stringify(events)}`);
    }
    await page.waitForTimeout(200);
  }
}

const datasetIdOf = (page: Page) => new URL(page.url()).pathname.split('/').at(-1)!;
const textOf = (page: Page, selector: string) => page.locator(selector).innerText();

describe('dataset lifecycle in headless Chromium', () => {
  it('guesses table from a sales header, warns about the bad cell with its line, and a chosen type makes it a row error', async () => {
    const { page, problems } = await openPage(stack);
    const id = await signUp(page, 'types');
    await visit(page, '/app/datasets');
    await expect(page.locator('#dataset-kind').inputValue()).resolves.toBe('auto');
    await uploadThroughForm(page, `sales_${id}`, SALES);
    await waitForStatus(page, 'ready');
    await expect(textOf(page, '#dataset-counts')).resolves.toContain('table dataset (csv, kind guessed from the header) · 4 rows · 0 skipped');

    const warning = page.locator('#dataset-column-warnings li[data-column="qty"]');
    await expect(warning.innerText(), await shown(page)).resolves.toMatch(/qty looks like an integer, but 1 cell is not: line 3 twelve/);
    await expect(page.locator('#dataset-row-errors').count()).resolves.toBe(0);
    // The warnings, the column types form and the manage forms are labelled and readable.
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('#dataset-column-types select[data-column="qty"]').selectOption('integer');
    await submit(page, '#dataset-column-types', {});
    await waitForStatus(page, 'ready');
    await expect(textOf(page, '#dataset-counts')).resolves.toContain('3 rows · 1 skipped');
    await expect(textOf(page, '#dataset-row-errors tbody')).resolves.toBe('3\tqty: "twelve" is not an integer');
    await expect(page.locator('#dataset-column-warnings').count()).resolves.toBe(0);
    await page.locator('#dataset-summary').waitFor();
    await expect(textOf(page, '#dataset-summary tbody tr:nth-child(2)')).resolves.toMatch(/^qty\tinteger\t3\t/);
    const dataset = await pageApi(page, 'GET', `/api/v1/datasets/${datasetIdOf(page)}`);
    expect(dataset.columns).toEqual([
      { name: 'region', type: 'text' },
      { name: 'qty', type: 'integer' },
      { name: 'sold_on', type: 'timestamp' },
    ]);
    expect(problems).toEqual([]);
  });

  it('shows ingestion progress live on the dataset page', async () => {
    const { page, problems, context } = await openPage(stack);
    // Kept on this side: the page reloads when the run ends.
    const seen: string[] = [];
    await page.exposeFunction('__recordProgress', (line: string) => void seen.push(line));
    await context.addInitScript(() =>
      document.addEventListener('DOMContentLoaded', () => {
        const w = window as unknown as { __socketReady: boolean; __recordProgress(line: string): void };
        document.body.addEventListener('realtime:realtime.ready', () => (w.__socketReady = true));
        document.body.addEventListener('realtime:dataset.progress', () =>
          setTimeout(() => {
            const bar = document.getElementById('dataset-progress') as HTMLProgressElement | null;
            w.__recordProgress(`${bar && !bar.hidden ? bar.value : 'no bar'}|${document.getElementById('dataset-progress-text')?.textContent?.trim() ?? ''}`);
          }, 0),
        );
      }),
    );
    await signUp(page, 'progress');
    const lines = ['metric,value,timestamp'];
    for (let i = 0; i < 200_000; i++) lines.push(`host_${i % 7},${i % 100},${1_704_067_200 + i}`);
    const { dataset } = await pageApi(page, 'POST', '/api/v1/datasets', { json: { name: 'load', kind: 'metric', format: 'csv' } });
    await pageApi(page, 'POST', `/api/v1/datasets/${dataset.id}/upload`, { file: { name: 'load.csv', text: lines.join('\n') } });
    await visit(page, `/app/datasets/${dataset.id}`);
    await expect(page.locator('#dataset-progress').isHidden(), 'nothing to show before a run').resolves.toBe(true);
    await page.waitForFunction(() => (window as unknown as { __socketReady?: boolean }).__socketReady === true, undefined, { timeout: 30_000 });
    await pageApi(page, 'POST', `/api/v1/datasets/${dataset.id}/ingest`);
    await waitForStatus(page, 'ready');
    expect(seen.length, 'no dataset.progress event reached the page').toBeGreaterThan(0);
    expect(
      seen.some((line) => /^\d+\|\d+ rows read \(\d+%\)$/.test(line)),
      JSON.stringify(seen),
    ).toBe(true);
    await expect(textOf(page, '#dataset-counts')).resolves.toContain('200,000 rows');
    expect(problems).toEqual([]);
  });

  it('a failed dataset is renamed, given another kind, a new file, ingested again and deleted, freeing its name', async () => {
    const { page, problems, context } = await openPage(stack);
    await context.addInitScript(() =>
      document.addEventListener('DOMContentLoaded', () => {
        const w = window as unknown as { __ev: string[] };
        w.__ev = [];
        for (const n of ['realtime:datasets', 'realtime:realtime']) document.body.addEventListener(n, (e) => w.__ev.push(`${(e as CustomEvent).detail.type}`));
      }),
    );
    page.on('dialog', (dialog) => void dialog.accept()); // hx-confirm before deleting
    const id = await signUp(page, 'life');
    await uploadThroughForm(page, `wrong_${id}`, SALES, 'metric');
    await waitForStatus(page, 'error');
    await expect(textOf(page, '#dataset-error')).resolves.toContain('"value"');

    const name = `sales_${id}`;
    await submit(page, '#dataset-settings', { '#settings-name': name });
    await expect(textOf(page, '#dataset-title')).resolves.toBe(name);
    await page.locator('#settings-kind').selectOption('table');
    await submit(page, '#dataset-settings', {});
    await waitForStatus(page, 'ready');
    await expect(textOf(page, '#dataset-counts')).resolves.toMatch(/^table dataset \(csv\) · 4 rows/);

    const more = `${SALES}\nsouth,5,2024-01-05\nnorth,6,2024-01-06`;
    await page.locator('#reupload-file').setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from(more) });
    await submit(page, '#dataset-reupload', {});
    await waitForStatus(page, 'ready');
    await expect(textOf(page, '#dataset-counts')).resolves.toContain('6 rows');

    const before = await pageApi(page, 'GET', `/api/v1/datasets/${datasetIdOf(page)}`);
    await submit(page, '#dataset-reingest', {});
    await waitForStatus(page, 'ready');
    const after = await pageApi(page, 'GET', `/api/v1/datasets/${datasetIdOf(page)}`);
    expect(after.runId).not.toBe(before.runId);
    expect(after).toMatchObject({ name, kind: 'table', rowCount: 6, status: 'ready' });

    await submit(page, '#dataset-delete', {});
    await page.waitForURL('**/app/datasets');
    await expect(textOf(page, 'body')).resolves.toContain('Dataset deleted. Its name is free again.');
    await expect(page.locator('#dataset-rows a', { hasText: name }).count()).resolves.toBe(0);
    await uploadThroughForm(page, name, SALES);
    await waitForStatus(page, 'ready');
    await expect(textOf(page, '#dataset-title')).resolves.toBe(name);
    expect(problems).toEqual([]);
  });
});
