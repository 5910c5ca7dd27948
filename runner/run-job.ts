import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, type ClaimedJob, type JobOutcome, type JobsApi } from './client';
import type { JobHandler } from './handlers/types';
import { type Log, withFields } from './log';

/** Jobs to claim along with a result: up to `max` of `types`. */
export type NextClaim = { types: string[]; max: number };

/** Why a running job's handler was aborted. */
export type AbortReason = 'cancelled' | 'lease lost' | 'runner stopped';

export class JobAborted extends Error {
  constructor(readonly reason: AbortReason) {
    super(`job aborted: ${reason}`);
  }
}

/** A job in progress: `abort` stops its handler, `done` settles once it has been reported (or given up). */
export interface RunningJob {
  job: ClaimedJob;
  abort(reason: AbortReason): void;
  done: Promise<void>;
}

const REPORT_TRIES = 5;
const MAX_ERROR_CHARS = 2000;

/** Heartbeat period: a third of the lease, so two missed beats still leave time before it expires. */
export const heartbeatMs = (leaseSeconds: number) => Math.max(1000, Math.floor((leaseSeconds * 1000) / 3));

/**
 * Runs one claimed job: heartbeats at a third of the lease, runs the handler with an AbortSignal,
 * reports SUCCEEDED with its result or FAILED with its error. A cancelled job or a lost lease
 * aborts the handler and reports nothing (the Worker would refuse it). A job aborted because the
 * runner stops is released: PENDING again at once for another runner, the attempt not counted
 * (if the release fails, its lease expires and the sweep re-queues it; see README, "Stopping").
 *
 * @example
 * const running = runJob({ job, client, handler, log });
 * await running.done;
 */
export function runJob(input: {
  job: ClaimedJob;
  client: JobsApi;
  handler: JobHandler | undefined;
  log: Log;
  /**
   * Asked once, before the result is reported: which jobs to claim in the same request (none:
   * undefined). `claimed` then gets them (perhaps none) and what was asked, before `done` settles,
   * so the runner's loop sees the slot filled again. Not called for a job released or abandoned.
   */
  next?: () => NextClaim | undefined;
  claimed?: (jobs: ClaimedJob[], asked: NextClaim | undefined) => void;
}): RunningJob {
  const { job, client, log } = input;
  const controller = new AbortController();
  let aborted: AbortReason | undefined;
  const abort = (reason: AbortReason) => {
    if (aborted) return;
    aborted = reason;
    controller.abort(new JobAborted(reason));
  };
  const jobLog = withFields(log, { jobId: job.jobId, type: job.type });

  const beat = async () => {
    try {
      const { cancelled } = await client.heartbeat(job.assignmentId);
      if (cancelled) abort('cancelled');
    } catch (error) {
      // 409/410: the lease is gone (expired and re-queued, or the job was cancelled and closed).
      if (error instanceof ApiError && (error.status === 409 || error.status === 410 || error.status === 404)) abort('lease lost');
      else jobLog.warn('heartbeat failed; retrying at the next beat', { error });
    }
  };
  const timer = setInterval(() => void beat(), heartbeatMs(job.leaseSeconds));

  const done = (async () => {
    let tempDir: string | undefined;
    let outcome: JobOutcome;
    try {
      if (!input.handler) throw new Error(`this runner has no handler for ${job.type}`);
      tempDir = await mkdtemp(join(tmpdir(), 'atoll-job-'));
      const result = await input.handler({
        job,
        signal: controller.signal,
        resource: (name) => client.resource(job.assignmentId, name, controller.signal),
        upload: (name, path, contentType) => client.upload(job.assignmentId, name, path, contentType, controller.signal),
        tempDir,
        log: jobLog,
      });
      controller.signal.throwIfAborted();
      outcome = { status: 'SUCCEEDED', result };
    } catch (error) {
      outcome = { status: 'FAILED', error: (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_CHARS) };
    } finally {
      clearInterval(timer);
      if (tempDir) await rm(tempDir, { recursive: true, force: true }).catch(() => {});
    }
    if (aborted === 'runner stopped') {
      await client.release(job.assignmentId).then(
        () => jobLog.warn('job released for another runner'),
        (error: unknown) => jobLog.warn('release failed: the lease will expire and the sweep re-queues the job', { error }),
      );
      return;
    }
    if (aborted) {
      jobLog.warn(`job abandoned: ${aborted}`);
      return;
    }
    const asked = input.next?.();
    input.claimed?.(await report(client, job, outcome, jobLog, asked), asked);
  })();
  return { job, abort, done };
}

/**
 * Reports the outcome, retrying transient failures; a 4xx answer is final (logged, not retried).
 * Returns the jobs claimed with it (`next`), or none.
 */
async function report(client: JobsApi, job: ClaimedJob, outcome: JobOutcome, log: Log, next: NextClaim | undefined): Promise<ClaimedJob[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const claimed = await client.report(job.assignmentId, outcome, next);
      log.info(outcome.status === 'SUCCEEDED' ? 'job succeeded' : 'job failed', outcome.error ? { error: outcome.error } : {});
      return claimed;
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && outcome.status === 'SUCCEEDED') {
        // The result does not fit the type's schema: a handler bug. Fail the job rather than leave it to expire.
        outcome = { status: 'FAILED', error: `result rejected by the Worker: ${error.message}`.slice(0, MAX_ERROR_CHARS) };
        continue;
      }
      const final = (error instanceof ApiError && error.status < 500) || attempt >= REPORT_TRIES;
      if (final) {
        log.error('result not accepted', { error, status: outcome.status });
        return [];
      }
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}
