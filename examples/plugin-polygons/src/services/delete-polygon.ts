import { recordAudit, runInTenant } from 'atoll/plugin';
import { eq } from 'atoll/plugin/db';
import { polygons } from '../db/schema';
import { notCreator, polygonNotFound } from '../errors';
import { mayChange, type ServiceContext } from './context';

/** Deletes a polygon and its notes (the foreign key cascades): its creator or an admin only. */
export async function deletePolygon({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; polygonId: string } }) {
  await runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [current] = await tx.select({ name: polygons.name, createdBy: polygons.createdBy }).from(polygons).where(eq(polygons.id, input.polygonId)).for('update');
    if (!current) throw polygonNotFound();
    if (!mayChange(ctx, current.createdBy)) throw notCreator();
    await tx.delete(polygons).where(eq(polygons.id, input.polygonId));
    await recordAudit(
      tx,
      { tenantId: input.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'polygons.deleted', targetType: 'polygon', targetId: input.polygonId, data: { name: current.name } },
      ctx.request,
    );
  });
}
