import { runInTenant } from 'atoll/plugin';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { withDatabase } from '../tenants/db-access';
import { request } from '../tenants/testing';
import { chatMessages, chatToolCalls } from './db/schema';
import { titleFromQuestion } from './services/session-title';
import { touchSession } from './services/touch-session';
import { A, apiKeyOf, bootChat, call, memberOf, newAssistant, newSession, ownerWithTenant, S, seedExchange, seedUser, team } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootChat();
const titles = (page: { items: { title: string }[] }) => page.items.map((s) => s.title);

describe('POST /chat/sessions', () => {
  it('starts a session for any member, viewers too, with the default assistant and its datasets', async () => {
    const { owner, viewer, tenant } = await team(atoll);
    const { body: session, headers } = await request(atoll, 'POST', S, viewer, { tenant: tenant.slug, body: {}, status: 201 });
    const byDefault = (await call(atoll, 'GET', A, owner, { tenant: tenant.id, status: 200 })).items[0];
    expect(session).toMatchObject({ title: 'New chat', assistantId: byDefault.id, datasetIds: [] });
    expect(headers.get('location')).toBe(`${S}/${session.id}`);
    expect(await call(atoll, 'GET', headers.get('location')!, viewer, { tenant: tenant.id, status: 200 })).toEqual(session);
  });

  it('takes a title, an assistant of the tenant and datasets; datasets default to the assistant’s', async () => {
    const { owner, member, tenant } = await team(atoll);
    const datasets = [crypto.randomUUID(), crypto.randomUUID()];
    const analyst = await newAssistant(atoll, owner, tenant.id, { datasetIds: datasets });
    expect(await newSession(atoll, member, tenant.id, { assistantId: analyst.id, title: ' Churn ' })).toMatchObject({ title: 'Churn', assistantId: analyst.id, datasetIds: datasets });
    const own = [crypto.randomUUID()];
    expect((await newSession(atoll, member, tenant.id, { assistantId: analyst.id, datasetIds: own })).datasetIds).toEqual(own);
  });

  it('refuses an assistant that is not the tenant’s (404 CHAT_ASSISTANT_NOT_FOUND)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const other = await ownerWithTenant(atoll);
    const theirs = await newAssistant(atoll, other.owner, other.tenant.id);
    await call(atoll, 'POST', S, owner, { tenant: tenant.id, body: { assistantId: theirs.id }, status: 404, code: 'CHAT_ASSISTANT_NOT_FOUND' });
    await call(atoll, 'POST', S, owner, { tenant: tenant.id, body: { assistantId: crypto.randomUUID() }, status: 404, code: 'CHAT_ASSISTANT_NOT_FOUND' });
  });

  it('validates the body (400 naming the field)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const bad = async (body: unknown, field: string) => {
      const problem = await call(atoll, 'POST', S, owner, { tenant: tenant.id, body, status: 400, code: 'KERNEL_VALIDATION' });
      expect(
        problem.errors.map((e: { path: string }) => e.path),
        JSON.stringify(problem),
      ).toContain(field);
    };
    await bad({ title: ' ' }, 'title');
    await bad({ title: 't'.repeat(201) }, 'title');
    await bad({ assistantId: 'nope' }, 'assistantId');
    await bad({ datasetIds: Array.from({ length: 21 }, () => crypto.randomUUID()) }, 'datasetIds');
    await call(atoll, 'POST', S, owner, { tenant: tenant.id, body: '{not json', status: 400, code: 'KERNEL_MALFORMED_BODY' });
  });
});

describe('GET /chat/sessions', () => {
  it('lists only your own sessions, the most recently used first, page by page', async () => {
    const { owner, member, tenant } = await team(atoll);
    const made = [];
    for (const title of ['one', 'two', 'three']) made.push(await newSession(atoll, member, tenant.id, { title }));
    await newSession(atoll, owner, tenant.id, { title: 'the owner’s' });
    await call(atoll, 'PATCH', `${S}/${made[0]!.id}`, member, { tenant: tenant.id, body: { title: 'one, renamed' }, status: 200 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { title: string }[]; nextCursor: string | null } = await call(atoll, 'GET', `${S}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, member, { tenant: tenant.id, status: 200 });
      seen.push(...titles(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['one, renamed', 'three', 'two']);
    expect(titles(await call(atoll, 'GET', S, owner, { tenant: tenant.id, status: 200 }))).toEqual(['the owner’s']);
  });

  it('refuses a bad query or cursor (400)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await call(atoll, 'GET', `${S}?limit=0`, owner, { tenant: tenant.id, status: 400, code: 'KERNEL_VALIDATION' });
    await call(atoll, 'GET', `${S}?cursor=garbage!`, owner, { tenant: tenant.id, status: 400, code: 'CHAT_INVALID_CURSOR' });
    const forged = btoa(JSON.stringify(['yesterday', crypto.randomUUID()])).replace(/=+$/, '');
    await call(atoll, 'GET', `${S}?cursor=${forged}`, owner, { tenant: tenant.id, status: 400, code: 'CHAT_INVALID_CURSOR' });
  });
});

describe('GET, PATCH and DELETE /chat/sessions/{sessionId}', () => {
  it('renames your session (1-200 characters)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const session = await newSession(atoll, owner, tenant.id);
    const renamed = await call(atoll, 'PATCH', `${S}/${session.id}`, owner, { tenant: tenant.id, body: { title: 'Forecasts' }, status: 200 });
    expect(renamed).toMatchObject({ id: session.id, title: 'Forecasts' });
    expect(Date.parse(renamed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(session.updatedAt));
    const problem = await call(atoll, 'PATCH', `${S}/${session.id}`, owner, { tenant: tenant.id, body: { title: '' }, status: 400, code: 'KERNEL_VALIDATION' });
    expect(problem.errors[0].path).toBe('title');
    await call(atoll, 'PATCH', `${S}/${session.id}`, owner, { tenant: tenant.id, body: {}, status: 400 });
    await call(atoll, 'PATCH', `${S}/${crypto.randomUUID()}`, owner, { tenant: tenant.id, body: { title: 'x' }, status: 404, code: 'CHAT_SESSION_NOT_FOUND' });
  });

  it('deletes your session with its history (204), and audits it', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const session = await newSession(atoll, owner, tenant.id);
    await seedExchange(tenant.id, session.id, owner.userId);
    await call(atoll, 'DELETE', `${S}/${session.id}`, owner, { tenant: tenant.id, status: 204 });
    await call(atoll, 'GET', `${S}/${session.id}`, owner, { tenant: tenant.id, status: 404, code: 'CHAT_SESSION_NOT_FOUND' });
    await call(atoll, 'DELETE', `${S}/${session.id}`, owner, { tenant: tenant.id, status: 404, code: 'CHAT_SESSION_NOT_FOUND' });
    const left = await withDatabase((db) =>
      runInTenant(db, tenant.id, async (tx) => [
        (await tx.select({ n: count() }).from(chatMessages).where(eq(chatMessages.sessionId, session.id)))[0]!.n,
        (await tx.select({ n: count() }).from(chatToolCalls).where(eq(chatToolCalls.sessionId, session.id)))[0]!.n,
      ]),
    );
    expect(left).toEqual([0, 0]);
    const audit = await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}/audit`, owner, { status: 200 });
    expect(audit.items.filter((e: { targetId: string }) => e.targetId === session.id).map((e: { action: string }) => e.action)).toEqual(['chat.session.deleted']);
  });

  it('hides a session from everyone but its user: another member, an admin, the owner, another tenant (404)', async () => {
    const { owner, member, viewer, tenant } = await team(atoll);
    const admin = await memberOf(atoll, tenant.id, owner, 'admin');
    const session = await newSession(atoll, viewer, tenant.id, { title: 'private' });
    await seedExchange(tenant.id, session.id, viewer.userId);
    const P = `${S}/${session.id}`;
    for (const who of [member, admin, owner]) {
      await call(atoll, 'GET', P, who, { tenant: tenant.id, status: 404, code: 'CHAT_SESSION_NOT_FOUND' });
      await call(atoll, 'GET', `${P}/messages`, who, { tenant: tenant.id, status: 404, code: 'CHAT_SESSION_NOT_FOUND' });
      await call(atoll, 'PATCH', P, who, { tenant: tenant.id, body: { title: 'mine now' }, status: 404, code: 'CHAT_SESSION_NOT_FOUND' });
      await call(atoll, 'DELETE', P, who, { tenant: tenant.id, status: 404, code: 'CHAT_SESSION_NOT_FOUND' });
      expect(titles(await call(atoll, 'GET', S, who, { tenant: tenant.id, status: 200 }))).not.toContain('private');
    }
    const other = await ownerWithTenant(atoll);
    await call(atoll, 'GET', P, other.owner, { tenant: other.tenant.id, status: 404, code: 'CHAT_SESSION_NOT_FOUND' });
    await call(atoll, 'DELETE', P, other.owner, { tenant: other.tenant.id, status: 404, code: 'CHAT_SESSION_NOT_FOUND' });
    expect((await call(atoll, 'GET', P, viewer, { tenant: tenant.id, status: 200 })).title).toBe('private');
    expect((await call(atoll, 'GET', `${P}/messages`, viewer, { tenant: tenant.id, status: 200 })).items).toHaveLength(4);
  });
});

describe('GET /chat/sessions/{sessionId}/messages', () => {
  it('returns the stored history in order, each tool_use block with its stored call and whole result', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const session = await newSession(atoll, owner, tenant.id);
    expect(await call(atoll, 'GET', `${S}/${session.id}/messages`, owner, { tenant: tenant.id, status: 200 })).toEqual({ items: [], nextCursor: null });
    const { runId, toolUseId } = await seedExchange(tenant.id, session.id, owner.userId);
    const { items } = await call(atoll, 'GET', `${S}/${session.id}/messages`, owner, { tenant: tenant.id, status: 200 });
    expect(items.map((m: { seq: number; role: string }) => [m.seq, m.role])).toEqual([
      [1, 'user'],
      [2, 'assistant'],
      [3, 'user'],
      [4, 'assistant'],
    ]);
    expect(items[0]).toMatchObject({ content: [{ type: 'text', text: 'Echo hello' }], runId, usage: null, toolCalls: [] });
    expect(items[1].content[1]).toEqual({ type: 'tool_use', id: toolUseId, name: 'chat_probe_echo', input: { text: 'hello' } });
    expect(items[1].usage).toMatchObject({ input_tokens: 120, output_tokens: 30 });
    expect(items[1].toolCalls).toEqual([
      {
        id: toolUseId,
        name: 'chat_probe_echo',
        input: { text: 'hello' },
        status: 'done',
        isError: false,
        result: { text: 'hello', summary: '1 row', table: { columns: ['text'], rows: [['hello']] } },
        durationMs: 12,
      },
    ]);
    expect(items[2].content[0]).toMatchObject({ type: 'tool_result', tool_use_id: toolUseId });
    expect(items[3].createdAt).toMatch(/Z$/);
  });

  it('pages by seq with a cursor; a forged cursor is 400', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const session = await newSession(atoll, owner, tenant.id);
    await seedExchange(tenant.id, session.id, owner.userId, 1);
    await seedExchange(tenant.id, session.id, owner.userId, 5);
    const seqs: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { seq: number }[]; nextCursor: string | null } = await call(atoll, 'GET', `${S}/${session.id}/messages?limit=3${cursor ? `&cursor=${cursor}` : ''}`, owner, {
        tenant: tenant.id,
        status: 200,
      });
      seqs.push(...page.items.map((m) => m.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const forged = btoa(JSON.stringify(['99999999999'])).replace(/=+$/, '');
    await call(atoll, 'GET', `${S}/${session.id}/messages?cursor=${forged}`, owner, { tenant: tenant.id, status: 400, code: 'CHAT_INVALID_CURSOR' });
    await call(atoll, 'GET', `${S}/${session.id}/messages?limit=101`, owner, { tenant: tenant.id, status: 400, code: 'KERNEL_VALIDATION' });
  });
});

describe('touchSession (for the run code)', () => {
  it('moves a session up and titles it from the first question, unless its user named it', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const [untitled, named] = [await newSession(atoll, owner, tenant.id), await newSession(atoll, owner, tenant.id, { title: 'Named' })];
    const touch = (sessionId: string) => withDatabase((db) => runInTenant(db, tenant.id, (tx) => touchSession(tx, { sessionId, autoTitle: titleFromQuestion('How did revenue change?\nDetails…') })));
    expect((await touch(untitled.id))?.title).toBe('How did revenue change?');
    expect((await touch(named.id))?.title).toBe('Named');
    expect(titles(await call(atoll, 'GET', S, owner, { tenant: tenant.id, status: 200 }))).toEqual(['Named', 'How did revenue change?']);
    expect(await touch(crypto.randomUUID())).toBeUndefined();
  });
});

describe('access to sessions', () => {
  it('needs a signed-in user of the tenant (401, 404 for strangers) and refuses API keys (403)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const session = await newSession(atoll, owner, tenant.id);
    const P = `${S}/${session.id}`;
    const stranger = await seedUser(atoll);
    const key = await apiKeyOf(atoll, { tenantId: tenant.id, scopes: ['projects:read'], role: 'admin', createdBy: owner.userId });
    for (const [method, path, body] of [
      ['GET', S],
      ['POST', S, {}],
      ['GET', P],
      ['PATCH', P, { title: 'x' }],
      ['GET', `${P}/messages`],
      ['DELETE', P],
    ] as const) {
      await call(atoll, method, path, null, { tenant: tenant.id, body, status: 401, code: 'KERNEL_UNAUTHENTICATED' });
      await call(atoll, method, path, stranger, { tenant: tenant.id, body, status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
      await call(atoll, method, path, key.secret, { body, status: 403, code: 'KERNEL_FORBIDDEN' });
    }
  });
});
