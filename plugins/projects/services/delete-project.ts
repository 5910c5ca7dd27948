import { type Logger, recordAudit, runInTenant } from 'atoll/plugin';
import { eq } from 'drizzle-orm';
import { projects } from '../db/schema';
import { projectNotEmpty, projectNotFound } from '../errors';
import type { ProjectDeletionListener } from '../refs';
import type { ServiceContext } from './context';

/**
 * Deletes a project. When plugins report items in it (artifacts), the delete is refused with 409
 * `PROJECTS_NOT_EMPTY` unless `force`, which deletes those items in the same transaction; their
 * follow-up work (stored objects) runs after the commit, and a failure there is logged, not undone.
 */
export async function deleteProject({
  ctx,
  input,
}: {
  ctx: ServiceContext & { listeners: readonly ProjectDeletionListener[]; logger: Logger };
  input: { tenantId: string; projectId: string; force: boolean };
}) {
  const afterCommit: (() => Promise<void>)[] = [];
  await runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId)).for('update');
    if (!project) throw projectNotFound();
    const event = { tx, tenantId: input.tenantId, projectId: input.projectId, actor: ctx.actor, request: ctx.request };
    let items = 0;
    for (const listener of ctx.listeners) items += await listener.countItems(event);
    if (items > 0 && !input.force) throw projectNotEmpty(items);
    for (const listener of ctx.listeners) {
      const later = await listener.deleteItems(event);
      if (later) afterCommit.push(later);
    }
    await tx.delete(projects).where(eq(projects.id, input.projectId));
    await recordAudit(
      tx,
      {
        tenantId: input.tenantId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: 'projects.deleted',
        targetType: 'project',
        targetId: project.id,
        data: { name: project.name, force: input.force, items },
      },
      ctx.request,
    );
  });
  for (const work of afterCommit) {
    await work().catch((error: unknown) => ctx.logger.error('project deletion follow-up failed', { projectId: input.projectId, error: error as Error }));
  }
}
