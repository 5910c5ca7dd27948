import type { Database, ObjectStorage } from 'atoll/plugin';
import { findVersion } from './read-content';

export const DEFAULT_DOWNLOAD_SECONDS = 900;

/** A presigned GET for a version (default the latest), valid `expiresIn` seconds (at most 7 days). */
export async function presignDownload({
  ctx,
  input,
}: {
  ctx: { db: Database; storage: ObjectStorage };
  input: { tenantId: string; artifactId: string; version?: number | undefined; expiresIn?: number | undefined };
}) {
  const { artifact, version } = await findVersion({ ctx, input });
  const expiresIn = input.expiresIn ?? DEFAULT_DOWNLOAD_SECONDS;
  const url = await ctx.storage.presignGet(version.key, { expiresIn, filename: artifact.name });
  return { url, version: version.version, expiresAt: new Date(Date.now() + expiresIn * 1000) };
}
