import { beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, send } from '../../test/worker/harness';
import type { AtollApp } from '../../worker/app';
import { askAll, bootAll, call, FAKE_URL, fakeRequests, headers, newSession, runIdOf, scriptFake, scriptKey, team, textOf } from './run-testing';

let atoll: AtollApp;
let t: Awaited<ReturnType<typeof team>>;

beforeAll(async () => {
  atoll = await bootAll();
  t = await team(atoll, 'chat-runs');
});

const history = (sessionId: string) => call(atoll, 'GET', `/api/v1/chat/sessions/${sessionId}/messages`, t.member, { tenant: t.tenant.id, status: 200 });

describe('a run', () => {
  it('streams the answer as text deltas, stores it, and calls the model without sampling parameters but with cache breakpoints', async () => {
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [{ blocks: [{ type: 'text', text: 'Sales grew by twelve percent in the north region.' }] }]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    const events = await askAll(atoll, t.member, t.tenant.id, session.id, `How did sales do? ${marker}`);

    expect(events[0]!.type).toBe('run');
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(1);
    expect(textOf(events)).toBe('Sales grew by twelve percent in the north region.');
    expect(events.map((e) => e.type).slice(-2)).toEqual(['usage', 'done']);
    expect(events.at(-1)!.data).toEqual({ reason: 'end_turn' });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));

    const stored = await history(session.id);
    expect(stored.items.map((m: any) => m.role)).toEqual(['user', 'assistant']);
    expect(stored.items[1].content).toEqual([{ type: 'text', text: 'Sales grew by twelve percent in the north region.' }]);
    expect(stored.items[1].usage.output_tokens).toBeGreaterThan(0);

    const [request] = await fakeRequests(FAKE_URL, key);
    expect(request!.headers.authorization).toBe('Bearer ***');
    for (const field of ['temperature', 'top_p', 'top_k']) expect(request!.body).not.toHaveProperty(field);
    expect(request!.body.system.at(-1).cache_control).toEqual({ type: 'ephemeral' });
    expect(request!.body.messages.at(-1).content.at(-1).cache_control).toEqual({ type: 'ephemeral' });
    expect(request!.body.tools.map((tool: any) => tool.name)).toEqual(expect.arrayContaining(['datasets_sql_query', 'chat_calculator']));
    // A member is offered the writing tool too (it waits for approval); the session got its title.
    expect(request!.body.tools.map((tool: any) => tool.name)).toContain('jobs_start');
    const renamed = await call(atoll, 'GET', `/api/v1/chat/sessions/${session.id}`, t.member, { tenant: t.tenant.id, status: 200 });
    expect(renamed.title).toMatch(/^How did sales do\? /);
  });

  it('runs the tools the model calls and sends their results back until the model answers', async () => {
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [
      {
        blocks: [
          { type: 'text', text: 'Let me compute.' },
          { type: 'tool_use', id: 'toolu_calc1', name: 'chat_calculator', input: { expression: '2 * (3 + 4)' } },
        ],
      },
      { blocks: [{ type: 'text', text: 'It is 14.' }] },
    ]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    const events = await askAll(atoll, t.member, t.tenant.id, session.id, `What is 2*(3+4)? ${marker}`);

    expect(events.find((e) => e.type === 'tool_call')!.data).toEqual({ id: 'toolu_calc1', name: 'chat_calculator', input: { expression: '2 * (3 + 4)' } });
    expect(events.find((e) => e.type === 'tool_result')!.data).toMatchObject({ id: 'toolu_calc1', name: 'chat_calculator', isError: false });
    expect(events.filter((e) => e.type === 'usage')).toHaveLength(2);
    expect(textOf(events)).toBe('Let me compute.It is 14.');

    const requests = await fakeRequests(FAKE_URL, key);
    expect(requests).toHaveLength(2);
    const answer = requests[1]!.body.messages.at(-1);
    expect(answer.role).toBe('user');
    expect(answer.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_calc1' });
    expect(answer.content[0].content).toContain('14');
    expect(answer.content[0].is_error).toBeUndefined();

    const stored = await history(session.id);
    expect(stored.items.map((m: any) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(stored.items[1].toolCalls).toEqual([expect.objectContaining({ id: 'toolu_calc1', status: 'done', isError: false, name: 'chat_calculator' })]);
    expect(stored.items[1].toolCalls[0].result.text).toContain('14');
  });

  it('hands tool errors and unknown tools back to the model as is_error results, never failing the run', async () => {
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [
      {
        blocks: [
          { type: 'tool_use', id: 'toolu_bad_sql', name: 'datasets_sql_query', input: { sql: 'drop table users' } },
          { type: 'tool_use', id: 'toolu_nope', name: 'no_such_tool', input: {} },
          { type: 'tool_use', id: 'toolu_bad_input', name: 'chat_calculator', input: { expression: 42 } },
        ],
      },
      { blocks: [{ type: 'text', text: 'Those failed.' }] },
    ]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    const events = await askAll(atoll, t.member, t.tenant.id, session.id, `Break things ${marker}`);
    const results = events.filter((e) => e.type === 'tool_result').map((e) => [e.data.id, e.data.isError]);
    expect(results).toEqual([
      ['toolu_bad_sql', true],
      ['toolu_nope', true],
      ['toolu_bad_input', true],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'done', data: { reason: 'end_turn' } });
    const sent = (await fakeRequests(FAKE_URL, key))[1]!.body.messages.at(-1).content;
    expect(sent.map((b: any) => [b.tool_use_id, b.is_error])).toEqual([
      ['toolu_bad_sql', true],
      ['toolu_nope', true],
      ['toolu_bad_input', true],
    ]);
    expect(sent[1].content).toContain('no tool named "no_such_tool"');
    expect(sent[2].content).toContain('CHAT_TOOL_INVALID_INPUT');
  });

  it('stops at the step limit, answering the calls it will not run', async () => {
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [{ blocks: [{ type: 'tool_use', name: 'chat_calculator', input: { expression: '1 + 1' } }] }]);
    const assistant = await call(atoll, 'POST', '/api/v1/chat/assistants', t.owner, { tenant: t.tenant.id, body: { name: `two-steps-${key}`, maxSteps: 2 }, status: 201 });
    const session = await newSession(atoll, t.member, t.tenant.id, { assistantId: assistant.id });
    const events = await askAll(atoll, t.member, t.tenant.id, session.id, `Loop forever ${marker}`);
    expect(events.at(-1)).toMatchObject({ type: 'done', data: { reason: 'max_steps' } });
    expect(await fakeRequests(FAKE_URL, key)).toHaveLength(2);
    expect(events.filter((e) => e.type === 'tool_result').map((e) => e.data.summary)).toEqual([expect.any(String), 'step limit']);
    // The stored conversation stays valid: a next question works.
    await scriptFake(FAKE_URL, key, [{ blocks: [{ type: 'text', text: 'Fine.' }] }]);
    const next = await askAll(atoll, t.member, t.tenant.id, session.id, `And now? ${marker}`);
    expect(textOf(next)).toBe('Fine.');
  });

  it('is private: another member, the owner and another tenant get 404 for the session and its runs', async () => {
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [{ blocks: [{ type: 'text', text: 'Private.' }] }]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    const runId = runIdOf(await askAll(atoll, t.member, t.tenant.id, session.id, `Hi ${marker}`));
    const other = await team(atoll, 'chat-other');
    for (const [who, tenant] of [
      [t.owner, t.tenant.id],
      [t.viewer, t.tenant.id],
      [other.owner, other.tenant.id],
    ] as const) {
      const post = await send(atoll, `/api/v1/chat/sessions/${session.id}/messages`, { method: 'POST', headers: headers(who, tenant), body: JSON.stringify({ content: 'hello' }) });
      expect(post.status, JSON.stringify(await bodyOf(post))).toBe(404);
      const events = await send(atoll, `/api/v1/chat/sessions/${session.id}/runs/${runId}/events`, { headers: headers(who, tenant) });
      expect(events.status).toBe(404);
      await events.body?.cancel();
    }
  });
});
