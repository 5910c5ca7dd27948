import { CURSOR_PARTS, type Database, runInTenant } from 'atoll/plugin';
import { asc, sql } from 'drizzle-orm';
import { memberships } from '../db/schema';
import { pageOf, preciseTime, readCursor } from './cursor';
import type { UsersLookup } from './users';

/** The tenant's members (oldest first) with their email and name from the auth plugin. */
export async function listMembers({ ctx, input }: { ctx: { db: Database; users: UsersLookup }; input: { tenantId: string; limit: number; cursor?: string | undefined } }) {
  const after = input.cursor ? readCursor(input.cursor, [CURSOR_PARTS.time, CURSOR_PARTS.uuid]) : undefined;
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ userId: memberships.userId, role: memberships.role, createdAt: memberships.createdAt, sortKey: preciseTime(memberships.createdAt) })
      .from(memberships)
      .where(after ? sql`(${memberships.createdAt}, ${memberships.userId}) > (${after[0]}::timestamptz, ${after[1]})` : undefined)
      .orderBy(asc(memberships.createdAt), asc(memberships.userId))
      .limit(input.limit + 1),
  );
  const page = pageOf(rows, input.limit, (r) => [r.sortKey, r.userId]);
  const users = new Map(
    (
      await ctx.users.getUsers(
        ctx.db,
        page.items.map((m) => m.userId),
      )
    ).map((u) => [u.id, u]),
  );
  return {
    items: page.items.map((m) => ({ userId: m.userId, email: users.get(m.userId)?.email ?? null, name: users.get(m.userId)?.name ?? null, role: m.role, createdAt: m.createdAt })),
    nextCursor: page.nextCursor,
  };
}
