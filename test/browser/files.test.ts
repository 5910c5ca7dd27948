// The file browser as a person uses it, in headless Chromium against the real stack: register,
// sign in, create a tenant and a project, upload a file of several MB with a visible progress bar,
// see it listed, download it, delete it after confirming, and see it gone.
import { statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useStack } from './harness';
import { htmxIdle, shown, submit as submitTo, uniqueId, visit } from './page-actions';

const stack = useStack();

const submit = (page: Page, form: string, fields: Record<string, string>) => submitTo(page, stack.baseUrl, form, fields);

describe('file browser in headless Chromium', () => {
  it('uploads a large file with progress, lists, downloads and deletes it', async () => {
    const { page, problems } = await openPage(stack);
    const id = uniqueId();
    const user = { name: 'Fay Files', email: `files-${id}@example.com`, password: 'a long enough passphrase' };

    // Register (signs the browser in), then a tenant (becomes the current one) and a project.
    await visit(page, '/app/register');
    await submit(page, 'form[action="/app/register"]', { '#name': user.name, '#email': user.email, '#password': user.password });
    await visit(page, '/app/tenants/new');
    await submit(page, 'form[action="/app/tenants/new"]', { '#tenant-name': `Files Co ${id}`, '#tenant-slug': `files-${id}` });
    await visit(page, '/app/projects');
    await submit(page, '#create-project', { '#project-name': `Survey ${id}` });
    await expect(page.locator('main').innerText(), await shown(page)).resolves.toContain(`Survey ${id}`);

    // The file browser, reached from the navigation.
    await visit(page, '/');
    await page.locator('nav[aria-label="Main"] a', { hasText: 'Files' }).click();
    await page.waitForURL('**/app/files');
    await htmxIdle(page);
    await expect(page.locator('#files').innerText(), await shown(page)).resolves.toContain('No files here yet');

    // Record every value the progress bar shows while the upload runs (slowed down so there are some).
    const progress: { value: number; max: number }[] = [];
    await page.exposeFunction('__recordProgress', (value: number, max: number) => void progress.push({ value, max }));
    await page.evaluate(() => {
      const bar = document.getElementById('upload-progress') as HTMLProgressElement;
      const record = (window as unknown as { __recordProgress(value: number, max: number): void }).__recordProgress;
      new MutationObserver(() => record(bar.value, bar.max)).observe(bar, { attributes: true, attributeFilter: ['value', 'max'] });
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 4 * 1024 * 1024 });
    const size = 6 * 1024 * 1024;
    const bytes = Buffer.alloc(size, 0);
    for (let i = 0; i < size; i++) bytes[i] = (i * 13) % 251;
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/files') && r.request().method() === 'POST', { timeout: 60_000 });
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await page.locator('#file-input').setInputFiles({ name: 'survey data.bin', mimeType: 'application/octet-stream', buffer: bytes });
    const response = await uploaded;
    expect(response.status(), await response.text().catch(() => '')).toBe(201);
    await reloaded;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const intermediate = progress.filter((p) => p.value > 0 && p.value < p.max);
    expect(intermediate.length, `progress values seen: ${JSON.stringify(progress)}`).toBeGreaterThan(0);
    expect(progress.at(-1), JSON.stringify(progress)).toEqual({ value: size, max: size });

    // Listed after the reload.
    await htmxIdle(page);
    const row = page.locator('#files tr[data-path="survey data.bin"]');
    await expect(row.innerText(), await shown(page)).resolves.toContain('6.0 MiB');

    // Download it: the browser saves the same number of bytes under the file's name.
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('a.download').click()]);
    expect(download.suggestedFilename()).toBe('survey data.bin');
    const saved = await download.path();
    expect(statSync(saved).size).toBe(size);

    // Delete it: a confirmation step first, then it is gone.
    await row.locator('button.delete').click();
    await page.waitForURL('**/app/files/delete?**');
    await htmxIdle(page);
    await expect(page.locator('main').innerText(), await shown(page)).resolves.toContain('Delete survey data.bin?');
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/app/files/delete'));
    await page.locator('#confirm-delete').click();
    expect((await posted).status()).toBeLessThan(400);
    await page.waitForURL((url) => url.pathname === '/app/files');
    await htmxIdle(page);
    await expect(page.locator('#files tr[data-path="survey data.bin"]').count(), await shown(page)).resolves.toBe(0);
    await expect(page.locator('#files').innerText()).resolves.toContain('No files here yet');

    expect(problems).toEqual([]);
  }, 120_000);
});
