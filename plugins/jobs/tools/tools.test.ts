import { z } from 'atoll/plugin';
import { describe, expect, it, vi } from 'vitest';
import { apiKeyOf } from '../../../test/worker/seed';
import { keyCaller, runToolDirect, toolOf, userCaller } from '../../chat/tools/testing';
import { bootJobs, call, ECHO, GUARDED, jobsTeam } from '../testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootJobs();

const a = await jobsTeam(atoll, 'jobtool-a');
const b = await jobsTeam(atoll, 'jobtool-b');
const asMember = userCaller(a.member, a.tenant.id, 'member');
const start = async (input: unknown, caller = asMember) => JSON.parse((await runToolDirect(atoll, 'jobs_start', input, caller)).text);

describe('jobs tools: declared access', () => {
  it('jobs_start writes: members only, and a key needs jobs:write like POST /jobs', () => {
    expect(toolOf(atoll, 'jobs_start')).toMatchObject({ minRole: 'member', scopes: ['jobs:write'], writes: true });
    expect(z.toJSONSchema(toolOf(atoll, 'jobs_start').input, { io: 'input' })).toMatchObject({ required: ['type', 'input'] });
  });

  it('jobs_list_types reads: viewers, and a key needs jobs:read', () => {
    expect(toolOf(atoll, 'jobs_list_types')).toMatchObject({ minRole: 'viewer', scopes: ['jobs:read'] });
    expect(toolOf(atoll, 'jobs_list_types').writes).toBeFalsy();
  });
});

describe('jobs_list_types', () => {
  it('lists the declared types with their input schemas and extra key scopes', async () => {
    const { text } = await runToolDirect(atoll, 'jobs_list_types', {}, userCaller(a.owner, a.tenant.id, 'owner'));
    const line = (type: string) => text.split('\n').find((l) => l.startsWith(`${type}: `));
    const schema = JSON.parse(line(ECHO)!.slice(`${ECHO}: input `.length));
    expect(schema).toMatchObject({ type: 'object', properties: { numbers: { type: 'array', items: { type: 'number' } } }, required: ['numbers'] });
    expect(line(GUARDED)).toMatch(/; key scopes files:read$/);
  });
});

describe('jobs_start', () => {
  it('queues a job as the calling user, and reuses an identical one', async () => {
    const numbers = [Math.random(), 2];
    const job = await start({ type: ECHO, input: { numbers } });
    expect(job).toMatchObject({ type: ECHO, status: 'PENDING', reused: false });
    const stored = await call(atoll, 'GET', `/api/v1/jobs/${job.id}`, a.member, { tenant: a.tenant.id, status: 200 });
    expect(stored).toMatchObject({ createdBy: a.member.userId, createdByKind: 'user', input: { numbers } });
    expect(await start({ type: ECHO, input: { numbers } })).toMatchObject({ id: job.id, reused: true });
  });

  it("acts as an API key with the key's scopes: a type that reads files needs files:read too", async () => {
    const plain = await apiKeyOf(atoll, { tenantId: a.tenant.id, scopes: ['jobs:write'], createdBy: a.owner.userId });
    const broad = await apiKeyOf(atoll, { tenantId: a.tenant.id, scopes: ['jobs:write', 'files:read'], createdBy: a.owner.userId });
    const input = { type: GUARDED, input: { path: `p-${crypto.randomUUID()}` } };
    await expect(start(input, keyCaller(plain.id, a.tenant.id, ['jobs:write']))).rejects.toMatchObject({ code: 'JOBS_SCOPE_MISSING' });
    const job = await start(input, keyCaller(broad.id, a.tenant.id, ['jobs:write', 'files:read']));
    const stored = await call(atoll, 'GET', `/api/v1/jobs/${job.id}`, a.owner, { tenant: a.tenant.id, status: 200 });
    expect(stored).toMatchObject({ createdBy: broad.id, createdByKind: 'api_key' });
  });

  it('refuses unknown types and bad or oversized input with the jobs codes', async () => {
    await expect(start({ type: 'jobprobe.nope', input: {} })).rejects.toMatchObject({ code: 'JOBS_UNKNOWN_TYPE' });
    await expect(start({ type: ECHO, input: { numbers: 'seven' } })).rejects.toMatchObject({ code: 'JOBS_INVALID_INPUT' });
    await expect(start({ type: ECHO, input: { numbers: [1], label: 'x'.repeat(70_000) } })).rejects.toMatchObject({ code: 'JOBS_INVALID_INPUT' });
    for (const type of ['', 'x\u0000', 'x'.repeat(201)]) expect(toolOf(atoll, 'jobs_start').input.safeParse({ type, input: {} }).success, type).toBe(false);
  });

  it("creates the job in the caller's tenant only: another tenant cannot see it", async () => {
    const job = await start({ type: ECHO, input: { numbers: [Math.random()] } }, userCaller(b.member, b.tenant.id, 'member'));
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}`, b.owner, { tenant: b.tenant.id, status: 200 });
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}`, a.owner, { tenant: a.tenant.id, status: 404, code: 'JOBS_NOT_FOUND' });
  });
});
