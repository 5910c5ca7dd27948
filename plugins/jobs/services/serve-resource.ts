import { resourceNotFound } from '../errors';
import { runAllTenants } from './all-tenants';
import type { JobsServiceContext } from './context';
import { assertLive, findAssignment } from './find-assignment';
import type { Runner } from './worker-context';

/**
 * Runs the job type's `resources[name]` for the runner's live assignment and returns its Response
 * (usually a stream): runners read the data they need through the Worker, never with their own
 * database or storage credentials.
 */
export async function serveResource({ ctx, input }: { ctx: JobsServiceContext; input: { assignmentId: string; runner: Runner; name: string } }): Promise<Response> {
  const job = await runAllTenants(ctx.db, (tx) => findAssignment(tx, input.assignmentId, input.runner));
  assertLive(job);
  const jobType = ctx.jobTypes.get(job.type);
  const resource = jobType?.definition.resources && Object.hasOwn(jobType.definition.resources, input.name) ? jobType.definition.resources[input.name] : undefined;
  if (!jobType || !resource) throw resourceNotFound(input.name);
  return resource({ plugin: jobType.context, db: ctx.db, logger: ctx.logger, tenantId: job.tenantId, jobId: job.id, input: job.input });
}
