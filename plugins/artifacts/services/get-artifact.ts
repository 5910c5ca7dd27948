import { type Database, runInTenant } from 'atoll/plugin';
import { asc, eq } from 'drizzle-orm';
import { artifacts, artifactVersions } from '../db/schema';
import { artifactNotFound } from '../errors';

/** An artifact of the tenant with its versions (oldest first), or 404. */
export async function getArtifact({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; artifactId: string } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [artifact] = await tx.select().from(artifacts).where(eq(artifacts.id, input.artifactId));
    if (!artifact) throw artifactNotFound();
    const versions = await tx.select().from(artifactVersions).where(eq(artifactVersions.artifactId, artifact.id)).orderBy(asc(artifactVersions.version));
    return { ...artifact, versions };
  });
}
