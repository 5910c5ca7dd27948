import { CURSOR_PARTS, type Database, decodeCursor, encodeCursor, runInTenant } from 'atoll/plugin';
import { and, asc, eq, ilike, sql } from 'drizzle-orm';
import { dashboards } from '../db/schema';
import { invalidCursor } from '../errors';

/** The tenant's dashboards by name (ignoring case), keyset-paginated; `q` matches a name substring. */
export async function listDashboards({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; limit: number; cursor?: string | undefined; q?: string | undefined } }) {
  const after = input.cursor ? decodeCursor(input.cursor, [CURSOR_PARTS.name, CURSOR_PARTS.uuid]) : undefined;
  if (after === null) throw invalidCursor();
  const lowerName = sql<string>`lower(${dashboards.name})`;
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ row: dashboards, key: lowerName })
      .from(dashboards)
      .where(
        and(
          eq(dashboards.tenantId, input.tenantId),
          input.q ? ilike(dashboards.name, `%${input.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`) : undefined,
          after ? sql`(${lowerName}, ${dashboards.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(lowerName), asc(dashboards.id))
      .limit(input.limit + 1),
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page.map((r) => r.row), nextCursor: rows.length > input.limit && last ? encodeCursor([last.key, last.row.id]) : null };
}
