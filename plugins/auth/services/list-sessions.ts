import { CURSOR_PARTS, type Database, decodeCursor, encodeCursor, validationFailed } from 'atoll/plugin';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { authSessions } from '../db/schema';

export interface SessionView {
  id: string;
  kind: 'api' | 'browser';
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  current: boolean;
}

// Microseconds kept: a millisecond `toISOString()` cursor would skip sessions created in the same millisecond.
const createdKey = sql<string>`to_char(${authSessions.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const invalidCursor = () => validationFailed('AUTH_INVALID_CURSOR', 'The cursor is invalid', [{ location: 'query', path: 'cursor', message: 'Invalid cursor' }]);

/** The user's own live sessions, newest first, a page at a time (`nextCursor` when there are more). */
export async function listSessions({ ctx, input }: { ctx: { db: Database }; input: { userId: string; currentSessionId?: string; limit: number; cursor?: string } }) {
  const after = input.cursor ? decodeCursor(input.cursor, [CURSOR_PARTS.time, CURSOR_PARTS.uuid]) : undefined;
  if (after === null) throw invalidCursor();
  const rows = await ctx.db
    .select({
      id: authSessions.familyId,
      kind: authSessions.kind,
      createdAt: authSessions.createdAt,
      lastUsedAt: authSessions.lastUsedAt,
      userAgent: authSessions.userAgent,
      createdKey,
    })
    .from(authSessions)
    .where(
      and(
        eq(authSessions.userId, input.userId),
        isNull(authSessions.rotatedAt),
        isNull(authSessions.revokedAt),
        sql`${authSessions.expiresAt} > now()`,
        after ? sql`(${authSessions.createdAt}, ${authSessions.familyId}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(authSessions.createdAt), desc(authSessions.familyId))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(
      (r): SessionView => ({
        id: r.id,
        kind: r.kind,
        createdAt: r.createdAt.toISOString(),
        lastUsedAt: r.lastUsedAt.toISOString(),
        userAgent: r.userAgent,
        current: r.id === input.currentSessionId,
      }),
    ),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdKey, last.id]) : null,
  };
}
