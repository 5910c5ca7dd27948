import { recordAudit, runInTenant } from 'atoll/plugin';
import { projects } from '../db/schema';
import { isUniqueViolation, nameTaken } from '../errors';
import type { ServiceContext } from './context';

/** Creates a project; its name must be free in the tenant (ignoring case). */
export async function createProject({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; name: string; description?: string | null | undefined } }) {
  try {
    return await runInTenant(ctx.db, input.tenantId, async (tx) => {
      const [row] = await tx
        .insert(projects)
        .values({ tenantId: input.tenantId, name: input.name, description: input.description ?? null, createdBy: ctx.actor.id })
        .returning();
      await recordAudit(
        tx,
        { tenantId: input.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'projects.created', targetType: 'project', targetId: row!.id, data: { name: input.name } },
        ctx.request,
      );
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}
