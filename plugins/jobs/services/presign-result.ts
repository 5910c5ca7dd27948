import { notFound, runInTenant } from 'atoll/plugin';
import { JobsErrorCode } from '../errors';
import type { Caller, JobsServiceContext } from './context';
import { findVisibleJob } from './find-job';
import { resultPrefix } from './result-keys';

/**
 * A fresh presigned download URL for one result file of a job the caller may see, valid
 * `expiresIn` seconds: what a page's result link redirects to, so the link itself never expires.
 */
export async function presignResult({ ctx, input }: { ctx: JobsServiceContext; input: { tenantId: string; jobId: string; caller: Caller; name: string; expiresIn: number } }) {
  const job = await runInTenant(ctx.db, input.tenantId, (tx) => findVisibleJob(tx, input));
  const key = `${resultPrefix(job.tenantId, job.id)}${input.name}`;
  if (!(await ctx.storage.head(key))) throw notFound(JobsErrorCode.RESULT_NOT_FOUND, `The job has no result file "${input.name}"`);
  return ctx.storage.presignGet(key, { expiresIn: input.expiresIn, filename: input.name });
}
