import { and, eq, sql } from 'drizzle-orm';
import { jobs, type JobRow } from '../db/schema';
import { invalidResult } from '../errors';
import { runAllTenants } from './all-tenants';
import type { JobsServiceContext } from './context';
import { assertLive, findAssignment, ownAssignment } from './find-assignment';
import { actorString, publishTransitions, recordTransitions, type Transition } from './transitions';
import type { Runner } from './worker-context';

export interface ResultInput {
  assignmentId: string;
  runner: Runner;
  status: 'SUCCEEDED' | 'FAILED';
  result?: unknown;
  error?: string | undefined;
}

/**
 * Finishes the runner's job: accepted once, only from the assignment's runner while its lease is
 * valid and the job is not cancelled. A success's result must match the type's result schema
 * (400, nothing stored); the conditional update makes a second or late result a 409.
 */
export async function submitResult({ ctx, input }: { ctx: JobsServiceContext; input: ResultInput }): Promise<JobRow> {
  const { job, transition } = await runAllTenants(ctx.db, async (tx) => {
    const current = await findAssignment(tx, input.assignmentId, input.runner);
    assertLive(current);
    let result: unknown = null;
    if (input.status === 'SUCCEEDED' || input.result !== undefined) {
      const schema = ctx.jobTypes.get(current.type)?.definition.result;
      const parsed = schema?.safeParse(input.result);
      if (!parsed?.success) {
        const issues = parsed?.error.issues ?? [{ path: [], message: 'The job type is no longer installed' }];
        throw invalidResult(issues.map((i) => ({ location: 'body', path: ['result', ...i.path.map(String)].join('.'), message: i.message })));
      }
      result = parsed.data ?? null;
    }
    const [updated] = await tx
      .update(jobs)
      .set({
        status: input.status,
        result,
        error: input.status === 'FAILED' ? (input.error ?? 'The runner reported a failure') : null,
        leaseExpiresAt: null,
        finishedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(ownAssignment(input.assignmentId, input.runner), eq(jobs.status, 'RUNNING'), sql`${jobs.leaseExpiresAt} > now()`))
      .returning();
    // Lost a race with a cancel, the sweep or a second result: say which.
    if (!updated) assertLive(await findAssignment(tx, input.assignmentId, input.runner));
    const transition: Transition = {
      jobId: current.id,
      tenantId: current.tenantId,
      type: current.type,
      from: 'RUNNING',
      to: input.status,
      actor: actorString('api_key', input.runner.keyId),
      ...(input.status === 'FAILED' ? { detail: { error: updated!.error } } : {}),
    };
    await recordTransitions(tx, [transition]);
    return { job: updated!, transition };
  });
  await publishTransitions(ctx.realtime, [transition]);
  return job;
}
