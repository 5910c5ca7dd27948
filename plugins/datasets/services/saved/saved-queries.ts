import { CURSOR_PARTS, type Database, decodeCursor, encodeCursor, recordAudit, runInTenant } from 'atoll/plugin';
import { asc, eq, sql } from 'drizzle-orm';
import { type SavedQueryRow, savedQueries } from '../../db/schema';
import { invalidCursor, savedQueryNameTaken, savedQueryNotFound, sqlStateOf } from '../../errors';
import type { ServiceContext } from '../context';

const nameKey = sql<string>`lower(${savedQueries.name})`;

/**
 * A page of the tenant's saved queries by name (ignoring case, ties by id).
 *
 * @example
 * const { items, nextCursor } = await listSavedQueries({ ctx: { db }, input: { tenantId, limit: 50 } });
 */
export async function listSavedQueries({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; limit: number; cursor?: string | undefined } }) {
  const after = input.cursor ? decodeCursor(input.cursor, [CURSOR_PARTS.name, CURSOR_PARTS.uuid]) : undefined;
  if (after === null) throw invalidCursor();
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ row: savedQueries, key: nameKey })
      .from(savedQueries)
      .where(after ? sql`(${nameKey}, ${savedQueries.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined)
      .orderBy(asc(nameKey), asc(savedQueries.id))
      .limit(input.limit + 1),
  );
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items: items.map((r) => r.row), nextCursor: rows.length > input.limit && last ? encodeCursor([last.key, last.row.id]) : null };
}

/** One saved query of the tenant, or 404. */
export async function getSavedQuery({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; id: string } }): Promise<SavedQueryRow> {
  const [row] = await runInTenant(ctx.db, input.tenantId, (tx) => tx.select().from(savedQueries).where(eq(savedQueries.id, input.id)).limit(1));
  if (!row) throw savedQueryNotFound();
  return row;
}

/** Saves `sql` under `name` for the tenant (409 when the name is taken, ignoring case), with an audit row. */
export async function saveQuery({ ctx, input }: { ctx: ServiceContext; input: { name: string; sql: string } }): Promise<SavedQueryRow> {
  try {
    return await runInTenant(ctx.db, ctx.tenantId, async (tx) => {
      const [row] = await tx.insert(savedQueries).values({ tenantId: ctx.tenantId, name: input.name, sql: input.sql, createdBy: ctx.actor.id }).returning();
      await recordAudit(
        tx,
        { tenantId: ctx.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'datasets.query_saved', targetType: 'saved_query', targetId: row!.id, data: { name: input.name } },
        ctx.request,
      );
      return row!;
    });
  } catch (error) {
    throw sqlStateOf(error) === '23505' ? savedQueryNameTaken(input.name) : error;
  }
}

/** Deletes one of the tenant's saved queries (404 when there is none), with an audit row. */
export async function deleteSavedQuery({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<void> {
  await runInTenant(ctx.db, ctx.tenantId, async (tx) => {
    const [row] = await tx.delete(savedQueries).where(eq(savedQueries.id, input.id)).returning({ id: savedQueries.id, name: savedQueries.name });
    if (!row) throw savedQueryNotFound();
    await recordAudit(
      tx,
      { tenantId: ctx.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'datasets.query_deleted', targetType: 'saved_query', targetId: row.id, data: { name: row.name } },
      ctx.request,
    );
  });
}
