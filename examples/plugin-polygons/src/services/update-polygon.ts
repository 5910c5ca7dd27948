import { recordAudit, runInTenant } from 'atoll/plugin';
import { eq, sql } from 'atoll/plugin/db';
import { polygons } from '../db/schema';
import { notCreator, polygonNotFound } from '../errors';
import type { PolygonGeometry } from '../geometry/polygon-geometry';
import { mayChange, type ServiceContext } from './context';
import { geometryColumns } from './polygon-input';

/** Renames a polygon and/or replaces its geometry: its creator or an admin only (403 `POLYGONS_NOT_CREATOR`). */
export async function updatePolygon({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; polygonId: string; name?: string | undefined; geometry?: PolygonGeometry | undefined } }) {
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.geometry !== undefined ? geometryColumns(input.geometry) : {}),
  };
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [current] = await tx.select({ createdBy: polygons.createdBy }).from(polygons).where(eq(polygons.id, input.polygonId)).for('update');
    if (!current) throw polygonNotFound();
    if (!mayChange(ctx, current.createdBy)) throw notCreator();
    const [row] = await tx
      .update(polygons)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(polygons.id, input.polygonId))
      .returning();
    await recordAudit(
      tx,
      {
        tenantId: input.tenantId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: 'polygons.updated',
        targetType: 'polygon',
        targetId: input.polygonId,
        data: { fields: Object.keys(input).filter((k) => k === 'name' || k === 'geometry') },
      },
      ctx.request,
    );
    return row!;
  });
}
