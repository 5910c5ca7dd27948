import { runInTenant } from 'atoll/plugin';
import { eq, sql } from 'drizzle-orm';
import { jobs } from '../db/schema';
import { notCancellable } from '../errors';
import type { Caller, JobsServiceContext } from './context';
import { findVisibleJob } from './find-job';
import { actorString, publishTransitions, recordTransitions, type Transition } from './transitions';

/**
 * Cancels a pending or running job (its owner or a tenant admin). A running job keeps its
 * assignment, so its runner learns of the cancellation at its next heartbeat, and a result it
 * sends later is refused.
 */
export async function cancelJob({ ctx, input }: { ctx: JobsServiceContext; input: { tenantId: string; jobId: string; caller: Caller } }) {
  const { job, transition } = await runInTenant(ctx.db, input.tenantId, async (tx) => {
    const current = await findVisibleJob(tx, { ...input, forUpdate: true });
    if (current.status !== 'PENDING' && current.status !== 'RUNNING') throw notCancellable(current.status);
    const [updated] = await tx
      .update(jobs)
      .set({
        status: 'CANCELLED',
        cancelRequestedAt: sql`now()`,
        finishedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(jobs.id, current.id))
      .returning();
    const transition: Transition = {
      jobId: current.id,
      tenantId: current.tenantId,
      type: current.type,
      from: current.status,
      to: 'CANCELLED',
      actor: actorString(input.caller.kind, input.caller.id),
    };
    await recordTransitions(tx, [transition]);
    return { job: updated!, transition };
  });
  await publishTransitions(ctx.realtime, [transition]);
  return job;
}
