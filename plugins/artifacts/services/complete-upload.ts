import { type ObjectStorage, recordAudit, runInTenant } from 'atoll/plugin';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { artifacts, artifactUploads, artifactVersions } from '../db/schema';
import { artifactNotFound, checksumMismatch, sizeMismatch, uploadCompleted, uploadMissing, uploadNotFound } from '../errors';
import { type ServiceContext, versionKey } from './context';

/** SHA-256 of an object, streamed (workerd's DigestStream), as lowercase hex. */
async function sha256Of(storage: ObjectStorage, key: string): Promise<string> {
  const object = await storage.get(key);
  if (!object) throw uploadMissing();
  const digest = new crypto.DigestStream('SHA-256');
  await object.body.pipeTo(digest);
  return [...new Uint8Array(await digest.digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Completes an upload: the staged object must exist with the declared size (and checksum, when one
 * was declared); it is copied to `v<n>` and recorded as the artifact's next version.
 */
export async function completeUpload({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; artifactId: string; uploadId: string } }) {
  const [upload] = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select()
      .from(artifactUploads)
      .where(and(eq(artifactUploads.id, input.uploadId), eq(artifactUploads.artifactId, input.artifactId))),
  );
  if (!upload) throw uploadNotFound();
  if (upload.completedAt) throw uploadCompleted();
  const head = await ctx.storage.head(upload.key);
  if (!head) throw uploadMissing();
  if (head.size !== upload.size) throw sizeMismatch(upload.size, head.size);
  const checksum = await sha256Of(ctx.storage, upload.key);
  if (upload.checksum && upload.checksum !== checksum) throw checksumMismatch();

  const version = await runInTenant(ctx.db, input.tenantId, async (tx) => {
    // Locking the artifact serialises completions, so version numbers never collide.
    const [artifact] = await tx.select({ latest: artifacts.latestVersion }).from(artifacts).where(eq(artifacts.id, input.artifactId)).for('update');
    if (!artifact) throw artifactNotFound();
    const claimed = await tx
      .update(artifactUploads)
      .set({ completedAt: sql`now()` })
      .where(and(eq(artifactUploads.id, upload.id), isNull(artifactUploads.completedAt)))
      .returning({ id: artifactUploads.id });
    if (claimed.length === 0) throw uploadCompleted();
    const number = artifact.latest + 1;
    const key = versionKey(input.tenantId, input.artifactId, number);
    await ctx.storage.copy(upload.key, key);
    const [row] = await tx
      .insert(artifactVersions)
      .values({ tenantId: input.tenantId, artifactId: input.artifactId, version: number, key, size: head.size, checksum, contentType: upload.contentType, createdBy: ctx.actor.id })
      .returning();
    await tx.update(artifacts).set({ latestVersion: number, updatedAt: sql`now()` }).where(eq(artifacts.id, input.artifactId));
    await recordAudit(
      tx,
      {
        tenantId: input.tenantId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: 'artifacts.version_added',
        targetType: 'artifact',
        targetId: input.artifactId,
        data: { version: number, size: head.size, checksum },
      },
      ctx.request,
    );
    return row!;
  });
  await ctx.storage.delete(upload.key);
  return version;
}
