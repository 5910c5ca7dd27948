import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, send } from '../../test/worker/harness';
import type { AtollApp } from '../../worker/app';
import { openDatabase } from '../../worker/db/connect';
import { runInTenant } from '../../worker/db/tenant-scope';
import { createLogger } from '../../worker/logger';
import { bootJobs, call, claim, ECHO, expireLease, hubJobEvents, jobsTeam, newJob, runSweep } from './testing';

let atoll: AtollApp;
beforeAll(async () => {
  atoll = await bootJobs();
});

describe('realtime', () => {
  it("publishes every transition to the tenant's hub on the jobs topic", async () => {
    const { member, tenant, runnerKey } = await jobsTeam(atoll, 'live');
    const job = await newJob(atoll, member, tenant.id, [1]);
    const [first] = await claim(atoll, runnerKey);
    await expireLease(atoll, job.id);
    await runSweep(atoll);
    const [second] = await claim(atoll, runnerKey);
    await call(atoll, 'POST', `/api/v1/jobs/assignments/${second!.assignmentId}/result`, runnerKey, { body: { status: 'SUCCEEDED', result: { sum: 1 } }, status: 200 });
    const cancelled = await newJob(atoll, member, tenant.id, [2]);
    await call(atoll, 'POST', `/api/v1/jobs/${cancelled.id}/cancel`, member, { tenant: tenant.id, status: 200 });
    expect(first!.jobId).toBe(job.id);
    const events = await hubJobEvents(tenant.id);
    expect(events.map((e) => `${e.type}:${e.data.jobId === job.id ? 'a' : 'b'}`)).toEqual([
      'job.pending:a',
      'job.running:a',
      'job.pending:a',
      'job.running:a',
      'job.succeeded:a',
      'job.pending:b',
      'job.cancelled:b',
    ]);
    expect(events[4]!.data).toEqual({ jobId: job.id, type: ECHO, status: 'SUCCEEDED' });
  }, 30_000);
});

describe('OpenAPI', () => {
  it('documents every jobs operation with its id, security and errors', async () => {
    const doc = await bodyOf(await send(atoll, '/api/openapi.json'));
    const ops = Object.entries<Record<string, any>>(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/jobs'))
      .flatMap(([path, item]) => Object.entries<any>(item).map(([method, op]) => ({ path, method, op })));
    expect(ops.map((o) => o.op.operationId).sort()).toEqual(
      [
        'jobs.cancelJob',
        'jobs.claimJobs',
        'jobs.createJob',
        'jobs.createResultUpload',
        'jobs.downloadResult',
        'jobs.getJob',
        'jobs.heartbeat',
        'jobs.listJobs',
        'jobs.listResults',
        'jobs.readResource',
        'jobs.releaseAssignment',
        'jobs.submitResult',
      ].sort(),
    );
    for (const { path, method, op } of ops) {
      const worker = path.includes('/assignments/') || path.endsWith('/claim');
      expect(op.security, `${method} ${path}`).toEqual(worker ? [{ bearerAuth: [] }] : [{ bearerAuth: [] }, { cookieAuth: [] }]);
      expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
    }
  });
});

describe('row-level security', () => {
  it("shows jobs only in their tenant, or on the app's all-tenants runner paths", async () => {
    const a = await jobsTeam(atoll, 'rls-a');
    const b = await jobsTeam(atoll, 'rls-b');
    const job = await newJob(atoll, a.member, a.tenant.id);
    const handle = openDatabase(atoll.config.database, createLogger('error'));
    try {
      const count = (tx: { execute: typeof handle.db.execute }) => tx.execute(sql`select count(*)::int as n from jobs where id = ${job.id}`).then((r) => r.rows[0]!.n);
      expect(await count(handle.db)).toBe(0);
      expect(await runInTenant(handle.db, b.tenant.id, count)).toBe(0);
      expect(await runInTenant(handle.db, a.tenant.id, count)).toBe(1);
      const events = await runInTenant(handle.db, b.tenant.id, (tx) => tx.execute(sql`select count(*)::int as n from jobs_events where job_id = ${job.id}`));
      expect(events.rows[0]!.n).toBe(0);
      await expect(
        runInTenant(handle.db, b.tenant.id, (tx) =>
          tx.execute(
            sql`insert into jobs (tenant_id, type, input, input_hash, max_attempts, lease_seconds, created_by, created_by_kind) values (${a.tenant.id}, ${ECHO}, '{}', 'x', 1, 1, 'u', 'user')`,
          ),
        ),
      ).rejects.toThrow();
      await expect(runInTenant(handle.db, b.tenant.id, (tx) => tx.execute(sql`insert into jobs_viewers (job_id, tenant_id, viewer_id) values (${job.id}, ${a.tenant.id}, 'u')`))).rejects.toThrow();
      await runInTenant(handle.db, a.tenant.id, (tx) => tx.execute(sql`insert into jobs_viewers (job_id, tenant_id, viewer_id) values (${job.id}, ${a.tenant.id}, 'u')`));
      const viewers = (tenantId: string) => runInTenant(handle.db, tenantId, (tx) => tx.execute(sql`select count(*)::int as n from jobs_viewers where job_id = ${job.id}`).then((r) => r.rows[0]!.n));
      expect([await viewers(a.tenant.id), await viewers(b.tenant.id)]).toEqual([1, 0]);
    } finally {
      await handle.close();
    }
  });
});
