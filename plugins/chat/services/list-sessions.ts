import { type Database, runInTenant } from 'atoll/plugin';
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { chatSessions } from '../db/schema';
import { CURSOR_PART, decodeCursor, encodeCursor } from './cursor';

const SHAPE = [CURSOR_PART.time, CURSOR_PART.uuid];
const updatedKey = sql<string>`to_char(${chatSessions.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A page of the caller's own sessions in the tenant, the most recently updated first. */
export async function listSessions({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; userId: string; limit: number; cursor?: string | undefined } }) {
  const after = input.cursor ? decodeCursor(input.cursor, SHAPE) : undefined;
  const position = after ? sql`(${chatSessions.updatedAt}, ${chatSessions.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined;
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ ...getTableColumns(chatSessions), sortKey: updatedKey })
      .from(chatSessions)
      .where(and(eq(chatSessions.tenantId, input.tenantId), eq(chatSessions.userId, input.userId), position))
      .orderBy(desc(chatSessions.updatedAt), desc(chatSessions.id))
      .limit(input.limit + 1),
  );
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > input.limit && last ? encodeCursor([last.sortKey, last.id]) : null;
  return { items: items.map(({ sortKey: _, ...session }) => session), nextCursor };
}
