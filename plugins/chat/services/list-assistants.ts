import { type Database, runInTenant } from 'atoll/plugin';
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { chatAssistants } from '../db/schema';
import { CURSOR_PART, decodeCursor, encodeCursor } from './cursor';
import { ensureDefaultAssistant } from './default-assistant';

const SHAPE = [CURSOR_PART.flag, CURSOR_PART.name, CURSOR_PART.uuid];
// Default first (false sorts before true), then by name ignoring case; ties broken by id.
const notDefault = sql<boolean>`(not ${chatAssistants.isDefault})`;
const lowerName = sql<string>`lower(${chatAssistants.name})`;

/** A page of the tenant's assistants, the default first, then by name; the default is made if missing. */
export async function listAssistants({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; limit: number; cursor?: string | undefined } }) {
  const after = input.cursor ? decodeCursor(input.cursor, SHAPE) : undefined;
  const position = after ? sql`(${notDefault}, ${lowerName}, ${chatAssistants.id}) > (${after[0] === '1'}, ${after[1]}, ${after[2]}::uuid)` : undefined;
  const rows = await runInTenant(ctx.db, input.tenantId, async (tx) => {
    await ensureDefaultAssistant(tx, input.tenantId);
    return tx
      .select({ ...getTableColumns(chatAssistants), sortName: lowerName })
      .from(chatAssistants)
      .where(and(eq(chatAssistants.tenantId, input.tenantId), position))
      .orderBy(asc(notDefault), asc(lowerName), asc(chatAssistants.id))
      .limit(input.limit + 1);
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > input.limit && last ? encodeCursor([last.isDefault ? '0' : '1', last.sortName, last.id]) : null;
  return { items: items.map(({ sortName: _, ...assistant }) => assistant), nextCursor };
}
