// The assistant as a person uses it, in headless Chromium against the real stack (wrangler dev with
// the ChatSession Durable Object, Postgres) and the fake Messages API in this process: start a chat,
// ask with Ctrl+Enter, watch the answer stream into the live bubble, see the SQL tool's result as an
// HTML table, reload mid-answer and see the same answer finish after the reload.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAnthropic, startFakeAnthropic } from '../support/fake-anthropic';
import { fakeScriptMarker, scriptFake } from '../support/fake-anthropic-client';
import { openPage, type Stack, startStack } from './harness';
import { htmxIdle, shown, submit as submitTo, uniqueId, visit } from './page-actions';

let fake: FakeAnthropic;
let stack: Stack;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  stack = await startStack({ CHAT_ANTHROPIC_BASE_URL: fake.url, CHAT_ANTHROPIC_API_KEY: 'browser-test-key' });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await fake?.close();
});

const submit = (page: Page, form: string, fields: Record<string, string>) => submitTo(page, stack.baseUrl, form, fields);

/** The answer's paragraphs: streamed slowly (several deltas each), so the test can reload in the middle. */
const PARAGRAPHS = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the answer: a is **1** and b is 2, as the query showed.`);
PARAGRAPHS.push('That is the whole answer.');

/** Registers, makes a tenant, starts a chat from the Assistant page; returns a fresh fake script key. */
async function newChat(page: Page): Promise<string> {
  const id = uniqueId();
  await visit(page, '/app/register');
  await submit(page, 'form[action="/app/register"]', { '#name': 'Ada Asker', '#email': `chat-${id}@example.com`, '#password': 'a long enough passphrase' });
  await visit(page, '/app/tenants/new');
  await submit(page, 'form[action="/app/tenants/new"]', { '#tenant-name': `Chat Co ${id}`, '#tenant-slug': `chat-${id}` });
  await visit(page, '/');
  await page.locator('nav[aria-label="Main"] a', { hasText: 'Assistant' }).click();
  await page.waitForURL('**/app/chat');
  await htmxIdle(page);
  await submit(page, '#new-chat', {});
  await expect(page.locator('#chat-composer').isVisible(), await shown(page)).resolves.toBe(true);
  return `browser-${id}`;
}

/** Asks `question` (routed to script `key`) with the keyboard shortcut. */
async function ask(page: Page, key: string, question: string) {
  await page.locator('#chat-input').fill(`${question} ${fakeScriptMarker(key)}`);
  await page.locator('#chat-input').press('Control+Enter');
}

const liveText = (page: Page) => page.evaluate(() => document.getElementById('chat-live-text')?.textContent ?? '');
const transcriptText = (page: Page) => page.locator('#chat-transcript').innerText();

describe('assistant page in headless Chromium', () => {
  it('streams an answer with a tool table, and finishes it after a reload mid-answer', async () => {
    const { page, problems } = await openPage(stack);
    const key = await newChat(page);
    await scriptFake(fake.url, key, [
      {
        blocks: [
          { type: 'text', text: 'Let me query that.' },
          { type: 'tool_use', name: 'datasets_sql_query', input: { sql: 'select 1 as a, 2 as b' } },
        ],
      },
      { blocks: PARAGRAPHS.map((text) => ({ type: 'text' as const, text })), delayMs: 200 },
    ]);
    await ask(page, key, 'What are a and b?');

    // The tool call arrives as the server renders it: a table, numbers right-aligned.
    const table = page.locator('#chat-transcript details.chat-tool[data-tool-call] table');
    await table.waitFor({ timeout: 30_000 });
    await expect(table.locator('th').allInnerTexts()).resolves.toEqual(['a', 'b']);
    await expect(table.locator('td.num').allInnerTexts()).resolves.toEqual(['1', '2']);
    await expect(page.locator('#chat-stop').isVisible()).resolves.toBe(true);

    // The live bubble grows as text deltas arrive.
    await page.waitForFunction(() => (document.getElementById('chat-live-text')?.textContent ?? '').length > 0, null, { timeout: 30_000 });
    const before = (await liveText(page)).length;
    await page.waitForFunction((n) => (document.getElementById('chat-live-text')?.textContent ?? '').length > n, before);
    expect(await liveText(page)).toMatch(/^Paragraph 1/);
    expect(await transcriptText(page)).not.toContain(PARAGRAPHS.at(-1));

    await page.reload();
    // Reattached: the answer so far is back in the live bubble, and it goes on.
    await page.waitForFunction(() => (document.getElementById('chat-live-text')?.textContent ?? '').startsWith('Paragraph 1'));
    await expect(page.locator('#chat-stop').isVisible()).resolves.toBe(true);
    await page.waitForFunction(
      (last) => Boolean(document.getElementById('chat-transcript')?.textContent?.includes(last)) && document.getElementById('chat-stop')?.hidden === true,
      PARAGRAPHS.at(-1)!,
      { timeout: 30_000 },
    );
    const final = await transcriptText(page);
    for (const paragraph of PARAGRAPHS) expect(final.split(paragraph.replace(/\*\*/g, '')).length - 1, final).toBe(1);
    await expect(page.locator('#chat-transcript strong').first().innerText()).resolves.toBe('1');
    await expect(page.locator('#chat-live').isHidden()).resolves.toBe(true);
    await expect(page.locator('#chat-transcript .chat-usage').last().innerText()).resolves.toMatch(/^Tokens: [\d,]+ input · [\d,]+ output/);
    await expect(page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('atoll-chat:')))).resolves.toEqual([]);
    expect(problems).toEqual([]);
  });

  it('asks before a writing tool: the wait survives a reload, Approve lets the answer go on', async () => {
    const { page, problems } = await openPage(stack);
    const key = await newChat(page);
    await scriptFake(fake.url, key, [
      { blocks: [{ type: 'tool_use', name: 'jobs_start', input: { type: 'nothing.here', input: {} } }] },
      { blocks: [{ type: 'text', text: 'The job could not start: there is no such type.' }] },
    ]);
    await ask(page, key, 'Start a job');
    const approve = page.locator('#chat-transcript [data-decision="approve"]');
    await approve.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.getElementById('chat-status')?.textContent?.includes('Waiting for your decision'));
    await page.reload();
    await approve.waitFor();
    await expect(page.locator('#chat-stop').isVisible()).resolves.toBe(true);
    await approve.click();
    await page.waitForFunction(
      () => Boolean(document.getElementById('chat-transcript')?.textContent?.includes('there is no such type.')) && document.getElementById('chat-stop')?.hidden === true,
      null,
      { timeout: 30_000 },
    );
    await expect(page.locator('#chat-transcript [data-decision]').count()).resolves.toBe(0);
    await expect(page.locator('#chat-transcript details.chat-tool').getAttribute('data-status')).resolves.toMatch(/^(done|error)$/);
    expect(problems).toEqual([]);
  });

  it('stops an answer with Stop', async () => {
    const { page, problems } = await openPage(stack);
    const key = await newChat(page);
    await scriptFake(fake.url, key, [{ blocks: PARAGRAPHS.map((text) => ({ type: 'text' as const, text })), delayMs: 300 }]);
    await ask(page, key, 'Tell me a long story');
    await page.waitForFunction(() => (document.getElementById('chat-live-text')?.textContent ?? '').length > 0, null, { timeout: 30_000 });
    await page.locator('#chat-stop').click();
    await page.waitForFunction(() => document.getElementById('chat-stop')?.hidden === true, null, { timeout: 30_000 });
    await expect(page.locator('#chat-status').innerText()).resolves.toBe('Stopped.');
    await expect(page.locator('#chat-transcript').innerText()).resolves.toContain('Stopped before the end.');
    await expect(page.locator('#chat-send').isEnabled()).resolves.toBe(true);
    expect(problems).toEqual([]);
  });
});
