// Artifacts, API keys, jobs and file uploads as a person uses them, in headless Chromium against the
// real stack: upload an artifact version and change its status and tags from its page; pick API-key
// scopes from the installed plugins' list; start a profile job by dataset name, see names instead of
// ids, run it with the real runner (in process) and read the profile on the job page, with a result
// link that signs a fresh URL each time it is followed; and a success notice after a file upload.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { JobsClient } from '../../runner/client';
import { builtInHandlers } from '../../runner/handlers/index';
import { Runner } from '../../runner/runner';
import { openPage, useStack } from './harness';
import { htmxIdle, shown, submit as submitTo, uniqueId, visit } from './page-actions';
import { pageApi } from './page-tour';

const stack = useStack();

const submit = (page: Page, form: string, fields: Record<string, string>) => submitTo(page, stack.baseUrl, form, fields);
const text = (page: Page, selector: string) => page.locator(selector).innerText();

/** Registers through the page as `name` and creates a tenant (the current one from then on). */
async function signUpWithTenant(page: Page, name = 'Wendy Workbench') {
  const id = uniqueId();
  await visit(page, '/app/register');
  await submit(page, 'form[action="/app/register"]', { '#name': name, '#email': `wb-${id}@example.com`, '#password': 'a long enough passphrase' });
  await visit(page, '/app/tenants/new');
  await submit(page, 'form[action="/app/tenants/new"]', { '#tenant-name': `Bench Co ${id}`, '#tenant-slug': `bench-${id}` });
  return id;
}

/** Submits a form by its submit button and waits for the redirect htmx follows, and for htmx to settle. */
async function post(page: Page, form: string) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(stack.baseUrl));
  await page.locator(`${form} button[type=submit]`).click();
  const response = await posted;
  expect(response.status(), `POST ${response.url()} -> ${response.status()}: ${await shown(page)}`).toBeLessThan(400);
  const redirect = response.headers()['hx-redirect'];
  if (redirect) await page.waitForURL((url) => url.pathname === new URL(redirect, stack.baseUrl).pathname);
  await htmxIdle(page);
}

const CSV = 'city,temp,sunny\nOslo,3.5,false\nLima,19,true\nPerth,24.5,true\n';

describe('artifacts, keys and jobs in headless Chromium', () => {
  it('uploads an artifact version and changes status and tags from the artifact page', async () => {
    const { page, problems } = await openPage(stack);
    await signUpWithTenant(page);
    await visit(page, '/app/projects');
    await submit(page, '#create-project', { '#project-name': 'Forecasts' });
    await submit(page, '#create-artifact', { '#artifact-name': 'rain-model', '#artifact-tags': 'draft-run' });
    await expect(text(page, '#artifact-title'), await shown(page)).resolves.toBe('rain-model');

    // A new version from the page's file input.
    const content = 'weights: 0.25, 0.75\n';
    await page.locator('#version-file').setInputFiles({ name: 'model.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
    await post(page, '#upload-version');
    await expect(text(page, '#notice'), await shown(page)).resolves.toBe('New version uploaded.');
    const row = page.locator('#versions tr[data-version="1"]');
    await expect(row.innerText(), await shown(page)).resolves.toContain(`${content.length} B`);
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('a', { hasText: 'Download' }).click()]);
    expect(readFileSync(await download.path(), 'utf8')).toBe(content);

    // Status and tags.
    await page.locator('#artifact-status').selectOption('ready');
    await page.locator('#artifact-tags').fill('prod, rain');
    await post(page, '#edit-artifact');
    await expect(text(page, '#notice'), await shown(page)).resolves.toBe('Artifact updated.');
    const details = await text(page, '#artifact-details');
    expect(details).toMatch(/Status\s+ready/);
    expect(details).toMatch(/Tags\s+prod, rain/);
    await expect(page.locator('#artifact-tags').inputValue()).resolves.toBe('prod, rain');
    expect(problems).toEqual([]);
  }, 120_000);

  it('creates an API key with scopes picked from the installed plugins, grouped by plugin', async () => {
    const { page, problems } = await openPage(stack);
    await signUpWithTenant(page);
    await visit(page, '/app/tenants/api-keys');
    // Every scope is a checkbox inside its plugin's group; nothing is typed.
    await expect(page.locator('#create-api-key input[name="scopes"]:not([type=checkbox])').count()).resolves.toBe(0);
    const groups = await page.locator('#api-key-scopes fieldset[data-group]').evaluateAll((sets) => sets.map((s) => s.getAttribute('data-group')));
    expect(groups).toEqual(expect.arrayContaining(['projects', 'jobs', 'datasets', 'artifacts', 'files']));
    const values = await page
      .locator('#api-key-scopes input[type=checkbox]')
      .evaluateAll((boxes) => boxes.map((b) => `${b.closest('fieldset')!.getAttribute('data-group')}|${(b as HTMLInputElement).value}`));
    for (const v of values) expect(v.split('|')[1]!.startsWith(`${v.split('|')[0]}:`), v).toBe(true);
    expect(values.map((v) => v.split('|')[1])).toEqual(expect.arrayContaining(['projects:read', 'jobs:work', 'datasets:read']));

    await page.locator('#api-key-name').fill('nightly runner');
    await page.locator('#scope-jobs-work').check();
    await page.locator('#scope-datasets-read').check();
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/app/tenants/api-keys'));
    await page.locator('#create-api-key button[type=submit]').click();
    expect((await posted).status(), await shown(page)).toBe(200);
    await htmxIdle(page);
    await expect(page.locator('#api-key-secret').inputValue(), await shown(page)).resolves.toMatch(/^atk_/);
    const keyRow = page.locator('#api-keys tr', { hasText: 'nightly runner' });
    const scopes = (await keyRow.locator('td').nth(1).innerText()).split(' ').sort();
    expect(scopes).toEqual(['datasets:read', 'jobs:work']);
    expect(problems).toEqual([]);
  }, 120_000);

  it('starts a profile by dataset name, shows names, the profile table and result links that sign afresh', async () => {
    const { page, problems } = await openPage(stack);
    await signUpWithTenant(page, 'Pia Profile');
    const { dataset } = await pageApi(page, 'POST', '/api/v1/datasets', { json: { name: 'cities', kind: 'table', format: 'csv' } });
    await pageApi(page, 'POST', `/api/v1/datasets/${dataset.id}/upload?ingest=true`, { file: { name: 'cities.csv', text: CSV } });
    await pageApi(page, 'POST', '/api/v1/datasets', { json: { name: 'other_table', kind: 'table', format: 'csv' } });
    for (let i = 0; (await pageApi(page, 'GET', `/api/v1/datasets/${dataset.id}`)).status !== 'ready'; i++) {
      if (i > 240) throw new Error('the dataset never became ready');
      await page.waitForTimeout(250);
    }

    // The form offers the tenant's datasets by name.
    await visit(page, '/app/jobs/new');
    const options = await page.locator('#job-dataset option').allInnerTexts();
    expect(
      options.map((o) => o.trim()),
      await shown(page),
    ).toEqual(expect.arrayContaining(['cities', expect.stringMatching(/^other_table/)]));
    await page.locator('#job-dataset').selectOption({ label: 'cities' });
    await page.locator('#job-profile').check();
    await post(page, '#new-job');
    await expect(text(page, '#notice'), await shown(page)).resolves.toBe('Job queued.');
    const jobPath = new URL(page.url()).pathname;
    expect(jobPath).toMatch(/^\/app\/jobs\/[0-9a-f-]{36}$/);
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-/;
    await expect(text(page, '#job-dataset')).resolves.toBe('cities');
    await expect(text(page, '#job-owner')).resolves.toBe('Pia Profile');
    const events = await text(page, '#job-events');
    expect(events).toContain('Pia Profile');
    expect(events, 'an event names its actor by id').not.toMatch(uuid);

    // The list names the dataset and who started the job.
    await visit(page, '/app/jobs');
    const listed = page.locator(`#job-rows tr[data-job-id="${jobPath.split('/').at(-1)}"]`);
    await expect(listed.locator('.job-dataset').innerText(), await shown(page)).resolves.toBe('cities');
    await expect(listed.locator('.job-owner').innerText()).resolves.toBe('Pia Profile');
    expect(await text(page, '#job-rows'), 'the list shows ids').not.toMatch(uuid);

    // The real runner, in process, with a key that may work jobs.
    const tenant = (await pageApi(page, 'GET', '/api/v1/tenants')).items[0];
    const key = await pageApi(page, 'POST', `/api/v1/tenants/${tenant.id}/api-keys`, { json: { name: 'runner', scopes: ['jobs:work'] } });
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    const runner = new Runner({
      client: new JobsClient({ url: stack.baseUrl, apiKey: key.secret, runnerId: 'workbench-test' }),
      handlers: builtInHandlers,
      types: ['datasets.profile'],
      concurrency: 1,
      pollMs: 200,
      idleExitSeconds: 0,
      graceSeconds: 5,
      log: quiet,
    });
    const running = runner.run();
    try {
      for (let i = 0; ; i++) {
        await visit(page, jobPath);
        if ((await page.locator('#job-panel').getAttribute('data-status')) === 'SUCCEEDED') break;
        if (i > 60) throw new Error(`the job never succeeded: ${await shown(page)}`);
        await page.waitForTimeout(500);
      }
    } finally {
      await runner.stop();
      await running;
    }

    // The profile as a table: one row per column with its statistics.
    await expect(text(page, '#job-profile'), await shown(page)).resolves.toContain('3 rows, 3 columns.');
    const temp = await page.locator('#profile-columns tr[data-column="temp"] td').allInnerTexts();
    expect(temp.slice(0, 6)).toEqual(['number', '3', '0', '3', '3.5', '24.5']);
    const city = await page.locator('#profile-columns tr[data-column="city"] td').allInnerTexts();
    expect(city.slice(0, 3)).toEqual(['text', '3', '0']);

    // A result link is the app's own URL; following it later still works, signed at that moment.
    const link = page.locator('#job-results a', { hasText: 'profile.json' });
    const href = (await link.getAttribute('href'))!;
    expect(href, 'the link is a presigned URL that expires').toMatch(/^\/api\/v1\/jobs\/[0-9a-f-]{36}\/results\/[\w.-]+$/);
    const renderedAt = Date.now();
    await page.waitForTimeout(2_000);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    // What the link answers now (with the page's cookies): a redirect signed just now, not at render time.
    const redirect = await page.request.get(href, { maxRedirects: 0 });
    expect(redirect.status(), await redirect.text()).toBe(302);
    const signedAt = new URL(redirect.headers().location!).searchParams.get('X-Amz-Date')!;
    const signed = Date.parse(signedAt.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    expect(signed, `signed at ${signedAt}`).toBeGreaterThanOrEqual(Math.floor(renderedAt / 1000) * 1000 + 1000);
    expect(download.suggestedFilename()).toBe('profile.json');
    expect(JSON.parse(readFileSync(await download.path(), 'utf8'))).toMatchObject({ rowCount: 3 });
    expect(problems).toEqual([]);
  }, 180_000);

  it('says so after a file upload on the files page', async () => {
    const { page, problems } = await openPage(stack);
    await signUpWithTenant(page);
    await visit(page, '/app/files');
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await page.locator('#file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\n') });
    await reloaded;
    await htmxIdle(page);
    await expect(text(page, '#notice'), await shown(page)).resolves.toBe('Upload finished.');
    await expect(page.locator('#files tr[data-path="notes.txt"]').count()).resolves.toBe(1);
    // Once: a reload does not say it again.
    await page.reload();
    await expect(page.locator('#notice').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
