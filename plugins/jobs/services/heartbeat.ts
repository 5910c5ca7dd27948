import { and, eq, sql } from 'drizzle-orm';
import { jobs } from '../db/schema';
import { runAllTenants } from './all-tenants';
import type { JobsServiceContext } from './context';
import { assertLive, findAssignment, ownAssignment } from './find-assignment';
import type { Runner } from './worker-context';

/**
 * Extends the lease of the runner's assignment by the job's lease length while it is still valid.
 * A cancelled job answers `cancelled: true` (the runner should stop); a lost lease is 409.
 */
export async function heartbeat({ ctx, input }: { ctx: Pick<JobsServiceContext, 'db'>; input: { assignmentId: string; runner: Runner } }) {
  return runAllTenants(ctx.db, async (tx) => {
    const [extended] = await tx
      .update(jobs)
      .set({ leaseExpiresAt: sql`now() + make_interval(secs => ${jobs.leaseSeconds})`, updatedAt: sql`now()` })
      .where(and(ownAssignment(input.assignmentId, input.runner), eq(jobs.status, 'RUNNING'), sql`${jobs.leaseExpiresAt} > now()`))
      .returning({ leaseExpiresAt: jobs.leaseExpiresAt });
    if (extended) return { cancelled: false, leaseExpiresAt: extended.leaseExpiresAt };
    const job = await findAssignment(tx, input.assignmentId, input.runner);
    if (job.status === 'CANCELLED') return { cancelled: true, leaseExpiresAt: null };
    assertLive(job);
    throw new Error('unreachable: a live assignment was not extended');
  });
}
