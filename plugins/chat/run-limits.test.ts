import { beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../test/worker/harness';
import { apiKeyOf } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { ask, askAll, bootAll, call, FAKE_URL, fakeRequests, headers, newSession, scriptFake, scriptKey, team, textOf } from './run-testing';
import { NOT_CONFIGURED_TEXT } from './services/send-message';

const question = (tenant: string, session: string) => `/api/v1/chat/sessions/${session}/messages`;

describe('without an API key', () => {
  it('says plainly that the assistant is not configured, and the tools still work', async () => {
    const atoll = await bootAll({ CHAT_ANTHROPIC_API_KEY: '' });
    const t = await team(atoll, 'chat-nokey');
    const session = await newSession(atoll, t.member, t.tenant.id);
    const events = await askAll(atoll, t.member, t.tenant.id, session.id, 'Hello?');
    expect(textOf(events)).toBe(NOT_CONFIGURED_TEXT);
    expect(events.at(-1)).toMatchObject({ type: 'done', data: { reason: 'not_configured' } });
    const stored = await call(atoll, 'GET', `/api/v1/chat/sessions/${session.id}/messages`, t.member, { tenant: t.tenant.id, status: 200 });
    expect(stored.items.map((m: any) => m.content[0].text)).toEqual(['Hello?', NOT_CONFIGURED_TEXT]);
    const ran = await call(atoll, 'POST', '/api/v1/chat/tools/chat_calculator', t.member, { tenant: t.tenant.id, body: { input: { expression: '6 * 7' } }, status: 200 });
    expect(ran.result.text).toContain('42');
  });
});

describe('limits', () => {
  it('refuses a message over CHAT_MAX_MESSAGE_CHARS with 400, storing nothing', async () => {
    const atoll = await bootAll({ CHAT_MAX_MESSAGE_CHARS: '100' });
    const t = await team(atoll, 'chat-size');
    const session = await newSession(atoll, t.member, t.tenant.id);
    const body = await call(atoll, 'POST', question(t.tenant.id, session.id), t.member, { tenant: t.tenant.id, body: { content: 'x'.repeat(101) }, status: 400, code: 'CHAT_MESSAGE_TOO_LONG' });
    expect(body.errors).toEqual([expect.objectContaining({ path: 'content' })]);
    const stored = await call(atoll, 'GET', `/api/v1/chat/sessions/${session.id}/messages`, t.member, { tenant: t.tenant.id, status: 200 });
    expect(stored.items).toEqual([]);
  });

  it('limits messages per user per minute (429 with Retry-After)', async () => {
    const atoll = await bootAll({ CHAT_MESSAGES_PER_MINUTE: '1' });
    const t = await team(atoll, 'chat-rate');
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [{ blocks: [{ type: 'text', text: 'One.' }] }]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    await askAll(atoll, t.member, t.tenant.id, session.id, `First ${marker}`);
    const res = await ask(atoll, t.member, t.tenant.id, session.id, `Second ${marker}`);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json<any>()).code).toBe('CHAT_RATE_LIMITED');
    // Another user of the tenant has a rate of their own.
    const other = await newSession(atoll, t.viewer, t.tenant.id);
    expect(textOf(await askAll(atoll, t.viewer, t.tenant.id, other.id, `Mine ${marker}`))).toBe('One.');
  });

  it('stops a tenant at its monthly token budget until next month (429 with Retry-After)', async () => {
    const atoll = await bootAll({ CHAT_MONTHLY_TOKENS: '50' });
    const t = await team(atoll, 'chat-budget');
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [{ blocks: [{ type: 'text', text: 'Spent.' }], usage: { input_tokens: 40, output_tokens: 20 } }]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    await askAll(atoll, t.member, t.tenant.id, session.id, `Spend ${marker}`);
    const res = await ask(atoll, t.owner, t.tenant.id, (await newSession(atoll, t.owner, t.tenant.id)).id, `More ${marker}`);
    expect(res.status).toBe(429);
    expect((await res.json<any>()).code).toBe('CHAT_BUDGET_EXHAUSTED');
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(31 * 86_400);
    // Another tenant has its own budget.
    const other = await team(atoll, 'chat-budget-other');
    const theirs = await newSession(atoll, other.member, other.tenant.id);
    expect(textOf(await askAll(atoll, other.member, other.tenant.id, theirs.id, `Mine ${marker}`))).toBe('Spent.');
  });

  it('compacts older turns into a summary when the conversation passes CHAT_CONTEXT_TOKENS', async () => {
    const atoll = await bootAll({ CHAT_CONTEXT_TOKENS: '2000' });
    const t = await team(atoll, 'chat-compact');
    const { key, marker } = scriptKey();
    const padding = 'The quarterly figures were discussed at length. '.repeat(60);
    await scriptFake(FAKE_URL, key, [
      { blocks: [{ type: 'text', text: 'Answer one.' }] },
      { blocks: [{ type: 'text', text: 'Answer two.' }] },
      { blocks: [{ type: 'text', text: 'SUMMARY: the user asked about quarterly figures.' }] },
      { blocks: [{ type: 'text', text: 'Answer three.' }] },
    ]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    await askAll(atoll, t.member, t.tenant.id, session.id, `First question ${marker} ${padding}`);
    await askAll(atoll, t.member, t.tenant.id, session.id, `Second question ${padding}`);
    const third = await askAll(atoll, t.member, t.tenant.id, session.id, `Third question ${marker}`);
    expect(third.find((e) => e.type === 'compacted')).toBeDefined();
    expect(textOf(third)).toBe('Answer three.');
    const requests = (await fakeRequests(FAKE_URL, key)).filter((r) => r.path === '/v1/messages');
    expect(requests).toHaveLength(4);
    expect(requests[2]!.body.stream).toBeFalsy();
    const last = requests[3]!.body.messages;
    expect(JSON.stringify(last)).not.toContain('First question');
    expect(last[0].content[0].text).toContain('SUMMARY: the user asked about quarterly figures.');
    expect(JSON.stringify(last)).toContain('Second question');
    // The whole history is still stored and served.
    const stored = await call(atoll, 'GET', `/api/v1/chat/sessions/${session.id}/messages`, t.member, { tenant: t.tenant.id, status: 200 });
    expect(stored.items).toHaveLength(6);
  });
});

describe('the tools API', () => {
  let atoll: AtollApp;
  let t: Awaited<ReturnType<typeof team>>;
  beforeAll(async () => {
    atoll = await bootAll();
    t = await team(atoll, 'chat-tools');
  });
  const names = async (who: any) => (await call(atoll, 'GET', '/api/v1/chat/tools', who, { tenant: t.tenant.id, status: 200 })).items.map((i: any) => i.name);

  it('lists the tools the caller may use, with their JSON Schemas', async () => {
    const list = await call(atoll, 'GET', '/api/v1/chat/tools', t.member, { tenant: t.tenant.id, status: 200 });
    const sql = list.items.find((i: any) => i.name === 'datasets_sql_query');
    expect(sql).toMatchObject({ plugin: 'datasets', writes: false, minRole: 'viewer', inputSchema: { type: 'object' } });
    expect(await names(t.member)).toContain('jobs_start');
    expect(await names(t.viewer)).not.toContain('jobs_start');
  });

  it('runs a tool directly with the same authorisation', async () => {
    const ran = await call(atoll, 'POST', '/api/v1/chat/tools/chat_calculator', t.viewer, { tenant: t.tenant.id, body: { input: { expression: '(1 + 2) * 4' } }, status: 200 });
    expect(ran).toMatchObject({ name: 'chat_calculator', durationMs: expect.any(Number) });
    expect(ran.result.text).toContain('12');
    const bad = await call(atoll, 'POST', '/api/v1/chat/tools/chat_calculator', t.viewer, { tenant: t.tenant.id, body: { input: { expression: 7 } }, status: 400, code: 'CHAT_TOOL_INVALID_INPUT' });
    expect(bad.errors[0].path).toBe('input.expression');
    await call(atoll, 'POST', '/api/v1/chat/tools/no_such_tool', t.viewer, { tenant: t.tenant.id, body: { input: {} }, status: 404, code: 'CHAT_TOOL_NOT_FOUND' });
    await call(atoll, 'POST', '/api/v1/chat/tools/jobs_start', t.viewer, { tenant: t.tenant.id, body: { input: { type: 'datasets.profile', input: {} } }, status: 403, code: 'CHAT_TOOL_FORBIDDEN' });
    await call(atoll, 'POST', '/api/v1/chat/tools/chat_calculator', null, { tenant: t.tenant.id, body: { input: {} }, status: 401 });
  });

  it('shows an API key only the tools its scopes allow', async () => {
    const reader = await apiKeyOf(atoll, { tenantId: t.tenant.id, scopes: ['chat:tools', 'datasets:read'] });
    const bare = await apiKeyOf(atoll, { tenantId: t.tenant.id, scopes: ['chat:tools'] });
    const none = await apiKeyOf(atoll, { tenantId: t.tenant.id, scopes: ['datasets:read'] });
    expect(await names(reader.secret)).toEqual(expect.arrayContaining(['datasets_sql_query', 'chat_calculator']));
    expect(await names(reader.secret)).not.toContain('jobs_start');
    expect(await names(bare.secret)).not.toContain('datasets_sql_query');
    await call(atoll, 'POST', '/api/v1/chat/tools/datasets_sql_query', bare.secret, { tenant: t.tenant.id, body: { input: { sql: 'select 1' } }, status: 404, code: 'CHAT_TOOL_NOT_FOUND' });
    await call(atoll, 'GET', '/api/v1/chat/tools', none.secret, { tenant: t.tenant.id, status: 403 });
    const res = await send(atoll, '/api/v1/chat/sessions', { method: 'GET', headers: headers({ headers: () => ({ authorization: `Bearer ${reader.secret}` }) } as any, t.tenant.id) });
    expect(res.status).toBe(403);
  });
});
