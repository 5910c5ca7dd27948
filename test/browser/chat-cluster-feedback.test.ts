// Success notices of the assistant's and the cluster admin's pages in headless Chromium against the
// real stack: starting, renaming and deleting a chat, creating, saving and deleting an assistant,
// scaling and redeploying the runners' service (a fake ECS API in this process, reached over HTTP
// by the Worker's own ECS client). Each says what happened once, in the layout's status line.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { grantPlatformAdmin } from '../../scripts/auth-admin';
import { openPage, useStackWithFakeEcs } from './harness';
import { notice, shown, submit as submitTo, uniqueId, visit } from './page-actions';

const stack = useStackWithFakeEcs();

const submit = (page: Page, form: string, fields: Record<string, string> = {}) => submitTo(page, stack.baseUrl, form, fields);

/** Registers a user with a tenant (its owner); returns the email. */
async function signUp(page: Page): Promise<string> {
  page.on('dialog', (dialog) => void dialog.accept()); // hx-confirm before deleting
  const id = uniqueId();
  const email = `notices-${id}@example.com`;
  await visit(page, '/app/register');
  await submit(page, 'form[action="/app/register"]', { '#name': 'Nia Notice', '#email': email, '#password': 'a long enough passphrase' });
  await visit(page, '/app/tenants/new');
  await submit(page, 'form[action="/app/tenants/new"]', { '#tenant-name': `Notice Co ${id}`, '#tenant-slug': `notice-${id}` });
  return email;
}

describe('success notices of the assistant and cluster admin pages', () => {
  it('says a chat was started, renamed and deleted, and an assistant created, saved and deleted', async () => {
    const { page, problems } = await openPage(stack);
    await signUp(page);
    await visit(page, '/app/chat');
    await submit(page, '#new-chat');
    expect(new URL(page.url()).pathname, await shown(page)).toMatch(/^\/app\/chat\/[0-9a-f-]{36}$/);
    expect(await notice(page), await shown(page)).toBe('Chat started. Ask your first question below.');
    await page.reload();
    expect(await notice(page), `after a reload: ${await shown(page)}`).toBeNull();

    await visit(page, '/app/chat');
    await submit(page, 'form[action$="/rename"]', { 'form[action$="/rename"] input[name=title]': 'Heat questions' });
    expect(await notice(page), await shown(page)).toBe('Chat renamed.');
    await expect(page.locator('#chats a').innerText()).resolves.toBe('Heat questions');
    await submit(page, 'form[action$="/delete"]');
    expect(await notice(page), await shown(page)).toBe('Chat deleted.');
    await expect(page.locator('#no-chats').count()).resolves.toBe(1);

    await visit(page, '/app/chat/assistants');
    await submit(page, '#create-assistant', { '#assistant-new-name': 'Heat analyst' });
    expect(await notice(page), await shown(page)).toBe('Assistant created.');
    await page.locator('#assistants a', { hasText: 'Heat analyst' }).click();
    await page.waitForURL(/\/app\/chat\/assistants\/[0-9a-f-]{36}$/);
    await submit(page, '#edit-assistant', { '#edit-assistant input[name=name]': 'Heat analyst 2' });
    expect(new URL(page.url()).pathname).toBe('/app/chat/assistants');
    expect(await notice(page), await shown(page)).toBe('Assistant saved.');
    await submit(page, '#assistants form[action$="/delete"]');
    expect(await notice(page), await shown(page)).toBe('Assistant deleted. Its chats go on with the default one.');
    await expect(page.locator('#assistants a', { hasText: 'Heat analyst' }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('says the cluster was scaled or redeployed', async () => {
    const { page, problems } = await openPage(stack);
    await grantPlatformAdmin(stack.databaseUrl, await signUp(page));
    await visit(page, '/app/admin/cluster');
    await submit(page, '#cluster-scale', { '#desired-count': '3' });
    expect(await notice(page), await shown(page)).toBe('The desired count was changed. ECS starts or stops tasks to match.');
    await expect(page.locator('#cluster-desired').innerText()).resolves.toBe('3');
    await page.locator('#cluster-redeploy-link').click();
    await page.waitForURL('**/app/admin/cluster/redeploy');
    await submit(page, '#cluster-redeploy', { '#redeploy-confirm': 'redeploy' });
    expect(new URL(page.url()).pathname).toBe('/app/admin/cluster');
    expect(await notice(page), await shown(page)).toBe('A new deployment was started.');
    expect(stack.ecs.updates).toEqual([
      { cluster: 'atoll', service: 'runners', desiredCount: 3 },
      { cluster: 'atoll', service: 'runners', forceNewDeployment: true },
    ]);
    expect(problems).toEqual([]);
  });
});
