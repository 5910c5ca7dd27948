import { recordAudit, runInTenant } from 'atoll/plugin';
import { eq, sql } from 'drizzle-orm';
import { type ArtifactKind, type ArtifactStatus, artifacts } from '../db/schema';
import { artifactNotFound } from '../errors';
import type { ServiceContext } from './context';
import { checkSources } from './lineage';
import { checkMetadataSize, uniqueTags } from './metadata';

export interface ArtifactChanges {
  name?: string | undefined;
  kind?: ArtifactKind | undefined;
  status?: ArtifactStatus | undefined;
  tags?: string[] | undefined;
  /** Replaces the whole metadata object. */
  metadata?: Record<string, unknown> | undefined;
  sourceArtifactIds?: string[] | undefined;
  producedByJobId?: string | null | undefined;
}

/** Changes the given fields of an artifact (PATCH semantics: absent fields stay as they are). */
export async function updateArtifact({ ctx, input }: { ctx: Pick<ServiceContext, 'db' | 'actor' | 'request'>; input: { tenantId: string; artifactId: string; changes: ArtifactChanges } }) {
  const { changes } = input;
  checkMetadataSize(changes.metadata);
  const sources = changes.sourceArtifactIds ? [...new Set(changes.sourceArtifactIds)] : undefined;
  const set = Object.fromEntries(Object.entries({ ...changes, tags: changes.tags ? uniqueTags(changes.tags) : undefined, sourceArtifactIds: sources }).filter(([, v]) => v !== undefined));
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [current] = await tx.select({ id: artifacts.id }).from(artifacts).where(eq(artifacts.id, input.artifactId)).for('update');
    if (!current) throw artifactNotFound();
    if (sources) await checkSources(tx, sources, input.artifactId);
    const [row] = await tx
      .update(artifacts)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(artifacts.id, input.artifactId))
      .returning();
    await recordAudit(
      tx,
      {
        tenantId: input.tenantId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: 'artifacts.updated',
        targetType: 'artifact',
        targetId: input.artifactId,
        data: { fields: Object.keys(set) },
      },
      ctx.request,
    );
    return row!;
  });
}
