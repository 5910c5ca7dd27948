import { type Database, runInTenant } from 'atoll/plugin';
import { desc, getTableColumns, sql } from 'atoll/plugin/db';
import { polygons } from '../db/schema';
import { pageOf, readCursor, timeKeyOf } from './cursor';

/** A list row leaves the geometry out (up to 1,000 positions each); `getPolygon` has it. */
const { geometry: _, ...summaryColumns } = getTableColumns(polygons);

/** A page of the tenant's polygons, newest first (ties broken by id), without their geometry. */
export async function listPolygons({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; limit: number; cursor?: string | undefined } }) {
  const after = readCursor(input.cursor);
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ ...summaryColumns, timeKey: timeKeyOf(polygons.createdAt) })
      .from(polygons)
      .where(after ? sql`(${polygons.createdAt}, ${polygons.id}) < (${after.time}::timestamptz, ${after.id}::uuid)` : undefined)
      .orderBy(desc(polygons.createdAt), desc(polygons.id))
      .limit(input.limit + 1),
  );
  return pageOf(rows, input.limit);
}
