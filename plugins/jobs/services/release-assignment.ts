import { and, eq, sql } from 'drizzle-orm';
import { jobs } from '../db/schema';
import { runAllTenants } from './all-tenants';
import type { JobsServiceContext } from './context';
import { assertLive, findAssignment, ownAssignment } from './find-assignment';
import { actorString, publishTransitions, recordTransitions, type Transition } from './transitions';
import type { Runner } from './worker-context';

/**
 * Gives a job back before its lease ends (a runner shutting down): it is pending again at once,
 * and the released attempt does not count against `max_attempts` (it was not the job's fault).
 */
export async function releaseAssignment({ ctx, input }: { ctx: Pick<JobsServiceContext, 'db' | 'realtime'>; input: { assignmentId: string; runner: Runner } }) {
  const transition = await runAllTenants(ctx.db, async (tx) => {
    const [released] = await tx
      .update(jobs)
      .set({ status: 'PENDING', attempts: sql`greatest(${jobs.attempts} - 1, 0)`, leaseExpiresAt: null, updatedAt: sql`now()` })
      .where(and(ownAssignment(input.assignmentId, input.runner), eq(jobs.status, 'RUNNING'), sql`${jobs.leaseExpiresAt} > now()`))
      .returning();
    if (!released) {
      assertLive(await findAssignment(tx, input.assignmentId, input.runner));
      throw new Error('unreachable: a live assignment was not released');
    }
    const transition: Transition = {
      jobId: released.id,
      tenantId: released.tenantId,
      type: released.type,
      from: 'RUNNING',
      to: 'PENDING',
      actor: actorString('api_key', input.runner.keyId),
      detail: { released: true },
    };
    await recordTransitions(tx, [transition]);
    return transition;
  });
  await publishTransitions(ctx.realtime, [transition]);
}
