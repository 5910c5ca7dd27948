import { type Database, runInTenant } from 'atoll/plugin';
import { eq } from 'atoll/plugin/db';
import { polygons } from '../db/schema';
import { polygonNotFound } from '../errors';

/** A polygon of the tenant, or 404 (also for another tenant's polygon: row-level security hides it). */
export async function getPolygon({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; polygonId: string } }) {
  const [row] = await runInTenant(ctx.db, input.tenantId, (tx) => tx.select().from(polygons).where(eq(polygons.id, input.polygonId)));
  if (!row) throw polygonNotFound();
  return row;
}
