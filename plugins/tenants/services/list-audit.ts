import { desc, sql } from 'drizzle-orm';
import { auditLog as log, runInTenant, type Database } from 'atoll/plugin';
import { decodeCursor, pageOf, preciseTime, TIME_PATTERN, UUID_PATTERN } from './cursor';

/** The tenant's audit log, newest first, a page at a time. RLS confines it to the tenant. */
export async function listAudit({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; limit: number; cursor?: string | undefined } }) {
  const before = input.cursor ? decodeCursor(input.cursor, 2, [TIME_PATTERN, UUID_PATTERN]) : undefined;
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({
        id: log.id,
        actorType: log.actorType,
        actorId: log.actorId,
        action: log.action,
        targetType: log.targetType,
        targetId: log.targetId,
        requestId: log.requestId,
        data: log.data,
        createdAt: log.createdAt,
        sortKey: preciseTime(log.createdAt),
      })
      .from(log)
      .where(before ? sql`(${log.createdAt}, ${log.id}) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : undefined)
      .orderBy(desc(log.createdAt), desc(log.id))
      .limit(input.limit + 1),
  );
  const page = pageOf(rows, input.limit, (r) => [r.sortKey, r.id]);
  return { items: page.items.map(({ sortKey: _, ...entry }) => entry), nextCursor: page.nextCursor };
}
