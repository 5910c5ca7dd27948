import { runInTenant } from 'atoll/plugin';
import { eq } from 'drizzle-orm';
import { artifacts, artifactUploads } from '../db/schema';
import { artifactNotFound, contentTooLarge } from '../errors';
import { type ServiceContext, uploadKey } from './context';

export const DEFAULT_UPLOAD_SECONDS = 900;
export const MAX_UPLOAD_SECONDS = 3600;

/**
 * Starts a content upload: a presigned PUT for exactly `size` bytes to a staging key under the
 * artifact's prefix. Completing it (see completeUpload) makes it the next version.
 */
export async function createUpload({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { tenantId: string; artifactId: string; size: number; contentType?: string | undefined; checksum?: string | undefined; expiresIn?: number | undefined };
}) {
  if (input.size > ctx.config.maxContentBytes) throw contentTooLarge(ctx.config.maxContentBytes);
  const expiresIn = Math.min(input.expiresIn ?? DEFAULT_UPLOAD_SECONDS, MAX_UPLOAD_SECONDS);
  const contentType = input.contentType ?? 'application/octet-stream';
  const id = crypto.randomUUID();
  const key = uploadKey(input.tenantId, input.artifactId, id);
  const expiresAt = new Date(Date.now() + expiresIn * 1000);
  await runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [artifact] = await tx.select({ id: artifacts.id }).from(artifacts).where(eq(artifacts.id, input.artifactId));
    if (!artifact) throw artifactNotFound();
    await tx.insert(artifactUploads).values({
      id,
      tenantId: input.tenantId,
      artifactId: input.artifactId,
      key,
      size: input.size,
      contentType,
      checksum: input.checksum?.toLowerCase() ?? null,
      expiresAt,
      createdBy: ctx.actor.id,
    });
  });
  const signed = await ctx.storage.presignPut(key, { expiresIn, contentLength: input.size, contentType });
  return { uploadId: id, method: 'PUT' as const, url: signed.url, headers: signed.headers, expiresAt };
}
