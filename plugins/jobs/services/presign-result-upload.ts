import { resultTooLarge } from '../errors';
import { runAllTenants } from './all-tenants';
import type { JobsServiceContext } from './context';
import { assertLive, findAssignment } from './find-assignment';
import { resultPrefix } from './result-keys';
import type { Runner } from './worker-context';

/** Upload URLs stay valid this long: enough for a large file, short enough to be useless later. */
const UPLOAD_URL_SECONDS = 3600;

/**
 * A presigned PUT for one result file of the runner's live assignment, at
 * `tenants/<tenantId>/jobs/<jobId>/results/<name>`, for exactly `size` bytes.
 */
export async function presignResultUpload({ ctx, input }: { ctx: JobsServiceContext; input: { assignmentId: string; runner: Runner; name: string; size: number; contentType?: string | undefined } }) {
  if (input.size > ctx.config.maxResultBytes) throw resultTooLarge(ctx.config.maxResultBytes);
  const job = await runAllTenants(ctx.db, (tx) => findAssignment(tx, input.assignmentId, input.runner));
  assertLive(job);
  const key = `${resultPrefix(job.tenantId, job.id)}${input.name}`;
  const signed = await ctx.storage.presignPut(key, {
    expiresIn: UPLOAD_URL_SECONDS,
    contentLength: input.size,
    ...(input.contentType ? { contentType: input.contentType } : {}),
  });
  return { ...signed, key, name: input.name, expiresAt: new Date(Date.now() + UPLOAD_URL_SECONDS * 1000).toISOString() };
}
