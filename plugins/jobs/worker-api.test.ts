import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AtollApp } from '../../worker/app';
import { asApp, bootJobs, call, claim, ECHO, expireLease, jobsTeam, newJob, runSweep, workKey } from './testing';

let atoll: AtollApp;
beforeAll(async () => {
  atoll = await bootJobs();
});

const A = (id: string, what: string) => `/api/v1/jobs/assignments/${id}/${what}`;

describe('claiming', () => {
  it('never gives one job to two runners, however many claim at once', async () => {
    const { owner, tenant } = await jobsTeam(atoll, 'race');
    const keys = await Promise.all([1, 2, 3].map(() => workKey(atoll, owner, tenant.id)));
    const created = await Promise.all(Array.from({ length: 50 }, (_, i) => newJob(atoll, owner, tenant.id, [i])));
    const claims = await Promise.all(Array.from({ length: 36 }, (_, i) => claim(atoll, keys[i % keys.length]!, { runnerId: `runner-${i}`, max: 2 })));
    const claimed = claims.flat().map((j) => j.jobId);
    expect(new Set(claimed).size, 'no job claimed twice').toBe(claimed.length);
    // Whatever the first round left (SKIP LOCKED lets a claim come back short), a second round takes.
    const rest = (await claim(atoll, keys[0]!, { max: 50 })).map((j) => j.jobId);
    const all = [...claimed, ...rest];
    expect(all.sort()).toEqual(created.map((j) => j.id).sort());
    const attempts = await asApp(atoll, (tx) => tx.execute(sql`select attempts, status from jobs where tenant_id = ${tenant.id}`));
    expect(attempts.rows.every((r) => r.attempts === 1 && r.status === 'RUNNING')).toBe(true);
    const events = await asApp(atoll, (tx) => tx.execute(sql`select count(*)::int as n from jobs_events where tenant_id = ${tenant.id} and to_status = 'RUNNING'`));
    expect(events.rows[0]!.n).toBe(50);
  }, 60_000);

  it('claims only the asked types, oldest first, and answers 204 when there is nothing', async () => {
    const { owner, tenant, runnerKey } = await jobsTeam(atoll, 'types');
    const first = await newJob(atoll, owner, tenant.id, [1]);
    const second = await newJob(atoll, owner, tenant.id, [2]);
    const [claimed] = await claim(atoll, runnerKey, { max: 1 });
    expect(claimed).toMatchObject({ jobId: first.id, tenantId: tenant.id, type: ECHO, attempt: 1, input: { numbers: [1] } });
    expect(await claim(atoll, runnerKey, { types: ['jobprobe.other'] })).toEqual([]);
    expect((await claim(atoll, runnerKey))[0]!.jobId).toBe(second.id);
    expect(await claim(atoll, runnerKey)).toEqual([]);
    await call(atoll, 'POST', '/api/v1/jobs/claim', runnerKey, { body: { types: ['nope.nothing'], runnerId: 'r' }, status: 400, code: 'JOBS_UNKNOWN_TYPE' });
    await call(atoll, 'POST', '/api/v1/jobs/claim', runnerKey, { body: { types: [], runnerId: 'r' }, status: 400 });
    await call(atoll, 'POST', '/api/v1/jobs/claim', runnerKey, { body: { types: [ECHO], runnerId: 'r', max: 51 }, status: 400 });
  });

  it('claims the next jobs with a result, in the same request, and stores neither when `next` is bad', async () => {
    const { owner, tenant, runnerKey } = await jobsTeam(atoll, 'next');
    const first = await newJob(atoll, owner, tenant.id, [1]);
    const second = await newJob(atoll, owner, tenant.id, [2]);
    const third = await newJob(atoll, owner, tenant.id, [3]);
    const [running] = await claim(atoll, runnerKey, { max: 1 });
    expect(running!.jobId).toBe(first.id);
    const report = (assignmentId: string, body: Record<string, unknown>, expect: { status: number; code?: string }) =>
      call(atoll, 'POST', A(assignmentId, 'result'), runnerKey, { body: { status: 'SUCCEEDED', result: { sum: 1 }, runnerId: 'r1', ...body }, ...expect });
    // An unknown type in `next`: 400, and the result is not stored (the job is still running).
    await report(running!.assignmentId, { next: { types: ['nope.nothing'], max: 1 } }, { status: 400, code: 'JOBS_UNKNOWN_TYPE' });
    await report(running!.assignmentId, { next: { types: [ECHO], max: 0 } }, { status: 400 });
    expect((await call(atoll, 'GET', `/api/v1/jobs/${first.id}`, owner, { tenant: tenant.id, status: 200 })).status).toBe('RUNNING');

    const finished = await report(running!.assignmentId, { next: { types: [ECHO, ECHO], max: 5 } }, { status: 200 });
    expect(finished).toMatchObject({ id: first.id, status: 'SUCCEEDED', result: { sum: 1 } });
    expect(finished.next.map((j: { jobId: string }) => j.jobId)).toEqual([second.id, third.id]);
    expect(finished.next[0]).toMatchObject({ tenantId: tenant.id, type: ECHO, attempt: 1, input: { numbers: [2] } });
    // The claimed jobs are the runner's now: nothing is left, and their assignments take results.
    expect(await claim(atoll, runnerKey, { max: 50 })).toEqual([]);
    const last = await report(finished.next[0].assignmentId, { result: { sum: 2 }, next: { types: [ECHO], max: 1 } }, { status: 200 });
    expect(last.next).toEqual([]);
    // Without `next` the answer is the finished job alone.
    expect(await report(finished.next[1].assignmentId, { result: { sum: 3 } }, { status: 200 })).not.toHaveProperty('next');
  });

  it('keeps ordinary keys to their own tenant', async () => {
    const a = await jobsTeam(atoll, 'own-a');
    const b = await jobsTeam(atoll, 'own-b');
    const job = await newJob(atoll, a.owner, a.tenant.id, [7]);
    expect(await claim(atoll, b.runnerKey, { max: 50 })).toEqual([]);
    expect((await claim(atoll, a.runnerKey))[0]!.jobId).toBe(job.id);
  });
});

describe('the worker API is for runner keys only', () => {
  it('refuses users (403), anonymous callers (401) and keys without jobs:work (403)', async () => {
    const { owner, member, tenant } = await jobsTeam(atoll, 'sec');
    const reader = await workKey(atoll, owner, tenant.id, ['jobs:read', 'jobs:write']);
    const id = crypto.randomUUID();
    const routes: [string, string, unknown][] = [
      ['POST', '/api/v1/jobs/claim', { types: [ECHO], runnerId: 'r' }],
      ['POST', A(id, 'heartbeat'), {}],
      ['POST', A(id, 'result'), { status: 'SUCCEEDED', result: { sum: 1 } }],
      ['POST', A(id, 'uploads'), { name: 'a.csv', size: 1 }],
      ['GET', A(id, 'resources/numbers'), undefined],
    ];
    for (const [method, path, body] of routes) {
      await call(atoll, method, path, owner, { tenant: tenant.id, body, status: 403, code: 'KERNEL_FORBIDDEN' });
      await call(atoll, method, path, member, { body, status: 403, code: 'KERNEL_FORBIDDEN' });
      await call(atoll, method, path, null, { body, status: 401 });
      await call(atoll, method, path, reader, { body, status: 403, code: 'KERNEL_FORBIDDEN' });
    }
  });
});

describe('leases', () => {
  it('extends the lease on heartbeat, only for the runner holding it', async () => {
    const { owner, tenant, runnerKey } = await jobsTeam(atoll, 'beat');
    await newJob(atoll, owner, tenant.id);
    const [job] = await claim(atoll, runnerKey, { runnerId: 'r1' });
    await asApp(atoll, (tx) => tx.execute(sql`update jobs set lease_expires_at = now() + interval '2 seconds' where id = ${job!.jobId}`));
    const beat = await call(atoll, 'POST', A(job!.assignmentId, 'heartbeat'), runnerKey, { body: { runnerId: 'r1' }, status: 200 });
    expect(beat.cancelled).toBe(false);
    expect(Date.parse(beat.leaseExpiresAt)).toBeGreaterThan(Date.now() + 20_000);
    const other = await workKey(atoll, owner, tenant.id);
    await call(atoll, 'POST', A(job!.assignmentId, 'heartbeat'), other, { body: {}, status: 404, code: 'JOBS_ASSIGNMENT_NOT_FOUND' });
    await call(atoll, 'POST', A(job!.assignmentId, 'heartbeat'), runnerKey, { body: { runnerId: 'r2' }, status: 404, code: 'JOBS_ASSIGNMENT_NOT_FOUND' });
    await call(atoll, 'POST', A(crypto.randomUUID(), 'heartbeat'), runnerKey, { body: {}, status: 404 });
    await call(atoll, 'POST', A('not-a-uuid', 'heartbeat'), runnerKey, { body: {}, status: 400 });
  });

  it('re-queues an expired lease while attempts remain, then times the job out', async () => {
    const { owner, tenant, runnerKey } = await jobsTeam(atoll, 'expiry');
    const created = await newJob(atoll, owner, tenant.id);
    const [first] = await claim(atoll, runnerKey);
    await expireLease(atoll, created.id);
    await call(atoll, 'POST', A(first!.assignmentId, 'heartbeat'), runnerKey, { body: {}, status: 409, code: 'JOBS_LEASE_EXPIRED' });
    expect((await runSweep(atoll)).get('jobs')).toBe('ok');
    expect((await call(atoll, 'GET', `/api/v1/jobs/${created.id}`, owner, { tenant: tenant.id, status: 200 })).status).toBe('PENDING');
    await call(atoll, 'POST', A(first!.assignmentId, 'result'), runnerKey, { body: { status: 'SUCCEEDED', result: { sum: 1 } }, status: 409, code: 'JOBS_LEASE_EXPIRED' });
    const [second] = await claim(atoll, runnerKey);
    expect(second).toMatchObject({ jobId: created.id, attempt: 2 });
    expect(second!.assignmentId).not.toBe(first!.assignmentId);
    await call(atoll, 'POST', A(first!.assignmentId, 'heartbeat'), runnerKey, { body: {}, status: 404 });
    await expireLease(atoll, created.id);
    await runSweep(atoll);
    const done = await call(atoll, 'GET', `/api/v1/jobs/${created.id}`, owner, { tenant: tenant.id, status: 200 });
    expect(done).toMatchObject({ status: 'TIMED_OUT', attempts: 2 });
    expect(done.events.map((e: { to: string }) => e.to)).toEqual(['PENDING', 'RUNNING', 'PENDING', 'RUNNING', 'TIMED_OUT']);
    expect(done.events[2].actor).toBe('system:lease-sweep');
    expect(await claim(atoll, runnerKey)).toEqual([]);
  });
});
