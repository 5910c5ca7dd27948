import { CURSOR_PARTS, type Database, runInTenant } from 'atoll/plugin';
import { desc, getTableColumns, sql } from 'drizzle-orm';
import { apiKeys } from '../db/schema';
import { pageOf, preciseTime, readCursor } from './cursor';

const { secretHash: _, ...visible } = getTableColumns(apiKeys);

/** The tenant's API keys, newest first, without secrets or hashes. */
export async function listApiKeys({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; limit: number; cursor?: string | undefined } }) {
  const before = input.cursor ? readCursor(input.cursor, [CURSOR_PARTS.time, CURSOR_PARTS.uuid]) : undefined;
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ ...visible, sortKey: preciseTime(apiKeys.createdAt) })
      .from(apiKeys)
      .where(before ? sql`(${apiKeys.createdAt}, ${apiKeys.id}) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : undefined)
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
      .limit(input.limit + 1),
  );
  const page = pageOf(rows, input.limit, (r) => [r.sortKey, r.id]);
  return { items: page.items.map(({ sortKey: _k, ...key }) => key), nextCursor: page.nextCursor };
}
