import { runInTenant } from 'atoll/plugin';
import { describe, expect, it, vi } from 'vitest';
import { bootApp, send } from '../../test/worker/harness';
import { authTestEnv, type SignedUp } from '../../test/worker/identity';
import { htmlOf, pageClient } from '../../test/worker/pages';
import { authPlugin } from '../auth';
import { tenantsPlugin } from '../tenants';
import { withDatabase } from '../tenants/db-access';
import { chatPlugin } from '.';
import { chatMessages, chatRuns, chatSessions, chatToolCalls } from './db/schema';
import { bootChat, newSession, probeToolsPlugin, seedExchange, team } from './testing';

vi.setConfig({ testTimeout: 60_000 });
const atoll = await bootChat();
const page = pageClient(atoll);

/** A form post with repeated fields (checkboxes), which `page` cannot send. */
const postForm = (who: SignedUp, tenant: string, path: string, form: URLSearchParams) =>
  send(atoll, path, { method: 'POST', headers: { authorization: `Bearer ${who.accessToken}`, 'x-tenant-id': tenant, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });

/** The text the page a post redirected to shows in the layout's notice (following the notice cookie the post set). */
async function noticeAfter(res: Response, who: SignedUp, tenant: string) {
  const key = /atoll_notice=([a-z-]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  expect(key, `no notice cookie after ${res.status} ${res.headers.get('location')}`).toBeDefined();
  const headers = { authorization: `Bearer ${who.accessToken}`, 'x-tenant-id': tenant, cookie: `atoll_notice=${key}` };
  const next = await htmlOf(await send(atoll, res.headers.get('location')!, { headers }));
  return /<p id="notice" class="notice" role="status">([^<]*)<\/p>/.exec(next)?.[1];
}

const CHART = '<svg class="chart" viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><title>Sales</title><rect class="chart-bar" x="1" y="1" width="2" height="8"/></svg>';
const EVIL_CHART = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>';

/** Stores a run of `status` answering `question` with `answer` (Markdown), a table, a chart and an evil chart. */
const seedAnswer = (tenantId: string, sessionId: string, userId: string, options: { status?: 'done' | 'running' | 'error'; answer: string; error?: string }) =>
  withDatabase((db) =>
    runInTenant(db, tenantId, async (tx) => {
      const status = options.status ?? 'done';
      const [run] = await tx
        .insert(chatRuns)
        .values({ tenantId, sessionId, userId, status, steps: 2, error: options.error ?? null, inputTokens: 1234, outputTokens: 56, cacheReadInputTokens: 7, cacheCreationInputTokens: 89 })
        .returning();
      const runId = run!.id;
      const ids = ['toolu_table', 'toolu_chart', 'toolu_evil'].map((p) => `${p}_${crypto.randomUUID().slice(0, 8)}`);
      const content = [
        [{ type: 'text', text: 'Show me <b>sales</b>' }],
        [{ type: 'text', text: 'Querying.' }, ...ids.map((id) => ({ type: 'tool_use', id, name: 'chat_probe_echo', input: { text: 'select 1' } }))],
        ids.map((id) => ({ type: 'tool_result', tool_use_id: id, content: 'ok' })),
        [{ type: 'text', text: options.answer }],
      ];
      await tx.insert(chatMessages).values(content.map((blocks, i) => ({ tenantId, sessionId, seq: 100 + i, role: i % 2 === 0 ? ('user' as const) : ('assistant' as const), content: blocks, runId })));
      const results = [
        {
          text: 'a,b\n1,x',
          table: {
            columns: ['amount', 'region'],
            rows: [
              [1250.5, 'north'],
              ['42', 'south'],
            ],
            truncated: true,
          },
        },
        { text: 'a chart', svg: CHART },
        { text: 'evil', svg: EVIL_CHART },
      ];
      await tx
        .insert(chatToolCalls)
        .values(ids.map((id, i) => ({ sessionId, id, tenantId, runId, name: 'chat_probe_echo', input: { text: 'select 1' }, status: 'done' as const, result: results[i], durationMs: 5 })));
      return runId;
    }),
  );

describe('chat pages', () => {
  it('lists your chats with the new-chat form and the nav entry; admins get the assistants link', async () => {
    const t = await team(atoll, 'chat-pages');
    const mine = await newSession(atoll, t.member, t.tenant.id, { title: 'Quarterly numbers' });
    await newSession(atoll, t.viewer, t.tenant.id, { title: 'Not yours' });
    const list = await htmlOf(await page(t.member, t.tenant.id, '/app/chat'));
    expect(list).toMatch(/<a href="\/app\/chat"[^>]*>Assistant<\/a>/);
    expect(list).toContain('id="new-chat"');
    expect(list).toContain('(default)</option>');
    expect(list).toContain(`href="/app/chat/${mine.id}"`);
    expect(list).toContain('Quarterly numbers');
    expect(list).not.toContain('Not yours');
    expect(list).not.toContain('id="manage-assistants"');
    expect(await htmlOf(await page(t.owner, t.tenant.id, '/app/chat'))).toContain('id="manage-assistants"');
  });

  it('starts, renames and deletes a chat through the forms', async () => {
    const t = await team(atoll, 'chat-forms');
    const created = await page(t.viewer, t.tenant.id, '/app/chat', {});
    expect(created.status, await created.clone().text()).toBe(303);
    const id = /^\/app\/chat\/([0-9a-f-]{36})$/.exec(created.headers.get('location') ?? '')?.[1];
    expect(id, created.headers.get('location') ?? '').toBeDefined();
    expect(await noticeAfter(created, t.viewer, t.tenant.id)).toBe('Chat started. Ask your first question below.');
    const renamed = await page(t.viewer, t.tenant.id, `/app/chat/${id}/rename`, { title: 'Renamed chat' });
    expect(renamed.headers.get('location')).toBe('/app/chat');
    expect(await noticeAfter(renamed, t.viewer, t.tenant.id)).toBe('Chat renamed.');
    expect(await htmlOf(await page(t.viewer, t.tenant.id, '/app/chat'))).toContain('Renamed chat');
    expect((await page(t.viewer, t.tenant.id, `/app/chat/${id}/rename`, { title: ' ' })).status).toBe(400);
    expect((await page(t.member, t.tenant.id, `/app/chat/${id}/delete`, {})).status).toBe(404);
    const deleted = await page(t.viewer, t.tenant.id, `/app/chat/${id}/delete`, {});
    expect(deleted.headers.get('location')).toBe('/app/chat');
    expect(await noticeAfter(deleted, t.viewer, t.tenant.id)).toBe('Chat deleted.');
    expect((await page(t.viewer, t.tenant.id, `/app/chat/${id}`)).status).toBe(404);
  });

  it('renders the transcript: safe Markdown, tool tables and our own charts, usage and errors', async () => {
    const t = await team(atoll, 'chat-transcript');
    const session = await newSession(atoll, t.member, t.tenant.id);
    await seedExchange(t.tenant.id, session.id, t.member.userId);
    const answer = 'Done: **bold** <script>alert(1)</script> [x](javascript:alert(1)) [site](https://example.com) <img src=x onerror=alert(1)>\n\n| n | name |\n|--:|:--|\n| 3 | a |';
    await seedAnswer(t.tenant.id, session.id, t.member.userId, { status: 'error', answer, error: 'The model API answered 529: Overloaded' });
    const html = await htmlOf(await page(t.member, t.tenant.id, `/app/chat/${session.id}`));
    expect(html).toContain('<script src="/static/chat-api.js" defer=""></script><script src="/static/chat.js" defer=""></script>');
    expect(html).toContain(`data-session="${session.id}"`);
    expect(html).toContain(`data-tenant="${t.tenant.id}"`);
    expect(html).toContain('id="chat-composer"');
    expect(html).not.toContain('id="chat-not-configured"');
    // The model's and the user's text is escaped; only http(s) and mailto links are made.
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Show me &lt;b&gt;sales&lt;/b&gt;');
    expect(html).not.toMatch(/<script>|<img|href="javascript:/i);
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">site</a>');
    expect(html).toContain('<th class="align-right">n</th>');
    expect(html).not.toContain('style=');
    // Tool calls: input JSON, the table with numbers right-aligned, our chart inline, the evil one dropped.
    expect(html).toMatch(/<details class="chat-tool" data-tool-call="toolu_table_[^"]+" data-status="done" open="">/);
    expect(html).toContain('<th scope="col" class="num">amount</th>');
    expect(html).toContain('<td class="num">1250.5</td><td>north</td>');
    expect(html).toContain('First rows only');
    expect(html).toContain(`<figure class="chat-chart">${CHART}</figure>`);
    expect(html).not.toContain('onload');
    expect(html).toContain('&quot;text&quot;: &quot;select 1&quot;');
    expect(html).toContain('Tokens: 1,234 input · 56 output · 7 cache read · 89 cache write');
    expect(html).toContain('The answer failed: The model API answered 529: Overloaded');
    expect(html).not.toContain('data-active-run');
  });

  it('serves the transcript partial with the run still going, and notes a summary', async () => {
    const t = await team(atoll, 'chat-partial');
    const session = await newSession(atoll, t.member, t.tenant.id);
    await seedExchange(t.tenant.id, session.id, t.member.userId);
    const runId = await seedAnswer(t.tenant.id, session.id, t.member.userId, { status: 'running', answer: 'Partly there' });
    await withDatabase((db) => runInTenant(db, t.tenant.id, (tx) => tx.update(chatSessions).set({ summary: 'They asked about <sales>.', summaryThroughSeq: 4 })));
    const partial = await htmlOf(await page(t.member, t.tenant.id, `/app/chat/${session.id}/transcript`));
    expect(partial.startsWith('<div id="chat-transcript"'), partial.slice(0, 200)).toBe(true);
    expect(partial).not.toContain('<html');
    expect(partial).toContain(`data-active-run="${runId}" data-run-status="running"`);
    expect(partial).toContain('Earlier messages were summarised');
    expect(partial).toContain('They asked about &lt;sales&gt;.');
    expect(partial.indexOf('Earlier messages were summarised')).toBeGreaterThan(partial.indexOf('It says hello.'));
    expect(await htmlOf(await page(t.member, t.tenant.id, `/app/chat/${session.id}`))).toMatch(/<button type="button" id="chat-stop" class="danger">Stop<\/button>/);
  });

  it("answers 404 for another user's session, an unknown one and a malformed id", async () => {
    const t = await team(atoll, 'chat-private');
    const session = await newSession(atoll, t.member, t.tenant.id);
    for (const who of [t.viewer, t.owner]) {
      expect((await page(who, t.tenant.id, `/app/chat/${session.id}`)).status).toBe(404);
      expect((await page(who, t.tenant.id, `/app/chat/${session.id}/transcript`)).status).toBe(404);
    }
    expect((await page(t.member, t.tenant.id, `/app/chat/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await page(t.member, t.tenant.id, '/app/chat/not-a-uuid')).status).toBe(404);
  });

  it('lets admins create, edit and delete assistants; viewers and members get 403', async () => {
    const t = await team(atoll, 'chat-assistants');
    for (const who of [t.viewer, t.member]) {
      const res = await page(who, t.tenant.id, '/app/chat/assistants');
      expect(res.status, await res.text()).toBe(403);
      expect((await page(who, t.tenant.id, '/app/chat/assistants', { name: 'Nope' })).status).toBe(403);
    }
    const list = await htmlOf(await page(t.owner, t.tenant.id, '/app/chat/assistants'));
    expect(list).toContain('id="create-assistant"');
    expect(list).toContain('<input type="checkbox" name="tools" value="chat_probe_echo"/>');
    const form = new URLSearchParams([
      ['name', 'Analyst'],
      ['instructions', 'Be brief.'],
      ['maxSteps', '4'],
      ['effort', 'high'],
      ['model', ''],
      ['tools', 'chat_probe_echo'],
      ['tools', 'chat_probe_count'],
    ]);
    const created = await postForm(t.owner, t.tenant.id, '/app/chat/assistants', form);
    expect(created.headers.get('location'), await created.clone().text()).toBe('/app/chat/assistants');
    expect(await noticeAfter(created, t.owner, t.tenant.id)).toBe('Assistant created.');
    const shown = await htmlOf(await page(t.owner, t.tenant.id, '/app/chat/assistants'));
    expect(shown).toContain('chat_probe_echo, chat_probe_count');
    const id = /href="\/app\/chat\/assistants\/([0-9a-f-]{36})">Analyst</.exec(shown)?.[1];
    const edit = await htmlOf(await page(t.owner, t.tenant.id, `/app/chat/assistants/${id}`));
    expect(edit).toContain('<option value="high" selected="">high</option>');
    const saved = await page(t.owner, t.tenant.id, `/app/chat/assistants/${id}`, { name: 'Analyst 2', allTools: 'true', maxSteps: '', effort: '' });
    expect(saved.headers.get('location'), await saved.clone().text()).toBe('/app/chat/assistants');
    expect(await noticeAfter(saved, t.owner, t.tenant.id)).toBe('Assistant saved.');
    expect(await htmlOf(await page(t.owner, t.tenant.id, '/app/chat/assistants'))).toMatch(/Analyst 2<\/a><\/td><td>every tool<\/td>/);
    expect((await page(t.owner, t.tenant.id, '/app/chat/assistants', { name: 'x', tools: 'no_such_tool' })).status).toBe(400);
    expect((await page(t.owner, t.tenant.id, '/app/chat/assistants', { name: 'analyst 2' })).status).toBe(409);
    const deleted = await page(t.owner, t.tenant.id, `/app/chat/assistants/${id}/delete`, {});
    expect(deleted.headers.get('location')).toBe('/app/chat/assistants');
    expect(await noticeAfter(deleted, t.owner, t.tenant.id)).toBe('Assistant deleted. Its chats go on with the default one.');
    expect((await page(t.owner, t.tenant.id, `/app/chat/assistants/${id}`)).status).toBe(404);
  });

  it('says when the assistant is not configured', async () => {
    const unconfigured = await bootApp([authPlugin(), tenantsPlugin(), chatPlugin(), probeToolsPlugin()], { ...(await authTestEnv()), CHAT_ANTHROPIC_API_KEY: '' });
    const t = await team(unconfigured, 'chat-unset');
    const session = await newSession(unconfigured, t.member, t.tenant.id);
    const html = await htmlOf(await pageClient(unconfigured)(t.member, t.tenant.id, `/app/chat/${session.id}`));
    expect(html).toContain('The assistant is not configured (set CHAT_ANTHROPIC_API_KEY).');
    expect(html).toContain('id="chat-composer"');
  });
});
