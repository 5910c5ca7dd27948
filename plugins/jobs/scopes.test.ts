import { describe, it, vi } from 'vitest';
import { bootJobs, call, GUARDED, jobsTeam, workKey } from './testing';

vi.setConfig({ testTimeout: 60_000 });
const atoll = await bootJobs();

describe('job type scopes', () => {
  it('asks an API key for the scopes the job type reads with, besides jobs:write; users go by their role', async () => {
    const { owner, member, tenant } = await jobsTeam(atoll, 'jscope');
    const body = { type: GUARDED, input: { path: 'reports/a.csv' } };
    const writeOnly = await workKey(atoll, owner, tenant.id, ['jobs:write']);
    await call(atoll, 'POST', '/api/v1/jobs', writeOnly, { tenant: tenant.id, body, status: 403, code: 'JOBS_SCOPE_MISSING' });
    const reader = await workKey(atoll, owner, tenant.id, ['jobs:write', 'files:read']);
    await call(atoll, 'POST', '/api/v1/jobs', reader, { tenant: tenant.id, body, status: 201 });
    await call(atoll, 'POST', '/api/v1/jobs', member, { tenant: tenant.id, body: { type: GUARDED, input: { path: 'reports/b.csv' } }, status: 201 });
  });
});
