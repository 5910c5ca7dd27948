import { beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, send } from '../../test/worker/harness';
import type { AtollApp } from '../../worker/app';
import { bootJobs, call, claim, jobsTeam, memberOf, newJob, OTHER, ownerWithTenant, workKey } from './testing';

let atoll: AtollApp;
beforeAll(async () => {
  atoll = await bootJobs();
});

const A = (id: string, what: string) => `/api/v1/jobs/assignments/${id}/${what}`;

async function running(label: string) {
  const team = await jobsTeam(atoll, label);
  const job = await newJob(atoll, team.member, team.tenant.id, [2, 3]);
  const [assignment] = await claim(atoll, team.runnerKey, { runnerId: 'r1' });
  return { ...team, job, assignment: assignment! };
}

describe('results', () => {
  it('accepts one valid result, from the assignee only', async () => {
    const { owner, member, tenant, runnerKey, job, assignment } = await running('result');
    const other = await workKey(atoll, owner, tenant.id);
    const done = { status: 'SUCCEEDED', result: { sum: 5 } };
    await call(atoll, 'POST', A(assignment.assignmentId, 'result'), other, { body: done, status: 404, code: 'JOBS_ASSIGNMENT_NOT_FOUND' });
    await call(atoll, 'POST', A(assignment.assignmentId, 'result'), runnerKey, { body: { status: 'SUCCEEDED', result: { sum: 'five' } }, status: 400, code: 'JOBS_INVALID_RESULT' });
    await call(atoll, 'POST', A(assignment.assignmentId, 'result'), runnerKey, { body: { status: 'SUCCEEDED' }, status: 400, code: 'JOBS_INVALID_RESULT' });
    await call(atoll, 'POST', A(assignment.assignmentId, 'result'), runnerKey, { body: { status: 'DONE' }, status: 400 });
    const finished = await call(atoll, 'POST', A(assignment.assignmentId, 'result'), runnerKey, { body: { ...done, runnerId: 'r1' }, status: 200 });
    expect(finished).toMatchObject({ id: job.id, status: 'SUCCEEDED', result: { sum: 5 }, leaseExpiresAt: null });
    await call(atoll, 'POST', A(assignment.assignmentId, 'result'), runnerKey, { body: done, status: 409, code: 'JOBS_ALREADY_FINISHED' });
    await call(atoll, 'POST', A(assignment.assignmentId, 'heartbeat'), runnerKey, { body: {}, status: 409, code: 'JOBS_ALREADY_FINISHED' });
    const seen = await call(atoll, 'GET', `/api/v1/jobs/${job.id}`, member, { tenant: tenant.id, status: 200 });
    expect(seen.events.map((e: { to: string }) => e.to)).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
  });

  it('records a failure with its error', async () => {
    const { member, tenant, runnerKey, job, assignment } = await running('failure');
    await call(atoll, 'POST', A(assignment.assignmentId, 'result'), runnerKey, { body: { status: 'FAILED', error: 'disk full' }, status: 200 });
    const seen = await call(atoll, 'GET', `/api/v1/jobs/${job.id}`, member, { tenant: tenant.id, status: 200 });
    expect(seen).toMatchObject({ status: 'FAILED', error: 'disk full', result: null });
  });
});

describe('cancel while running', () => {
  it('tells the runner at its next heartbeat and refuses its later result', async () => {
    const { member, tenant, runnerKey, job, assignment } = await running('cancel-run');
    const cancelled = await call(atoll, 'POST', `/api/v1/jobs/${job.id}/cancel`, member, { tenant: tenant.id, status: 200 });
    expect(cancelled).toMatchObject({ status: 'CANCELLED' });
    expect(cancelled.cancelRequestedAt).not.toBeNull();
    expect(await call(atoll, 'POST', A(assignment.assignmentId, 'heartbeat'), runnerKey, { body: {}, status: 200 })).toEqual({ cancelled: true, leaseExpiresAt: null });
    await call(atoll, 'POST', A(assignment.assignmentId, 'result'), runnerKey, { body: { status: 'SUCCEEDED', result: { sum: 5 } }, status: 409, code: 'JOBS_CANCELLED' });
    await call(atoll, 'POST', A(assignment.assignmentId, 'uploads'), runnerKey, { body: { name: 'x.csv', size: 1 }, status: 409, code: 'JOBS_CANCELLED' });
    await call(atoll, 'POST', `/api/v1/jobs/${job.id}/cancel`, member, { tenant: tenant.id, status: 409, code: 'JOBS_NOT_CANCELLABLE' });
  });
});

describe('files and resources', () => {
  it('presigns result uploads under the job prefix and lets only the owner or an admin download them', async () => {
    const { owner, member, tenant, runnerKey, job, assignment } = await running('files');
    const content = 'a,b\n1,2\n';
    const target = await call(atoll, 'POST', A(assignment.assignmentId, 'uploads'), runnerKey, { body: { name: 'out.csv', size: content.length, contentType: 'text/csv' }, status: 201 });
    expect(target.key).toBe(`tenants/${tenant.id}/jobs/${job.id}/results/out.csv`);
    const put = await fetch(target.url, { method: 'PUT', headers: target.headers, body: content });
    expect(put.status).toBe(200);
    for (const name of ['../x', '.hidden', 'a/b', '']) {
      await call(atoll, 'POST', A(assignment.assignmentId, 'uploads'), runnerKey, { body: { name, size: 1 }, status: 400 });
    }
    await call(atoll, 'POST', A(assignment.assignmentId, 'uploads'), runnerKey, { body: { name: 'big.bin', size: 2 * 1024 ** 3 }, status: 413, code: 'JOBS_RESULT_TOO_LARGE' });
    await call(atoll, 'POST', A(assignment.assignmentId, 'result'), runnerKey, { body: { status: 'SUCCEEDED', result: { sum: 5, files: ['out.csv'] } }, status: 200 });

    const { items } = await call(atoll, 'GET', `/api/v1/jobs/${job.id}/results?expiresIn=120`, member, { tenant: tenant.id, status: 200 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ name: 'out.csv', size: content.length });
    expect(await (await fetch(items[0].url)).text()).toBe(content);
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}/results`, owner, { tenant: tenant.id, status: 200 });
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}/results?expiresIn=86400`, member, { tenant: tenant.id, status: 400 });
    const colleague = await memberOf(atoll, tenant.id, owner, 'member');
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}/results`, colleague, { tenant: tenant.id, status: 404, code: 'JOBS_NOT_FOUND' });
    const stranger = await ownerWithTenant(atoll, 'stranger');
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}/results`, stranger.owner, { tenant: stranger.tenant.id, status: 404, code: 'JOBS_NOT_FOUND' });
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}/results`, stranger.owner, { tenant: tenant.id, status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
  }, 30_000);

  it('redirects a result link to a URL signed when it is followed, for the owner or an admin only', async () => {
    const { owner, member, tenant, runnerKey, job, assignment } = await running('result-link');
    const content = 'x\n1\n';
    const target = await call(atoll, 'POST', A(assignment.assignmentId, 'uploads'), runnerKey, { body: { name: 'x.csv', size: content.length, contentType: 'text/csv' }, status: 201 });
    expect((await fetch(target.url, { method: 'PUT', headers: target.headers, body: content })).status).toBe(200);
    await call(atoll, 'POST', A(assignment.assignmentId, 'result'), runnerKey, { body: { status: 'SUCCEEDED', result: { sum: 5, files: ['x.csv'] } }, status: 200 });
    const link = `/api/v1/jobs/${job.id}/results/x.csv`;

    for (const who of [member, owner]) {
      const res = await send(atoll, link, { headers: who.headers(tenant.id) });
      expect(res.status, await res.clone().text()).toBe(302);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const url = new URL(res.headers.get('location')!);
      expect(url.pathname.endsWith(`/tenants/${tenant.id}/jobs/${job.id}/results/x.csv`), url.href).toBe(true);
      expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
      expect(await (await fetch(url)).text()).toBe(content);
    }
    const bad = await call(atoll, 'GET', `/api/v1/jobs/${job.id}/results/.hidden`, member, { tenant: tenant.id, status: 400 });
    expect(bad.errors).toEqual([expect.objectContaining({ location: 'path', path: 'name' })]);
    await call(atoll, 'GET', `/api/v1/jobs/${job.id}/results/other.csv`, member, { tenant: tenant.id, status: 404, code: 'JOBS_RESULT_NOT_FOUND' });
    await call(atoll, 'GET', `/api/v1/jobs/not-a-job/results/x.csv`, member, { tenant: tenant.id, status: 400 });
    const colleague = await memberOf(atoll, tenant.id, owner, 'member');
    await call(atoll, 'GET', link, colleague, { tenant: tenant.id, status: 404, code: 'JOBS_NOT_FOUND' });
    const stranger = await ownerWithTenant(atoll, 'link-stranger');
    await call(atoll, 'GET', link, stranger.owner, { tenant: stranger.tenant.id, status: 404, code: 'JOBS_NOT_FOUND' });
    await call(atoll, 'GET', link, stranger.owner, { tenant: tenant.id, status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
    const readerKey = await workKey(atoll, owner, tenant.id, ['files:read']);
    await call(atoll, 'GET', link, readerKey, { status: 403 });
  }, 30_000);

  it("streams the job type's resources to the assignee while it holds the lease", async () => {
    const { owner, tenant, runnerKey, assignment } = await running('resources');
    const res = await send(atoll, A(assignment.assignmentId, 'resources/numbers'), { headers: { authorization: `Bearer ${runnerKey}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('2\n3\n');
    await call(atoll, 'GET', A(assignment.assignmentId, 'resources/missing'), runnerKey, { status: 404, code: 'JOBS_RESOURCE_NOT_FOUND' });
    await call(atoll, 'GET', A(assignment.assignmentId, 'resources/toString'), runnerKey, { status: 404, code: 'JOBS_RESOURCE_NOT_FOUND' });
    const other = await workKey(atoll, owner, tenant.id);
    await call(atoll, 'GET', A(assignment.assignmentId, 'resources/numbers'), other, { status: 404, code: 'JOBS_ASSIGNMENT_NOT_FOUND' });
  });
});

describe('the platform runner tenant', () => {
  it('claims jobs of every tenant while an ordinary key claims only its own', async () => {
    const platform = await ownerWithTenant(atoll, 'platform');
    const app = await bootJobs({ JOBS_RUNNER_TENANT: platform.tenant.id });
    const platformKey = await workKey(app, platform.owner, platform.tenant.id);
    const a = await jobsTeam(app, 'plat-a');
    const b = await jobsTeam(app, 'plat-b');
    const jobA = await call(app, 'POST', '/api/v1/jobs', a.owner, { tenant: a.tenant.id, body: { type: OTHER, input: { id: 1 } }, status: 201 });
    const jobB = await call(app, 'POST', '/api/v1/jobs', b.owner, { tenant: b.tenant.id, body: { type: OTHER, input: { id: 2 } }, status: 201 });
    expect(await claim(app, a.runnerKey, { types: [OTHER], max: 50 })).toEqual([expect.objectContaining({ jobId: jobA.id })]);
    const claimed = await claim(app, platformKey, { types: [OTHER], max: 50 });
    expect(claimed.map((j) => j.jobId)).toContain(jobB.id);
    const mine = claimed.find((j) => j.jobId === jobB.id)!;
    expect(mine.tenantId).toBe(b.tenant.id);
    const res = await send(app, A(mine.assignmentId, 'result'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${platformKey}` },
      body: JSON.stringify({ status: 'SUCCEEDED', result: {} }),
    });
    expect(res.status, JSON.stringify(await bodyOf(res.clone()))).toBe(200);
    expect((await call(app, 'GET', `/api/v1/jobs/${jobB.id}`, b.owner, { tenant: b.tenant.id, status: 200 })).status).toBe('SUCCEEDED');
  }, 30_000);
});

describe('release', () => {
  it('gives a held job back at once without spending the attempt', async () => {
    const { owner, tenant, runnerKey, job, assignment } = await running('release');
    const other = await workKey(atoll, owner, tenant.id);
    await call(atoll, 'POST', A(assignment.assignmentId, 'release'), other, { body: {}, status: 404, code: 'JOBS_ASSIGNMENT_NOT_FOUND' });
    await call(atoll, 'POST', A(assignment.assignmentId, 'release'), owner, { tenant: tenant.id, body: {}, status: 403 });
    const res = await send(atoll, A(assignment.assignmentId, 'release'), { method: 'POST', headers: { authorization: `Bearer ${runnerKey}` } });
    expect(res.status).toBe(204);
    await call(atoll, 'POST', A(assignment.assignmentId, 'release'), runnerKey, { body: { runnerId: 'r1' }, status: 409, code: 'JOBS_LEASE_EXPIRED' });
    const [again] = await claim(atoll, runnerKey);
    expect(again).toMatchObject({ jobId: job.id, attempt: 1 });
  }, 30_000);
});
