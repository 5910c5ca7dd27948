import { describe, expect, it } from 'vitest';
import { ApiError, type ClaimedJob, type JobOutcome, type JobsApi } from './client';
import type { JobHandler } from './handlers/types';
import type { Log } from './log';
import { Runner } from './runner';

const quiet: Log = { info: () => {}, warn: () => {}, error: () => {} };

/** The Worker's runner API in memory: a queue of jobs, and what the runner told it. */
class FakeApi implements JobsApi {
  pending: ClaimedJob[] = [];
  claimSizes: number[] = [];
  reports = new Map<string, JobOutcome>();
  cancelled = new Set<string>();
  lost = new Set<string>();
  rejectResults = false;
  released: string[] = [];
  /** Per report: how many jobs it asked to claim along (`next.max`, 0 for none) and got. */
  withResults: { asked: number; got: number }[] = [];

  add(count: number, leaseSeconds = 60): ClaimedJob[] {
    const jobs = Array.from({ length: count }, (_, i) => ({
      assignmentId: `a${this.pending.length + i}`,
      jobId: `j${i}`,
      tenantId: 't',
      type: 'test.work',
      input: { n: i },
      attempt: 1,
      maxAttempts: 3,
      leaseSeconds,
      leaseExpiresAt: '',
    }));
    this.pending.push(...jobs);
    return jobs;
  }
  async claim(_types: string[], max: number) {
    this.claimSizes.push(max);
    const jobs = this.pending.splice(0, max);
    this.claimedAlone += jobs.length;
    return jobs;
  }
  claimedAlone = 0;
  async heartbeat(id: string) {
    if (this.lost.has(id)) throw new ApiError(409, 'JOBS_LEASE_EXPIRED', 'lease expired');
    return { cancelled: this.cancelled.has(id) };
  }
  async release(id: string) {
    this.released.push(id);
  }
  async report(id: string, outcome: JobOutcome, next?: { types: string[]; max: number }) {
    if (this.rejectResults && outcome.status === 'SUCCEEDED') throw new ApiError(400, 'JOBS_INVALID_RESULT', 'result.rowCount: expected number');
    this.reports.set(id, outcome);
    const jobs = next ? this.pending.splice(0, next.max) : [];
    this.withResults.push({ asked: next?.max ?? 0, got: jobs.length });
    return jobs;
  }
  async resource(): Promise<Response> {
    return new Response('');
  }
  async upload(_id: string, name: string) {
    return { name, size: 0, contentType: 'text/plain' };
  }
}

const runnerWith = (api: FakeApi, handler: JobHandler, options: { concurrency?: number; graceSeconds?: number; idleExitSeconds?: number } = {}) =>
  new Runner({
    client: api,
    handlers: { 'test.work': handler },
    types: ['test.work'],
    concurrency: options.concurrency ?? 2,
    pollMs: 10,
    idleExitSeconds: options.idleExitSeconds ?? 0,
    graceSeconds: options.graceSeconds ?? 30,
    log: quiet,
  });

/** Resolves when `signal` aborts, rejecting with its reason (what a well-behaved handler does). */
const untilAborted = (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

describe('Runner', () => {
  it('runs every job with at most `concurrency` at once, claiming only free slots, and reports results', async () => {
    const api = new FakeApi();
    api.add(7);
    let now = 0;
    let most = 0;
    const runner = runnerWith(
      api,
      async ({ job }) => {
        most = Math.max(most, ++now);
        await new Promise((r) => setTimeout(r, 5));
        now--;
        return { n: (job.input as { n: number }).n };
      },
      { concurrency: 3 },
    );
    const run = runner.run();
    await until(() => api.reports.size === 7);
    await runner.stop();
    expect(await run).toBe('signal');
    expect(most).toBe(3);
    expect(Math.max(...api.claimSizes)).toBe(3);
    expect(api.reports.get('a6')).toEqual({ status: 'SUCCEEDED', result: { n: 6 } });
  });

  it('claims the next job with each result while work is queued: one request per job', async () => {
    const api = new FakeApi();
    api.add(10);
    const runner = runnerWith(api, async ({ job }) => (job.input as { n: number }).n, { concurrency: 2 });
    const run = runner.run();
    await until(() => api.reports.size === 10);
    await runner.stop();
    await run;
    expect(api.claimedAlone, 'only the first claim is a request of its own').toBe(2);
    expect(api.withResults.reduce((n, r) => n + r.got, 0)).toBe(8);
    // Each asks for the slot it frees (and, at the end, the one already free): never past concurrency.
    expect(api.withResults.every((r) => r.asked >= 1 && r.asked <= 2)).toBe(true);
  });

  it('never holds more than `concurrency` jobs when results bring jobs back at the same moment', async () => {
    const api = new FakeApi();
    api.add(2);
    let now = 0;
    let most = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runner = runnerWith(
      api,
      async ({ job }) => {
        most = Math.max(most, ++now);
        if ((job.input as { n: number }).n < 2) await gate;
        await new Promise((r) => setTimeout(r, 5));
        now--;
        return {};
      },
      { concurrency: 4 },
    );
    const run = runner.run();
    await until(() => now === 2);
    // Two jobs running, two slots free, the queue dry until now: both results may ask for more.
    api.pending.push(
      ...Array.from({ length: 10 }, (_, i) => ({
        ...api.add(0)[0],
        assignmentId: `b${i}`,
        jobId: `k${i}`,
        tenantId: 't',
        type: 'test.work',
        input: { n: 2 + i },
        attempt: 1,
        maxAttempts: 3,
        leaseSeconds: 60,
        leaseExpiresAt: '',
      })),
    );
    release();
    await until(() => api.reports.size === 12);
    await runner.stop();
    await run;
    expect(most).toBeLessThanOrEqual(4);
    expect(api.withResults.every((r) => r.asked <= 4)).toBe(true);
  });

  it('reports a handler error as FAILED with its message', async () => {
    const api = new FakeApi();
    api.add(1);
    const runner = runnerWith(api, async () => {
      throw new Error('dataset is not ready');
    });
    const run = runner.run();
    await until(() => api.reports.size === 1);
    await runner.stop();
    await run;
    expect(api.reports.get('a0')).toEqual({ status: 'FAILED', error: 'dataset is not ready' });
  });

  it('reports FAILED when the Worker rejects the result against the type schema', async () => {
    const api = new FakeApi();
    api.rejectResults = true;
    api.add(1);
    const runner = runnerWith(api, async () => ({ rowCount: 'x' }));
    const run = runner.run();
    await until(() => api.reports.size === 1);
    await runner.stop();
    await run;
    expect(api.reports.get('a0')).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/result rejected by the Worker: .*rowCount/) });
  });

  it('aborts the handler when a heartbeat says cancelled, and reports nothing', async () => {
    const api = new FakeApi();
    const [job] = api.add(1, 3); // heartbeat every second
    api.cancelled.add(job!.assignmentId);
    let reason: unknown;
    const runner = runnerWith(api, async ({ signal }) => untilAborted(signal).catch((e) => ((reason = e), Promise.reject(e))));
    const run = runner.run();
    await until(() => reason !== undefined && runner.active === 0);
    await runner.stop();
    await run;
    expect(String((reason as Error).message)).toMatch(/cancelled/);
    expect(api.reports.size).toBe(0);
  });

  it('aborts the handler when the lease is lost (409), and reports nothing', async () => {
    const api = new FakeApi();
    const [job] = api.add(1, 3);
    api.lost.add(job!.assignmentId);
    let reason: unknown;
    const runner = runnerWith(api, async ({ signal }) => untilAborted(signal).catch((e) => ((reason = e), Promise.reject(e))));
    const run = runner.run();
    await until(() => reason !== undefined && runner.active === 0);
    await runner.stop();
    await run;
    expect(String((reason as Error).message)).toMatch(/lease lost/);
    expect(api.reports.size).toBe(0);
  });

  it('on stop, claims nothing more and lets running jobs finish within the grace period', async () => {
    const api = new FakeApi();
    api.add(1);
    let release!: () => void;
    const started = new Promise<void>((resolve) => (release = resolve));
    let finish!: () => void;
    const runner = runnerWith(api, async () => {
      release();
      await new Promise<void>((r) => (finish = r));
      return { ok: true };
    });
    const run = runner.run();
    await started;
    const stopping = runner.stop();
    api.add(1); // arrives after stop: must stay pending
    finish();
    await stopping;
    expect(await run).toBe('signal');
    expect(api.reports.get('a0')).toEqual({ status: 'SUCCEEDED', result: { ok: true } });
    expect(api.pending).toHaveLength(1);
  });

  it('past the grace period, aborts running jobs and releases them for another runner (no report)', async () => {
    const api = new FakeApi();
    const [job] = api.add(1);
    let reason: unknown;
    const runner = runnerWith(api, async ({ signal }) => untilAborted(signal).catch((e) => ((reason = e), Promise.reject(e))), { graceSeconds: 0 });
    const run = runner.run();
    await until(() => runner.active === 1);
    await runner.stop();
    expect(await run).toBe('signal');
    expect(String((reason as Error).message)).toMatch(/runner stopped/);
    expect(api.reports.size).toBe(0);
    expect(api.released).toEqual([job!.assignmentId]);
  });

  it('exits when idle for the configured time', async () => {
    const api = new FakeApi();
    expect(await runnerWith(api, async () => ({}), { idleExitSeconds: 1 }).run()).toBe('idle');
    expect(api.claimSizes.length).toBeGreaterThan(1);
  });

  it('gives up when the Worker refuses the claim itself (bad key, scope or type)', async () => {
    const api = new FakeApi();
    api.claim = async () => {
      throw new ApiError(403, 'ACCESS_FORBIDDEN', 'missing scope jobs:work');
    };
    await expect(runnerWith(api, async () => ({})).run()).rejects.toThrow(/missing scope/);
  });

  it('refuses to start for a type it has no handler for', () => {
    expect(() => new Runner({ client: new FakeApi(), handlers: {}, types: ['x.y'], concurrency: 1, pollMs: 10, idleExitSeconds: 0, graceSeconds: 1, log: quiet })).toThrow(
      /no handler for job type x.y/,
    );
  });
});
