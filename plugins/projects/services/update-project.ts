import { recordAudit, runInTenant } from 'atoll/plugin';
import { eq, sql } from 'drizzle-orm';
import { projects } from '../db/schema';
import { isUniqueViolation, nameTaken, projectNotFound } from '../errors';
import type { ServiceContext } from './context';

/** Changes a project's name and/or description (`null` clears the description). */
export async function updateProject({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; projectId: string; name?: string | undefined; description?: string | null | undefined } }) {
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
  };
  try {
    return await runInTenant(ctx.db, input.tenantId, async (tx) => {
      const [row] = await tx
        .update(projects)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(projects.id, input.projectId))
        .returning();
      if (!row) throw projectNotFound();
      await recordAudit(
        tx,
        { tenantId: input.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'projects.updated', targetType: 'project', targetId: row.id, data: { fields: Object.keys(changes) } },
        ctx.request,
      );
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name ?? '');
    throw error;
  }
}
