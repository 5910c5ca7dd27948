import { describe, expect, it, vi } from 'vitest';
import { request } from '../tenants/testing';
import { A, apiKeyOf, bootChat, call, newAssistant, newSession, ownerWithTenant, S, seedUser, team } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootChat();
const names = (page: { items: { name: string }[] }) => page.items.map((a) => a.name);

describe('GET /chat/assistants', () => {
  it('makes the default assistant on first use, once, even under concurrent first calls', async () => {
    const { owner, viewer, tenant } = await team(atoll);
    const pages = await Promise.all([owner, viewer, owner, viewer].map((who) => call(atoll, 'GET', A, who, { tenant: tenant.id, status: 200 })));
    for (const page of pages) expect(page.items).toHaveLength(1);
    expect(new Set(pages.map((p) => p.items[0].id)).size).toBe(1);
    expect(pages[0].items[0]).toMatchObject({ name: 'Assistant', isDefault: true, tools: null, datasetIds: [], model: null, maxSteps: null, effort: null, createdBy: null });
    expect(pages[0].items[0].instructions).toMatch(/data assistant/);
    expect(pages[0].nextCursor).toBeNull();
  });

  it('pages through the default first, then by name ignoring case', async () => {
    const { owner, viewer, tenant } = await team(atoll);
    for (const name of ['delta', 'Alpha', 'charlie', 'Bravo']) await newAssistant(atoll, owner, tenant.id, { name });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await call(atoll, 'GET', `${A}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, viewer, { tenant: tenant.id, status: 200 });
      seen.push(...names(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Assistant', 'Alpha', 'Bravo', 'charlie', 'delta']);
  });

  it('refuses a bad query or cursor (400) and keeps tenants apart', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await call(atoll, 'GET', `${A}?limit=101`, owner, { tenant: tenant.id, status: 400, code: 'KERNEL_VALIDATION' });
    await call(atoll, 'GET', `${A}?cursor=garbage!`, owner, { tenant: tenant.id, status: 400, code: 'CHAT_INVALID_CURSOR' });
    const forged = btoa(JSON.stringify(['0', 'x', "'; drop table chat_assistants; --"])).replace(/=+$/, '');
    await call(atoll, 'GET', `${A}?cursor=${forged}`, owner, { tenant: tenant.id, status: 400, code: 'CHAT_INVALID_CURSOR' });
    await newAssistant(atoll, owner, tenant.id, { name: 'Mine' });
    const other = await ownerWithTenant(atoll);
    expect(names(await call(atoll, 'GET', A, other.owner, { tenant: other.tenant.id, status: 200 }))).toEqual(['Assistant']);
  });
});

describe('POST /chat/assistants', () => {
  it('saves an assistant for an admin, with defaults for what is left out, and its URL in Location', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const datasetId = crypto.randomUUID();
    const body = {
      name: 'Analyst',
      instructions: 'Use tables.',
      tools: ['chat_probe_echo', 'chat_probe_count', 'chat_probe_echo'],
      datasetIds: [datasetId],
      model: 'claude-opus-5',
      maxSteps: 12,
      effort: 'high',
    };
    const { body: made, headers } = await request(atoll, 'POST', A, owner, { tenant: tenant.slug, body, status: 201 });
    expect(made).toMatchObject({ ...body, tools: ['chat_probe_echo', 'chat_probe_count'], isDefault: false, createdBy: owner.userId });
    expect(headers.get('location')).toBe(`${A}/${made.id}`);
    expect(await call(atoll, 'GET', headers.get('location')!, owner, { tenant: tenant.id, status: 200 })).toEqual(made);
    const bare = await newAssistant(atoll, owner, tenant.id, { name: 'Bare' });
    expect(bare).toMatchObject({ instructions: '', tools: null, datasetIds: [], model: null, maxSteps: null, effort: null, isDefault: false });
  });

  it('moves the default to a new assistant saved with isDefault', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const made = await newAssistant(atoll, owner, tenant.id, { name: 'New default', isDefault: true });
    expect(made.isDefault).toBe(true);
    const page = await call(atoll, 'GET', A, owner, { tenant: tenant.id, status: 200 });
    expect(page.items.map((a: { name: string; isDefault: boolean }) => [a.name, a.isDefault])).toEqual([
      ['New default', true],
      ['Assistant', false],
    ]);
  });

  it('refuses a taken name, ignoring case, the default’s included (409 CHAT_ASSISTANT_NAME_TAKEN), not in another tenant', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await newAssistant(atoll, owner, tenant.id, { name: 'Forecast' });
    await call(atoll, 'POST', A, owner, { tenant: tenant.id, body: { name: ' forecast ' }, status: 409, code: 'CHAT_ASSISTANT_NAME_TAKEN' });
    await call(atoll, 'POST', A, owner, { tenant: tenant.id, body: { name: 'ASSISTANT' }, status: 409, code: 'CHAT_ASSISTANT_NAME_TAKEN' });
    const other = await ownerWithTenant(atoll);
    await newAssistant(atoll, other.owner, other.tenant.id, { name: 'Forecast' });
  });

  it('refuses tools no plugin contributes (400 CHAT_UNKNOWN_TOOL naming each)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const problem = await call(atoll, 'POST', A, owner, { tenant: tenant.id, body: { name: 'x', tools: ['chat_probe_echo', 'nope', 'sql_drop'] }, status: 400, code: 'CHAT_UNKNOWN_TOOL' });
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(['tools.1', 'tools.2']);
    expect(problem.detail).toMatch(/"nope", "sql_drop"/);
  });

  it('validates the body (400 naming the field)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const bad = async (body: unknown, field: string) => {
      const problem = await call(atoll, 'POST', A, owner, { tenant: tenant.id, body, status: 400, code: 'KERNEL_VALIDATION' });
      expect(
        problem.errors.map((e: { path: string }) => e.path),
        JSON.stringify(problem),
      ).toContain(field);
    };
    await bad({ name: '  ' }, 'name');
    await bad({}, 'name');
    await bad({ name: 'x'.repeat(101) }, 'name');
    await bad({ name: 'x', instructions: 'i'.repeat(20_001) }, 'instructions');
    await bad({ name: 'x', datasetIds: Array.from({ length: 21 }, () => crypto.randomUUID()) }, 'datasetIds');
    await bad({ name: 'x', datasetIds: ['not-a-uuid'] }, 'datasetIds.0');
    await bad({ name: 'x', maxSteps: 51 }, 'maxSteps');
    await bad({ name: 'x', maxSteps: 0 }, 'maxSteps');
    await bad({ name: 'x', effort: 'extreme' }, 'effort');
    await bad({ name: 'x', model: 'm'.repeat(101) }, 'model');
    await bad({ name: 'x', tools: 'chat_probe_echo' }, 'tools');
    await call(atoll, 'POST', A, owner, { tenant: tenant.id, body: '{not json', status: 400, code: 'KERNEL_MALFORMED_BODY' });
  });
});

describe('GET, PATCH and DELETE /chat/assistants/{id}', () => {
  it('gets an assistant for any member; another tenant’s id is 404; a malformed id is 400', async () => {
    const { owner, viewer, tenant } = await team(atoll);
    const made = await newAssistant(atoll, owner, tenant.id);
    expect(await call(atoll, 'GET', `${A}/${made.id}`, viewer, { tenant: tenant.id, status: 200 })).toEqual(made);
    const other = await ownerWithTenant(atoll);
    await call(atoll, 'GET', `${A}/${made.id}`, other.owner, { tenant: other.tenant.id, status: 404, code: 'CHAT_ASSISTANT_NOT_FOUND' });
    await call(atoll, 'GET', `${A}/${crypto.randomUUID()}`, owner, { tenant: tenant.id, status: 404, code: 'CHAT_ASSISTANT_NOT_FOUND' });
    await call(atoll, 'GET', `${A}/not-a-uuid`, owner, { tenant: tenant.id, status: 400 });
  });

  it('changes only the given fields; null goes back to the plugin default; 400, 404 and 409 as documented', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const made = await newAssistant(atoll, owner, tenant.id, { name: 'Before', model: 'claude-opus-5', tools: ['chat_probe_echo'], maxSteps: 3 });
    const P = `${A}/${made.id}`;
    const changed = await call(atoll, 'PATCH', P, owner, { tenant: tenant.id, body: { name: 'After', model: null, tools: null }, status: 200 });
    expect(changed).toMatchObject({ name: 'After', model: null, tools: null, maxSteps: 3 });
    expect(Date.parse(changed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(made.updatedAt));
    await call(atoll, 'PATCH', P, owner, { tenant: tenant.id, body: {}, status: 400, code: 'KERNEL_VALIDATION' });
    await call(atoll, 'PATCH', P, owner, { tenant: tenant.id, body: { effort: 'extreme' }, status: 400, code: 'KERNEL_VALIDATION' });
    await call(atoll, 'PATCH', P, owner, { tenant: tenant.id, body: { tools: ['ghost'] }, status: 400, code: 'CHAT_UNKNOWN_TOOL' });
    await call(atoll, 'PATCH', P, owner, { tenant: tenant.id, body: { name: 'assistant' }, status: 409, code: 'CHAT_ASSISTANT_NAME_TAKEN' });
    await call(atoll, 'PATCH', `${A}/${crypto.randomUUID()}`, owner, { tenant: tenant.id, body: { name: 'x' }, status: 404, code: 'CHAT_ASSISTANT_NOT_FOUND' });
    const other = await ownerWithTenant(atoll);
    await call(atoll, 'PATCH', P, other.owner, { tenant: other.tenant.id, body: { name: 'pwned' }, status: 404, code: 'CHAT_ASSISTANT_NOT_FOUND' });
  });

  it('moves the default with isDefault true and refuses to unset it (409 CHAT_DEFAULT_ASSISTANT)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const first = (await call(atoll, 'GET', A, owner, { tenant: tenant.id, status: 200 })).items[0];
    await call(atoll, 'PATCH', `${A}/${first.id}`, owner, { tenant: tenant.id, body: { isDefault: false }, status: 409, code: 'CHAT_DEFAULT_ASSISTANT' });
    const [b, c] = [await newAssistant(atoll, owner, tenant.id, { name: 'B' }), await newAssistant(atoll, owner, tenant.id, { name: 'C' })];
    expect((await call(atoll, 'PATCH', `${A}/${b.id}`, owner, { tenant: tenant.id, body: { isDefault: true }, status: 200 })).isDefault).toBe(true);
    expect((await call(atoll, 'GET', `${A}/${first.id}`, owner, { tenant: tenant.id, status: 200 })).isDefault).toBe(false);
    // Two moves at once: both succeed, one after the other, and one default is left.
    await Promise.all([b, c, b, c].map((a) => call(atoll, 'PATCH', `${A}/${a.id}`, owner, { tenant: tenant.id, body: { isDefault: true }, status: 200 })));
    const page = await call(atoll, 'GET', A, owner, { tenant: tenant.id, status: 200 });
    expect(page.items.filter((a: { isDefault: boolean }) => a.isDefault)).toHaveLength(1);
    expect(page.items[0].isDefault).toBe(true);
  });

  it('deletes an assistant (not the default); its sessions stay, on the default', async () => {
    const { owner, member, tenant } = await team(atoll);
    const doomed = await newAssistant(atoll, owner, tenant.id, { name: 'Doomed' });
    const session = await newSession(atoll, member, tenant.id, { assistantId: doomed.id });
    const byDefault = (await call(atoll, 'GET', A, owner, { tenant: tenant.id, status: 200 })).items[0];
    await call(atoll, 'DELETE', `${A}/${byDefault.id}`, owner, { tenant: tenant.id, status: 409, code: 'CHAT_DEFAULT_ASSISTANT' });
    const other = await ownerWithTenant(atoll);
    await call(atoll, 'DELETE', `${A}/${doomed.id}`, other.owner, { tenant: other.tenant.id, status: 404, code: 'CHAT_ASSISTANT_NOT_FOUND' });
    await call(atoll, 'DELETE', `${A}/${doomed.id}`, owner, { tenant: tenant.id, status: 204 });
    await call(atoll, 'GET', `${A}/${doomed.id}`, owner, { tenant: tenant.id, status: 404, code: 'CHAT_ASSISTANT_NOT_FOUND' });
    await call(atoll, 'DELETE', `${A}/${doomed.id}`, owner, { tenant: tenant.id, status: 404, code: 'CHAT_ASSISTANT_NOT_FOUND' });
    expect((await call(atoll, 'GET', `${S}/${session.id}`, member, { tenant: tenant.id, status: 200 })).assistantId).toBeNull();
  });

  it('audits creating, changing and deleting', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const made = await newAssistant(atoll, owner, tenant.id, { name: 'Audited' });
    await call(atoll, 'PATCH', `${A}/${made.id}`, owner, { tenant: tenant.id, body: { instructions: 'Be brief.' }, status: 200 });
    await call(atoll, 'DELETE', `${A}/${made.id}`, owner, { tenant: tenant.id, status: 204 });
    const audit = await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}/audit`, owner, { status: 200 });
    const mine = audit.items.filter((e: { targetId: string }) => e.targetId === made.id);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['chat.assistant.deleted', 'chat.assistant.updated', 'chat.assistant.created']);
    expect(mine[1].data).toEqual({ fields: ['instructions'] });
    expect(audit.items.some((e: { action: string; actorType: string }) => e.action === 'chat.assistant.created' && e.actorType === 'system')).toBe(true);
  });
});

describe('access to assistants', () => {
  it('needs a signed-in user of the tenant: 401, 404 for strangers, 403 for members and viewers on writes', async () => {
    const { owner, member, viewer, tenant } = await team(atoll);
    const made = await newAssistant(atoll, owner, tenant.id);
    const P = `${A}/${made.id}`;
    const stranger = await seedUser(atoll);
    for (const [method, path, body] of [
      ['GET', A],
      ['POST', A, { name: 'x' }],
      ['GET', P],
      ['PATCH', P, { name: 'y' }],
      ['DELETE', P],
    ] as const) {
      await call(atoll, method, path, null, { tenant: tenant.id, body, status: 401, code: 'KERNEL_UNAUTHENTICATED' });
      await call(atoll, method, path, stranger, { tenant: tenant.id, body, status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
      if (method === 'GET') continue;
      await call(atoll, method, path, member, { tenant: tenant.id, body, status: 403, code: 'KERNEL_FORBIDDEN' });
      await call(atoll, method, path, viewer, { tenant: tenant.id, body, status: 403, code: 'KERNEL_FORBIDDEN' });
    }
    await call(atoll, 'GET', P, member, { tenant: tenant.id, status: 200 });
  });

  it('refuses API keys (403), whatever their scopes and role', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const made = await newAssistant(atoll, owner, tenant.id);
    const key = await apiKeyOf(atoll, { tenantId: tenant.id, scopes: ['projects:read', 'projects:write'], role: 'admin', createdBy: owner.userId });
    for (const [method, path, body] of [
      ['GET', A],
      ['POST', A, { name: 'x' }],
      ['GET', `${A}/${made.id}`],
      ['PATCH', `${A}/${made.id}`, { name: 'y' }],
      ['DELETE', `${A}/${made.id}`],
    ] as const) {
      await call(atoll, method, path, key.secret, { body, status: 403, code: 'KERNEL_FORBIDDEN' });
    }
  });
});
