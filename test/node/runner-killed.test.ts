// A runner killed (SIGKILL: no release, no more heartbeats) while it holds a job, on the stack with
// the cron timer that `npm run dev` runs: the scheduled lease sweep puts the job back to PENDING
// with no manual step, and a second runner finishes it.
//
// The datasets job types hold a 120 s lease (plugins/datasets/jobs.ts): no setting shortens it, and
// no test-only job type can be declared in the Worker under `wrangler dev`. So instead of waiting two
// minutes, the test ages the dead runner's lease in Postgres (what 120 s would do) and runs the timer
// every second instead of every minute. The rest is the real path: timer -> /__scheduled -> the jobs
// plugin's scheduled hook -> sweepLeases.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startWorkerStack, type WorkerStack } from '../../scripts/lib/worker-stack';
import type {} from '../global-setup'; // the `inject` keys (ProvidedContext)
import { api, ownerWithTenant, type RunnerProcess, readyTableDataset, runnerKey, spawnRunner, waitForJob } from './runner-stack';

let stack: WorkerStack;
let owner: { token: string; tenant: string };
let key: string;
let dataset: { id: string; name: string };
let superuser: pg.Client;
const runners: RunnerProcess[] = [];

const runner = (id: string) => {
  const started = spawnRunner({ ATOLL_URL: stack.baseUrl, ATOLL_API_KEY: key, RUNNER_ID: id, RUNNER_POLL_MS: '200', RUNNER_CONCURRENCY: '1' });
  runners.push(started);
  return started;
};

beforeAll(async () => {
  stack = await startWorkerStack({
    s3Endpoint: inject('s3Endpoint'),
    s3Bucket: inject('s3Bucket'),
    vars: { AUTH_JWT_PRIVATE_KEY: inject('authJwtPrivateKey'), AUTH_JWT_PUBLIC_KEYS: inject('authJwtPublicKeys') },
    scheduled: { everyMs: 1_000 },
  });
  owner = await ownerWithTenant(stack.baseUrl, 'runner-killed');
  key = await runnerKey(stack.baseUrl, owner);
  dataset = await readyTableDataset(stack.baseUrl, owner, `killed_${Date.now().toString(36)}`, 'region,amount\nnorth,10\nsouth,-3\n');
  // The jobs tables are under row-level security; the superuser sees every row.
  superuser = new pg.Client({ connectionString: stack.postgres.url.replace(/\/\/[^@]+@/, '//postgres:postgres@') });
  await superuser.connect();
}, 240_000);

afterAll(async () => {
  for (const r of runners) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
  await Promise.all(runners.map((r) => r.exited));
  await superuser?.end();
  await stack?.stop();
});

describe('a runner killed while it holds a job', () => {
  it('has its job re-queued by the scheduled sweep that the timer fires, and a second runner finishes it', async () => {
    const job = await api(stack.baseUrl, 'POST', '/api/v1/jobs', owner, { body: { type: 'datasets.profile', input: { datasetId: dataset.id } }, status: 201 });

    // Keep the runner inside the job: its first read of the dataset waits for this lock.
    const lock = new pg.Client({ connectionString: stack.postgres.url.replace(/\/\/[^@]+@/, '//postgres:postgres@') });
    await lock.connect();
    await lock.query('begin');
    await lock.query('lock table datasets in access exclusive mode');
    const doomed = runner('doomed');
    try {
      await waitForJob(stack.baseUrl, owner, job.id, ['RUNNING'], 30_000);
      doomed.child.kill('SIGKILL');
      expect(await doomed.exited).toBeNull();
    } finally {
      await lock.query('rollback');
      await lock.end();
    }

    // Swept every second, but its lease has not expired: still RUNNING, held by nobody.
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await api(stack.baseUrl, 'GET', `/api/v1/jobs/${job.id}`, owner)).status).toBe('RUNNING');

    await superuser.query(`update jobs set lease_expires_at = now() - interval '1 second' where id = $1`, [job.id]);
    const requeued = await waitForJob(stack.baseUrl, owner, job.id, ['PENDING'], 15_000);
    expect(requeued.events.at(-1), JSON.stringify(requeued.events)).toMatchObject({ from: 'RUNNING', to: 'PENDING', actor: 'system:lease-sweep' });

    const survivor = runner('survivor');
    const done = await waitForJob(stack.baseUrl, owner, job.id);
    expect(done.status, `${JSON.stringify(done)}\n${survivor.output()}`).toBe('SUCCEEDED');
    expect(done.attempts).toBe(2);
    expect(done.result).toMatchObject({ rowCount: 2 });
    expect(done.events.map((e: { to: string }) => e.to)).toEqual(['PENDING', 'RUNNING', 'PENDING', 'RUNNING', 'SUCCEEDED']);
    expect(done.events[3].detail).toMatchObject({ attempt: 2, runnerId: 'survivor' });
  });
});
