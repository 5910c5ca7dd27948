import { recordAudit, runInTenant } from 'atoll/plugin';
import type { ProjectsService } from '../../projects';
import { type ArtifactKind, type ArtifactStatus, artifacts } from '../db/schema';
import { hasSqlState, projectNotFound } from '../errors';
import type { ServiceContext } from './context';
import { checkSources } from './lineage';
import { checkMetadataSize, uniqueTags } from './metadata';

export interface NewArtifact {
  tenantId: string;
  projectId: string;
  name: string;
  kind: ArtifactKind;
  status?: ArtifactStatus | undefined;
  tags?: string[] | undefined;
  metadata?: Record<string, unknown> | undefined;
  sourceArtifactIds?: string[] | undefined;
  producedByJobId?: string | null | undefined;
}

/** Creates an artifact (no content yet) in a project of the same tenant (404 otherwise). */
export async function createArtifact({ ctx, input }: { ctx: Pick<ServiceContext, 'db' | 'actor' | 'request'> & { projects: ProjectsService }; input: NewArtifact }) {
  checkMetadataSize(input.metadata);
  const sources = [...new Set(input.sourceArtifactIds ?? [])];
  try {
    return await runInTenant(ctx.db, input.tenantId, async (tx) => {
      if (!(await ctx.projects.findProject(tx, input.projectId))) throw projectNotFound();
      await checkSources(tx, sources);
      const [row] = await tx
        .insert(artifacts)
        .values({
          tenantId: input.tenantId,
          projectId: input.projectId,
          name: input.name,
          kind: input.kind,
          status: input.status ?? 'draft',
          tags: uniqueTags(input.tags ?? []),
          metadata: input.metadata ?? {},
          sourceArtifactIds: sources,
          producedByJobId: input.producedByJobId ?? null,
          createdBy: ctx.actor.id,
        })
        .returning();
      await recordAudit(
        tx,
        {
          tenantId: input.tenantId,
          actorType: ctx.actor.type,
          actorId: ctx.actor.id,
          action: 'artifacts.created',
          targetType: 'artifact',
          targetId: row!.id,
          data: { projectId: input.projectId, name: input.name, kind: input.kind },
        },
        ctx.request,
      );
      return row!;
    });
  } catch (error) {
    // The project was deleted between the check and the insert.
    if (hasSqlState(error, '23503')) throw projectNotFound();
    throw error;
  }
}
