import { runInTenant } from 'atoll/plugin';
import type { Caller, JobsServiceContext } from './context';
import { findVisibleJob } from './find-job';
import { resultPrefix } from './result-keys';

/** At most this many result files are listed (and presigned) per job. */
export const MAX_RESULT_FILES = 1000;

/**
 * Presigned download URLs for every object under the job's result prefix (owner or tenant admin),
 * valid `expiresIn` seconds (bounded by the route: 60 s to 1 h).
 */
export async function listResults({ ctx, input }: { ctx: JobsServiceContext; input: { tenantId: string; jobId: string; caller: Caller; expiresIn: number } }) {
  const job = await runInTenant(ctx.db, input.tenantId, (tx) => findVisibleJob(tx, input));
  const prefix = resultPrefix(job.tenantId, job.id);
  const expiresAt = new Date(Date.now() + input.expiresIn * 1000).toISOString();
  const items: { name: string; size: number; url: string; expiresAt: string }[] = [];
  for await (const object of ctx.storage.listAll(prefix)) {
    if (items.length >= MAX_RESULT_FILES) break;
    const name = object.key.slice(prefix.length);
    const url = await ctx.storage.presignGet(object.key, { expiresIn: input.expiresIn, filename: name });
    items.push({ name, size: object.size, url, expiresAt });
  }
  return { job, items };
}
