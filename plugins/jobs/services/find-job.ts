import { and, asc, eq } from 'drizzle-orm';
import { runInTenant, type Database } from 'atoll/plugin';
import { jobEvents, jobs, type JobRow } from '../db/schema';
import { jobNotFound } from '../errors';
import type { Caller, JobsServiceContext } from './context';

/** Whether `caller` may see the job: its creator, or a tenant admin. */
export const canSee = (job: Pick<JobRow, 'createdBy'>, caller: Caller) => caller.isAdmin || job.createdBy === caller.id;

/** The job in the caller's transaction (locked with `forUpdate`), or 404 when absent or not visible to them. */
export async function findVisibleJob(tx: Database, input: { tenantId: string; jobId: string; caller: Caller; forUpdate?: boolean }): Promise<JobRow> {
  const query = tx.select().from(jobs).where(and(eq(jobs.tenantId, input.tenantId), eq(jobs.id, input.jobId)));
  const [job] = input.forUpdate ? await query.for('update') : await query;
  // Another member's job answers like a missing one: its existence is not disclosed.
  if (!job || !canSee(job, input.caller)) throw jobNotFound();
  return job;
}

/** A job with its events timeline (oldest first), for its owner or a tenant admin. */
export async function getJob({ ctx, input }: { ctx: Pick<JobsServiceContext, 'db'>; input: { tenantId: string; jobId: string; caller: Caller } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const job = await findVisibleJob(tx, input);
    const events = await tx.select().from(jobEvents).where(eq(jobEvents.jobId, job.id)).orderBy(asc(jobEvents.id));
    return { job, events };
  });
}
