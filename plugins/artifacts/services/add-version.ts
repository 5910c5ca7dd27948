import { runInTenant } from 'atoll/plugin';
import { eq } from 'drizzle-orm';
import { artifacts, artifactUploads } from '../db/schema';
import { artifactNotFound, contentTooLarge } from '../errors';
import { completeUpload } from './complete-upload';
import { type ServiceContext, uploadKey } from './context';
import { DEFAULT_UPLOAD_SECONDS } from './create-upload';

/** Passes the bytes through, failing with `contentTooLarge` past `max` (the upload is then aborted). */
function limitedTo(max: number) {
  let seen = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > max) controller.error(contentTooLarge(max));
      else controller.enqueue(chunk);
    },
  });
}

/**
 * Adds a version from a stream of unknown length (a page's file upload): the bytes go to a staging
 * key like a presigned upload's, are recorded as an upload, and `completeUpload` makes them the
 * next version (checksum, copy to `v<n>`, audit), exactly as the API's two-step upload does.
 */
export async function addVersion({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; artifactId: string; body: ReadableStream<Uint8Array>; contentType: string } }) {
  const [artifact] = await runInTenant(ctx.db, input.tenantId, (tx) => tx.select({ id: artifacts.id }).from(artifacts).where(eq(artifacts.id, input.artifactId)));
  if (!artifact) throw artifactNotFound();
  const id = crypto.randomUUID();
  const key = uploadKey(input.tenantId, input.artifactId, id);
  const { size } = await ctx.storage.upload(key, input.body.pipeThrough(limitedTo(ctx.config.maxContentBytes)), { contentType: input.contentType });
  try {
    await runInTenant(ctx.db, input.tenantId, (tx) =>
      tx.insert(artifactUploads).values({
        id,
        tenantId: input.tenantId,
        artifactId: input.artifactId,
        key,
        size,
        contentType: input.contentType,
        expiresAt: new Date(Date.now() + DEFAULT_UPLOAD_SECONDS * 1000),
        createdBy: ctx.actor.id,
      }),
    );
    return await completeUpload({ ctx, input: { tenantId: input.tenantId, artifactId: input.artifactId, uploadId: id } });
  } catch (error) {
    await ctx.storage.delete(key).catch(() => {});
    throw error;
  }
}
