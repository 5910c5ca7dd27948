import { beforeAll, describe, expect, it } from 'vitest';
import type { AtollApp } from '../../worker/app';
import { ask, bootAll, call, eventsAfter, FAKE_URL, fakeRequests, newSession, readUntil, runIdOf, scriptFake, scriptKey, team, textOf } from './run-testing';

let atoll: AtollApp;
let t: Awaited<ReturnType<typeof team>>;

beforeAll(async () => {
  atoll = await bootAll();
  t = await team(atoll, 'chat-control');
});

const startJob = (id: string) => ({ type: 'tool_use' as const, id, name: 'jobs_start', input: { type: 'datasets.profile', input: { datasetId: crypto.randomUUID() } } });
const decide = (sessionId: string, callId: string, approve: boolean, status = 200) =>
  call(atoll, 'POST', `/api/v1/chat/sessions/${sessionId}/tool-calls/${callId}/decision`, t.member, { tenant: t.tenant.id, body: { approve }, status });
const toolCallsOf = async (sessionId: string) =>
  (await call(atoll, 'GET', `/api/v1/chat/sessions/${sessionId}/messages`, t.member, { tenant: t.tenant.id, status: 200 })).items.flatMap((m: any) => m.toolCalls);

describe('approval of writing tools', () => {
  it('pauses for a writing tool; a denial goes back to the model as an error and the run finishes', async () => {
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [{ blocks: [startJob('toolu_job_deny')] }, { blocks: [{ type: 'text', text: 'Understood, I will not start it.' }] }]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    const first = await readUntil(await ask(atoll, t.member, t.tenant.id, session.id, `Profile it ${marker}`), 'approval_required');
    expect(first.at(-1)).toMatchObject({ type: 'approval_required', data: { id: 'toolu_job_deny', name: 'jobs_start' } });
    expect(await fakeRequests(FAKE_URL, key)).toHaveLength(1);

    // Another message waits until this run is over.
    await call(atoll, 'POST', `/api/v1/chat/sessions/${session.id}/messages`, t.member, { tenant: t.tenant.id, body: { content: 'hello?' }, status: 409, code: 'CHAT_RUN_ACTIVE' });
    expect(await decide(session.id, 'toolu_job_deny', false)).toEqual({ id: 'toolu_job_deny', status: 'denied' });
    await decide(session.id, 'toolu_job_deny', true, 409);

    const rest = await eventsAfter(atoll, t.member, t.tenant.id, session.id, runIdOf(first), first.at(-1)!.seq);
    expect(rest.find((e) => e.type === 'tool_result')!.data).toMatchObject({ id: 'toolu_job_deny', isError: true, summary: 'denied' });
    expect(textOf(rest)).toBe('Understood, I will not start it.');
    expect(rest.at(-1)).toMatchObject({ type: 'done', data: { reason: 'end_turn' } });
    const sent = (await fakeRequests(FAKE_URL, key))[1]!.body.messages.at(-1).content[0];
    expect(sent).toMatchObject({ tool_use_id: 'toolu_job_deny', is_error: true, content: 'The user denied this tool call.' });
    expect(await toolCallsOf(session.id)).toEqual([expect.objectContaining({ id: 'toolu_job_deny', status: 'denied' })]);
  });

  it('cancels a run paused for an approval: the call is answered "not run" and the run ends as cancelled', async () => {
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [{ blocks: [startJob('toolu_job_cancel')] }, { blocks: [{ type: 'text', text: 'Never asked for.' }] }]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    const first = await readUntil(await ask(atoll, t.member, t.tenant.id, session.id, `Profile it ${marker}`), 'approval_required');
    const runId = runIdOf(first);
    const cancelled = await call(atoll, 'POST', `/api/v1/chat/sessions/${session.id}/runs/${runId}/cancel`, t.member, { tenant: t.tenant.id, status: 200 });
    expect(cancelled).toEqual({ runId, cancelled: true });
    const rest = await eventsAfter(atoll, t.member, t.tenant.id, session.id, runId, first.at(-1)!.seq);
    expect(rest.find((e) => e.type === 'tool_result')!.data).toMatchObject({ id: 'toolu_job_cancel', isError: true, summary: 'cancelled' });
    expect(rest.at(-1)).toMatchObject({ type: 'done', data: { reason: 'cancelled' } });
    expect(await toolCallsOf(session.id)).toEqual([expect.objectContaining({ id: 'toolu_job_cancel', status: 'error' })]);
    expect(await fakeRequests(FAKE_URL, key)).toHaveLength(1);
    await decide(session.id, 'toolu_job_cancel', true, 409);
  });

  it('runs the tool once approved, with the caller rights', async () => {
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [{ blocks: [startJob('toolu_job_ok')] }, { blocks: [{ type: 'text', text: 'Started.' }] }]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    const first = await readUntil(await ask(atoll, t.member, t.tenant.id, session.id, `Profile it ${marker}`), 'approval_required');
    await decide(session.id, 'toolu_job_ok', true);
    const rest = await eventsAfter(atoll, t.member, t.tenant.id, session.id, runIdOf(first), first.at(-1)!.seq);
    const result = rest.find((e) => e.type === 'tool_result')!.data;
    expect(result.id).toBe('toolu_job_ok');
    expect(result.summary).not.toBe('denied');
    expect(rest.at(-1)!.type).toBe('done');
    const [stored] = await toolCallsOf(session.id);
    expect(['done', 'error']).toContain(stored.status);
    expect(stored.durationMs).toEqual(expect.any(Number));
  });

  it('does not offer writing tools to a viewer', async () => {
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [{ blocks: [startJob('toolu_viewer_job')] }, { blocks: [{ type: 'text', text: 'I cannot.' }] }]);
    const session = await newSession(atoll, t.viewer, t.tenant.id);
    const res = await ask(atoll, t.viewer, t.tenant.id, session.id, `Start a job ${marker}`);
    const events = await readUntil(res, 'done');
    expect(events.find((e) => e.type === 'approval_required')).toBeUndefined();
    expect(events.find((e) => e.type === 'tool_result')!.data).toMatchObject({ isError: true, summary: 'unknown tool' });
    const [request] = await fakeRequests(FAKE_URL, key);
    expect(request!.body.tools.map((tool: any) => tool.name)).not.toContain('jobs_start');
  });
});

describe('runs outlive their client', () => {
  const longAnswer = Array.from({ length: 12 }, (_, i) => `Part ${i + 1} of the answer.`).join(' ');

  it('goes on after the client drops; reattaching replays what it missed and the rest, once each', async () => {
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [{ blocks: [{ type: 'text', text: longAnswer }], delayMs: 40 }]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    const seen = await readUntil(await ask(atoll, t.member, t.tenant.id, session.id, `Tell me ${marker}`), 'text');
    const runId = runIdOf(seen);
    const lastSeen = seen.at(-1)!.seq;
    const rest = await eventsAfter(atoll, t.member, t.tenant.id, session.id, runId, lastSeen);
    const all = [...seen, ...rest];
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(textOf(all)).toBe(longAnswer);
    expect(all.at(-1)).toMatchObject({ type: 'done', data: { reason: 'end_turn' } });
    // Reattaching from the start replays the whole run.
    expect(textOf(await eventsAfter(atoll, t.member, t.tenant.id, session.id, runId, 0))).toBe(longAnswer);
  });

  it('stops when cancelled: the model call is aborted and the run ends as cancelled', async () => {
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [{ blocks: [{ type: 'text', text: longAnswer }], delayMs: 150 }]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    const seen = await readUntil(await ask(atoll, t.member, t.tenant.id, session.id, `Tell me slowly ${marker}`), 'text');
    const runId = runIdOf(seen);
    const cancelled = await call(atoll, 'POST', `/api/v1/chat/sessions/${session.id}/runs/${runId}/cancel`, t.member, { tenant: t.tenant.id, status: 200 });
    expect(cancelled).toEqual({ runId, cancelled: true });
    const rest = await eventsAfter(atoll, t.member, t.tenant.id, session.id, runId, seen.at(-1)!.seq);
    expect(rest.at(-1)).toMatchObject({ type: 'done', data: { reason: 'cancelled' } });
    expect(textOf([...seen, ...rest]).length).toBeLessThan(longAnswer.length);
    const again = await call(atoll, 'POST', `/api/v1/chat/sessions/${session.id}/runs/${runId}/cancel`, t.member, { tenant: t.tenant.id, status: 200 });
    expect(again.cancelled).toBe(false);
    // The session takes a new question at once.
    await scriptFake(FAKE_URL, key, [{ blocks: [{ type: 'text', text: 'Short.' }] }]);
    expect(textOf(await readUntil(await ask(atoll, t.member, t.tenant.id, session.id, `Short one ${marker}`), 'done'))).toBe('Short.');
  });

  it('stops the run of a session that is deleted mid-answer', async () => {
    const { key, marker } = scriptKey();
    await scriptFake(FAKE_URL, key, [
      {
        blocks: [
          { type: 'text', text: longAnswer },
          { type: 'tool_use', name: 'chat_calculator', input: { expression: '1 + 1' } },
        ],
        delayMs: 60,
      },
      { blocks: [{ type: 'text', text: 'Never asked for.' }] },
    ]);
    const session = await newSession(atoll, t.member, t.tenant.id);
    await readUntil(await ask(atoll, t.member, t.tenant.id, session.id, `Tell me ${marker}`), 'text');
    await call(atoll, 'DELETE', `/api/v1/chat/sessions/${session.id}`, t.member, { tenant: t.tenant.id, status: 204 });
    // Had it gone on, the first answer (about 1.5 s) would end in a tool call and a second model call.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await fakeRequests(FAKE_URL, key)).toHaveLength(1);
  });
});
