import { type Database, runInTenant } from 'atoll/plugin';
import { and, asc, eq } from 'drizzle-orm';
import { type JobRow, jobEvents, jobs, jobViewers } from '../db/schema';
import { jobNotFound } from '../errors';
import type { Caller, JobsServiceContext } from './context';

/** Whether `caller` owns the job (may see and cancel it): its creator, or a tenant admin. */
export const canSee = (job: Pick<JobRow, 'createdBy'>, caller: Caller) => caller.isAdmin || job.createdBy === caller.id;

/** Whether `caller` got the job from the cache (a `jobs_viewers` row): they may read it, not cancel it. */
async function isViewer(tx: Database, job: Pick<JobRow, 'id' | 'tenantId'>, caller: Caller): Promise<boolean> {
  const [row] = await tx
    .select({ jobId: jobViewers.jobId })
    .from(jobViewers)
    .where(and(eq(jobViewers.tenantId, job.tenantId), eq(jobViewers.jobId, job.id), eq(jobViewers.viewerId, caller.id)));
  return row !== undefined;
}

/**
 * The job in the caller's transaction, or 404 when absent or not visible to them. `forUpdate` (to
 * change it) locks the row and admits only its creator or a tenant admin; reading also admits the
 * callers who were given it from the cache.
 */
export async function findVisibleJob(tx: Database, input: { tenantId: string; jobId: string; caller: Caller; forUpdate?: boolean }): Promise<JobRow> {
  const query = tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, input.tenantId), eq(jobs.id, input.jobId)));
  const [job] = input.forUpdate ? await query.for('update') : await query;
  // Another member's job answers like a missing one: its existence is not disclosed.
  if (!job) throw jobNotFound();
  if (canSee(job, input.caller) || (!input.forUpdate && (await isViewer(tx, job, input.caller)))) return job;
  throw jobNotFound();
}

/** A job with its events timeline (oldest first), for its owner, a tenant admin or a caller the cache gave it to. */
export async function getJob({ ctx, input }: { ctx: Pick<JobsServiceContext, 'db'>; input: { tenantId: string; jobId: string; caller: Caller } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const job = await findVisibleJob(tx, input);
    const events = await tx.select().from(jobEvents).where(eq(jobEvents.jobId, job.id)).orderBy(asc(jobEvents.id));
    return { job, events };
  });
}
