// One drain of bench/jobs.ts: `runners` runner loops (the runner's own Runner and JobsClient, each
// with its own runner id and `slots` concurrent jobs, over HTTP) empty the queue of trivial jobs,
// while every claim is timed and every claimed job id recorded with the runner that got it.
import { type ClaimedJob, type JobOutcome, JobsClient } from '../runner/client';
import { Runner } from '../runner/runner';

export interface DrainConfig {
  runners: number;
  /** Jobs each runner runs at once (its concurrency). */
  slots: number;
}

export interface Drain {
  seconds: number;
  /** Client-side time of each claim call (ms), in call order. */
  claimMs: number[];
  emptyClaims: number;
  /** Job id → the runner ids it was handed to, once per claim. */
  claimedBy: Map<string, string[]>;
  reported: number;
  failedReports: number;
  /** Jobs claimed along with a result (`next`) rather than by a claim request. */
  withResult: number;
}

const text = (f: Record<string, unknown> = {}) =>
  Object.entries(f)
    .map(([k, v]) => `${k}=${v instanceof Error ? v.message : JSON.stringify(v)}`)
    .join(' ');
const quiet = {
  info: () => {},
  warn: (m: string, f?: Record<string, unknown>) => console.warn(`[bench:jobs] ${m} ${text(f)}`),
  error: (m: string, f?: Record<string, unknown>) => console.error(`[bench:jobs] ${m} ${text(f)}`),
};

/**
 * Runs the runners until `jobs` results were reported (or `timeoutMs` passed), then stops them.
 *
 * @example
 * const drain = await drainJobs({ base, apiKey, type: 'datasets.profile', jobs: 1000, config: { runners: 8, slots: 4 }, name: '8x4' });
 */
export async function drainJobs(options: { base: string; apiKey: string; type: string; jobs: number; config: DrainConfig; name: string; timeoutMs?: number }): Promise<Drain> {
  const { base, apiKey, type, jobs, config } = options;
  const drain: Drain = { seconds: 0, claimMs: [], emptyClaims: 0, claimedBy: new Map(), reported: 0, failedReports: 0, withResult: 0 };
  let allDone!: () => void;
  const drained = new Promise<void>((resolve) => (allDone = resolve));

  const runners = Array.from({ length: config.runners }, (_, r) => {
    const runnerId = `bench-${options.name}-runner-${r + 1}`;
    const http = new JobsClient({ url: base, apiKey, runnerId });
    const record = (claimed: ClaimedJob[]) => {
      for (const job of claimed) drain.claimedBy.set(job.jobId, [...(drain.claimedBy.get(job.jobId) ?? []), runnerId]);
    };
    // The runner's client, timing each claim and recording who got which job.
    const client = {
      claim: async (types: string[], max: number): Promise<ClaimedJob[]> => {
        const t0 = performance.now();
        const claimed = await http.claim(types, max);
        drain.claimMs.push(performance.now() - t0);
        if (claimed.length === 0) drain.emptyClaims++;
        record(claimed);
        return claimed;
      },
      heartbeat: (id: string) => http.heartbeat(id),
      release: (id: string) => http.release(id),
      // With `next`, the result also claims the runner's next jobs (one request per job).
      report: async (id: string, outcome: JobOutcome, next?: { types: string[]; max: number }) => {
        const claimed = await http.report(id, outcome, next);
        record(claimed);
        drain.withResult += claimed.length;
        if (outcome.status !== 'SUCCEEDED') drain.failedReports++;
        if (++drain.reported >= jobs) allDone();
        return claimed;
      },
      resource: http.resource.bind(http),
      upload: http.upload.bind(http),
    };
    const handlers = { [type]: async () => ({ rowCount: 0, columns: [], files: [] }) };
    return new Runner({ client, handlers, types: [type], concurrency: config.slots, pollMs: 50, idleExitSeconds: 0, graceSeconds: 30, log: quiet });
  });

  const start = performance.now();
  const loops = runners.map((r) => r.run());
  const timeout = setTimeout(() => allDone(), options.timeoutMs ?? 20 * 60_000);
  await drained;
  clearTimeout(timeout);
  drain.seconds = (performance.now() - start) / 1000;
  await Promise.all(runners.map((r) => r.stop()));
  await Promise.all(loops);
  return drain;
}
