import { type Database, runInTenant } from 'atoll/plugin';
import { desc, sql } from 'atoll/plugin/db';
import { polygons } from '../db/schema';

/** The page draws at most this many polygons (the newest), so it stays light at 1,000 positions each. */
export const MAP_MAX_POLYGONS = 100;

/** The newest polygons of the tenant with their geometry, and how many it has in all. */
export async function mapPolygons({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const rows = await tx
      .select({ id: polygons.id, name: polygons.name, geometry: polygons.geometry, areaSquareMeters: polygons.areaSquareMeters, positionCount: polygons.positionCount, createdAt: polygons.createdAt })
      .from(polygons)
      .orderBy(desc(polygons.createdAt), desc(polygons.id))
      .limit(MAP_MAX_POLYGONS);
    const [counted] = await tx.select({ total: sql<number>`count(*)::int` }).from(polygons);
    return { rows, total: counted?.total ?? rows.length };
  });
}
