import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../test/worker/harness';
import type { AtollApp } from '../../worker/app';
import { asApp, bootJobs, call, claim, ECHO, jobsTeam, memberOf, newJob, ownerWithTenant, workKey } from './testing';

let atoll: AtollApp;
beforeAll(async () => {
  atoll = await bootJobs();
});

const post = (who: Parameters<typeof call>[3], tenant: string, body: unknown, status: number) => call(atoll, 'POST', '/api/v1/jobs', who, { tenant, body, status });

describe('creating jobs', () => {
  it('validates the type and the input (400)', async () => {
    const { member, tenant } = await jobsTeam(atoll, 'valid');
    await post(member, tenant.id, { type: 'nope.nothing', input: {} }, 400).then((b) => expect(b.code).toBe('JOBS_UNKNOWN_TYPE'));
    const bad = await post(member, tenant.id, { type: ECHO, input: { numbers: 'x' } }, 400);
    expect(bad).toMatchObject({ code: 'JOBS_INVALID_INPUT', errors: [expect.objectContaining({ path: 'input.numbers' })] });
    await post(member, tenant.id, { type: ECHO }, 400);
    await post(member, tenant.id, { input: { numbers: [1] } }, 400);
    await post(member, tenant.id, 'not json', 400);
    // Keys the type's schema strips are still hashed (Idempotency-Key): nesting is bounded, not a stack overflow.
    const deep = `{"type":"${ECHO}","input":{"numbers":[1],"extra":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    const tooDeep = await send(atoll, '/api/v1/jobs', { method: 'POST', headers: member.headers(tenant.id), body: deep });
    expect(await tooDeep.json()).toMatchObject({ status: 400, code: 'JOBS_INVALID_INPUT', errors: [expect.objectContaining({ path: 'input' })] });
    const job = await post(member, tenant.id, { type: ECHO, input: { numbers: [1], label: 'a' } }, 201);
    expect(job).toMatchObject({ type: ECHO, status: 'PENDING', attempts: 0, maxAttempts: 2, cached: false, replayed: false, input: { numbers: [1], label: 'a' } });
  });

  it('reuses a pending, running or succeeded identical job, whatever the key order, but never a failed, cancelled or timed-out one', async () => {
    const { owner, member, tenant, runnerKey } = await jobsTeam(atoll, 'cache');
    const first = await post(member, tenant.id, { type: ECHO, input: { numbers: [1, 2], label: 'x' } }, 201);
    const again = await post(owner, tenant.id, { type: ECHO, input: { label: 'x', numbers: [1, 2] } }, 200);
    expect(again).toMatchObject({ id: first.id, cached: true });
    await post(member, tenant.id, { type: ECHO, input: { numbers: [2, 1], label: 'x' } }, 201);
    const [assignment] = await claim(atoll, runnerKey);
    expect(assignment!.jobId).toBe(first.id);
    expect(await post(member, tenant.id, { type: ECHO, input: { numbers: [1, 2], label: 'x' } }, 200)).toMatchObject({ id: first.id, status: 'RUNNING', cached: true });
    await call(atoll, 'POST', `/api/v1/jobs/assignments/${assignment!.assignmentId}/result`, runnerKey, { body: { status: 'SUCCEEDED', result: { sum: 3 } }, status: 200 });
    expect(await post(member, tenant.id, { type: ECHO, input: { numbers: [1, 2], label: 'x' } }, 200)).toMatchObject({ id: first.id, status: 'SUCCEEDED', cached: true });
    // Another tenant's identical job is its own.
    const other = await ownerWithTenant(atoll, 'cache-b');
    expect((await post(other.owner, other.tenant.id, { type: ECHO, input: { numbers: [1, 2], label: 'x' } }, 201)).id).not.toBe(first.id);

    for (const end of ['FAILED', 'CANCELLED', 'TIMED_OUT']) {
      const input = { numbers: [9], label: end };
      const job = await post(member, tenant.id, { type: ECHO, input }, 201);
      await asApp(atoll, (tx) => tx.execute(sql`update jobs set status = ${end} where id = ${job.id}`));
      const fresh = await post(member, tenant.id, { type: ECHO, input }, 201);
      expect(fresh.id).not.toBe(job.id);
    }
  }, 30_000);

  it('gives concurrent identical requests one job', async () => {
    const { member, tenant } = await jobsTeam(atoll, 'cache-race');
    const body = JSON.stringify({ type: ECHO, input: { numbers: [42] } });
    const responses = await Promise.all(Array.from({ length: 8 }, () => send(atoll, '/api/v1/jobs', { method: 'POST', headers: member.headers(tenant.id), body })));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const answers = (await Promise.all(responses.map((r) => r.json()))) as { id: string; cached: boolean }[];
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(answers.filter((a) => a.cached === false)).toHaveLength(1);
  }, 30_000);
});

describe("a colleague's cached job", () => {
  it('becomes readable (GET, results, list) by the member it was given to, but not cancellable, and stays hidden from others', async () => {
    const { owner, member, tenant } = await jobsTeam(atoll, 'shared');
    const colleague = await memberOf(atoll, tenant.id, owner, 'member');
    const bystander = await memberOf(atoll, tenant.id, owner, 'member');
    const input = { numbers: [314] };
    const job = await post(member, tenant.id, { type: ECHO, input }, 201);
    expect(await post(colleague, tenant.id, { type: ECHO, input }, 200)).toMatchObject({ id: job.id, cached: true });
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}`, colleague, { tenant: tenant.id, status: 200 });
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}/results`, colleague, { tenant: tenant.id, status: 200 });
    expect((await call(atoll, 'GET', '/api/v1/jobs', colleague, { tenant: tenant.id, status: 200 })).items.map((j: { id: string }) => j.id)).toEqual([job.id]);
    await call(atoll, 'POST', `/api/v1/jobs/${job.id}/cancel`, colleague, { tenant: tenant.id, status: 404, code: 'JOBS_NOT_FOUND' });
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}`, bystander, { tenant: tenant.id, status: 404, code: 'JOBS_NOT_FOUND' });
    expect((await call(atoll, 'GET', '/api/v1/jobs', bystander, { tenant: tenant.id, status: 200 })).items).toEqual([]);
    // Asking again adds nothing twice.
    await post(colleague, tenant.id, { type: ECHO, input }, 200);
    expect((await call(atoll, 'GET', '/api/v1/jobs', colleague, { tenant: tenant.id, status: 200 })).items).toHaveLength(1);
  }, 30_000);
});

describe('idempotency keys', () => {
  it('answers the same key and body with the same job, and the same key with another body with 422', async () => {
    const { owner, member, tenant, runnerKey } = await jobsTeam(atoll, 'idem');
    const key = `k-${crypto.randomUUID()}`;
    const request = (who: typeof member, body: unknown) => send(atoll, '/api/v1/jobs', { method: 'POST', headers: { ...who.headers(tenant.id), 'idempotency-key': key }, body: JSON.stringify(body) });
    const first = await request(member, { type: ECHO, input: { numbers: [5] } });
    expect(first.status).toBe(201);
    const job = (await first.json()) as { id: string };
    expect(first.headers.get('location')).toBe(`/api/v1/jobs/${job.id}`);
    // Fail it: the cache would no longer reuse it, but the key still answers with it.
    const [assignment] = await claim(atoll, runnerKey);
    await call(atoll, 'POST', `/api/v1/jobs/assignments/${assignment!.assignmentId}/result`, runnerKey, { body: { status: 'FAILED', error: 'x' }, status: 200 });
    const replay = await request(member, { input: { numbers: [5] }, type: ECHO });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ id: job.id, status: 'FAILED', replayed: true });
    expect(replay.headers.get('location')).toBeNull(); // nothing created
    const reused = await request(member, { type: ECHO, input: { numbers: [6] } });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: 'JOBS_IDEMPOTENCY_KEY_REUSED' });
    // Keys belong to their caller: the owner's same key starts a new job.
    const theirs = await request(owner, { type: ECHO, input: { numbers: [5] } });
    expect(theirs.status).toBe(201);
    expect(((await theirs.json()) as { id: string }).id).not.toBe(job.id);
    const tooLong = await send(atoll, '/api/v1/jobs', {
      method: 'POST',
      headers: { ...member.headers(tenant.id), 'idempotency-key': 'k'.repeat(201) },
      body: JSON.stringify({ type: ECHO, input: { numbers: [1] } }),
    });
    expect(tooLong.status).toBe(400);
  }, 30_000);
});

describe('reading jobs', () => {
  it('shows members their own jobs and admins all, with cursor pages and filters', async () => {
    const { owner, member, tenant, runnerKey } = await jobsTeam(atoll, 'list');
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push(await newJob(atoll, member, tenant.id, [i]));
    const theirs = await newJob(atoll, owner, tenant.id, [100]);
    await claim(atoll, runnerKey, { max: 1 });
    const page1 = await call(atoll, 'GET', '/api/v1/jobs?limit=2', member, { tenant: tenant.id, status: 200 });
    expect(page1.items.map((j: { id: string }) => j.id)).toEqual([mine[4].id, mine[3].id]);
    const page2 = await call(atoll, 'GET', `/api/v1/jobs?limit=2&cursor=${page1.nextCursor}`, member, { tenant: tenant.id, status: 200 });
    const page3 = await call(atoll, 'GET', `/api/v1/jobs?limit=2&cursor=${page2.nextCursor}`, member, { tenant: tenant.id, status: 200 });
    expect([...page2.items, ...page3.items].map((j: { id: string }) => j.id)).toEqual([mine[2].id, mine[1].id, mine[0].id]);
    expect(page3.nextCursor).toBeNull();
    const all = await call(atoll, 'GET', '/api/v1/jobs?limit=100', owner, { tenant: tenant.id, status: 200 });
    expect(all.items).toHaveLength(6);
    const running = await call(atoll, 'GET', '/api/v1/jobs?status=RUNNING', owner, { tenant: tenant.id, status: 200 });
    expect(running.items.map((j: { id: string }) => j.id)).toEqual([mine[0].id]);
    expect((await call(atoll, 'GET', `/api/v1/jobs?type=${ECHO}&status=PENDING`, owner, { tenant: tenant.id, status: 200 })).items).toHaveLength(5);
    expect((await call(atoll, 'GET', '/api/v1/jobs?type=jobprobe.other', owner, { tenant: tenant.id, status: 200 })).items).toHaveLength(0);
    await call(atoll, 'GET', '/api/v1/jobs?cursor=garbage', member, { tenant: tenant.id, status: 400, code: 'JOBS_INVALID_CURSOR' });
    await call(atoll, 'GET', '/api/v1/jobs?status=DONE', member, { tenant: tenant.id, status: 400 });
    await call(atoll, 'GET', '/api/v1/jobs?limit=101', member, { tenant: tenant.id, status: 400 });
    await call(atoll, 'GET', `/api/v1/jobs/${theirs.id}`, member, { tenant: tenant.id, status: 404, code: 'JOBS_NOT_FOUND' });
    const seen = await call(atoll, 'GET', `/api/v1/jobs/${mine[0].id}`, owner, { tenant: tenant.id, status: 200 });
    expect(seen).toMatchObject({
      status: 'RUNNING',
      attempts: 1,
      events: [
        { from: null, to: 'PENDING', actor: `user:${member.userId}` },
        { from: 'PENDING', to: 'RUNNING' },
      ],
    });
  }, 30_000);

  it('keeps tenants and roles apart (401, 403, 404)', async () => {
    const { owner, member, tenant } = await jobsTeam(atoll, 'sec');
    const viewer = await memberOf(atoll, tenant.id, owner, 'viewer');
    const job = await newJob(atoll, member, tenant.id);
    await post(viewer, tenant.id, { type: ECHO, input: { numbers: [1] } }, 403);
    await call(atoll, 'POST', `/api/v1/jobs/${job.id}/cancel`, viewer, { tenant: tenant.id, status: 403 });
    expect((await call(atoll, 'GET', '/api/v1/jobs', viewer, { tenant: tenant.id, status: 200 })).items).toEqual([]);
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}`, viewer, { tenant: tenant.id, status: 404 });
    for (const [method, path] of [
      ['POST', '/api/v1/jobs'],
      ['GET', '/api/v1/jobs'],
      ['GET', `/api/v1/jobs/${job.id}`],
      ['POST', `/api/v1/jobs/${job.id}/cancel`],
      ['GET', `/api/v1/jobs/${job.id}/results`],
    ] as const) {
      await call(atoll, method, path, null, { tenant: tenant.id, body: method === 'POST' ? { type: ECHO, input: { numbers: [1] } } : undefined, status: 401 });
    }
    const stranger = await ownerWithTenant(atoll, 'stranger');
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}`, stranger.owner, { tenant: stranger.tenant.id, status: 404, code: 'JOBS_NOT_FOUND' });
    await call(atoll, 'POST', `/api/v1/jobs/${job.id}/cancel`, stranger.owner, { tenant: stranger.tenant.id, status: 404, code: 'JOBS_NOT_FOUND' });
    await call(atoll, 'GET', '/api/v1/jobs', stranger.owner, { tenant: tenant.id, status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
    await call(atoll, 'GET', '/api/v1/jobs/not-a-uuid', member, { tenant: tenant.id, status: 400 });
    // API keys: jobs:read lists, jobs:write creates (as the key), jobs:work alone does neither.
    const reader = await workKey(atoll, owner, tenant.id, ['jobs:read', 'jobs:write']);
    const byKey = await post(reader, tenant.id, { type: ECHO, input: { numbers: [77] } }, 201);
    expect(byKey).toMatchObject({ createdByKind: 'api_key' });
    const worker = await workKey(atoll, owner, tenant.id);
    await call(atoll, 'GET', '/api/v1/jobs', worker, { status: 403 });
  }, 30_000);
});

describe('cancelling', () => {
  it('cancels a pending job at once (owner or admin), records and refuses twice', async () => {
    const { owner, member, tenant, runnerKey } = await jobsTeam(atoll, 'cancel');
    const colleague = await memberOf(atoll, tenant.id, owner, 'member');
    const job = await newJob(atoll, member, tenant.id);
    await call(atoll, 'POST', `/api/v1/jobs/${job.id}/cancel`, colleague, { tenant: tenant.id, status: 404 });
    const cancelled = await call(atoll, 'POST', `/api/v1/jobs/${job.id}/cancel`, owner, { tenant: tenant.id, status: 200 });
    expect(cancelled).toMatchObject({ status: 'CANCELLED' });
    expect(await claim(atoll, runnerKey)).toEqual([]);
    await call(atoll, 'POST', `/api/v1/jobs/${job.id}/cancel`, member, { tenant: tenant.id, status: 409, code: 'JOBS_NOT_CANCELLABLE' });
    const seen = await call(atoll, 'GET', `/api/v1/jobs/${job.id}`, member, { tenant: tenant.id, status: 200 });
    expect(seen.events.map((e: { to: string }) => e.to)).toEqual(['PENDING', 'CANCELLED']);
    expect(seen.events[1].actor).toBe(`user:${owner.userId}`);
  }, 30_000);
});
