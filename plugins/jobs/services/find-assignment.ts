import type { Database } from 'atoll/plugin';
import { and, eq, sql } from 'drizzle-orm';
import { type JobRow, jobs } from '../db/schema';
import { alreadyFinished, assignmentNotFound, jobCancelled, leaseExpired } from '../errors';
import type { Runner } from './worker-context';

/** The runner's own assignment clause: the assignment id, the key that claimed it, and the runner id when given. */
export const ownAssignment = (assignmentId: string, runner: Runner) =>
  and(eq(jobs.assignmentId, assignmentId), eq(jobs.runnerKeyId, runner.keyId), runner.runnerId ? eq(jobs.runnerId, runner.runnerId) : undefined);

/** The job behind the runner's assignment with `lease_live` (lease not yet expired), or 404 when it is not theirs. */
export async function findAssignment(tx: Database, assignmentId: string, runner: Runner): Promise<JobRow & { leaseLive: boolean }> {
  const [job] = await tx
    .select({ job: jobs, leaseLive: sql<boolean>`coalesce(${jobs.leaseExpiresAt} > now(), false)` })
    .from(jobs)
    .where(ownAssignment(assignmentId, runner));
  if (!job) throw assignmentNotFound();
  return { ...job.job, leaseLive: job.leaseLive };
}

/** Throws why an assignment can no longer be worked on (cancelled, finished, lease lost); returns when it can. */
export function assertLive(job: JobRow & { leaseLive: boolean }): void {
  if (job.status === 'CANCELLED') throw jobCancelled();
  if (job.status === 'SUCCEEDED' || job.status === 'FAILED') throw alreadyFinished();
  if (job.status !== 'RUNNING' || !job.leaseLive) throw leaseExpired();
}
