import { recordAudit, runInTenant } from 'atoll/plugin';
import { polygons } from '../db/schema';
import type { PolygonGeometry } from '../geometry/polygon-geometry';
import { creatorOf, type ServiceContext } from './context';
import { geometryColumns } from './polygon-input';

/** Creates a polygon after validating its geometry; its area is computed once, here. */
export async function createPolygon({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; name: string; geometry: PolygonGeometry } }) {
  const columns = geometryColumns(input.geometry);
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [row] = await tx
      .insert(polygons)
      .values({ tenantId: input.tenantId, name: input.name, ...columns, createdBy: creatorOf(ctx.actor) })
      .returning();
    await recordAudit(
      tx,
      { tenantId: input.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'polygons.created', targetType: 'polygon', targetId: row!.id, data: { name: input.name } },
      ctx.request,
    );
    return row!;
  });
}
