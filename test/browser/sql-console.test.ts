// The SQL console as a person uses it, in headless Chromium against the real stack: the CodeMirror
// editor (self-hosted, under the app's CSP), completion of a dataset's column, Ctrl+Enter with the
// running state, numbers right-aligned and grouped, the CSV download, the error position marked in
// the editor, the browser's query history and a saved query that is still there after a reload.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useStack } from './harness';
import { htmxIdle, shown, submit, uniqueId, visit } from './page-actions';
import { pageApi } from './page-tour';

const stack = useStack();

const SALES = 'region,amount,units\nnorth,1234567.5,12\nsouth,2500.25,3400\neast,-7,0\n';

/** A signed-in user with a tenant and a ready table dataset of SALES named `sales_<id>`. */
async function withSalesDataset(page: Page): Promise<string> {
  const id = uniqueId();
  await visit(page, '/app/register');
  await submit(page, stack.baseUrl, 'form[action="/app/register"]', { '#name': 'Quinn Query', '#email': `sql-${id}@example.com`, '#password': 'a long enough passphrase' });
  await visit(page, '/app/tenants/new');
  await submit(page, stack.baseUrl, 'form[action="/app/tenants/new"]', { '#tenant-name': `Query Co ${id}`, '#tenant-slug': `query-${id}` });
  const name = `sales_${id}`;
  const { dataset } = await pageApi(page, 'POST', '/api/v1/datasets', { json: { name, kind: 'table', format: 'csv' } });
  await pageApi(page, 'POST', `/api/v1/datasets/${dataset.id}/upload?ingest=true`, { file: { name: 'sales.csv', text: SALES } });
  for (let i = 0; (await pageApi(page, 'GET', `/api/v1/datasets/${dataset.id}`)).status !== 'ready'; i++) {
    if (i > 240) throw new Error('the dataset never became ready');
    await page.waitForTimeout(250);
  }
  return name;
}

const editorText = (page: Page) => page.locator('#sql-editor .cm-content').innerText();

/** Replaces the editor's text by typing, as a person would (select all, then type). */
async function typeQuery(page: Page, sql: string) {
  await page.locator('#sql-editor .cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

describe('SQL console in headless Chromium', () => {
  it('edits with completion, runs with Ctrl+Enter, formats numbers, downloads CSV, marks errors and keeps queries', async () => {
    const { page, problems } = await openPage(stack);
    const dataset = await withSalesDataset(page);
    await visit(page, '/app/datasets/sql');
    await htmxIdle(page);

    // The editor replaced the textarea (inside a shadow root: CodeMirror's styles need no inline <style>).
    await page.locator('#sql-editor .cm-content').waitFor();
    await expect(page.locator('#sql-text').isHidden()).resolves.toBe(true);

    // Completion offers the dataset's column, with its dataset and type.
    await page.locator('#sql-editor .cm-content').click();
    await page.keyboard.type('select amo');
    const option = page.locator('#sql-editor .cm-tooltip-autocomplete li', { hasText: 'amount' });
    await option.first().waitFor();
    await expect(option.first().innerText()).resolves.toContain(`${dataset} · number`);
    await page.waitForTimeout(200); // CodeMirror ignores Enter in the first 75 ms of a popup (an accidental accept)
    await page.keyboard.press('Enter');
    await page.keyboard.type(`, region, units from ${dataset} order by amount desc`);
    await page.keyboard.press('Escape');
    await expect(editorText(page)).resolves.toBe(`select amount, region, units from ${dataset} order by amount desc`);

    // Ctrl+Enter runs it; while it runs the button says so and the form is busy.
    await page.route('**/app/datasets/sql', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => (document.getElementById('sql-run') as HTMLButtonElement).disabled);
    await expect(page.locator('#sql-run').innerText()).resolves.toBe('Running…');
    await expect(page.locator('#sql-form').getAttribute('aria-busy')).resolves.toBe('true');
    await page.locator('#sql-rows tbody tr').nth(2).waitFor();
    await htmxIdle(page);
    await page.unroute('**/app/datasets/sql');
    await expect(page.locator('#sql-run').isEnabled()).resolves.toBe(true);
    await expect(page.locator('#sql-run').innerText()).resolves.toBe('Run');
    await expect(page.locator('#sql-form').getAttribute('aria-busy')).resolves.toBe('false');

    // Numbers are right-aligned and grouped; text is not.
    const first = page.locator('#sql-rows tbody tr').first().locator('td');
    await expect(first.allInnerTexts(), await shown(page)).resolves.toEqual(['1,234,567.5', 'north', '12']);
    const align = (i: number) => first.nth(i).evaluate((td) => getComputedStyle(td).textAlign);
    await expect(align(0)).resolves.toBe('right');
    await expect(align(1)).resolves.toBe('left');
    await expect(align(2)).resolves.toBe('right');
    await expect(page.locator('#sql-rows tbody tr').nth(1).locator('td').first().innerText()).resolves.toBe('2,500.25');

    // The CSV download holds the result with exact values.
    const download = page.waitForEvent('download');
    await page.locator('#sql-csv button').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('query.csv');
    await expect(readFile((await file.path())!, 'utf8')).resolves.toBe('amount,region,units\r\n1234567.5,north,12\r\n2500.25,south,3400\r\n-7,east,0\r\n');

    // A bad column: the error is shown and its place marked in the editor.
    await typeQuery(page, `select amount, nope from ${dataset}`);
    await page.keyboard.press('Control+Enter');
    await page.locator('#sql-error').waitFor();
    await htmxIdle(page);
    await expect(page.locator('#sql-error').getAttribute('data-code')).resolves.toBe('DATASETS_SQL_UNKNOWN_COLUMN');
    await expect(page.locator('#sql-error').getAttribute('data-position')).resolves.toBe('16');
    const marked = page.locator('#sql-editor .cm-lintRange-error');
    await marked.first().waitFor();
    await expect(marked.first().innerText()).resolves.toBe('nope');

    // Both runs are in this browser's history, newest first; a click puts one back in the editor.
    const history = page.locator('#sql-history-list button');
    await expect(history.allInnerTexts()).resolves.toEqual([`select amount, nope from ${dataset}`, `select amount, region, units from ${dataset} order by amount desc`]);
    await history.nth(1).click();
    await expect(editorText(page)).resolves.toBe(`select amount, region, units from ${dataset} order by amount desc`);

    // Saved for the tenant: still listed after a reload, and it opens in the editor.
    await page.locator('#sql-save-name').fill('Biggest sales');
    const saved = page.waitForResponse((r) => r.url().endsWith('/app/datasets/sql/saved') && r.request().method() === 'POST');
    await page.locator('#sql-save-name').press('Enter'); // saves, rather than running the query
    expect((await saved).status()).toBeLessThan(400);
    await page.waitForURL(/\/app\/datasets\/sql\?saved=/);
    await page.reload();
    await htmxIdle(page);
    const link = page.locator('#sql-saved a', { hasText: 'Biggest sales' });
    await expect(link.count(), await shown(page)).resolves.toBe(1);
    await visit(page, '/app/datasets/sql');
    await page.locator('#sql-saved a', { hasText: 'Biggest sales' }).click();
    await page.waitForURL(/\?saved=/);
    await page.locator('#sql-editor .cm-content').waitFor();
    await expect(editorText(page)).resolves.toBe(`select amount, region, units from ${dataset} order by amount desc`);

    // After that boosted navigation (htmx ran the editor's scripts again) errors are still marked.
    await typeQuery(page, `select units, bad_col from ${dataset}`);
    await page.keyboard.press('Control+Enter');
    await page.locator('#sql-error').waitFor();
    await htmxIdle(page);
    await page.locator('#sql-editor .cm-lintRange-error').first().waitFor();
    await expect(page.locator('#sql-editor .cm-lintRange-error').first().innerText()).resolves.toBe('bad_col');

    expect(problems).toEqual([]);
  });
});
