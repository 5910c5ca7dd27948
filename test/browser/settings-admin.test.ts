// The settings area and feedback as a person meets them in headless Chromium against the real stack:
// a platform admin finds the operator pages under Settings (an ordinary owner does not), the jobs
// list says no runner has claimed work when a job has waited minutes with nothing running, and
// changing a member's role or moving a file says so once. The cluster page reads the runners'
// service from a fake ECS API in this process.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { grantPlatformAdmin } from '../../scripts/auth-admin';
import { openPage, useStackWithFakeEcs } from './harness';
import { notice, shown, submit as submitTo, uniqueId, visit } from './page-actions';
import { pageApi } from './page-tour';

const stack = useStackWithFakeEcs();

const PASSWORD = 'a long enough passphrase';

const submit = (page: Page, form: string, fields: Record<string, string> = {}) => submitTo(page, stack.baseUrl, form, fields);

/** Registers a user through the page; returns the email. */
async function register(page: Page, name: string): Promise<string> {
  const email = `settings-${uniqueId()}@example.com`;
  await visit(page, '/app/register');
  await submit(page, 'form[action="/app/register"]', { '#name': name, '#email': email, '#password': PASSWORD });
  return email;
}

/** Registers a user with a tenant (its owner); returns the email. */
async function ownerWithTenant(page: Page): Promise<string> {
  const email = await register(page, 'Owen Owner');
  const id = uniqueId();
  await visit(page, '/app/tenants/new');
  await submit(page, 'form[action="/app/tenants/new"]', { '#tenant-name': `Settings Co ${id}`, '#tenant-slug': `settings-${id}` });
  return email;
}

/** Runs `sql` as Postgres's superuser on the stack's database: the jobs table is under row-level security. */
async function asSuperuser(sql: string, params: unknown[]) {
  const client = new pg.Client({ connectionString: stack.databaseUrl.replace(/\/\/[^@]+@/, '//postgres:postgres@') });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

describe('the settings area for platform admins', () => {
  it('links a platform admin to the operator pages, and shows an ordinary owner none', async () => {
    const { page, problems } = await openPage(stack);
    const email = await ownerWithTenant(page);
    const platform = page.locator('main section#settings-platform');

    await visit(page, '/app/settings');
    await expect(platform.count(), await shown(page)).resolves.toBe(0);
    await expect(page.locator('main a[href="/app/admin/cluster"], main a[href="/app/system"]').count()).resolves.toBe(0);

    await grantPlatformAdmin(stack.databaseUrl, email);
    await visit(page, '/app/settings');
    await expect(page.locator('#settings-platform').count(), 'one element has the id').resolves.toBe(1);
    await expect(platform.getByRole('heading', { name: 'Platform' }).count(), await shown(page)).resolves.toBe(1);
    await expect(page.getByRole('region', { name: 'Platform' }).count(), 'the section is named by its heading').resolves.toBe(1);
    await expect(platform.locator('a').allInnerTexts()).resolves.toEqual(['Cluster', 'System and status']);

    for (const [text, path] of [
      ['Cluster', '/app/admin/cluster'],
      ['System and status', '/app/system'],
    ] as const) {
      await visit(page, '/app/settings');
      const [response] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === 'GET'), platform.locator('a', { hasText: text }).click()]);
      await page.waitForURL((url) => url.pathname === path);
      expect(response.status(), `${text} -> ${path}: ${await shown(page)}`).toBe(200);
    }
    expect(problems).toEqual([]);
  });
});

describe('the jobs list when no runner claims work', () => {
  it('says no runner has claimed work once a pending job has waited minutes with nothing running, not for a fresh job', async () => {
    const { page, problems } = await openPage(stack);
    await ownerWithTenant(page);
    // The input is only checked against the type's schema here; no runner ever reads the dataset.
    const job = await pageApi(page, 'POST', '/api/v1/jobs', { json: { type: 'datasets.profile', input: { datasetId: randomUUID() } } });

    await visit(page, '/app/jobs');
    await expect(page.locator(`#job-${job.id}`).count(), await shown(page)).resolves.toBe(1);
    await expect(page.locator('#no-runner').count(), 'a fresh job is not stalled').resolves.toBe(0);

    // What ten minutes of waiting would do, without waiting.
    const aged = await asSuperuser("update jobs set created_at = now() - interval '10 minutes', available_at = now() - interval '10 minutes' where id = $1", [job.id]);
    expect(aged.rowCount).toBe(1);
    await visit(page, '/app/jobs');
    const hint = page.locator('#no-runner[role=status]');
    await expect(hint.innerText(), await shown(page)).resolves.toMatch(/^No runner has claimed work recently: a pending job has waited 10 minutes\. Check that a job runner is running/);
    await expect(hint.locator('a[href="/app/tenants/api-keys"]').count()).resolves.toBe(1);
    expect(problems).toEqual([]);
  });
});

describe('notices after a role change and a file move', () => {
  it('says the role was changed, once', async () => {
    const other = await openPage(stack); // the member-to-be registers in a browser of their own
    const memberEmail = await register(other.page, 'Mo Member');
    const { page, problems } = await openPage(stack);
    await ownerWithTenant(page);

    await visit(page, '/app/tenants/members');
    await page.locator('#member-role').selectOption('member');
    await submit(page, '#add-member', { '#member-email': memberEmail });
    expect(await notice(page), await shown(page)).toBe('Member added.');

    const row = `#members tr:has(td:text-is("${memberEmail}"))`;
    await page.locator(`${row} select[name=role]`).selectOption('admin');
    await submit(page, `${row} form[action="/app/tenants/members/role"]`);
    expect(new URL(page.url()).pathname).toBe('/app/tenants/members');
    expect(await notice(page), await shown(page)).toBe('Role changed.');
    await expect(page.locator(`${row} td:nth-child(3)`).innerText()).resolves.toBe('admin');
    await page.reload();
    expect(await notice(page), `after a reload: ${await shown(page)}`).toBeNull();
    expect([...problems, ...other.problems]).toEqual([]);
  });

  it('says the file was moved, once, in the folder it went to', async () => {
    const { page, problems } = await openPage(stack);
    await ownerWithTenant(page);
    await pageApi(page, 'POST', '/api/v1/files', { file: { name: 'survey.csv', text: 'a,b\n1,2\n', fields: { path: 'survey.csv', overwrite: 'false' } } });

    await visit(page, '/app/files');
    await page.locator('#files tr[data-path="survey.csv"] button.move').click();
    await page.waitForURL((url) => url.pathname === '/app/files/move');
    await submit(page, '#move-form', { '#move-to': 'archive/survey-2024.csv' });
    expect(await notice(page), await shown(page)).toBe('Moved.');
    await expect(page.locator('tr[data-path="archive/survey-2024.csv"]').count(), await shown(page)).resolves.toBe(1);
    await page.reload();
    expect(await notice(page), `after a reload: ${await shown(page)}`).toBeNull();
    expect(problems).toEqual([]);
  });
});
