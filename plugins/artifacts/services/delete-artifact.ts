import { type Logger, type ObjectStorage, recordAudit, runInTenant } from 'atoll/plugin';
import { count, eq } from 'drizzle-orm';
import type { ProjectDeletionListener } from '../../projects';
import { artifacts } from '../db/schema';
import { artifactNotFound } from '../errors';
import { purgeArtifactObjects, type ServiceContext } from './context';

/**
 * Deletes an artifact, its versions and uploads, then every stored object under its prefix. The
 * objects go after the commit: a storage failure then leaves unreachable objects (logged), never
 * a version row whose content is gone.
 */
export async function deleteArtifact({ ctx, input }: { ctx: Pick<ServiceContext, 'db' | 'actor' | 'request' | 'storage'> & { logger: Logger }; input: { tenantId: string; artifactId: string } }) {
  await runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [row] = await tx.delete(artifacts).where(eq(artifacts.id, input.artifactId)).returning({ id: artifacts.id, name: artifacts.name, projectId: artifacts.projectId });
    if (!row) throw artifactNotFound();
    await recordAudit(
      tx,
      {
        tenantId: input.tenantId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: 'artifacts.deleted',
        targetType: 'artifact',
        targetId: row.id,
        data: { name: row.name, projectId: row.projectId },
      },
      ctx.request,
    );
  });
  await purgeArtifactObjects(ctx.storage, input.tenantId, [input.artifactId]).catch((error: unknown) =>
    ctx.logger.error('artifact objects not deleted', { artifactId: input.artifactId, error: error as Error }),
  );
}

/** The `projects.deletion` listener: counts a project's artifacts, and deletes them on force delete. */
export const projectArtifactsListener = (storage: ObjectStorage): ProjectDeletionListener => ({
  async countItems({ tx, projectId }) {
    const [row] = await tx.select({ n: count() }).from(artifacts).where(eq(artifacts.projectId, projectId));
    return row?.n ?? 0;
  },
  async deleteItems({ tx, tenantId, projectId, actor, request }) {
    const gone = await tx.delete(artifacts).where(eq(artifacts.projectId, projectId)).returning({ id: artifacts.id });
    if (gone.length === 0) return;
    const ids = gone.map((a) => a.id);
    await recordAudit(
      tx,
      {
        tenantId,
        actorType: actor.type,
        actorId: actor.id,
        action: 'artifacts.deleted_with_project',
        targetType: 'project',
        targetId: projectId,
        data: { count: ids.length, artifactIds: ids.slice(0, 100) },
      },
      request,
    );
    return () => purgeArtifactObjects(storage, tenantId, ids);
  },
});
