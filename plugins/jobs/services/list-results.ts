import { runInTenant } from 'atoll/plugin';
import type { Caller, JobsServiceContext } from './context';
import { findVisibleJob } from './find-job';
import { resultPrefix } from './result-keys';

/** At most this many result files are listed (and presigned) per job. */
export const MAX_RESULT_FILES = 1000;

/**
 * The job's result files (owner or tenant admin): every object under its result prefix, by name
 * and size. The job page links each to `GET /jobs/{id}/results/{name}`, which signs when followed.
 */
export async function listResultFiles({ ctx, input }: { ctx: JobsServiceContext; input: { tenantId: string; jobId: string; caller: Caller } }) {
  const job = await runInTenant(ctx.db, input.tenantId, (tx) => findVisibleJob(tx, input));
  const prefix = resultPrefix(job.tenantId, job.id);
  const files: { name: string; key: string; size: number }[] = [];
  for await (const object of ctx.storage.listAll(prefix)) {
    if (files.length >= MAX_RESULT_FILES) break;
    files.push({ name: object.key.slice(prefix.length), key: object.key, size: object.size });
  }
  return { job, files };
}

/**
 * Presigned download URLs for every result file (`listResultFiles`), valid `expiresIn` seconds
 * (bounded by the route: 60 s to 1 h).
 */
export async function listResults({ ctx, input }: { ctx: JobsServiceContext; input: { tenantId: string; jobId: string; caller: Caller; expiresIn: number } }) {
  const { job, files } = await listResultFiles({ ctx, input });
  const expiresAt = new Date(Date.now() + input.expiresIn * 1000).toISOString();
  const items: { name: string; size: number; url: string; expiresAt: string }[] = [];
  for (const file of files) {
    const url = await ctx.storage.presignGet(file.key, { expiresIn: input.expiresIn, filename: file.name });
    items.push({ name: file.name, size: file.size, url, expiresAt });
  }
  return { job, items };
}
