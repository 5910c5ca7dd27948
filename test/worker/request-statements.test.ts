// Round trips to Postgres per request, counted at the unit of work (not timed): a regression in the
// request path fails here. Each round trip may carry control statements (BEGIN, SAVEPOINT, the
// scope's set_config) ahead of the one statement it exists for.
import { describe, expect, it } from 'vitest';
import { bootJobs, jobsTeam, newJob } from '../../plugins/jobs/testing';
import { call } from '../../plugins/tenants/testing';
import { observeStatements } from '../../worker/db/unit-of-work';
import { send } from './harness';
import { memberOf } from './seed';

async function counted(fn: () => Promise<Response>): Promise<{ res: Response; trips: string[] }> {
  const trips: string[] = [];
  const stop = observeStatements((text) => trips.push(text));
  try {
    return { res: await fn(), trips };
  } finally {
    stop();
  }
}

describe('round trips per request', async () => {
  const atoll = await bootJobs();
  const { owner, tenant, runnerKey } = await jobsTeam(atoll, 'trips');
  const key = await call(atoll, 'POST', `/api/v1/tenants/${tenant.id}/api-keys`, owner, { body: { name: 'reader', scopes: ['jobs:read'] }, status: 201 });

  const budget = async (label: string, max: number, fn: () => Promise<Response>, status = 200) => {
    await fn(); // warm: boot work and first-use caches are not the request path
    const { res, trips } = await counted(fn);
    expect(res.status, `${label}: ${await res.text()}`).toBe(status);
    expect(trips.length, `${label} sent:\n${trips.join('\n')}`).toBeLessThanOrEqual(max);
    expect(trips.length, `${label} sent nothing: the counter is broken`).toBeGreaterThan(0);
    return trips;
  };

  it('token list: at most 3 (the session check and the membership lookup share one)', async () => {
    const trips = await budget('GET /jobs (token)', 3, () => send(atoll, '/api/v1/jobs', { headers: owner.headers(tenant.id) }));
    expect(trips[0]).toContain('from "auth_sessions"');
    expect(trips[0]).toContain('from "tenants" inner join "tenants_memberships"');
    // Nothing written: the response waits for no COMMIT; the transaction ends after it.
    expect(trips).not.toContain('commit');
    expect(trips.at(-1)).toBe('rollback');
  });

  it('refuses an ended session on a tenant route, though its membership was looked up beside the session check', async () => {
    const member = await memberOf(atoll, tenant.id, owner, 'member');
    const list = () => send(atoll, '/api/v1/jobs', { headers: member.headers(tenant.id) });
    expect((await list()).status).toBe(200);
    expect((await send(atoll, '/api/v1/auth/logout', { method: 'POST', headers: member.headers() })).status).toBe(204);
    const { res, trips } = await counted(list);
    expect(res.status).toBe(401);
    expect(trips[0]).toContain('from "tenants" inner join "tenants_memberships"');
  });

  it('API-key list: at most 5', async () => {
    await budget('GET /jobs (API key)', 5, () => send(atoll, '/api/v1/jobs', { headers: { authorization: `Bearer ${key.secret}`, 'x-tenant-id': tenant.id } }));
  });

  it('create (POST with an audit row): at most 6', async () => {
    const trips = await budget(
      'POST /jobs',
      6,
      () => send(atoll, '/api/v1/jobs', { method: 'POST', headers: owner.headers(tenant.id), body: JSON.stringify({ type: 'jobprobe.sum', input: { numbers: [Math.random()] } }) }),
      201,
    );
    expect(trips.at(-1)).toBe('commit');
  });

  it('job claim: at most 5', async () => {
    await newJob(atoll, owner, tenant.id);
    await newJob(atoll, owner, tenant.id);
    await budget('POST /jobs/claim', 5, () =>
      send(atoll, '/api/v1/jobs/claim', {
        method: 'POST',
        headers: { authorization: `Bearer ${runnerKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ types: ['jobprobe.sum'], runnerId: 'runner-trips', max: 1 }),
      }),
    );
  });
});
