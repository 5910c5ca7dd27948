import { validationFailed, type Database } from 'atoll/plugin';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { authSessions } from '../db/schema';
import { toBase64Url } from './encoding';

export interface SessionView {
  id: string;
  kind: 'api' | 'browser';
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  current: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const encodeCursor = (createdAt: Date, id: string) => toBase64Url(new TextEncoder().encode(`${createdAt.toISOString()}|${id}`));

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id, ...rest] = atob(cursor.replace(/-/g, '+').replace(/_/g, '/')).split('|');
    if (rest.length === 0 && createdAt && id && UUID.test(id) && !Number.isNaN(Date.parse(createdAt))) return { createdAt, id };
  } catch {
    // fall through
  }
  throw validationFailed('AUTH_INVALID_CURSOR', 'The cursor is invalid', [{ location: 'query', path: 'cursor', message: 'Invalid cursor' }]);
}

/** The user's own live sessions, newest first, a page at a time (`nextCursor` when there are more). */
export async function listSessions({ ctx, input }: { ctx: { db: Database }; input: { userId: string; currentSessionId?: string; limit: number; cursor?: string } }) {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await ctx.db
    .select({
      id: authSessions.familyId,
      kind: authSessions.kind,
      createdAt: authSessions.createdAt,
      lastUsedAt: authSessions.lastUsedAt,
      userAgent: authSessions.userAgent,
    })
    .from(authSessions)
    .where(
      and(
        eq(authSessions.userId, input.userId),
        isNull(authSessions.rotatedAt),
        isNull(authSessions.revokedAt),
        sql`${authSessions.expiresAt} > now()`,
        after ? sql`(${authSessions.createdAt}, ${authSessions.familyId}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(authSessions.createdAt), desc(authSessions.familyId))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r): SessionView => ({
      id: r.id,
      kind: r.kind,
      createdAt: r.createdAt.toISOString(),
      lastUsedAt: r.lastUsedAt.toISOString(),
      userAgent: r.userAgent,
      current: r.id === input.currentSessionId,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
