import { and, eq, sql } from 'drizzle-orm';
import { type JobRow, jobs } from '../db/schema';
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
 * (400, nothing stored); the conditional update makes a second or late result a 409. The update
 * comes first and names the job's type, so an accepted result costs no lookup; only a refused one
 * reads the job again to say why, and a result the schema refuses undoes the update.
 */
export async function submitResult({ ctx, input }: { ctx: JobsServiceContext; input: ResultInput }): Promise<JobRow> {
  const { job, transition } = await runAllTenants(ctx.db, async (tx) => {
    const finish = (result: unknown) =>
      tx
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
    let [updated] = await finish(input.result ?? null);
    // Not theirs, cancelled, finished or the lease lost (perhaps in a race): say which.
    if (!updated) assertLive(await findAssignment(tx, input.assignmentId, input.runner));
    if (input.status === 'SUCCEEDED' || input.result !== undefined) {
      const schema = ctx.jobTypes.get(updated!.type)?.definition.result;
      const parsed = schema?.safeParse(input.result);
      if (!parsed?.success) {
        const issues = parsed?.error.issues ?? [{ path: [], message: 'The job type is no longer installed' }];
        throw invalidResult(issues.map((i) => ({ location: 'body', path: ['result', ...i.path.map(String)].join('.'), message: i.message })));
      }
      // A schema that strips or transforms decides what is stored.
      if (JSON.stringify(parsed.data ?? null) !== JSON.stringify(input.result ?? null)) {
        [updated] = await tx
          .update(jobs)
          .set({ result: parsed.data ?? null })
          .where(eq(jobs.id, updated!.id))
          .returning();
      }
    }
    const transition: Transition = {
      jobId: updated!.id,
      tenantId: updated!.tenantId,
      type: updated!.type,
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
